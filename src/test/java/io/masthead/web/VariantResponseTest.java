package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VariantResponseTest {
  @Test
  void gzipIsSentWhenTheClientAdmitsIt() {
    assertThat(VariantResponse.acceptsGzip("gzip, deflate, br")).isTrue();
    assertThat(VariantResponse.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
    assertThat(VariantResponse.acceptsGzip("*")).isTrue();
    assertThat(VariantResponse.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(VariantResponse.acceptsGzip("gzip;q=0.000, *"))
        .isFalse(); // named and refused: "*" does not bring it back
    assertThat(VariantResponse.acceptsGzip("*;q=0")).isFalse();
    assertThat(VariantResponse.acceptsGzip("identity")).isFalse();
    assertThat(VariantResponse.acceptsGzip("gzip;q=nonsense")).isFalse();
  }

  @Test
  void etagsCompareWeaklyAndInLists() {
    assertThat(VariantResponse.matches("W/\"abc\"", "W/\"abc\"")).isTrue();
    assertThat(VariantResponse.matches("\"abc\"", "W/\"abc\"")).isTrue();
    assertThat(VariantResponse.matches("\"x\", W/\"abc\"", "W/\"abc\"")).isTrue();
    assertThat(VariantResponse.matches("*", "W/\"abc\"")).isTrue();
    assertThat(VariantResponse.matches("W/\"abd\"", "W/\"abc\"")).isFalse();
  }
}
