package io.masthead.web.newsroom;

import static io.masthead.web.newsroom.FormFields.blankToNull;
import static io.masthead.web.newsroom.FormFields.parseId;
import static io.masthead.web.newsroom.FormFields.trimmed;
import static io.masthead.web.newsroom.NewsroomText.LOCAL_INPUT;
import static io.masthead.web.newsroom.NewsroomText.frame;
import static io.masthead.web.newsroom.NewsroomText.label;
import static io.masthead.web.newsroom.NewsroomText.notice;
import static io.masthead.web.newsroom.NewsroomText.parseLocal;
import static io.masthead.web.newsroom.NewsroomText.shown;

import io.javalin.http.Context;
import io.masthead.article.Article;
import io.masthead.article.ArticleAction;
import io.masthead.article.ArticleDesk;
import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleStatus;
import io.masthead.article.BodyRenderer;
import io.masthead.article.Credit;
import io.masthead.article.NewsroomArticles;
import io.masthead.article.RevisionRepository;
import io.masthead.author.AuthorRepository;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.edition.Editions;
import io.masthead.newsroom.Sessions.Session;
import io.masthead.section.SectionRepository;
import io.masthead.series.SeriesRepository;
import io.masthead.tag.TagRepository;
import io.masthead.web.HttpProblem;
import io.masthead.web.Templates;
import io.masthead.web.newsroom.NewsroomViews.ArticleList;
import io.masthead.web.newsroom.NewsroomViews.Dashboard;
import io.masthead.web.newsroom.NewsroomViews.Editor;
import io.masthead.web.newsroom.NewsroomViews.Option;
import io.masthead.web.newsroom.NewsroomViews.Row;
import io.masthead.web.site.SitePaths;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The newsroom's article pages: the dashboard, the article list, and the editor with its
 * workflow buttons and corrections. Each handler parses the form, makes one call to the
 * {@link ArticleDesk} and renders the outcome; the desk checks the role and the rules. Plain
 * forms throughout, so all of it works without JavaScript. Thread-safe.
 */
public final class ArticlePages {
  private final NewsroomAuth auth;
  private final Editions editions;
  private final ArticleRepository articles;
  private final ArticleDesk desk;
  private final NewsroomArticles lists;
  private final RevisionRepository revisions;
  private final SectionRepository sections;
  private final SeriesRepository series;
  private final TagRepository tags;
  private final AuthorRepository authors;
  private final Templates templates;
  private final Clock clock;
  private final BodyRenderer bodies = new BodyRenderer();

  private final io.masthead.search.SearchIndex search;

  /** How many recent pictures the editor offers as the lead image. */
  private static final int LEAD_CHOICES = 12;

  private final io.masthead.media.MediaRepository media;

  private final io.masthead.article.ArticleSourceRepository wireSources;

  public ArticlePages(
      NewsroomAuth auth,
      Editions editions,
      ArticleRepository articles,
      ArticleDesk desk,
      NewsroomArticles lists,
      RevisionRepository revisions,
      SectionRepository sections,
      SeriesRepository series,
      TagRepository tags,
      AuthorRepository authors,
      io.masthead.search.SearchIndex search,
      Templates templates,
      Clock clock,
      io.masthead.media.MediaRepository media,
      io.masthead.article.ArticleSourceRepository wireSources) {
    this.wireSources = wireSources;
    this.media = media;
    this.search = search;
    this.auth = auth;
    this.editions = editions;
    this.articles = articles;
    this.desk = desk;
    this.lists = lists;
    this.revisions = revisions;
    this.sections = sections;
    this.series = series;
    this.tags = tags;
    this.authors = authors;
    this.templates = templates;
    this.clock = clock;
  }

  // ---- dashboard and lists -------------------------------------------------------------------

  public void dashboard(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var me = session.staff();
    var view = new Dashboard(
        frame(session, "Dashboard", "dashboard", notice(ctx)),
        rows(lists.list(
            new NewsroomArticles.Filter(ArticleStatus.DRAFT, null, null, me.id(), null, null),
            "changed",
            20)),
        rows(lists.list(
            new NewsroomArticles.Filter(ArticleStatus.REVIEW, null, null, null, null, null),
            "changed",
            20)),
        rows(lists.list(
            new NewsroomArticles.Filter(ArticleStatus.SCHEDULED, null, null, null, null, null),
            "scheduled",
            20)),
        rows(lists.list(
            new NewsroomArticles.Filter(ArticleStatus.PUBLISHED, null, null, null, null, null),
            "published",
            15)));
    render(ctx, 200, "newsroom/dashboard.jte", view);
  }

  public void list(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var statusParam = blankToNull(ctx.queryParam("status"));
    var editionParam = blankToNull(ctx.queryParam("edition"));
    var sectionParam = blankToNull(ctx.queryParam("section"));
    var authorParam = blankToNull(ctx.queryParam("author"));
    var text = trimmed(ctx.queryParam("q"), 200);
    ArticleStatus status = null;
    if (statusParam != null) {
      try {
        status = ArticleStatus.ofCode(statusParam);
      } catch (IllegalArgumentException e) {
        throw new HttpProblem.BadRequest("no status " + statusParam);
      }
    }
    if (editionParam != null && editions.find(editionParam).isEmpty())
      throw new HttpProblem.BadRequest("no edition " + editionParam);
    Long sectionId = sectionParam == null ? null : parseId(sectionParam);
    Long authorId = authorParam == null ? null : parseId(authorParam);
    var rows = rows(lists.list(
        new NewsroomArticles.Filter(
            status, sectionId, editionParam, null, authorId, text, matches(text, editionParam)),
        "changed",
        100));
    var statuses = new ArrayList<Option>();
    statuses.add(new Option("", "Any status", status == null));
    for (var s : ArticleStatus.values()) statuses.add(new Option(s.code(), label(s), s == status));
    var editionOptions = new ArrayList<Option>();
    editionOptions.add(new Option("", "Any edition", editionParam == null));
    for (var e : editions.all())
      editionOptions.add(new Option(e.code(), e.name(), e.code().equals(editionParam)));
    var sectionOptions = new ArrayList<Option>();
    sectionOptions.add(new Option("", "Any section", sectionId == null));
    for (var e : editions.all()) {
      for (var s : sections.tree(e.code()).all()) {
        sectionOptions.add(new Option(
            Long.toString(s.id()),
            s.name() + " (" + e.name() + ")",
            Long.valueOf(s.id()).equals(sectionId)));
      }
    }
    var authorOptions = new ArrayList<Option>();
    authorOptions.add(new Option("", "Any author", authorId == null));
    for (var e : editions.all()) {
      for (var a : authors.list(e.code())) {
        authorOptions.add(new Option(
            Long.toString(a.id()),
            a.name() + " (" + e.name() + ")",
            Long.valueOf(a.id()).equals(authorId)));
      }
    }
    render(
        ctx,
        200,
        "newsroom/articles.jte",
        new ArticleList(
            frame(session, "Articles", "articles", notice(ctx)),
            rows,
            statuses,
            editionOptions,
            sectionOptions,
            authorOptions,
            text));
  }

  /**
   * The articles (any status) whose text best matches, best first, from the newsroom's own index;
   * null when there is no text, or while an index is being built (the list then matches
   * headlines).
   */
  private java.util.List<Long> matches(String text, String edition) {
    if (text == null || text.isBlank()) return null;
    var ids = new ArrayList<Long>();
    try {
      for (var e : editions.all()) {
        if (edition == null || e.code().equals(edition))
          ids.addAll(search.find(e.code(), text, 200));
      }
    } catch (io.masthead.command.Refusal.Busy building) {
      return null;
    }
    return ids;
  }

  // ---- the editor ----------------------------------------------------------------------------

  public void newArticle(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var edition = FormFields.edition(editions, ctx.queryParam("edition"));
    var form = new ArticleForms.Form(
        edition.code(), null, null, "", "", "", "", "", List.of(), List.of(), "", null);
    render(ctx, 200, "newsroom/editor.jte", editor(session, null, form, Map.of()));
  }

  public void create(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var form = ArticleForms.Form.of(ctx);
    if ("preview".equals(ctx.formParam("action"))) {
      render(
          ctx,
          200,
          "newsroom/editor.jte",
          withPreview(editor(session, null, form, Map.of()), form));
      return;
    }
    long id;
    try {
      id = desk.create(session.staff().actor(), form.input());
    } catch (Refusal.Invalid invalid) {
      render(ctx, 422, "newsroom/editor.jte", editor(session, null, form, invalid.byField()));
      return;
    }
    ctx.status(303).header("Location", "/newsroom/articles/" + id + "?notice=created");
  }

  public void edit(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var article = article(ctx);
    render(
        ctx,
        200,
        "newsroom/editor.jte",
        editor(
            session,
            article,
            ArticleForms.Form.of(article, tagText(article)),
            Map.of(),
            notice(ctx)));
  }

  /** One form, several buttons: save, and save then submit, publish, schedule, return to draft or unpublish, in one step. */
  public void save(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var article = article(ctx);
    var form = ArticleForms.Form.of(ctx);
    var actionCode = Optional.ofNullable(ctx.formParam("action")).orElse("save");
    if (actionCode.equals("preview")) {
      render(
          ctx,
          200,
          "newsroom/editor.jte",
          withPreview(editor(session, article, form, Map.of()), form));
      return;
    }
    var action = ArticleAction.ofCode(actionCode)
        .orElseThrow(() -> new HttpProblem.BadRequest("no action " + actionCode));
    int version;
    try {
      version = Integer.parseInt(Optional.ofNullable(ctx.formParam("version")).orElse(""));
    } catch (NumberFormatException e) {
      throw new HttpProblem.BadRequest("version must be a number");
    }
    var errors = new LinkedHashMap<String, String>();
    Instant scheduleAt = null;
    if (action == ArticleAction.SCHEDULE) {
      var zone = editions.find(article.edition()).orElseThrow().timeZone();
      scheduleAt = parseLocal(form.publishAt(), zone, errors);
      if (scheduleAt != null && !scheduleAt.isAfter(clock.instant()))
        errors.put("publishAt", "Choose a time in the future.");
    }
    if (!errors.isEmpty()) {
      render(ctx, 422, "newsroom/editor.jte", editor(session, article, form, errors));
      return;
    }
    try {
      desk.save(session.staff().actor(), article.id(), form.input(), version, action, scheduleAt);
    } catch (ArticleDesk.Conflict conflict) {
      conflict(ctx, session, form, conflict.current());
      return;
    } catch (Refusal.Invalid invalid) {
      render(ctx, 422, "newsroom/editor.jte", editor(session, article, form, invalid.byField()));
      return;
    } catch (Refusal.NotAllowed e) {
      render(
          ctx,
          422,
          "newsroom/editor.jte",
          editor(session, article, form, Map.of("action", e.getMessage())));
      return;
    }
    ctx.status(303)
        .header("Location", "/newsroom/articles/" + article.id() + "?notice=" + action.code());
  }

  public void correct(Context ctx) {
    var session = auth.require(ctx, Role.EDITOR);
    var article = article(ctx);
    var text = trimmed(ctx.formParam("correction"), 4000);
    if (text.isEmpty()) {
      var form = ArticleForms.Form.of(article, tagText(article));
      render(
          ctx,
          422,
          "newsroom/editor.jte",
          editor(session, article, form, Map.of("correction", "Write the correction.")));
      return;
    }
    if (article.status() != ArticleStatus.PUBLISHED)
      throw new HttpProblem.BadRequest("only a published article takes corrections");
    desk.correct(session.staff().actor(), article.id(), text);
    ctx.status(303).header("Location", "/newsroom/articles/" + article.id() + "?notice=corrected");
  }

  private void conflict(Context ctx, Session session, ArticleForms.Form form, Article theirs) {
    var yours = editor(
        session,
        theirs,
        form,
        Map.of(
            "action",
            "Someone else saved this article while you were editing. Your text is below; saving it now replaces theirs."));
    var last = revisions.list(theirs.id()).stream().findFirst();
    render(
        ctx,
        409,
        "newsroom/conflict.jte",
        new NewsroomViews.Conflict(
            frame(session, "Edit conflict", "articles", null),
            yours,
            theirs.headline(),
            theirs.standfirst(),
            theirs.bodyMarkdown(),
            last.map(r -> r.savedBy().isEmpty() ? "someone" : r.savedBy()).orElse("someone"),
            last.map(r -> shown(r.savedAt(), editions.get(theirs.edition()).timeZone()))
                .orElse("")));
  }

  /** The body as readers will see it, for the live preview (a fragment; sanitised like the real thing). */
  public void preview(Context ctx) {
    auth.require(ctx, Role.CONTRIBUTOR);
    var markdown = Optional.ofNullable(ctx.formParam("body")).orElse("");
    if (markdown.length() > ArticleDesk.MAX_BODY)
      throw new HttpProblem.BadRequest("the body is too long to preview");
    ctx.header("Cache-Control", "no-store")
        .contentType("text/html; charset=utf-8")
        .result(bodies.render(markdown).html());
  }

  private Editor withPreview(Editor editor, ArticleForms.Form form) {
    return new Editor(
        editor.frame(),
        editor.id(),
        editor.version(),
        editor.status(),
        editor.dir(),
        editor.lang(),
        editor.editions(),
        editor.sections(),
        editor.series(),
        editor.authors(),
        editor.credits(),
        editor.headline(),
        editor.standfirst(),
        editor.slug(),
        editor.tags(),
        editor.body(),
        editor.publishAt(),
        editor.timeZone(),
        editor.publicUrl(),
        editor.errors(),
        editor.actions(),
        editor.corrections(),
        bodies.render(form.body()).html(),
        editor.knownTags(),
        editor.leadImage(),
        editor.leadChoices(),
        editor.wireSources());
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** What this person may do to this article now, as the editor's buttons. */
  private List<String> actionsFor(Session session, Article article) {
    return desk.actions(session.staff().actor(), article.id()).stream()
        .map(ArticleAction::code)
        .toList();
  }

  private Article article(Context ctx) {
    long id = parseId(ctx.pathParam("id"));
    return articles.find(id).orElseThrow(() -> new HttpProblem.NotFound("no article " + id));
  }

  private Editor editor(
      Session session, Article article, ArticleForms.Form form, Map<String, String> errors) {
    return editor(session, article, form, errors, null);
  }

  private Editor editor(
      Session session,
      Article article,
      ArticleForms.Form form,
      Map<String, String> errors,
      String notice) {
    var edition = editions.find(form.edition()).orElse(editions.defaultEdition());
    var tree = sections.tree(edition.code());
    var sectionOptions = tree.all().stream()
        .map(s -> new Option(
            Long.toString(s.id()),
            (s.parentId() == null ? "" : "— ") + s.name(),
            Long.valueOf(s.id()).equals(form.sectionId())))
        .toList();
    var seriesOptions = new ArrayList<Option>();
    seriesOptions.add(new Option("", "No series", form.seriesId() == null));
    for (var s : series.list(edition.code()))
      seriesOptions.add(new Option(
          Long.toString(s.id()), s.title(), Long.valueOf(s.id()).equals(form.seriesId())));
    var authorOptions = authors.list(edition.code()).stream()
        .map(a -> new Option(Long.toString(a.id()), a.name(), form.authorIds().contains(a.id())))
        .toList();
    var creditOptions = Arrays.stream(Credit.values())
        .map(c -> new Option(
            c.code(), c == Credit.STAFF ? "Staff" : "Agencies", form.credits().contains(c)))
        .toList();
    var editionOptions = editions.all().stream()
        .map(e -> new Option(e.code(), e.name(), e.code().equals(edition.code())))
        .toList();
    String publicUrl = null;
    if (article != null && article.status() == ArticleStatus.PUBLISHED) {
      publicUrl =
          SitePaths.article(edition, article.section(), article.slug(), article.publishedAt());
    }
    var corrections = article == null
        ? List.<Row>of()
        : article.corrections().stream()
            .map(c -> new Row(
                0, c.body(), "", "", "", "", shown(c.publishedAt(), edition.timeZone()), "", null))
            .toList();
    var title = article == null ? "New article" : "Edit: " + article.headline();
    return new Editor(
        frame(session, title, "articles", notice),
        article == null ? null : article.id(),
        article == null ? 0 : article.version(),
        article == null ? "new" : label(article.status()),
        edition.direction().attribute(),
        edition.language(),
        editionOptions,
        sectionOptions,
        seriesOptions,
        authorOptions,
        creditOptions,
        form.headline(),
        form.standfirst(),
        form.slug(),
        form.tags(),
        form.body(),
        form.publishAt().isEmpty()
                && article != null
                && article.publishedAt() != null
                && article.status() == ArticleStatus.SCHEDULED
            ? LOCAL_INPUT.format(LocalDateTime.ofInstant(article.publishedAt(), edition.timeZone()))
            : form.publishAt(),
        edition.timeZone().getId(),
        publicUrl,
        errors,
        article == null ? List.of("create") : actionsFor(session, article),
        corrections,
        null,
        tags.list(edition.code()).stream().map(t -> t.name()).toList(),
        form.leadMediaId() == null ? "" : Long.toString(form.leadMediaId()),
        leadChoices(form.leadMediaId()),
        article == null ? List.of() : wireSources.of(article.id()));
  }

  /** The lead image's choices: the picture chosen now, then the most recent uploads. */
  private List<NewsroomViews.LeadChoice> leadChoices(Long chosen) {
    var pictures = new ArrayList<io.masthead.media.Media>();
    if (chosen != null) media.find(chosen).ifPresent(pictures::add);
    for (var m : media.recent(LEAD_CHOICES)) {
      if (pictures.stream().noneMatch(p -> p.id() == m.id())) pictures.add(m);
    }
    return pictures.stream()
        .map(m -> new NewsroomViews.LeadChoice(
            m.id(),
            new io.masthead.web.Picture(m).thumbFor("8rem"),
            m.alt(),
            chosen != null && chosen == m.id()))
        .toList();
  }

  private static String tagText(Article article) {
    return String.join(", ", article.tags().stream().map(t -> t.name()).toList());
  }

  private List<Row> rows(List<NewsroomArticles.Row> found) {
    var rows = new ArrayList<Row>();
    for (var r : found) {
      var edition = editions.get(r.edition());
      var when = r.status() == ArticleStatus.SCHEDULED || r.status() == ArticleStatus.PUBLISHED
          ? r.publishedAt()
          : r.changedAt();
      rows.add(new Row(
          r.id(),
          r.headline(),
          label(r.status()),
          edition.name(),
          r.section(),
          r.writer() == null ? "" : r.writer(),
          when == null ? "" : shown(when, edition.timeZone()),
          when == null ? "" : when.toString(),
          null));
    }
    return rows;
  }

  private void render(Context ctx, int status, String template, Object view) {
    templates.sendPrivate(ctx, status, template, view);
  }
}
