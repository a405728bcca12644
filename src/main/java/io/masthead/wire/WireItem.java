package io.masthead.wire;

import java.time.Instant;
import java.util.List;

/**
 * One agency story at its current version, with the cluster it was grouped into and why.
 *
 * @param groupedWith the item it was found similar to (null when it started its cluster)
 */
public record WireItem(
    long id,
    long sourceId,
    String agency,
    String guid,
    int version,
    Signal signal,
    Integer urgency,
    String language,
    String headline,
    String lead,
    String bodyHtml,
    List<String> subjects,
    String place,
    String dateline,
    Instant embargo,
    Instant firstCreated,
    Instant versionCreated,
    Instant receivedAt,
    Long clusterId,
    Long groupedWith,
    Double groupedScore,
    String groupedReason) {

  /** Urgency 1–3 (flash, alert, urgent) is shown highlighted. */
  public boolean urgent() {
    return urgency != null && urgency <= 3;
  }

  public boolean embargoedAt(Instant now) {
    return embargo != null && embargo.isAfter(now);
  }

  public List<String> paragraphs() {
    return WireText.paragraphs(bodyHtml);
  }
}
