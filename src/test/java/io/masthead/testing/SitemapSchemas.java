package io.masthead.testing;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

/**
 * The sitemap protocol's schemas (a urlset, a sitemap index) and Google's News extension, from
 * {@code src/test/resources/xsd}: {@link #validate} throws with the line and the rule broken.
 */
public final class SitemapSchemas {
  private static final Schema URLSET = schema("sitemap.xsd", "sitemap-news.xsd", "xhtml-link.xsd");
  private static final Schema INDEX = schema("siteindex.xsd");

  private SitemapSchemas() {}

  /** Validates a urlset or a sitemap index, chosen by its root element. */
  public static void validate(String xml) throws Exception {
    var schema = xml.contains("<sitemapindex") ? INDEX : URLSET;
    var validator = schema.newValidator();
    validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    validator.validate(new StreamSource(new StringReader(xml)));
  }

  private static Schema schema(String... files) {
    try {
      var factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      var sources = new StreamSource[files.length];
      for (int i = 0; i < files.length; i++) {
        var url = SitemapSchemas.class.getResource("/xsd/" + files[i]);
        sources[i] = new StreamSource(url.openStream(), url.toString());
      }
      return factory.newSchema(sources);
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the sitemap schemas", e);
    }
  }
}
