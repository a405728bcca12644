package io.masthead.frontpage;

import io.masthead.audit.AuditLog;
import io.masthead.change.Change;
import io.masthead.change.ChangeLog;
import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.series.SeriesRepository;
import io.masthead.storage.Database;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;

/**
 * The one door for curating an edition's front page: the lead, the ordered top stories, the
 * breaking-news banner and the series promoted to the site banner are saved together, in one
 * transaction, or not at all. Thread-safe.
 */
public final class FrontPageDesk {
  /** How far ahead a breaking-news banner can be set to end: further is a typing mistake. */
  public static final Duration LONGEST_BANNER = Duration.ofDays(366);

  public static final int MAX_BREAKING_TEXT = 300;

  private final Database database;
  private final ChangeLog changeLog;
  private final AuditLog audit;

  private final Clock clock;

  public FrontPageDesk(Database database, ChangeLog changeLog, AuditLog audit, Clock clock) {
    this.database = database;
    this.changeLog = changeLog;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Saves the front page and makes {@code promotedSeriesId} the edition's series banner (null:
   * none). The lead and top stories must be published stories of the edition.
   */
  public void save(Actor actor, FrontPage page, Long promotedSeriesId) {
    actor.require(Role.EDITOR);
    if (page.breaking() != null) check(page.breaking());
    database.useTransaction(h -> {
      var chosen = new ArrayList<Long>(page.topArticleIds());
      if (page.leadArticleId() != null) chosen.add(page.leadArticleId());
      var live = FrontPageRepository.published(
          h, page.edition(), chosen.stream().distinct().toList());
      if (!live.containsAll(chosen))
        throw Refusal.Invalid.of("top", "Top stories must be published stories of this edition.");
      if (promotedSeriesId != null
          && !SeriesRepository.ids(h, page.edition()).contains(promotedSeriesId)) {
        throw Refusal.Invalid.of("series", "Choose a series of this edition, or none.");
      }
      var before = FrontPageRepository.get(h, page.edition());
      FrontPageRepository.save(h, page);
      changeLog.append(
          h,
          new Change.FrontPageChanged(
              page.edition(), !Objects.equals(before.breaking(), page.breaking())));
      audit.record(h, actor.staffId(), "frontpage.saved", "front page " + page.edition(), "");
      var promotedBefore = SeriesRepository.promoted(h, page.edition());
      if (!Objects.equals(promotedBefore, promotedSeriesId)) {
        SeriesRepository.promote(h, page.edition(), promotedSeriesId);
        changeLog.append(
            h, new Change.StructureChanged(page.edition(), "series.promoted", java.util.List.of()));
        audit.record(
            h,
            actor.staffId(),
            "series.promoted",
            "edition " + page.edition(),
            String.valueOf(promotedSeriesId));
      }
    });
  }

  /** The banner's line, its link (this site or an http(s) address) and its end, in range. */
  private void check(FrontPage.Breaking breaking) {
    if (breaking.text().isBlank() || breaking.text().length() > MAX_BREAKING_TEXT) {
      throw Refusal.Invalid.of(
          "breakingText", "The breaking-news line has 1 to " + MAX_BREAKING_TEXT + " characters.");
    }
    if (breaking.url() != null && !isSafeLink(breaking.url())) {
      throw Refusal.Invalid.of(
          "breakingUrl",
          "The breaking-news link is an address on this site (/world/…) or a full http(s) address.");
    }
    var end = breaking.expiresAt();
    var now = clock.instant();
    if (end != null && !end.isAfter(now)) {
      throw Refusal.Invalid.of("breakingExpires", "The banner's end must be in the future.");
    }
    if (end != null && end.isAfter(now.plus(LONGEST_BANNER))) {
      throw Refusal.Invalid.of("breakingExpires", "The banner's end must be within a year.");
    }
  }

  /**
   * A path of this site, or an absolute http(s) address with a host. A path must not be read by a
   * browser as another host: not {@code //evil.example}, and not {@code /\evil.example}, which
   * browsers treat the same way; no spaces or control characters anywhere.
   */
  static boolean isSafeLink(String url) {
    if (url.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '\\')) return false;
    try {
      var uri = new URI(url);
      if (url.startsWith("/")) return !url.startsWith("//") && uri.getRawAuthority() == null;
      var scheme = uri.getScheme();
      return scheme != null
          && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
