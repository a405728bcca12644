package io.masthead.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.masthead.article.Article;
import io.masthead.article.ArticleStatus;
import io.masthead.article.ArticleSummary;
import io.masthead.edition.Editions;
import io.masthead.media.Crop;
import io.masthead.media.ImageFormat;
import io.masthead.media.Media;
import io.masthead.media.MediaCatalog;
import io.masthead.web.HttpProblem;
import io.masthead.web.site.SitePaths;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Articles and errors as the API's JSON; request bodies read with limits. Thread-safe. */
public final class ApiJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private final Editions editions;
  private final String baseUrl;
  private final MediaCatalog media;

  public ApiJson(Editions editions, String baseUrl, MediaCatalog media) {
    this.editions = editions;
    this.baseUrl = baseUrl;
    this.media = media;
  }

  /**
   * A picture of the library: what it is, what the editor said of it, and the absolute addresses
   * of its main renditions (JPEG, at most 1200 wide; the same paths with {@code .webp} are WebP).
   */
  public Map<String, Object> media(Media m) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", m.id());
    json.put("alt", m.alt());
    json.put("caption", m.caption());
    json.put("credit", m.credit());
    json.put("source", m.source());
    json.put("width", m.width());
    json.put("height", m.height());
    json.put("contentType", m.contentType());
    json.put("fileName", m.fileName());
    json.put("focalPoint", Map.of("x", m.focalX(), "y", m.focalY()));
    json.put("version", m.version());
    var renditions = new LinkedHashMap<String, Object>();
    for (var crop : List.of(Crop.WIDE, Crop.STANDARD, Crop.SQUARE, Crop.SOCIAL, Crop.FULL)) {
      int width = m.widthUpTo(crop, 1200);
      renditions.put(
          crop.code(),
          Map.of(
              "url",
              baseUrl + m.url(crop, width, ImageFormat.JPEG),
              "width",
              width,
              "height",
              crop.heightFor(width, m.width(), m.height())));
    }
    json.put("renditions", renditions);
    return json;
  }

  /** The Content API's JSON of an article (webhooks send the same). */
  public Map<String, Object> article(Article a) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", a.id());
    json.put("edition", a.edition());
    json.put("section", a.section().slug());
    json.put("series", a.series() == null ? null : a.series().slug());
    json.put("slug", a.slug());
    json.put("headline", a.headline());
    json.put("standfirst", a.standfirst());
    json.put("body", a.bodyMarkdown());
    json.put("status", a.status().code());
    json.put("version", a.version());
    json.put(
        "url",
        a.status() == ArticleStatus.PUBLISHED
            ? baseUrl
                + SitePaths.encode(SitePaths.article(
                    editions.get(a.edition()), a.section(), a.slug(), a.publishedAt()))
            : null);
    json.put("publishedAt", iso(a.publishedAt()));
    json.put("updatedAt", iso(a.updatedAt()));
    var byline = new ArrayList<Map<String, Object>>();
    for (var entry : a.byline()) {
      var b = new LinkedHashMap<String, Object>();
      if (entry.author() != null) {
        b.put("name", entry.author().name());
        b.put("author", entry.author().slug());
      } else {
        b.put("credit", entry.credit().code());
      }
      byline.add(b);
    }
    json.put("byline", byline);
    json.put("tags", a.tags().stream().map(t -> t.name()).toList());
    json.put(
        "leadImage",
        a.leadMediaId() == null
            ? null
            : media.find(a.leadMediaId()).map(this::media).orElse(null));
    json.put(
        "corrections",
        a.corrections().stream()
            .map(c -> Map.of("publishedAt", iso(c.publishedAt()), "text", c.body()))
            .toList());
    return json;
  }

  Map<String, Object> summary(ArticleSummary a) {
    var json = new LinkedHashMap<String, Object>();
    json.put("id", a.id());
    json.put("edition", a.edition());
    json.put("section", a.section().slug());
    json.put("headline", a.headline());
    json.put("standfirst", a.standfirst());
    json.put("url", baseUrl + SitePaths.encode(SitePaths.article(editions.get(a.edition()), a)));
    json.put("publishedAt", iso(a.publishedAt()));
    json.put("updatedAt", iso(a.updatedAt()));
    return json;
  }

  static void send(Context ctx, int status, Object body) {
    try {
      ctx.status(status)
          .header(
              "Cache-Control",
              status < 300 && "GET".equals(ctx.method().name()) ? "public, max-age=30" : "no-store")
          .contentType("application/json; charset=utf-8")
          .result(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request body as a JSON object, or a 400 saying why not. */
  static JsonNode body(Context ctx) {
    var text = ctx.body();
    if (text.length() > 512 * 1024)
      throw new HttpProblem.BadRequest("the body is larger than 512 KiB");
    try {
      var node = MAPPER.readTree(text);
      if (node == null || !node.isObject())
        throw new HttpProblem.BadRequest("the body must be a JSON object");
      return node;
    } catch (JsonProcessingException e) {
      throw new HttpProblem.BadRequest("the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  static String iso(Instant when) {
    return when == null ? null : DateTimeFormatter.ISO_INSTANT.format(when);
  }

  static List<String> strings(JsonNode node, String field) {
    var value = node.get(field);
    if (value == null || value.isNull()) return List.of();
    if (!value.isArray()) throw new HttpProblem.BadRequest(field + " must be an array");
    var out = new ArrayList<String>();
    for (var item : value) {
      if (!item.isTextual()) throw new HttpProblem.BadRequest(field + " must hold strings");
      out.add(item.asText());
    }
    return out;
  }
}
