package io.masthead.wire;

import static io.masthead.wire.SafeXml.child;
import static io.masthead.wire.SafeXml.children;
import static io.masthead.wire.SafeXml.local;
import static io.masthead.wire.SafeXml.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * IPTC NewsML-G2: a {@code newsItem} on its own, or the items of a {@code newsMessage}. The id is
 * the item's {@code guid}, the version its {@code version}; {@code pubStatus} {@code stat:canceled}
 * is a kill and {@code stat:withheld} holds it back. The text is in {@code contentSet} as
 * {@code inlineXML} (XHTML) or {@code inlineData} (plain). A {@code knowledgeItem} is no story: its
 * concepts name the subject codes the stories of the same file use.
 */
final class NewsMlParser {
  private static final String XML = "http://www.w3.org/XML/1998/namespace";

  private NewsMlParser() {}

  static WireParsers.Parsed parse(byte[] content) throws Unreadable {
    var root = SafeXml.parse(content).getDocumentElement();
    var news = new ArrayList<Element>();
    var knowledge = new ArrayList<Element>();
    switch (local(root)) {
      case "newsItem" -> news.add(root);
      case "knowledgeItem" -> knowledge.add(root);
      case "newsMessage" -> {
        for (var set : children(root, "itemSet")) {
          news.addAll(children(set, "newsItem"));
          knowledge.addAll(children(set, "knowledgeItem"));
        }
      }
      default ->
        throw new Unreadable("Not NewsML-G2: the file's root element is <" + local(root)
            + ">, not <newsItem> or <newsMessage>.");
    }
    var concepts = new HashMap<String, String>();
    for (var k : knowledge) concepts(k, concepts);
    var notes = new ArrayList<String>();
    if (!knowledge.isEmpty())
      notes.add(knowledge.size() + " knowledge item(s) read for the names of " + concepts.size()
          + " concept(s).");
    var items = new ArrayList<Incoming>();
    for (var item : news) item(item, concepts, items, notes);
    return new WireParsers.Parsed(items, notes);
  }

  private static void concepts(Element knowledgeItem, Map<String, String> names) {
    for (var set : children(knowledgeItem, "conceptSet"))
      for (var concept : children(set, "concept")) {
        var id = child(concept, "conceptId");
        var name = text(concept, "name");
        if (id != null && !name.isEmpty()) names.put(id.getAttribute("qcode"), name);
      }
  }

  private static void item(
      Element item, Map<String, String> concepts, List<Incoming> items, List<String> notes) {
    var guid = item.getAttribute("guid").strip();
    var meta = child(item, "itemMeta");
    var contentMeta = child(item, "contentMeta");
    var headline = WireText.plain(text(contentMeta, "headline"));
    if (guid.isEmpty() || headline.isEmpty()) {
      notes.add(
          "A newsItem without " + (guid.isEmpty() ? "a guid" : "a headline") + " was left out.");
      return;
    }
    int version = 1;
    var v = item.getAttribute("version").strip();
    if (!v.isEmpty()) {
      try {
        version = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        notes.add("Item " + guid + ": the version \"" + v + "\" is not a number; read as 1.");
      }
    }
    var status = child(meta, "pubStatus");
    Signal signal =
        status == null ? Signal.USABLE : WireParsers.signalWord(status.getAttribute("qcode"));
    Integer urgency = null;
    var u = text(contentMeta, "urgency");
    if (!u.isEmpty()) {
      try {
        urgency = Integer.parseInt(u);
        if (urgency < 1 || urgency > 9) urgency = null;
      } catch (NumberFormatException e) {
        notes.add("Item " + guid + ": the urgency \"" + u + "\" is not a number.");
      }
    }
    var subjects = new ArrayList<String>();
    for (var subject : children(contentMeta, "subject")) {
      var name = text(subject, "name");
      if (name.isEmpty()) name = concepts.getOrDefault(subject.getAttribute("qcode"), "");
      if (name.isEmpty()) name = subject.getAttribute("qcode");
      if (!name.isEmpty()) subjects.add(name);
    }
    var located = child(contentMeta, "located");
    var place = located == null ? "" : text(located, "name");
    if (place.isEmpty() && located != null)
      place = concepts.getOrDefault(located.getAttribute("qcode"), "");
    var body = "";
    var contentSet = child(item, "contentSet");
    var inline = child(contentSet, "inlineXML");
    if (inline != null) {
      var html = child(inline, "html");
      var bodyElement = html == null ? null : child(html, "body");
      body = WireText.sanitize(SafeXml.innerXml(bodyElement != null ? bodyElement : inline));
    } else {
      var data = child(contentSet, "inlineData");
      if (data != null) body = WireText.fromPlain(data.getTextContent());
    }
    var lead = "";
    for (var description : children(contentMeta, "description")) {
      var role = description.getAttribute("role");
      if (lead.isEmpty() || role.endsWith("summary"))
        lead = WireText.plain(description.getTextContent());
    }
    if (lead.isEmpty()) {
      var paragraphs = WireText.paragraphs(body);
      lead = paragraphs.isEmpty() ? "" : paragraphs.getFirst();
    }
    var languageElement = child(contentMeta, "language");
    var tag = languageElement != null
        ? languageElement.getAttribute("tag")
        : item.getAttributeNS(XML, "lang");
    var versionCreated = WireParsers.time(text(meta, "versionCreated"));
    var firstCreated = WireParsers.time(text(meta, "firstCreated"));
    var embargo = WireParsers.time(text(meta, "embargoed"));
    items.add(new Incoming(
        guid,
        version,
        text(meta, "versionCreated"),
        signal,
        urgency,
        WireText.language(tag, headline + " " + lead),
        headline,
        lead,
        WireParsers.capBody(body, notes, guid),
        subjects,
        place,
        text(contentMeta, "dateline"),
        embargo,
        firstCreated != null ? firstCreated : versionCreated,
        versionCreated != null ? versionCreated : firstCreated));
  }
}
