package io.masthead.origin;

/**
 * A thing of another system, by that system's own id: a WordPress post of one site is
 * {@code ("wordpress https://example.com", "post", "123")}.
 *
 * @param fingerprint a hash of what was written for it: the same fingerprint means nothing changed
 */
public record Origin(String source, String kind, String sourceId, String fingerprint) {
  public Origin {
    if (source == null || source.isBlank() || kind == null || sourceId == null)
      throw new IllegalArgumentException("an origin names its source, kind and id");
    if (source.length() > 300 || sourceId.length() > 200)
      throw new IllegalArgumentException("origin too long: " + source + " " + sourceId);
    fingerprint = fingerprint == null ? "" : fingerprint;
  }

  /** What an origin was written as before: the id it got here and the fingerprint then. */
  public record Known(long targetId, String fingerprint) {}
}
