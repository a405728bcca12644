package io.masthead.wire;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Reads one delivered file of a source's format into items. A file that cannot be read, is of
 * another format than the source's, or is too large is refused whole ({@link Unreadable}, with
 * the reason); an item inside a readable file that lacks what every item needs (an id, a
 * headline) is left out and named in {@link Parsed#notes}. Stateless and thread-safe.
 */
public final class WireParsers {
  /** The largest file a source may deliver: agencies send one story, or one feed page, per file. */
  public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

  /** A body longer than this is cut there (an article body holds 200,000 characters at most). */
  static final int MAX_BODY_CHARS = 150_000;

  /** What a file held: its items, and what was left out or noticed, in words. */
  public record Parsed(List<Incoming> items, List<String> notes) {
    public Parsed {
      items = List.copyOf(items);
      notes = List.copyOf(notes);
    }
  }

  private WireParsers() {}

  public static Parsed parse(WireFormat format, byte[] content) throws Unreadable {
    if (content.length > MAX_FILE_BYTES)
      throw new Unreadable("The file is " + content.length / 1024
          + " KB; a wire file may have at most " + MAX_FILE_BYTES / 1024 / 1024 + " MB.");
    if (content.length == 0
        || new String(
                content, 0, Math.min(content.length, 64), java.nio.charset.StandardCharsets.UTF_8)
            .isBlank()) throw new Unreadable("The file is empty.");
    var found = sniff(content);
    if (found != null && !compatible(found, format))
      throw new Unreadable("This looks like " + found.label() + ", but the source delivers "
          + format.label() + ": check the source's format.");
    return switch (format) {
      case RSS, ATOM -> FeedParser.parse(content);
      case NINJS -> NinjsParser.parse(content);
      case NEWSML_G2 -> NewsMlParser.parse(content);
    };
  }

  private static boolean compatible(WireFormat found, WireFormat expected) {
    boolean feed = found == WireFormat.RSS || found == WireFormat.ATOM;
    boolean feedExpected = expected == WireFormat.RSS || expected == WireFormat.ATOM;
    return found == expected || (feed && feedExpected);
  }

  /** The format the file's first bytes show, or null when they do not tell. */
  static WireFormat sniff(byte[] content) {
    var head = new String(
            content, 0, Math.min(content.length, 4096), java.nio.charset.StandardCharsets.UTF_8)
        .stripLeading();
    if (head.startsWith("\uFEFF")) head = head.substring(1).stripLeading();
    if (head.startsWith("{") || head.startsWith("[")) return WireFormat.NINJS;
    if (!head.startsWith("<")) return null;
    var root = rootName(head);
    return switch (root) {
      case "rss", "rdf:RDF" -> WireFormat.RSS;
      case "feed" -> WireFormat.ATOM;
      case "newsItem", "newsMessage", "knowledgeItem", "packageItem" -> WireFormat.NEWSML_G2;
      default -> null;
    };
  }

  /** The name of the first element, past the declaration, comments and processing instructions. */
  private static String rootName(String head) {
    int i = 0;
    while (i < head.length()) {
      int lt = head.indexOf('<', i);
      if (lt < 0 || lt + 1 >= head.length()) return "";
      char next = head.charAt(lt + 1);
      if (next == '?' || next == '!') {
        int end = head.indexOf('>', lt);
        if (end < 0) return "";
        i = end + 1;
        continue;
      }
      int end = lt + 1;
      while (end < head.length()
          && !Character.isWhitespace(head.charAt(end))
          && head.charAt(end) != '>'
          && head.charAt(end) != '/') end++;
      var name = head.substring(lt + 1, end);
      int colon = name.indexOf(':');
      return name.equals("rdf:RDF") || colon < 0 ? name : name.substring(colon + 1);
    }
    return "";
  }

  /** A body cut to what an article can hold, at a paragraph's end when there is one near. */
  static String capBody(String html, List<String> notes, String guid) {
    if (html.length() <= MAX_BODY_CHARS) return html;
    notes.add("Item " + guid + ": the body was cut to " + MAX_BODY_CHARS + " characters.");
    int cut = html.lastIndexOf("</p>", MAX_BODY_CHARS);
    return cut > MAX_BODY_CHARS / 2
        ? html.substring(0, cut + 4)
        : html.substring(0, MAX_BODY_CHARS);
  }

  /** A time as agencies write it: ISO-8601 with or without offset (UTC then), or RFC 822/1123. */
  static Instant time(String text) {
    if (text == null || text.isBlank()) return null;
    var t = text.strip();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException ignored) {
      // next form
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      // next form
    }
    try {
      return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException ignored) {
      // next form
    }
    try {
      // RFC 822 names zones as letters ("GMT", "EST") and allows no weekday.
      return ZonedDateTime.parse(
              t, DateTimeFormatter.ofPattern("[EEE, ]d MMM yyyy HH:mm[:ss] zzz", Locale.ENGLISH))
          .toInstant();
    } catch (DateTimeParseException ignored) {
      // next form
    }
    try {
      return java.time.LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The first value that is not blank, stripped; "" when all are. */
  static String first(String... values) {
    for (var v : values) if (v != null && !v.isBlank()) return v.strip();
    return "";
  }

  /** A category or status word that tells an item was withdrawn or is held back. */
  static Signal signalWord(String word) {
    return switch (word.strip().toLowerCase(Locale.ROOT)) {
      case "kill", "killed", "canceled", "cancelled", "withdrawn", "stat:canceled" -> Signal.KILLED;
      case "withheld", "withhold", "stat:withheld" -> Signal.WITHHELD;
      default -> null;
    };
  }
}
