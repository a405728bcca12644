package io.masthead.author;

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

/** The one door for writing authors (the people bylines link to). Thread-safe. */
public final class AuthorDesk {
  private final Database database;
  private final ChangeLog changeLog;
  private final AuditLog audit;

  public AuthorDesk(Database database, ChangeLog changeLog, AuditLog audit) {
    this.database = database;
    this.changeLog = changeLog;
    this.audit = audit;
  }

  public long add(Actor actor, String edition, String name, String jobTitle, String bio) {
    actor.require(Role.EDITOR);
    var clean = Names.required(name, "An author needs a name.", 200);
    var slugText = Slug.fromText(clean).value();
    return database.inTransaction(h -> {
      if (AuthorRepository.slugTaken(h, edition, slugText)) {
        throw new Refusal.Rejected("There is already an author with the address " + slugText + ".");
      }
      long id = AuthorRepository.insert(
          h, edition, slugText, clean, Names.optional(jobTitle), Names.optional(bio));
      changeLog.append(h, new StructureChanged(edition, "author.added", List.of()));
      audit.record(h, actor.staffId(), "author.added", clean, edition);
      return id;
    });
  }

  public void update(
      Actor actor, String edition, long id, String name, String jobTitle, String bio) {
    actor.require(Role.EDITOR);
    var clean = Names.required(name, "An author needs a name.", 200);
    database.useTransaction(h -> {
      if (!AuthorRepository.update(
          h, edition, id, clean, Names.optional(jobTitle), Names.optional(bio))) {
        throw new Refusal.Rejected("No such author.");
      }
      changeLog.append(
          h, new StructureChanged(edition, "author.changed", List.of(Tags.author(id))));
      audit.record(h, actor.staffId(), "author.changed", clean, edition);
    });
  }
}
