package io.masthead.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {
  @Test
  void text_with_nothing_to_change_is_the_same_instance() {
    var text = "Ferries return\tto the harbour\r\n«عودة العبّارات» 🚢";
    assertThat(PlainText.writable(text)).isSameAs(text);
  }

  @Test
  void a_word_processors_line_and_page_breaks_become_newlines() {
    assertThat(PlainText.writable("line one\u000Bline two\u000Cpage two"))
        .isEqualTo("line one\nline two\npage two");
  }

  @Test
  void what_xml_and_postgresql_cannot_carry_is_dropped() {
    assertThat(PlainText.writable("a\u0000b\u0007c\u001Fd\uFFFEe\uFFFFf")).isEqualTo("abcdef");
    assertThat(PlainText.writable("half \uD800pair \uDC00here")).isEqualTo("half pair here");
    assertThat(PlainText.writable("ship \uD83D\uDEA2 ok\u0000")).isEqualTo("ship \uD83D\uDEA2 ok");
  }
}
