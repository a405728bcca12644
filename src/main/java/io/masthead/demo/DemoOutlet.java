package io.masthead.demo;

import io.masthead.article.ArticleService;
import io.masthead.article.BodyRenderer;
import io.masthead.article.Credit;
import io.masthead.article.Slug;
import io.masthead.author.AuthorRepository;
import io.masthead.edition.Edition;
import io.masthead.edition.Editions;
import io.masthead.frontpage.FrontPage;
import io.masthead.frontpage.FrontPageRepository;
import io.masthead.section.Section;
import io.masthead.section.SectionRepository;
import io.masthead.series.SeriesRepository;
import io.masthead.storage.ChangeLog;
import io.masthead.storage.Database;
import io.masthead.tag.TagRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Writes a fictional outlet: two editions (English, and right-to-left Arabic), their sections,
 * series, tags and authors, and as many articles as asked, deterministically (the same
 * numbers give the same copy). Articles are written in batches with explicit ids, so memory
 * stays flat whether it writes 600 or a million.
 */
public final class DemoOutlet {
  /** Told how far the writing has got. */
  public interface Progress {
    void update(long done, long total);
  }

  private static final int BATCH = 1_000;
  private static final long SEED = 0x6D61737468656164L; // "masthead"

  private final Database database;
  private final Clock clock;
  private final BodyRenderer renderer;
  private final FrontPageRepository frontPages;

  public DemoOutlet(Database database, Clock clock, BodyRenderer renderer, FrontPageRepository frontPages) {
    this.database = database;
    this.clock = clock;
    this.renderer = renderer;
    this.frontPages = frontPages;
  }

  /** What one edition's articles are made from, with the database ids of its structure. */
  private record EditionStructure(OutletPlan plan, Edition edition, List<Section> sections, List<Long> tagIds,
      List<Long> authorIds, List<Long> seriesIds) {}

  public boolean exists() {
    return !Editions.load(database).isEmpty();
  }

  /** Creates the editions and their structure, then {@code articles} articles spread over them. */
  public void create(long articles, Progress progress) {
    if (exists()) throw new IllegalStateException("this data directory already holds an outlet");
    var structures = new ArrayList<EditionStructure>();
    int position = 0;
    for (var plan : List.of(OutletPlan.ENGLISH, OutletPlan.ARABIC)) structures.add(createStructure(plan, position++));
    writeArticles(structures, articles, progress);
    for (var s : structures) curateFrontPage(s);
  }

  private EditionStructure createStructure(OutletPlan plan, int position) {
    var edition = new Edition(plan.code(), plan.name(), plan.language(),
        Edition.Direction.valueOf(plan.direction().toUpperCase(Locale.ROOT)), plan.prefix(), plan.isDefault(),
        ZoneId.of("UTC"), position);
    Editions.insert(database, edition);
    return database.inTransaction(h -> {
      var sectionIds = new java.util.HashMap<String, Long>();
      int order = 0;
      for (var s : plan.sections()) {
        var parent = s.parent() == null ? null : sectionIds.get(s.parent());
        sectionIds.put(s.slug(), SectionRepository.insert(h, plan.code(), s.slug(), s.name(), s.description(), parent, order++));
      }
      var tagIds = new ArrayList<Long>();
      for (var tag : plan.tags()) tagIds.add(TagRepository.insert(h, plan.code(), Slug.fromText(tag).value(), tag));
      var authorIds = new ArrayList<Long>();
      for (var a : plan.authors()) authorIds.add(AuthorRepository.insert(h, plan.code(), Slug.fromText(a[0]).value(), a[0], a[1], a[2]));
      var seriesIds = new ArrayList<Long>();
      boolean first = true;
      for (var s : plan.series()) {
        seriesIds.add(SeriesRepository.insert(h, plan.code(), Slug.fromText(s[0]).value(), s[0], s[1], first));
        first = false;
      }
      var tree = SectionRepository.tree(h, plan.code());
      var sections = plan.sections().stream().map(s -> tree.findBySlug(s.slug()).orElseThrow()).toList();
      return new EditionStructure(plan, edition, sections, tagIds, authorIds, seriesIds);
    });
  }

  /** Adds articles to an outlet made by {@link #create}. */
  public void addArticles(long articles, Progress progress) {
    var structures = new ArrayList<EditionStructure>();
    for (var plan : List.of(OutletPlan.ENGLISH, OutletPlan.ARABIC)) {
      var edition = Editions.load(database).find(plan.code())
          .orElseThrow(() -> new IllegalStateException("this outlet was not made by 'masthead demo'"));
      structures.add(database.read(h -> {
        var tree = SectionRepository.tree(h, plan.code());
        var sections = plan.sections().stream().map(s -> tree.findBySlug(s.slug()).orElseThrow()).toList();
        var ids = (java.util.function.Function<String, List<Long>>) table -> h.createQuery(
                "SELECT id FROM " + table + " WHERE edition = :e ORDER BY id").bind("e", plan.code()).mapTo(Long.class).list();
        return new EditionStructure(plan, edition, sections, ids.apply("tag"), ids.apply("author"), ids.apply("series"));
      }));
    }
    writeArticles(structures, articles, progress);
    for (var s : structures) curateFrontPage(s);
  }

  private record Row(long id, EditionStructure structure, Section section, Long seriesId, String slug, String oldSlug,
      String headline, String standfirst, String markdown, String html, int words, boolean live, Instant publishedAt,
      Instant updatedAt, List<Long> authorIds, List<Credit> credits, List<Long> tagIds, String correction) {}

  private void writeArticles(List<EditionStructure> structures, long total, Progress progress) {
    long firstId = database.read(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM article").mapTo(Long.class).one()) + 1;
    var now = clock.instant();
    // Large archives reach further back, as a real one would.
    long spanSeconds = Duration.ofDays(Math.max(60, total / 150)).toSeconds();
    progress.update(0, total);
    for (long start = 0; start < total; start += BATCH) {
      long batchStart = start;
      int size = (int) Math.min(BATCH, total - start);
      var rows = IntStream.range(0, size).parallel()
          .mapToObj(i -> write(firstId + batchStart + i, structures.get((int) ((batchStart + i) % structures.size())), now, spanSeconds))
          .toList();
      insert(rows);
      progress.update(start + size, total);
    }
    database.useTransaction(h -> {
      var reset = database.dialect().resetIdentitySql("article");
      if (reset != null) h.createQuery(reset).mapTo(Long.class).one();
      var tags = new LinkedHashSet<String>();
      for (var s : structures) {
        tags.add(s.edition().structureTag());
        tags.add(s.edition().listingKey());
      }
      ChangeLog.append(h, clock, "outlet.generated", tags);
    });
  }

  private Row write(long id, EditionStructure s, Instant now, long spanSeconds) {
    var random = new SplittableRandom(SEED ^ (id * 0x9E3779B97F4A7C15L));
    var copy = s.plan().copy();
    int sectionIndex = random.nextInt(s.sections().size());
    var section = s.sections().get(sectionIndex);
    var beat = s.plan().sections().get(sectionIndex).beat();
    var words = new Words(copy, beat, random);
    var headline = words.fill(words.pick(copy.headlinePatterns()));
    var standfirst = words.fill(words.pick(copy.standfirstPatterns()));
    var markdown = words.body(3 + random.nextInt(12));
    var body = renderer.render(markdown);
    var slug = Slug.fromText(headline).value();
    slug = slug.substring(0, Math.min(slug.length(), 100)).replaceAll("-+$", "") + "-" + Long.toString(id, 36);
    boolean live = id % 97 != 13;
    var publishedAt = now.minusSeconds(60 + random.nextLong(spanSeconds)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant updatedAt = random.nextInt(100) < 15 ? publishedAt.plusSeconds(600 + random.nextLong(36 * 3600)) : null;
    if (updatedAt != null && updatedAt.isAfter(now)) updatedAt = now;
    var authors = new ArrayList<Long>();
    var credits = new ArrayList<Credit>();
    int kind = random.nextInt(100);
    if (kind < 60) {
      authors.add(s.authorIds().get(random.nextInt(s.authorIds().size())));
    } else if (kind < 75) {
      authors.add(s.authorIds().get(random.nextInt(s.authorIds().size())));
      long second = s.authorIds().get(random.nextInt(s.authorIds().size()));
      if (!authors.contains(second)) authors.add(second);
    } else if (kind < 90) {
      credits.add(Credit.STAFF);
      credits.add(Credit.AGENCIES);
    } else {
      authors.add(s.authorIds().get(random.nextInt(s.authorIds().size())));
      credits.add(Credit.AGENCIES);
    }
    var tags = new LinkedHashSet<Long>();
    int tagCount = 1 + random.nextInt(3);
    while (tags.size() < tagCount) tags.add(s.tagIds().get(random.nextInt(s.tagIds().size())));
    Long seriesId = random.nextInt(100) < 8 ? s.seriesIds().get(random.nextInt(s.seriesIds().size())) : null;
    String correction = random.nextInt(100) < 3 ? words.correction() : null;
    String oldSlug = random.nextInt(100) < 2 ? "draft-" + Long.toString(id, 36) : null;
    return new Row(id, s, section, seriesId, slug, oldSlug, headline, standfirst, markdown, body.html(), body.wordCount(),
        live, publishedAt, updatedAt, authors, credits, List.copyOf(tags), correction);
  }

  private void insert(List<Row> rows) {
    database.useTransaction(h -> {
      var article = h.prepareBatch("""
          INSERT INTO article (id, edition, section_id, series_id, slug, headline, standfirst, body_md, body_html,
                               word_count, status, created_at, published_at, updated_at, version)
          VALUES (:id, :edition, :section, :series, :slug, :headline, :standfirst, :md, :html, :words, :status,
                  :created, :published, :updated, 1)""");
      var byline = h.prepareBatch(
          "INSERT INTO article_byline (article_id, position, author_id, credit) VALUES (:id, :position, :author, :credit)");
      var tag = h.prepareBatch("INSERT INTO article_tag (article_id, tag_id) VALUES (:id, :tag)");
      var listing = h.prepareBatch("INSERT INTO listing (listing, published_at, article_id) VALUES (:listing, :at, :id)");
      var correction = h.prepareBatch("INSERT INTO correction (article_id, published_at, body) VALUES (:id, :at, :body)");
      var alias = h.prepareBatch("INSERT INTO article_alias (edition, slug, article_id) VALUES (:edition, :slug, :id)");
      int corrections = 0;
      int aliases = 0;
      for (var r : rows) {
        var edition = r.structure().edition();
        article.bind("id", r.id()).bind("edition", edition.code()).bind("section", r.section().id())
            .bindByType("series", r.seriesId(), Long.class).bind("slug", r.slug()).bind("headline", r.headline())
            .bind("standfirst", r.standfirst()).bind("md", r.markdown()).bind("html", r.html()).bind("words", r.words())
            .bind("status", r.live() ? "published" : "unpublished")
            .bind("created", r.publishedAt().minusSeconds(3600)).bind("published", r.publishedAt())
            .bindByType("updated", r.updatedAt(), Instant.class)
            .add();
        int position = 0;
        for (var author : r.authorIds()) {
          byline.bind("id", r.id()).bind("position", position++).bindByType("author", author, Long.class)
              .bindByType("credit", null, String.class).add();
        }
        for (var credit : r.credits()) {
          byline.bind("id", r.id()).bind("position", position++).bindByType("author", null, Long.class)
              .bind("credit", credit.code()).add();
        }
        for (var t : r.tagIds()) tag.bind("id", r.id()).bind("tag", t).add();
        if (r.correction() != null) {
          var at = (r.updatedAt() != null ? r.updatedAt() : r.publishedAt()).plusSeconds(60);
          correction.bind("id", r.id()).bind("at", at).bind("body", r.correction()).add();
          corrections++;
        }
        if (r.oldSlug() != null) {
          alias.bind("edition", edition.code()).bind("slug", r.oldSlug()).bind("id", r.id()).add();
          aliases++;
        }
        if (r.live()) {
          var sectionPath = r.section().parentId() == null ? List.of(r.section().id())
              : List.of(r.section().parentId(), r.section().id()); // the demo's sections nest two deep
          var keys = ArticleService.listingKeys(edition.code(), sectionPath, r.seriesId(), r.tagIds(), r.authorIds());
          for (var key : keys) listing.bind("listing", key).bind("at", r.publishedAt()).bind("id", r.id()).add();
        }
      }
      article.execute();
      byline.execute();
      tag.execute();
      listing.execute();
      if (corrections > 0) correction.execute();
      if (aliases > 0) alias.execute();
    });
  }

  /** The lead is the newest story; the top stories the next newest, one per section. */
  private void curateFrontPage(EditionStructure s) {
    var edition = s.edition();
    var newest = database.read(h -> h.createQuery("""
            SELECT a.id, a.section_id FROM listing l JOIN article a ON a.id = l.article_id
             WHERE l.listing = :key ORDER BY l.published_at DESC, l.article_id DESC LIMIT 60""")
        .bind("key", edition.listingKey())
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).list());
    if (newest.isEmpty()) return;
    var top = new ArrayList<Long>();
    var sectionsUsed = new LinkedHashSet<Long>();
    sectionsUsed.add(newest.getFirst()[1]);
    for (var row : newest.subList(1, newest.size())) {
      if (top.size() < 5 && sectionsUsed.add(row[1])) top.add(row[0]);
    }
    var breaking = new FrontPage.Breaking(s.plan().breaking(), edition.path("/world/"), clock.instant().plus(Duration.ofHours(12)));
    frontPages.save(new FrontPage(edition.code(), newest.getFirst()[0], top, breaking));
  }
}
