package io.masthead.web.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The newsroom is English: its times name the months in English whatever the machine's locale. */
class NewsroomTextTest {
  private Locale machine;

  @BeforeEach
  void anArabicMachine() {
    machine = Locale.getDefault(Locale.Category.FORMAT);
    Locale.setDefault(Locale.Category.FORMAT, Locale.forLanguageTag("ar-EG"));
  }

  @AfterEach
  void restore() {
    Locale.setDefault(Locale.Category.FORMAT, machine);
  }

  @Test
  void a_time_staff_read_is_english_in_the_editions_zone_on_a_machine_with_another_locale() {
    var when = Instant.parse("2026-12-04T07:30:00Z");

    assertThat(NewsroomText.shown(when, ZoneId.of("Asia/Kolkata"))).isEqualTo("4 Dec 2026, 13:00");
  }
}
