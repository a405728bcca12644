package io.masthead.search;

import io.masthead.change.ChangeLog;
import io.masthead.change.ChangeLog.Entry;
import io.masthead.change.ChangeLog.Position;
import io.masthead.change.Tags;
import io.masthead.command.Progress;
import io.masthead.command.Refusal;
import io.masthead.edition.Edition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every edition's index, under {@code <data>/search/<edition>/<generation>}. Each index is a
 * durable follower of the change log whose cursor lives in the index's own commits. An edition
 * without a whole index (a new node, a new edition, a changed analysis, a log pruned past the
 * index's place) is built from the database in the background; until then its searches are
 * refused as {@link Refusal.Busy}. {@link #rebuild} makes a new generation beside the one being
 * served and swaps at the end; a generation made by {@code masthead reindex} in another process is
 * picked up the same way. Thread-safe.
 */
public final class SearchIndex implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
  private static final DateTimeFormatter GENERATION =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  private static final Pattern GENERATION_NAME = Pattern.compile("\\d{8}-\\d{6}-\\d{3}");
  private static final Pattern RENAMES =
      Pattern.compile("(section|series|tag|author)\\.(changed|renamed)");
  private static final int CHUNK = 500;

  private final Path root;
  private final Scope scope;
  private final SearchRepository repository;
  private final ChangeLog changeLog;
  private final Supplier<List<Edition>> editions;
  private final Clock clock;
  private final boolean cacheResults;
  private final Map<String, EditionIndex> serving = new ConcurrentHashMap<>();
  private final Set<String> building = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * Open once {@link #start} has opened the indexes on disk. A server starts answering while they
   * open (Lucene reads their segments: a few tenths of a second at 100,000 articles), and a search
   * that comes in meanwhile waits for them rather than being told the index is being built.
   */
  private final java.util.concurrent.CountDownLatch opened =
      new java.util.concurrent.CountDownLatch(1);

  private Thread watcher;

  /**
   * {@code dataDirectory}: the outlet's; the indexes go in a folder named after the scope.
   * {@code cacheResults}: keep each query's results until the index changes (off with the page
   * cache, to measure every search).
   */
  public SearchIndex(
      Path dataDirectory,
      Scope scope,
      SearchRepository repository,
      ChangeLog changeLog,
      Supplier<List<Edition>> editions,
      Clock clock,
      boolean cacheResults) {
    this.cacheResults = cacheResults;
    this.root = dataDirectory.resolve(scope.name);
    this.scope = scope;
    this.repository = repository;
    this.changeLog = changeLog;
    this.editions = editions;
    this.clock = clock;
  }

  /**
   * Opens each edition's index and follows the change log with it (call before the change log
   * starts); editions without a whole index are built in the background. Then watches for new
   * editions and for generations made by another process.
   */
  public SearchIndex start() {
    try {
      for (var edition : editions.get()) openOrBuild(edition);
    } finally {
      opened.countDown();
    }
    changeLog.addListener(entry -> {
      if (entry.tags().contains(Tags.EDITIONS)) watch();
    });
    watcher = Thread.ofVirtual().name(scope.name + "-watcher").start(() -> {
      while (!closed) {
        try {
          Thread.sleep(2_000);
          watch();
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          log.warn("search index watcher: {}", e.toString());
        }
      }
    });
    return this;
  }

  /** Waits (a bounded time) for {@link #start} to have opened the indexes; whether it has. */
  private boolean awaitOpened() {
    if (opened.getCount() == 0) return false; // opened before: nothing new to wait for
    try {
      return opened.await(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether the edition's index is built and followed: its searches are answered. */
  public boolean ready(String edition) {
    return serving.containsKey(edition) || awaitOpened() && serving.containsKey(edition);
  }

  /** Searches the edition's published articles. */
  public SearchResults search(String edition, SearchRequest request) {
    var index = served(edition);
    return onSearchThread(() -> index.search(request));
  }

  private EditionIndex served(String edition) {
    var index = serving.get(edition);
    if (index == null && awaitOpened()) index = serving.get(edition);
    if (index == null)
      throw new Refusal.Busy("The search index of this edition is being built. Try again soon.");
    return index;
  }

  /**
   * Runs a search on one of as many platform threads as there are cores, and waits for it. A
   * search is pure CPU: sixteen of them at once on two cores only took turns, each with its own
   * working set, and ran at half the rate of two; and Lucene keeps its analysers per thread, which
   * a virtual thread per request never reuses.
   */
  private <T> T onSearchThread(java.util.concurrent.Callable<T> search) {
    try {
      return SEARCH_THREADS.submit(search).get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) throw runtime;
      if (e.getCause() instanceof Error error) throw error;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refusal.Busy("The search was interrupted.");
    }
  }

  private static final java.util.concurrent.ExecutorService SEARCH_THREADS =
      java.util.concurrent.Executors.newFixedThreadPool(
          Math.max(2, Runtime.getRuntime().availableProcessors()),
          Thread.ofPlatform().name("search-", 1).daemon(true).factory());

  /** The index the edition is served from, for tests; empty while it is being built. */
  Optional<EditionIndex> serving(String edition) {
    return Optional.ofNullable(serving.get(edition));
  }

  /** The folder the edition's searches are answered from (for operators and tests). */
  public Optional<Path> servedFrom(String edition) {
    return serving(edition).map(index -> index.directory);
  }

  /** The directory of the edition's newest whole index, if any. */
  Optional<Path> newestComplete(Edition edition) {
    return newestComplete(edition.code(), SearchAnalyzers.of(edition.language()));
  }

  /**
   * The ids of the edition's articles that best match the text, at most {@code limit}: the
   * newsroom's search, which lists them its own way.
   */
  public List<Long> find(String edition, String text, int limit) {
    var index = served(edition);
    return onSearchThread(() -> index.find(text, limit));
  }

  /** How many articles the edition's index holds (0 while it is being built). */
  public int size(String edition) {
    var index = serving.get(edition);
    return index == null ? 0 : index.size();
  }

  /**
   * Builds the edition's index anew from the database in a new generation beside the one being
   * served, then (when this process serves it) swaps to it and deletes the old one.
   */
  public void rebuild(Edition edition, Progress progress) {
    rebuild(List.of(this), List.of(edition), progress, ALL_CORES);
  }

  private static final int ALL_CORES = Math.max(1, Runtime.getRuntime().availableProcessors());

  /**
   * Builds made by a serving node take turns, each indexing on one core fewer than the machine
   * has: at a fresh outlet's first start every scope and edition needs one, and all at once on
   * every core they left readers' requests waiting for minutes (a 100,000-article outlet's pages
   * timed out on a 2-core machine).
   */
  private static final java.util.concurrent.locks.ReentrantLock BACKGROUND_TURN =
      new java.util.concurrent.locks.ReentrantLock();

  private static final int BACKGROUND_CORES = Math.max(1, ALL_CORES - 1);

  /**
   * Builds these indexes' generations for these editions in one pass over the articles (see
   * {@link Rebuild}), then each owner that serves (or is building) an edition swaps to its new
   * generation and deletes the old one. {@code masthead reindex} runs it in its own process: a
   * server there picks the new generations up by itself.
   */
  public static void rebuild(List<SearchIndex> owners, List<Edition> editions, Progress progress) {
    rebuild(owners, editions, progress, ALL_CORES);
  }

  private static void rebuild(
      List<SearchIndex> owners, List<Edition> editions, Progress progress, int indexers) {
    if (owners.isEmpty() || editions.isEmpty()) return;
    var targets = new ArrayList<Rebuild.Target>();
    for (var owner : owners) {
      for (var edition : editions) {
        var directory =
            owner.root.resolve(edition.code()).resolve(GENERATION.format(owner.clock.instant()));
        targets.add(new Rebuild.Target(
            owner,
            edition,
            directory,
            EditionIndex.open(
                edition.code(),
                directory,
                SearchAnalyzers.of(edition.language()),
                edition.timeZone())));
      }
    }
    var first = owners.getFirst();
    Rebuild.run(
        targets,
        first.repository,
        first.changeLog,
        progress,
        () -> owners.stream().anyMatch(o -> o.closed),
        indexers);
    for (var target : targets) {
      var owner = target.owner();
      if (!owner.serving.isEmpty() || owner.building.contains(target.edition().code()))
        owner.swapTo(target.edition(), target.directory());
    }
  }

  Scope scope() {
    return scope;
  }

  /** Opens the newest whole generation, or builds one in the background. */
  private void openOrBuild(Edition edition) {
    var analyzers = SearchAnalyzers.of(edition.language());
    var newest = newestComplete(edition.code(), analyzers);
    if (newest.isPresent()) {
      var index = EditionIndex.open(
          edition.code(), newest.get(), analyzers, edition.timeZone(), cacheResults);
      var position = index.position().orElseThrow();
      long oldest = repository.oldestChange();
      if (oldest > 0 && position.lastId() + 1 < oldest) {
        log.info(
            "{}: the change log was pruned past its place ({} < {}): rebuilding",
            named(edition.code()),
            position.lastId(),
            oldest);
        index.close();
      } else {
        serve(edition, index);
        deleteOthers(edition.code(), newest.get());
        return;
      }
    }
    buildInBackground(edition);
  }

  private void buildInBackground(Edition edition) {
    if (!building.add(edition.code())) return;
    Thread.ofVirtual().name(follower(edition.code()) + "-build").start(() -> {
      BACKGROUND_TURN.lock();
      long started = System.nanoTime();
      try {
        if (closed) return;
        rebuild(List.of(this), List.of(edition), (done, total) -> {}, BACKGROUND_CORES);
        log.info(
            "{}: built {} articles in {} ms",
            named(edition.code()),
            size(edition.code()),
            (System.nanoTime() - started) / 1_000_000);
      } catch (RuntimeException e) {
        log.error("{}: the build failed", named(edition.code()), e);
      } finally {
        BACKGROUND_TURN.unlock();
        building.remove(edition.code());
      }
    });
  }

  private synchronized void swapTo(Edition edition, Path directory) {
    if (closed) return;
    var current = serving.get(edition.code());
    if (current != null && current.directory.equals(directory)) return;
    var analyzers = SearchAnalyzers.of(edition.language());
    var index =
        EditionIndex.open(edition.code(), directory, analyzers, edition.timeZone(), cacheResults);
    serve(edition, index);
    if (current != null) current.close();
    deleteOthers(edition.code(), directory);
  }

  /** Follows the change log with this index, replacing the follower of the edition's index. */
  private void serve(Edition edition, EditionIndex index) {
    changeLog.follow(
        follower(edition.code()),
        new ChangeLog.Cursor() {
          @Override
          public Optional<Position> load() {
            return index.position();
          }

          @Override
          public void save(Position position) {
            index.commit(position, true);
          }
        },
        entry -> apply(index, entry));
    serving.put(edition.code(), index);
  }

  /**
   * How the log names an index: the reader's and the newsroom's index of an edition are built
   * side by side, and "search index en: built 316 articles", then "… 320 articles", read as one
   * index built twice.
   */
  private String named(String edition) {
    return (scope == Scope.NEWSROOM ? "newsroom search index " : "search index ") + edition;
  }

  private String follower(String edition) {
    return scope.name + ":" + edition;
  }

  /** What one change means for one edition's index: articles to put again or to take out. */
  void apply(EditionIndex index, Entry entry) {
    var ids = new TreeSet<Long>(entry.articleIds());
    for (var tag : entry.tags()) {
      Tags.rangeOf(tag).ifPresent(range -> {
        for (long id = range[0]; id <= range[1]; id++) ids.add(id);
      });
    }
    if (RENAMES.matcher(entry.kind()).matches()) {
      for (var tag : entry.tags()) {
        if (Stream.of("section", "series", "tag", "author")
            .anyMatch(kind -> Tags.idOf(tag, kind).isPresent()))
          ids.addAll(repository.inListing(tag));
      }
    }
    var list = new ArrayList<>(ids);
    for (int from = 0; from < list.size(); from += CHUNK) {
      var chunk = list.subList(from, Math.min(list.size(), from + CHUNK));
      var live = new HashSet<Long>();
      for (var article : repository.held(scope, chunk)) {
        if (!article.edition().equals(index.edition)) continue;
        index.put(article);
        live.add(article.id());
      }
      for (var id : chunk) if (!live.contains(id)) index.remove(id);
    }
  }

  /** New editions get an index; a whole generation newer than the one served is swapped in. */
  private void watch() {
    if (closed) return;
    for (var edition : editions.get()) {
      var analyzers = SearchAnalyzers.of(edition.language());
      var current = serving.get(edition.code());
      if (current == null) {
        if (!building.contains(edition.code())) {
          synchronized (this) {
            if (!serving.containsKey(edition.code())) openOrBuild(edition);
          }
        }
        continue;
      }
      var newest = newestComplete(edition.code(), analyzers);
      if (newest.isPresent()
          && newest
                  .get()
                  .getFileName()
                  .toString()
                  .compareTo(current.directory.getFileName().toString())
              > 0) {
        try {
          swapTo(edition, newest.get());
          log.info("{}: now serving {}", named(edition.code()), newest.get());
        } catch (UncheckedIOException e) {
          log.debug("{}: {} not ready yet: {}", named(edition.code()), newest.get(), e);
        }
      }
    }
  }

  private Optional<Path> newestComplete(String edition, SearchAnalyzers analyzers) {
    return generations(edition).stream()
        .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
        .filter(p -> EditionIndex.isComplete(p, analyzers))
        .findFirst();
  }

  private List<Path> generations(String edition) {
    var dir = root.resolve(edition);
    if (!Files.isDirectory(dir)) return List.of();
    try (var list = Files.list(dir)) {
      return list.filter(
              p -> GENERATION_NAME.matcher(p.getFileName().toString()).matches())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the edition's generations older than the one kept (newer ones may be being built). */
  private void deleteOthers(String edition, Path kept) {
    var keptName = kept.getFileName().toString();
    for (var generation : generations(edition)) {
      if (generation.getFileName().toString().compareTo(keptName) >= 0) continue;
      try (var files = Files.walk(generation)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        log.warn("could not delete the old search index {}: {}", generation, e.toString());
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    opened.countDown(); // a search waiting for the indexes to open is answered (busy) at once
    if (watcher != null) watcher.interrupt();
    for (var code : serving.keySet()) changeLog.unfollow(follower(code));
    serving.values().forEach(EditionIndex::close);
    serving.clear();
  }
}
