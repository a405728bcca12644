package io.masthead.series;

/** A special-coverage series (a dossier); a promoted one is the edition's site banner. */
public record Series(
    long id, String edition, String slug, String title, String description, boolean promoted) {
  public String listingKey() {
    return io.masthead.change.Tags.series(id);
  }
}
