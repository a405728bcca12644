package io.masthead.wordpress;

import io.masthead.article.ArticleDesk;
import io.masthead.article.ArticleInput;
import io.masthead.article.ArticleStatus;
import io.masthead.article.Credit;
import io.masthead.article.ImportedArticle;
import io.masthead.author.AuthorDesk;
import io.masthead.author.AuthorRepository;
import io.masthead.command.Actor;
import io.masthead.command.Progress;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.edition.Edition;
import io.masthead.media.MediaDesk;
import io.masthead.media.MediaFields;
import io.masthead.newsroom.Passwords;
import io.masthead.newsroom.StaffService;
import io.masthead.origin.LegacyAddressRepository;
import io.masthead.origin.Origin;
import io.masthead.section.SectionDesk;
import io.masthead.section.SectionRepository;
import io.masthead.text.Slug;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;

/**
 * Imports a WordPress export (WXR) into an edition: categories become sections (nested two
 * levels, as Masthead nests them), tags tags, authors authors, attachments pictures of the media
 * library (from a local copy of {@code wp-content/uploads}), posts articles with their status,
 * times, byline, excerpt, featured image and body, through the same desks as the newsroom. Every
 * old address (the post's permalink, {@code ?p=ID}, its guid, category, tag, author and feed
 * archives) answers 301 to the page now. Idempotent on (site, WordPress id): a second run writes
 * nothing, a changed post becomes a new revision, a run killed midway and run again finishes the
 * job. The file is read twice as a stream (first the attachments and the count, then the posts),
 * never whole.
 */
public final class WordPressImport {
  /**
   * How to import.
   *
   * @param uploads a local copy of the old site's {@code wp-content/uploads}, or null (no pictures)
   * @param dryRun read and convert everything, report, write nothing
   * @param staffAccounts also make a contributor's account (no password yet) for each author
   *     with an email address
   */
  public record Options(Edition edition, Path uploads, boolean dryRun, boolean staffAccounts) {
    public Options(Edition edition, Path uploads, boolean dryRun) {
      this(edition, uploads, dryRun, false);
    }
  }

  private static final DateTimeFormatter WP_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Pattern SIZED =
      Pattern.compile("-(?:\\d+x\\d+|scaled|rotated)(?=\\.[A-Za-z0-9]+$)");
  private static final Pattern INVISIBLE =
      Pattern.compile("[\\u200B\\uFEFF\\u202A-\\u202E\\u2066-\\u2069]");
  /**
   * What a category's slug gets when the site or an edition has its address ("search", "ar"):
   * tried in order, and looked for in the same order on a later run.
   */
  private static final List<String> SECTION_SLUG_SUFFIXES = List.of("", "-section", "-news");

  /** Posts written in one transaction: a commit per post would be most of an import's time. */
  private static final int BATCH = 100;

  /** An edit within this long after publication is the same moment for readers, not an "Updated". */
  private static final Duration UPDATE_THRESHOLD = Duration.ofMinutes(10);

  private final ArticleDesk articles;
  private final SectionDesk sections;
  private final AuthorDesk authors;
  private final MediaDesk media;
  private final SectionRepository sectionRepository;
  private final AuthorRepository authorRepository;
  private final LegacyAddressRepository legacy;
  private final StaffService staff;
  private final Clock clock;
  private final WordPressBody bodies = new WordPressBody();

  public WordPressImport(
      ArticleDesk articles,
      SectionDesk sections,
      AuthorDesk authors,
      MediaDesk media,
      SectionRepository sectionRepository,
      AuthorRepository authorRepository,
      LegacyAddressRepository legacy,
      StaffService staff,
      Clock clock) {
    this.articles = articles;
    this.sections = sections;
    this.authors = authors;
    this.media = media;
    this.sectionRepository = sectionRepository;
    this.authorRepository = authorRepository;
    this.legacy = legacy;
    this.staff = staff;
    this.clock = clock;
  }

  /**
   * Runs the import of {@code file}. Refused with {@link WxrReader.Unreadable} (nothing written)
   * when the file is not a readable WordPress export.
   */
  public ImportReport run(Actor actor, Path file, Options options, Progress progress)
      throws WxrReader.Unreadable, IOException {
    var report = new ImportReport(options.dryRun());
    long started = System.nanoTime();
    var scan = scan(file, report);
    long scanned = System.nanoTime();
    new Run(actor, options, scan, report).posts(file, progress);
    report.timings(scanned - started, System.nanoTime() - scanned);
    return report;
  }

  /** The first pass: the site, its attachments, and how many items there are. */
  private record Scan(
      Wxr.Site site,
      Map<Long, Wxr.Item> attachments,
      Map<String, Long> attachmentByFile,
      Map<Long, List<Long>> attachmentsByParent,
      long items) {}

  private static Scan scan(Path file, ImportReport report)
      throws WxrReader.Unreadable, IOException {
    var attachments = new HashMap<Long, Wxr.Item>();
    var byFile = new HashMap<String, Long>();
    var byParent = new HashMap<Long, List<Long>>();
    long items = 0;
    try (var in = open(file);
        var reader = new WxrReader(in)) {
      var site = reader.site();
      for (var item = reader.next(); item != null; item = reader.next()) {
        items++;
        if (!item.type().equals("attachment")) continue;
        // Only what the import needs of an attachment: not its (large) content.
        var slim = new Wxr.Item(
            item.postId(),
            item.type(),
            item.status(),
            item.title(),
            item.link(),
            item.guid(),
            item.creator(),
            "",
            item.excerpt(),
            item.postName(),
            item.date(),
            item.dateGmt(),
            item.modifiedGmt(),
            item.pubDate(),
            item.parentId(),
            "",
            item.attachmentUrl(),
            List.of(),
            item.meta(),
            0);
        attachments.put(item.postId(), slim);
        var relative = uploadsPath(item);
        if (relative != null) byFile.put(unsized(relative), item.postId());
        if (item.parentId() > 0)
          byParent.computeIfAbsent(item.parentId(), k -> new ArrayList<>()).add(item.postId());
      }
      report.droppedCharacters(reader.droppedCharacters());
      return new Scan(site, attachments, byFile, byParent, items);
    }
  }

  /** One import: the state it builds as it goes (sections, authors, pictures made so far). */
  private final class Run implements WordPressBody.Notes {
    private final Actor actor;
    private final Options options;
    private final Scan scan;
    private final ImportReport report;
    private final Edition edition;
    private final String source;
    private final Map<String, Wxr.Category> categories = new LinkedHashMap<>();
    private final Map<String, Long> sectionIds = new HashMap<>();
    private final Map<String, Long> authorIds = new HashMap<>();
    private final Map<Long, WordPressBody.Picture> pictures = new HashMap<>();
    private final Map<String, String> redirects = new LinkedHashMap<>();
    private String currentPost = "";
    private final List<ImportedArticle> batch = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private long fakeIds = -1;

    Run(Actor actor, Options options, Scan scan, ImportReport report) {
      this.actor = actor;
      this.options = options;
      this.scan = scan;
      this.report = report;
      this.edition = options.edition();
      var base =
          scan.site().baseSiteUrl().isBlank() ? scan.site().link() : scan.site().baseSiteUrl();
      // The site's address names the source: two sites' post 12 are two posts.
      this.source = cut("wordpress " + base.strip().replaceAll("/+$", ""), 300);
      for (var c : scan.site().categories())
        if (!c.nicename().isEmpty()) categories.putIfAbsent(c.nicename(), c);
    }

    ImportReport posts(Path file, Progress progress) throws WxrReader.Unreadable, IOException {
      for (var a : scan.site().authors()) author(a.login());
      for (var c : categories.keySet()) section(c);
      for (var t : scan.site().tags()) tagAddress(t.nicename(), t.name());
      siteFeeds();
      long done = 0;
      try (var items = new ItemStream(file, scan, bodies)) {
        for (var item = items.next(); item != null; item = items.next()) {
          item(item);
          progress.update(++done, scan.items());
        }
      }
      flush();
      // Attachments no post showed still belong in the library.
      for (var id : scan.attachments().keySet()) picture(id);
      if (!options.dryRun()) legacy.pointAtPaths(redirects);
      report.redirects(redirects.size());
      return report;
    }

    private void item(Prepared prepared) {
      var item = prepared.item();
      switch (item.type()) {
        case "post" -> post(prepared);
        case "attachment" -> {}
        case "page" -> report.skip("pages (Masthead has no static pages yet)");
        case "nav_menu_item" -> report.skip("menu items");
        case "revision" -> report.skip("revisions");
        default -> report.skip("items of type " + item.type());
      }
      if (item.comments() > 0) report.comments(item.comments());
    }

    private void post(Prepared prepared) {
      var item = prepared.item();
      currentPost = "post " + item.postId();
      var status = switch (item.status()) {
        case "publish" -> ArticleStatus.PUBLISHED;
        case "future" -> ArticleStatus.SCHEDULED;
        case "pending" -> ArticleStatus.REVIEW;
        case "draft" -> ArticleStatus.DRAFT;
        default -> null;
      };
      if (status == null) {
        report.skip(
            switch (item.status()) {
              case "private" -> "private posts";
              case "trash" -> "posts in the trash";
              case "auto-draft" -> "automatic drafts";
              default -> "posts with the status " + item.status();
            });
        return;
      }
      if (!item.password().isEmpty() && status == ArticleStatus.PUBLISHED) {
        status = ArticleStatus.DRAFT;
        report.note("password-protected posts imported as drafts", currentPost);
      }
      var headline = clean(Parser.unescapeEntities(Jsoup.parse(item.title()).text(), false));
      if (headline.isEmpty()) {
        headline = "Untitled post " + item.postId();
        report.note("posts without a title (titled “Untitled post N”)", currentPost);
      }
      if (headline.length() > ArticleDesk.MAX_HEADLINE)
        headline = cut(headline, ArticleDesk.MAX_HEADLINE);
      currentPost = "post " + item.postId() + " “" + cut(headline, 60) + "”";
      var standfirst = cut(clean(Jsoup.parse(item.excerpt()).text()), ArticleDesk.MAX_STANDFIRST);
      for (var note : prepared.notes()) {
        switch (note[0]) {
          case "shortcode" -> unknownShortcode(note[1]);
          case "missing" -> missingPicture(note[1]);
          default -> removed(note[1]);
        }
      }
      var body = clean(withPictures(prepared.markdown()));
      // The first category is the article's section (Masthead files an article in one); the
      // others become tags of the same names, so that nothing the old site said is lost.
      var cats = item.categories();
      var primary = cats.isEmpty()
          ? "uncategorized"
          : cats.getFirst().nicename().isEmpty()
              ? Slug.fromText(cats.getFirst().name()).value()
              : cats.getFirst().nicename();
      for (var c : cats) {
        if (!c.nicename().isEmpty())
          categories.putIfAbsent(c.nicename(), new Wxr.Category(c.nicename(), c.name(), "", ""));
      }
      categories.putIfAbsent(
          primary,
          new Wxr.Category(
              primary, cats.isEmpty() ? "Uncategorized" : cats.getFirst().name(), "", ""));
      long sectionId = section(primary);
      var tagNames = new LinkedHashSet<String>();
      for (var t : item.tags()) {
        var name = clean(Parser.unescapeEntities(t.name(), false));
        if (!name.isEmpty()) tagNames.add(cut(name, 100));
        tagAddress(t.nicename(), name);
      }
      for (var c : cats.stream().skip(1).toList()) {
        var name = clean(Parser.unescapeEntities(c.name(), false));
        if (!name.isEmpty()) tagNames.add(cut(name, 100));
      }
      var tags = new ArrayList<>(tagNames);
      if (tags.size() > ArticleDesk.MAX_TAGS) {
        report.note("posts with more than 20 tags (the first 20 kept)", currentPost);
        tags = new ArrayList<>(tags.subList(0, ArticleDesk.MAX_TAGS));
      }
      var authorIdsOfPost = new ArrayList<Long>();
      var credits = new ArrayList<Credit>();
      var authorId = item.creator().isEmpty() ? null : author(item.creator());
      if (authorId != null) authorIdsOfPost.add(authorId);
      else credits.add(Credit.STAFF);
      Long lead = null;
      var thumbnail = item.meta().get("_thumbnail_id");
      if (thumbnail != null) {
        try {
          var picture = picture(Long.parseLong(thumbnail.strip()));
          if (picture != null) lead = picture.mediaId();
          else missingPicture("featured image " + thumbnail.strip());
        } catch (NumberFormatException e) {
          report.note("featured images that name no attachment", currentPost);
        }
      }
      var slug = decode(item.postName());
      slug = Slug.isValid(slug) ? slug : "";
      var created = time(item.date(), item.dateGmt(), item.pubDate(), edition.timeZone());
      var published = created;
      var modified = time("", item.modifiedGmt(), "", edition.timeZone());
      var updated = modified != null
              && published != null
              && modified.isAfter(published.plus(UPDATE_THRESHOLD))
          ? modified
          : null;
      if ((status == ArticleStatus.PUBLISHED || status == ArticleStatus.SCHEDULED)
          && published == null) {
        published = clock.instant();
        report.note("published posts without a date (dated today)", currentPost);
      }
      var input = new ArticleInput(
          edition.code(),
          sectionId,
          null,
          headline,
          standfirst,
          slug,
          tags,
          body,
          authorIdsOfPost,
          credits,
          lead);
      var addresses = new ArrayList<String>();
      if (!item.link().isEmpty()) addresses.add(item.link());
      if (item.guid().startsWith("http")) addresses.add(item.guid());
      addresses.add("/?p=" + item.postId());
      var imported = new ImportedArticle(
          new Origin(source, "post", Long.toString(item.postId()), null),
          input,
          status,
          created,
          published,
          updated,
          addresses);
      if (options.dryRun()) {
        report.add("posts to import");
        return;
      }
      batch.add(imported);
      labels.add(currentPost);
      if (batch.size() >= BATCH) flush();
    }

    /** Writes the posts read so far, in one transaction. */
    private void flush() {
      if (batch.isEmpty()) return;
      var results = articles.importArticles(actor, batch);
      for (int i = 0; i < results.size(); i++) {
        var result = results.get(i);
        switch (result.outcome()) {
          case CREATED -> report.add("posts imported");
          case UPDATED -> report.add("posts updated (a new revision)");
          case UNCHANGED -> report.add("posts unchanged");
          case REFUSED -> report.refused(labels.get(i), result.refusal());
        }
      }
      batch.clear();
      labels.clear();
    }

    // ---- sections, tags, authors ------------------------------------------------------------

    /** The section for a category, made on first use: nested two levels at most, under its top ancestor. */
    private long section(String nicename) {
      var known = sectionIds.get(nicename);
      if (known != null) return known;
      var category =
          categories.getOrDefault(nicename, new Wxr.Category(nicename, nicename, "", ""));
      var chain = new ArrayList<Wxr.Category>(List.of(category));
      var seen = new LinkedHashSet<String>(List.of(nicename));
      for (var parent = category.parent(); !parent.isEmpty() && seen.add(parent); ) {
        var p = categories.get(parent);
        if (p == null) break; // a parent the export does not list: the category stands at the top
        chain.add(p);
        parent = p.parent();
      }
      Long parentId = null;
      if (chain.size() > 1) {
        parentId = section(chain.getLast().nicename());
        if (chain.size() > 2)
          report.note(
              "categories nested deeper than two levels (placed under their top-level ancestor)",
              nicename);
      }
      var name = clean(Parser.unescapeEntities(category.name(), false));
      if (name.isEmpty()) name = nicename;
      var slug = decode(nicename);
      if (!Slug.isValid(slug)) slug = Slug.fromText(name).value();
      long id;
      var tree = sectionRepository.tree(edition.code());
      var base = slug;
      var existing = SECTION_SLUG_SUFFIXES.stream()
          .map(suffix -> tree.findBySlug(base + suffix))
          .flatMap(java.util.Optional::stream)
          .findFirst();
      if (existing.isPresent()) {
        id = existing.get().id();
      } else if (options.dryRun()) {
        id = fakeIds--;
        report.add("sections to make");
      } else {
        id = addSection(name, slug, parentId, category.description());
        report.add("sections made");
      }
      sectionIds.put(nicename, id);
      var path = edition.path("/"
          + sectionRepository.tree(edition.code()).find(id).map(s -> s.slug()).orElse(slug) + "/");
      var archive = new StringBuilder();
      for (int i = chain.size() - 1; i >= 0; i--)
        archive.append('/').append(chain.get(i).nicename());
      for (var old : List.of("/category" + archive, "/category/" + nicename)) {
        redirects.put(old, path);
        redirects.put(old + "/feed", path + "feed");
      }
      return id;
    }

    private long addSection(String name, String slug, Long parentId, String description) {
      for (var suffix : SECTION_SLUG_SUFFIXES) {
        var candidate = slug + suffix;
        try {
          var id = sections.add(
              actor,
              edition.code(),
              cut(name, 200),
              candidate,
              parentId,
              100,
              cut(clean(Jsoup.parse(description).text()), 1000));
          if (!candidate.equals(slug))
            report.note(
                "sections given another address (theirs is the site's own)",
                slug + " → " + candidate);
          return id;
        } catch (Refusal.Rejected taken) {
          // the address is the site's own or an edition's: try the next
        }
      }
      throw new Refusal.Rejected("no free address for the section " + slug);
    }

    /** The old tag archive answers 301 to the tag's page (made by the first post that names it). */
    private void tagAddress(String nicename, String name) {
      if (nicename.isEmpty() || name.isBlank()) return;
      var slug = Slug.fromText(clean(name)).value();
      var path = edition.path("/tag/" + slug);
      redirects.put("/tag/" + nicename, path);
      redirects.put("/tag/" + nicename + "/feed", path + "/feed");
    }

    private void siteFeeds() {
      var feed = edition.path("/feed");
      for (var old : List.of("/feed/rss2", "/feed/rss", "/feed/atom", "/rss", "/comments/feed"))
        redirects.put(old, old.equals("/feed/atom") ? feed + ".atom" : feed);
    }

    /** The author for a WordPress login, made on first use, by display name. */
    private Long author(String login) {
      if (authorIds.containsKey(login)) return authorIds.get(login);
      var wp =
          scan.site().authors().stream().filter(a -> a.login().equals(login)).findFirst();
      // A login the export does not list (a deleted user): the post is credited to Staff.
      var name = clean(
          wp.map(a -> a.displayName().isBlank() ? a.login() : a.displayName()).orElse(""));
      if (name.isEmpty()) {
        authorIds.put(login, null);
        return null;
      }
      var slug = Slug.fromText(name).value();
      var existing = authorRepository.findBySlug(edition.code(), slug);
      long id;
      if (existing.isPresent()) {
        id = existing.get().id();
      } else if (options.dryRun()) {
        id = fakeIds--;
        report.add("authors to make");
      } else {
        id = authors.add(actor, edition.code(), cut(name, 200), "", "");
        report.add("authors made");
      }
      authorIds.put(login, id);
      if (options.staffAccounts()) wp.ifPresent(this::staffAccount);
      var path = edition.path("/author/" + slug);
      redirects.put("/author/" + login, path);
      redirects.put("/author/" + login + "/feed", path + "/feed");
      return id;
    }

    /**
     * A contributor's account for a WordPress author, with a password nobody knows: the person
     * signs in once an admin gives them one ({@code masthead staff reset EMAIL}).
     */
    private void staffAccount(Wxr.Author author) {
      var email = author.email().strip();
      if (email.isEmpty()) {
        report.note("authors without an email address (no staff account)", author.login());
        return;
      }
      if (staff.find(email).isPresent()) {
        report.add("staff accounts there already");
        return;
      }
      if (options.dryRun()) {
        report.add("staff accounts to make");
        return;
      }
      try {
        staff.add(
            email,
            clean(author.displayName().isBlank() ? author.login() : author.displayName()),
            Role.CONTRIBUTOR,
            Passwords.generate(),
            null);
        report.add("staff accounts made (contributors; no password until masthead staff reset)");
      } catch (Refusal refusal) {
        report.note("authors whose staff account was refused", email + ": " + refusal.getMessage());
      }
    }

    // ---- pictures ---------------------------------------------------------------------------

    /**
     * The body with its pictures' attachment references ({@code media:-ATTACHMENT}, written on the
     * reader's thread) turned into the library's pictures, added now; one whose file is missing is
     * left out.
     */
    private String withPictures(String markdown) {
      var m = ATTACHMENT_REFERENCE.matcher(markdown);
      if (!m.find()) return markdown;
      var out = new StringBuilder();
      int at = 0;
      do {
        out.append(markdown, at, m.start());
        at = m.end();
        long attachment = Long.parseLong(m.group(2));
        var picture = picture(attachment);
        if (picture == null) {
          missingPicture(Optional.ofNullable(scan.attachments().get(attachment))
              .map(a -> a.attachmentUrl())
              .filter(u -> !u.isEmpty())
              .orElse("attachment " + attachment));
        } else {
          out.append(m.group(1)).append(picture.mediaId()).append(m.group(3));
        }
      } while (m.find());
      out.append(markdown, at, markdown.length());
      return BLANK_RUNS.matcher(out).replaceAll("\n\n").strip();
    }

    /** The library's picture for an attachment, added on first use; null when its file is missing. */
    private WordPressBody.Picture picture(long attachmentId) {
      if (pictures.containsKey(attachmentId)) return pictures.get(attachmentId);
      var attachment = scan.attachments().get(attachmentId);
      WordPressBody.Picture picture = null;
      if (attachment != null) picture = addPicture(attachment);
      pictures.put(attachmentId, picture);
      return picture;
    }

    private WordPressBody.Picture addPicture(Wxr.Item attachment) {
      var origin = new Origin(source, "attachment", Long.toString(attachment.postId()), "");
      // Imported before: the library has it, whether or not the files are given this time.
      var before = media.findImported(origin);
      if (before.isPresent()) {
        report.add("pictures in the library");
        return new WordPressBody.Picture(
            before.get().id(), before.get().alt(), before.get().caption());
      }
      var relative = uploadsPath(attachment);
      if (options.uploads() == null) {
        report.add("pictures not imported (no --uploads folder given)");
        return null;
      }
      Path file;
      try {
        file = relative == null ? null : inside(options.uploads(), relative);
      } catch (java.nio.file.InvalidPathException e) {
        // The JVM names files in the locale's character set: ASCII in the POSIX locale.
        report.note(
            "pictures whose file names this machine's locale cannot spell (start Masthead with"
                + " LANG=C.UTF-8; the masthead launcher does)",
            relative);
        return null;
      }
      if (file == null || !Files.isRegularFile(file)) {
        report.note(
            "pictures missing from the uploads folder",
            relative == null ? attachment.attachmentUrl() : relative);
        return null;
      }
      var caption = captionOf(attachment);
      var alt = altOf(attachment);
      if (clean(attachment.meta().getOrDefault("_wp_attachment_image_alt", "")).isEmpty()) {
        report.note(
            "pictures without alt text on the old site (given their caption or title: review them)",
            relative);
      }
      var fields = new MediaFields(
          cut(alt, MediaFields.MAX_ALT),
          cut(caption, MediaFields.MAX_CAPTION),
          "",
          cut(attachment.attachmentUrl(), MediaFields.MAX_SOURCE),
          0.5,
          0.5);
      if (options.dryRun()) {
        report.add("pictures to import");
        return new WordPressBody.Picture(fakeIds--, alt, caption);
      }
      try {
        var added = media.importPicture(actor, origin, file.getFileName().toString(), file, fields);
        report.add("pictures in the library");
        return new WordPressBody.Picture(added.id(), added.alt(), added.caption());
      } catch (Refusal refusal) {
        report.note("pictures the library refused", relative + ": " + refusal.getMessage());
        return null;
      }
    }

    @Override
    public void unknownShortcode(String name) {
      report.note("unknown shortcodes kept as text", "[" + name + "] in " + currentPost);
    }

    @Override
    public void missingPicture(String address) {
      if (options.uploads() == null) return; // counted once, as pictures not imported
      report.note("pictures in posts left out (no file for them)", address + " in " + currentPost);
    }

    @Override
    public void removed(String what) {
      report.note("parts of posts that cannot be shown, removed", what + " in " + currentPost);
    }
  }

  /**
   * The items of the file, read on a thread of their own a few hundred ahead of the writes (the
   * parse is a fifth of an import's work; the other core does it meanwhile). Bounded: a large file
   * is never in memory.
   */
  private static final class ItemStream implements AutoCloseable {
    private static final Object END = new Object();
    private final java.util.concurrent.BlockingQueue<Object> queue =
        new java.util.concurrent.ArrayBlockingQueue<>(256);
    private final Thread thread;

    ItemStream(Path file, Scan scan, WordPressBody bodies) {
      thread = Thread.ofPlatform().name("wxr-reader").daemon().start(() -> {
        Object last = END;
        try (var in = open(file);
            var reader = new WxrReader(in)) {
          reader.site();
          for (var item = reader.next(); item != null; item = reader.next())
            queue.put(prepare(item, scan, bodies));
        } catch (InterruptedException e) {
          return; // closed early
        } catch (Exception e) {
          last = e;
        }
        try {
          queue.put(last);
        } catch (InterruptedException e) {
          // closed early
        }
      });
    }

    /** The next item, or null after the last; the reader's failure, if it failed. */
    Prepared next() throws WxrReader.Unreadable, IOException {
      Object next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (next == END) {
        queue.offer(END); // later calls see the end too
        return null;
      }
      return switch (next) {
        case Prepared item -> item;
        case WxrReader.Unreadable e -> throw e;
        case IOException e -> throw e;
        case RuntimeException e -> throw e;
        default -> throw new IllegalStateException("the reader failed", (Throwable) next);
      };
    }

    @Override
    public void close() {
      thread.interrupt();
    }
  }

  /**
   * An item as the reader's thread hands it over: a post's body converted already (the
   * conversion is a fifth of an import, and the other core does it), its pictures as references to
   * their attachments ({@code media:-ATTACHMENT}) the writing thread turns into the library's, and the conversion's
   * notes to be reported there.
   */
  record Prepared(Wxr.Item item, String markdown, List<String[]> notes) {}

  /** A picture's attachment reference in a converted body, and the Markdown around it. */
  private static final Pattern ATTACHMENT_REFERENCE = Pattern.compile(
      "(!\\[(?:[^\\]\\\\]|\\\\.)*\\]\\(media:)-(\\d+)((?: \"(?:[^\"\\\\]|\\\\.)*\")?\\))");

  private static final Pattern BLANK_RUNS = Pattern.compile("\\n{3,}");

  static Prepared prepare(Wxr.Item item, Scan scan, WordPressBody bodies) {
    if (!item.type().equals("post")) return new Prepared(item, "", List.of());
    var notes = new ArrayList<String[]>();
    var pictures = new WordPressBody.Pictures() {
      @Override
      public WordPressBody.Picture find(long attachmentId, String url) {
        var id = attachmentFor(scan, attachmentId, url);
        if (id == null) return null;
        var attachment = scan.attachments().get(id);
        return new WordPressBody.Picture(-id, altOf(attachment), captionOf(attachment));
      }

      @Override
      public List<Long> attachedTo(long postId) {
        return scan.attachmentsByParent().getOrDefault(postId, List.of());
      }
    };
    var sink = new WordPressBody.Notes() {
      @Override
      public void unknownShortcode(String name) {
        notes.add(new String[] {"shortcode", name});
      }

      @Override
      public void missingPicture(String address) {
        notes.add(new String[] {"missing", address});
      }

      @Override
      public void removed(String what) {
        notes.add(new String[] {"removed", what});
      }
    };
    var markdown = bodies.toMarkdown(item.content(), item.postId(), pictures, sink);
    return new Prepared(item, markdown, List.copyOf(notes));
  }

  /** The attachment an image of a post shows: by its id, or by its file's address. */
  static Long attachmentFor(Scan scan, long attachmentId, String url) {
    if (attachmentId > 0 && scan.attachments().containsKey(attachmentId)) return attachmentId;
    var relative = relativeToUploads(url);
    return relative == null ? null : scan.attachmentByFile().get(unsized(relative));
  }

  /** An attachment's caption (its excerpt), as text. */
  static String captionOf(Wxr.Item attachment) {
    return clean(Jsoup.parse(attachment.excerpt()).text());
  }

  /** An attachment's alt text, or when it has none, its caption, title or file name. */
  static String altOf(Wxr.Item attachment) {
    var alt = clean(attachment.meta().getOrDefault("_wp_attachment_image_alt", ""));
    if (!alt.isEmpty()) return alt;
    var caption = captionOf(attachment);
    if (!caption.isEmpty()) return caption;
    var title = clean(Parser.unescapeEntities(attachment.title(), false));
    if (!title.isEmpty()) return title;
    var file = uploadsPath(attachment);
    return file == null ? "" : file.substring(file.lastIndexOf('/') + 1);
  }

  /** The export's bytes: the file as it is, or unpacked when it is gzipped ({@code export.xml.gz}). */
  public static java.io.InputStream open(Path file) throws IOException {
    var in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int first = in.read(), second = in.read();
    in.reset();
    return first == 0x1f && second == 0x8b
        ? new BufferedInputStream(new java.util.zip.GZIPInputStream(in, 1 << 16), 1 << 16)
        : in;
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** An attachment's file under uploads: {@code _wp_attached_file}, or its address after "/uploads/". */
  static String uploadsPath(Wxr.Item attachment) {
    var attached = attachment.meta().get("_wp_attached_file");
    if (attached != null && !attached.isBlank()) return attached.strip();
    return relativeToUploads(attachment.attachmentUrl());
  }

  static String relativeToUploads(String url) {
    if (url == null || url.isBlank()) return null;
    String path;
    try {
      path = URI.create(url.strip().replace(" ", "%20")).getPath();
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (path == null) return null;
    int at = path.indexOf("/uploads/");
    return at < 0 ? null : path.substring(at + "/uploads/".length());
  }

  /** The original's name for a resized copy's: photo-300x200.jpg is photo.jpg. */
  static String unsized(String relative) {
    return SIZED.matcher(relative).replaceAll("");
  }

  /** The file inside {@code folder}, or null when the path would leave it ("../../etc/passwd"). */
  static Path inside(Path folder, String relative) {
    var root = folder.toAbsolutePath().normalize();
    var file = root.resolve(relative.replace('\\', '/')).normalize();
    return file.startsWith(root) ? file : null;
  }

  /** Text without the invisible characters that only do harm in a headline or slug. */
  static String clean(String text) {
    if (text == null) return "";
    // Nearly every text has none: looked for by hand, the pattern only for the few that do
    // (a regular expression over every body was a tenth of an import).
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u200B'
          || c == '\uFEFF'
          || (c >= '\u202A' && c <= '\u202E')
          || (c >= '\u2066' && c <= '\u2069')) {
        return INVISIBLE.matcher(text).replaceAll("").strip();
      }
    }
    return text.strip();
  }

  static String cut(String text, int max) {
    if (text.length() <= max) return text;
    int end = max;
    if (Character.isLowSurrogate(text.charAt(end))) end--;
    return text.substring(0, end).strip();
  }

  private static String decode(String slug) {
    try {
      return clean(URLDecoder.decode(slug.replace("+", "%2B"), StandardCharsets.UTF_8))
          .toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /**
   * A WordPress time: the GMT one when it is real (drafts have "0000-00-00 00:00:00"), else the
   * local one in the edition's time zone, else the item's pubDate (drafts have year -0001).
   */
  private static Instant time(String local, String gmt, String pubDate, java.time.ZoneId zone) {
    var parsed = wpTime(gmt, java.time.ZoneOffset.UTC);
    if (parsed != null) return parsed;
    parsed = wpTime(local, zone);
    if (parsed != null) return parsed;
    if (!pubDate.isEmpty() && !pubDate.contains("-0001")) {
      try {
        return ZonedDateTime.parse(pubDate, DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  private static Instant wpTime(String text, java.time.ZoneId zone) {
    if (text == null || text.isEmpty() || text.startsWith("0000")) return null;
    try {
      return LocalDateTime.parse(text, WP_DATE).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
