package io.masthead.edition;

import com.ibm.icu.util.ULocale;
import io.masthead.audit.AuditLog;
import io.masthead.change.ChangeLog;
import io.masthead.storage.Database;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Locale;

/**
 * Adds and edits editions (an admin's job). Every change logs {@link io.masthead.change.Tags#EDITIONS}, which makes
 * every node reload its editions, and each edition's structure tag, since every page names the
 * editions in its switcher. Thread-safe.
 */
public final class EditionService {
  /** A change refused, with the reason for the admin. */
  public static final class Refused extends io.masthead.command.Refusal.Rejected {
    public Refused(String reason) {
      super(reason);
    }
  }

  private final Database database;
  private final Editions editions;
  private final ChangeLog changeLog;
  private final AuditLog audit;
  private final Clock clock;

  public EditionService(
      Database database, Editions editions, ChangeLog changeLog, AuditLog audit, Clock clock) {
    this.database = database;
    this.editions = editions;
    this.changeLog = changeLog;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new edition under "/{code}/", with no sections yet. */
  public Edition add(
      io.masthead.command.Actor actor,
      String code,
      String name,
      String language,
      String direction,
      String timeZone) {
    actor.require(io.masthead.command.Role.ADMIN);
    Long staffId = actor.staffId();
    var cleanCode = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
    if (!cleanCode.matches("[a-z][a-z0-9-]{1,15}"))
      throw new Refused(
          "A code is 2 to 16 lower-case letters, digits or hyphens, such as fr or es-mx.");
    if (Edition.SITE_SEGMENTS.contains(cleanCode))
      throw new Refused("/" + cleanCode + "/ is an address of the site itself.");
    if (editions.find(cleanCode).isPresent())
      throw new Refused("There is already an edition " + cleanCode + ".");
    var defaultEdition = editions.defaultEdition().code();
    long clash = database.read(
        h -> h.createQuery("SELECT COUNT(*) FROM section WHERE edition = :e AND slug = :s")
            .bind("e", defaultEdition)
            .bind("s", cleanCode)
            .mapTo(Long.class)
            .one());
    if (clash > 0) throw new Refused("/" + cleanCode + "/ is a section of the default edition.");
    var locale = language == null ? "" : language.strip();
    if (locale.isEmpty() || ULocale.forLanguageTag(locale).getLanguage().isEmpty()) {
      throw new Refused("Give the language as a BCP 47 tag, such as fr, es-MX or ar.");
    }
    var dir = "rtl".equals(direction)
        ? Edition.Direction.RTL
        : "ltr".equals(direction) ? Edition.Direction.LTR : null;
    if (dir == null) throw new Refused("The writing direction is ltr or rtl.");
    var edition = new Edition(
        cleanCode,
        required(name),
        locale,
        dir,
        "/" + cleanCode,
        false,
        zone(timeZone),
        editions.all().size());
    database.useTransaction(h -> {
      h.createUpdate("""
              INSERT INTO edition (code, name, language, direction, url_prefix, is_default, time_zone, position)
              VALUES (:code, :name, :language, :direction, :prefix, FALSE, :zone, :position)""")
          .bind("code", edition.code())
          .bind("name", edition.name())
          .bind("language", edition.language())
          .bind("direction", edition.direction().attribute())
          .bind("prefix", edition.urlPrefix())
          .bind("zone", edition.timeZone().getId())
          .bind("position", edition.position())
          .execute();
      log(h, "edition.added", edition.code(), staffId);
    });
    changed();
    return edition;
  }

  /** Renames an edition or moves it to another time zone; its language and address stay. */
  public void update(io.masthead.command.Actor actor, String code, String name, String timeZone) {
    actor.require(io.masthead.command.Role.ADMIN);
    Long staffId = actor.staffId();
    if (editions.find(code).isEmpty()) throw new Refused("No edition " + code + ".");
    var cleanName = required(name);
    var zone = zone(timeZone);
    database.useTransaction(h -> {
      h.createUpdate("UPDATE edition SET name = :name, time_zone = :zone WHERE code = :code")
          .bind("name", cleanName)
          .bind("zone", zone.getId())
          .bind("code", code)
          .execute();
      log(h, "edition.changed", code, staffId);
    });
    changed();
  }

  private void log(org.jdbi.v3.core.Handle h, String action, String code, Long staffId) {
    var codes = new LinkedHashSet<String>();
    editions.all().forEach(e -> codes.add(e.code()));
    codes.add(code);
    changeLog.append(h, new io.masthead.change.Change.EditionsChanged(action, codes));
    audit.record(h, staffId, action, "edition " + code, "");
  }

  /** This node reloads now; the others when they read the change log. */
  private void changed() {
    editions.reload(database);
  }

  private static String required(String name) {
    if (name == null || name.isBlank()) throw new Refused("An edition needs a name.");
    if (name.strip().length() > 100)
      throw new Refused("An edition's name has at most 100 characters.");
    return name.strip();
  }

  private static ZoneId zone(String timeZone) {
    try {
      return ZoneId.of(timeZone == null ? "" : timeZone.strip());
    } catch (RuntimeException e) {
      throw new Refused(
          "'" + timeZone + "' is not a time zone; use a name such as Europe/Paris or Asia/Beirut.");
    }
  }
}
