package io.masthead.web.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.testing.ArabicMachineLocale;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The newsroom is English: its times name the months in English whatever the machine's locale. */
@ExtendWith(ArabicMachineLocale.class)
class NewsroomTextTest {
  @Test
  void a_time_staff_read_is_english_in_the_editions_zone_on_a_machine_with_another_locale() {
    var when = Instant.parse("2026-12-04T07:30:00Z");

    assertThat(NewsroomText.shown(when, ZoneId.of("Asia/Kolkata"))).isEqualTo("4 Dec 2026, 13:00");
  }
}
