package io.masthead.frontpage;

import io.masthead.audit.AuditLog;
import io.masthead.change.Change;
import io.masthead.change.ChangeLog;
import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.series.SeriesRepository;
import io.masthead.storage.Database;
import java.util.ArrayList;
import java.util.Objects;

/**
 * The one door for curating an edition's front page: the lead, the ordered top stories, the
 * breaking-news banner and the series promoted to the site banner are saved together, in one
 * transaction, or not at all. Thread-safe.
 */
public final class FrontPageDesk {
  private final Database database;
  private final ChangeLog changeLog;
  private final AuditLog audit;

  public FrontPageDesk(Database database, ChangeLog changeLog, AuditLog audit) {
    this.database = database;
    this.changeLog = changeLog;
    this.audit = audit;
  }

  /**
   * Saves the front page and makes {@code promotedSeriesId} the edition's series banner (null:
   * none). The lead and top stories must be published stories of the edition.
   */
  public void save(Actor actor, FrontPage page, Long promotedSeriesId) {
    actor.require(Role.EDITOR);
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
}
