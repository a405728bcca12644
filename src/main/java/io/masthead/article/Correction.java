package io.masthead.article;

import java.time.Instant;

/** A published correction notice, shown dated on the article. */
public record Correction(Instant publishedAt, String body) {}
