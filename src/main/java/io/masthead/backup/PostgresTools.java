package io.masthead.backup;

import io.masthead.Config;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Drives PostgreSQL's own {@code pg_dump} and {@code pg_restore} (from PATH, or the newest under
 * {@code /usr/lib/postgresql/*}/bin, where Debian puts them): the JDBC address becomes libpq's
 * host, port, database, user and password, the password passed in the environment, never on the
 * command line.
 */
final class PostgresTools {
  private PostgresTools() {}

  static void dump(Config.Storage storage, String snapshot, Path file) {
    var args = new ArrayList<>(List.of(
        tool("pg_dump"),
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        "--snapshot=" + snapshot,
        "--file=" + file.toAbsolutePath()));
    run(storage, args);
  }

  static void restore(Config.Storage storage, Path file) {
    var args = new ArrayList<>(List.of(
        tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        file.toAbsolutePath().toString()));
    run(storage, args);
  }

  private static void run(Config.Storage storage, List<String> args) {
    var target = Target.of(storage);
    var command = new ArrayList<>(args);
    command.add(1, "--host=" + target.host());
    command.add(2, "--port=" + target.port());
    command.add(3, "--dbname=" + target.database());
    if (!target.user().isEmpty()) command.add(4, "--username=" + target.user());
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGCONNECT_TIMEOUT", "10");
    if (!target.password().isEmpty()) builder.environment().put("PGPASSWORD", target.password());
    try {
      var process = builder.start();
      var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0)
        throw new Backup.Failed(command.getFirst() + " failed: " + output.strip());
    } catch (IOException e) {
      throw new Backup.Failed("cannot run " + command.getFirst() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Backup.Failed("interrupted");
    }
  }

  /** The tool's path; a clear failure when PostgreSQL's client programs are not installed. */
  static String tool(String name) {
    var path = System.getenv().getOrDefault("PATH", "");
    for (var dir : path.split(java.io.File.pathSeparator)) {
      var candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate)) return candidate.toString();
    }
    return debianTool(name)
        .orElseThrow(
            () -> new Backup.Failed(
                name
                    + " is not installed: a PostgreSQL outlet is backed up with PostgreSQL's own tools"
                    + " (Debian: apt-get install postgresql-client, of the server's major version or newer)"));
  }

  private static Optional<String> debianTool(String name) {
    var root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) return Optional.empty();
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin").resolve(name))
          .filter(Files::isExecutable)
          .max(Comparator.comparingInt(
              p -> major(p.getParent().getParent().getFileName().toString())))
          .map(Path::toString);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int major(String version) {
    try {
      return Integer.parseInt(version.replaceAll("\\..*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Where libpq should connect, from {@code jdbc:postgresql://host:port/db?user=…&password=…}. */
  record Target(String host, int port, String database, String user, String password) {
    static Target of(Config.Storage storage) {
      var uri = URI.create(storage.databaseUrl().substring("jdbc:".length()));
      String user = storage.databaseUser() == null ? "" : storage.databaseUser();
      String password = storage.databasePassword() == null ? "" : storage.databasePassword();
      if (uri.getRawQuery() != null) {
        for (var pair : uri.getRawQuery().split("&")) {
          int eq = pair.indexOf('=');
          if (eq < 0) continue;
          var key = pair.substring(0, eq);
          var value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          if (key.equals("user") && user.isEmpty()) user = value;
          if (key.equals("password") && password.isEmpty()) password = value;
        }
      }
      var database = uri.getPath() == null || uri.getPath().length() <= 1
          ? "postgres"
          : URLDecoder.decode(uri.getPath().substring(1), StandardCharsets.UTF_8);
      return new Target(
          uri.getHost() == null ? "localhost" : uri.getHost(),
          uri.getPort() < 0 ? 5432 : uri.getPort(),
          database,
          user,
          password);
    }
  }
}
