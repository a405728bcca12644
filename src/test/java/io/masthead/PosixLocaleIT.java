package io.masthead;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.testing.MastheadProcess;
import java.awt.Color;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Masthead on a machine in the POSIX locale: a container or a service started with no LANG,
 * where Java spells file names in ASCII and cannot even make the path of a WordPress upload named
 * "العبارة.jpg". The launcher starts Java in C.UTF-8 there, so the picture is imported; started
 * without it, Masthead says at start why such files cannot be read, and the import reports the
 * picture it left out instead of stopping on it. The same where LANG names a UTF-8 locale the
 * machine does not have.
 */
class PosixLocaleIT {
  @TempDir
  Path folder;

  Path export;
  Path uploads;

  @BeforeEach
  void exportWithAnArabicUpload() throws Exception {
    export = folder.resolve("arabic.xml");
    try (InputStream in = getClass().getResourceAsStream("/wordpress/arabic.xml")) {
      Files.copy(in, export);
    }
    uploads = folder.resolve("uploads");
    // This JVM spells file names in UTF-8 whatever the machine's locale (the build sets LC_CTYPE).
    Files.write(
        Files.createDirectories(uploads.resolve("2026/03")).resolve("العبارة.jpg"),
        io.masthead.testing.Pictures.halves(900, 600, Color.GREEN, Color.GRAY));
  }

  @Test
  void the_launcher_imports_an_upload_whose_name_is_not_ascii() throws Exception {
    var run = throughTheLauncher(Map.of());
    assertPictureImported(run);
  }

  /**
   * LANG=en_US.UTF-8 in a container that does not have that locale: the C library falls back to
   * POSIX, and Java spelled file names in ASCII. The launcher went by the name ("UTF-8") and left
   * it as it was; the picture was left out, and the server's output showed "?" for "…".
   */
  @Test
  void the_launcher_imports_it_where_lang_names_a_utf8_locale_the_machine_does_not_have()
      throws Exception {
    var run = throughTheLauncher(Map.of("LANG", "xx_XX.UTF-8"));
    assertPictureImported(run);
  }

  @Test
  void started_without_the_launcher_it_says_why_and_reports_the_picture_it_left_out()
      throws Exception {
    var run = inPosixLocale(MastheadProcess.command(importArguments()), Map.of());
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("WARN", "This machine's locale names files in", "LANG=C.UTF-8")
        .contains("pictures whose file names this machine's locale cannot spell")
        .containsPattern("\\b1 posts imported")
        .doesNotContain("pictures in the library", "Exception");
  }

  private static void assertPictureImported(Run run) {
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .containsPattern("\\b1 pictures in the library")
        .containsPattern("\\b1 posts imported")
        .doesNotContain("cannot spell", "WARN", "Exception");
  }

  /** The import run through the masthead launcher, with {@code locale} in its environment. */
  private Run throughTheLauncher(Map<String, String> locale) throws Exception {
    var launcher = Path.of("masthead").toAbsolutePath();
    assertThat(launcher).isExecutable();
    var jar = Path.of("target", "masthead.jar");
    assertThat(jar).as("the build's jar, made before the integration tests").exists();
    var command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(importArguments()));
    var environment = new java.util.HashMap<>(locale);
    environment.put("MASTHEAD_SKIP_BUILD", "1");
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    return inPosixLocale(command, environment);
  }

  /** The export into a new outlet's Arabic edition, its pictures from the uploads folder. */
  private String[] importArguments() {
    return new String[] {
      "import",
      "wordpress",
      export.toString(),
      "--uploads",
      uploads.toString(),
      "--data",
      folder.resolve("outlet").toString(),
      "--edition",
      "ar"
    };
  }

  record Run(int exit, String output) {}

  /**
   * Runs {@code command} with no locale in its environment (the POSIX locale, ASCII) but what
   * {@code more} sets.
   */
  private static Run inPosixLocale(List<String> command, Map<String, String> more)
      throws Exception {
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    var environment = builder.environment();
    environment.keySet().removeIf(name -> name.equals("LANG") || name.startsWith("LC_"));
    environment.remove("LANGUAGE");
    environment.putAll(more);
    var process = builder.start();
    var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
    return new Run(process.exitValue(), output);
  }
}
