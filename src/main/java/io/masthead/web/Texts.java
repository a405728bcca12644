package io.masthead.web;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.RelativeDateTimeFormatter;
import com.ibm.icu.text.RelativeDateTimeFormatter.AbsoluteUnit;
import com.ibm.icu.text.RelativeDateTimeFormatter.Direction;
import com.ibm.icu.text.RelativeDateTimeFormatter.RelativeUnit;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import io.masthead.edition.Edition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The interface strings, dates and relative times of one edition, in its language, through
 * ICU (plural rules, Arabic digits and all). Thread-safe: ICU formatters are not, so each use
 * takes a fresh clone of the cached prototype.
 */
public final class Texts {
  private final Edition edition;
  private final Clock clock;
  private final ResourceBundle bundle;
  /** What dates, numbers, lists and plurals are written in (see {@link #formatting}). */
  private final ULocale locale;

  private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();
  private final DateFormat dateTime;
  /**
   * Dates as {@link #dateTime} writes them, by minute (its finest unit): a render writes one for
   * each story it lists, the same stories head many pages, and ICU takes microseconds for each.
   */
  private final com.github.benmanes.caffeine.cache.Cache<Long, String> dateTimes =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(4096).build();

  private final RelativeDateTimeFormatter relative;

  /**
   * The interface strings of a language: its own file, else English (the base file), never the
   * machine's language. ResourceBundle's default lookup tries the JVM's locale before the base
   * file: a French edition served from a machine in an Arabic locale read Arabic.
   */
  public static ResourceBundle messages(java.util.Locale language) {
    return ResourceBundle.getBundle("i18n.messages", language, ONLY_THE_LANGUAGE_ASKED);
  }

  private static final ResourceBundle.Control ONLY_THE_LANGUAGE_ASKED =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  /**
   * The locale dates, numbers, lists and plurals are written in: the edition's where ICU has data
   * for its language, else English, as the interface strings are. ICU otherwise falls back to the
   * machine's locale: an edition in a language it lacks was dated in Arabic on an Arabic machine.
   */
  static ULocale formatting(ULocale language) {
    return IcuLanguages.ALL.contains(language.getLanguage()) ? language : ULocale.ENGLISH;
  }

  /**
   * Reads which languages ICU has data for (~10 ms, once), as a server starts, on another thread
   * than the first page's; returns how many.
   */
  public static int readIcuLanguages() {
    return IcuLanguages.ALL.size();
  }

  /** The languages ICU has data for, read once. */
  private static final class IcuLanguages {
    static final java.util.Set<String> ALL = java.util.Arrays.stream(ULocale.getAvailableLocales())
        .map(ULocale::getLanguage)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  public Texts(Edition edition, Clock clock) {
    this.edition = edition;
    this.clock = clock;
    this.bundle = messages(edition.locale().toLocale());
    this.locale = formatting(edition.locale());
    var dateTimeFormat = DateFormat.getDateTimeInstance(DateFormat.LONG, DateFormat.SHORT, locale);
    dateTimeFormat.setTimeZone(TimeZone.getTimeZone(edition.timeZone().getId()));
    this.dateTime = dateTimeFormat;
    this.relative = RelativeDateTimeFormatter.getInstance(locale);
  }

  public Edition edition() {
    return edition;
  }

  /** An interface string; {@code args} fill its ICU MessageFormat pattern (plurals included). */
  public String t(String key, Object... args) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalArgumentException(
          "no interface string '" + key + "' for " + edition.language(), e);
    }
    if (args.length == 0 && pattern.indexOf('{') < 0) return pattern;
    var format = formats.computeIfAbsent(key, k -> new MessageFormat(pattern, locale));
    synchronized (format) {
      return format.format(args);
    }
  }

  /** "11 days ago", "قبل ١١ يومًا": how long ago, as a reader says it. */
  public String relative(Instant then) {
    var age = Duration.between(then, clock.instant());
    var direction = age.isNegative() ? Direction.NEXT : Direction.LAST;
    var reading = Reading.of(age.abs());
    synchronized (relative) {
      return reading.unit() == null
          ? relative.format(Direction.PLAIN, AbsoluteUnit.NOW)
          : relative.format(reading.amount(), direction, reading.unit());
    }
  }

  /** The longest a page is kept for its relative times: see {@link #unchangedFor}. */
  public static final Duration LONGEST_UNCHANGED = Duration.ofHours(6);

  /**
   * How long {@link #relative} goes on saying the same of {@code then}, so how long a page that
   * shows it may be kept: "5 minutes ago" until the next whole minute, "3 hours ago" until the
   * next whole hour, "11 days ago" until the next whole day. At most {@link
   * #LONGEST_UNCHANGED}; a second for a time still to come.
   */
  public Duration unchangedFor(Instant then) {
    var age = Duration.between(then, clock.instant());
    if (age.isNegative()) return Duration.ofSeconds(1);
    Duration next;
    if (age.toSeconds() < 60) next = Duration.ofMinutes(1);
    else if (age.toMinutes() < 60) next = Duration.ofMinutes(age.toMinutes() + 1);
    else if (age.toHours() < 24) next = Duration.ofHours(age.toHours() + 1);
    else {
      long days = age.toDays();
      // Past 45 days the text counts months or years: often the same tomorrow.
      if (Reading.of(Duration.ofDays(days + 1)).equals(Reading.of(age))) return LONGEST_UNCHANGED;
      next = Duration.ofDays(days + 1);
    }
    var left = next.minus(age);
    return left.compareTo(LONGEST_UNCHANGED) < 0 ? left : LONGEST_UNCHANGED;
  }

  /** What a relative time says: an amount of a unit, or "now" (no unit). */
  private record Reading(long amount, RelativeUnit unit) {
    static Reading of(Duration size) {
      if (size.toSeconds() < 60) return new Reading(0, null);
      if (size.toMinutes() < 60) return new Reading(size.toMinutes(), RelativeUnit.MINUTES);
      if (size.toHours() < 24) return new Reading(size.toHours(), RelativeUnit.HOURS);
      if (size.toDays() < 45) return new Reading(size.toDays(), RelativeUnit.DAYS);
      if (size.toDays() < 365)
        return new Reading(Math.round(size.toDays() / 30.44), RelativeUnit.MONTHS);
      return new Reading(size.toDays() / 365, RelativeUnit.YEARS);
    }
  }

  /** The full date and time in the edition's time zone, for titles and notices. */
  public String dateTime(Instant when) {
    return dateTimes.get(Math.floorDiv(when.getEpochSecond(), 60), minute -> {
      synchronized (dateTime) {
        return dateTime.format(new Date(minute * 60_000));
      }
    });
  }

  /** Names as a list in the language: "A, B and C", "A وB". */
  public String list(java.util.List<String> names) {
    return com.ibm.icu.text.ListFormatter.getInstance(locale).format(names);
  }

  /** A number without grouping, such as a year: 2026, ٢٠٢٦. */
  public String plainNumber(long n) {
    var format = com.ibm.icu.text.NumberFormat.getIntegerInstance(locale);
    format.setGroupingUsed(false);
    return format.format(n);
  }

  /** A number in the edition's digits. */
  public String number(long n) {
    return com.ibm.icu.text.NumberFormat.getIntegerInstance(locale).format(n);
  }
}
