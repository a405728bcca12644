package io.masthead.demo;

import io.masthead.article.ArchivedArticle;
import io.masthead.article.ArticleDesk;
import io.masthead.article.ArticleDraft;
import io.masthead.article.ArticleDraft.BylineRef;
import io.masthead.article.ArticleStatus;
import io.masthead.article.BodyRenderer;
import io.masthead.article.Credit;
import io.masthead.audit.AuditLog;
import io.masthead.author.AuthorDesk;
import io.masthead.change.ChangeLog;
import io.masthead.command.Actor;
import io.masthead.command.Progress;
import io.masthead.edition.Edition;
import io.masthead.edition.Editions;
import io.masthead.frontpage.FrontPage;
import io.masthead.frontpage.FrontPageDesk;
import io.masthead.media.MediaDesk;
import io.masthead.media.MediaFields;
import io.masthead.section.Section;
import io.masthead.section.SectionRepository;
import io.masthead.series.SeriesDesk;
import io.masthead.storage.Database;
import io.masthead.tag.TagDesk;
import io.masthead.text.Slug;
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
 * numbers give the same copy). It writes through the same commands as the newsroom (the
 * structure one item at a time, the articles in batches through {@link ArticleDesk#importArchive}
 * with explicit ids), so memory stays flat whether it writes 600 or a million.
 */
public final class DemoOutlet {
  private static final int BATCH = 1_000;
  private static final long SEED = 0x6D61737468656164L; // "masthead"

  private final Database database;
  private final Clock clock;
  private final BodyRenderer renderer = new BodyRenderer();
  private final ArticleDesk articleDesk;
  private final AuthorDesk authors;
  private final SeriesDesk series;
  private final TagDesk tags;
  private final io.masthead.section.SectionDesk sections;
  private final FrontPageDesk frontPages;
  private final MediaDesk media;

  /** A generator without pictures, over the outlet's database and change log. */
  public DemoOutlet(Database database, ChangeLog changeLog, Clock clock) {
    this(database, changeLog, clock, null);
  }

  /**
   * A generator that writes through desks of its own over the outlet's database and change log,
   * and adds drawn pictures to the library through {@code media} (null: no pictures).
   */
  public DemoOutlet(Database database, ChangeLog changeLog, Clock clock, MediaDesk media) {
    this.media = media;
    this.database = database;
    this.clock = clock;
    var audit = new AuditLog(database, clock);
    this.articleDesk = new ArticleDesk(database, changeLog, renderer, audit, clock);
    this.authors = new AuthorDesk(database, changeLog, audit);
    this.series = new SeriesDesk(database, changeLog, audit);
    this.tags = new TagDesk(database, changeLog, audit);
    this.sections = new io.masthead.section.SectionDesk(database, changeLog, audit);
    this.frontPages = new FrontPageDesk(database, changeLog, audit, clock);
  }

  /** What one edition's articles are made from, with the database ids of its structure. */
  private record EditionStructure(
      OutletPlan plan,
      Edition edition,
      List<Section> sections,
      List<Long> tagIds,
      List<Long> authorIds,
      List<Long> seriesIds,
      List<Long> pictureIds) {}

  public boolean exists() {
    return !Editions.load(database).isEmpty();
  }

  /** Creates the editions and their structure, then {@code articles} articles spread over them. */
  public void create(long articles, Progress progress) {
    if (exists()) throw new IllegalStateException("this data directory already holds an outlet");
    var structures = new ArrayList<EditionStructure>();
    int position = 0;
    for (var plan : List.of(OutletPlan.ENGLISH, OutletPlan.ARABIC))
      structures.add(createStructure(plan, position++));
    var pictured = withPictures(structures, articles);
    writeArticles(pictured, articles, progress);
    structures = new ArrayList<>(pictured);
    for (var s : structures) curateFrontPage(s);
  }

  private EditionStructure createStructure(OutletPlan plan, int position) {
    var edition = new Edition(
        plan.code(),
        plan.name(),
        plan.language(),
        Edition.Direction.valueOf(plan.direction().toUpperCase(Locale.ROOT)),
        plan.prefix(),
        plan.isDefault(),
        ZoneId.of("UTC"),
        position);
    Editions.insert(database, edition);
    var program = Actor.PROGRAM;
    var code = plan.code();
    var sectionIds = new java.util.HashMap<String, Long>();
    int order = 0;
    for (var s : plan.sections()) {
      var parent = s.parent() == null ? null : sectionIds.get(s.parent());
      sectionIds.put(
          s.slug(),
          sections.add(program, code, s.name(), s.slug(), parent, order++, s.description()));
    }
    var tagIds = new ArrayList<Long>();
    for (var tag : plan.tags()) tagIds.add(tags.add(program, code, tag));
    var authorIds = new ArrayList<Long>();
    for (var a : plan.authors()) authorIds.add(authors.add(program, code, a[0], a[1], a[2]));
    var seriesIds = new ArrayList<Long>();
    for (var s : plan.series())
      seriesIds.add(series.add(program, code, s[0], Slug.fromText(s[0]).value(), s[1]));
    var tree = database.read(h -> SectionRepository.tree(h, code));
    var sectionList = plan.sections().stream()
        .map(s -> tree.findBySlug(s.slug()).orElseThrow())
        .toList();
    return new EditionStructure(
        plan, edition, sectionList, tagIds, authorIds, seriesIds, List.of());
  }

  /** The structures with pictures drawn for them: a few per forty articles, 2 to 24 an edition. */
  private List<EditionStructure> withPictures(List<EditionStructure> structures, long articles) {
    if (media == null) return structures;
    int perEdition = (int) Math.max(2, Math.min(24, articles / 40));
    var result = new ArrayList<EditionStructure>();
    int number = new io.masthead.media.MediaRepository(database)
            .list(io.masthead.media.MediaRepository.Filter.ALL, 0, 1)
            .total()
        + 1;
    for (var s : structures) {
      boolean arabic = s.edition().direction() == Edition.Direction.RTL;
      var ids = new ArrayList<Long>();
      for (int i = 0; i < perEdition; i++, number++) {
        var drawn = DemoPictures.draw(number, arabic);
        var focus = DemoPictures.focus(number);
        var added = media.add(
            Actor.PROGRAM,
            drawn.fileName(),
            new java.io.ByteArrayInputStream(drawn.jpeg()),
            new MediaFields(drawn.alt(), drawn.caption(), drawn.credit(), "", focus[0], focus[1]),
            false);
        ids.add(added.id());
      }
      result.add(new EditionStructure(
          s.plan(), s.edition(), s.sections(), s.tagIds(), s.authorIds(), s.seriesIds(), ids));
    }
    return result;
  }

  /** Adds articles to an outlet made by {@link #create}. */
  public void addArticles(long articles, Progress progress) {
    var structures = new ArrayList<EditionStructure>();
    for (var plan : List.of(OutletPlan.ENGLISH, OutletPlan.ARABIC)) {
      var edition = Editions.load(database)
          .find(plan.code())
          .orElseThrow(
              () -> new IllegalStateException("this outlet was not made by 'masthead demo'"));
      structures.add(database.read(h -> {
        var tree = SectionRepository.tree(h, plan.code());
        var sections = plan.sections().stream()
            .map(s -> tree.findBySlug(s.slug()).orElseThrow())
            .toList();
        var ids = (java.util.function.Function<String, List<Long>>)
            table -> h.createQuery("SELECT id FROM " + table + " WHERE edition = :e ORDER BY id")
                .bind("e", plan.code())
                .mapTo(Long.class)
                .list();
        return new EditionStructure(
            plan,
            edition,
            sections,
            ids.apply("tag"),
            ids.apply("author"),
            ids.apply("series"),
            List.of());
      }));
    }
    writeArticles(withPictures(structures, articles), articles, progress);
    for (var s : structures) curateFrontPage(s);
  }

  private void writeArticles(List<EditionStructure> structures, long total, Progress progress) {
    long firstId = articleDesk.nextArchiveId();
    var now = clock.instant();
    // Large archives reach further back, as a real one would.
    long spanSeconds = Duration.ofDays(Math.max(60, total / 150)).toSeconds();
    progress.update(0, total);
    for (long start = 0; start < total; start += BATCH) {
      long batchStart = start;
      int size = (int) Math.min(BATCH, total - start);
      var rows = IntStream.range(0, size)
          .parallel()
          .mapToObj(i -> write(
              firstId + batchStart + i,
              structures.get((int) ((batchStart + i) % structures.size())),
              now,
              spanSeconds))
          .toList();
      articleDesk.importArchive(Actor.PROGRAM, rows);
      progress.update(start + size, total);
    }
  }

  private ArchivedArticle write(long id, EditionStructure s, Instant now, long spanSeconds) {
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
    slug = slug.substring(0, Math.min(slug.length(), 100)).replaceAll("-+$", "") + "-"
        + Long.toString(id, 36);
    boolean live = id % 97 != 13;
    var publishedAt = now.minusSeconds(60 + random.nextLong(spanSeconds))
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant updatedAt =
        random.nextInt(100) < 15 ? publishedAt.plusSeconds(600 + random.nextLong(36 * 3600)) : null;
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
    while (tags.size() < tagCount)
      tags.add(s.tagIds().get(random.nextInt(s.tagIds().size())));
    Long seriesId =
        random.nextInt(100) < 8 ? s.seriesIds().get(random.nextInt(s.seriesIds().size())) : null;
    String correction = random.nextInt(100) < 3 ? words.correction() : null;
    String oldSlug = random.nextInt(100) < 2 ? "draft-" + Long.toString(id, 36) : null;
    var byline = new ArrayList<BylineRef>();
    authors.forEach(a -> byline.add(BylineRef.author(a)));
    credits.forEach(c -> byline.add(BylineRef.credit(c)));
    var draft = new ArticleDraft(
        s.edition().code(),
        section.id(),
        seriesId,
        slug,
        headline,
        standfirst,
        markdown,
        byline,
        List.copyOf(tags),
        leadPicture(id, s));
    var sectionPath = section.parentId() == null
        ? List.of(section.id())
        : List.of(section.parentId(), section.id()); // the demo nests two deep
    return new ArchivedArticle(
        id,
        draft,
        slug,
        oldSlug,
        body.html(),
        body.wordCount(),
        live ? ArticleStatus.PUBLISHED : ArticleStatus.UNPUBLISHED,
        publishedAt.minusSeconds(3600),
        publishedAt,
        updatedAt,
        sectionPath,
        correction);
  }

  /** Most articles have a lead picture; picked with a random of its own, so the copy stays as it was. */
  private static Long leadPicture(long id, EditionStructure s) {
    if (s.pictureIds().isEmpty()) return null;
    var random = new SplittableRandom(SEED ^ (id * 0xC2B2AE3D27D4EB4FL));
    if (random.nextInt(100) >= 85) return null;
    return s.pictureIds().get(random.nextInt(s.pictureIds().size()));
  }

  /** The lead is the newest story; the top stories the next newest, one per section. */
  private void curateFrontPage(EditionStructure s) {
    var edition = s.edition();
    var newest = database.read(h -> h.createQuery("""
            SELECT a.id, a.section_id FROM listing l JOIN article a ON a.id = l.article_id
             WHERE l.listing = :key ORDER BY l.published_at DESC, l.article_id DESC LIMIT 60""")
        .bind("key", edition.listingKey())
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .list());
    if (newest.isEmpty()) return;
    var top = new ArrayList<Long>();
    var sectionsUsed = new LinkedHashSet<Long>();
    sectionsUsed.add(newest.getFirst()[1]);
    for (var row : newest.subList(1, newest.size())) {
      if (top.size() < 5 && sectionsUsed.add(row[1])) top.add(row[0]);
    }
    var breaking = new FrontPage.Breaking(
        s.plan().breaking(), edition.path("/world/"), clock.instant().plus(Duration.ofHours(12)));
    frontPages.save(
        Actor.PROGRAM,
        new FrontPage(edition.code(), newest.getFirst()[0], top, breaking),
        s.seriesIds().isEmpty()
            ? null
            : s.seriesIds().getFirst()); // the first series is the site banner
  }
}
