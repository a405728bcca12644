package io.masthead.web.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.edition.Edition;
import io.masthead.testing.TestEditions;
import org.junit.jupiter.api.Test;

class SiteFramesTest {
  static final Edition ARABIC = TestEditions.ARABIC;

  @Test
  void a_listing_page_links_its_own_feeds_and_any_other_page_its_editions() {
    assertThat(SiteFrames.feedPage(ARABIC, "/ar/tag/مياه")).isEqualTo("/ar/tag/مياه");
    assertThat(SiteFrames.feedPage(ARABIC, "/ar/series/x?page=2")).isEqualTo("/ar/series/x");
    assertThat(SiteFrames.feedPage(ARABIC, "/ar/author/samer")).isEqualTo("/ar/author/samer");
    assertThat(SiteFrames.feedPage(ARABIC, "/ar/world/")).isEqualTo("/ar/world/");
    assertThat(SiteFrames.feedPage(ARABIC, "/ar/world/2026/11/09/tag")).isEqualTo("/ar/");
    assertThat(SiteFrames.feedPage(ARABIC, "/ar/world/2026/11/09/رأس-الصقر-jkq"))
        .isEqualTo("/ar/");
    assertThat(SiteFrames.feedPage(ARABIC, "/ar/tags/x")).isEqualTo("/ar/");
    assertThat(SiteFrames.feedPage(ARABIC, "/ar/favorites")).isEqualTo("/ar/");
  }
}
