package io.masthead.author;

public record Author(
    long id, String edition, String slug, String name, String jobTitle, String bio) {
  public String listingKey() {
    return io.masthead.change.Tags.author(id);
  }
}
