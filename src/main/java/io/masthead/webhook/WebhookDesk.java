package io.masthead.webhook;

import io.masthead.audit.AuditLog;
import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.storage.Database;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The one door for writing webhook endpoints; admins only. An endpoint's address is checked
 * against {@link AddressGuard} when it is saved, and its secret follows the Standard Webhooks
 * form (made here when none is given). Thread-safe.
 */
public final class WebhookDesk {
  private final Database database;
  private final AuditLog audit;
  private final AddressGuard guard;
  private final WebhookSender sender;
  private final Clock clock;

  public WebhookDesk(
      Database database, AuditLog audit, AddressGuard guard, WebhookSender sender, Clock clock) {
    this.database = database;
    this.audit = audit;
    this.guard = guard;
    this.sender = sender;
    this.clock = clock;
  }

  /** Registers an endpoint; {@code secret} empty makes a new one. Its id. */
  public long register(
      Actor actor, String url, String secret, Collection<WebhookEvent> events, String description) {
    actor.require(Role.ADMIN);
    var problems = new ArrayList<Refusal.FieldProblem>();
    var address = address(url, problems);
    var chosen = events(events, problems);
    var key = secret == null || secret.isBlank() ? Signature.newSecret() : secret.strip();
    var secretProblem = Signature.problem(key);
    if (secretProblem != null) problems.add(new Refusal.FieldProblem("secret", secretProblem));
    var text = description(description, problems);
    if (!problems.isEmpty()) throw new Refusal.Invalid(problems);
    return database.inTransaction(h -> {
      long id =
          WebhookRepository.insert(h, address, key, chosen, text, clock.instant(), actor.staffId());
      audit.record(h, actor.staffId(), "webhook.added", address, String.join(" ", types(chosen)));
      return id;
    });
  }

  /** Changes an endpoint's address, events, description, or switches it off and on. */
  public void update(
      Actor actor,
      long id,
      String url,
      Collection<WebhookEvent> events,
      String description,
      boolean active) {
    actor.require(Role.ADMIN);
    var problems = new ArrayList<Refusal.FieldProblem>();
    var address = address(url, problems);
    var chosen = events(events, problems);
    var text = description(description, problems);
    if (!problems.isEmpty()) throw new Refusal.Invalid(problems);
    database.useTransaction(h -> {
      existing(h, id);
      WebhookRepository.update(h, id, address, chosen, text, active);
      audit.record(
          h, actor.staffId(), "webhook.changed", address, active ? "active" : "switched off");
    });
  }

  /** A new secret for the endpoint (the receiver must be told it); the new secret. */
  public String rotateSecret(Actor actor, long id) {
    actor.require(Role.ADMIN);
    var secret = Signature.newSecret();
    database.useTransaction(h -> {
      var endpoint = existing(h, id);
      WebhookRepository.changeSecret(h, id, secret);
      audit.record(h, actor.staffId(), "webhook.secret-rotated", endpoint.url(), "");
    });
    return secret;
  }

  /** Removes an endpoint and its delivery log; events still owed to it are not sent. */
  public void remove(Actor actor, long id) {
    actor.require(Role.ADMIN);
    database.useTransaction(h -> {
      var endpoint = existing(h, id);
      WebhookRepository.delete(h, id);
      audit.record(h, actor.staffId(), "webhook.removed", endpoint.url(), "");
    });
  }

  /** Owes the endpoint a {@code webhook.test} event, sent at once like any other. */
  public void sendTest(Actor actor, long id) {
    actor.require(Role.ADMIN);
    var endpoint = database.read(h -> existing(h, id));
    var messageId = WebhookEvents.messageId();
    var now = clock.instant();
    var payload = WebhookEvents.payload(
        WebhookEvent.TEST,
        now,
        java.util.Map.of("endpoint", endpoint.id(), "sentBy", actor.describe()));
    database.useTransaction(h -> WebhookRepository.enqueue(
        h, endpoint.id(), "test:" + messageId, messageId, WebhookEvent.TEST, payload, now));
    sender.wake();
  }

  private Endpoint existing(org.jdbi.v3.core.Handle h, long id) {
    return WebhookRepository.endpoint(h, id)
        .orElseThrow(() -> new Refusal.NotFound("No webhook endpoint " + id + "."));
  }

  private String address(String url, Collection<Refusal.FieldProblem> problems) {
    var text = url == null ? "" : url.strip();
    if (text.isEmpty()) {
      problems.add(new Refusal.FieldProblem("url", "An endpoint needs an address."));
      return text;
    }
    if (text.length() > 2000) {
      problems.add(new Refusal.FieldProblem("url", "The address is longer than 2,000 characters."));
      return text;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      problems.add(
          new Refusal.FieldProblem("url", "This is not an address: " + e.getReason() + "."));
      return text;
    }
    var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      problems.add(
          new Refusal.FieldProblem("url", "The address must start with https:// or http://."));
      return text;
    }
    if (uri.getRawUserInfo() != null) {
      problems.add(new Refusal.FieldProblem(
          "url", "Put no user name or password in the address; the secret signs every event."));
      return text;
    }
    if (uri.getRawFragment() != null) {
      problems.add(new Refusal.FieldProblem("url", "The address cannot have a #fragment."));
      return text;
    }
    try {
      guard.check(uri);
    } catch (Refusal.Rejected e) {
      problems.add(new Refusal.FieldProblem("url", e.getMessage()));
    }
    return text;
  }

  private static Set<WebhookEvent> events(
      Collection<WebhookEvent> events, Collection<Refusal.FieldProblem> problems) {
    var chosen = EnumSet.noneOf(WebhookEvent.class);
    if (events != null) chosen.addAll(events);
    chosen.remove(WebhookEvent.TEST);
    if (chosen.isEmpty())
      problems.add(new Refusal.FieldProblem("events", "Choose at least one event."));
    return chosen;
  }

  private static String description(String text, Collection<Refusal.FieldProblem> problems) {
    var clean = text == null ? "" : text.strip();
    if (clean.length() > 200)
      problems.add(new Refusal.FieldProblem("description", "Keep the note under 200 characters."));
    return clean;
  }

  private static java.util.List<String> types(Set<WebhookEvent> events) {
    return events.stream().map(WebhookEvent::type).sorted().toList();
  }
}
