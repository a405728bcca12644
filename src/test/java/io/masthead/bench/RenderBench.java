package io.masthead.bench;

import io.masthead.article.BodyRenderer;
import io.masthead.testing.TestEditions;
import io.masthead.web.PageCache;
import io.masthead.web.Templates;
import io.masthead.web.Texts;
import io.masthead.web.site.SitePaths;
import io.masthead.web.site.SiteViews;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The render path, piece by piece: the article template, an article's address, Markdown plus
 * sanitiser (paid once per save, not per request), a relative and an absolute time, the ETag
 * every page gets, the gzip a cache miss pays (level 1) and the one a page gets once it is
 * popular (level 6, off the request's thread). Run with {@code bench/jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RenderBench {
  private final Instant now = Instant.parse("2026-11-29T12:00:00Z");
  private final Texts texts = new Texts(TestEditions.ENGLISH, Clock.fixed(now, ZoneOffset.UTC));
  private final BodyRenderer bodies = new BodyRenderer();
  private final Templates templates = new Templates();
  private String markdown;
  private SiteViews.ArticlePage page;
  private byte[] html;

  @Setup
  public void setUp() {
    var paragraph =
        "Officials in Port Esker said on Monday that the water-sharing pact would be reviewed before the end of "
            + "the month. Critics argue that the timetable leaves too little room for public comment. ";
    markdown = (paragraph.repeat(3) + "\n\n").repeat(8)
        + "> \u201cWe have listened,\u201d said Lena Varga.\n\n## Background\n\n"
        + (paragraph + "\n\n").repeat(3);
    var body = bodies.render(markdown).html();
    var stamp = new SiteViews.Stamp(
        "2026-11-18T10:00:00Z", texts.relative(now.minusSeconds(11 * 86400)), texts.dateTime(now));
    var link = SiteViews.Link.of("World", "/world/");
    var story = new SiteViews.Story(
        "Coastal alliance members review port agreement",
        "/world/2026/11/18/x",
        "",
        link,
        stamp,
        null);
    var chrome = new SiteViews.Chrome(
        texts,
        texts.edition(),
        "The Masthead Chronicle",
        "Headline",
        "Standfirst",
        "http://127.0.0.1/world/2026/11/18/x",
        List.of(SiteViews.Link.of("English", "/")),
        List.of(link, link, link, link),
        link,
        null,
        "v1",
        SiteViews.Meta.website(),
        "/");
    page = new SiteViews.ArticlePage(
        chrome,
        "Coastal alliance members review port agreement",
        "A standfirst.",
        link,
        stamp,
        null,
        new SiteViews.Byline(
            "By", List.of(SiteViews.Link.of("Staff", null), SiteViews.Link.of("Agencies", null))),
        body,
        "4 minute read",
        null,
        List.of(link, link),
        List.of(),
        List.of(story, story, story, story),
        new SiteViews.Star(1, false, "/favorites", "/world/2026/11/18/x"),
        null);
    html = templates.render("site/article.jte", page);
  }

  @Benchmark
  public byte[] articleTemplate() {
    return templates.render("site/article.jte", page);
  }

  @Benchmark
  public String markdownAndSanitiser() {
    return bodies.render(markdown).html();
  }

  @Benchmark
  public String relativeTime() {
    return texts.relative(now.minusSeconds(11 * 86400 + 17));
  }

  /** An absolute date; formatted once per minute and edition, so this is the cached path. */
  @Benchmark
  public String absoluteDate() {
    return texts.dateTime(now.minusSeconds(11 * 86400 + 17));
  }

  /** An article's address, of which a page writes one for each story it links. */
  @Benchmark
  public String articleAddress() {
    return SitePaths.article(
        texts.edition(), "world", "coastal-alliance-members-review-port-agreement", now);
  }

  /** The ETag (two checksums) every rendered page gets; the name predates the gzip below. */
  @Benchmark
  public PageCache.Variant compressAndTag() {
    return PageCache.Variant.of(html);
  }

  /** What a page-cache miss (or a render with the cache off) pays for its gzip. */
  @Benchmark
  public byte[] gzipOnMiss() {
    return PageCache.Variant.of(html).gzip(1);
  }

  /** What a page pays once, in the background, when it has been asked for often. */
  @Benchmark
  public byte[] gzipOncePopular() {
    return PageCache.Variant.of(html).gzip(6);
  }
}
