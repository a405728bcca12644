package io.masthead.web.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArticleFormsTest {
  @Test
  void a_picture_number_is_read_as_the_form_lists_it_or_bare() {
    assertThat(ArticleForms.Form.pictureNumber("42")).isEqualTo(42);
    assertThat(ArticleForms.Form.pictureNumber(" No. 42 ")).isEqualTo(42);
    assertThat(ArticleForms.Form.pictureNumber("no 7")).isEqualTo(7);
    assertThat(ArticleForms.Form.pictureNumber("#7")).isEqualTo(7);
  }

  @Test
  void anything_else_is_no_picture_number_for_the_desk_to_mark() {
    assertThat(ArticleForms.Form.pictureNumber("twelve")).isZero();
    assertThat(ArticleForms.Form.pictureNumber("12a")).isZero();
    assertThat(ArticleForms.Form.pictureNumber("-3")).isZero();
    assertThat(ArticleForms.Form.pictureNumber("١٢")).isZero(); // Arabic-Indic digits: not read
    assertThat(ArticleForms.Form.pictureNumber("9".repeat(19))).isZero();
  }
}
