package io.masthead.wire;

import java.time.Instant;

/**
 * An agency source as the desk shows it: where its files come from (a URL polled every
 * {@code everySeconds}, a folder on disk, or neither: pushed through the Admin API), how its last
 * poll went, and how many items and rejected files it has.
 */
public record WireSource(
    long id,
    String name,
    WireFormat format,
    String url,
    String folder,
    int everySeconds,
    boolean active,
    Instant lastPollAt,
    Instant lastSuccessAt,
    String lastError,
    int failures,
    Instant nextPollAt,
    long items,
    long rejected) {

  /** How items arrive, in words. */
  public String delivery() {
    if (!url.isEmpty()) return "polled from " + url;
    if (!folder.isEmpty()) return "dropped in " + folder;
    return "pushed through the Admin API";
  }
}
