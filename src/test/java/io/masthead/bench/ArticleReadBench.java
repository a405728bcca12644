package io.masthead.bench;

import io.masthead.article.Article;
import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleSummary;
import io.masthead.change.ChangeLog;
import io.masthead.demo.DemoOutlet;
import io.masthead.storage.Database;
import io.masthead.testing.TempFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The database half of the render path: the article page's read (article, section, series,
 * byline, tags, corrections) from a generated SQLite outlet, a different article each time.
 * With statements kept per connection it costs about half of what compiling them each time
 * did (≈47 vs ≈94 µs on the development machine); a rise back towards the second figure means
 * statements are being recompiled again. Run with {@code bench/jmh ArticleReadBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ArticleReadBench {
  private Path folder;
  private Database database;
  private ArticleRepository articles;
  private List<ArticleSummary> sample;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    folder = Files.createTempDirectory("masthead-read-bench");
    database = Database.open("jdbc:sqlite:" + folder.resolve("masthead.db"), null, null);
    var clock = Clock.systemUTC();
    new DemoOutlet(database, new ChangeLog(database, clock), clock)
        .create(5_000, (done, total) -> {});
    articles = new ArticleRepository(database);
    sample = articles.sample(1_000);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    database.close();
    TempFolders.delete(folder);
  }

  @Benchmark
  public Article articlePageRead() {
    var summary = sample.get(next++ % sample.size());
    return articles.findBySlug(summary.edition(), summary.slug()).orElseThrow();
  }
}
