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

  @Test
  void numbered_slugs_of_any_headline_are_valid_distinct_and_within_the_length() {
    // Headlines from every corner of Unicode a newsroom meets: Latin, Arabic with diacritics and
    // tatweel, combining marks, letters outside the Basic Multilingual Plane, emoji, digits.
    int[][] ranges = {
      {'a', 'z'},
      {'A', 'Z'},
      {'0', '9'},
      {0x0621, 0x064A},
      {0x064B, 0x0652},
      {0x0640, 0x0640},
      {0x0300, 0x036F},
      {0x00C0, 0x00FF},
      {0x1D400, 0x1D433},
      {0x20000, 0x2004F},
      {0x1F600, 0x1F64F},
      {' ', ' '},
      {'-', '-'},
      {'\'', '\''}
    };
    var random = new java.util.SplittableRandom(20261201);
    for (int i = 0; i < 2_000; i++) {
      var text = new StringBuilder();
      int length = 1 + random.nextInt(400);
      while (text.length() < length) {
        var range = ranges[random.nextInt(ranges.length)];
        text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
      }
      var slug = Slug.fromText(text.toString());
      assertThat(Slug.isValid(slug.value())).as("%s from %s", slug, text).isTrue();
      // Distinct from each other; whether one is taken by another article is the desk's check,
      // which tries the next number (a cut "…-3-2" can equal another headline's slug).
      var seen = new java.util.HashSet<String>();
      for (int n : new int[] {2, 3, 9, 10, 99, 100, 999}) {
        var numbered = slug.numbered(n).value();
        assertThat(Slug.isValid(numbered)).as("%s from %s", numbered, text).isTrue();
        assertThat(numbered)
            .hasSizeLessThanOrEqualTo(Slug.MAX_LENGTH)
            .endsWith("-" + n)
            .doesNotContain("--");
        assertThat(seen.add(numbered)).as("distinct: %s", numbered).isTrue();
      }
    }
  }

  @Test
  void a_long_slug_is_cut_between_characters_and_never_before_a_hyphen() {
    var letter = new String(Character.toChars(0x1D400)); // one letter, two chars
    var odd = "b" + letter.repeat(59); // 119 chars: the cut for "-2" falls inside the last letter
    assertThat(new Slug(odd).numbered(2).value()).isEqualTo("b" + letter.repeat(58) + "-2");
    var hyphenAtCut = "a".repeat(117) + "-bc"; // the cut for "-2" falls just after the hyphen
    assertThat(new Slug(hyphenAtCut).numbered(2).value()).isEqualTo("a".repeat(117) + "-2");
  }
}
