package io.masthead.web.api;

import io.javalin.http.Context;
import io.masthead.article.ArticleRepository;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.edition.Editions;
import io.masthead.section.SectionRepository;
import io.masthead.web.HttpProblem;
import io.masthead.web.Uploads;
import io.masthead.wire.WireCluster;
import io.masthead.wire.WireDesk;
import io.masthead.wire.WireItem;
import io.masthead.wire.WireParsers;
import io.masthead.wire.WireRepository;
import io.masthead.wire.WireSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire desk in the Admin API (token; editors, admins for sources): sources, files pushed by
 * agencies (or tests), the items and clusters, and drafts written from a cluster. Thread-safe.
 */
public final class WireApi {
  private final AdminApi admin;
  private final WireDesk desk;
  private final WireRepository wire;
  private final Editions editions;
  private final ArticleRepository articles;
  private final ApiJson json;
  private final SectionRepository sections;

  public WireApi(
      AdminApi admin,
      WireDesk desk,
      WireRepository wire,
      Editions editions,
      ArticleRepository articles,
      SectionRepository sections,
      ApiJson json) {
    this.sections = sections;
    this.admin = admin;
    this.desk = desk;
    this.wire = wire;
    this.editions = editions;
    this.articles = articles;
    this.json = json;
  }

  /** {@code {"name", "format", "url"?, "folder"?, "everySeconds"?}} → 201 with the source. */
  public void addSource(Context ctx) {
    var me = admin.caller(ctx, Role.ADMIN);
    var body = ApiJson.body(ctx);
    long id = desk.addSource(
        me.actor(),
        new WireDesk.SourceInput(
            body.path("name").asText(""),
            body.path("format").asText(""),
            body.path("url").asText(""),
            body.path("folder").asText(""),
            body.hasNonNull("everySeconds") ? body.get("everySeconds").asInt() : null,
            true));
    ctx.header("Location", "/api/v1/admin/wire/sources/" + id);
    ApiJson.send(ctx, 201, source(wire.source(id).orElseThrow()));
  }

  public void sources(Context ctx) {
    admin.caller(ctx, Role.EDITOR);
    ApiJson.send(
        ctx, 200, Map.of("sources", wire.sources().stream().map(WireApi::source).toList()));
  }

  /** The body is one file of the source's format; 201 with what each item became, or 422 with the reason. */
  public void push(Context ctx) {
    var me = admin.caller(ctx, Role.EDITOR);
    long sourceId = ContentApi.id(ctx);
    byte[] content;
    try {
      content = ctx.req().getInputStream().readNBytes(WireParsers.MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (content.length > WireParsers.MAX_FILE_BYTES) {
      Uploads.dropRest(ctx);
      throw new Refusal.TooLarge(
          "A wire file may have at most " + WireParsers.MAX_FILE_BYTES / 1024 / 1024 + " MB.");
    }
    var name = ctx.header("X-File-Name");
    var result = desk.ingest(me.actor(), sourceId, name == null ? "pushed" : name, content);
    var items = result.items().stream()
        .map(r -> {
          var m = new LinkedHashMap<String, Object>();
          m.put("id", r.itemId());
          m.put("guid", r.guid());
          m.put("version", r.version());
          m.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
          m.put("cluster", r.clusterId());
          return m;
        })
        .toList();
    var body = new LinkedHashMap<String, Object>();
    body.put("items", items);
    body.put("notes", result.notes());
    body.put("sameFileAgain", result.sameFileAgain());
    ApiJson.send(ctx, result.sameFileAgain() ? 200 : 201, body);
  }

  /** {@code ?source=&cluster=&language=&subject=&limit=&offset=}. */
  public void items(Context ctx) {
    admin.caller(ctx, Role.EDITOR);
    var filter = new WireRepository.Filter(
        number(ctx, "source"),
        ctx.queryParam("language"),
        ctx.queryParam("subject"),
        number(ctx, "cluster"));
    var limit = number(ctx, "limit");
    var offset = number(ctx, "offset");
    var found = wire.items(
        filter,
        limit == null ? 100 : (int) Math.min(limit, 500),
        offset == null ? 0 : (int) Math.min(offset, 1_000_000));
    ApiJson.send(ctx, 200, Map.of("items", found.stream().map(WireApi::item).toList()));
  }

  public void item(Context ctx) {
    admin.caller(ctx, Role.EDITOR);
    long id = ContentApi.id(ctx);
    var item = wire.item(id).orElseThrow(() -> new HttpProblem.NotFound("no wire item " + id));
    var body = item(item);
    body.put("body", item.bodyHtml());
    body.put(
        "versions",
        wire.versions(id).stream()
            .map(v -> Map.of(
                "version",
                v.version(),
                "headline",
                v.headline(),
                "signal",
                v.signal().code(),
                "receivedAt",
                ApiJson.iso(v.receivedAt())))
            .toList());
    body.put("articles", wire.articlesFrom(id));
    ApiJson.send(ctx, 200, body);
  }

  /** {@code /items/{id}/versions/{version}/original}: the file that version came in, as received (for audit). */
  public void original(Context ctx) {
    admin.caller(ctx, Role.EDITOR);
    long id = ContentApi.id(ctx);
    int version;
    try {
      version = Integer.parseInt(ctx.pathParam("version"));
    } catch (NumberFormatException e) {
      throw new HttpProblem.BadRequest("a version is a number");
    }
    var content = wire.deliveryContent(id, version)
        .orElseThrow(
            () -> new HttpProblem.NotFound("no version " + version + " of wire item " + id));
    ctx.header("Cache-Control", "no-store")
        .header("Content-Disposition", "attachment")
        .contentType("text/plain; charset=utf-8")
        .result(content);
  }

  public void clusters(Context ctx) {
    admin.caller(ctx, Role.EDITOR);
    var limit = number(ctx, "limit");
    var found =
        wire.clusters(ctx.queryParam("language"), limit == null ? 50 : (int) Math.min(limit, 500));
    ApiJson.send(
        ctx, 200, Map.of("clusters", found.stream().map(WireApi::cluster).toList()));
  }

  /**
   * {@code {"items"?: [ids], "edition"?, "section"?: slug, "asReceived"?: false}} → 201 with the
   * draft, as the Admin API returns articles. Without {@code items}, the cluster's newest item of
   * each agency.
   */
  public void draft(Context ctx) {
    var me = admin.caller(ctx, Role.CONTRIBUTOR);
    long clusterId = ContentApi.id(ctx);
    var cluster = wire.cluster(clusterId)
        .orElseThrow(() -> new HttpProblem.NotFound("no story cluster " + clusterId));
    var text = ctx.body();
    var body = text.isBlank() ? ApiJson.MAPPER.createObjectNode() : ApiJson.body(ctx);
    var ids = new ArrayList<Long>();
    if (body.has("items")) {
      if (!body.get("items").isArray())
        throw Refusal.Invalid.of("items", "items is an array of item ids");
      for (var n : body.get("items")) {
        if (!n.canConvertToLong())
          throw Refusal.Invalid.of("items", "items is an array of item ids");
        long id = n.asLong();
        if (cluster.items().stream().noneMatch(i -> i.id() == id))
          throw Refusal.Invalid.of("items", "Item " + id + " is not in cluster " + clusterId + ".");
        ids.add(id);
      }
    } else {
      ids.addAll(newestOfEachAgency(cluster));
    }
    var edition =
        body.hasNonNull("edition") ? body.get("edition").asText() : editionFor(cluster.language());
    if (editions.find(edition).isEmpty())
      throw Refusal.Invalid.of("edition", "No edition " + edition + ".");
    Long section = null;
    if (body.hasNonNull("section")) {
      var slug = body.get("section").asText();
      section = sections
          .tree(edition)
          .findBySlug(slug)
          .map(s -> s.id())
          .orElseThrow(
              () -> Refusal.Invalid.of("section", "The edition has no section " + slug + "."));
    }
    long id = desk.writeStory(
        me.actor(),
        ids,
        new WireDesk.Story(edition, section, body.path("asReceived").asBoolean(false)));
    ctx.header("Location", "/api/v1/admin/articles/" + id);
    ApiJson.send(ctx, 201, json.article(articles.find(id).orElseThrow()));
  }

  /** The edition in the items' language, else the default one. */
  public String editionFor(String language) {
    return editions.all().stream()
        .filter(e -> e.locale().getLanguage().equals(language))
        .findFirst()
        .orElse(editions.defaultEdition())
        .code();
  }

  public static List<Long> newestOfEachAgency(WireCluster cluster) {
    var seen = new java.util.HashSet<String>();
    return cluster.items().stream()
        .filter(i -> seen.add(i.agency()))
        .map(WireItem::id)
        .limit(20)
        .toList();
  }

  private static Long number(Context ctx, String name) {
    var v = ctx.queryParam(name);
    if (v == null || v.isBlank()) return null;
    try {
      long n = Long.parseLong(v.strip());
      if (n < 0) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new HttpProblem.BadRequest(name + " is a number");
    }
  }

  static Map<String, Object> source(WireSource s) {
    var m = new LinkedHashMap<String, Object>();
    m.put("id", s.id());
    m.put("name", s.name());
    m.put("format", s.format().code());
    m.put("url", s.url());
    m.put("folder", s.folder());
    m.put("everySeconds", s.everySeconds());
    m.put("active", s.active());
    m.put("lastPollAt", ApiJson.iso(s.lastPollAt()));
    m.put("lastError", s.lastError());
    m.put("items", s.items());
    m.put("rejected", s.rejected());
    return m;
  }

  static Map<String, Object> item(WireItem i) {
    var m = new LinkedHashMap<String, Object>();
    m.put("id", i.id());
    m.put("source", i.sourceId());
    m.put("agency", i.agency());
    m.put("guid", i.guid());
    m.put("version", i.version());
    m.put("signal", i.signal().code());
    m.put("urgency", i.urgency());
    m.put("language", i.language());
    m.put("headline", i.headline());
    m.put("lead", i.lead());
    m.put("subjects", i.subjects());
    m.put("place", i.place());
    m.put("dateline", i.dateline());
    m.put("embargo", ApiJson.iso(i.embargo()));
    m.put("versionCreated", ApiJson.iso(i.versionCreated()));
    m.put("cluster", i.clusterId());
    m.put("groupedWith", i.groupedWith());
    m.put("groupedScore", i.groupedScore());
    m.put("groupedReason", i.groupedReason());
    return m;
  }

  static Map<String, Object> cluster(WireCluster c) {
    var m = new LinkedHashMap<String, Object>();
    m.put("id", c.id());
    m.put("language", c.language());
    m.put("headline", c.headline());
    m.put("agencies", c.agencies());
    m.put("items", c.items().stream().map(WireApi::item).toList());
    return m;
  }
}
