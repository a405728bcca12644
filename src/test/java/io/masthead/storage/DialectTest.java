package io.masthead.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DialectTest {
  @Test
  void stored_times_read_back_as_the_instants_they_were() {
    var random = new Random(11);
    for (int i = 0; i < 10_000; i++) {
      var at = Instant.ofEpochMilli(random.nextLong(-62_000_000_000_000L, 250_000_000_000_000L));
      var text = Dialect.canonical(at);
      assertThat(Dialect.parseStoredTime(text)).as(text).isEqualTo(at);
    }
    assertThat(Dialect.parseStoredTime("2028-02-29T23:59:59.999Z"))
        .isEqualTo(Instant.parse("2028-02-29T23:59:59.999Z"));
  }

  @Test
  void other_spellings_are_read_too_and_impossible_dates_refused() {
    assertThat(Dialect.parseStoredTime("2026-11-29T10:00:00Z"))
        .isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
    assertThatThrownBy(() -> Dialect.parseStoredTime("2026-02-29T10:00:00.000Z"))
        .isInstanceOf(DateTimeParseException.class);
    assertThat(Dialect.parseStoredTime("2026-11-29T24:00:00.000Z")) // as Instant.parse reads it
        .isEqualTo(Instant.parse("2026-11-30T00:00:00.000Z"));
    assertThatThrownBy(() -> Dialect.parseStoredTime("2026-1x-29T10:00:00.000Z"))
        .isInstanceOf(DateTimeParseException.class);
  }
}
