package io.masthead.web.newsroom;

import static io.masthead.web.newsroom.FormFields.parseId;

import io.javalin.http.Context;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.edition.Editions;
import io.masthead.newsroom.Sessions.Session;
import io.masthead.storage.Settings;
import io.masthead.web.HttpProblem;
import io.masthead.web.Templates;
import io.masthead.web.api.WireApi;
import io.masthead.wire.RejectedFile;
import io.masthead.wire.SubjectRules;
import io.masthead.wire.WireCluster;
import io.masthead.wire.WireDesk;
import io.masthead.wire.WireFormat;
import io.masthead.wire.WireItem;
import io.masthead.wire.WireRepository;
import io.masthead.wire.WireSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The wire desk at {@code /newsroom/wire}: the incoming queue (newest first, urgent items marked,
 * filtered by agency, language, subject or cluster), the story clusters with the agencies'
 * versions side by side and why each item was grouped, "Write story", and for admins the sources,
 * the subject rules and the rejected files. Works without JavaScript; with it, the queue says when
 * new items have come. Thread-safe.
 */
public final class WirePages {
  /** One item as the queue and the cluster view show it. */
  public record ItemLine(WireItem item, String time, String embargo, boolean checked) {}

  public record ClusterLine(
      long id, String headline, String language, String agencies, int items, String time) {}

  public record DeskView(
      NewsroomViews.Frame frame,
      List<ItemLine> items,
      List<ClusterLine> clusters,
      List<WireSource> sources,
      Long source,
      String language,
      String subject,
      Long cluster,
      long newest) {}

  public record ClusterView(
      NewsroomViews.Frame frame,
      WireCluster cluster,
      List<ItemLine> items,
      String edition,
      List<io.masthead.edition.Edition> editions,
      String error) {}

  /** A version of an item in its history. */
  public record VersionLine(int version, String signal, String headline, String received) {}

  /** An article written from the item. */
  public record ArticleLink(long id, String headline, String status) {}

  public record ItemView(
      NewsroomViews.Frame frame,
      ItemLine line,
      List<VersionLine> versions,
      int compared,
      List<NewsroomViews.DiffLine> diff,
      List<ArticleLink> articles) {}

  public record SourcesView(
      NewsroomViews.Frame frame,
      List<WireSource> sources,
      List<WireFormat> formats,
      List<RejectedFile> rejected,
      String rules,
      Map<String, String> errors,
      Map<String, String> typed) {}

  private final NewsroomAuth auth;
  private final WireDesk desk;
  private final WireRepository wire;
  private final Editions editions;
  private final Settings settings;
  private final WireApi api;
  private final Templates templates;
  private final io.masthead.article.ArticleRepository articles;

  public WirePages(
      NewsroomAuth auth,
      WireDesk desk,
      WireRepository wire,
      Editions editions,
      Settings settings,
      WireApi api,
      Templates templates,
      io.masthead.article.ArticleRepository articles) {
    this.articles = articles;
    this.auth = auth;
    this.desk = desk;
    this.wire = wire;
    this.editions = editions;
    this.settings = settings;
    this.api = api;
    this.templates = templates;
  }

  public void desk(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var source = optionalId(ctx, "source");
    var cluster = optionalId(ctx, "cluster");
    var language = Optional.ofNullable(ctx.queryParam("language")).orElse("").strip();
    var subject = Optional.ofNullable(ctx.queryParam("subject")).orElse("").strip();
    var items = wire.items(new WireRepository.Filter(source, language, subject, cluster), 100, 0);
    var clusters = wire.clusters(language, 30).stream()
        .map(c -> new ClusterLine(
            c.id(),
            c.headline(),
            c.language(),
            String.join(", ", c.agencies()),
            c.items().size(),
            time(c.lastAt())))
        .toList();
    templates.sendPrivate(
        ctx,
        200,
        "newsroom/wire.jte",
        new DeskView(
            NewsroomText.frame(session, "Wire desk", "wire", NewsroomText.notice(ctx)),
            items.stream().map(i -> line(i, false)).toList(),
            clusters,
            wire.sources(),
            source,
            language,
            subject,
            cluster,
            wire.newestItemId()));
  }

  /** The newest item's id, for the queue's script to say that new items have come. */
  public void newest(Context ctx) {
    auth.require(ctx, Role.CONTRIBUTOR);
    ctx.header("Cache-Control", "no-store").json(Map.of("newest", wire.newestItemId()));
  }

  /**
   * One item: its text, its versions, what changed from the version {@code compare} (by default
   * the one before) to the current one, and the articles written from it.
   */
  public void item(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    long id = parseId(ctx.pathParam("id"));
    var item = wire.item(id).orElseThrow(() -> new HttpProblem.NotFound("no wire item " + id));
    var versions = wire.versions(id);
    int compared = item.version() - 1;
    var asked = ctx.queryParam("compare");
    if (asked != null && !asked.isBlank()) compared = (int) parseId(asked);
    final int wanted = compared;
    var diff = versions.stream()
        .filter(v -> v.version() == wanted && wanted != item.version())
        .findFirst()
        .map(old -> new SideBySide()
            .field("Headline", old.headline(), item.headline())
            .field("Lead", old.lead(), item.lead())
            .text(io.masthead.wire.WireText.paragraphs(old.bodyHtml()), item.paragraphs())
            .lines())
        .orElse(List.of());
    var written = wire.articlesFrom(id).stream()
        .flatMap(a -> articles.find(a).stream())
        .map(a -> new ArticleLink(a.id(), a.headline(), a.status().code()))
        .toList();
    templates.sendPrivate(
        ctx,
        200,
        "newsroom/wireitem.jte",
        new ItemView(
            NewsroomText.frame(session, item.headline(), "wire", null),
            line(item, false),
            versions.stream()
                .map(v -> new VersionLine(
                    v.version(), v.signal().code(), v.headline(), time(v.receivedAt())))
                .toList(),
            diff.isEmpty() ? 0 : wanted,
            diff,
            written));
  }

  public void cluster(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    renderCluster(ctx, 200, session, findCluster(ctx), null);
  }

  /** Writes a draft from the items checked (at least one), then opens it in the editor. */
  public void writeStory(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var cluster = findCluster(ctx);
    var ids = new ArrayList<Long>();
    for (var v : ctx.formParams("item")) {
      long id = parseId(v);
      if (cluster.items().stream().noneMatch(i -> i.id() == id))
        throw new HttpProblem.BadRequest("item " + id + " is not in this cluster");
      ids.add(id);
    }
    var edition =
        Optional.ofNullable(ctx.formParam("edition")).orElse(api.editionFor(cluster.language()));
    if (editions.find(edition).isEmpty()) throw new HttpProblem.BadRequest("no edition " + edition);
    try {
      long article = desk.writeStory(
          session.staff().actor(),
          ids,
          new WireDesk.Story(edition, null, ctx.formParam("asReceived") != null));
      ctx.status(303).header("Location", "/newsroom/articles/" + article + "?notice=created");
    } catch (Refusal.Invalid | Refusal.NotAllowed e) {
      renderCluster(
          ctx,
          422,
          session,
          cluster,
          e instanceof Refusal.Invalid invalid
              ? String.join(" ", invalid.byField().values())
              : e.getMessage());
    }
  }

  /** {@code action}: merge (with the cluster numbered in {@code other}) or split (item {@code item} out). */
  public void changeCluster(Context ctx) {
    var session = auth.require(ctx, Role.EDITOR);
    var cluster = findCluster(ctx);
    var actor = session.staff().actor();
    try {
      switch (Optional.ofNullable(ctx.formParam("action")).orElse("")) {
        case "merge" -> {
          desk.merge(
              actor,
              cluster.id(),
              parseId(Optional.ofNullable(ctx.formParam("other")).orElse("")));
          ctx.status(303)
              .header("Location", "/newsroom/wire/clusters/" + cluster.id() + "?notice=merged");
        }
        case "split" -> {
          long item = parseId(Optional.ofNullable(ctx.formParam("item")).orElse(""));
          if (cluster.items().stream().noneMatch(i -> i.id() == item))
            throw new HttpProblem.BadRequest("item " + item + " is not in this cluster");
          long other = desk.split(actor, item);
          ctx.status(303).header("Location", "/newsroom/wire/clusters/" + other + "?notice=split");
        }
        default -> throw new HttpProblem.BadRequest("no such action");
      }
    } catch (Refusal.Invalid | Refusal.NotFound e) {
      renderCluster(ctx, 422, session, cluster, e.getMessage());
    }
  }

  public void sources(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    renderSources(ctx, 200, session, Map.of(), Map.of(), null);
  }

  public void addSource(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    try {
      desk.addSource(session.staff().actor(), sourceInput(ctx, true));
      ctx.status(303).header("Location", "/newsroom/wire/sources?notice=saved");
    } catch (Refusal.Invalid e) {
      renderSources(ctx, 422, session, e.byField(), typed(ctx), null);
    }
  }

  public void changeSource(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    long id = parseId(ctx.pathParam("id"));
    try {
      desk.updateSource(
          session.staff().actor(), id, sourceInput(ctx, ctx.formParam("active") != null));
      ctx.status(303).header("Location", "/newsroom/wire/sources?notice=saved");
    } catch (Refusal.Invalid e) {
      renderSources(ctx, 422, session, e.byField(), typed(ctx), null);
    }
  }

  public void saveRules(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    var text = Optional.ofNullable(ctx.formParam("rules")).orElse("");
    try {
      desk.saveRules(session.staff().actor(), text);
      ctx.status(303).header("Location", "/newsroom/wire/sources?notice=saved");
    } catch (Refusal.Invalid e) {
      renderSources(ctx, 422, session, e.byField(), Map.of(), text);
    }
  }

  private static WireDesk.SourceInput sourceInput(Context ctx, boolean active) {
    Integer every = null;
    var text = ctx.formParam("every");
    if (text != null && !text.isBlank()) {
      try {
        every = Integer.parseInt(text.strip());
      } catch (NumberFormatException e) {
        throw Refusal.Invalid.of("every", "Give the seconds between polls as a number.");
      }
    }
    return new WireDesk.SourceInput(
        ctx.formParam("name"),
        ctx.formParam("format"),
        ctx.formParam("url"),
        ctx.formParam("folder"),
        every,
        active);
  }

  private static Map<String, String> typed(Context ctx) {
    var out = new java.util.HashMap<String, String>();
    for (var f : List.of("name", "format", "url", "folder", "every"))
      out.put(f, Optional.ofNullable(ctx.formParam(f)).orElse(""));
    return out;
  }

  private void renderSources(
      Context ctx,
      int status,
      Session session,
      Map<String, String> errors,
      Map<String, String> typed,
      String rules) {
    templates.sendPrivate(
        ctx,
        status,
        "newsroom/wiresources.jte",
        new SourcesView(
            NewsroomText.frame(session, "Wire sources", "wire", NewsroomText.notice(ctx)),
            wire.sources(),
            List.of(WireFormat.values()),
            wire.rejected(30),
            rules != null ? rules : settings.find(SubjectRules.SETTING).orElse(""),
            errors,
            typed));
  }

  private void renderCluster(
      Context ctx, int status, Session session, WireCluster cluster, String error) {
    var chosen = WireApi.newestOfEachAgency(cluster);
    var notice = switch (Optional.ofNullable(ctx.queryParam("notice")).orElse("")) {
      case "merged" -> "Clusters merged.";
      case "split" -> "The item is in a cluster of its own now.";
      default -> null;
    };
    templates.sendPrivate(
        ctx,
        status,
        "newsroom/wirecluster.jte",
        new ClusterView(
            NewsroomText.frame(session, cluster.headline(), "wire", notice),
            cluster,
            cluster.items().stream().map(i -> line(i, chosen.contains(i.id()))).toList(),
            api.editionFor(cluster.language()),
            editions.all(),
            error));
  }

  private WireCluster findCluster(Context ctx) {
    long id = parseId(ctx.pathParam("id"));
    return wire.cluster(id).orElseThrow(() -> new HttpProblem.NotFound("no story cluster " + id));
  }

  private ItemLine line(WireItem item, boolean checked) {
    var now = java.time.Instant.now();
    return new ItemLine(
        item,
        time(item.versionCreated()),
        item.embargoedAt(now) ? time(item.embargo()) : "",
        checked);
  }

  private String time(java.time.Instant at) {
    if (at == null) return "";
    ZoneId zone = editions.defaultEdition().timeZone();
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
        .withLocale(Locale.UK)
        .withZone(zone)
        .format(at);
  }

  private static Long optionalId(Context ctx, String name) {
    var v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : parseId(v);
  }
}
