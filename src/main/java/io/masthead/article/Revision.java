package io.masthead.article;

import io.masthead.article.ArticleDraft.BylineRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One saved version of an article's content, with who saved it and when. */
public record Revision(
    long articleId, int version, Instant savedAt, String savedBy, ArticleDraft draft) {

  /** "a:12,c:staff": authors by id, credits by code, in byline order. */
  static String formatByline(List<BylineRef> byline) {
    var parts = new ArrayList<String>();
    for (var ref : byline)
      parts.add(
          ref.authorId() != null ? "a:" + ref.authorId() : "c:" + ref.credit().code());
    return String.join(",", parts);
  }

  static List<BylineRef> parseByline(String text) {
    var refs = new ArrayList<BylineRef>();
    if (text == null || text.isBlank()) return refs;
    for (var part : text.split(",")) {
      refs.add(
          part.startsWith("a:")
              ? BylineRef.author(Long.parseLong(part.substring(2)))
              : BylineRef.credit(Credit.ofCode(part.substring(2))));
    }
    return refs;
  }

  static String formatTags(List<Long> tagIds) {
    return String.join(",", tagIds.stream().map(String::valueOf).toList());
  }

  static List<Long> parseTags(String text) {
    if (text == null || text.isBlank()) return List.of();
    return java.util.Arrays.stream(text.split(",")).map(Long::parseLong).toList();
  }
}
