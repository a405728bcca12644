-- What was imported from another system (a WordPress export), by that system's own ids: an import
-- run again, or resumed after it was killed, finds what it wrote before instead of writing it
-- twice. The fingerprint is a hash of what was written: an unchanged post is left alone, a changed
-- one becomes a new revision. Written in the same transaction as the article or picture itself.
CREATE TABLE import_origin (
  source       VARCHAR(300)  NOT NULL,
  kind         VARCHAR(32)   NOT NULL,
  source_id    VARCHAR(200)  NOT NULL,
  target_id    BIGINT        NOT NULL,
  fingerprint  VARCHAR(64)   NOT NULL,
  imported_at  ${ts}         NOT NULL,
  PRIMARY KEY (source, kind, source_id)
);

-- The addresses the outlet's pages had on its old site, each answered with a 301 to the page now:
-- an article's (followed by id, so a later change of slug or section still lands right), or a
-- fixed path for a section, tag, author or feed. The address is the decoded path without its
-- trailing slash, and for WordPress's "?p=123" style the query that names the post.
CREATE TABLE legacy_address (
  address     VARCHAR(1000) PRIMARY KEY,
  article_id  BIGINT        REFERENCES article (id) ON DELETE CASCADE,
  target      VARCHAR(1000),
  CHECK ((article_id IS NULL) <> (target IS NULL))
);
CREATE INDEX legacy_address_by_article ON legacy_address (article_id);
