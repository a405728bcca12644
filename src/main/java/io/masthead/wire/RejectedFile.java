package io.masthead.wire;

import java.time.Instant;

/** A delivered file the desk could not read, with the reason and its first characters. */
public record RejectedFile(
    long id,
    long sourceId,
    String source,
    String name,
    String reason,
    String excerpt,
    Instant receivedAt) {}
