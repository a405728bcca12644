package io.masthead.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How an item's subjects choose a draft's section and tags, as an admin writes them, one rule a
 * line: {@code subject = section-slug} sends a subject to a section, {@code subject = #Tag} adds a
 * tag ({@code *} in a subject matches any run of characters; "#" lines are comments). A subject
 * no rule names, but which is the name or slug of a section, goes there; the others become tags.
 */
public record SubjectRules(List<Rule> rules) {
  public static final String SETTING = "wire.subject-rules";
  public static final int MAX_TEXT = 4000;

  /** One rule: a subject pattern and a section slug or a tag name. */
  public record Rule(String subject, String section, String tag) {
    boolean matches(String value) {
      var pattern = subject.toLowerCase(Locale.ROOT);
      var text = value.toLowerCase(Locale.ROOT);
      if (!pattern.contains("*")) return pattern.equals(text);
      var regex = new StringBuilder();
      for (var part : pattern.split("\\*", -1)) {
        if (!regex.isEmpty()) regex.append(".*");
        regex.append(java.util.regex.Pattern.quote(part));
      }
      return text.matches(regex.toString());
    }
  }

  /** The rules of a text; lines that are not rules are named in {@code problems}. */
  public static SubjectRules parse(String text, List<String> problems) {
    var rules = new ArrayList<Rule>();
    if (text == null) return new SubjectRules(rules);
    int n = 0;
    for (var line : text.split("\\R")) {
      n++;
      var l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) continue;
      int eq = l.indexOf('=');
      if (eq <= 0 || eq == l.length() - 1) {
        problems.add("Line " + n + " is not \"subject = section-slug\" or \"subject = #Tag\".");
        continue;
      }
      var subject = l.substring(0, eq).strip();
      var target = l.substring(eq + 1).strip();
      rules.add(
          target.startsWith("#")
              ? new Rule(subject, null, target.substring(1).strip())
              : new Rule(subject, target, null));
    }
    return new SubjectRules(rules);
  }

  /** The section slug the first rule matching any subject names. */
  public Optional<String> section(List<String> subjects) {
    for (var rule : rules)
      if (rule.section() != null && subjects.stream().anyMatch(rule::matches))
        return Optional.of(rule.section());
    return Optional.empty();
  }

  /** The tags the rules add for these subjects. */
  public List<String> tags(List<String> subjects) {
    return rules.stream()
        .filter(r -> r.tag() != null && subjects.stream().anyMatch(r::matches))
        .map(Rule::tag)
        .distinct()
        .toList();
  }

  /** Whether some rule names this subject (then it does not become a tag of its own). */
  public boolean covers(String subject) {
    return rules.stream().anyMatch(r -> r.matches(subject));
  }
}
