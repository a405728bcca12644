package io.masthead.testing;

import io.masthead.edition.Edition;
import java.time.ZoneId;

/** The two editions of the demo outlet as unit tests need them: no database, times in UTC. */
public final class TestEditions {
  private TestEditions() {}

  /** The default edition, at "/". */
  public static final Edition ENGLISH =
      new Edition("en", "English", "en", Edition.Direction.LTR, "", true, ZoneId.of("UTC"), 0);

  /** Right to left, at "/ar/". */
  public static final Edition ARABIC =
      new Edition("ar", "العربية", "ar", Edition.Direction.RTL, "/ar", false, ZoneId.of("UTC"), 1);

  /** A third edition in {@code language}, left to right, at "/{language}". */
  public static Edition inLanguage(String language) {
    return new Edition(
        language,
        language,
        language,
        Edition.Direction.LTR,
        "/" + language,
        false,
        ZoneId.of("UTC"),
        2);
  }

  /** The same edition, its days and hours in another time zone. */
  public static Edition inZone(Edition edition, ZoneId zone) {
    return new Edition(
        edition.code(),
        edition.name(),
        edition.language(),
        edition.direction(),
        edition.urlPrefix(),
        edition.isDefault(),
        zone,
        edition.position());
  }
}
