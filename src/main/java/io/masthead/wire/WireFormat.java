package io.masthead.wire;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats agencies deliver in, by the code the API and the forms use. */
public enum WireFormat {
  RSS("rss", "RSS 2.0"),
  ATOM("atom", "Atom"),
  NINJS("ninjs", "IPTC ninjs (JSON)"),
  NEWSML_G2("newsml-g2", "IPTC NewsML-G2 (XML)");

  private final String code;
  private final String label;

  WireFormat(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  public static Optional<WireFormat> ofCode(String code) {
    if (code == null) return Optional.empty();
    var wanted = code.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.code.equals(wanted)).findFirst();
  }
}
