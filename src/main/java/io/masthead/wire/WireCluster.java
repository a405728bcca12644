package io.masthead.wire;

import java.time.Instant;
import java.util.List;

/** Items about one event, from any agency, newest first; named by its first item's headline. */
public record WireCluster(
    long id,
    String language,
    String headline,
    Instant firstAt,
    Instant lastAt,
    List<WireItem> items) {

  /** The agencies that wrote it, in the order their first item came. */
  public List<String> agencies() {
    return items.reversed().stream().map(WireItem::agency).distinct().toList();
  }
}
