package io.masthead.web.api;

import io.javalin.http.Context;
import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleStatus;
import io.masthead.author.AuthorRepository;
import io.masthead.change.Tags;
import io.masthead.edition.Edition;
import io.masthead.edition.Editions;
import io.masthead.section.SectionRepository;
import io.masthead.series.SeriesRepository;
import io.masthead.tag.TagRepository;
import io.masthead.web.HttpProblem;
import io.masthead.web.SurrogateKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The public, read-only Content API: published articles (paged, filtered by edition, section,
 * series, tag or author) and the outlet's structure. Thread-safe.
 */
public final class ContentApi {
  static final int MAX_LIMIT = 100;

  private final Editions editions;
  private final ArticleRepository articles;
  private final SectionRepository sections;
  private final SeriesRepository series;
  private final TagRepository tags;
  private final AuthorRepository authors;
  private final ApiJson json;

  public ContentApi(
      Editions editions,
      ArticleRepository articles,
      SectionRepository sections,
      SeriesRepository series,
      TagRepository tags,
      AuthorRepository authors,
      ApiJson json) {
    this.editions = editions;
    this.articles = articles;
    this.sections = sections;
    this.series = series;
    this.tags = tags;
    this.authors = authors;
    this.json = json;
  }

  /** {@code ?edition=en&section=world|series=…|tag=…|author=…&page=1&limit=20} */
  public void articles(Context ctx) {
    var edition = edition(ctx);
    int page = number(ctx, "page", 1, 1, 10_000);
    int limit = number(ctx, "limit", 20, 1, MAX_LIMIT);
    String listing = edition.listingKey();
    int filters = 0;
    if (ctx.queryParam("section") != null) {
      filters++;
      listing = sections
          .tree(edition.code())
          .findBySlug(ctx.queryParam("section"))
          .orElseThrow(() -> new HttpProblem.NotFound("no section " + ctx.queryParam("section")))
          .listingKey();
    }
    if (ctx.queryParam("series") != null) {
      filters++;
      listing = series
          .findBySlug(edition.code(), ctx.queryParam("series"))
          .orElseThrow(() -> new HttpProblem.NotFound("no series " + ctx.queryParam("series")))
          .listingKey();
    }
    if (ctx.queryParam("tag") != null) {
      filters++;
      listing = tags.findBySlug(edition.code(), ctx.queryParam("tag"))
          .orElseThrow(() -> new HttpProblem.NotFound("no tag " + ctx.queryParam("tag")))
          .listingKey();
    }
    if (ctx.queryParam("author") != null) {
      filters++;
      listing = authors
          .findBySlug(edition.code(), ctx.queryParam("author"))
          .orElseThrow(() -> new HttpProblem.NotFound("no author " + ctx.queryParam("author")))
          .listingKey();
    }
    if (filters > 1)
      throw new HttpProblem.BadRequest("filter by one of section, series, tag or author");
    var found = articles.list(listing, (page - 1) * limit, limit + 1);
    var body = new LinkedHashMap<String, Object>();
    body.put("page", page);
    body.put("limit", limit);
    body.put("hasMore", found.size() > limit);
    body.put("items", found.stream().limit(limit).map(json::summary).toList());
    SurrogateKeys.set(ctx, List.of(listing, Tags.structure(edition.code())));
    ApiJson.send(ctx, 200, body);
  }

  public void article(Context ctx) {
    var article = articles
        .find(id(ctx))
        .filter(a -> a.status() == ArticleStatus.PUBLISHED)
        .orElseThrow(() -> new HttpProblem.NotFound("no published article " + ctx.pathParam("id")));
    SurrogateKeys.set(ctx, List.of(article.cacheTag(), Tags.structure(article.edition())));
    ApiJson.send(ctx, 200, json.article(article));
  }

  public void sections(Context ctx) {
    structure(ctx, code -> sections.tree(code).all(), s -> {
      var m = new LinkedHashMap<String, Object>(); // the parent may be null, which Map.of refuses
      m.put("id", s.id());
      m.put("slug", s.slug());
      m.put("name", s.name());
      m.put("description", s.description());
      m.put("parent", s.parentId());
      return m;
    });
  }

  public void series(Context ctx) {
    structure(
        ctx,
        series::list,
        s -> Map.of(
            "id",
            s.id(),
            "slug",
            s.slug(),
            "title",
            s.title(),
            "description",
            s.description(),
            "promoted",
            s.promoted()));
  }

  public void tags(Context ctx) {
    structure(ctx, tags::list, t -> Map.of("id", t.id(), "slug", t.slug(), "name", t.name()));
  }

  public void authors(Context ctx) {
    structure(
        ctx,
        authors::list,
        a -> Map.of(
            "id",
            a.id(),
            "slug",
            a.slug(),
            "name",
            a.name(),
            "jobTitle",
            a.jobTitle(),
            "bio",
            a.bio()));
  }

  /**
   * One list of the edition's structure (its sections, series, tags or authors) as {@code
   * items}, tagged for a CDN with the structure it is part of.
   */
  private <T> void structure(
      Context ctx,
      Function<String, List<T>> listOfEdition,
      Function<T, Map<String, Object>> toJson) {
    var edition = edition(ctx);
    SurrogateKeys.set(ctx, List.of(Tags.structure(edition.code())));
    ApiJson.send(
        ctx,
        200,
        Map.of("items", listOfEdition.apply(edition.code()).stream().map(toJson).toList()));
  }

  private Edition edition(Context ctx) {
    var code = ctx.queryParam("edition");
    if (code == null) return editions.defaultEdition();
    return editions.find(code).orElseThrow(() -> new HttpProblem.NotFound("no edition " + code));
  }

  static long id(Context ctx) {
    try {
      long id = Long.parseLong(ctx.pathParam("id"));
      if (id < 1) throw new NumberFormatException();
      return id;
    } catch (NumberFormatException e) {
      throw new HttpProblem.BadRequest("an article id is a positive number");
    }
  }

  static int number(Context ctx, String name, int fallback, int min, int max) {
    var text = ctx.queryParam(name);
    if (text == null) return fallback;
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max)
        throw new HttpProblem.BadRequest(name + " must be between " + min + " and " + max);
      return value;
    } catch (NumberFormatException e) {
      throw new HttpProblem.BadRequest(name + " must be a number");
    }
  }
}
