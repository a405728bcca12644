package io.masthead.wordpress;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a WordPress export as a stream: the site and its lists first, then one item at a time,
 * never the whole file in memory. Accepts WXR 1.0, 1.1 and 1.2 with the namespaces spelt with
 * http or https. Safe with hostile files: no DTD, no entities of any kind (a billion-laughs file
 * is refused at its first entity), no external fetches; characters XML does not allow (control
 * characters some WordPress exports carry) are dropped and counted rather than failing the file;
 * bytes that are not UTF-8 become U+FFFD.
 */
public final class WxrReader implements AutoCloseable {
  /** A file this reader refuses: not a WordPress export, or not well-formed XML. */
  public static final class Unreadable extends Exception {
    public Unreadable(String message) {
      super(message);
    }
  }

  /** An item's text longer than this is cut (bodies past 200,000 characters are refused later anyway). */
  static final int MAX_TEXT = 4 * 1024 * 1024;

  private static final Pattern WP = Pattern.compile("https?://wordpress\\.org/export/1\\.[0-9]/");
  private static final Pattern EXCERPT =
      Pattern.compile("https?://wordpress\\.org/export/1\\.[0-9]/excerpt/");
  private static final Pattern CONTENT =
      Pattern.compile("https?://purl\\.org/rss/1\\.0/modules/content/");
  private static final Pattern DC = Pattern.compile("https?://purl\\.org/dc/elements/1\\.1/");

  private final CleanReader text;
  private final XMLStreamReader xml;
  private Wxr.Site site;
  private boolean pendingItem;

  public WxrReader(InputStream in) throws Unreadable {
    var decoder = StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    this.text = new CleanReader(new InputStreamReader(in, decoder));
    var factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    try {
      this.xml = factory.createXMLStreamReader(text);
    } catch (XMLStreamException e) {
      throw unreadable(e);
    }
  }

  /** Characters XML does not allow that were dropped so far. */
  public long droppedCharacters() {
    return text.dropped;
  }

  /** The site and its authors, categories and tags: everything before the first item. */
  public Wxr.Site site() throws Unreadable {
    if (site != null) return site;
    try {
      String title = "", link = "", baseSite = "", baseBlog = "", language = "";
      var authors = new ArrayList<Wxr.Author>();
      var categories = new ArrayList<Wxr.Category>();
      var tags = new ArrayList<Wxr.Term>();
      boolean inChannel = false, sawRss = false;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.DTD)
          throw new Unreadable("the file declares a DTD; WordPress exports have none");
        if (event != XMLStreamConstants.START_ELEMENT) continue;
        var name = xml.getLocalName();
        var ns = ns(xml.getNamespaceURI());
        if (!sawRss) {
          if (!name.equals("rss"))
            throw new Unreadable("this is not a WordPress export (it starts with <" + name + ">)");
          sawRss = true;
          continue;
        }
        if (name.equals("channel") && ns == Ns.NONE) {
          inChannel = true;
          continue;
        }
        if (!inChannel) continue;
        if (name.equals("item") && ns == Ns.NONE) {
          pendingItem = true;
          break;
        }
        switch (ns == Ns.WP ? "wp:" + name : name) {
          case "title" -> title = text();
          case "link" -> link = text();
          case "language" -> language = text();
          case "wp:base_site_url" -> baseSite = text();
          case "wp:base_blog_url" -> baseBlog = text();
          case "wp:author" -> authors.add(author());
          case "wp:category" -> categories.add(category());
          case "wp:tag" -> tags.add(tag());
          default -> {
            if (ns == Ns.WP || name.equals("image")) skip();
          }
        }
      }
      if (!sawRss) throw new Unreadable("the file is empty or is not XML");
      site = new Wxr.Site(
          title,
          link,
          baseSite.isEmpty() ? link : baseSite,
          baseBlog.isEmpty() ? link : baseBlog,
          language,
          List.copyOf(authors),
          List.copyOf(categories),
          List.copyOf(tags));
      return site;
    } catch (XMLStreamException e) {
      throw unreadable(e);
    }
  }

  /** The next item, or null after the last. */
  public Wxr.Item next() throws Unreadable {
    site();
    try {
      if (!pendingItem) {
        while (xml.hasNext()) {
          int event = xml.next();
          if (event == XMLStreamConstants.START_ELEMENT
              && xml.getLocalName().equals("item")
              && ns(xml.getNamespaceURI()) == Ns.NONE) {
            pendingItem = true;
            break;
          }
        }
      }
      if (!pendingItem) return null;
      pendingItem = false;
      return item();
    } catch (XMLStreamException e) {
      throw unreadable(e);
    }
  }

  private Wxr.Item item() throws XMLStreamException {
    long postId = 0, parent = 0;
    String type = "post", status = "", title = "", link = "", guid = "", creator = "";
    String content = "", excerpt = "", postName = "", date = "", dateGmt = "", modified = "";
    String pubDate = "", password = "", attachmentUrl = "";
    var terms = new ArrayList<Wxr.Term>();
    var meta = new HashMap<String, String>();
    int comments = 0;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("item")) break;
      if (event != XMLStreamConstants.START_ELEMENT) continue;
      var name = xml.getLocalName();
      var ns = ns(xml.getNamespaceURI());
      var key = switch (ns) {
        case WP -> "wp:" + name;
        case CONTENT -> "content:" + name;
        case EXCERPT -> "excerpt:" + name;
        case DC -> "dc:" + name;
        case NONE -> name;
      };
      switch (key) {
        case "title" -> title = text();
        case "link" -> link = text();
        case "guid" -> guid = text();
        case "pubDate" -> pubDate = text();
        case "dc:creator" -> creator = text();
        case "content:encoded" -> content = text();
        case "excerpt:encoded" -> excerpt = text();
        case "wp:post_id" -> postId = number(text());
        case "wp:post_parent" -> parent = number(text());
        case "wp:post_type" -> type = text();
        case "wp:status" -> status = text();
        case "wp:post_name" -> postName = text();
        case "wp:post_date" -> date = text();
        case "wp:post_date_gmt" -> dateGmt = text();
        case "wp:post_modified_gmt" -> modified = text();
        case "wp:post_password" -> password = text();
        case "wp:attachment_url" -> attachmentUrl = text();
        case "category" -> {
          var domain = attribute("domain");
          var nicename = attribute("nicename");
          terms.add(new Wxr.Term(domain, nicename, text()));
        }
        case "wp:postmeta" -> {
          var entry = postmeta();
          if (entry != null) meta.put(entry[0], entry[1]);
        }
        case "wp:comment" -> {
          comments++;
          skip();
        }
        default -> {
          if (ns == Ns.WP) skip();
        }
      }
    }
    return new Wxr.Item(
        postId,
        type.strip(),
        status.strip(),
        title,
        link.strip(),
        guid.strip(),
        creator.strip(),
        content,
        excerpt,
        postName.strip(),
        date.strip(),
        dateGmt.strip(),
        modified.strip(),
        pubDate.strip(),
        parent,
        password,
        attachmentUrl.strip(),
        List.copyOf(terms),
        Map.copyOf(meta),
        comments);
  }

  private Wxr.Author author() throws XMLStreamException {
    String login = "", email = "", display = "";
    for (var child : children()) {
      switch (child[0]) {
        case "author_login" -> login = child[1];
        case "author_email" -> email = child[1];
        case "author_display_name" -> display = child[1];
        default -> {}
      }
    }
    return new Wxr.Author(login.strip(), email.strip(), display.strip());
  }

  private Wxr.Category category() throws XMLStreamException {
    String nicename = "", name = "", parent = "", description = "";
    for (var child : children()) {
      switch (child[0]) {
        case "category_nicename" -> nicename = child[1];
        case "cat_name" -> name = child[1];
        case "category_parent" -> parent = child[1];
        case "category_description" -> description = child[1];
        default -> {}
      }
    }
    return new Wxr.Category(nicename.strip(), name.strip(), parent.strip(), description.strip());
  }

  private Wxr.Term tag() throws XMLStreamException {
    String slug = "", name = "";
    for (var child : children()) {
      switch (child[0]) {
        case "tag_slug" -> slug = child[1];
        case "tag_name" -> name = child[1];
        default -> {}
      }
    }
    return new Wxr.Term("post_tag", slug.strip(), name.strip());
  }

  private String[] postmeta() throws XMLStreamException {
    String key = null, value = "";
    for (var child : children()) {
      if (child[0].equals("meta_key")) key = child[1];
      else if (child[0].equals("meta_value")) value = child[1];
    }
    return key == null ? null : new String[] {key.strip(), value};
  }

  /** The simple children of the element the reader is on, as (local name, text) pairs, to its end. */
  private List<String[]> children() throws XMLStreamException {
    var out = new ArrayList<String[]>();
    int depth = 1;
    while (depth > 0 && xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        var name = xml.getLocalName();
        out.add(new String[] {name, text()});
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
    return out;
  }

  /** The text of the element the reader is on (CDATA too), to its end; nested elements are skipped. */
  private String text() throws XMLStreamException {
    var out = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      switch (event) {
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (depth == 1 && out.length() < MAX_TEXT) out.append(xml.getText());
        }
        case XMLStreamConstants.ENTITY_REFERENCE ->
          throw new XMLStreamException("the entity &" + xml.getLocalName()
              + "; is not XML's own; WordPress exports use none");
        case XMLStreamConstants.START_ELEMENT -> depth++;
        case XMLStreamConstants.END_ELEMENT -> depth--;
        default -> {}
      }
    }
    return out.length() > MAX_TEXT ? out.substring(0, MAX_TEXT) : out.toString();
  }

  private void skip() throws XMLStreamException {
    int depth = 1;
    while (depth > 0 && xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) depth++;
      else if (event == XMLStreamConstants.END_ELEMENT) depth--;
    }
  }

  private String attribute(String name) {
    var value = xml.getAttributeValue(null, name);
    return value == null ? "" : value.strip();
  }

  private static long number(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private enum Ns {
    NONE,
    WP,
    EXCERPT,
    CONTENT,
    DC
  }

  private static Ns ns(String uri) {
    if (uri == null || uri.isEmpty()) return Ns.NONE;
    if (EXCERPT.matcher(uri).matches()) return Ns.EXCERPT;
    if (WP.matcher(uri).matches()) return Ns.WP;
    if (CONTENT.matcher(uri).matches()) return Ns.CONTENT;
    if (DC.matcher(uri).matches()) return Ns.DC;
    return Ns.NONE;
  }

  private Unreadable unreadable(XMLStreamException e) {
    var location = e.getLocation();
    var message = e.getMessage() == null ? "malformed XML" : e.getMessage();
    // The JDK's messages start with "ParseError at [row,col]:[…]" and the text after "Message: ".
    int at = message.indexOf("Message: ");
    if (at >= 0) message = message.substring(at + 9);
    return new Unreadable(
        (location == null ? "" : "line " + location.getLineNumber() + ": ") + message.strip());
  }

  @Override
  public void close() throws IOException {
    try {
      xml.close();
    } catch (XMLStreamException e) {
      // closing a reader over a file cannot lose anything
    }
    text.close();
  }

  /** Drops the characters XML 1.0 does not allow, which WordPress sometimes exports. */
  private static final class CleanReader extends FilterReader {
    long dropped;

    CleanReader(Reader in) {
      super(in);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      while (true) {
        int n = super.read(buffer, offset, length);
        if (n <= 0) return n;
        int kept = offset;
        for (int i = offset; i < offset + n; i++) {
          char c = buffer[i];
          if (io.masthead.text.PlainText.xmlAllows(c)) buffer[kept++] = c;
          else dropped++;
        }
        if (kept > offset) return kept - offset;
      }
    }

    @Override
    public int read() throws IOException {
      char[] one = new char[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0];
    }
  }
}
