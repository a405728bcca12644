package io.masthead.web.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.testing.TestEditions;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SitePathsTest {
  @Test
  void an_article_lives_under_its_section_and_the_day_it_was_published_where_the_edition_is() {
    var english = TestEditions.ENGLISH;
    var arabic = TestEditions.inZone(TestEditions.ARABIC, ZoneId.of("Asia/Riyadh"));
    var lateOnNewYearsEve = Instant.parse("2026-12-31T22:30:00Z");
    assertThat(SitePaths.article(english, "world", "storm-warning", lateOnNewYearsEve))
        .isEqualTo("/world/2026/12/31/storm-warning");
    // Already the first of January in Riyadh (UTC+3): month and day keep their leading zero.
    assertThat(SitePaths.article(arabic, "العالم", "عاصفة", lateOnNewYearsEve))
        .isEqualTo("/ar/العالم/2027/01/01/عاصفة");
    assertThat(SitePaths.article(
            english, "history", "a-charter", Instant.parse("0815-06-15T12:00:00Z")))
        .isEqualTo("/history/0815/06/15/a-charter");
  }

  @Test
  void an_encoded_path_decodes_to_what_the_reader_means_and_back() {
    for (var path : new String[] {
      "/world/2026/11/01/storm-warning",
      "/ar/world/2026/11/01/عاصفة-في-الشمال",
      "/tag/a b",
      "/tag/100%",
      "/ar/كتّاب/",
      "/emoji/😀"
    }) {
      assertThat(SitePaths.decode(SitePaths.encode(path))).isEqualTo(path);
    }
    assertThat(SitePaths.decode("/ar/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9/x")).isEqualTo("/ar/رياضة/x");
    assertThat(SitePaths.decode("/a%2Fb")).isEqualTo("/a/b");
    assertThat(SitePaths.decode("/ar/ر%D9%8A")).isEqualTo("/ar/ري");
  }

  @Test
  void broken_escapes_and_cut_letters_decode_to_nothing() {
    assertThat(SitePaths.decode("/world/%")).isNull();
    assertThat(SitePaths.decode("/world/%4")).isNull();
    assertThat(SitePaths.decode("/world/%zz")).isNull();
    assertThat(SitePaths.decode("/ar/%D8%B3%D9")).isNull(); // a letter cut in half
    assertThat(SitePaths.decode("/ar/%D8x%B3")).isNull();
    assertThat(SitePaths.decode("/%FF")).isNull();
  }

  @Test
  void an_escaped_question_mark_is_no_address_and_no_cache_key() {
    assertThat(SitePaths.decode("/world/%3Fpage=2")).isNull();
    assertThat(SiteFrames.cacheKey("/world/%3fpage=2", null)).isNull();
    assertThat(SiteFrames.cacheKey("/world/", "page=2")).isEqualTo("/world/?page=2");
  }

  @Test
  void only_a_page_number_as_links_write_it_is_a_cache_key() {
    assertThat(SiteFrames.cacheKey("/world/", null)).isEqualTo("/world/");
    assertThat(SiteFrames.cacheKey("/ar/%D8%B1/", "page=12")).isEqualTo("/ar/ر/?page=12");
    for (var query : new String[] {"page=1", "page=02", "page=", "page=501", "page=2&x=1", "q=a"})
      assertThat(SiteFrames.cacheKey("/world/", query)).as(query).isNull();
  }
}
