package io.masthead.wordpress;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.article.BodyRenderer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WordPress content, classic and Gutenberg, turned into the Markdown the newsroom edits. */
class WordPressBodyTest {
  final WordPressBody body = new WordPressBody();
  final List<String> notes = new ArrayList<>();

  /** Attachment 7 is in the library as picture 70; any other picture is missing. */
  final WordPressBody.Pictures pictures = new WordPressBody.Pictures() {
    @Override
    public WordPressBody.Picture find(long attachmentId, String url) {
      if (attachmentId == 7 || url.contains("/uploads/2026/03/boat"))
        return new WordPressBody.Picture(70, "A boat", "At sea");
      return null;
    }

    @Override
    public List<Long> attachedTo(long postId) {
      return List.of(7L);
    }
  };

  final WordPressBody.Notes sink = new WordPressBody.Notes() {
    @Override
    public void unknownShortcode(String name) {
      notes.add("shortcode " + name);
    }

    @Override
    public void missingPicture(String address) {
      notes.add("missing " + address);
    }

    @Override
    public void removed(String what) {
      notes.add("removed " + what);
    }
  };

  String md(String content) {
    return body.toMarkdown(content, 1, pictures, sink);
  }

  @Test
  void classic_paragraphs_line_breaks_and_text_that_looks_like_markdown_stay_text() {
    assertThat(
            md(
                "Price: 5 * 3 = 15 [sic]_\nsecond line\n\n# not a heading\n\n1. not a list\n\n5 < 6 & 7 > 3"))
        .isEqualTo("Price: 5 \\* 3 = 15 \\[sic\\]\\_\\\nsecond line\n\n\\# not a heading\n\n"
            + "1\\. not a list\n\n5 &lt; 6 &amp; 7 > 3");
    assertThat(notes).containsExactly("shortcode sic"); // reported, and kept as text
  }

  @Test
  void gutenberg_blocks_become_headings_lists_quotes_and_code() {
    var content = """
        <!-- wp:heading {"level":1} --><h1>Top</h1><!-- /wp:heading -->
        <!-- wp:list {"ordered":true} --><ol><li>One <em>first</em></li><li>Two<ul><li>Inner</li></ul></li></ol><!-- /wp:list -->
        <!-- wp:quote --><blockquote class="wp-block-quote"><p>Said it.</p><p>Twice.</p></blockquote><!-- /wp:quote -->
        <!-- wp:code --><pre class="wp-block-code"><code>a * b
        c</code></pre><!-- /wp:code -->
        <!-- wp:separator --><hr/><!-- /wp:separator -->
        <!-- wp:archives /-->""";
    assertThat(md(content))
        .isEqualTo("## Top\n\n1. One *first*\n2. Two\n\n   - Inner\n\n> Said it.\n>\n> Twice.\n\n"
            + "```\na * b\nc\n```\n\n---");
    assertThat(notes).containsExactly("removed block archives");
  }

  @Test
  void pictures_come_from_the_library_with_their_caption_and_missing_ones_are_reported() {
    var content =
        "[caption id=\"attachment_7\" width=\"300\"]<a href=\"/big.jpg\"><img class=\"wp-image-7\""
            + " src=\"https://old.example/wp-content/uploads/2026/03/boat-300x200.jpg\" alt=\"\" /></a>"
            + " A boat \"at\" sea[/caption]\n\nText <img src=\"https://old.example/wp-content/uploads/x.jpg\">"
            + " after.\n\n[gallery]";
    assertThat(md(content))
        .isEqualTo(
            "![A boat](media:70 \"A boat \\\"at\\\" sea\")\n\nText after.\n\n![A boat](media:70 \"At sea\")");
    assertThat(notes).containsExactly("missing https://old.example/wp-content/uploads/x.jpg");
  }

  @Test
  void embeds_become_links_and_scripts_and_frames_are_removed() {
    var content = "[embed]https://www.youtube.com/watch?v=1[/embed]\n\nhttps://vimeo.com/2\n\n"
        + "<iframe src=\"https://evil.example\"></iframe>\n\n<p>Hi<script>alert(1)</script></p>";
    assertThat(md(content))
        .isEqualTo("[https://www.youtube.com/watch?v=1](<https://www.youtube.com/watch?v=1>)\n\n"
            + "[https://vimeo.com/2](<https://vimeo.com/2>)\n\nHi");
    assertThat(notes).containsExactly("removed iframe", "removed script");
  }

  @Test
  void the_markdown_renders_to_the_html_the_post_had() {
    var markdown =
        md("Gales for <strong>three days</strong> and <a href=\"https://example.org/a?b=1&c=2\">"
            + "a report</a>, H<sub>2</sub>O.\n\n<table><tr><td>1</td></tr></table>\n\n[[gallery]]");
    var html = new BodyRenderer().render(markdown).html();
    assertThat(html)
        .contains("<strong>three days</strong>")
        .contains(
            "<a href=\"https://example.org/a?b&#61;1&amp;c&#61;2\" rel=\"noopener\">a report</a>")
        .contains("H<sub>2</sub>O")
        .contains("<table>")
        .contains("[gallery]");
    assertThat(notes).isEmpty();
  }
}
