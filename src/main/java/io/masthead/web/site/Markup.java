package io.masthead.web.site;

/** Text put into HTML or XML the site writes by hand (feeds, sitemaps), escaped in one place. */
final class Markup {
  private Markup() {}

  /** The text with the five characters that mean something in markup escaped. */
  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
