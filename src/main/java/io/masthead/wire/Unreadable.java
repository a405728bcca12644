package io.masthead.wire;

/** A delivered file that could not be read, with the reason in words for the desk. */
public final class Unreadable extends Exception {
  public Unreadable(String reason) {
    super(reason, null, false, false);
  }
}
