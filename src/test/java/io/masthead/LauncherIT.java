package io.masthead;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code masthead} launcher, run as a person who cloned the project would run it. */
class LauncherIT {
  /**
   * A checkout in "My Projects": the launcher split the JVM's options at the space in the SQLite
   * library's path, and the JVM took the rest for its main class; nothing would start.
   */
  @Test
  void it_runs_from_a_folder_with_a_space_in_its_name(@TempDir Path folder) throws Exception {
    var checkout = Files.createDirectories(folder.resolve("My Projects/masthead"));
    var launcher = Files.copy(Path.of("masthead"), checkout.resolve("masthead"));
    var target = Files.createDirectories(checkout.resolve("target"));
    var jar = Path.of("target", "masthead.jar");
    assertThat(jar).as("the build's jar, made before the integration tests").exists();
    Files.copy(jar, target.resolve("masthead.jar"));
    Files.createSymbolicLink(target.resolve("lib"), Path.of("target", "lib").toAbsolutePath());

    var output = runToSuccess(folder, launcher, "--version");
    assertThat(output).startsWith("Masthead ");
    // The SQLite library the launcher unpacks is where the option said, space and all.
    assertThat(target.resolve("native")).isDirectory();
  }

  /**
   * Run from another folder through a link to it (as on a PATH), the launcher finds its checkout
   * and reads the relative paths on its command line from the folder it is run in: it read them
   * from the checkout, where it works, and "export.xml" in the person's folder was not found.
   */
  @Test
  void relative_paths_on_its_command_line_are_read_from_where_it_was_run(@TempDir Path folder)
      throws Exception {
    try (var in = getClass().getResourceAsStream("/wordpress/arabic.xml")) {
      Files.copy(in, folder.resolve("export.xml"));
    }
    var launcher = Path.of("masthead").toAbsolutePath();
    // As a person would put it on their PATH: a link to it in a folder of their own.
    var link = Files.createSymbolicLink(
        Files.createDirectories(folder.resolve("bin")).resolve("masthead"), launcher);
    var output = runToSuccess(
        folder, link, "import", "wordpress", "export.xml", "--data", "outlet", "--edition", "ar");
    assertThat(output).containsPattern("\\b1 posts imported");
    assertThat(folder.resolve("outlet/masthead.db")).exists();
    assertThat(launcher.resolveSibling("outlet")).doesNotExist();
  }

  /** Runs the launcher in {@code folder} with the build as it is; its output, once it succeeded. */
  private static String runToSuccess(Path folder, Path launcher, String... args) throws Exception {
    var command = new java.util.ArrayList<>(java.util.List.of(launcher.toString()));
    command.addAll(java.util.List.of(args));
    var builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
    builder.environment().put("MASTHEAD_SKIP_BUILD", "1");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    var process = builder.start();
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
