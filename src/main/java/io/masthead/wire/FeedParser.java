package io.masthead.wire;

import static io.masthead.wire.SafeXml.child;
import static io.masthead.wire.SafeXml.children;
import static io.masthead.wire.SafeXml.local;
import static io.masthead.wire.SafeXml.text;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * RSS 2.0 (and RSS 1.0) and Atom feeds. An item's id is its {@code guid} (Atom: {@code id}), or
 * its link when it has none; feeds carry no version number, so a new version is an item whose
 * updated time ({@code atom:updated}, {@code dc:modified}, else its publication date) changed.
 * The body is {@code content:encoded} (Atom: {@code content}), the lead the description
 * (summary). Feeds have no standard kill notice: a category "kill", "withdrawn" or "canceled"
 * ("withheld" to hold it back) is taken as one, as agencies that publish feeds mark it.
 */
final class FeedParser {
  private FeedParser() {}

  static WireParsers.Parsed parse(byte[] content) throws Unreadable {
    var root = SafeXml.parse(content).getDocumentElement();
    var notes = new ArrayList<String>();
    var items = new ArrayList<Incoming>();
    switch (local(root)) {
      case "rss" -> {
        var channel = child(root, "channel");
        if (channel == null) throw new Unreadable("An RSS feed without a <channel>.");
        var language = text(channel, "language");
        for (var item : children(channel, "item")) rss(item, language, items, notes);
      }
      case "RDF" -> {
        var channel = child(root, "channel");
        var language = channel == null ? "" : text(channel, "language");
        for (var item : children(root, "item")) rss(item, language, items, notes);
      }
      case "feed" -> {
        var language = root.getAttributeNS(XML, "lang");
        for (var entry : children(root, "entry")) atom(entry, language, items, notes);
      }
      default ->
        throw new Unreadable(
            "Not a feed: the file's root element is <" + local(root) + ">, not <rss> or <feed>.");
    }
    return new WireParsers.Parsed(items, notes);
  }

  private static final String XML = "http://www.w3.org/XML/1998/namespace";

  private static void rss(
      Element item, String channelLanguage, List<Incoming> items, List<String> notes) {
    var guid = text(item, "guid");
    if (guid.isEmpty()) guid = text(item, "link");
    var headline = WireText.plain(text(item, "title"));
    if (guid.isEmpty() || headline.isEmpty()) {
      notes.add("An item without " + (guid.isEmpty() ? "a guid or link" : "a title")
          + " was left out" + (headline.isEmpty() ? "." : ": \"" + headline + "\"."));
      return;
    }
    var description = text(item, "description");
    var encoded = text(item, "encoded");
    String lead, body;
    if (!encoded.isEmpty()) {
      lead = WireText.plain(description);
      body = WireText.sanitize(encoded);
    } else {
      body = WireText.sanitize(
          description.indexOf('<') >= 0 ? description : WireText.fromPlain(description));
      var paragraphs = WireText.paragraphs(body);
      lead = paragraphs.isEmpty() ? "" : paragraphs.getFirst();
    }
    var published = WireParsers.time(WireParsers.first(text(item, "pubDate"), text(item, "date")));
    var updatedText = WireParsers.first(text(item, "updated"), text(item, "modified"));
    var stamp = WireParsers.first(updatedText, text(item, "pubDate"), text(item, "date"));
    var updated = WireParsers.time(updatedText);
    var subjects = new ArrayList<String>();
    Signal signal = Signal.USABLE;
    for (var category : children(item, "category")) {
      var word = category.getTextContent().strip();
      var said = WireParsers.signalWord(word);
      if (said != null) signal = said;
      else if (!word.isEmpty()) subjects.add(word);
    }
    var language = WireText.language(
        WireParsers.first(text(item, "language"), channelLanguage), headline + " " + lead);
    items.add(new Incoming(
        guid,
        null,
        stamp,
        signal,
        null,
        language,
        headline,
        lead,
        WireParsers.capBody(body, notes, guid),
        subjects,
        "",
        "",
        null,
        published,
        updated != null ? updated : published));
  }

  private static void atom(
      Element entry, String feedLanguage, List<Incoming> items, List<String> notes) {
    var guid = text(entry, "id");
    if (guid.isEmpty()) {
      var link = child(entry, "link");
      guid = link == null ? "" : link.getAttribute("href");
    }
    var headline = atomText(child(entry, "title"), true);
    if (guid.isEmpty() || headline.isEmpty()) {
      notes.add("An entry without " + (guid.isEmpty() ? "an id" : "a title") + " was left out"
          + (headline.isEmpty() ? "." : ": \"" + headline + "\"."));
      return;
    }
    var lead = atomText(child(entry, "summary"), true);
    var content = child(entry, "content");
    var body = content == null ? WireText.fromPlain(lead) : atomHtml(content);
    if (lead.isEmpty()) {
      var paragraphs = WireText.paragraphs(body);
      lead = paragraphs.isEmpty() ? "" : paragraphs.getFirst();
    }
    var published = WireParsers.time(text(entry, "published"));
    var updatedText = text(entry, "updated");
    var updated = WireParsers.time(updatedText);
    var subjects = new ArrayList<String>();
    Signal signal = Signal.USABLE;
    for (var category : children(entry, "category")) {
      var term = category.getAttribute("term");
      var label = category.getAttribute("label");
      var said = WireParsers.signalWord(term);
      if (said != null) signal = said;
      else if (!term.isBlank() || !label.isBlank()) subjects.add(label.isBlank() ? term : label);
    }
    var lang = entry.getAttributeNS(XML, "lang");
    var language = WireText.language(lang.isEmpty() ? feedLanguage : lang, headline + " " + lead);
    items.add(new Incoming(
        guid,
        null,
        WireParsers.first(updatedText, text(entry, "published")),
        signal,
        null,
        language,
        headline,
        lead,
        WireParsers.capBody(body, notes, guid),
        subjects,
        "",
        "",
        null,
        published != null ? published : updated,
        updated != null ? updated : published));
  }

  /** An Atom text construct as plain text. */
  private static String atomText(Element e, boolean plain) {
    if (e == null) return "";
    var type = e.getAttribute("type");
    if (type.equals("xhtml")) return WireText.plain(SafeXml.innerXml(e));
    if (type.equals("html")) return WireText.plain(e.getTextContent());
    return plain ? e.getTextContent().strip().replaceAll("\\s+", " ") : e.getTextContent();
  }

  /** An Atom content element as sanitised HTML. */
  private static String atomHtml(Element e) {
    var type = e.getAttribute("type");
    if (type.equals("xhtml")) {
      var div = child(e, "div");
      return WireText.sanitize(SafeXml.innerXml(div != null ? div : e));
    }
    if (type.equals("html") || type.equals("text/html"))
      return WireText.sanitize(e.getTextContent());
    return WireText.fromPlain(e.getTextContent());
  }
}
