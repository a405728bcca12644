package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics}: off by default, behind its token when on, and Prometheus's text format. */
class MetricsIT {
  static final String TOKEN = "a-metrics-token-for-tests";
  /** One sample line of the text format: a name, optional labels, a value. */
  static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*\\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)");

  @TempDir
  Path folder;

  @Test
  void metrics_are_off_unless_a_token_is_set() {
    try (var site = TestOutlet.start(folder, 20)) {
      assertThat(site.get("/metrics").statusCode()).isEqualTo(404);
      assertThat(site.get("/metrics", "Authorization", "Bearer " + TOKEN).statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void with_the_token_every_line_parses_and_requests_pages_followers_pool_and_jvm_are_counted() {
    try (var site = TestOutlet.start(
        folder, TestDatabases.sqlite(folder), 20, Map.of("server.metrics-token", TOKEN))) {
      site.get("/");
      site.get("/");
      site.get("/no-such-section/");
      assertThat(site.get("/metrics").statusCode()).isEqualTo(401);
      assertThat(site.get("/metrics", "Authorization", "Bearer wrong-token-wrong-token")
              .statusCode())
          .isEqualTo(401);
      var response = site.get("/metrics", "Authorization", "Bearer " + TOKEN);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      var samples = new HashMap<String, Double>();
      for (var line : response.body().split("\n")) {
        if (line.isBlank() || line.startsWith("#")) continue;
        var m = SAMPLE.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        samples.merge(
            m.group(1) + (m.group(2) == null ? "" : m.group(2)),
            Double.parseDouble(m.group(3).replace("Inf", "Infinity")),
            Double::sum);
      }
      assertThat(sum(samples, "http_server_requests_seconds_count", "route=\"/\""))
          .isGreaterThanOrEqualTo(2);
      assertThat(sum(samples, "http_server_requests_seconds_count", "status=\"404\""))
          .isGreaterThanOrEqualTo(1);
      assertThat(sum(samples, "cache_gets_total", "result=\"hit\"")).isGreaterThanOrEqualTo(1);
      assertThat(samples.keySet())
          .anyMatch(k -> k.startsWith("masthead_change_log_lag{follower=\"caches\""));
      assertThat(samples.keySet()).anyMatch(k -> k.startsWith("hikaricp_connections"));
      assertThat(samples.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes"));
      assertThat(samples.keySet()).anyMatch(k -> k.startsWith("masthead_page_cache_bytes"));
    }
  }

  static double sum(Map<String, Double> samples, String name, String label) {
    return samples.entrySet().stream()
        .filter(e -> e.getKey().startsWith(name + "{") && e.getKey().contains(label))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }
}
