package io.masthead.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server of a test's own (Debian's binaries, a throwaway cluster on loopback), for
 * tests that stop and start the database under a running outlet. Run as the postgres user when
 * the test runs as root. Required under CI=true, skipped elsewhere without the binaries.
 */
public final class PostgresServer implements AutoCloseable {
  private final Path bin;
  private final Path root;
  public final int port;

  private PostgresServer(Path bin, Path root, int port) {
    this.bin = bin;
    this.root = root;
    this.port = port;
  }

  public static PostgresServer start() {
    var bin = binaries();
    try {
      var root = Files.createTempDirectory("masthead-test-pg-");
      var server = new PostgresServer(bin, root, Varnish.freePort());
      if (isRoot()) run(List.of("chown", "postgres:postgres", root.toString()));
      server.pg(
          "initdb",
          "-D",
          root.resolve("data").toString(),
          "-U",
          "postgres",
          "--auth=trust",
          "-E",
          "UTF8",
          "--locale=C.UTF-8");
      server.begin();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JDBC address of its {@code postgres} database. */
  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  /** Starts the server (again) and waits until it accepts connections. */
  public void begin() {
    pg(
        "pg_ctl",
        "-D",
        root.resolve("data").toString(),
        "-l",
        root.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-c listen_addresses=127.0.0.1 -p " + port + " -k " + root + " -c fsync=off",
        "start");
  }

  /** Stops it (fast shutdown: connections are closed, as in a restart or a crash of the host). */
  public void halt() {
    pg("pg_ctl", "-D", root.resolve("data").toString(), "-m", "fast", "-w", "stop");
  }

  @Override
  public void close() {
    try {
      halt();
    } catch (RuntimeException alreadyStopped) {
      // stopped by the test
    }
    try (var walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }

  private void pg(String tool, String... args) {
    var command = new ArrayList<String>();
    if (isRoot()) command.addAll(List.of("runuser", "-u", "postgres", "--"));
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(args));
    run(command);
  }

  private static void run(List<String> command) {
    try {
      var process = new ProcessBuilder(command).redirectErrorStream(true).start();
      var output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0)
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static Path binaries() {
    var root = Path.of("/usr/lib/postgresql");
    try (var versions =
        Files.isDirectory(root) ? Files.list(root) : java.util.stream.Stream.<Path>empty()) {
      var found = versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(b ->
              Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D.*", "0"))));
      if (found.isPresent()) return found.get();
    } catch (IOException e) {
      // treated as missing
    }
    if ("true".equals(System.getenv("CI")))
      throw new AssertionError("CI=true needs PostgreSQL's binaries under /usr/lib/postgresql");
    Assumptions.abort("no PostgreSQL binaries under /usr/lib/postgresql");
    throw new IllegalStateException("unreachable");
  }
}
