package io.masthead.newsroom;

import io.masthead.article.Slug;
import io.masthead.audit.AuditLog;
import io.masthead.section.SectionRepository;
import io.masthead.storage.ChangeLog;
import io.masthead.storage.Database;
import java.time.Clock;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Changes to an edition's structure: sections, series, tags, authors, and the edition itself.
 * Each change logs the edition's structure tag, so every cached page that names the thing
 * renders again. Sections nest two levels deep (World, then Americas). Thread-safe.
 */
public final class StructureService {
  /** A change that would break the structure, with the reason for the person who asked. */
  public static final class Refused extends RuntimeException {
    public Refused(String reason) {
      super(reason, null, false, false);
    }
  }

  private final Database database;
  private final ChangeLog changeLog;
  private final AuditLog audit;
  private final Clock clock;

  public StructureService(Database database, ChangeLog changeLog, AuditLog audit, Clock clock) {
    this.database = database;
    this.changeLog = changeLog;
    this.audit = audit;
    this.clock = clock;
  }

  public long addSection(String edition, String name, String slug, Long parentId, int position, String description, Staff by) {
    var clean = required(name, "A section needs a name.", 200);
    var slugText = slug(slug, clean);
    if (io.masthead.edition.Edition.SITE_SEGMENTS.contains(slugText)) throw new Refused("The address /" + slugText + "/ is taken by the site itself; choose another slug.");
    return write(edition, by, "section.added", clean, h -> {
      checkParent(h, edition, null, parentId);
      if (h.createQuery("SELECT COUNT(*) FROM edition WHERE url_prefix = :p").bind("p", "/" + slugText).mapTo(Long.class).one() > 0) {
        throw new Refused("The address /" + slugText + "/ is an edition's; choose another slug.");
      }
      if (exists(h, "section", edition, slugText)) throw new Refused("Another section has the slug " + slugText + ".");
      return SectionRepository.insert(h, edition, slugText, clean, description == null ? "" : description.strip(), parentId, position);
    });
  }

  /** Renames, re-describes, reorders or moves a section; its articles' listings follow a move. */
  public void updateSection(String edition, long id, String name, Long parentId, int position, String description, Staff by) {
    var clean = required(name, "A section needs a name.", 200);
    write(edition, by, "section.changed", clean, h -> {
      var tree = SectionRepository.tree(h, edition);
      var section = tree.all().stream().filter(s -> s.id() == id).findFirst().orElseThrow(() -> new Refused("No such section."));
      checkParent(h, edition, id, parentId);
      if (parentId != null && !tree.children(section).isEmpty()) throw new Refused("A section with subsections stays at the top.");
      h.createUpdate("UPDATE section SET name = :name, parent_id = :parent, position = :position, description = :description WHERE id = :id")
          .bind("name", clean).bindByType("parent", parentId, Long.class).bind("position", position)
          .bind("description", description == null ? "" : description.strip()).bind("id", id).execute();
      if (!java.util.Objects.equals(section.parentId(), parentId)) {
        // The section's stories leave the old parent's listing and join the new parent's.
        if (section.parentId() != null) {
          h.createUpdate("DELETE FROM listing WHERE listing = :old AND article_id IN (SELECT id FROM article WHERE section_id = :id)")
              .bind("old", "section:" + section.parentId()).bind("id", id).execute();
        }
        if (parentId != null) {
          h.createUpdate("""
                  INSERT INTO listing (listing, published_at, article_id)
                  SELECT :key, published_at, id FROM article WHERE section_id = :id AND status = 'published'""")
              .bind("key", "section:" + parentId).bind("id", id).execute();
        }
      }
      return id;
    }, "section:" + id, section(parentId), "section:" + currentParent(edition, id));
  }

  public long addSeries(String edition, String title, String slug, String description, Staff by) {
    var clean = required(title, "A series needs a title.", 300);
    var slugText = slug(slug, clean);
    return write(edition, by, "series.added", clean, h -> {
      if (exists(h, "series", edition, slugText)) throw new Refused("Another series has the slug " + slugText + ".");
      return io.masthead.series.SeriesRepository.insert(h, edition, slugText, clean, description == null ? "" : description.strip(), false);
    });
  }

  public void updateSeries(String edition, long id, String title, String description, Staff by) {
    var clean = required(title, "A series needs a title.", 300);
    write(edition, by, "series.changed", clean, h -> {
      int changed = h.createUpdate("UPDATE series SET title = :title, description = :description WHERE id = :id AND edition = :e")
          .bind("title", clean).bind("description", description == null ? "" : description.strip()).bind("id", id).bind("e", edition)
          .execute();
      if (changed == 0) throw new Refused("No such series.");
      return id;
    }, "series:" + id);
  }

  public long addTag(String edition, String name, Staff by) {
    var clean = required(name, "A tag needs a name.", 100);
    var slugText = Slug.fromText(clean).value();
    return write(edition, by, "tag.added", clean, h -> {
      if (exists(h, "tag", edition, slugText)) throw new Refused("There is already a tag " + clean + ".");
      return io.masthead.tag.TagRepository.insert(h, edition, slugText, clean);
    });
  }

  public void renameTag(String edition, long id, String name, Staff by) {
    var clean = required(name, "A tag needs a name.", 100);
    write(edition, by, "tag.renamed", clean, h -> {
      int changed = h.createUpdate("UPDATE tag SET name = :name WHERE id = :id AND edition = :e")
          .bind("name", clean).bind("id", id).bind("e", edition).execute();
      if (changed == 0) throw new Refused("No such tag.");
      return id;
    }, "tag:" + id);
  }

  public long addAuthor(String edition, String name, String jobTitle, String bio, Staff by) {
    var clean = required(name, "An author needs a name.", 200);
    var slugText = Slug.fromText(clean).value();
    return write(edition, by, "author.added", clean, h -> {
      if (exists(h, "author", edition, slugText)) throw new Refused("There is already an author with the address " + slugText + ".");
      return io.masthead.author.AuthorRepository.insert(h, edition, slugText, clean, jobTitle == null ? "" : jobTitle.strip(),
          bio == null ? "" : bio.strip());
    });
  }

  public void updateAuthor(String edition, long id, String name, String jobTitle, String bio, Staff by) {
    var clean = required(name, "An author needs a name.", 200);
    write(edition, by, "author.changed", clean, h -> {
      int changed = h.createUpdate("UPDATE author SET name = :name, job_title = :job, bio = :bio WHERE id = :id AND edition = :e")
          .bind("name", clean).bind("job", jobTitle == null ? "" : jobTitle.strip()).bind("bio", bio == null ? "" : bio.strip())
          .bind("id", id).bind("e", edition).execute();
      if (changed == 0) throw new Refused("No such author.");
      return id;
    }, "author:" + id);
  }

  private interface Work {
    long apply(Handle h);
  }

  private long write(String edition, Staff by, String action, String subject, Work work, String... moreTags) {
    var tags = new java.util.LinkedHashSet<String>();
    tags.add("structure:" + edition);
    for (var t : moreTags) if (t != null && !t.endsWith(":null")) tags.add(t);
    long id = database.inTransaction(h -> {
      long result = work.apply(h);
      ChangeLog.append(h, clock, action, Set.copyOf(tags));
      audit.record(h, by == null ? null : by.id(), action, subject, edition);
      return result;
    });
    changeLog.poke();
    return id;
  }


  private static void checkParent(Handle h, String edition, Long self, Long parentId) {
    if (parentId == null) return;
    if (parentId.equals(self)) throw new Refused("A section cannot be inside itself.");
    var parent = SectionRepository.tree(h, edition).all().stream().filter(s -> s.id() == parentId).findFirst()
        .orElseThrow(() -> new Refused("The parent must be a section of this edition."));
    if (parent.parentId() != null) throw new Refused("Sections nest two levels deep: choose a top-level section as the parent.");
  }

  private Long currentParent(String edition, long id) {
    return database.read(h -> SectionRepository.tree(h, edition).all().stream().filter(s -> s.id() == id).findFirst()
        .map(s -> s.parentId()).orElse(null));
  }

  private static String section(Long id) {
    return id == null ? null : "section:" + id;
  }

  private static boolean exists(Handle h, String table, String edition, String slug) {
    return h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE edition = :e AND slug = :s")
        .bind("e", edition).bind("s", slug).mapTo(Long.class).one() > 0;
  }

  private static String required(String text, String message, int max) {
    if (text == null || text.isBlank()) throw new Refused(message);
    var clean = text.strip();
    if (clean.length() > max) throw new Refused("At most " + max + " characters.");
    return clean;
  }

  private static String slug(String given, String name) {
    if (given == null || given.isBlank()) return Slug.fromText(name).value();
    if (!Slug.isValid(given.strip())) throw new Refused("A slug is lower-case letters and digits joined by single hyphens.");
    return given.strip();
  }

}
