package io.masthead.wire;

import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XML from outside, read with everything that can reach further than the file switched off: a
 * file that declares a DTD is refused (no entity expansion, no billion laughs, no external
 * entities or schemas), and nothing is fetched. Wire files are small (at most
 * {@link WireParsers#MAX_FILE_BYTES}), so they are read whole.
 */
final class SafeXml {
  private static final DocumentBuilderFactory FACTORY = factory();

  private SafeXml() {}

  private static DocumentBuilderFactory factory() {
    var f = DocumentBuilderFactory.newDefaultInstance();
    f.setNamespaceAware(true);
    f.setExpandEntityReferences(false);
    f.setXIncludeAware(false);
    try {
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the XML parser cannot be made safe", e);
    }
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  static Document parse(byte[] content) throws Unreadable {
    try {
      var builder = FACTORY.newDocumentBuilder();
      builder.setErrorHandler(null);
      builder.setEntityResolver((publicId, systemId) -> {
        throw new SAXException("external entities are not read");
      });
      return builder.parse(new ByteArrayInputStream(content));
    } catch (SAXParseException e) {
      var message = String.valueOf(e.getMessage());
      if (message.contains("DOCTYPE"))
        throw new Unreadable(
            "The file declares a DTD, which wire files never need: refused, as a DTD can make the"
                + " reader fetch other files or expand text without end.");
      throw new Unreadable("Not well-formed XML (line " + e.getLineNumber() + ", column "
          + e.getColumnNumber() + "): " + message);
    } catch (CharConversionException e) {
      throw new Unreadable("The file is not valid UTF-8 (or the encoding it declares).");
    } catch (SAXException | IOException e) {
      if (e.getCause() instanceof CharConversionException
          || e instanceof java.io.UTFDataFormatException)
        throw new Unreadable("The file is not valid UTF-8 (or the encoding it declares).");
      throw new Unreadable("Not readable as XML: " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The element's child elements with this local name (any namespace). */
  static List<Element> children(Element parent, String localName) {
    var out = new ArrayList<Element>();
    if (parent == null) return out;
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(local(e))) out.add(e);
    }
    return out;
  }

  static Element child(Element parent, String localName) {
    var all = children(parent, localName);
    return all.isEmpty() ? null : all.getFirst();
  }

  /** The text of the first child with this name, stripped; "" when there is none. */
  static String text(Element parent, String localName) {
    var e = child(parent, localName);
    return e == null ? "" : e.getTextContent().strip();
  }

  static String local(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
  }

  /** The element's content as markup (its children serialised), for HTML carried inside XML. */
  static String innerXml(Element e) {
    var out = new StringBuilder();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) write(n, out);
    return out.toString();
  }

  private static void write(Node n, StringBuilder out) {
    switch (n.getNodeType()) {
      case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> out.append(escape(n.getNodeValue()));
      case Node.ELEMENT_NODE -> {
        var e = (Element) n;
        var name = local(e);
        out.append('<').append(name);
        var attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
          var a = attributes.item(i);
          if (a.getNodeName().startsWith("xmlns")) continue;
          out.append(' ')
              .append(a.getLocalName() != null ? a.getLocalName() : a.getNodeName())
              .append("=\"")
              .append(escape(a.getNodeValue()).replace("\"", "&quot;"))
              .append('"');
        }
        out.append('>');
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) write(c, out);
        out.append("</").append(name).append('>');
      }
      default -> {}
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
