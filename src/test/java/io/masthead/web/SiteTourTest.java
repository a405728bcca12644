package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SiteTourTest {
  static final List<String> HOMES = List.of("/", "/ar/");

  @Test
  void articles_of_one_edition_are_one_kind_and_the_other_edition_s_another() {
    assertThat(SiteTour.kind("/world/2026/01/02/storm-a1", HOMES))
        .isEqualTo(SiteTour.kind("/sport/2025/11/30/final-b2", HOMES));
    assertThat(SiteTour.kind("/ar/world/2026/01/02/عاصفة-a1", HOMES))
        .isNotEqualTo(SiteTour.kind("/world/2026/01/02/storm-a1", HOMES));
  }

  @Test
  void home_section_series_tag_author_and_favorites_are_kinds_of_their_own() {
    var kinds = List.of(
            "/", "/world/", "/series/the-accord", "/tag/energy", "/author/ines", "/favorites")
        .stream()
        .map(path -> SiteTour.kind(path, HOMES))
        .distinct()
        .count();
    assertThat(kinds).isEqualTo(6);
    assertThat(SiteTour.kind("/ar/", HOMES)).isNotEqualTo(SiteTour.kind("/", HOMES));
  }

  @Test
  void the_feeds_of_every_listing_are_one_kind_per_format() {
    assertThat(SiteTour.kind("/world/feed", HOMES))
        .isEqualTo(SiteTour.kind("/tag/energy/feed", HOMES));
    assertThat(SiteTour.kind("/world/feed", HOMES))
        .isNotEqualTo(SiteTour.kind("/world/feed.atom", HOMES));
    assertThat(SiteTour.kind("/ar/feed", HOMES)).isNotEqualTo(SiteTour.kind("/feed", HOMES));
  }
}
