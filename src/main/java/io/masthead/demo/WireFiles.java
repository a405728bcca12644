package io.masthead.demo;

import io.masthead.wire.Signal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Agency items written as the agencies' files: an RSS feed, ninjs JSON, a NewsML-G2 message. */
public final class WireFiles {
  private WireFiles() {}

  /** The items, all of one agency, as one file in its format. */
  public static String render(List<WireStories.Story> stories) {
    var agency = stories.getFirst().agency();
    return switch (agency.format()) {
      case RSS, ATOM -> rss(stories);
      case NINJS -> ninjs(stories);
      case NEWSML_G2 -> newsml(stories);
    };
  }

  /** The file name a story's file takes in a drop folder. */
  public static String fileName(WireStories.Story first, int sequence) {
    var extension = switch (first.agency().format()) {
      case RSS, ATOM, NEWSML_G2 -> ".xml";
      case NINJS -> ".json";
    };
    return String.format(
        Locale.ROOT,
        "%06d-%s-v%d%s",
        sequence,
        first.guid().replaceAll("[^A-Za-z0-9-]+", "_"),
        first.version(),
        extension);
  }

  private static String rss(List<WireStories.Story> stories) {
    var out = new StringBuilder("""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
        <channel><title>""")
        .append(xml(stories.getFirst().agency().name()))
        .append("</title><link>https://example.org/</link><description>Wire</description>\n");
    for (var s : stories) {
      out.append("<item><title>")
          .append(xml(s.headline()))
          .append("</title>")
          .append("<guid isPermaLink=\"false\">")
          .append(xml(s.guid()))
          .append("</guid>")
          .append("<pubDate>")
          .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(
              s.at().atOffset(java.time.ZoneOffset.UTC)))
          .append("</pubDate>")
          .append("<atom:updated>")
          .append(s.at())
          .append("</atom:updated>")
          .append("<dc:language xmlns:dc=\"http://purl.org/dc/elements/1.1/\">")
          .append(s.language())
          .append("</dc:language>");
      for (var subject : s.subjects())
        out.append("<category>").append(xml(subject)).append("</category>");
      if (s.signal() == Signal.KILLED) out.append("<category>kill</category>");
      out.append("<description>")
          .append(xml(s.lead()))
          .append("</description>")
          .append("<content:encoded><![CDATA[");
      for (var p : s.paragraphs()) out.append("<p>").append(xml(p)).append("</p>");
      out.append("]]></content:encoded></item>\n");
    }
    return out.append("</channel></rss>\n").toString();
  }

  private static String ninjs(List<WireStories.Story> stories) {
    var out = new StringBuilder("[\n");
    for (int i = 0; i < stories.size(); i++) {
      var s = stories.get(i);
      var body = new StringBuilder();
      for (var p : s.paragraphs()) body.append("<p>").append(xml(p)).append("</p>");
      out.append("{\"uri\": ")
          .append(json(s.guid()))
          .append(", \"version\": \"")
          .append(s.version())
          .append('"')
          .append(", \"versioncreated\": \"")
          .append(s.at())
          .append('"')
          .append(", \"pubstatus\": \"")
          .append(s.signal() == Signal.KILLED ? "canceled" : "usable")
          .append('"')
          .append(", \"urgency\": ")
          .append(s.urgency())
          .append(", \"language\": \"")
          .append(s.language())
          .append('"')
          .append(", \"headlines\": [{\"role\": \"main\", \"value\": ")
          .append(json(s.headline()))
          .append("}]")
          .append(", \"descriptions\": [{\"role\": \"summary\", \"value\": ")
          .append(json(s.lead()))
          .append("}]")
          .append(", \"bodies\": [{\"role\": \"main\", \"contenttype\": \"text/html\", \"value\": ")
          .append(json(body.toString()))
          .append("}]")
          .append(", \"subjects\": [");
      for (int j = 0; j < s.subjects().size(); j++)
        out.append(j == 0 ? "" : ", ")
            .append("{\"name\": ")
            .append(json(s.subjects().get(j)))
            .append('}');
      out.append("], \"places\": [{\"name\": ")
          .append(json(s.place()))
          .append("}]")
          .append(", \"located\": ")
          .append(json(s.dateline()))
          .append('}')
          .append(i == stories.size() - 1 ? "\n" : ",\n");
    }
    return out.append("]\n").toString();
  }

  private static String newsml(List<WireStories.Story> stories) {
    var out = new StringBuilder("""
        <?xml version="1.0" encoding="UTF-8"?>
        <newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sent>""")
        .append(stories.getFirst().at())
        .append("</sent></header><itemSet>\n");
    for (var s : stories) {
      out.append("<newsItem guid=\"")
          .append(xml(s.guid()))
          .append("\" version=\"")
          .append(s.version())
          .append("\" standard=\"NewsML-G2\" standardversion=\"2.33\" xml:lang=\"")
          .append(s.language())
          .append("\">")
          .append("<itemMeta><itemClass qcode=\"ninat:text\"/><versionCreated>")
          .append(s.at())
          .append("</versionCreated><pubStatus qcode=\"")
          .append(s.signal() == Signal.KILLED ? "stat:canceled" : "stat:usable")
          .append("\"/></itemMeta><contentMeta><urgency>")
          .append(s.urgency())
          .append("</urgency>");
      for (var subject : s.subjects())
        out.append("<subject type=\"cpnat:abstract\"><name>")
            .append(xml(subject))
            .append("</name></subject>");
      out.append("<located><name>")
          .append(xml(s.place()))
          .append("</name></located>")
          .append("<headline>")
          .append(xml(s.headline()))
          .append("</headline>")
          .append("<dateline>")
          .append(xml(s.dateline()))
          .append("</dateline>")
          .append("<description role=\"drol:summary\">")
          .append(xml(s.lead()))
          .append("</description>")
          .append("<language tag=\"")
          .append(s.language())
          .append("\"/></contentMeta>")
          .append(
              "<contentSet><inlineXML contenttype=\"application/xhtml+xml\"><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>");
      for (var p : s.paragraphs()) out.append("<p>").append(xml(p)).append("</p>");
      out.append("</body></html></inlineXML></contentSet></newsItem>\n");
    }
    return out.append("</itemSet></newsMessage>\n").toString();
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String json(String text) {
    var out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"').toString();
  }
}
