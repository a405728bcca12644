package io.masthead.wordpress;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.testing.ArabicMachineLocale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The import's summary is English, so its numbers are written as English writes them whatever
 * the machine's locale: on an Arabic one, "%,8d" alone wrote ١٬٢٣٤ in an English sentence.
 */
@ExtendWith(ArabicMachineLocale.class)
class ImportReportTest {
  @Test
  void the_summary_counts_in_ascii_digits_on_a_machine_with_another_locale() {
    var report = new ImportReport(false);
    for (int i = 0; i < 1_234; i++) report.add("posts published");
    report.comments(12);

    assertThat(report.lines())
        .contains("     1,234 posts published", "        12 comments (Masthead has no comments)");
  }
}
