package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8ArrayOutputTest {
  /** Text of every width UTF-8 has, and what String.getBytes does with a lone surrogate. */
  static final String MIXED = "Port plan — café «مرحبا» 北京 🗞️ end \uD83D lone \uDE00 low";

  @Test
  void writes_text_as_string_get_bytes_encodes_it_whatever_its_alphabet() {
    var output = new Utf8ArrayOutput(4); // small: it grows as it goes
    output.writeContent("<p class=\"x\">");
    output.writeContent(MIXED);
    output.writeContent("[" + MIXED + "]", 1, MIXED.length() + 1);
    output.writeBinaryContent("</p>".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(output.toByteArray(), StandardCharsets.UTF_8))
        .isEqualTo(new String(
            ("<p class=\"x\">" + MIXED + MIXED + "</p>").getBytes(StandardCharsets.UTF_8),
            StandardCharsets.UTF_8));
    assertThat(output.toByteArray())
        .isEqualTo(("<p class=\"x\">" + MIXED + MIXED + "</p>").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void a_page_rendered_through_it_is_the_page_jte_writes() {
    var templates = new Templates();
    var star = new io.masthead.web.site.SiteViews.Star(7, false, "/favorites", "/world/x");
    var texts = new Texts(io.masthead.testing.TestEditions.ARABIC, java.time.Clock.systemUTC());
    var html = new String(
        templates.render("site/star.jte", java.util.Map.of("star", star, "t", texts)),
        StandardCharsets.UTF_8);
    assertThat(html).contains("action=\"/favorites\"").contains("أضف إلى المفضلة");
  }
}
