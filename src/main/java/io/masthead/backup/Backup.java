package io.masthead.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.masthead.Config;
import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A consistent copy of an outlet made while it runs, and putting one back. SQLite: {@code VACUUM
 * INTO} (one snapshot; the site goes on writing). PostgreSQL: {@code pg_dump} in its custom
 * format from an exported snapshot, so that the counts in the manifest are the dump's. Beside the
 * database: the settings file and the media folder, and a manifest ({@code manifest.json},
 * written last, so a backup without it is incomplete) with each file's size and SHA-256 and the
 * row counts of the tables that matter. The search indexes are not copied: they are rebuilt from
 * the database. Restore checks every checksum before it writes anything, writes only into an
 * empty outlet, and checks the counts after.
 */
public final class Backup {
  static final String FORMAT = "masthead-backup/1";
  static final String MANIFEST = "manifest.json";
  static final String SQLITE_FILE = "masthead.db";
  static final String POSTGRES_FILE = "masthead.pgdump";
  static final String SETTINGS = "masthead.properties";
  static final String MEDIA = "media";

  /** The tables counted in the manifest and compared after a restore. */
  static final List<String> COUNTED = List.of(
      "edition",
      "section",
      "series",
      "tag",
      "author",
      "article",
      "media",
      "article_revision",
      "correction",
      "listing",
      "reader",
      "favorite",
      "staff",
      "api_token",
      "audit_log",
      "webhook_endpoint");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What a backup holds. */
  public record Manifest(
      String format,
      String createdAt,
      String database,
      Map<String, Long> counts,
      List<FileEntry> files) {}

  public record FileEntry(String path, long bytes, String sha256) {}

  /** Thrown when a backup cannot be made or put back; the message says why, for the command line. */
  public static final class Failed extends RuntimeException {
    public Failed(String message) {
      super(message);
    }
  }

  private Backup() {}

  /** Makes a backup of the outlet in {@code config} into {@code target} (a new or empty folder). */
  public static Manifest write(Config config, Database database, Path target) {
    try {
      if (Files.exists(target)) {
        try (var entries = Files.list(target)) {
          if (entries.findAny().isPresent())
            throw new Failed(target + " is not empty: a backup goes into a new or empty folder");
        }
      }
      Files.createDirectories(target);
      Map<String, Long> counts;
      String kind;
      if (database.dialect() == Dialect.SQLITE) {
        kind = "sqlite";
        database.snapshotSqliteTo(target.resolve(SQLITE_FILE));
        try (var copy =
            Database.open("jdbc:sqlite:" + target.resolve(SQLITE_FILE).toAbsolutePath(), "", "")) {
          counts = copy.counts(COUNTED); // the copy's own counts, exactly what is in it
        }
      } else {
        kind = "postgresql";
        counts = database.inExportedSnapshot(COUNTED, (snapshot, seen) -> {
          PostgresTools.dump(config.storage(), snapshot, target.resolve(POSTGRES_FILE));
          return seen;
        });
      }
      var data = config.storage().dataDirectory();
      if (Files.isRegularFile(data.resolve(SETTINGS)))
        Files.copy(data.resolve(SETTINGS), target.resolve(SETTINGS));
      if (Files.isDirectory(data.resolve(MEDIA)))
        copyTree(data.resolve(MEDIA), target.resolve(MEDIA));
      var manifest = new Manifest(FORMAT, Instant.now().toString(), kind, counts, files(target));
      JSON.writeValue(target.resolve(MANIFEST).toFile(), manifest);
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads and checks a backup: every file listed is there, whole. Its manifest. */
  public static Manifest verify(Path source) {
    var file = source.resolve(MANIFEST);
    if (!Files.isRegularFile(file))
      throw new Failed(source + " holds no " + MANIFEST + ": not a backup, or an unfinished one");
    Manifest manifest;
    try {
      manifest = JSON.readValue(file.toFile(), Manifest.class);
    } catch (IOException e) {
      throw new Failed(file + " cannot be read: " + e.getMessage());
    }
    if (!FORMAT.equals(manifest.format()))
      throw new Failed("this backup is in the format " + manifest.format() + ", not " + FORMAT);
    for (var entry : manifest.files()) {
      var path = source.resolve(entry.path()).normalize();
      if (!path.startsWith(source.normalize()))
        throw new Failed("the manifest names a file outside the backup: " + entry.path());
      if (!Files.isRegularFile(path)) throw new Failed("missing from the backup: " + entry.path());
      try {
        if (Files.size(path) != entry.bytes() || !sha256(path).equals(entry.sha256()))
          throw new Failed(entry.path() + " is damaged: its checksum is not the manifest's");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return manifest;
  }

  /**
   * Puts a backup back into the outlet {@code config} names, which must hold none yet (a SQLite
   * file that does not exist, or an empty PostgreSQL database). Checks the backup first; the
   * settings file is restored only when the data directory has none.
   */
  public static Manifest restore(Path source, Config config) {
    var manifest = verify(source);
    var storage = config.storage();
    var sqliteFile = Dialect.sqliteFile(storage.databaseUrl());
    boolean sqlite = sqliteFile.isPresent();
    if (sqlite != manifest.database().equals("sqlite"))
      throw new Failed(
          "this is a " + manifest.database() + " backup and the outlet's database.url is "
              + (sqlite ? "SQLite" : "PostgreSQL") + ": restore into the same kind of database");
    try {
      if (sqlite) {
        var file = sqliteFile.get();
        if (Files.exists(file))
          throw new Failed(file + " exists: restore goes into a data directory without an outlet");
        Files.createDirectories(file.toAbsolutePath().getParent());
        var partial = file.resolveSibling(file.getFileName() + ".restoring");
        Files.copy(source.resolve(SQLITE_FILE), partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      } else {
        try {
          if (!Database.postgresIsEmpty(
              storage.databaseUrl(), storage.databaseUser(), storage.databasePassword()))
            throw new Failed(
                "the PostgreSQL database already holds an outlet: restore into an empty one");
        } catch (java.sql.SQLException e) {
          throw new Failed("cannot reach the PostgreSQL database: " + e.getMessage());
        }
        PostgresTools.restore(storage, source.resolve(POSTGRES_FILE));
      }
      var data = storage.dataDirectory();
      Files.createDirectories(data);
      if (Files.isRegularFile(source.resolve(SETTINGS)) && !Files.exists(data.resolve(SETTINGS)))
        Files.copy(source.resolve(SETTINGS), data.resolve(SETTINGS));
      if (Files.isDirectory(source.resolve(MEDIA)))
        copyTree(source.resolve(MEDIA), data.resolve(MEDIA));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return manifest;
  }

  /** The tables whose counts differ from the manifest's after a restore ({@code table: expected → found}). */
  public static List<String> compareCounts(Manifest manifest, Database restored) {
    var found = restored.counts(COUNTED);
    var differences = new ArrayList<String>();
    manifest.counts().forEach((table, expected) -> {
      var actual = found.get(table);
      if (!expected.equals(actual)) differences.add(table + ": " + expected + " → " + actual);
    });
    return differences;
  }

  private static List<FileEntry> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      var entries = new ArrayList<FileEntry>();
      for (var path : walk.filter(Files::isRegularFile).sorted().toList()) {
        var relative = root.relativize(path).toString().replace('\\', '/');
        if (relative.equals(MANIFEST)) continue;
        entries.add(new FileEntry(relative, Files.size(path), sha256(path)));
      }
      return entries;
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (var path : walk.toList()) {
        var target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) Files.createDirectories(target);
        else Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      var digest = MessageDigest.getInstance("SHA-256");
      var buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
