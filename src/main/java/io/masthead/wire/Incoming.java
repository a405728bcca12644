package io.masthead.wire;

import java.time.Instant;
import java.util.List;

/**
 * One item as a parser read it from an agency's file, before it is stored: text is plain (the
 * body is sanitised HTML), absent values are empty strings or null.
 *
 * @param version the agency's version number, or null when the format has none (RSS, Atom): then
 *     {@code versionStamp} (the item's updated time as written) tells a new version apart
 * @param urgency 1 (flash) to 9, or null when not given
 * @param firstCreated when the agency first sent the story; {@code versionCreated} this version
 */
public record Incoming(
    String guid,
    Integer version,
    String versionStamp,
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
    Instant versionCreated) {

  public Incoming {
    guid = guid == null ? "" : guid.strip();
    versionStamp = versionStamp == null ? "" : versionStamp.strip();
    signal = signal == null ? Signal.USABLE : signal;
    language = language == null ? "" : language.strip();
    headline = headline == null ? "" : headline.strip();
    lead = lead == null ? "" : lead.strip();
    bodyHtml = bodyHtml == null ? "" : bodyHtml;
    subjects = subjects == null ? List.of() : List.copyOf(subjects);
    place = place == null ? "" : place.strip();
    dateline = dateline == null ? "" : dateline.strip();
  }
}
