package io.masthead;

import io.masthead.demo.DemoOutlet;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: parse, load the configuration, wire by hand, run, stop in reverse. */
@Command(
    name = "masthead",
    mixinStandardHelpOptions = true,
    version = "Masthead 0.1",
    description = "A news publishing platform: public site, newsroom and wire desk in one program.")
public final class Masthead implements Runnable {

  /** The commands, in the order {@code masthead --help} lists them. */
  static final java.util.List<Class<?>> COMMANDS = java.util.List.of(
      Serve.class,
      Demo.class,
      Generate.class,
      Urls.class,
      Reindex.class,
      BackupCommand.class,
      RestoreCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      StaffCommand.class,
      WireCommand.class,
      Train.class);

  public static void main(String[] args) {
    warnWhereFileNamesCannotBeSpelled();
    System.exit(commandLine(args)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          if (e instanceof Config.Invalid invalid) {
            cmd.getErr()
                .println("masthead: the configuration has problems:\n" + invalid.getMessage());
            return 2;
          }
          cmd.getErr().println("masthead: " + e.getMessage());
          org.slf4j.LoggerFactory.getLogger(Masthead.class).debug("command failed", e);
          return 1;
        })
        .execute(args));
  }

  /**
   * The JVM names files in the character set of the locale's LC_CTYPE; in the POSIX locale (a
   * container or a service with no LANG) that is ASCII, and a file whose name is not (a WordPress
   * upload "العبارة.jpg", a data folder "أخبار") cannot be opened at all. The masthead launcher
   * starts Java in C.UTF-8 there; started otherwise, Masthead says so once, at start.
   */
  static void warnWhereFileNamesCannotBeSpelled() {
    var charset = System.getProperty("sun.jnu.encoding", "UTF-8");
    if (java.io.File.separatorChar != '/' || charset.equalsIgnoreCase("UTF-8")) return;
    org.slf4j.LoggerFactory.getLogger(Masthead.class)
        .warn(
            "This machine's locale names files in {}: files whose names are not in it cannot be"
                + " opened (pictures to import, a data folder). Start Masthead with"
                + " LANG=C.UTF-8 (the masthead launcher does).",
            charset);
  }

  /**
   * The command line, with only the command the first argument names when it names one: picocli
   * builds a command's model by reflection over its annotations, and building every command's
   * took a server's start about 0.3 s. Help, a mistyped command and no command get them all.
   */
  static CommandLine commandLine(String[] args) {
    // Otherwise picocli looks for Groovy's Closure class on the class path at every start.
    System.setProperty("picocli.disable.closures", "true");
    var root = new CommandLine(new Masthead());
    var named = args.length == 0
        ? java.util.Optional.<Class<?>>empty()
        : COMMANDS.stream()
            .filter(command -> command.getAnnotation(Command.class).name().equals(args[0]))
            .findFirst();
    for (var command : named.map(java.util.List::<Class<?>>of).orElse(COMMANDS))
      root.addSubcommand(command);
    return root;
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Options every command shares. */
  static class Common {
    @Option(
        names = "--data",
        description = "The data directory (default: ${DEFAULT-VALUE}).",
        defaultValue = "data/demo")
    Path data;

    @Option(names = "--port", description = "The port to listen on (default: server.port, 8080).")
    Integer port;

    @Option(
        names = "--host",
        description = "The address to listen on (default: server.host, 127.0.0.1).")
    String host;

    /** The configuration of the outlet in {@code --data}, made as a new one if there is none. */
    Config config() throws Exception {
      Files.createDirectories(folder());
      return load();
    }

    /**
     * The configuration of an outlet that is there already, for the commands that read or change
     * one. A mistyped --data made a new empty outlet (and, for serve, an administrator for it)
     * before saying it had no edition.
     */
    Config existingOutlet() throws Exception {
      folder();
      var config = load();
      var file = io.masthead.storage.Dialect.sqliteFile(config.storage().databaseUrl());
      if (file.isPresent() && !Files.exists(file.get()))
        throw new IllegalStateException(
            "no outlet in " + data + " (no " + file.get().getFileName()
                + " there): check --data, or make one with 'masthead demo --data " + data
                + "' or 'masthead import'");
      return config;
    }

    /** {@code --data}, unless it names a file (a bare "masthead: PATH" from the JDK before). */
    private Path folder() {
      if (Files.exists(data) && !Files.isDirectory(data))
        throw new IllegalArgumentException("--data " + data + " is a file, not a folder");
      return data;
    }

    private Config load() {
      var overrides = new HashMap<String, String>();
      if (port != null) overrides.put("server.port", port.toString());
      if (host != null) overrides.put("server.host", host);
      return Config.load(data, System.getenv(), overrides);
    }
  }

  @Command(name = "serve", description = "Serve an existing outlet.")
  static final class Serve implements Callable<Integer> {
    @CommandLine.Mixin
    Common common = new Common();

    @Override
    public Integer call() throws Exception {
      return run(common.existingOutlet(), null, null);
    }
  }

  @Command(
      name = "train",
      hidden = true,
      description = "Runs the workload the launcher records JDK 25's start-up cache from.")
  static final class Train implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      System.out.println("Read " + Training.run() + " pages of a training outlet.");
      return 0;
    }
  }

  @Command(name = "demo", description = "Create the demo outlet (on first run) and serve it.")
  static final class Demo implements Callable<Integer> {
    @CommandLine.Mixin
    Common common = new Common();

    @Option(
        names = "--articles",
        description = "Articles to write on the first run (default: ${DEFAULT-VALUE}).",
        defaultValue = "640")
    long articles;

    @Option(
        names = "--staff-password",
        description = "The password of the demo's staff accounts "
            + "(admin@, editor@ and contributor@example.com); default: one generated and printed.")
    String staffPassword;

    @Override
    public Integer call() throws Exception {
      return run(common.config(), articles, staffPassword);
    }
  }

  @Command(
      name = "staff",
      description = "Manage staff accounts (works while the server runs).",
      subcommands = {
        StaffCommand.Add.class,
        StaffCommand.Reset.class,
        StaffCommand.ListStaff.class,
        StaffCommand.Token.class,
        StaffCommand.Role.class,
        StaffCommand.Disable.class,
        StaffCommand.Enable.class,
        StaffCommand.Remove.class
      })
  static final class StaffCommand implements Runnable {
    @Override
    public void run() {
      CommandLine.usage(this, System.out);
    }

    @Command(name = "add", description = "Add a member of staff and print their one-time password.")
    static final class Add implements Callable<Integer> {
      @CommandLine.Mixin
      Common common = new Common();

      @CommandLine.Parameters(index = "0", paramLabel = "EMAIL")
      String email;

      @Option(names = "--role", required = true, description = "contributor, editor or admin")
      String role;

      @Option(
          names = "--name",
          description = "The name shown in the newsroom (default: the email).")
      String name;

      @Override
      public Integer call() throws Exception {
        try (var outlet = new Outlet(common.existingOutlet(), Clock.systemUTC())) {
          var password = io.masthead.newsroom.Passwords.generate();
          var added =
              outlet.staff.add(email, name, io.masthead.command.Role.ofCode(role), password, null);
          System.out.println("Added " + added.email() + " (" + added.role().code()
              + "). One-time password: " + password);
        }
        return 0;
      }
    }

    @Command(
        name = "reset",
        description = "Give a member of staff a new password (printed) and sign them out.")
    static final class Reset implements Callable<Integer> {
      @CommandLine.Mixin
      Common common = new Common();

      @CommandLine.Parameters(index = "0", paramLabel = "EMAIL")
      String email;

      @Override
      public Integer call() throws Exception {
        try (var outlet = new Outlet(common.existingOutlet(), Clock.systemUTC())) {
          var found = account(outlet, email);
          var password = io.masthead.newsroom.Passwords.generate();
          outlet.staff.setPassword(found.id(), password, null);
          System.out.println("New password for " + found.email() + ": " + password);
        }
        return 0;
      }
    }

    @Command(
        name = "token",
        description = "Make an Admin API token for a member of staff and print it.")
    static final class Token implements Callable<Integer> {
      @CommandLine.Mixin
      Common common = new Common();

      @CommandLine.Parameters(index = "0", paramLabel = "EMAIL")
      String email;

      @Option(
          names = "--name",
          defaultValue = "command line",
          description = "What the token is for.")
      String name;

      @Override
      public Integer call() throws Exception {
        try (var outlet = new Outlet(common.existingOutlet(), Clock.systemUTC())) {
          var found = account(outlet, email);
          System.out.println(outlet.apiTokens.create(found, name));
        }
        return 0;
      }
    }

    /** The account an email names, or a clear error. */
    static io.masthead.newsroom.Staff account(Outlet outlet, String email) {
      return outlet
          .staff
          .find(email)
          .orElseThrow(() -> new IllegalArgumentException("no staff account " + email));
    }

    @Command(
        name = "role",
        description =
            "Give a member of staff another role; signs them out and revokes their tokens.")
    static final class Role implements Callable<Integer> {
      @CommandLine.Mixin
      Common common = new Common();

      @CommandLine.Parameters(index = "0", paramLabel = "EMAIL")
      String email;

      @Option(names = "--role", required = true, description = "contributor, editor or admin")
      String role;

      @Override
      public Integer call() throws Exception {
        try (var outlet = new Outlet(common.existingOutlet(), Clock.systemUTC())) {
          var found = account(outlet, email);
          outlet.staff.changeRole(
              io.masthead.command.Actor.PROGRAM, found.id(), io.masthead.command.Role.ofCode(role));
          System.out.println(
              found.email() + " is now " + io.masthead.command.Role.ofCode(role).code()
                  + "; signed out everywhere, API tokens revoked.");
        }
        return 0;
      }
    }

    /** disable, enable, remove: one account, one change. */
    abstract static class AccountChange implements Callable<Integer> {
      @CommandLine.Mixin
      Common common = new Common();

      @CommandLine.Parameters(index = "0", paramLabel = "EMAIL")
      String email;

      abstract io.masthead.newsroom.StaffService.Change change();

      abstract String done();

      @Override
      public Integer call() throws Exception {
        try (var outlet = new Outlet(common.existingOutlet(), Clock.systemUTC())) {
          var found = account(outlet, email);
          outlet.staff.change(io.masthead.command.Actor.PROGRAM, found.id(), change());
          System.out.println(found.email() + " " + done());
        }
        return 0;
      }
    }

    @Command(
        name = "disable",
        description = "Stop a member of staff signing in; signs them out and revokes their tokens.")
    static final class Disable extends AccountChange {
      io.masthead.newsroom.StaffService.Change change() {
        return io.masthead.newsroom.StaffService.Change.DISABLE;
      }

      String done() {
        return "is disabled; signed out everywhere, API tokens revoked.";
      }
    }

    @Command(name = "enable", description = "Let a disabled member of staff sign in again.")
    static final class Enable extends AccountChange {
      io.masthead.newsroom.StaffService.Change change() {
        return io.masthead.newsroom.StaffService.Change.ENABLE;
      }

      String done() {
        return "can sign in again (their old API tokens stay revoked).";
      }
    }

    @Command(
        name = "remove",
        description =
            "Remove a member of staff; their name stays on their past work and in the audit log.")
    static final class Remove extends AccountChange {
      io.masthead.newsroom.StaffService.Change change() {
        return io.masthead.newsroom.StaffService.Change.REMOVE;
      }

      String done() {
        return "is removed; signed out everywhere, API tokens revoked.";
      }
    }

    @Command(name = "list", description = "List staff accounts.")
    static final class ListStaff implements Callable<Integer> {
      @CommandLine.Mixin
      Common common = new Common();

      @Override
      public Integer call() throws Exception {
        try (var outlet = new Outlet(common.existingOutlet(), Clock.systemUTC())) {
          for (var s : outlet.staff.list()) {
            System.out.printf(
                Locale.ROOT,
                "%-32s %-12s %s%s%n",
                s.email(),
                s.role().code(),
                s.name(),
                s.disabled() ? " (disabled)" : "");
          }
        }
        return 0;
      }
    }
  }

  @Command(
      name = "generate",
      description = "Write a generated outlet of N articles, for benchmarks, and exit.")
  static final class Generate implements Callable<Integer> {
    @CommandLine.Mixin
    Common common = new Common();

    @Option(names = "--articles", required = true, description = "How many articles to write.")
    long articles;

    @Override
    public Integer call() throws Exception {
      if (articles < 1 || articles > 50_000_000)
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--articles must be between 1 and 50000000");
      var config = common.config();
      try (var outlet = new Outlet(config, Clock.systemUTC())) {
        var demo =
            new DemoOutlet(outlet.database, outlet.changeLog, outlet.clock, outlet.mediaDesk);
        long started = System.nanoTime();
        var bar = new ProgressBar(System.err, "articles");
        if (demo.exists()) demo.addArticles(articles, bar::update);
        else demo.create(articles, bar::update);
        System.out.printf(
            Locale.ROOT,
            "Wrote %,d articles in %.1f s to %s%n",
            articles,
            (System.nanoTime() - started) / 1e9,
            config.storage().databaseUrl());
      }
      return 0;
    }
  }

  @Command(
      name = "reindex",
      description = {
        "Rebuild the search index of every edition (or one) from the database, and exit.",
        "A running server keeps answering from the old index and swaps to the new one when it is"
            + " complete."
      })
  static final class Reindex implements Callable<Integer> {
    @CommandLine.Mixin
    Common common = new Common();

    @Option(names = "--edition", description = "Only this edition (its code, such as ar).")
    String edition;

    @Option(
        names = "--scope",
        defaultValue = "all",
        description = "readers, newsroom or all (default: ${DEFAULT-VALUE}): the readers' index of"
            + " published articles, the newsroom's of every article, or both.")
    String scope;

    @Override
    public Integer call() throws Exception {
      var config = common.existingOutlet();
      try (var outlet = new Outlet(config, Clock.systemUTC())) {
        var editions = io.masthead.edition.Editions.load(outlet.database);
        var chosen = edition == null
            ? editions.all()
            : java.util.List.of(editions
                .find(edition)
                .orElseThrow(() -> new CommandLine.ParameterException(
                    new CommandLine(this), "no edition " + edition)));
        var scopes = switch (scope) {
          case "readers" -> java.util.List.of(io.masthead.search.Scope.READER);
          case "newsroom" -> java.util.List.of(io.masthead.search.Scope.NEWSROOM);
          case "all" -> java.util.List.of(io.masthead.search.Scope.values());
          default ->
            throw new CommandLine.ParameterException(
                new CommandLine(this), "--scope must be readers, newsroom or all");
        };
        long started = System.nanoTime();
        System.err.println("Indexing "
            + chosen.stream().map(e -> e.name() + " (" + e.code() + ")").toList()
            + " for "
            + scopes.stream()
                .map(s ->
                    s == io.masthead.search.Scope.READER ? "readers" : "the newsroom (drafts too)")
                .toList()
            + " …");
        rebuildSearch(outlet, editions, chosen, scopes);
        System.out.printf(
            Locale.ROOT,
            "Indexed %s in %.1f s%n",
            chosen.stream().map(e -> e.code()).toList(),
            (System.nanoTime() - started) / 1e9);
      }
      return 0;
    }
  }

  @Command(
      name = "backup",
      description =
          "Copy the outlet while it runs, consistently: the database (SQLite: VACUUM INTO;"
              + " PostgreSQL: pg_dump), the settings and the media folder, with a manifest of"
              + " checksums and row counts. The search indexes are rebuilt on restore, not copied.")
  static final class BackupCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Common common = new Common();

    @CommandLine.Parameters(
        index = "0",
        paramLabel = "DEST",
        description = "A new or empty folder.")
    Path target;

    @Override
    public Integer call() throws Exception {
      var config = common.existingOutlet();
      long started = System.nanoTime();
      try (var outlet = new Outlet(config, Clock.systemUTC())) {
        System.err.println(
            "Backing up " + config.storage().dataDirectory() + " into " + target + " …");
        var manifest = io.masthead.backup.Backup.write(config, outlet.database, target);
        long bytes = manifest.files().stream()
            .mapToLong(io.masthead.backup.Backup.FileEntry::bytes)
            .sum();
        System.out.printf(
            Locale.ROOT,
            "Backed up %,d articles, %,d revisions, %,d favorites and %,d staff accounts into %s"
                + " (%,d files, %.1f MB) in %.1f s%n",
            manifest.counts().get("article"),
            manifest.counts().get("article_revision"),
            manifest.counts().get("favorite"),
            manifest.counts().get("staff"),
            target,
            manifest.files().size(),
            bytes / 1e6,
            (System.nanoTime() - started) / 1e9);
      } catch (io.masthead.backup.Backup.Failed e) {
        System.err.println("masthead: backup failed: " + e.getMessage());
        return 1;
      }
      return 0;
    }
  }

  @Command(
      name = "restore",
      description = "Put a backup back into an outlet that holds none yet (--data, and its"
          + " database.url: a SQLite file that does not exist or an empty PostgreSQL database),"
          + " after checking every checksum; then check the row counts and rebuild the search"
          + " indexes.")
  static final class RestoreCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Common common = new Common();

    @CommandLine.Parameters(index = "0", paramLabel = "SOURCE", description = "A backup folder.")
    Path source;

    @Override
    public Integer call() throws Exception {
      var config = common.config();
      long started = System.nanoTime();
      io.masthead.backup.Backup.Manifest manifest;
      try {
        manifest = io.masthead.backup.Backup.restore(source, config);
      } catch (io.masthead.backup.Backup.Failed e) {
        System.err.println("masthead: restore refused: " + e.getMessage());
        return 1;
      }
      // Settings may have come with the backup: read them again.
      config = common.config();
      try (var outlet = new Outlet(config, Clock.systemUTC())) {
        var differences = io.masthead.backup.Backup.compareCounts(manifest, outlet.database);
        if (!differences.isEmpty()) {
          System.err.println(
              "masthead: the restored outlet does not hold what the backup says: " + differences);
          return 1;
        }
        var editions = io.masthead.edition.Editions.load(outlet.database);
        System.err.println("Rebuilding the search indexes …");
        rebuildSearch(
            outlet, editions, editions.all(), java.util.List.of(io.masthead.search.Scope.values()));
        System.out.printf(
            Locale.ROOT,
            "Restored %,d articles, %,d revisions, %,d favorites and %,d staff accounts (backup of"
                + " %s) into %s in %.1f s%n",
            manifest.counts().get("article"),
            manifest.counts().get("article_revision"),
            manifest.counts().get("favorite"),
            manifest.counts().get("staff"),
            manifest.createdAt(),
            config.storage().dataDirectory(),
            (System.nanoTime() - started) / 1e9);
      }
      return 0;
    }
  }

  @Command(
      name = "export",
      description = "Write the whole outlet as portable JSON Lines (masthead-export/1, described in"
          + " the README), from one snapshot while it runs: the way from SQLite to PostgreSQL and"
          + " back, with import --from-export.")
  static final class ExportCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Common common = new Common();

    @CommandLine.Parameters(index = "0", paramLabel = "FILE", description = "The file to write.")
    Path file;

    @Override
    public Integer call() throws Exception {
      long started = System.nanoTime();
      try (var outlet = new Outlet(common.existingOutlet(), Clock.systemUTC());
          var out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        var counts =
            io.masthead.storage.Portable.export(outlet.database, out, Masthead::tableProgress);
        System.err.println();
        System.out.printf(
            Locale.ROOT,
            "Exported %,d rows of %d tables (%,d articles) into %s in %.1f s%n",
            counts.values().stream().mapToLong(Long::longValue).sum(),
            counts.size(),
            counts.get("article"),
            file,
            (System.nanoTime() - started) / 1e9);
      }
      return 0;
    }
  }

  @Command(
      name = "wire",
      description = "The wire desk from the command line.",
      subcommands = {WireSimulate.class})
  static final class WireCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(System.out);
    }
  }

  @Command(
      name = "simulate",
      description = {
        "Keep agency copy coming for a live demonstration: the demo's three agencies drop the"
            + " items of a new event in their folders every few seconds, and the running outlet's"
            + " wire desk reads and groups them. Stop with Ctrl-C."
      })
  static final class WireSimulate implements Callable<Integer> {
    @CommandLine.Mixin
    Common common = new Common();

    @Option(
        names = "--every",
        description = "Seconds between events (default: ${DEFAULT-VALUE}).",
        defaultValue = "10")
    int every;

    @Option(
        names = "--events",
        description = "Stop after this many events (default: never).",
        defaultValue = "0")
    int events;

    @Override
    public Integer call() throws Exception {
      if (every < 1) throw new IllegalArgumentException("--every is at least 1 second");
      var config = common.existingOutlet();
      try (var outlet = new Outlet(config, Clock.systemUTC())) {
        if (io.masthead.edition.Editions.load(outlet.database).isEmpty())
          throw new IllegalStateException(
              "no outlet in " + common.data + ": run 'masthead demo' first");
        io.masthead.demo.DemoWire.sources(
            outlet.wireDesk, outlet.wire, config.storage().dataDirectory());
      }
      System.out.println("Dropping agency copy into "
          + config.storage().dataDirectory().resolve("wire") + " every " + every
          + " s; the running outlet's desk is at /newsroom/wire. Stop with Ctrl-C.");
      io.masthead.demo.DemoWire.simulate(
          config.storage().dataDirectory(),
          java.time.Duration.ofSeconds(every),
          events,
          System.out);
      return 0;
    }
  }

  @Command(
      name = "import",
      description = {
        "Bring content into an outlet: a file of masthead export into one that holds none yet"
            + " (--from-export), or a WordPress site (import wordpress FILE.xml)."
      },
      subcommands = {WordPressCommand.class})
  static final class ImportCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Common common = new Common();

    @Option(
        names = "--from-export",
        paramLabel = "FILE",
        description = "A file written by masthead export (from SQLite or PostgreSQL).")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (file == null)
        throw new CommandLine.ParameterException(
            spec.commandLine(), "say what to import: --from-export FILE, or wordpress FILE.xml");
      long started = System.nanoTime();
      try (var outlet = new Outlet(common.config(), Clock.systemUTC());
          var in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
        java.util.Map<String, Long> counts;
        try {
          counts =
              io.masthead.storage.Portable.importInto(outlet.database, in, Masthead::tableProgress);
        } catch (io.masthead.storage.Portable.Refused e) {
          System.err.println("\nmasthead: import refused, nothing written: " + e.getMessage());
          return 1;
        }
        System.err.println();
        var editions = io.masthead.edition.Editions.load(outlet.database);
        System.err.println("Rebuilding the search indexes …");
        rebuildSearch(
            outlet, editions, editions.all(), java.util.List.of(io.masthead.search.Scope.values()));
        System.out.printf(
            Locale.ROOT,
            "Imported %,d rows of %d tables (%,d articles) from %s in %.1f s%n",
            counts.values().stream().mapToLong(Long::longValue).sum(),
            counts.size(),
            counts.getOrDefault("article", 0L),
            file,
            (System.nanoTime() - started) / 1e9);
      }
      return 0;
    }
  }

  @Command(
      name = "wordpress",
      description = {
        "Import a WordPress export (WXR, from Tools > Export) into the outlet in --data (a new"
            + " outlet when the folder is empty): posts, authors, categories (as sections), tags,"
            + " featured images and pictures (from --uploads), with every old address answering"
            + " 301. Safe to run again: unchanged posts are left alone, changed ones get a new"
            + " revision, an interrupted run is finished."
      })
  static final class WordPressCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Common common = new Common();

    @CommandLine.Parameters(index = "0", paramLabel = "FILE.xml", description = "The export.")
    Path file;

    @Option(
        names = "--uploads",
        paramLabel = "DIR",
        description = "A local copy of the old site's wp-content/uploads, for the pictures.")
    Path uploads;

    @Option(
        names = "--edition",
        description = "The edition to import into (its code; default: the default edition).")
    String edition;

    @Option(
        names = "--staff",
        description = "Also make a contributor's staff account for each author with an email"
            + " address, without a password (masthead staff reset EMAIL gives one).")
    boolean staffAccounts;

    @Option(
        names = "--dry-run",
        description = "Read and convert everything and report what would be imported; write"
            + " nothing. (The newsroom's checks run only on a real import.)")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(file)) {
        System.err.println("masthead: no file " + file);
        return 2;
      }
      if (uploads != null && !Files.isDirectory(uploads)) {
        System.err.println("masthead: --uploads " + uploads + " is not a folder");
        return 2;
      }
      long started = System.nanoTime();
      try (var outlet = new Outlet(common.config(), Clock.systemUTC())) {
        var editions = io.masthead.edition.Editions.load(outlet.database);
        if (editions.isEmpty()) {
          var first = firstEdition(file, edition);
          io.masthead.edition.Editions.insert(outlet.database, first);
          System.err.println("A new outlet: its " + first.name() + " edition (" + first.code()
              + ", " + first.language() + ") made from the export's site.");
          editions = io.masthead.edition.Editions.load(outlet.database);
        }
        var chosen =
            edition == null ? editions.defaultEdition() : editions.find(edition).orElse(null);
        if (chosen == null) {
          System.err.println("masthead: no edition " + edition + "; the outlet has "
              + editions.all().stream().map(e -> e.code()).toList());
          return 2;
        }
        System.err.println((dryRun ? "Reading " : "Importing ") + file + " into the "
            + chosen.name() + " edition …");
        var bar = new ProgressBar(System.err, "items");
        io.masthead.wordpress.ImportReport report;
        try {
          report = outlet
              .wordPressImport()
              .run(
                  io.masthead.command.Actor.PROGRAM,
                  file,
                  new io.masthead.wordpress.WordPressImport.Options(
                      chosen, uploads, dryRun, staffAccounts),
                  bar::update);
        } catch (io.masthead.wordpress.WxrReader.Unreadable e) {
          System.err.println("masthead: " + file + " cannot be imported: " + e.getMessage());
          return 1;
        }
        report.lines().forEach(System.out::println);
        System.out.printf(Locale.ROOT, "Done in %.1f s%n", (System.nanoTime() - started) / 1e9);
      }
      return 0;
    }

    /** The edition a new outlet starts with: the export's site name and language. */
    private static io.masthead.edition.Edition firstEdition(Path file, String code)
        throws Exception {
      io.masthead.wordpress.Wxr.Site site;
      try (var in = io.masthead.wordpress.WordPressImport.open(file);
          var reader = new io.masthead.wordpress.WxrReader(in)) {
        site = reader.site();
      }
      var tag = site.language().isBlank() ? "en" : site.language().strip();
      var locale = Locale.forLanguageTag(tag);
      var language = locale.getLanguage().isEmpty() ? "en" : locale.getLanguage();
      var rtl = java.util.Set.of("ar", "he", "fa", "ur", "ps", "yi").contains(language);
      var name = site.title().isBlank() ? "News" : site.title().strip();
      return new io.masthead.edition.Edition(
          code == null ? language : code,
          name.length() > 100 ? name.substring(0, 100) : name,
          locale.toLanguageTag().equals("und") ? language : locale.toLanguageTag(),
          rtl
              ? io.masthead.edition.Edition.Direction.RTL
              : io.masthead.edition.Edition.Direction.LTR,
          "",
          true,
          java.time.ZoneId.of("UTC"),
          0);
    }
  }

  /** One line on standard error that says which table a long export or import is at. */
  private static void tableProgress(String table, long rows) {
    System.err.printf(Locale.ROOT, "\r%-20s %,12d rows", table, rows);
  }

  /** Rebuilds the search indexes of these editions and scopes in one pass, with a progress bar. */
  static void rebuildSearch(
      Outlet outlet,
      io.masthead.edition.Editions editions,
      java.util.List<io.masthead.edition.Edition> chosen,
      java.util.List<io.masthead.search.Scope> scopes) {
    var indexes = new java.util.ArrayList<io.masthead.search.SearchIndex>();
    for (var scope : scopes) indexes.add(outlet.searchIndex(editions, scope));
    try {
      io.masthead.search.SearchIndex.rebuild(
          indexes, chosen, new ProgressBar(System.err, "articles")::update);
    } finally {
      indexes.forEach(io.masthead.search.SearchIndex::close);
    }
  }

  @Command(
      name = "urls",
      description =
          "Print the addresses of a random sample of published articles (for benchmarks).")
  static final class Urls implements Callable<Integer> {
    @CommandLine.Mixin
    Common common = new Common();

    @Option(
        names = "--count",
        defaultValue = "1000",
        description = "How many (default: ${DEFAULT-VALUE}).")
    int count;

    @Override
    public Integer call() throws Exception {
      try (var outlet = new Outlet(common.existingOutlet(), Clock.systemUTC())) {
        var editions = io.masthead.edition.Editions.load(outlet.database);
        for (var article : outlet.articles.sample(Math.max(1, Math.min(count, 1_000_000)))) {
          System.out.println(io.masthead.web.site.SitePaths.encode(
              io.masthead.web.site.SitePaths.article(editions.get(article.edition()), article)));
        }
      }
      return 0;
    }
  }

  /** Serves until SIGTERM or Ctrl-C; with {@code demoArticles}, first creates the demo outlet if none. */
  static int run(Config config, Long demoArticles, String staffPassword)
      throws InterruptedException {
    var outlet = new Outlet(config, Clock.systemUTC());
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(
            () -> {
              outlet.close();
              stopped.countDown();
            },
            "shutdown"));
    if (demoArticles != null) {
      var demo = new DemoOutlet(outlet.database, outlet.changeLog, outlet.clock, outlet.mediaDesk);
      if (!demo.exists()) {
        System.out.println(
            "Writing the demo outlet into " + config.storage().dataDirectory() + " …");
        demo.create(demoArticles, new ProgressBar(System.err, "articles")::update);
        io.masthead.demo.DemoWire.setUp(
            outlet.wireDesk,
            outlet.wire,
            config.storage().dataDirectory(),
            24,
            outlet.clock.instant());
      }
    }
    if (demoArticles != null) demoStaff(outlet, staffPassword);
    // Serving first: it refuses a database with no outlet in it, which then gets no administrator.
    outlet.serve();
    if (!outlet.staff.hasAdmin()) {
      var password = io.masthead.newsroom.Passwords.generate();
      outlet.staff.add(
          "admin@example.com", "Administrator", io.masthead.command.Role.ADMIN, password, null);
      System.out.println(
          "No administrator yet: made admin@example.com with the one-time password " + password);
    }
    System.out.println(servingLine(
        config.site().name(),
        outlet.config.site().baseUrl(),
        io.masthead.edition.Editions.load(outlet.database).all()));
    stopped.await();
    return 0;
  }

  /**
   * What a started server prints: the site's address, then each other edition's by its language
   * (an outlet without an Arabic edition was told it had one at /ar/).
   */
  static String servingLine(
      String siteName, String baseUrl, List<io.masthead.edition.Edition> editions) {
    var line = new StringBuilder("Masthead is serving ")
        .append(siteName)
        .append(" at ")
        .append(baseUrl)
        .append('/');
    for (var edition : editions) {
      if (edition.isDefault()) continue;
      line.append("  (")
          .append(edition.locale().getDisplayLanguage(com.ibm.icu.util.ULocale.ENGLISH))
          .append(" edition: ")
          .append(baseUrl)
          .append(edition.homePath())
          .append(')');
    }
    return line.append("  Stop with Ctrl-C.").toString();
  }

  /** The demo's three accounts, one per role, with one password (given, or generated and printed). */
  private static void demoStaff(Outlet outlet, String staffPassword) {
    var password =
        staffPassword == null ? io.masthead.newsroom.Passwords.generate() : staffPassword;
    boolean made = false;
    for (var role : io.masthead.command.Role.values()) {
      var email = role.code() + "@example.com";
      var name = Character.toUpperCase(role.code().charAt(0)) + role.code().substring(1);
      var existing = outlet.staff.find(email);
      if (existing.isEmpty()) {
        outlet.staff.add(email, name, role, password, null);
        made = true;
      } else if (staffPassword != null) {
        outlet.staff.setPassword(existing.get().id(), password, null);
      }
    }
    if (made || staffPassword != null) {
      System.out.println(
          "Newsroom accounts: admin@example.com, editor@example.com, contributor@example.com"
              + (staffPassword == null ? ", password " + password : ", with the password given"));
    }
  }

  /** A one-line progress bar on a terminal; a line every 10 % when output is not a terminal. */
  static final class ProgressBar {
    private final PrintStream out;
    private final String unit;
    private final long started = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private int lastTenth = -1;

    ProgressBar(PrintStream out, String unit) {
      this.out = out;
      this.unit = unit;
    }

    void update(long done, long total) {
      double fraction = total == 0 ? 1 : (double) done / total;
      double seconds = (System.nanoTime() - started) / 1e9;
      double rate = seconds > 0 ? done / seconds : 0;
      var eta = rate > 0 ? String.format(Locale.ROOT, "%.0f s left", (total - done) / rate) : "";
      int width = 30;
      int filled = (int) Math.round(fraction * width);
      var line = String.format(
          Locale.ROOT,
          "[%s%s] %3.0f%% %,d/%,d %s  %,.0f/s  %s",
          "#".repeat(filled),
          "-".repeat(width - filled),
          fraction * 100,
          done,
          total,
          unit,
          rate,
          eta);
      if (terminal) {
        out.print("\r" + line + (done >= total ? "\n" : ""));
      } else if ((int) (fraction * 10) != lastTenth || done >= total) {
        lastTenth = (int) (fraction * 10);
        out.println(line);
      }
      out.flush();
    }
  }
}
