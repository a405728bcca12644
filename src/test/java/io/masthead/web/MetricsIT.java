package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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
      var samples = samples(response.body());
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

  @Test
  void a_server_reads_each_kind_of_page_before_it_opens_and_logs_none_of_it() {
    try (var site = TestOutlet.start(
        folder, TestDatabases.sqlite(folder), 20, Map.of("server.metrics-token", TOKEN))) {
      var atOpening =
          samples(site.get("/metrics", "Authorization", "Bearer " + TOKEN).body());
      // The tour's requests are not the readers': no request is counted yet.
      assertThat(sum(atOpening, "http_server_requests_seconds_count", "")).isZero();
      // Home, section, article, series, tag, author, favorites, feeds, search … were rendered.
      double rendered = sum(atOpening, "cache_gets_total", "result=\"miss\"");
      assertThat(rendered).isGreaterThanOrEqualTo(10);

      assertThat(site.get("/").statusCode()).isEqualTo(200);
      var after =
          samples(site.get("/metrics", "Authorization", "Bearer " + TOKEN).body());
      assertThat(sum(after, "http_server_requests_seconds_count", "route=\"/\""))
          .isEqualTo(1);
      // The first reader's home page came from the page cache, rendered before the port opened.
      assertThat(sum(after, "cache_gets_total", "result=\"miss\"")).isEqualTo(rendered);

      // The pages no link leads to are real pages (their classes are what the tour is for),
      // but for the one that is missing on purpose.
      for (var path : SiteTour.unlinked(List.of("/", "/ar/"))) {
        assertThat(site.get(path).statusCode())
            .as(path)
            .isEqualTo(path.equals(SiteTour.MISSING) ? 404 : 200);
      }
    }
  }

  /** The samples of a text-format answer, by name and labels, each line checked to parse. */
  static Map<String, Double> samples(String body) {
    var samples = new HashMap<String, Double>();
    for (var line : body.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      var m = SAMPLE.matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      samples.merge(
          m.group(1) + (m.group(2) == null ? "" : m.group(2)),
          Double.parseDouble(m.group(3).replace("Inf", "Infinity")),
          Double::sum);
    }
    return samples;
  }

  static double sum(Map<String, Double> samples, String name, String label) {
    return samples.entrySet().stream()
        .filter(e -> e.getKey().startsWith(name + "{") && e.getKey().contains(label))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }
}
