package io.masthead.wordpress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The import's summary is English, so its numbers are written as English writes them whatever
 * the machine's locale: on an Arabic one, "%,8d" alone wrote ١٬٢٣٤ in an English sentence.
 */
class ImportReportTest {
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
  void the_summary_counts_in_ascii_digits_on_a_machine_with_another_locale() {
    var report = new ImportReport(false);
    for (int i = 0; i < 1_234; i++) report.add("posts published");
    report.comments(12);

    assertThat(report.lines())
        .contains("     1,234 posts published", "        12 comments (Masthead has no comments)");
  }
}
