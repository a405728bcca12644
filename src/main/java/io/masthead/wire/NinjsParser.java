package io.masthead.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * IPTC ninjs, 1.x and 2.x: one item as a JSON object, several as an array or under
 * {@code "items"}. 1.x writes {@code headline}, {@code body_html}/{@code body_text},
 * {@code description_text}, {@code subject}, {@code place}; 2.x writes lists ({@code headlines},
 * {@code bodies}, {@code descriptions}, {@code subjects}, {@code places}); both are read. The id is
 * {@code uri} (or {@code guid}), the version {@code version}, and {@code pubstatus} "canceled" is a
 * kill.
 */
final class NinjsParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NinjsParser() {}

  static WireParsers.Parsed parse(byte[] content) throws Unreadable {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      throw new Unreadable("Not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Unreadable("Not readable as JSON: " + e.getMessage());
    }
    var notes = new ArrayList<String>();
    var items = new ArrayList<Incoming>();
    var list = root != null && root.isObject() && root.has("items") ? root.get("items") : root;
    if (list == null || (!list.isArray() && !list.isObject()))
      throw new Unreadable("Not a ninjs item: the file holds no JSON object.");
    if (list.isObject()) one(list, items, notes);
    else for (var node : list) one(node, items, notes);
    if (items.isEmpty() && notes.isEmpty()) throw new Unreadable("The file holds no ninjs item.");
    return new WireParsers.Parsed(items, notes);
  }

  private static void one(JsonNode n, List<Incoming> items, List<String> notes) throws Unreadable {
    if (!n.isObject()) {
      notes.add("A list entry that is not a JSON object was left out.");
      return;
    }
    var guid = WireParsers.first(text(n, "uri"), text(n, "guid"), text(n, "id"));
    var headline = WireParsers.first(text(n, "headline"), roleValue(n.get("headlines"), "main"));
    if (guid.isEmpty() || headline.isEmpty()) {
      if (!n.has("uri") && !n.has("headline") && !n.has("headlines") && !n.has("type"))
        throw new Unreadable("Not a ninjs item: no uri, no headline.");
      notes.add("An item without " + (guid.isEmpty() ? "a uri" : "a headline") + " was left out.");
      return;
    }
    Integer version = null;
    var v = n.get("version");
    if (v != null && !v.isNull()) {
      try {
        version = Integer.parseInt(v.asText().strip());
      } catch (NumberFormatException e) {
        notes.add(
            "Item " + guid + ": the version \"" + v.asText() + "\" is not a number; read as 1.");
        version = 1;
      }
    }
    var bodyHtml = WireParsers.first(text(n, "body_html"), bodies(n.get("bodies"), true));
    var bodyText = WireParsers.first(text(n, "body_text"), bodies(n.get("bodies"), false));
    var body = !bodyHtml.isEmpty() ? WireText.sanitize(bodyHtml) : WireText.fromPlain(bodyText);
    var lead = WireText.plain(WireParsers.first(
        text(n, "description_text"),
        text(n, "description_html"),
        roleValue(n.get("descriptions"), "summary")));
    if (lead.isEmpty()) {
      var paragraphs = WireText.paragraphs(body);
      lead = paragraphs.isEmpty() ? "" : paragraphs.getFirst();
    }
    var subjects = new ArrayList<String>();
    for (var field : List.of("subject", "subjects")) {
      var list = n.get(field);
      if (list != null && list.isArray())
        for (var s : list) {
          var name = WireParsers.first(text(s, "name"), text(s, "code"), text(s, "uri"));
          if (!name.isEmpty()) subjects.add(name);
        }
    }
    var places = new ArrayList<String>();
    for (var field : List.of("place", "places")) {
      var list = n.get(field);
      if (list != null && list.isArray())
        for (var s : list) {
          var name = text(s, "name");
          if (!name.isEmpty()) places.add(name);
        }
    }
    var status = text(n, "pubstatus");
    var signal = WireParsers.signalWord(status);
    Integer urgency = null;
    if (n.has("urgency") && n.get("urgency").canConvertToInt())
      urgency = n.get("urgency").asInt();
    else if (n.has("urgency")) {
      try {
        urgency = Integer.parseInt(n.get("urgency").asText().strip());
      } catch (NumberFormatException ignored) {
        notes.add("Item " + guid + ": the urgency \"" + n.get("urgency").asText()
            + "\" is not a number.");
      }
    }
    if (urgency != null && (urgency < 1 || urgency > 9)) urgency = null;
    var versionCreated = WireParsers.time(text(n, "versioncreated"));
    var firstCreated = WireParsers.time(text(n, "firstcreated"));
    items.add(new Incoming(
        guid,
        version == null ? 1 : version,
        text(n, "versioncreated"),
        signal,
        urgency,
        WireText.language(text(n, "language"), headline + " " + lead),
        WireText.plain(headline),
        lead,
        WireParsers.capBody(body, new ArrayList<>(), guid),
        subjects,
        String.join(", ", places),
        WireParsers.first(text(n, "located"), text(n, "dateline")),
        WireParsers.time(text(n, "embargoed")),
        firstCreated != null ? firstCreated : versionCreated,
        versionCreated != null ? versionCreated : firstCreated));
  }

  private static String text(JsonNode n, String field) {
    var v = n == null ? null : n.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? "" : v.asText().strip();
  }

  /** The value of a 2.x list entry with this role, or of the first entry. */
  private static String roleValue(JsonNode list, String role) {
    if (list == null || !list.isArray() || list.isEmpty()) return "";
    for (var e : list) if (role.equals(text(e, "role"))) return text(e, "value");
    return text(list.get(0), "value");
  }

  /** A 2.x body: the first of HTML ({@code html}) or plain text. */
  private static String bodies(JsonNode list, boolean html) {
    if (list == null || !list.isArray()) return "";
    for (var e : list) {
      var type = text(e, "contenttype");
      boolean isHtml = type.contains("html");
      if (isHtml == html) return text(e, "value");
    }
    return "";
  }
}
