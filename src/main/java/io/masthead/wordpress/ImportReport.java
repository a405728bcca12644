package io.masthead.wordpress;

import io.masthead.command.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an import did: counts of what it wrote, skipped and left, and for each kind of problem a
 * few examples (the post, the file), so that an editor knows what to look at. Not thread-safe:
 * one import fills it.
 */
public final class ImportReport {
  /** Examples kept per kind of note: enough to find the pattern, not a second copy of the site. */
  static final int EXAMPLES = 5;

  /** A kind of note: how many, and the first few. */
  public record Note(long count, List<String> examples) {}

  private final boolean dryRun;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Map<String, Long> skipped = new LinkedHashMap<>();
  private final Map<String, Long> notes = new LinkedHashMap<>();
  private final Map<String, List<String>> examples = new LinkedHashMap<>();
  private long comments;
  private long droppedCharacters;
  private long redirects;
  private long scanNanos;
  private long importNanos;

  ImportReport(boolean dryRun) {
    this.dryRun = dryRun;
  }

  void add(String what) {
    counts.merge(what, 1L, Long::sum);
  }

  void skip(String what) {
    skipped.merge(what, 1L, Long::sum);
  }

  void note(String kind, String example) {
    notes.merge(kind, 1L, Long::sum);
    var list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
    if (list.size() < EXAMPLES) list.add(example);
  }

  void refused(String post, Refusal refusal) {
    var reason = refusal instanceof Refusal.Invalid invalid
        ? invalid.byField().toString()
        : refusal.getMessage();
    note("posts refused (nothing written for them)", post + ": " + reason);
  }

  void comments(long n) {
    comments += n;
  }

  void droppedCharacters(long n) {
    droppedCharacters = n;
  }

  void redirects(long n) {
    redirects = n;
  }

  void timings(long scanNanos, long importNanos) {
    this.scanNanos = scanNanos;
    this.importNanos = importNanos;
  }

  public boolean dryRun() {
    return dryRun;
  }

  /** How many of {@code what} ("posts imported"…) the import counted. */
  public long count(String what) {
    return counts.getOrDefault(what, 0L);
  }

  public Map<String, Long> counts() {
    return Map.copyOf(counts);
  }

  public Map<String, Long> skipped() {
    return Map.copyOf(skipped);
  }

  public Map<String, Note> notes() {
    var out = new LinkedHashMap<String, Note>();
    notes.forEach((kind, n) -> out.put(kind, new Note(n, List.copyOf(examples.get(kind)))));
    return out;
  }

  public long comments() {
    return comments;
  }

  public long droppedCharacters() {
    return droppedCharacters;
  }

  public long redirects() {
    return redirects;
  }

  /** A line of the summary: English, so in ASCII digits whatever the machine's locale. */
  private static String line(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** The summary, in lines a person reads at the end of the command. */
  public List<String> lines() {
    var out = new ArrayList<String>();
    out.add(dryRun ? "Dry run: nothing was written." : "Imported:");
    counts.forEach((what, n) -> out.add(line("  %,8d %s", n, what)));
    if (!dryRun)
      out.add(line("  %,8d old addresses of sections, tags, authors and feeds kept", redirects));
    if (!skipped.isEmpty() || comments > 0) out.add("Skipped:");
    skipped.forEach((what, n) -> out.add(line("  %,8d %s", n, what)));
    if (comments > 0) out.add(line("  %,8d comments (Masthead has no comments)", comments));
    long posts = counts.entrySet().stream()
        .filter(e -> e.getKey().startsWith("posts "))
        .mapToLong(Map.Entry::getValue)
        .sum();
    if (importNanos > 0) {
      out.add(line(
          "Time: %.1f s to read the file for its attachments, then %,d posts in %.1f s (%,.0f posts/s)",
          scanNanos / 1e9, posts, importNanos / 1e9, posts / (importNanos / 1e9)));
    }
    if (!notes.isEmpty() || droppedCharacters > 0) out.add("To look at:");
    if (droppedCharacters > 0)
      out.add(line(
          "  %,8d characters XML does not allow, removed from the file as it was read",
          droppedCharacters));
    notes.forEach((kind, n) -> {
      out.add(line("  %,8d %s, e.g.:", n, kind));
      for (var example : examples.get(kind)) out.add("             " + example);
    });
    return out;
  }
}
