package io.masthead.tag;

public record Tag(long id, String edition, String slug, String name) {
  public String listingKey() {
    return io.masthead.change.Tags.tag(id);
  }
}
