package io.masthead.storage;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** Outlet-wide settings kept in the database, so that every node sees the same. Thread-safe. */
public final class Settings {
  private final Database database;

  public Settings(Database database) {
    this.database = database;
  }

  public Optional<String> find(String name) {
    return database.read(h -> h.createQuery("SELECT value FROM setting WHERE name = :name")
        .bind("name", name)
        .mapTo(String.class)
        .findOne());
  }

  /** Sets (or replaces) a setting, in the caller's transaction. */
  public static void put(org.jdbi.v3.core.Handle h, String name, String value) {
    h.createUpdate(
            "INSERT INTO setting (name, value) VALUES (:name, :value) ON CONFLICT (name) DO UPDATE SET value = :value")
        .bind("name", name)
        .bind("value", value)
        .execute();
  }

  /**
   * A random secret made on first use and shared by all nodes from then on. Two nodes racing
   * to make it both read back the one that won.
   */
  public byte[] secret(String name) {
    var bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    database.useTransaction(h -> h.createUpdate(
            "INSERT INTO setting (name, value) VALUES (:name, :value) ON CONFLICT (name) DO NOTHING")
        .bind("name", name)
        .bind("value", Base64.getEncoder().encodeToString(bytes))
        .execute());
    return Base64.getDecoder().decode(find(name).orElseThrow());
  }
}
