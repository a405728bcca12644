package io.masthead.webhook;

import java.time.Instant;
import java.util.Set;

/** A registered webhook endpoint: where events go, signed with its secret. */
public record Endpoint(
    long id,
    String url,
    String secret,
    Set<WebhookEvent> events,
    String description,
    boolean active,
    Instant createdAt) {
  public Endpoint {
    events = Set.copyOf(events);
  }

  public boolean wants(WebhookEvent event) {
    return active && (event == WebhookEvent.TEST || events.contains(event));
  }
}
