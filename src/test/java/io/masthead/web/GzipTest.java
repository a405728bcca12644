package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipTest {
  @Test
  void anyStandardGunzipReadsWhatItWrites() throws IOException {
    var random = new Random(42);
    var incompressible = new byte[100_000];
    random.nextBytes(incompressible);
    var page = "<p>Officials in Port Esker said on Monday…</p>\n"
        .repeat(400)
        .getBytes(StandardCharsets.UTF_8);
    for (var bytes :
        new byte[][] {new byte[0], "x".getBytes(StandardCharsets.UTF_8), page, incompressible}) {
      for (int level : new int[] {1, 5, 9}) {
        var compressed = Gzip.compress(bytes, level);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
          assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(Gzip.decompress(compressed)).isEqualTo(bytes);
      }
    }
    assertThat(Gzip.compress(page, 1).length).isLessThan(page.length / 10);
  }

  @Test
  void deflatersSharedAcrossThreadsNeverMixTwoPages() throws Exception {
    var pages = IntStream.range(0, 64)
        .mapToObj(i -> ("<article id=" + i + ">" + "word ".repeat(200 + i * 37) + "</article>")
            .getBytes(StandardCharsets.UTF_8))
        .toList();
    try (var pool = Executors.newFixedThreadPool(8)) {
      var results = pool.invokeAll(IntStream.range(0, 2_000)
          .<java.util.concurrent.Callable<Boolean>>mapToObj(i -> () -> {
            var page = pages.get(i % pages.size());
            return java.util.Arrays.equals(
                Gzip.decompress(Gzip.compress(page, i % 2 == 0 ? 1 : 6)), page);
          })
          .toList());
      for (var result : results) assertThat(result.get()).isTrue();
    }
  }
}
