/**
 * The wire desk: agency sources ({@link io.masthead.wire.WireSource}) deliver files that are
 * read ({@link io.masthead.wire.WireParsers}) into items, versioned by the agency's GUID, grouped
 * into story clusters across agencies ({@link io.masthead.wire.Grouping}), and turned into drafts
 * credited "Staff, Agencies" that keep the exact item versions they were written from. Every write
 * goes through {@link io.masthead.wire.WireDesk}; SQL lives in {@link io.masthead.wire.WireRepository}.
 */
package io.masthead.wire;
