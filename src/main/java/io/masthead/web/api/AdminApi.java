package io.masthead.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.masthead.article.Article;
import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleService;
import io.masthead.article.Credit;
import io.masthead.article.NewsroomArticles;
import io.masthead.author.AuthorRepository;
import io.masthead.edition.Editions;
import io.masthead.newsroom.ApiTokens;
import io.masthead.newsroom.ArticlePermissions;
import io.masthead.newsroom.Role;
import io.masthead.newsroom.Staff;
import io.masthead.section.SectionRepository;
import io.masthead.series.SeriesRepository;
import io.masthead.web.HttpProblem;
import io.masthead.web.newsroom.ArticleForms;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Admin API: what the editor does, as JSON, for a bearer token that acts as its owner with
 * the owner's role. The same checks and workflow rules as the newsroom's forms. Thread-safe.
 */
public final class AdminApi {
  private final ApiTokens tokens;
  private final Editions editions;
  private final ArticleRepository articles;
  private final ArticleService service;
  private final NewsroomArticles lists;
  private final SectionRepository sections;
  private final SeriesRepository series;
  private final AuthorRepository authors;
  private final ArticleForms forms;
  private final ApiJson json;

  public AdminApi(ApiTokens tokens, Editions editions, ArticleRepository articles, ArticleService service, NewsroomArticles lists,
      SectionRepository sections, SeriesRepository series, AuthorRepository authors, ArticleForms forms, ApiJson json) {
    this.tokens = tokens;
    this.editions = editions;
    this.articles = articles;
    this.service = service;
    this.lists = lists;
    this.sections = sections;
    this.series = series;
    this.authors = authors;
    this.forms = forms;
    this.json = json;
  }

  /** A 422 with a message per field. */
  public static final class Invalid extends RuntimeException {
    private final Map<String, String> problems;

    Invalid(Map<String, String> problems) {
      super("invalid", null, false, false);
      this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
      return problems;
    }
  }

  public void create(Context ctx) {
    var me = caller(ctx, Role.CONTRIBUTOR);
    var body = ApiJson.body(ctx);
    var edition = text(body, "edition", editions.defaultEdition().code());
    var form = form(body, edition, null);
    var problems = new LinkedHashMap<String, String>();
    var draft = forms.draft(form, problems);
    if (!problems.isEmpty()) throw new Invalid(problems);
    long id = service.createDraft(draft, me.id());
    ApiJson.send(ctx, 201, json.article(articles.find(id).orElseThrow()));
  }

  public void get(Context ctx) {
    caller(ctx, Role.CONTRIBUTOR);
    ApiJson.send(ctx, 200, json.article(article(ctx)));
  }

  /** Changes the fields given, over the {@code version} the client read. */
  public void update(Context ctx) {
    var me = caller(ctx, Role.CONTRIBUTOR);
    var article = article(ctx);
    allow(me, article, "save");
    var body = ApiJson.body(ctx);
    if (!body.hasNonNull("version") || !body.get("version").canConvertToInt()) {
      throw new Invalid(Map.of("version", "Give the version you edited, as read from the article."));
    }
    if (body.has("edition") && !body.get("edition").asText().equals(article.edition())) {
      throw new Invalid(Map.of("edition", "An article stays in its edition."));
    }
    var form = form(body, article.edition(), article);
    var problems = new LinkedHashMap<String, String>();
    var draft = forms.draft(form, problems);
    if (!problems.isEmpty()) throw new Invalid(problems);
    service.save(article.id(), draft, body.get("version").asInt(), me.id());
    ApiJson.send(ctx, 200, json.article(articles.find(article.id()).orElseThrow()));
  }

  public void submit(Context ctx) {
    step(ctx, "submit", (me, article) -> service.submit(article.id(), me.id()));
  }

  public void publish(Context ctx) {
    step(ctx, "publish", (me, article) -> service.publish(article.id(), me.id()));
  }

  public void unpublish(Context ctx) {
    step(ctx, "unpublish", (me, article) -> service.unpublish(article.id(), me.id()));
  }

  /** Body: {@code {"at": "2026-12-01T09:30:00Z"}}. */
  public void schedule(Context ctx) {
    step(ctx, "schedule", (me, article) -> {
      var body = ApiJson.body(ctx);
      Instant at;
      try {
        at = Instant.parse(text(body, "at", ""));
      } catch (DateTimeParseException e) {
        throw new Invalid(Map.of("at", "Give the time as an ISO-8601 instant, such as 2026-12-01T09:30:00Z."));
      }
      service.schedule(article.id(), at, me.id());
    });
  }

  private interface Step {
    void apply(Staff me, Article article);
  }

  private void step(Context ctx, String action, Step step) {
    var me = caller(ctx, Role.CONTRIBUTOR);
    var article = article(ctx);
    allow(me, article, action);
    try {
      step.apply(me, article);
    } catch (ArticleService.NotAllowed e) {
      throw new HttpProblem.Conflict(e.getMessage());
    }
    ApiJson.send(ctx, 200, json.article(articles.find(article.id()).orElseThrow()));
  }

  private void allow(Staff me, Article article, String action) {
    if (!ArticlePermissions.actions(me, article.status(), lists.writerOf(article.id())).contains(action)) {
      throw new HttpProblem.Forbidden(me.email() + " (" + me.role().code() + ") may not " + action + " article " + article.id()
          + " while it is " + article.status().code());
    }
  }

  private Staff caller(Context ctx, Role role) {
    var header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new HttpProblem.Unauthorized("send Authorization: Bearer TOKEN (made in the newsroom or by 'masthead staff token')");
    }
    var me = tokens.authenticate(header.substring(7).strip()).orElseThrow(() -> {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      return new HttpProblem.Unauthorized("the token is unknown or revoked");
    });
    if (!me.may(role)) throw new HttpProblem.Forbidden(me.email() + " is not " + role.code());
    return me;
  }

  private Article article(Context ctx) {
    long id = ContentApi.id(ctx);
    return articles.find(id).orElseThrow(() -> new HttpProblem.NotFound("no article " + id));
  }

  /** The JSON as the editor's form; absent fields keep the article's current values. */
  private ArticleForms.Form form(JsonNode body, String edition, Article current) {
    var base = current == null ? null : ArticleForms.Form.of(current, String.join(",", current.tags().stream().map(t -> t.name()).toList()));
    Long sectionId = base == null ? null : base.sectionId();
    if (body.has("section")) {
      var slug = body.get("section").asText();
      sectionId = sections.tree(edition).findBySlug(slug).map(s -> s.id()).orElse(-1L);
    }
    Long seriesId = base == null ? null : base.seriesId();
    if (body.has("series")) {
      seriesId = body.get("series").isNull() ? null
          : series.findBySlug(edition, body.get("series").asText()).map(s -> s.id()).orElse(-1L);
    }
    var authorIds = base == null ? List.<Long>of() : base.authorIds();
    var credits = base == null ? List.<Credit>of() : base.credits();
    if (body.has("byline")) {
      if (!body.get("byline").isArray()) throw new Invalid(Map.of("byline", "byline is an array of {\"author\": slug} or {\"credit\": \"staff\"|\"agencies\"}"));
      var ids = new ArrayList<Long>();
      var credited = new ArrayList<Credit>();
      for (var entry : body.get("byline")) {
        if (entry.hasNonNull("author")) {
          ids.add(authors.findBySlug(edition, entry.get("author").asText()).map(a -> a.id()).orElse(-1L));
        } else if (entry.hasNonNull("credit")) {
          try {
            credited.add(Credit.ofCode(entry.get("credit").asText()));
          } catch (IllegalArgumentException e) {
            throw new Invalid(Map.of("byline", "a credit is staff or agencies"));
          }
        } else {
          throw new Invalid(Map.of("byline", "each byline entry has an author or a credit"));
        }
      }
      authorIds = ids;
      credits = credited;
    }
    var tagText = body.has("tags") ? String.join(",", ApiJson.strings(body, "tags")) : base == null ? "" : base.tags();
    return new ArticleForms.Form(edition, sectionId, seriesId,
        text(body, "headline", base == null ? "" : base.headline()),
        text(body, "standfirst", base == null ? "" : base.standfirst()),
        text(body, "slug", base == null ? "" : base.slug()),
        tagText,
        text(body, "body", base == null ? "" : base.body()),
        authorIds, credits, "");
  }

  private static String text(JsonNode body, String field, String fallback) {
    var value = body.get(field);
    if (value == null || value.isNull()) return fallback;
    if (!value.isTextual()) throw new Invalid(Map.of(field, field + " must be a string"));
    return value.asText();
  }
}
