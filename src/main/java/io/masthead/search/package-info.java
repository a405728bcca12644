/**
 * Reader and newsroom search: one Lucene index per edition, analysed in the edition's language,
 * kept current by following the change log with its cursor inside the index's own commits.
 */
package io.masthead.search;
