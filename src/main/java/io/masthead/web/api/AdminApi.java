package io.masthead.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.masthead.article.Article;
import io.masthead.article.ArticleAction;
import io.masthead.article.ArticleDesk;
import io.masthead.article.ArticleInput;
import io.masthead.article.ArticleRepository;
import io.masthead.article.Credit;
import io.masthead.author.AuthorRepository;
import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.edition.Editions;
import io.masthead.media.Media;
import io.masthead.media.MediaDesk;
import io.masthead.media.MediaFields;
import io.masthead.newsroom.ApiTokens;
import io.masthead.newsroom.Staff;
import io.masthead.section.SectionRepository;
import io.masthead.series.SeriesRepository;
import io.masthead.web.HttpProblem;
import io.masthead.web.Uploads;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Admin API: what the editor does, as JSON, for a bearer token that acts as its owner with
 * the owner's role. The same checks and workflow rules as the newsroom's forms. Thread-safe.
 */
public final class AdminApi {
  private final ApiTokens tokens;
  private final Editions editions;
  private final ArticleRepository articles;
  private final ArticleDesk desk;
  private final SectionRepository sections;
  private final SeriesRepository series;
  private final AuthorRepository authors;
  private final ApiJson json;
  private final MediaDesk mediaDesk;

  public AdminApi(
      ApiTokens tokens,
      Editions editions,
      ArticleRepository articles,
      ArticleDesk desk,
      SectionRepository sections,
      SeriesRepository series,
      AuthorRepository authors,
      ApiJson json,
      MediaDesk mediaDesk) {
    this.mediaDesk = mediaDesk;
    this.tokens = tokens;
    this.editions = editions;
    this.articles = articles;
    this.desk = desk;
    this.sections = sections;
    this.series = series;
    this.authors = authors;
    this.json = json;
  }

  public void create(Context ctx) {
    var me = caller(ctx, Role.CONTRIBUTOR);
    var body = ApiJson.body(ctx);
    var edition = text(body, "edition", editions.defaultEdition().code());
    long id = desk.create(me.actor(), input(body, edition, null));
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
    var body = ApiJson.body(ctx);
    if (!body.hasNonNull("version") || !body.get("version").canConvertToInt()) {
      throw Refusal.Invalid.of("version", "Give the version you edited, as read from the article.");
    }
    if (body.has("edition") && !body.get("edition").asText().equals(article.edition())) {
      throw Refusal.Invalid.of("edition", "An article stays in its edition.");
    }
    desk.save(
        me.actor(),
        article.id(),
        input(body, article.edition(), article),
        body.get("version").asInt(),
        ArticleAction.SAVE,
        null);
    ApiJson.send(ctx, 200, json.article(articles.find(article.id()).orElseThrow()));
  }

  public void submit(Context ctx) {
    step(ctx, (me, id) -> desk.submit(me, id));
  }

  public void publish(Context ctx) {
    step(ctx, (me, id) -> desk.publish(me, id));
  }

  public void unpublish(Context ctx) {
    step(ctx, (me, id) -> desk.unpublish(me, id));
  }

  /** Body: {@code {"at": "2026-12-01T09:30:00Z"}}. */
  public void schedule(Context ctx) {
    step(ctx, (me, id) -> {
      var body = ApiJson.body(ctx);
      Instant at;
      try {
        at = Instant.parse(text(body, "at", ""));
      } catch (DateTimeParseException e) {
        throw Refusal.Invalid.of(
            "at", "Give the time as an ISO-8601 instant, such as 2026-12-01T09:30:00Z.");
      }
      desk.schedule(me, id, at);
    });
  }

  /**
   * {@code POST /api/v1/admin/media}: multipart/form-data with the picture in {@code file} and
   * optional {@code alt}, {@code caption}, {@code credit}, {@code source}; 201 with the picture.
   */
  public void uploadMedia(Context ctx) {
    var me = caller(ctx, Role.CONTRIBUTOR);
    var files = Uploads.files(ctx, "file");
    if (files.size() != 1)
      throw Refusal.Invalid.of("file", "Send one picture in the field \"file\".");
    var file = files.getFirst();
    var fields = new MediaFields(
        Uploads.field(ctx, "alt"),
        Uploads.field(ctx, "caption"),
        Uploads.field(ctx, "credit"),
        Uploads.field(ctx, "source"),
        0.5,
        0.5);
    Media added;
    try (var content = file.content()) {
      added = mediaDesk.upload(me.actor(), file.filename(), content, fields);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ctx.header("Location", "/api/v1/admin/media/" + added.id());
    ApiJson.send(ctx, 201, json.media(added));
  }

  public void getMedia(Context ctx) {
    caller(ctx, Role.CONTRIBUTOR);
    ApiJson.send(ctx, 200, json.media(findMedia(ctx)));
  }

  /**
   * {@code PATCH /api/v1/admin/media/{id}}: {@code alt}, {@code caption}, {@code credit},
   * {@code source}, {@code focalPoint {x, y}} (fractions); absent fields stay; {@code version} as read.
   */
  public void updateMedia(Context ctx) {
    var me = caller(ctx, Role.CONTRIBUTOR);
    var current = findMedia(ctx);
    var body = ApiJson.body(ctx);
    if (!body.hasNonNull("version") || !body.get("version").canConvertToInt()) {
      throw Refusal.Invalid.of("version", "Give the version you edited, as read from the picture.");
    }
    double x = current.focalX();
    double y = current.focalY();
    if (body.has("focalPoint")) {
      var focus = body.get("focalPoint");
      if (!focus.isObject() || !focus.path("x").isNumber() || !focus.path("y").isNumber()) {
        throw Refusal.Invalid.of(
            "focalPoint", "focalPoint is {\"x\": 0.5, \"y\": 0.5}: fractions of width and height");
      }
      x = focus.get("x").asDouble();
      y = focus.get("y").asDouble();
    }
    var fields = new MediaFields(
        text(body, "alt", current.alt()),
        text(body, "caption", current.caption()),
        text(body, "credit", current.credit()),
        text(body, "source", current.source()),
        x,
        y);
    var saved =
        mediaDesk.update(me.actor(), current.id(), fields, body.get("version").asInt());
    ApiJson.send(ctx, 200, json.media(saved));
  }

  private Media findMedia(Context ctx) {
    long id = ContentApi.id(ctx);
    return mediaDesk.find(id).orElseThrow(() -> new HttpProblem.NotFound("no picture " + id));
  }

  private interface Step {
    void apply(Actor me, long articleId);
  }

  private void step(Context ctx, Step step) {
    var me = caller(ctx, Role.CONTRIBUTOR);
    var article = article(ctx);
    step.apply(me.actor(), article.id());
    ApiJson.send(ctx, 200, json.article(articles.find(article.id()).orElseThrow()));
  }

  Staff caller(Context ctx, Role role) {
    var header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new HttpProblem.Unauthorized(
          "send Authorization: Bearer TOKEN (made in the newsroom or by 'masthead staff token')");
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

  /** The JSON as the desk's input; absent fields keep the article's current values. */
  private ArticleInput input(JsonNode body, String edition, Article current) {
    var base = current == null ? null : ArticleInput.of(current);
    Long sectionId = base == null ? null : base.sectionId();
    if (body.has("section")) {
      var slug = body.get("section").asText();
      sectionId = sections.tree(edition).findBySlug(slug).map(s -> s.id()).orElse(-1L);
    }
    Long seriesId = base == null ? null : base.seriesId();
    if (body.has("series")) {
      seriesId = body.get("series").isNull()
          ? null
          : series
              .findBySlug(edition, body.get("series").asText())
              .map(s -> s.id())
              .orElse(-1L);
    }
    var authorIds = base == null ? List.<Long>of() : base.authorIds();
    var credits = base == null ? List.<Credit>of() : base.credits();
    if (body.has("byline")) {
      if (!body.get("byline").isArray()) {
        throw Refusal.Invalid.of(
            "byline",
            "byline is an array of {\"author\": slug} or {\"credit\": \"staff\"|\"agencies\"}");
      }
      var ids = new ArrayList<Long>();
      var credited = new ArrayList<Credit>();
      for (var entry : body.get("byline")) {
        if (entry.hasNonNull("author")) {
          ids.add(authors
              .findBySlug(edition, entry.get("author").asText())
              .map(a -> a.id())
              .orElse(-1L));
        } else if (entry.hasNonNull("credit")) {
          try {
            credited.add(Credit.ofCode(entry.get("credit").asText()));
          } catch (IllegalArgumentException e) {
            throw Refusal.Invalid.of("byline", "a credit is staff or agencies");
          }
        } else {
          throw Refusal.Invalid.of("byline", "each byline entry has an author or a credit");
        }
      }
      authorIds = ids;
      credits = credited;
    }
    var tagNames = body.has("tags")
        ? ApiJson.strings(body, "tags")
        : base == null ? List.<String>of() : base.tagNames();
    return new ArticleInput(
        edition,
        sectionId,
        seriesId,
        text(body, "headline", base == null ? "" : base.headline()),
        text(body, "standfirst", base == null ? "" : base.standfirst()),
        text(body, "slug", base == null ? "" : base.slug()),
        tagNames,
        text(body, "body", base == null ? "" : base.body()),
        authorIds,
        credits,
        leadImage(body, base));
  }

  /** {@code "leadImage": 12} (a picture of the library) or null for none; absent keeps the current one. */
  private static Long leadImage(JsonNode body, ArticleInput base) {
    var value = body.get("leadImage");
    if (value == null) return base == null ? null : base.leadMediaId();
    if (value.isNull()) return null;
    if (!value.canConvertToLong() || value.asLong() <= 0)
      throw Refusal.Invalid.of("leadImage", "leadImage is the number of a picture of the library");
    return value.asLong();
  }

  private static String text(JsonNode body, String field, String fallback) {
    var value = body.get(field);
    if (value == null || value.isNull()) return fallback;
    if (!value.isTextual()) throw Refusal.Invalid.of(field, field + " must be a string");
    return value.asText();
  }
}
