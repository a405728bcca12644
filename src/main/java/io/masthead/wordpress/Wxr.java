package io.masthead.wordpress;

import java.util.List;
import java.util.Map;

/** What a WordPress export (WXR 1.0–1.2) holds, as read: text as written, nothing checked yet. */
public final class Wxr {
  private Wxr() {}

  /** The site: its address, language, and the authors, categories and tags listed before the items. */
  public record Site(
      String title,
      String link,
      String baseSiteUrl,
      String baseBlogUrl,
      String language,
      List<Author> authors,
      List<Category> categories,
      List<Term> tags) {}

  /** A WordPress user who wrote posts; posts name them by login. */
  public record Author(String login, String email, String displayName) {}

  /** A category; {@code parent} is the parent's nicename (slug), blank at the top. */
  public record Category(String nicename, String name, String parent, String description) {}

  /** A tag, or an item's category or tag: {@code domain} is "category" or "post_tag" on items. */
  public record Term(String domain, String nicename, String name) {}

  /**
   * An item: a post, a page, an attachment, a menu item… as WordPress exported it.
   *
   * @param dateGmt "yyyy-MM-dd HH:mm:ss" in UTC, or "0000-00-00 00:00:00" for drafts
   * @param date the same in the site's time zone
   * @param meta the post's custom fields (featured image: {@code _thumbnail_id})
   */
  public record Item(
      long postId,
      String type,
      String status,
      String title,
      String link,
      String guid,
      String creator,
      String content,
      String excerpt,
      String postName,
      String date,
      String dateGmt,
      String modifiedGmt,
      String pubDate,
      long parentId,
      String password,
      String attachmentUrl,
      List<Term> terms,
      Map<String, String> meta,
      int comments) {

    public List<Term> categories() {
      return terms.stream().filter(t -> t.domain().equals("category")).toList();
    }

    public List<Term> tags() {
      return terms.stream().filter(t -> t.domain().equals("post_tag")).toList();
    }
  }
}
