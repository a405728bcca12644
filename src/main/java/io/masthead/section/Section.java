package io.masthead.section;

/** A section of an edition ("World", "Americas" under it). {@code parentId} is null at the top. */
public record Section(
    long id,
    String edition,
    String slug,
    String name,
    String description,
    Long parentId,
    int position) {
  public String listingKey() {
    return listingKey(id);
  }

  public static String listingKey(long sectionId) {
    return io.masthead.change.Tags.section(sectionId);
  }

  public boolean isTopLevel() {
    return parentId == null;
  }
}
