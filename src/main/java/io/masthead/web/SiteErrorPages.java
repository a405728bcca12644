package io.masthead.web;

/** The reader site's own error page for an address, in the address's edition. */
public interface SiteErrorPages {
  /** The page for {@code status} at {@code path}, or null when the site has no edition to show it in. */
  byte[] errorPage(String path, int status, String reference);
}
