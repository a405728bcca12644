package io.masthead.web.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SitePathsTest {
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
}
