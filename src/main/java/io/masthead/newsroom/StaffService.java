package io.masthead.newsroom;

import io.masthead.audit.AuditLog;
import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.storage.Database;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/** Staff accounts: adding, listing, passwords. Thread-safe. */
public final class StaffService {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final Database database;
  private final AuditLog audit;
  private final Clock clock;

  public StaffService(Database database, AuditLog audit, Clock clock) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
  }

  /** Adds a member of staff; the email is their sign-in name, kept in lower case. */
  public Staff add(String email, String name, Role role, String password, Staff by) {
    var normal = normalise(email);
    if (!EMAIL.matcher(normal).matches())
      throw new Refusal.Rejected("'" + email + "' is not an email address");
    var problem = Passwords.problemWith(password);
    if (problem != null) throw new Refusal.Rejected(problem);
    if (find(normal).isPresent())
      throw new Refusal.Rejected("there is already an account for " + normal);
    var hash = Passwords.hash(password);
    long id = database.inTransaction(h -> {
      long newId = h.createUpdate("""
              INSERT INTO staff (email, name, role, password_hash, created_at, disabled)
              VALUES (:email, :name, :role, :hash, :now, FALSE)""")
          .bind("email", normal)
          .bind("name", name == null || name.isBlank() ? normal : name.strip())
          .bind("role", role.code())
          .bind("hash", hash)
          .bind("now", clock.instant())
          .executeAndReturnGeneratedKeys("id")
          .mapTo(Long.class)
          .one();
      audit.record(h, by == null ? null : by.id(), "staff.added", normal, "role " + role.code());
      return newId;
    });
    return get(id);
  }

  /**
   * Sets a new password and ends the person's sessions and API tokens everywhere: whoever had the
   * old password may have made a token with it.
   */
  public void setPassword(long staffId, String password, Staff by) {
    var problem = Passwords.problemWith(password);
    if (problem != null) throw new Refusal.Rejected(problem);
    var hash = Passwords.hash(password);
    database.useTransaction(h -> {
      h.createUpdate("UPDATE staff SET password_hash = :hash WHERE id = :id")
          .bind("hash", hash)
          .bind("id", staffId)
          .execute();
      signOutEverywhere(h, staffId);
      audit.record(
          h, by == null ? null : by.id(), "staff.password", get(h, staffId).email(), "");
    });
  }

  /** What an admin can change about an account. */
  public enum Change {
    DISABLE,
    ENABLE,
    REMOVE
  }

  /**
   * Disables, re-enables or removes an account (admins only). Each ends the person's sessions and
   * revokes their API tokens at once, on every node (both are checked against the database on
   * every request). A removed account keeps its row and name, for the past work and the audit log
   * that name it; its email is freed. The last active admin cannot be disabled or removed.
   */
  public void change(Actor actor, long staffId, Change change) {
    actor.require(Role.ADMIN);
    database.useTransaction(h -> {
      var who = find(h, staffId);
      if (change != Change.ENABLE && who.role() == Role.ADMIN && !who.disabled())
        requireAnotherAdmin(h, staffId);
      switch (change) {
        case DISABLE ->
          h.createUpdate("UPDATE staff SET disabled = TRUE WHERE id = :id")
              .bind("id", staffId)
              .execute();
        case ENABLE ->
          h.createUpdate("UPDATE staff SET disabled = FALSE WHERE id = :id")
              .bind("id", staffId)
              .execute();
        case REMOVE ->
          h.createUpdate("""
                UPDATE staff SET disabled = TRUE, removed_at = :now, email = :freed, password_hash = ''
                 WHERE id = :id""")
              .bind("now", clock.instant())
              .bind("freed", "removed-" + staffId)
              .bind("id", staffId)
              .execute();
      }
      signOutEverywhere(h, staffId);
      audit.record(
          h, actor.staffId(), "staff." + change.name().toLowerCase(Locale.ROOT), who.email(), "");
    });
  }

  /** Gives an account another role (admins only); ends its sessions and tokens, made with the old one. */
  public void changeRole(Actor actor, long staffId, Role role) {
    actor.require(Role.ADMIN);
    database.useTransaction(h -> {
      var who = find(h, staffId);
      if (who.role() == role) return;
      if (who.role() == Role.ADMIN && !who.disabled()) requireAnotherAdmin(h, staffId);
      h.createUpdate("UPDATE staff SET role = :role WHERE id = :id")
          .bind("role", role.code())
          .bind("id", staffId)
          .execute();
      signOutEverywhere(h, staffId);
      audit.record(
          h, actor.staffId(), "staff.role", who.email(), who.role().code() + " -> " + role.code());
    });
  }

  private static Staff find(Handle h, long staffId) {
    return h.createQuery(
            "SELECT id, email, name, role, disabled FROM staff WHERE id = :id AND removed_at IS NULL")
        .bind("id", staffId)
        .map((rs, ctx) -> map(rs))
        .findOne()
        .orElseThrow(() -> new Refusal.NotFound("no staff account " + staffId));
  }

  private static void requireAnotherAdmin(Handle h, long staffId) {
    long others = h.createQuery(
            "SELECT COUNT(*) FROM staff WHERE role = 'admin' AND disabled = FALSE AND removed_at IS NULL AND id <> :id")
        .bind("id", staffId)
        .mapTo(Long.class)
        .one();
    if (others == 0)
      throw new Refusal.NotAllowed("the outlet needs an admin: make someone else admin first");
  }

  /** Ends every session and revokes every API token of the account. */
  private void signOutEverywhere(Handle h, long staffId) {
    h.createUpdate("DELETE FROM staff_session WHERE staff_id = :id")
        .bind("id", staffId)
        .execute();
    h.createUpdate(
            "UPDATE api_token SET revoked_at = :now WHERE staff_id = :id AND revoked_at IS NULL")
        .bind("now", clock.instant())
        .bind("id", staffId)
        .execute();
  }

  /** The member of staff, when the email and password match an enabled account. */
  public Optional<Staff> authenticate(String email, String password) {
    var normal = normalise(email);
    var row = database.read(h -> h.createQuery(
            "SELECT id, password_hash FROM staff WHERE email = :email AND disabled = FALSE")
        .bind("email", normal)
        .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)})
        .findOne());
    if (row.isEmpty()) {
      Passwords.matches(
          password,
          Dummy.HASH); // the same work either way, so timing tells nobody which emails exist
      return Optional.empty();
    }
    return Passwords.matches(password, (String) row.get()[1])
        ? Optional.of(get((Long) row.get()[0]))
        : Optional.empty();
  }

  /** Made on first need, not at start: an Argon2 hash takes 19 MiB while it is computed. */
  private static final class Dummy {
    static final String HASH = Passwords.hash("not a password of anyone");
  }

  public Optional<Staff> find(String email) {
    return database.read(
        h -> h.createQuery("SELECT id, email, name, role, disabled FROM staff WHERE email = :email")
            .bind("email", normalise(email))
            .map((rs, ctx) -> map(rs))
            .findOne());
  }

  public Staff get(long id) {
    return database.read(h -> get(h, id));
  }

  static Staff get(Handle h, long id) {
    return h.createQuery("SELECT id, email, name, role, disabled FROM staff WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> map(rs))
        .one();
  }

  public List<Staff> list() {
    return database.read(h -> h.createQuery(
            "SELECT id, email, name, role, disabled FROM staff WHERE removed_at IS NULL ORDER BY email")
        .map((rs, ctx) -> map(rs))
        .list());
  }

  public boolean hasAdmin() {
    return database.read(h -> h.createQuery(
                "SELECT COUNT(*) FROM staff WHERE role = 'admin' AND disabled = FALSE")
            .mapTo(Long.class)
            .one())
        > 0;
  }

  static Staff map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Staff(
        rs.getLong("id"),
        rs.getString("email"),
        rs.getString("name"),
        Role.ofCode(rs.getString("role")),
        rs.getBoolean("disabled"));
  }

  static String normalise(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }
}
