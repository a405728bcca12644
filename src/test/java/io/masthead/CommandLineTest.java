package io.masthead;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.edition.Edition;
import io.masthead.testing.TestEditions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void a_named_command_is_built_alone_and_keeps_its_full_name_in_its_help() {
    var line = Masthead.commandLine(new String[] {"serve", "--port", "8081"});
    assertThat(line.getSubcommands()).containsOnlyKeys("serve");
    assertThat(line.getSubcommands().get("serve").getUsageMessage())
        .startsWith("Usage: masthead serve")
        .contains("--data", "--port");
  }

  @Test
  void help_no_command_and_a_mistyped_one_get_every_command() {
    for (var args : new String[][] {{"--help"}, {}, {"srve"}}) {
      assertThat(Masthead.commandLine(args).getSubcommands())
          .as(String.join(" ", args))
          .containsKeys("serve", "demo", "generate", "import", "staff", "wire")
          .hasSize(Masthead.COMMANDS.size());
    }
    var line = Masthead.commandLine(new String[] {"srve"});
    var err = new StringWriter();
    line.setErr(new PrintWriter(err));
    assertThat(line.execute("srve")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument", "serve");
  }

  @Test
  void a_started_server_names_the_address_of_each_edition_it_has() {
    var english = TestEditions.ENGLISH;
    var arabic = TestEditions.ARABIC;
    var french = new Edition(
        "fr", "Français", "fr", Edition.Direction.LTR, "/fr", false, ZoneId.of("UTC"), 2);
    assertThat(Masthead.servingLine("The Chronicle", "http://127.0.0.1:8080", List.of(english)))
        .isEqualTo(
            "Masthead is serving The Chronicle at http://127.0.0.1:8080/  Stop with Ctrl-C.");
    assertThat(Masthead.servingLine(
            "The Chronicle", "https://news.example", List.of(english, arabic, french)))
        .isEqualTo("Masthead is serving The Chronicle at https://news.example/"
            + "  (Arabic edition: https://news.example/ar/)"
            + "  (French edition: https://news.example/fr/)  Stop with Ctrl-C.");
  }
}
