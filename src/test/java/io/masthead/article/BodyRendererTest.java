package io.masthead.article;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyRendererTest {
  final BodyRenderer renderer = new BodyRenderer();

  @Test
  void markdown_becomes_paragraphs_quotes_and_links() {
    var body = renderer.render(
        "Para *one*.\n\n> A quote.\n\n## Heading\n\n[a link](https://example.org/x)");
    assertThat(body.html())
        .contains(
            "<p>Para <em>one</em>.</p>",
            "<blockquote>",
            "<h2>Heading</h2>",
            "href=\"https://example.org/x\"");
    assertThat(body.wordCount()).isEqualTo(7);
  }

  @Test
  void scripts_styles_handlers_and_javascript_links_never_reach_a_reader() {
    var body = renderer.render(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))"
            + "\n\n<style>body{}</style><iframe src=//evil></iframe>");
    assertThat(body.html())
        .doesNotContain("<script", "onerror", "javascript:", "<style", "<iframe");
  }

  @Test
  void pictures_not_from_the_library_are_left_out_and_counted_the_library_s_stay() {
    var body = renderer.render(
        "![Harbour](https://elsewhere.example/h.jpg)\n\n"
            + "<img src=\"//elsewhere.example/x.png\" alt=\"x\">\n\n<img src=\"/\\evil.example/y.png\">\n\n"
            + "![Logo](/assets/icon.svg)\n\n![Quay](media:7 \"The quay\")\n\n<img src=\"/media/8\" alt=\"Pier\">");
    assertThat(body.foreignImages()).isEqualTo(4);
    assertThat(body.mediaIds()).containsExactlyInAnyOrder(7L, 8L);
    assertThat(body.html())
        .doesNotContain("elsewhere", "evil", "/assets/")
        .contains("<img src=\"/media/7\" alt=\"Quay\" title=\"The quay\" />")
        .contains("src=\"/media/8\"");
    assertThat(renderer
            .render("![Quay](media:7) and [a link](https://example.org)")
            .foreignImages())
        .isZero();
  }
}
