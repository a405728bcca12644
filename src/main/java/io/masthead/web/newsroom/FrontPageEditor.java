package io.masthead.web.newsroom;

import static io.masthead.web.newsroom.FormFields.blankToNull;

import io.javalin.http.Context;
import io.masthead.article.ArticleRepository;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.edition.Edition;
import io.masthead.edition.Editions;
import io.masthead.frontpage.FrontPage;
import io.masthead.frontpage.FrontPageDesk;
import io.masthead.frontpage.FrontPageRepository;
import io.masthead.series.SeriesRepository;
import io.masthead.web.Templates;
import io.masthead.web.newsroom.NewsroomViews.Option;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Front-page curation for editors: the lead story, the ordered top stories, the breaking-news
 * banner with its expiry, and the series promoted to the site banner. Thread-safe.
 */
public final class FrontPageEditor {
  static final int TOP_STORIES = 6;
  private static final DateTimeFormatter LOCAL_INPUT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  /** The form: choices come from the newest published stories of the edition. */
  public record View(
      NewsroomViews.Frame frame,
      String edition,
      List<Option> editions,
      List<Option> lead,
      List<List<Option>> top,
      String breakingText,
      String breakingUrl,
      String breakingExpires,
      String timeZone,
      List<Option> series,
      String error) {}

  private final NewsroomAuth auth;
  private final Editions editions;
  private final ArticleRepository articles;
  private final FrontPageRepository frontPages;
  private final SeriesRepository series;
  private final FrontPageDesk desk;
  private final Templates templates;
  private final Clock clock;

  public FrontPageEditor(
      NewsroomAuth auth,
      Editions editions,
      ArticleRepository articles,
      FrontPageRepository frontPages,
      SeriesRepository series,
      FrontPageDesk desk,
      Templates templates,
      Clock clock) {
    this.auth = auth;
    this.editions = editions;
    this.articles = articles;
    this.frontPages = frontPages;
    this.series = series;
    this.desk = desk;
    this.templates = templates;
    this.clock = clock;
  }

  public void show(Context ctx) {
    var session = auth.require(ctx, Role.EDITOR);
    var edition = edition(ctx.queryParam("edition"));
    var front = frontPages.get(edition.code());
    render(
        ctx,
        200,
        view(
            session,
            edition,
            front,
            null,
            ctx.queryParam("notice") != null ? "Front page saved." : null));
  }

  public void save(Context ctx) {
    var session = auth.require(ctx, Role.EDITOR);
    var edition = edition(ctx.formParam("edition"));
    var live = candidates(edition).stream().map(Option::value).toList();
    var lead = blankToNull(ctx.formParam("lead"));
    String error = null;
    if (lead != null && !live.contains(lead))
      error = "The lead story must be one of the published stories listed.";
    var top = new LinkedHashSet<Long>();
    for (int i = 0; i < TOP_STORIES; i++) {
      var chosen = blankToNull(ctx.formParam("top" + i));
      if (chosen == null) continue;
      if (!live.contains(chosen)) error = "Top stories must be published stories of this edition.";
      else if (!chosen.equals(lead)) top.add(Long.parseLong(chosen));
    }
    var text = Optional.ofNullable(ctx.formParam("breakingText")).orElse("").strip();
    var url = Optional.ofNullable(ctx.formParam("breakingUrl")).orElse("").strip();
    var expires =
        Optional.ofNullable(ctx.formParam("breakingExpires")).orElse("").strip();
    FrontPage.Breaking breaking = null;
    if (!text.isEmpty()) {
      java.time.Instant expiresAt = null;
      if (!expires.isEmpty()) {
        try {
          expiresAt = LocalDateTime.parse(expires, LOCAL_INPUT)
              .atZone(edition.timeZone())
              .toInstant();
        } catch (java.time.DateTimeException e) { // not a date, or a year out of range
          error = "Give the banner's end as date and time, such as 2026-12-01T18:00.";
        }
      }
      breaking = new FrontPage.Breaking(text, url.isEmpty() ? null : url, expiresAt);
    }
    var promoted = blankToNull(ctx.formParam("series"));
    var editionSeries =
        series.list(edition.code()).stream().map(s -> Long.toString(s.id())).toList();
    if (promoted != null && !editionSeries.contains(promoted))
      error = "Choose a series of this edition, or none.";
    var front = new FrontPage(
        edition.code(),
        lead == null || !live.contains(lead) ? null : Long.parseLong(lead),
        List.copyOf(top),
        breaking);
    if (error != null) {
      render(ctx, 422, view(session, edition, front, error, null));
      return;
    }
    try {
      desk.save(session.staff().actor(), front, promoted == null ? null : Long.parseLong(promoted));
    } catch (Refusal.Invalid e) {
      render(ctx, 422, view(session, edition, front, e.getMessage(), null));
      return;
    }
    ctx.status(303)
        .header("Location", "/newsroom/front-page?edition=" + edition.code() + "&notice=saved");
  }

  private View view(
      io.masthead.newsroom.Sessions.Session session,
      Edition edition,
      FrontPage front,
      String error,
      String notice) {
    var stories = candidates(edition);
    var lead = new ArrayList<Option>();
    lead.add(new Option("", "The newest story", front.leadArticleId() == null));
    for (var o : stories)
      lead.add(new Option(
          o.value(), o.label(), o.value().equals(String.valueOf(front.leadArticleId()))));
    var top = new ArrayList<List<Option>>();
    for (int i = 0; i < TOP_STORIES; i++) {
      var chosen = i < front.topArticleIds().size()
          ? String.valueOf(front.topArticleIds().get(i))
          : "";
      var options = new ArrayList<Option>();
      options.add(new Option("", "(the next newest)", chosen.isEmpty()));
      for (var o : stories)
        options.add(new Option(o.value(), o.label(), o.value().equals(chosen)));
      top.add(options);
    }
    var seriesOptions = new ArrayList<Option>();
    var promoted = series.promoted(edition.code()).map(s -> s.id()).orElse(null);
    seriesOptions.add(new Option("", "No banner", promoted == null));
    for (var s : series.list(edition.code()))
      seriesOptions.add(
          new Option(Long.toString(s.id()), s.title(), Long.valueOf(s.id()).equals(promoted)));
    var breaking = front.breaking();
    var editionOptions = editions.all().stream()
        .map(e -> new Option(e.code(), e.name(), e.code().equals(edition.code())))
        .toList();
    return new View(
        new NewsroomViews.Frame(
            session.staff(), session.csrfToken(), "Front page", "front", notice),
        edition.code(),
        editionOptions,
        lead,
        top,
        breaking == null ? "" : breaking.text(),
        breaking == null || breaking.url() == null ? "" : breaking.url(),
        breaking == null || breaking.expiresAt() == null
            ? ""
            : LOCAL_INPUT.format(breaking.expiresAt().atZone(edition.timeZone())),
        edition.timeZone().getId(),
        seriesOptions,
        error);
  }

  /** The newest published stories of the edition, to choose from. */
  private List<Option> candidates(Edition edition) {
    return articles.list(edition.listingKey(), 0, 60).stream()
        .map(a -> new Option(
            Long.toString(a.id()), a.headline() + " (" + a.section().name() + ")", false))
        .toList();
  }

  private Edition edition(String code) {
    return FormFields.edition(editions, code);
  }

  private void render(Context ctx, int status, View view) {
    templates.sendPrivate(ctx, status, "newsroom/frontpage.jte", view);
  }
}
