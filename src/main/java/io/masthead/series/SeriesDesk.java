package io.masthead.series;

import io.masthead.audit.AuditLog;
import io.masthead.change.Change.StructureChanged;
import io.masthead.change.ChangeLog;
import io.masthead.change.Tags;
import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.storage.Database;
import io.masthead.text.Names;
import java.util.List;

/** The one door for writing series (special-coverage dossiers). Thread-safe. */
public final class SeriesDesk {
  private final Database database;
  private final ChangeLog changeLog;
  private final AuditLog audit;

  public SeriesDesk(Database database, ChangeLog changeLog, AuditLog audit) {
    this.database = database;
    this.changeLog = changeLog;
    this.audit = audit;
  }

  public long add(Actor actor, String edition, String title, String slug, String description) {
    actor.require(Role.EDITOR);
    var clean = Names.required(title, "A series needs a title.", 300);
    var slugText = Names.slug(slug, clean);
    return database.inTransaction(h -> {
      if (SeriesRepository.slugTaken(h, edition, slugText))
        throw new Refusal.Rejected("Another series has the slug " + slugText + ".");
      long id =
          SeriesRepository.insert(h, edition, slugText, clean, Names.optional(description), false);
      changeLog.append(h, new StructureChanged(edition, "series.added", List.of()));
      audit.record(h, actor.staffId(), "series.added", clean, edition);
      return id;
    });
  }

  public void update(Actor actor, String edition, long id, String title, String description) {
    actor.require(Role.EDITOR);
    var clean = Names.required(title, "A series needs a title.", 300);
    database.useTransaction(h -> {
      if (!SeriesRepository.update(h, edition, id, clean, Names.optional(description)))
        throw new Refusal.Rejected("No such series.");
      changeLog.append(
          h, new StructureChanged(edition, "series.changed", List.of(Tags.series(id))));
      audit.record(h, actor.staffId(), "series.changed", clean, edition);
    });
  }
}
