// A WordPress export (WXR 1.2) of a generated site, for the import benchmark and the resume
// test: nested categories, tags, authors, posts in classic HTML and Gutenberg blocks with
// [caption] shortcodes, excerpts and featured images, and attachments. Written as a stream.
//
//   java bench/tools/MakeWxr.java OUT.xml POSTS [BYTES_PER_POST]
//
// BYTES_PER_POST (default 1,000) sets the body length: 5,000 makes about 1 GB for 200,000 posts.
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

public class MakeWxr {
  static final String[] WORDS = (
      "harbour storm ferry council budget river school hospital market election court police "
          + "bridge road rail station festival museum library park farm weather flood rescue "
          + "minister mayor report plan vote season league match club fans price energy water")
      .split(" ");
  static final String[] CATEGORIES = {"news", "", "local", "news", "world", "news", "sport", "",
      "football", "sport", "opinion", "", "business", ""};

  public static void main(String[] args) throws IOException {
    var out = Path.of(args[0]);
    long posts = Long.parseLong(args[1]);
    int bodyBytes = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    var random = new Random(42);
    long attachments = Math.max(1, posts / 10);
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("""
          <?xml version="1.0" encoding="UTF-8" ?>
          <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
            xmlns:content="http://purl.org/rss/1.0/modules/content/"
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
          <channel>
          <title>Generated Gazette</title><link>https://generated.example</link>
          <language>en-US</language><wp:wxr_version>1.2</wp:wxr_version>
          <wp:base_site_url>https://generated.example</wp:base_site_url>
          <wp:base_blog_url>https://generated.example</wp:base_blog_url>
          """);
      for (int a = 1; a <= 8; a++) {
        w.write("<wp:author><wp:author_id>" + a + "</wp:author_id><wp:author_login><![CDATA[writer"
            + a + "]]></wp:author_login><wp:author_display_name><![CDATA[Writer Number " + a
            + "]]></wp:author_display_name></wp:author>\n");
      }
      for (int c = 0; c < CATEGORIES.length; c += 2) {
        w.write("<wp:category><wp:category_nicename><![CDATA[" + CATEGORIES[c]
            + "]]></wp:category_nicename><wp:category_parent><![CDATA[" + CATEGORIES[c + 1]
            + "]]></wp:category_parent><wp:cat_name><![CDATA[" + capital(CATEGORIES[c])
            + "]]></wp:cat_name></wp:category>\n");
      }
      for (int t = 0; t < WORDS.length; t++) {
        w.write("<wp:tag><wp:tag_slug><![CDATA[" + WORDS[t] + "]]></wp:tag_slug><wp:tag_name><![CDATA["
            + capital(WORDS[t]) + "]]></wp:tag_name></wp:tag>\n");
      }
      var start = java.time.LocalDateTime.of(2015, 1, 1, 6, 0);
      var format = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
      for (long p = 1; p <= posts; p++) {
        long id = p;
        var date = start.plusMinutes(p * 7);
        var d = date.format(format);
        var title = capital(words(random, 6));
        var slug = title.toLowerCase().replace(' ', '-') + "-" + id;
        long picture = posts + 1 + (p % attachments);
        var body = new StringBuilder();
        boolean blocks = p % 2 == 0;
        while (body.length() < bodyBytes) {
          var paragraph = capital(words(random, 25)) + ".";
          if (blocks) body.append("<!-- wp:paragraph -->\n<p>").append(paragraph).append("</p>\n<!-- /wp:paragraph -->\n\n");
          else body.append(paragraph).append(" <strong>").append(WORDS[random.nextInt(WORDS.length)]).append("</strong>\n\n");
        }
        if (!blocks) {
          body.append("[caption id=\"attachment_" + picture + "\" width=\"300\"]<img class=\"wp-image-" + picture
              + "\" src=\"https://generated.example/wp-content/uploads/2020/01/photo-" + picture
              + "-300x200.jpg\" alt=\"\" /> A picture[/caption]\n");
        }
        int category = random.nextInt(CATEGORIES.length / 2) * 2;
        w.write("<item><title><![CDATA[" + title + "]]></title>"
            + "<link>https://generated.example/" + d.substring(0, 4) + "/" + d.substring(5, 7) + "/"
            + slug + "/</link>"
            + "<dc:creator><![CDATA[writer" + (1 + p % 8) + "]]></dc:creator>"
            + "<guid isPermaLink=\"false\">https://generated.example/?p=" + id + "</guid>"
            + "<content:encoded><![CDATA[" + body + "]]></content:encoded>"
            + "<excerpt:encoded><![CDATA[" + capital(words(random, 15)) + ".]]></excerpt:encoded>"
            + "<wp:post_id>" + id + "</wp:post_id>"
            + "<wp:post_date><![CDATA[" + d + "]]></wp:post_date>"
            + "<wp:post_date_gmt><![CDATA[" + d + "]]></wp:post_date_gmt>"
            + "<wp:post_modified_gmt><![CDATA[" + d + "]]></wp:post_modified_gmt>"
            + "<wp:post_name><![CDATA[" + slug + "]]></wp:post_name>"
            + "<wp:status><![CDATA[" + (p % 50 == 0 ? "draft" : "publish") + "]]></wp:status>"
            + "<wp:post_parent>0</wp:post_parent><wp:post_type><![CDATA[post]]></wp:post_type>"
            + "<wp:post_password><![CDATA[]]></wp:post_password>"
            + "<category domain=\"category\" nicename=\"" + CATEGORIES[category] + "\"><![CDATA["
            + capital(CATEGORIES[category]) + "]]></category>");
        for (int t = 0; t < 3; t++) {
          var tag = WORDS[random.nextInt(WORDS.length)];
          w.write("<category domain=\"post_tag\" nicename=\"" + tag + "\"><![CDATA[" + capital(tag)
              + "]]></category>");
        }
        w.write("<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA["
            + picture + "]]></wp:meta_value></wp:postmeta></item>\n");
      }
      for (long a = 0; a < attachments; a++) {
        long id = posts + 1 + a;
        w.write("<item><title><![CDATA[photo " + id + "]]></title>"
            + "<wp:post_id>" + id + "</wp:post_id><wp:post_type><![CDATA[attachment]]></wp:post_type>"
            + "<wp:status><![CDATA[inherit]]></wp:status><wp:post_parent>0</wp:post_parent>"
            + "<wp:attachment_url><![CDATA[https://generated.example/wp-content/uploads/2020/01/photo-" + id
            + ".jpg]]></wp:attachment_url>"
            + "<wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key><wp:meta_value><![CDATA[2020/01/photo-"
            + id + ".jpg]]></wp:meta_value></wp:postmeta></item>\n");
      }
      w.write("</channel>\n</rss>\n");
    }
  }

  static String words(Random random, int n) {
    var out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) out.append(' ');
      out.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return out.toString();
  }

  static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
