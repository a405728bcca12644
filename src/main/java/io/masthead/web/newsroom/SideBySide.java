package io.masthead.web.newsroom;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Two versions of a text side by side, line by line, changed lines marked: revisions, agency versions. */
final class SideBySide {
  private static final DiffRowGenerator GENERATOR =
      DiffRowGenerator.create().showInlineDiffs(false).build();

  private final List<NewsroomViews.DiffLine> lines = new ArrayList<>();

  /** A one-line field, such as the headline: equal or changed. */
  SideBySide field(String name, String before, String after) {
    var kind = before.equals(after) ? "equal" : "change";
    lines.add(new NewsroomViews.DiffLine(kind, name + ": " + before, name + ": " + after));
    return this;
  }

  /** A text of many lines (or paragraphs), compared line by line. */
  SideBySide text(List<String> before, List<String> after) {
    for (DiffRow row : GENERATOR.generateDiffRows(before, after)) {
      lines.add(new NewsroomViews.DiffLine(
          row.getTag().name().toLowerCase(Locale.ROOT),
          unescape(row.getOldLine()),
          unescape(row.getNewLine())));
    }
    return this;
  }

  List<NewsroomViews.DiffLine> lines() {
    return List.copyOf(lines);
  }

  /** java-diff-utils escapes HTML in its rows; the template escapes again, so undo the first. */
  private static String unescape(String text) {
    return text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }
}
