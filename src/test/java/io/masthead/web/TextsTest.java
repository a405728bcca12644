package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.testing.TestEditions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TextsTest {
  final Instant now = Instant.parse("2026-11-29T12:00:00Z");
  final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
  final Texts english = new Texts(TestEditions.ENGLISH, clock);
  final Texts arabic = new Texts(TestEditions.ARABIC, clock);

  @Test
  @org.junit.jupiter.api.extension.ExtendWith(io.masthead.testing.ArabicMachineLocale.class)
  void an_edition_in_a_language_without_its_own_strings_reads_english_on_an_arabic_machine() {
    var french = TestEditions.inLanguage("fr");
    assertThat(new Texts(french, clock).t("site.home")).isEqualTo("Home");
    assertThat(new Texts(TestEditions.ARABIC, clock).t("site.home")).isEqualTo("الرئيسية");
    assertThat(Texts.messages(java.util.Locale.FRENCH).getString("credit.agencies"))
        .isEqualTo("Agencies");
  }

  @Test
  @org.junit.jupiter.api.extension.ExtendWith(io.masthead.testing.ArabicMachineLocale.class)
  void an_edition_in_a_language_icu_lacks_is_dated_in_english_on_an_arabic_machine() {
    var klingon = TestEditions.inLanguage("tlh");
    var texts = new Texts(klingon, clock);
    assertThat(texts.relative(now.minus(Duration.ofDays(3)))).isEqualTo("3 days ago");
    assertThat(texts.number(2026)).isEqualTo("2,026");
    // An edition in a language ICU has stays in it, whatever the machine.
    var french = TestEditions.inLanguage("fr");
    assertThat(new Texts(french, clock).relative(now.minus(Duration.ofDays(3))))
        .isEqualTo("il y a 3 jours");
  }

  @Test
  void relative_times_read_as_a_reader_says_them() {
    assertThat(english.relative(now.minusSeconds(20))).isEqualTo("now");
    assertThat(english.relative(now.minus(Duration.ofMinutes(5)))).isEqualTo("5 minutes ago");
    assertThat(english.relative(now.minus(Duration.ofHours(1)))).isEqualTo("1 hour ago");
    assertThat(english.relative(now.minus(Duration.ofDays(11)))).isEqualTo("11 days ago");
    assertThat(english.relative(now.minus(Duration.ofDays(100)))).isEqualTo("3 months ago");
  }

  @Test
  void a_relative_time_is_said_unchanged_exactly_as_long_as_it_reads_the_same() {
    var ages = new Duration[] {
      Duration.ZERO,
      Duration.ofSeconds(59),
      Duration.ofMinutes(5).plusSeconds(10),
      Duration.ofMinutes(59).plusSeconds(59),
      Duration.ofHours(1),
      Duration.ofHours(23).plusMinutes(59),
      Duration.ofDays(11).plusHours(3),
      Duration.ofDays(11).plusHours(21),
      Duration.ofDays(44).plusHours(23),
      Duration.ofDays(60),
      Duration.ofDays(364).plusHours(20),
      Duration.ofDays(3 * 365 + 7)
    };
    for (var age : ages) {
      var then = now.minus(age);
      var unchanged = english.unchangedFor(then);
      var said = english.relative(then);
      assertThat(unchanged).as("for %s", age).isPositive();
      assertThat(at(now.plus(unchanged).minusMillis(1)).relative(then))
          .as("just before %s has passed, for %s", unchanged, age)
          .isEqualTo(said);
      if (unchanged.compareTo(Texts.LONGEST_UNCHANGED) < 0) {
        assertThat(at(now.plus(unchanged)).relative(then))
            .as("once %s has passed, for %s", unchanged, age)
            .isNotEqualTo(said);
      }
    }
    assertThat(english.unchangedFor(now.minus(Duration.ofDays(11).plusHours(3))))
        .isEqualTo(Texts.LONGEST_UNCHANGED);
    assertThat(english.unchangedFor(now.minus(Duration.ofDays(11).plusHours(21))))
        .isEqualTo(Duration.ofHours(3));
    assertThat(english.unchangedFor(now.plusSeconds(600))).isEqualTo(Duration.ofSeconds(1));
  }

  private Texts at(Instant when) {
    return new Texts(TestEditions.ENGLISH, Clock.fixed(when, ZoneOffset.UTC));
  }

  @Test
  void arabic_relative_times_use_arabic_plural_forms() {
    var two = arabic.relative(now.minus(Duration.ofDays(2)));
    var three = arabic.relative(now.minus(Duration.ofDays(3)));
    var eleven = arabic.relative(now.minus(Duration.ofDays(11)));
    assertThat(two).startsWith("قبل").contains("يومين");
    assertThat(three).startsWith("قبل").contains("أيام");
    assertThat(eleven).startsWith("قبل").contains("يومًا");
  }

  @Test
  void interface_strings_follow_plural_rules() {
    assertThat(english.t("favorites.count", 1)).isEqualTo("1 story");
    assertThat(english.t("favorites.count", 3)).isEqualTo("3 stories");
    assertThat(arabic.t("favorites.count", 2)).isEqualTo("قصتان");
    assertThat(arabic.t("favorites.count", 0)).isEqualTo("لا قصص");
  }

  @Test
  void dates_read_to_the_minute_in_the_editions_language() {
    var at = Instant.parse("2026-12-02T17:26:05Z");
    assertThat(english.dateTime(at)).contains("December 2, 2026").contains("5:26");
    assertThat(english.dateTime(at.plusSeconds(50))).isEqualTo(english.dateTime(at));
    assertThat(english.dateTime(at.plusSeconds(60))).contains("5:27");
    assertThat(arabic.dateTime(at)).contains("ديسمبر");
    assertThat(english.dateTime(Instant.parse("1969-12-31T23:59:30Z"))).contains("1969");
  }
}
