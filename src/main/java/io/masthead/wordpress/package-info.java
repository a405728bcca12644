/**
 * Moving in from WordPress: a WXR export read as a stream ({@link WxrReader}), its posts, authors,
 * categories, tags and pictures written through the same desks as the newsroom's
 * ({@link WordPressImport}), its bodies turned into Markdown ({@link WordPressBody}), and every old
 * address kept answering with a 301.
 */
package io.masthead.wordpress;
