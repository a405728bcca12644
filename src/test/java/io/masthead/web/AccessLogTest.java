package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AccessLogTest {

  @Test
  void every_line_is_written_in_order_and_lines_that_wait_share_one_write() throws Exception {
    var writes = Collections.synchronizedList(new ArrayList<String>());
    var firstWriteStarted = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var log = new AccessLog(text -> {
      firstWriteStarted.countDown();
      await(release);
      writes.add(text);
    });
    log.record(client("203.0.113.7"), "GET", "/first", 200, 0.4f);
    assertThat(firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 5_000; i++)
      log.record(client("203.0.113.7"), "GET", "/page/" + i, 200, 1.6f);
    release.countDown();
    log.close();

    var lines = writes.stream().flatMap(w -> w.lines()).toList();
    assertThat(lines).hasSize(5_001);
    assertThat(lines.get(0)).endsWith(" 203.0.113.7 GET /first 200 0ms");
    for (int i = 0; i < 5_000; i++) assertThat(lines.get(i + 1)).contains(" /page/" + i + " ");
    // The 5,000 lines that came in during the first write went out in a few writes, not 5,000.
    assertThat(writes.size()).isLessThan(10);
  }

  @Test
  void a_line_has_the_time_in_utc_the_client_the_request_the_status_and_the_duration() {
    var writes = new ArrayList<String>();
    var log = new AccessLog(writes::add);
    long before = System.currentTimeMillis();
    log.record(client("198.51.100.20"), "POST", "/newsroom/articles/7", 303, 12.6f);
    log.close();

    var line = String.join("\n", writes);
    assertThat(line)
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"
            + " 198.51.100.20 POST /newsroom/articles/7 303 13ms");
    var at = java.time.Instant.parse(line.substring(0, line.indexOf(' ')));
    assertThat(at.toEpochMilli()).isBetween(before, System.currentTimeMillis());
  }

  private static java.net.SocketAddress client(String address) {
    try {
      return new java.net.InetSocketAddress(java.net.InetAddress.getByName(address), 50_000);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
