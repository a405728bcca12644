package io.masthead.web.site;

/** Text put into HTML or XML the site writes by hand (feeds, sitemaps), escaped in one place. */
final class Markup {
  private Markup() {}

  /**
   * The text with the five characters that mean something in markup escaped, and without those
   * XML cannot write at all ({@link io.masthead.text.PlainText#writable}: text stored before the
   * database took only writable text may hold some, and a sitemap with one is refused whole).
   */
  static String escape(String text) {
    return io.masthead.text.PlainText.writable(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
