/**
 * Where imported content came from: its id in the system it was imported from ({@link Origin},
 * so that an import run twice or resumed converges instead of duplicating), and the addresses
 * its pages had there ({@link LegacyAddressRepository}, answered with a 301 to the page now). Written by
 * the desks inside their own transactions; read by the importers and the site's 404 path.
 */
package io.masthead.origin;
