package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.media.Rendition;
import org.junit.jupiter.api.Test;

class PictureTest {

  @Test
  void a_slot_of_fixed_size_lists_the_widths_up_to_the_first_that_covers_it_on_dense_screens() {
    // 9rem at 20 px a rem and 3 device pixels a CSS pixel: 540 px, which 640 covers.
    assertThat(Picture.enoughFor(Rendition.WIDTHS, 9)).containsExactly(160, 320, 480, 640);
    assertThat(Picture.enoughFor(Rendition.WIDTHS, 14))
        .containsExactly(160, 320, 480, 640, 800, 960);
    // A picture smaller than the slot needs keeps what it has; a growing slot keeps them all.
    assertThat(Picture.enoughFor(new int[] {160, 320}, 9)).containsExactly(160, 320);
    assertThat(Picture.enoughFor(Rendition.WIDTHS, 0)).containsExactly(Rendition.WIDTHS);
  }
}
