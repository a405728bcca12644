package io.masthead.search;

import io.masthead.change.ChangeLog;
import io.masthead.change.ChangeLog.Position;
import io.masthead.edition.Edition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Builds new generations of several indexes (scopes × editions) from the database in one pass:
 * each article is read and its body's text taken once, however many indexes hold it. One thread
 * reads pages of articles while the given number of threads put them in the indexes (Lucene's
 * writer analyses on the calling thread, so indexing threads are what use the cores). Each new
 * index starts at the change log's newest id read before the first page: changes made meanwhile
 * are handed to it again once it follows the log, which only rewrites the same documents.
 */
final class Rebuild {
  private Rebuild() {}

  /** One index being made: whose, which edition, where. */
  record Target(SearchIndex owner, Edition edition, Path directory, EditionIndex index) {
    boolean holds(Indexable article) {
      return article.edition().equals(edition.code()) && owner.scope().holds(article.status());
    }
  }

  private static final List<Indexable> END = List.of();

  /** Builds, commits and closes the targets; returns them (their directories complete). */
  static List<Target> run(
      List<Target> targets,
      SearchRepository repository,
      ChangeLog changeLog,
      io.masthead.command.Progress progress,
      java.util.function.BooleanSupplier stopped,
      int indexers) {
    long since = changeLog.newestId();
    var editions = targets.stream().map(t -> t.edition().code()).collect(Collectors.toSet());
    var scope = targets.stream().anyMatch(t -> t.owner().scope() == Scope.NEWSROOM)
        ? Scope.NEWSROOM
        : Scope.READER;
    long total = repository.count(scope, editions);
    var done = new AtomicLong();
    var failure = new AtomicReference<Throwable>();
    var pages = new ArrayBlockingQueue<List<Indexable>>(8);
    progress.update(0, total);
    var reader = Thread.ofPlatform().name("reindex-read").start(() -> {
      try {
        long after = 0;
        while (!stopped.getAsBoolean() && failure.get() == null) {
          var page = repository.page(scope, editions, after);
          if (!page.held().isEmpty()) pages.put(page.held());
          after = page.next();
          if (page.last()) break;
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      } finally {
        for (int i = 0; i < indexers; i++) {
          try {
            pages.put(END);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    });
    var threads = new ArrayList<Thread>();
    for (int i = 0; i < indexers; i++) {
      threads.add(Thread.ofPlatform().name("reindex-" + i).start(() -> {
        try {
          while (true) {
            var page = pages.take();
            if (page == END) return;
            if (failure.get() != null) continue;
            for (var article : page) {
              for (var target : targets)
                if (target.holds(article)) target.index().put(article);
            }
            long now = done.addAndGet(page.size());
            synchronized (progress) {
              progress.update(Math.min(now, total), Math.max(total, now));
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }));
    }
    try {
      reader.join();
      for (var thread : threads) thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, e);
    }
    if (failure.get() == null && stopped.getAsBoolean())
      failure.set(new IllegalStateException("stopped"));
    if (failure.get() != null) {
      for (var target : targets) {
        target.index().abandon();
        delete(target.directory());
      }
      var e = failure.get();
      if (e instanceof RuntimeException runtime) throw runtime;
      throw new IllegalStateException("the search index could not be rebuilt", e);
    }
    for (var target : targets) {
      target.index().commit(new Position(since, List.of()), true);
      target.index().close();
    }
    progress.update(done.get(), Math.max(total, done.get()));
    return targets;
  }

  static void delete(Path directory) {
    if (!Files.exists(directory)) return;
    try (var files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(Rebuild.class)
          .warn("could not delete {}: {}", directory, e.toString());
    }
  }
}
