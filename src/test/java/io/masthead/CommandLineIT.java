package io.masthead;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The program as a newcomer runs it: `demo` writes and serves an outlet, reuses it, and stops cleanly on SIGTERM. */
class CommandLineIT {
  private static final Pattern ADDRESS = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");

  @TempDir
  Path data;

  @Test
  void demo_writes_an_outlet_serves_it_reuses_it_and_stops_cleanly_on_sigterm() throws Exception {
    var first = run("demo", "--data", data.toString(), "--port", "0", "--articles", "60");
    assertThat(first.output()).anyMatch(line -> line.contains("Writing the demo outlet"));
    assertThat(first.output())
        .anyMatch(line -> line.matches("Masthead is serving .+ at (http://127\\.0\\.0\\.1:\\d+)/"
            + "  \\(Arabic edition: \\1/ar/\\)  Stop with Ctrl-C\\."));
    assertThat(Files.exists(data.resolve("masthead.db"))).isTrue();

    var second = run("demo", "--data", data.toString(), "--port", "0", "--articles", "60");
    assertThat(second.output()).noneMatch(line -> line.contains("Writing the demo outlet"));
  }

  @Test
  void the_demo_brings_agency_copy_for_the_wire_desk_and_simulate_keeps_it_coming()
      throws Exception {
    run("demo", "--data", data.toString(), "--port", "0", "--articles", "30");
    var simulate =
        start("wire", "simulate", "--data", data.toString(), "--every", "1", "--events", "2");
    assertThat(simulate.waitFor(60, TimeUnit.SECONDS)).isTrue();
    var printed = new String(simulate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(simulate.exitValue()).as(printed).isZero();
    assertThat(printed).contains("event 1000:").contains("event 1001:");
    var config = Config.load(data, Map.of(), Map.of());
    try (var outlet = new Outlet(config, java.time.Clock.systemUTC())) {
      var sources = outlet.wire.sources();
      assertThat(sources)
          .extracting(io.masthead.wire.WireSource::name)
          .containsExactly("Kestrel", "Northwire", "Sahel Press");
      new io.masthead.wire.WirePoller(outlet.wire, outlet.wireDesk, outlet.clock, "test").pollDue();
      var clusters = outlet.wire.clusters(null, 100);
      assertThat(clusters)
          .anyMatch(c -> c.agencies().size() >= 2 && c.language().equals("en"));
      assertThat(clusters)
          .anyMatch(c -> c.agencies().size() >= 2 && c.language().equals("ar"));
      assertThat(outlet.wire.items(io.masthead.wire.WireRepository.Filter.ALL, 500, 0))
          .anyMatch(i -> i.signal() == io.masthead.wire.Signal.KILLED);
      assertThat(outlet.wire.sources())
          .allMatch(s -> s.rejected() == 0 && s.lastError().isEmpty());
    }
  }

  @Test
  void help_lists_the_commands_and_bad_configuration_exits_2_with_every_problem() throws Exception {
    var help = start("--help");
    var out = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(help.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(out).contains("serve", "demo", "generate");
    var bad = new ProcessBuilder(command("serve", "--data", data.toString()));
    bad.environment().put("MASTHEAD_SERVER_PORT", "eighty");
    bad.environment().put("MASTHEAD_DATABASE_URL", "mysql://nope");
    bad.redirectErrorStream(true);
    var process = bad.start();
    var text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(text).contains("server.port", "database.url").doesNotContain("Exception");
  }

  /**
   * A mistyped --data: serve made a new empty outlet there, and an administrator for it with a
   * one-time password, before saying it had no edition; the staff commands added their account to
   * that empty outlet. Now each says there is no outlet there and leaves nothing behind.
   */
  @Test
  void commands_for_an_outlet_that_is_not_there_say_so_and_make_nothing() throws Exception {
    var typo = data.resolve("typo");
    var aFile = Files.writeString(data.resolve("notes.txt"), "not an outlet");
    for (var args : List.of(
        new String[] {"serve", "--data", typo.toString()},
        new String[] {
          "staff", "add", "desk@example.com", "--role", "editor", "--data", typo.toString()
        },
        new String[] {"staff", "list", "--data", typo.toString()},
        new String[] {"reindex", "--data", typo.toString()},
        new String[] {"urls", "--data", typo.toString()})) {
      var process = start(args);
      var text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(text).isEqualTo(1);
      assertThat(text)
          .as(String.join(" ", args))
          .contains("masthead: no outlet in " + typo, "masthead demo --data")
          .doesNotContain("password", "Exception");
      assertThat(typo).doesNotExist();
    }
    var file = start("serve", "--data", aFile.toString());
    var text = new String(file.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(file.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(file.exitValue()).as(text).isEqualTo(1);
    assertThat(text).contains("masthead: --data " + aFile + " is a file, not a folder");
  }

  @Test
  void train_serves_and_reads_an_outlet_of_its_own_and_leaves_nothing_behind() throws Exception {
    var temporary = Path.of(System.getProperty("java.io.tmpdir"));
    var before = trainingFolders(temporary);
    var output = runToEnd("train");
    var read = output.stream()
        .map(Pattern.compile("^Read (\\d+) pages of a training outlet\\.$")::matcher)
        .filter(java.util.regex.Matcher::matches)
        .map(m -> Integer.parseInt(m.group(1)))
        .findFirst();
    // Both home pages, sections, articles, tags, authors, series, feeds, search, the API.
    assertThat(read)
        .as(String.join("\n", output))
        .hasValueSatisfying(n -> assertThat(n).isGreaterThan(50));
    assertThat(trainingFolders(temporary)).isEqualTo(before);
  }

  private static List<Path> trainingFolders(Path temporary) throws java.io.IOException {
    try (var folders = Files.list(temporary)) {
      return folders
          .filter(p -> p.getFileName().toString().startsWith("masthead-training"))
          .sorted()
          .toList();
    }
  }

  @Test
  void reindex_rebuilds_beside_a_running_server_which_swaps_to_it() throws Exception {
    var url = "jdbc:sqlite:" + data.resolve("masthead.db").toAbsolutePath();
    try (var site =
        io.masthead.testing.TestOutlet.start(data, url, 40, java.util.Map.of()).awaitSearch()) {
      var served = site.outlet.search().servedFrom("en").orElseThrow();
      var output = runToEnd("reindex", "--data", data.toString(), "--edition", "en");
      assertThat(output).anyMatch(line -> line.contains("100%"));
      assertThat(output).anyMatch(line -> line.startsWith("Indexed [en] in"));
      var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (site.outlet.search().servedFrom("en").orElseThrow().equals(served)) {
        assertThat(System.nanoTime()).as("swapped within 15 s").isLessThan(deadline);
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
      }
      assertThat(site.get("/search?q=ceasefire").statusCode()).isEqualTo(200);
      while (Files.exists(served)) {
        assertThat(System.nanoTime()).as("the old index deleted").isLessThan(deadline);
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
      }
      var unknown = runToEnd("reindex", "--data", data.toString(), "--edition", "xx");
      assertThat(unknown).anyMatch(line -> line.contains("no edition xx"));
    }
  }

  @Test
  void backup_copies_a_running_outlet_and_restore_puts_it_back_only_where_there_is_none(
      @org.junit.jupiter.api.io.TempDir Path elsewhere) throws Exception {
    var url = "jdbc:sqlite:" + data.resolve("masthead.db").toAbsolutePath();
    try (var site = io.masthead.testing.TestOutlet.start(data, url, 40, java.util.Map.of())) {
      var copy = elsewhere.resolve("backup");
      var made = runToEnd("backup", copy.toString(), "--data", data.toString());
      assertThat(made).anyMatch(line -> line.startsWith("Backed up 40 articles"));
      assertThat(copy.resolve("manifest.json")).exists();
      var again = runToEnd("backup", copy.toString(), "--data", data.toString());
      assertThat(again).anyMatch(line -> line.contains("not empty"));

      var restoredData = elsewhere.resolve("restored");
      var restored = runToEnd("restore", copy.toString(), "--data", restoredData.toString());
      assertThat(restored).anyMatch(line -> line.startsWith("Restored 40 articles"));
      assertThat(restored).anyMatch(line -> line.contains("100%")); // the search index, rebuilt
      var over = runToEnd("restore", copy.toString(), "--data", restoredData.toString());
      assertThat(over)
          .anyMatch(line -> line.contains("restore refused") && line.contains("exists"));

      var export = elsewhere.resolve("outlet.jsonl");
      var exported = runToEnd("export", export.toString(), "--data", data.toString());
      assertThat(exported)
          .anyMatch(line -> line.startsWith("Exported") && line.contains("40 articles"));
      var movedData = elsewhere.resolve("moved");
      var imported =
          runToEnd("import", "--from-export", export.toString(), "--data", movedData.toString());
      assertThat(imported)
          .anyMatch(line -> line.startsWith("Imported") && line.contains("40 articles"));
      var twice =
          runToEnd("import", "--from-export", export.toString(), "--data", movedData.toString());
      assertThat(twice)
          .anyMatch(line -> line.contains("import refused") && line.contains("not empty"));
      assertThat(site.get("/").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void staff_commands_work_while_the_server_runs_and_a_printed_token_opens_the_admin_api()
      throws Exception {
    // The same database file the command line finds in the data directory.
    var url = "jdbc:sqlite:" + data.resolve("masthead.db").toAbsolutePath();
    try (var site = io.masthead.testing.TestOutlet.start(data, url, 20, java.util.Map.of())) {
      var added = runToEnd(
          "staff",
          "add",
          "desk@example.com",
          "--role",
          "editor",
          "--name",
          "Desk",
          "--data",
          data.toString());
      assertThat(added)
          .anyMatch(
              line -> line.startsWith("Added desk@example.com (editor). One-time password: "));
      var password = added.stream()
          .filter(l -> l.startsWith("Added"))
          .findFirst()
          .orElseThrow()
          .replaceAll(".*: ", "");
      assertThat(site.outlet.staff.authenticate("desk@example.com", password)).isPresent();
      assertThat(runToEnd("staff", "list", "--data", data.toString()))
          .anyMatch(line -> line.startsWith("desk@example.com") && line.contains("editor"));
      var token = runToEnd("staff", "token", "desk@example.com", "--data", data.toString()).stream()
          .filter(line -> line.startsWith("mh_"))
          .findFirst()
          .orElseThrow();
      var response = site.get("/api/v1/admin/articles/1", "Authorization", "Bearer " + token);
      assertThat(response.statusCode()).isEqualTo(200);
      var reset = runToEnd("staff", "reset", "desk@example.com", "--data", data.toString());
      assertThat(reset).anyMatch(line -> line.startsWith("New password for desk@example.com: "));
      assertThat(site.outlet.staff.authenticate("desk@example.com", password)).isEmpty();
      // The reset revoked the token; so do role changes, disabling and removing.
      assertThat(site.get("/api/v1/admin/articles/1", "Authorization", "Bearer " + token)
              .statusCode())
          .isEqualTo(401);
      assertThat(runToEnd(
              "staff",
              "role",
              "desk@example.com",
              "--role",
              "contributor",
              "--data",
              data.toString()))
          .anyMatch(line -> line.startsWith("desk@example.com is now contributor"));
      assertThat(runToEnd("staff", "disable", "desk@example.com", "--data", data.toString()))
          .anyMatch(line -> line.startsWith("desk@example.com is disabled"));
      assertThat(runToEnd("staff", "list", "--data", data.toString()))
          .anyMatch(line -> line.startsWith("desk@example.com") && line.contains("(disabled)"));
      assertThat(runToEnd("staff", "enable", "desk@example.com", "--data", data.toString()))
          .anyMatch(line -> line.startsWith("desk@example.com can sign in again"));
      assertThat(runToEnd("staff", "remove", "desk@example.com", "--data", data.toString()))
          .anyMatch(line -> line.startsWith("desk@example.com is removed"));
      assertThat(runToEnd("staff", "list", "--data", data.toString()))
          .noneMatch(line -> line.startsWith("desk@example.com"));
      assertThat(runToEnd(
              "staff", "add", "not-an-email", "--role", "editor", "--data", data.toString()))
          .anyMatch(line -> line.contains("is not an email address"));
    }
  }

  /** Runs a command that ends by itself and returns what it printed. */
  private List<String> runToEnd(String... args) throws Exception {
    var process = start(args);
    var text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return List.of(text.split("\n"));
  }

  record Run(List<String> output) {}

  /** Starts the command, waits for it to serve, checks one page, sends SIGTERM and waits for a clean exit. */
  private Run run(String... args) throws Exception {
    var log = Files.createTempFile(data, "masthead", ".log");
    var process = new ProcessBuilder(command(args))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    String address = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (address == null && process.isAlive() && System.nanoTime() < deadline) {
      var matcher = ADDRESS.matcher(Files.readString(log));
      if (matcher.find()) address = matcher.group(1);
      else
        java.util.concurrent.locks.LockSupport.parkNanos(
            20_000_000); // poll the log, 50 times a second
    }
    assertThat(address).as(Files.readString(log)).isNotNull();
    var http = HttpClient.newHttpClient();
    var home = http.send(
        HttpRequest.newBuilder(URI.create(address)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("The Masthead Chronicle");
    process.destroy(); // SIGTERM
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    var output = Files.readAllLines(log);
    assertThat(process.exitValue()).as(String.join("\n", output)).isIn(0, 143);
    assertThat(output).noneMatch(line -> line.contains("Exception") || line.contains("ERROR"));
    // Nothing for a newcomer to worry about either (Lucene's advice on the vector module was).
    assertThat(output).as(String.join("\n", output)).noneMatch(line -> line.contains("WARN"));
    return new Run(output);
  }

  private Process start(String... args) throws Exception {
    return new ProcessBuilder(command(args)).redirectErrorStream(true).start();
  }

  private static List<String> command(String... args) {
    return io.masthead.testing.MastheadProcess.command(args);
  }
}
