package io.masthead.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlugTest {
  @Test
  void a_headline_becomes_a_readable_address() {
    assertThat(Slug.fromText("Storm hits Port Esker!").value()).isEqualTo("storm-hits-port-esker");
    assertThat(Slug.fromText("  Why the water question won't go away  ").value())
        .isEqualTo("why-the-water-question-wont-go-away");
    assertThat(Slug.fromText("إطلاق خطة الإسكان في وادي أورين").value())
        .isEqualTo("إطلاق-خطة-الإسكان-في-وادي-أورين");
    assertThat(Slug.fromText("!!!").value()).isEqualTo("article");
    assertThat(Slug.fromText("word ".repeat(100)).value())
        .hasSizeLessThanOrEqualTo(Slug.MAX_LENGTH);
  }

  @Test
  void what_is_not_a_slug_is_refused() {
    for (var bad : new String[] {"", "..", "a b", "a--b", "-a", "a-", "UPPER", "a/b", "a?b"}) {
      assertThatThrownBy(() -> new Slug(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
