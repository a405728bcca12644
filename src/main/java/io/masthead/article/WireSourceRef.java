package io.masthead.article;

import java.time.Instant;

/**
 * An agency item an article was written from, at the version the writer saw: the provenance
 * behind "Staff, Agencies", shown in the newsroom (never on the public page).
 *
 * @param embargo the item's embargo: the article cannot be published before it
 * @param killed the agency has since withdrawn the item
 */
public record WireSourceRef(
    long itemId, int version, String agency, String headline, Instant embargo, boolean killed) {}
