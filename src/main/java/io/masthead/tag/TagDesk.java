package io.masthead.tag;

import io.masthead.audit.AuditLog;
import io.masthead.change.Change.StructureChanged;
import io.masthead.change.ChangeLog;
import io.masthead.change.Tags;
import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.storage.Database;
import io.masthead.text.Names;
import io.masthead.text.Slug;
import java.util.List;

/**
 * The one door for writing tags by hand (an article's save makes the tags it names itself, in
 * its own transaction). Thread-safe.
 */
public final class TagDesk {
  private final Database database;
  private final ChangeLog changeLog;
  private final AuditLog audit;

  public TagDesk(Database database, ChangeLog changeLog, AuditLog audit) {
    this.database = database;
    this.changeLog = changeLog;
    this.audit = audit;
  }

  public long add(Actor actor, String edition, String name) {
    actor.require(Role.EDITOR);
    var clean = Names.required(name, "A tag needs a name.", 100);
    var slugText = Slug.fromText(clean).value();
    return database.inTransaction(h -> {
      if (TagRepository.slugTaken(h, edition, slugText))
        throw new Refusal.Rejected("There is already a tag " + clean + ".");
      long id = TagRepository.insert(h, edition, slugText, clean);
      changeLog.append(h, new StructureChanged(edition, "tag.added", List.of()));
      audit.record(h, actor.staffId(), "tag.added", clean, edition);
      return id;
    });
  }

  public void rename(Actor actor, String edition, long id, String name) {
    actor.require(Role.EDITOR);
    var clean = Names.required(name, "A tag needs a name.", 100);
    database.useTransaction(h -> {
      if (!TagRepository.rename(h, edition, id, clean)) throw new Refusal.Rejected("No such tag.");
      changeLog.append(h, new StructureChanged(edition, "tag.renamed", List.of(Tags.tag(id))));
      audit.record(h, actor.staffId(), "tag.renamed", clean, edition);
    });
  }
}
