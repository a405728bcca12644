package io.masthead.wire;

import java.util.Locale;

/**
 * What the agency says may be done with an item: use it, hold it back for now (withheld), or
 * never use it again (killed: NewsML-G2 {@code stat:canceled}, ninjs {@code canceled}).
 */
public enum Signal {
  USABLE,
  WITHHELD,
  KILLED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Signal ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
