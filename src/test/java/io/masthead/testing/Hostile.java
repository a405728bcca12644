package io.masthead.testing;

/** What an attacker, or a careless paste, puts in a text field. */
public final class Hostile {
  private Hostile() {}

  /**
   * Longer than any text column (VARCHAR(2000) at most), with a NUL, markup, a right-to-left
   * override and Arabic; in Latin letters mostly, so that a whole form stays under the server's
   * size limit for a form (with every field in Arabic, the article form was refused whole with a
   * 413, unread).
   */
  public static final String TEXT =
      "x".repeat(2100) + " عودة العبّارات\u0000<script>alert(1)</script>\u202E' OR 1=1 --";
}
