package io.masthead.web.newsroom;

import static io.masthead.web.newsroom.FormFields.blankToNull;
import static io.masthead.web.newsroom.FormFields.parseId;
import static io.masthead.web.newsroom.FormFields.trimmed;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import io.masthead.article.Article;
import io.masthead.article.ArticleDraft;
import io.masthead.article.ArticleDraft.BylineRef;
import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleService;
import io.masthead.article.ArticleStatus;
import io.masthead.article.Credit;
import io.masthead.article.NewsroomArticles;
import io.masthead.article.Slug;
import io.masthead.audit.AuditLog;
import io.masthead.author.AuthorRepository;
import io.masthead.edition.Edition;
import io.masthead.edition.Editions;
import io.masthead.newsroom.ApiTokens;
import io.masthead.newsroom.ArticlePermissions;
import io.masthead.newsroom.Passwords;
import io.masthead.newsroom.Role;
import io.masthead.newsroom.Sessions;
import io.masthead.newsroom.Sessions.Session;
import io.masthead.newsroom.SignInLimiter;
import io.masthead.newsroom.Staff;
import io.masthead.newsroom.StaffService;
import io.masthead.section.SectionRepository;
import io.masthead.series.SeriesRepository;
import io.masthead.tag.TagRepository;
import io.masthead.web.HttpProblem;
import io.masthead.web.Templates;
import io.masthead.web.newsroom.NewsroomViews.ArticleList;
import io.masthead.web.newsroom.NewsroomViews.Dashboard;
import io.masthead.web.newsroom.NewsroomViews.Editor;
import io.masthead.web.newsroom.NewsroomViews.Frame;
import io.masthead.web.newsroom.NewsroomViews.Option;
import io.masthead.web.newsroom.NewsroomViews.Row;
import io.masthead.web.site.SitePaths;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The newsroom's pages: signing in, the dashboard, the article list and editor with its
 * workflow, revisions, corrections, the audit log and staff accounts. Every handler checks the
 * role first ({@link NewsroomAuth#require}). Plain forms throughout, so all of it works without
 * JavaScript. Thread-safe.
 */
public final class NewsroomPages {
  private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm");

  private final NewsroomAuth auth;
  private final Sessions sessions;
  private final SignInLimiter limiter;
  private final StaffService staff;
  private final Editions editions;
  private final ArticleRepository articles;
  private final ArticleService service;
  private final NewsroomArticles lists;
  private final SectionRepository sections;
  private final SeriesRepository series;
  private final TagRepository tags;
  private final AuthorRepository authors;
  private final AuditLog audit;
  private final Templates templates;
  private final Clock clock;
  private final ArticleForms forms;
  private final ApiTokens tokens;
  private final io.masthead.article.BodyRenderer bodies = new io.masthead.article.BodyRenderer();

  public NewsroomPages(NewsroomAuth auth, Sessions sessions, SignInLimiter limiter, StaffService staff, Editions editions,
      ArticleRepository articles, ArticleService service, NewsroomArticles lists, SectionRepository sections,
      SeriesRepository series, TagRepository tags, AuthorRepository authors, AuditLog audit, ApiTokens tokens,
      Templates templates, Clock clock) {
    this.tokens = tokens;
    this.auth = auth;
    this.sessions = sessions;
    this.limiter = limiter;
    this.staff = staff;
    this.editions = editions;
    this.articles = articles;
    this.service = service;
    this.lists = lists;
    this.sections = sections;
    this.series = series;
    this.tags = tags;
    this.authors = authors;
    this.audit = audit;
    this.templates = templates;
    this.clock = clock;
    this.forms = new ArticleForms(editions, sections, series, tags, authors);
  }

  // ---- signing in ----------------------------------------------------------------------------

  public void loginForm(Context ctx) {
    if (sessions.find(ctx.cookie(Sessions.COOKIE)).isPresent()) {
      ctx.redirect(safeNext(ctx.queryParam("next")));
      return;
    }
    render(ctx, 200, "newsroom/login.jte", new NewsroomViews.Login("", safeNext(ctx.queryParam("next")), null, 200));
  }

  public void login(Context ctx) {
    var email = trimmed(ctx.formParam("email"), 254);
    var password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
    var next = safeNext(ctx.formParam("next"));
    var address = ctx.ip();
    var wait = limiter.waitBefore(email, address);
    if (!wait.isZero()) {
      long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
      ctx.header("Retry-After", Long.toString(wait.toSeconds() + 1));
      render(ctx, 429, "newsroom/login.jte", new NewsroomViews.Login(email, next,
          "Too many failed sign-ins. Try again in " + minutes + (minutes == 1 ? " minute." : " minutes."), 429));
      return;
    }
    var found = staff.authenticate(email, password);
    if (found.isEmpty()) {
      limiter.failed(email, address);
      render(ctx, 401, "newsroom/login.jte", new NewsroomViews.Login(email, next, "That email and password do not match.", 401));
      return;
    }
    limiter.succeeded(email);
    auth.signIn(ctx, sessions.start(found.get()));
    ctx.status(303).header("Location", next);
  }

  public void logout(Context ctx) {
    auth.require(ctx, Role.CONTRIBUTOR);
    auth.signOut(ctx);
    ctx.status(303).header("Location", "/newsroom/login");
  }

  public void passwordForm(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    render(ctx, 200, "newsroom/password.jte", new NewsroomViews.Password(frame(session, "Change your password", "account", null), null));
  }

  public void changePassword(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var me = session.staff();
    var current = ctx.formParam("current");
    var fresh = ctx.formParam("password");
    String error = null;
    if (staff.authenticate(me.email(), current == null ? "" : current).isEmpty()) error = "Your current password is not right.";
    else if (Passwords.problemWith(fresh) != null) error = Passwords.problemWith(fresh);
    else if (!fresh.equals(ctx.formParam("repeat"))) error = "The two new passwords differ.";
    if (error != null) {
      render(ctx, 422, "newsroom/password.jte", new NewsroomViews.Password(frame(session, "Change your password", "account", null), error));
      return;
    }
    staff.setPassword(me.id(), fresh, me);
    auth.signIn(ctx, sessions.start(me)); // other sessions were ended; this one goes on
    ctx.status(303).header("Location", "/newsroom/?notice=password");
  }

  // ---- dashboard and lists -------------------------------------------------------------------

  public void dashboard(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var me = session.staff();
    var view = new Dashboard(
        frame(session, "Dashboard", "dashboard", notice(ctx)),
        rows(lists.list(new NewsroomArticles.Filter(ArticleStatus.DRAFT, null, null, me.id(), null, null), "changed", 20)),
        rows(lists.list(new NewsroomArticles.Filter(ArticleStatus.REVIEW, null, null, null, null, null), "changed", 20)),
        rows(lists.list(new NewsroomArticles.Filter(ArticleStatus.SCHEDULED, null, null, null, null, null), "scheduled", 20)),
        rows(lists.list(new NewsroomArticles.Filter(ArticleStatus.PUBLISHED, null, null, null, null, null), "published", 15)));
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
    if (editionParam != null && editions.find(editionParam).isEmpty()) throw new HttpProblem.BadRequest("no edition " + editionParam);
    Long sectionId = sectionParam == null ? null : parseId(sectionParam);
    Long authorId = authorParam == null ? null : parseId(authorParam);
    var rows = rows(lists.list(new NewsroomArticles.Filter(status, sectionId, editionParam, null, authorId, text), "changed", 100));
    var statuses = new ArrayList<Option>();
    statuses.add(new Option("", "Any status", status == null));
    for (var s : ArticleStatus.values()) statuses.add(new Option(s.code(), label(s), s == status));
    var editionOptions = new ArrayList<Option>();
    editionOptions.add(new Option("", "Any edition", editionParam == null));
    for (var e : editions.all()) editionOptions.add(new Option(e.code(), e.name(), e.code().equals(editionParam)));
    var sectionOptions = new ArrayList<Option>();
    sectionOptions.add(new Option("", "Any section", sectionId == null));
    for (var e : editions.all()) {
      for (var s : sections.tree(e.code()).all()) {
        sectionOptions.add(new Option(Long.toString(s.id()), s.name() + " (" + e.name() + ")", Long.valueOf(s.id()).equals(sectionId)));
      }
    }
    var authorOptions = new ArrayList<Option>();
    authorOptions.add(new Option("", "Any author", authorId == null));
    for (var e : editions.all()) {
      for (var a : authors.list(e.code())) {
        authorOptions.add(new Option(Long.toString(a.id()), a.name() + " (" + e.name() + ")", Long.valueOf(a.id()).equals(authorId)));
      }
    }
    render(ctx, 200, "newsroom/articles.jte", new ArticleList(frame(session, "Articles", "articles", notice(ctx)), rows, statuses,
        editionOptions, sectionOptions, authorOptions, text));
  }

  // ---- the editor ----------------------------------------------------------------------------

  public void newArticle(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var edition = FormFields.edition(editions, ctx.queryParam("edition"));
    var form = new ArticleForms.Form(edition.code(), null, null, "", "", "", "", "", List.of(), List.of(), "");
    render(ctx, 200, "newsroom/editor.jte", editor(session, null, form, Map.of()));
  }

  public void create(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var form = ArticleForms.Form.of(ctx);
    if ("preview".equals(ctx.formParam("action"))) {
      render(ctx, 200, "newsroom/editor.jte", withPreview(editor(session, null, form, Map.of()), form));
      return;
    }
    var errors = new LinkedHashMap<String, String>();
    var draft = forms.draft(form, errors);
    if (!errors.isEmpty()) {
      render(ctx, 422, "newsroom/editor.jte", editor(session, null, form, errors));
      return;
    }
    long id;
    try {
      id = service.createDraft(draft, session.staff().id());
    } catch (ArticleService.SlugTaken e) {
      errors.put("slug", "Another article of this edition has this address already; choose another slug.");
      render(ctx, 422, "newsroom/editor.jte", editor(session, null, form, errors));
      return;
    }
    ctx.status(303).header("Location", "/newsroom/articles/" + id + "?notice=created");
  }

  public void edit(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var article = article(ctx);
    render(ctx, 200, "newsroom/editor.jte", editor(session, article, ArticleForms.Form.of(article, tagText(article)), Map.of(),
        notice(ctx)));
  }

  /** One form, several buttons: save, submit, publish, schedule, return to draft, unpublish. */
  public void save(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var me = session.staff();
    var article = article(ctx);
    var action = Optional.ofNullable(ctx.formParam("action")).orElse("save");
    if (action.equals("preview")) {
      var form = ArticleForms.Form.of(ctx);
      render(ctx, 200, "newsroom/editor.jte", withPreview(editor(session, article, form, Map.of()), form));
      return;
    }
    if (!actionsFor(me, article).contains(action)) {
      throw new HttpProblem.Forbidden(me.email() + " may not " + action + " article " + article.id());
    }
    var form = ArticleForms.Form.of(ctx);
    int version;
    try {
      version = Integer.parseInt(Optional.ofNullable(ctx.formParam("version")).orElse(""));
    } catch (NumberFormatException e) {
      throw new HttpProblem.BadRequest("version must be a number");
    }
    var errors = new LinkedHashMap<String, String>();
    var draft = forms.draft(form, errors);
    Instant scheduleAt = null;
    if (action.equals("schedule")) {
      scheduleAt = parseLocal(form.publishAt(), editions.get(form.edition()).timeZone(), errors);
      if (scheduleAt != null && !scheduleAt.isAfter(clock.instant())) errors.put("publishAt", "Choose a time in the future.");
    }
    if (!errors.isEmpty()) {
      render(ctx, 422, "newsroom/editor.jte", editor(session, article, form, errors));
      return;
    }
    try {
      if (!article.edition().equals(draft.edition())) throw new HttpProblem.BadRequest("an article stays in its edition");
      service.save(article.id(), draft, version, me.id());
      switch (action) {
        case "submit" -> service.submit(article.id(), me.id());
        case "publish" -> service.publish(article.id(), me.id());
        case "schedule" -> service.schedule(article.id(), scheduleAt, me.id());
        case "return" -> service.returnToDraft(article.id(), me.id());
        case "unpublish" -> service.unpublish(article.id(), me.id());
        default -> { }
      }
    } catch (ArticleService.Conflict conflict) {
      conflict(ctx, session, form, conflict.current());
      return;
    } catch (ArticleService.NotAllowed e) {
      errors.put("action", e.getMessage());
      render(ctx, 422, "newsroom/editor.jte", editor(session, article, form, errors));
      return;
    } catch (ArticleService.SlugTaken e) {
      errors.put("slug", "Another article of this edition has this address already; choose another slug.");
      render(ctx, 422, "newsroom/editor.jte", editor(session, article, form, errors));
      return;
    }
    ctx.status(303).header("Location", "/newsroom/articles/" + article.id() + "?notice=" + action);
  }

  public void correct(Context ctx) {
    var session = auth.require(ctx, Role.EDITOR);
    var article = article(ctx);
    var text = trimmed(ctx.formParam("correction"), 4000);
    if (text.isEmpty()) {
      var form = ArticleForms.Form.of(article, tagText(article));
      render(ctx, 422, "newsroom/editor.jte", editor(session, article, form, Map.of("correction", "Write the correction.")));
      return;
    }
    if (article.status() != ArticleStatus.PUBLISHED) throw new HttpProblem.BadRequest("only a published article takes corrections");
    service.correct(article.id(), text, session.staff().id());
    ctx.status(303).header("Location", "/newsroom/articles/" + article.id() + "?notice=corrected");
  }

  private void conflict(Context ctx, Session session, ArticleForms.Form form, Article theirs) {
    var yours = editor(session, theirs, form, Map.of("action",
        "Someone else saved this article while you were editing. Your text is below; saving it now replaces theirs."));
    var last = service.revisions(theirs.id()).stream().findFirst();
    render(ctx, 409, "newsroom/conflict.jte", new NewsroomViews.Conflict(frame(session, "Edit conflict", "articles", null),
        yours, theirs.headline(), theirs.standfirst(), theirs.bodyMarkdown(),
        last.map(r -> r.savedBy().isEmpty() ? "someone" : r.savedBy()).orElse("someone"),
        last.map(r -> shown(r.savedAt(), editions.get(theirs.edition()).timeZone())).orElse("")));
  }

  /** The body as readers will see it, for the live preview (a fragment; sanitised like the real thing). */
  public void preview(Context ctx) {
    auth.require(ctx, Role.CONTRIBUTOR);
    var markdown = Optional.ofNullable(ctx.formParam("body")).orElse("");
    if (markdown.length() > 200_000) throw new HttpProblem.BadRequest("the body is too long to preview");
    ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result(bodies.render(markdown).html());
  }

  private Editor withPreview(Editor editor, ArticleForms.Form form) {
    return new Editor(editor.frame(), editor.id(), editor.version(), editor.status(), editor.dir(), editor.lang(), editor.editions(),
        editor.sections(), editor.series(), editor.authors(), editor.credits(), editor.headline(), editor.standfirst(), editor.slug(),
        editor.tags(), editor.body(), editor.publishAt(), editor.timeZone(), editor.publicUrl(), editor.errors(), editor.actions(),
        editor.corrections(), bodies.render(form.body()).html(), editor.knownTags());
  }

  // ---- revisions -----------------------------------------------------------------------------

  public void revisions(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var article = article(ctx);
    var zone = editions.get(article.edition()).timeZone();
    var lines = service.revisions(article.id()).stream()
        .map(r -> new NewsroomViews.RevisionLine(r.version(), shown(r.savedAt(), zone), r.savedBy().isEmpty() ? "Masthead" : r.savedBy(),
            r.draft().headline()))
        .toList();
    render(ctx, 200, "newsroom/revisions.jte", new NewsroomViews.Revisions(frame(session, "Revisions", "articles", notice(ctx)),
        article.id(), article.headline(), article.version(), lines));
  }

  public void diff(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var article = article(ctx);
    int version = (int) parseId(ctx.pathParam("version"));
    var revision = service.revision(article.id(), version).orElseThrow(() -> new HttpProblem.NotFound("no such revision"));
    var before = revision.draft();
    var generator = DiffRowGenerator.create().showInlineDiffs(false).build();
    var lines = new ArrayList<NewsroomViews.DiffLine>();
    addDiff(lines, generator, "Headline", before.headline(), article.headline());
    addDiff(lines, generator, "Standfirst", before.standfirst(), article.standfirst());
    addDiff(lines, generator, "Slug", before.slugOrFromHeadline().value(), article.slug());
    var bodyRows = generator.generateDiffRows(Arrays.asList(before.bodyMarkdown().split("\n", -1)),
        Arrays.asList(article.bodyMarkdown().split("\n", -1)));
    for (DiffRow row : bodyRows) {
      lines.add(new NewsroomViews.DiffLine(row.getTag().name().toLowerCase(java.util.Locale.ROOT),
          unescape(row.getOldLine()), unescape(row.getNewLine())));
    }
    var zone = editions.get(article.edition()).timeZone();
    render(ctx, 200, "newsroom/diff.jte", new NewsroomViews.Diff(frame(session, "Revision " + version, "articles", null),
        article.id(), version, article.version(), revision.savedBy().isEmpty() ? "Masthead" : revision.savedBy(),
        shown(revision.savedAt(), zone), lines));
  }

  public void restore(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var article = article(ctx);
    if (!actionsFor(session.staff(), article).contains("save")) throw new HttpProblem.Forbidden("may not edit this article");
    int version = (int) parseId(ctx.pathParam("version"));
    int expected;
    try {
      expected = Integer.parseInt(Optional.ofNullable(ctx.formParam("current")).orElse(""));
    } catch (NumberFormatException e) {
      throw new HttpProblem.BadRequest("current must be a number");
    }
    try {
      service.restore(article.id(), version, expected, session.staff().id());
    } catch (ArticleService.Conflict conflict) {
      ctx.status(303).header("Location", "/newsroom/articles/" + article.id() + "/revisions?notice=conflict");
      return;
    } catch (java.util.NoSuchElementException e) {
      throw new HttpProblem.NotFound("no such revision");
    }
    ctx.status(303).header("Location", "/newsroom/articles/" + article.id() + "?notice=restored");
  }

  // ---- audit log and staff -------------------------------------------------------------------

  public void auditLog(Context ctx) {
    var session = auth.require(ctx, Role.EDITOR);
    var zone = editions.defaultEdition().timeZone();
    var entries = audit.newest(200).stream()
        .map(e -> new NewsroomViews.AuditEntry(shown(e.at(), zone), e.who(), e.action(), e.subject(), e.detail())).toList();
    render(ctx, 200, "newsroom/audit.jte", new NewsroomViews.Audit(frame(session, "Audit log", "audit", null), entries));
  }

  public void staffList(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    render(ctx, 200, "newsroom/staff.jte", staffView(session, null, null));
  }

  public void addStaff(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    try {
      var role = Role.ofCode(Optional.ofNullable(ctx.formParam("role")).orElse(""));
      var password = Passwords.generate();
      var added = staff.add(trimmed(ctx.formParam("email"), 254), trimmed(ctx.formParam("name"), 200), role, password,
          session.staff());
      render(ctx, 201, "newsroom/staff.jte", staffView(session, null,
          added.email() + " can now sign in with the one-time password " + password + " (shown once; ask them to change it)."));
    } catch (IllegalArgumentException e) {
      render(ctx, 422, "newsroom/staff.jte", staffView(session, e.getMessage(), null));
    }
  }

  private NewsroomViews.StaffList staffView(Session session, String error, String created) {
    var roles = Arrays.stream(Role.values()).map(r -> new Option(r.code(), label(r), r == Role.CONTRIBUTOR)).toList();
    return new NewsroomViews.StaffList(frame(session, "Staff", "staff", null), staff.list(), roles, error, created);
  }

  // ---- API tokens ----------------------------------------------------------------------------

  public void tokens(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    render(ctx, 200, "newsroom/tokens.jte", tokensView(session, null));
  }

  public void createToken(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    try {
      var token = tokens.create(session.staff(), ctx.formParam("name"));
      render(ctx, 201, "newsroom/tokens.jte", tokensView(session, token));
    } catch (IllegalArgumentException e) {
      throw new HttpProblem.BadRequest(e.getMessage());
    }
  }

  public void revokeToken(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    if (!tokens.revoke(session.staff(), parseId(ctx.pathParam("id")))) throw new HttpProblem.NotFound("no such token of yours");
    ctx.status(303).header("Location", "/newsroom/account/tokens");
  }

  private NewsroomViews.Tokens tokensView(Session session, String created) {
    var zone = editions.defaultEdition().timeZone();
    var list = tokens.list(session.staff()).stream().map(t -> new NewsroomViews.TokenLine(t.id(), t.name(), shown(t.createdAt(), zone),
        t.lastUsedAt() == null ? "never" : shown(t.lastUsedAt(), zone), t.revoked())).toList();
    return new NewsroomViews.Tokens(frame(session, "API tokens", "account", null), list, created);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** What this person may do to this article now, as the editor's buttons. */
  private List<String> actionsFor(Staff me, Article article) {
    return ArticlePermissions.actions(me, article.status(), lists.writerOf(article.id()));
  }

  private Article article(Context ctx) {
    long id = parseId(ctx.pathParam("id"));
    return articles.find(id).orElseThrow(() -> new HttpProblem.NotFound("no article " + id));
  }

  private Editor editor(Session session, Article article, ArticleForms.Form form, Map<String, String> errors) {
    return editor(session, article, form, errors, null);
  }

  private Editor editor(Session session, Article article, ArticleForms.Form form, Map<String, String> errors, String notice) {
    var edition = editions.find(form.edition()).orElse(editions.defaultEdition());
    var tree = sections.tree(edition.code());
    var sectionOptions = tree.all().stream()
        .map(s -> new Option(Long.toString(s.id()), (s.parentId() == null ? "" : "— ") + s.name(), Long.valueOf(s.id()).equals(form.sectionId())))
        .toList();
    var seriesOptions = new ArrayList<Option>();
    seriesOptions.add(new Option("", "No series", form.seriesId() == null));
    for (var s : series.list(edition.code())) seriesOptions.add(new Option(Long.toString(s.id()), s.title(), Long.valueOf(s.id()).equals(form.seriesId())));
    var authorOptions = authors.list(edition.code()).stream()
        .map(a -> new Option(Long.toString(a.id()), a.name(), form.authorIds().contains(a.id()))).toList();
    var creditOptions = Arrays.stream(Credit.values())
        .map(c -> new Option(c.code(), c == Credit.STAFF ? "Staff" : "Agencies", form.credits().contains(c))).toList();
    var editionOptions = editions.all().stream().map(e -> new Option(e.code(), e.name(), e.code().equals(edition.code()))).toList();
    String publicUrl = null;
    if (article != null && article.status() == ArticleStatus.PUBLISHED) {
      publicUrl = SitePaths.article(edition, article.section(), article.slug(), article.publishedAt());
    }
    var corrections = article == null ? List.<Row>of() : article.corrections().stream()
        .map(c -> new Row(0, c.body(), "", "", "", "", shown(c.publishedAt(), edition.timeZone()), "", null)).toList();
    var title = article == null ? "New article" : "Edit: " + article.headline();
    return new Editor(frame(session, title, "articles", notice), article == null ? null : article.id(),
        article == null ? 0 : article.version(), article == null ? "new" : label(article.status()),
        edition.direction().attribute(), edition.language(), editionOptions, sectionOptions, seriesOptions, authorOptions,
        creditOptions, form.headline(), form.standfirst(), form.slug(), form.tags(), form.body(),
        form.publishAt().isEmpty() && article != null && article.publishedAt() != null && article.status() == ArticleStatus.SCHEDULED
            ? LOCAL_INPUT.format(LocalDateTime.ofInstant(article.publishedAt(), edition.timeZone())) : form.publishAt(),
        edition.timeZone().getId(), publicUrl, errors,
        article == null ? List.of("create") : actionsFor(session.staff(), article), corrections, null,
        tags.list(edition.code()).stream().map(t -> t.name()).toList());
  }

  private static String tagText(Article article) {
    return String.join(", ", article.tags().stream().map(t -> t.name()).toList());
  }

  private List<Row> rows(List<NewsroomArticles.Row> found) {
    var rows = new ArrayList<Row>();
    for (var r : found) {
      var edition = editions.get(r.edition());
      var when = r.status() == ArticleStatus.SCHEDULED || r.status() == ArticleStatus.PUBLISHED ? r.publishedAt() : r.changedAt();
      rows.add(new Row(r.id(), r.headline(), label(r.status()), edition.name(), r.section(), r.writer() == null ? "" : r.writer(),
          when == null ? "" : shown(when, edition.timeZone()), when == null ? "" : when.toString(), null));
    }
    return rows;
  }

  private Frame frame(Session session, String title, String active, String notice) {
    return new Frame(session.staff(), session.csrfToken(), title, active, notice);
  }

  private static String notice(Context ctx) {
    var code = ctx.queryParam("notice");
    if (code == null) return null;
    return switch (code) {
      case "created" -> "Draft created.";
      case "save" -> "Saved.";
      case "submit" -> "Submitted for review.";
      case "publish" -> "Published. It is on the site now.";
      case "schedule" -> "Scheduled.";
      case "return" -> "Returned to draft.";
      case "unpublish" -> "Unpublished. Its address now answers 410 Gone.";
      case "corrected" -> "Correction published.";
      case "restored" -> "Revision restored as a new save.";
      case "password" -> "Your password was changed.";
      case "conflict" -> "Someone saved in between; nothing was restored. Look again.";
      default -> null;
    };
  }

  private void render(Context ctx, int status, String template, Object view) {
    templates.sendPrivate(ctx, status, template, view);
  }

  static String label(ArticleStatus status) {
    return switch (status) {
      case DRAFT -> "Draft";
      case REVIEW -> "In review";
      case SCHEDULED -> "Scheduled";
      case PUBLISHED -> "Published";
      case UNPUBLISHED -> "Unpublished";
    };
  }

  static String label(Role role) {
    return switch (role) {
      case CONTRIBUTOR -> "Contributor";
      case EDITOR -> "Editor";
      case ADMIN -> "Admin";
    };
  }

  private static String shown(Instant when, ZoneId zone) {
    return SHOWN.format(when.atZone(zone));
  }

  private static Instant parseLocal(String text, ZoneId zone, Map<String, String> errors) {
    try {
      return LocalDateTime.parse(text, LOCAL_INPUT).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      errors.put("publishAt", "Give the publication time as date and time, such as 2026-12-01T09:30.");
      return null;
    }
  }

  private static void addDiff(List<NewsroomViews.DiffLine> lines, DiffRowGenerator generator, String field, String before, String after) {
    var kind = before.equals(after) ? "equal" : "change";
    lines.add(new NewsroomViews.DiffLine(kind, field + ": " + before, field + ": " + after));
  }

  /** java-diff-utils escapes HTML in its rows; the template escapes again, so undo the first. */
  private static String unescape(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
  }




  /** Only a newsroom path: never another site (no open redirect). */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/newsroom/") || next.startsWith("//") || next.contains("\\")
        || next.chars().anyMatch(c -> c < 0x20)) {
      return "/newsroom/";
    }
    return next;
  }
}
