package io.masthead.edition;

import io.masthead.storage.Database;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The outlet's editions. Read at start and again by {@link #reload} when the change log says
 * they changed (an admin edited or added one), so that every node serves the same. Thread-safe:
 * readers see one consistent list.
 */
public final class Editions {
  private volatile List<Edition> all;

  public Editions(List<Edition> all) {
    this.all = sorted(all);
  }

  private static List<Edition> sorted(List<Edition> editions) {
    return editions.stream().sorted(Comparator.comparingInt(Edition::position)).toList();
  }

  public void reload(Database database) {
    all = sorted(read(database));
  }

  public static Editions load(Database database) {
    return new Editions(read(database));
  }

  private static List<Edition> read(Database database) {
    return database.read(h -> h.createQuery(
            "SELECT code, name, language, direction, url_prefix, is_default, time_zone, position FROM edition")
        .map((rs, ctx) -> new Edition(
            rs.getString("code"),
            rs.getString("name"),
            rs.getString("language"),
            Edition.Direction.valueOf(rs.getString("direction").toUpperCase(java.util.Locale.ROOT)),
            rs.getString("url_prefix"),
            rs.getBoolean("is_default"),
            ZoneId.of(rs.getString("time_zone")),
            rs.getInt("position")))
        .list());
  }

  /** Whether an edition is served under this prefix ("/ar"), inside a transaction. */
  public static boolean prefixTaken(org.jdbi.v3.core.Handle h, String prefix) {
    return h.createQuery("SELECT COUNT(*) FROM edition WHERE url_prefix = :p")
            .bind("p", prefix)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  /** Whether an edition has this code, inside a transaction. */
  public static boolean exists(org.jdbi.v3.core.Handle h, String code) {
    return h.createQuery("SELECT COUNT(*) FROM edition WHERE code = :code")
            .bind("code", code)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  public static void insert(Database database, Edition edition) {
    database.useTransaction(h -> h.createUpdate("""
            INSERT INTO edition (code, name, language, direction, url_prefix, is_default, time_zone, position)
            VALUES (:code, :name, :language, :direction, :prefix, :isDefault, :zone, :position)""")
        .bind("code", edition.code())
        .bind("name", edition.name())
        .bind("language", edition.language())
        .bind("direction", edition.direction().attribute())
        .bind("prefix", edition.urlPrefix())
        .bind("isDefault", edition.isDefault())
        .bind("zone", edition.timeZone().getId())
        .bind("position", edition.position())
        .execute());
  }

  public List<Edition> all() {
    return all;
  }

  public boolean isEmpty() {
    return all.isEmpty();
  }

  public Optional<Edition> find(String code) {
    return all.stream().filter(e -> e.code().equals(code)).findFirst();
  }

  public Edition get(String code) {
    return find(code).orElseThrow(() -> new IllegalArgumentException("no edition " + code));
  }

  /** The edition served under "/{segment}/", if any (never the default one, which has no prefix). */
  public Optional<Edition> findByPrefix(String segment) {
    return all.stream()
        .filter(e -> !e.isDefault() && e.urlPrefix().equals("/" + segment))
        .findFirst();
  }

  public Edition defaultEdition() {
    return all.stream().filter(Edition::isDefault).findFirst().orElseThrow();
  }
}
