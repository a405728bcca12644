package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.testing.TestOutlet;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the database goes away: a 500 page with a reference, never a stack trace; health says 503. */
class ErrorPagesIT {
  @TempDir
  Path folder;

  @Test
  void a_failure_on_our_side_shows_a_friendly_500_page_with_a_reference() {
    try (var site = TestOutlet.start(folder, 40)) {
      assertThat(site.get("/healthz").statusCode()).isEqualTo(200);
      site.outlet.database.close();
      // Second pages: the server read a first page of each kind before it opened, and those
      // are served from its page cache without the database.
      var response = site.get("/ar/world/?page=2");
      assertThat(response.statusCode()).isEqualTo(500);
      var page = Jsoup.parse(response.body());
      assertThat(page.select("html").attr("dir")).isEqualTo("rtl");
      assertThat(page.select("main h1").text()).isEqualTo("حدث خطأ ما");
      assertThat(page.select(".reference").text()).matches("المرجع: [0-9a-z]+");
      assertThat(response.body()).doesNotContain("Exception", "at io.", "Hikari", "SQL");
      var json = site.get("/world/?page=2", "Accept", "application/json");
      assertThat(json.statusCode()).isEqualTo(500);
      assertThat(json.body()).startsWith("{\"status\":500,\"reference\":\"");
      assertThat(site.get("/healthz").statusCode()).isEqualTo(503);
    }
  }
}
