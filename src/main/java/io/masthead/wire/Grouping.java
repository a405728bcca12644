package io.masthead.wire;

import io.masthead.search.SearchAnalyzers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Which story cluster a new item belongs to: the cluster of the most similar item of the same
 * language received within {@link #WINDOW}, when the similarity reaches {@link #THRESHOLD}, else a
 * cluster of its own. Nothing is learnt or hidden: each decision comes with its score and the
 * names and words that made it.
 *
 * <p>Two measures, the higher wins:
 *
 * <ul>
 *   <li><b>copies</b>: a 64-bit SimHash of the text's word triples (in the language's analysed
 *       form); two items at most {@link #NEAR_COPY_BITS} bits apart are the same text, lightly
 *       edited (score 1);
 *   <li><b>same event, other words</b>: the cosine of the items' TF-IDF vectors (headline
 *       counted three times, the lead twice, the first 80 words of the body once; the IDF from the
 *       window itself, so words every story uses weigh little), blended with the share of names
 *       and numbers they have in common ({@link #NAME_WEIGHT}).
 * </ul>
 *
 * Not thread-safe: {@link WireDesk} calls it under its ingest lock.
 */
final class Grouping {
  static final Duration WINDOW = Duration.ofHours(48);
  static final double THRESHOLD = 0.45;
  static final int NEAR_COPY_BITS = 6;
  static final double NAME_WEIGHT = 0.5;
  /** The least share of names (weighed by rarity) two named stories must have in common. */
  static final double MIN_NAMES = 0.5;

  private static final int BODY_WORDS = 80;
  private static final Pattern NAME =
      Pattern.compile("(?<![\\p{L}\\p{N}])(\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+)*)");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");
  /** Capitalised words that name no one: titles, days, months. */
  private static final Set<String> NOT_NAMES = Set.of(
      "mayor",
      "governor",
      "president",
      "minister",
      "prime",
      "captain",
      "chief",
      "general",
      "union",
      "central",
      "bank",
      "parliament",
      "police",
      "army",
      "court",
      "officials",
      "january",
      "february",
      "march",
      "april",
      "may",
      "june",
      "july",
      "august",
      "september",
      "october",
      "november",
      "december",
      "dec",
      "jan",
      "feb",
      "mar",
      "apr",
      "jun",
      "jul",
      "aug",
      "sep",
      "oct",
      "nov",
      "reuters",
      "kill",
      "flash",
      "urgent",
      "update",
      "editors");

  private static final Set<String> SENTENCE_WORDS = Set.of(
      "the",
      "a",
      "an",
      "in",
      "on",
      "at",
      "he",
      "she",
      "it",
      "they",
      "we",
      "i",
      "this",
      "that",
      "but",
      "and",
      "after",
      "as",
      "for",
      "of",
      "by",
      "with",
      "from",
      "its",
      "his",
      "her",
      "their",
      "there",
      "when",
      "while",
      "some",
      "more",
      "most",
      "officials",
      "police",
      "monday",
      "tuesday",
      "wednesday",
      "thursday",
      "friday",
      "saturday",
      "sunday");

  /** What the grouping knows of one item. */
  record Features(
      long itemId,
      long clusterId,
      String language,
      Instant at,
      Map<String, Integer> terms,
      Map<String, String> names,
      long simhash,
      String headline) {}

  /** The item a new one was grouped with, how similar they are, and why, in words. */
  record Match(long itemId, long clusterId, double score, String reason) {}

  private final Map<String, Analyzer> analyzers = new ConcurrentHashMap<>();
  private final Map<String, Map<Long, Features>> windows = new HashMap<>();
  private final Map<String, Map<String, Integer>> documentFrequencies = new HashMap<>();
  private final Map<String, Map<String, Set<Long>>> postings = new HashMap<>();
  private final Map<String, Map<String, Integer>> nameFrequencies = new HashMap<>();
  private final Map<String, Map<String, Set<Long>>> namePostings = new HashMap<>();

  /** The features of an item as it came in, at {@code at}. */
  Features features(long itemId, long clusterId, Incoming in, Instant at) {
    return features(
        itemId,
        clusterId,
        in.language(),
        at,
        in.headline(),
        in.lead(),
        in.bodyHtml(),
        in.place() + " " + in.dateline());
  }

  /**
   * The features of an item's text; {@code place} is where the agency says it happened (ninjs
   * places, a NewsML-G2 location, a dateline), names that hold in every language.
   */
  Features features(
      long itemId,
      long clusterId,
      String language,
      Instant at,
      String headline,
      String lead,
      String bodyHtml,
      String place) {
    var analyzer =
        analyzers.computeIfAbsent(language, l -> SearchAnalyzers.of(l).stemmed());
    var terms = new LinkedHashMap<String, Integer>();
    var headlineTerms = analyse(analyzer, headline);
    var leadTerms = analyse(analyzer, lead);
    var body = String.join(" ", WireText.paragraphs(bodyHtml));
    var bodyTerms = analyse(analyzer, firstWords(body, BODY_WORDS));
    headlineTerms.forEach(t -> terms.merge(t, 3, Integer::sum));
    leadTerms.forEach(t -> terms.merge(t, 2, Integer::sum));
    bodyTerms.forEach(t -> terms.merge(t, 1, Integer::sum));
    var all = new ArrayList<String>(headlineTerms.size() + leadTerms.size() + bodyTerms.size());
    all.addAll(leadTerms);
    all.addAll(analyse(analyzer, body));
    if (all.size() < 6) all.addAll(0, headlineTerms);
    var names = names(
        headline + ". " + lead + ". " + firstWords(body, BODY_WORDS), place, analyzer, language);
    return new Features(itemId, clusterId, language, at, terms, names, simhash(all), headline);
  }

  /** Forgets what fell out of the window, as of {@code now}. */
  void expire(Instant now) {
    var oldest = now.minus(WINDOW);
    for (var window : windows.values()) {
      var old = window.values().stream().filter(f -> f.at().isBefore(oldest)).toList();
      old.forEach(this::forget);
    }
  }

  /** Adds or replaces an item in the window. */
  void remember(Features f) {
    var old = windows.getOrDefault(f.language(), Map.of()).get(f.itemId());
    if (old != null) forget(old);
    windows.computeIfAbsent(f.language(), l -> new HashMap<>()).put(f.itemId(), f);
    var df = documentFrequencies.computeIfAbsent(f.language(), l -> new HashMap<>());
    var index = postings.computeIfAbsent(f.language(), l -> new HashMap<>());
    for (var t : f.terms().keySet()) {
      df.merge(t, 1, Integer::sum);
      index.computeIfAbsent(t, k -> new HashSet<>()).add(f.itemId());
    }
    var names = nameFrequencies.computeIfAbsent(f.language(), l -> new HashMap<>());
    var nameIndex = namePostings.computeIfAbsent(f.language(), l -> new HashMap<>());
    for (var name : f.names().keySet()) {
      names.merge(name, 1, Integer::sum);
      nameIndex.computeIfAbsent(name, k -> new HashSet<>()).add(f.itemId());
    }
  }

  private void forget(Features f) {
    windows.get(f.language()).remove(f.itemId());
    var df = documentFrequencies.get(f.language());
    var index = postings.get(f.language());
    var names = nameFrequencies.get(f.language());
    var nameIndex = namePostings.get(f.language());
    for (var name : f.names().keySet()) {
      names.computeIfPresent(name, (k, c) -> c <= 1 ? null : c - 1);
      nameIndex.computeIfPresent(name, (k, ids) -> {
        ids.remove(f.itemId());
        return ids.isEmpty() ? null : ids;
      });
    }
    for (var t : f.terms().keySet()) {
      df.computeIfPresent(t, (k, n) -> n <= 1 ? null : n - 1);
      index.computeIfPresent(t, (k, ids) -> {
        ids.remove(f.itemId());
        return ids.isEmpty() ? null : ids;
      });
    }
  }

  /** The most similar item in the window (of another agency's or the same), or null below the threshold. */
  Match best(Features f) {
    var window = windows.getOrDefault(f.language(), Map.of());
    var df = documentFrequencies.getOrDefault(f.language(), Map.of());
    int n = Math.max(window.size(), 1);
    var weights = weights(f.terms(), df, n);
    double norm = norm(weights);
    // Candidates: a named story can only reach the threshold beside one that shares some of its
    // names, and names are rare, so they are found through the names; a story without names
    // through its words (those not in most stories).
    // A name in more than one story in a hundred (a country, a common first name) finds too many
    // to be worth it; when all its names are that common, the words find them.
    var candidates = candidates(
        f.names().keySet(),
        namePostings.getOrDefault(f.language(), Map.of()),
        Math.max(20, n / 100));
    if (candidates.isEmpty())
      candidates = candidates(
          f.terms().keySet(), postings.getOrDefault(f.language(), Map.of()), Math.max(50, n / 5));
    Match best = null;
    for (var id : candidates) {
      var other = window.get(id);
      if (other == null || other.itemId() == f.itemId() || other.clusterId() <= 0) continue;
      if (Duration.between(other.at(), f.at()).abs().compareTo(WINDOW) > 0) continue;
      var match = compare(f, weights, norm, other, df, n);
      if (match != null && (best == null || match.score() > best.score())) best = match;
    }
    return best != null && best.score() >= THRESHOLD ? best : null;
  }

  private static Set<Long> candidates(
      Collection<String> keys, Map<String, Set<Long>> index, int common) {
    var out = new HashSet<Long>();
    for (var key : keys) {
      var ids = index.get(key);
      if (ids != null && ids.size() <= common) out.addAll(ids);
    }
    return out;
  }

  private Match compare(
      Features f,
      Map<String, Double> weights,
      double norm,
      Features other,
      Map<String, Integer> df,
      int n) {
    int bits = Long.bitCount(f.simhash() ^ other.simhash());
    if (bits <= NEAR_COPY_BITS && f.simhash() != 0)
      return new Match(
          other.itemId(),
          other.clusterId(),
          1.0,
          bits == 0
              ? "the same text as item " + other.itemId()
              : "a near copy of item " + other.itemId() + " (" + bits
                  + " of 64 fingerprint bits differ)");
    double dot = 0;
    for (var e : weights.entrySet()) {
      var count = other.terms().get(e.getKey());
      if (count != null) dot += e.getValue() * count * idf(df, e.getKey(), n);
    }
    if (dot == 0) return null;
    double cosine = dot / (norm * norm(other.terms(), df, n));
    var sharedNames = new TreeSet<>(f.names().keySet());
    sharedNames.retainAll(other.names().keySet());
    // Names weigh by their rarity in the window too: "Mayor" is in many stories, a town in few.
    var nameDf = nameFrequencies.getOrDefault(f.language(), Map.of());
    boolean bothNamed = !f.names().isEmpty() && !other.names().isEmpty();
    double names = bothNamed
        ? idfSum(sharedNames, nameDf, n)
            / Math.max(
                1e-9,
                Math.min(
                    idfSum(f.names().keySet(), nameDf, n),
                    idfSum(other.names().keySet(), nameDf, n)))
        : cosine;
    double score = (1 - NAME_WEIGHT) * cosine + NAME_WEIGHT * names;
    // Two stories that both name people, places and numbers, and share hardly any, are two
    // events of one kind (two earthquakes), however alike their wording.
    if (bothNamed && names < MIN_NAMES) score = Math.min(score, THRESHOLD / 2);
    var reason = new StringBuilder("similar to item ")
        .append(other.itemId())
        .append(String.format(java.util.Locale.ROOT, " (words %.2f", cosine));
    if (!sharedNames.isEmpty())
      reason.append(String.format(java.util.Locale.ROOT, ", names %.2f", names));
    reason.append(")");
    if (!sharedNames.isEmpty())
      reason
          .append("; names in common: ")
          .append(String.join(
              ", ",
              limit(sharedNames.stream().map(k -> f.names().get(k)).distinct().toList(), 8)));
    return new Match(other.itemId(), other.clusterId(), score, reason.toString());
  }

  private static List<String> limit(Collection<String> values, int max) {
    return values.stream().limit(max).toList();
  }

  private static Map<String, Double> weights(
      Map<String, Integer> terms, Map<String, Integer> df, int n) {
    var out = new HashMap<String, Double>(terms.size() * 2);
    terms.forEach((t, count) -> out.put(t, count * idf(df, t, n)));
    return out;
  }

  private static double idf(Map<String, Integer> df, String term, int n) {
    return Math.log(1 + (double) (n + 1) / (1 + df.getOrDefault(term, 0)));
  }

  private static double idfSum(Collection<String> names, Map<String, Integer> df, int n) {
    double sum = 0;
    for (var name : names) sum += idf(df, name, n);
    return sum;
  }

  /** The norm of a text's TF-IDF vector, without making the vector. */
  private static double norm(Map<String, Integer> terms, Map<String, Integer> df, int n) {
    double sum = 0;
    for (var e : terms.entrySet()) {
      double w = e.getValue() * idf(df, e.getKey(), n);
      sum += w * w;
    }
    return sum == 0 ? 1 : Math.sqrt(sum);
  }

  private static double norm(Map<String, Double> weights) {
    double sum = 0;
    for (double w : weights.values()) sum += w * w;
    return sum == 0 ? 1 : Math.sqrt(sum);
  }

  /**
   * Names and numbers, each in the analysed form (so "Beirut's" and "Beirut" agree): the numbers
   * of the text, the words of the place the agency gives, and in scripts with capitals, each
   * capitalised word that does not merely start a sentence and is no title or day ("Mayor",
   * "Tuesday"). Arabic has no capitals: its names are its numbers and the agency's place.
   */
  private static Map<String, String> names(
      String text, String place, Analyzer analyzer, String language) {
    var out = new LinkedHashMap<String, String>();
    var numbers = NUMBER.matcher(toAsciiDigits(text));
    while (numbers.find())
      out.putIfAbsent("#" + numbers.group().replace(',', '.'), numbers.group());
    for (var word : place.split("[\\s,]+")) addName(out, word, analyzer);
    if (language.equals("ar")) return out;
    var m = NAME.matcher(text);
    while (m.find()) {
      int start = m.start(1);
      var words = m.group(1).split("\\s+");
      boolean sentenceStart = start == 0 || precededBySentenceEnd(text, start);
      for (int w = sentenceStart ? 1 : 0; w < words.length; w++) {
        var word = words[w].toLowerCase(java.util.Locale.ROOT);
        if (NOT_NAMES.contains(word) || SENTENCE_WORDS.contains(word)) continue;
        // Word by word: one agency writes "Mayor Ilse Varga", another "Ilse Varga, the mayor".
        addName(out, words[w], analyzer);
      }
    }
    return out;
  }

  /** A name by its analysed form, remembered as written (for the reason shown to editors). */
  private static void addName(Map<String, String> names, String word, Analyzer analyzer) {
    for (var key : analyse(analyzer, word)) names.putIfAbsent(key, word.replaceAll("[’']s$", ""));
  }

  private static boolean precededBySentenceEnd(String text, int index) {
    for (int i = index - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '"' || c == '“' || c == '(') continue;
      return c == '.' || c == '!' || c == '?' || c == ':' || c == '—';
    }
    return true;
  }

  private static String toAsciiDigits(String text) {
    var out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : c);
    }
    return out.toString();
  }

  private static String firstWords(String text, int words) {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))
          && i > 0
          && !Character.isWhitespace(text.charAt(i - 1))
          && ++count == words) return text.substring(0, i);
    }
    return text;
  }

  static List<String> analyse(Analyzer analyzer, String text) {
    var out = new ArrayList<String>();
    if (text == null || text.isBlank()) return out;
    try (var stream = analyzer.tokenStream("", text)) {
      var term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) out.add(term.toString());
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** SimHash over word triples: texts that share most of their triples share most bits. */
  static long simhash(List<String> words) {
    if (words.size() < 3) return 0;
    int[] votes = new int[64];
    var seen = new HashSet<Long>();
    for (int i = 0; i + 2 < words.size(); i++) {
      long h = hash(words.get(i) + ' ' + words.get(i + 1) + ' ' + words.get(i + 2));
      if (!seen.add(h)) continue;
      for (int bit = 0; bit < 64; bit++) votes[bit] += ((h >>> bit) & 1) == 1 ? 1 : -1;
    }
    long out = 0;
    for (int bit = 0; bit < 64; bit++) if (votes[bit] > 0) out |= 1L << bit;
    return out;
  }

  /** 64-bit FNV-1a, then mixed (SplitMix64's finaliser) so neighbouring texts spread over all bits. */
  private static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
