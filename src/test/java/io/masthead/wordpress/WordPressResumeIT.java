package io.masthead.wordpress;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code masthead import wordpress} as an operator runs it, killed with SIGKILL in the middle of
 * a 3,000-post import and run again: the second run finishes the job with no duplicate and
 * nothing missing, and a third run changes nothing.
 */
class WordPressResumeIT {
  static final int POSTS = 3_000;

  @TempDir
  Path folder;

  @Test
  void an_import_killed_midway_and_run_again_ends_with_every_post_once() throws Exception {
    var export = folder.resolve("generated.xml");
    var javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var make = new ProcessBuilder(
            javaBinary, "bench/tools/MakeWxr.java", export.toString(), Integer.toString(POSTS))
        .inheritIO()
        .start();
    assertThat(make.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(make.exitValue()).isZero();
    var data = folder.resolve("outlet");

    // Killed at a random moment between a tenth and seven tenths of the way.
    int killAt = 10 * (1 + new Random().nextInt(7));
    var log = folder.resolve("first.log");
    var first = new ProcessBuilder(
            command("import", "wordpress", export.toString(), "--data", data.toString()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (first.isAlive()
        && !Files.readString(log).contains(" " + killAt + "% ")
        && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }
    assertThat(first.isAlive()).as(Files.readString(log)).isTrue();
    first.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
    first.waitFor(30, TimeUnit.SECONDS);
    long before = count(data, "SELECT COUNT(*) FROM article");
    System.out.printf(
        "WordPressResumeIT: killed at %d%%, %d of %d posts were in%n", killAt, before, POSTS);
    assertThat(before).isLessThan(POSTS);

    var second = run("import", "wordpress", export.toString(), "--data", data.toString());
    System.out.println(String.join(
        "\n", second.subList(Math.max(0, second.size() - 8), second.size())));
    assertThat(count(data, "SELECT COUNT(*) FROM article")).isEqualTo(POSTS);
    assertThat(
            count(data, "SELECT COUNT(DISTINCT source_id) FROM import_origin WHERE kind = 'post'"))
        .isEqualTo(POSTS);
    assertThat(count(
            data,
            "SELECT COUNT(*) FROM article WHERE id NOT IN"
                + " (SELECT target_id FROM import_origin WHERE kind = 'post')"))
        .isZero();
    // Every article has its first revision, once; a published one its listing rows.
    assertThat(count(data, "SELECT COUNT(*) FROM article_revision WHERE version = 1"))
        .isEqualTo(POSTS);
    assertThat(count(
            data,
            "SELECT COUNT(*) FROM article a WHERE status = 'published' AND NOT"
                + " EXISTS (SELECT 1 FROM listing l WHERE l.article_id = a.id)"))
        .isZero();

    var third = run("import", "wordpress", export.toString(), "--data", data.toString());
    assertThat(third)
        .anyMatch(l ->
            l.strip().equals(String.format(java.util.Locale.ROOT, "%,d posts unchanged", POSTS)));
    assertThat(count(data, "SELECT COUNT(*) FROM article_revision")).isEqualTo(POSTS);
  }

  private static long count(Path data, String sql) {
    try (var database = Database.open("jdbc:sqlite:" + data.resolve("masthead.db"), "", "")) {
      return database.read(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
  }

  private List<String> run(String... args) throws Exception {
    var log = Files.createTempFile(folder, "import", ".log");
    var process = new ProcessBuilder(command(args))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
    var output = Files.readAllLines(log);
    assertThat(process.exitValue()).as(String.join("\n", output)).isZero();
    return output;
  }

  private static List<String> command(String... args) {
    return io.masthead.testing.MastheadProcess.command(args);
  }
}
