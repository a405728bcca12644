package io.masthead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
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
}
