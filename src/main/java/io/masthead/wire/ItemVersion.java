package io.masthead.wire;

import java.time.Instant;

/** One version of an item as it was received, for the history and the diff between versions. */
public record ItemVersion(
    long itemId,
    int version,
    Signal signal,
    String headline,
    String lead,
    String bodyHtml,
    Instant embargo,
    Instant versionCreated,
    Instant receivedAt) {}
