package io.masthead.section;

import io.masthead.audit.AuditLog;
import io.masthead.change.Change.StructureChanged;
import io.masthead.change.ChangeLog;
import io.masthead.change.Tags;
import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.edition.Edition;
import io.masthead.edition.Editions;
import io.masthead.storage.Database;
import io.masthead.text.Names;
import java.util.ArrayList;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * The one door for writing sections. Sections nest two levels deep (World, then Americas); a
 * moved section's stories follow it into the new parent's listing in the same transaction.
 * Thread-safe.
 */
public final class SectionDesk {
  private final Database database;
  private final ChangeLog changeLog;
  private final AuditLog audit;

  public SectionDesk(Database database, ChangeLog changeLog, AuditLog audit) {
    this.database = database;
    this.changeLog = changeLog;
    this.audit = audit;
  }

  public long add(
      Actor actor,
      String edition,
      String name,
      String slug,
      Long parentId,
      int position,
      String description) {
    actor.require(Role.EDITOR);
    var clean = Names.required(name, "A section needs a name.", 200);
    var slugText = Names.slug(slug, clean);
    if (Edition.SITE_SEGMENTS.contains(slugText))
      throw new Refusal.Rejected(
          "The address /" + slugText + "/ is taken by the site itself; choose another slug.");
    return database.inTransaction(h -> {
      checkParent(h, edition, null, parentId);
      if (Editions.prefixTaken(h, "/" + slugText))
        throw new Refusal.Rejected(
            "The address /" + slugText + "/ is an edition's; choose another slug.");
      if (SectionRepository.slugTaken(h, edition, slugText))
        throw new Refusal.Rejected("Another section has the slug " + slugText + ".");
      long id = SectionRepository.insert(
          h, edition, slugText, clean, Names.optional(description), parentId, position);
      var touched = new ArrayList<String>();
      if (parentId != null) touched.add(Tags.section(parentId));
      changeLog.append(h, new StructureChanged(edition, "section.added", touched));
      audit.record(h, actor.staffId(), "section.added", clean, edition);
      return id;
    });
  }

  /** Renames, re-describes, reorders or moves a section; its articles' listings follow a move. */
  public void update(
      Actor actor,
      String edition,
      long id,
      String name,
      Long parentId,
      int position,
      String description) {
    actor.require(Role.EDITOR);
    var clean = Names.required(name, "A section needs a name.", 200);
    database.useTransaction(h -> {
      var tree = SectionRepository.tree(h, edition);
      var section = tree.all().stream()
          .filter(s -> s.id() == id)
          .findFirst()
          .orElseThrow(() -> new Refusal.Rejected("No such section."));
      checkParent(h, edition, id, parentId);
      if (parentId != null && !tree.children(section).isEmpty())
        throw new Refusal.Rejected("A section with subsections stays at the top.");
      SectionRepository.update(h, id, clean, parentId, position, Names.optional(description));
      var touched = new ArrayList<String>();
      touched.add(Tags.section(id));
      if (!Objects.equals(section.parentId(), parentId)) {
        SectionRepository.moveListings(h, id, section.parentId(), parentId);
        if (section.parentId() != null) touched.add(Tags.section(section.parentId()));
        if (parentId != null) touched.add(Tags.section(parentId));
      }
      changeLog.append(h, new StructureChanged(edition, "section.changed", touched));
      audit.record(h, actor.staffId(), "section.changed", clean, edition);
    });
  }

  private static void checkParent(Handle h, String edition, Long self, Long parentId) {
    if (parentId == null) return;
    if (parentId.equals(self)) throw new Refusal.Rejected("A section cannot be inside itself.");
    var parent = SectionRepository.tree(h, edition).all().stream()
        .filter(s -> s.id() == parentId)
        .findFirst()
        .orElseThrow(() -> new Refusal.Rejected("The parent must be a section of this edition."));
    if (parent.parentId() != null)
      throw new Refusal.Rejected(
          "Sections nest two levels deep: choose a top-level section as the parent.");
  }
}
