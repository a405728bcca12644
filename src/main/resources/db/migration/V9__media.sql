-- Pictures: the media library. A row per uploaded original; the file itself is kept untouched
-- under the data directory, named by its SHA-256 (two uploads of the same file share it). The
-- width and height are the upright picture's (after its EXIF orientation, kept in orientation). The
-- focal point is where crops centre, as fractions of the width and height (0.5, 0.5 = the
-- middle). Renditions are not stored here: each is a pure function of (original, focal point,
-- crop, width, format), made on first request and kept on disk.
CREATE TABLE media (
  id            ${id},
  sha256        VARCHAR(64)   NOT NULL,
  content_type  VARCHAR(40)   NOT NULL,
  file_name     VARCHAR(300)  NOT NULL DEFAULT '',
  width         INTEGER       NOT NULL,
  height        INTEGER       NOT NULL,
  orientation   INTEGER       NOT NULL DEFAULT 1,
  bytes         BIGINT        NOT NULL,
  alt           VARCHAR(1000) NOT NULL DEFAULT '',
  caption       VARCHAR(2000) NOT NULL DEFAULT '',
  credit        VARCHAR(300)  NOT NULL DEFAULT '',
  source        VARCHAR(300)  NOT NULL DEFAULT '',
  focal_x       DOUBLE PRECISION NOT NULL DEFAULT 0.5 CHECK (focal_x >= 0 AND focal_x <= 1),
  focal_y       DOUBLE PRECISION NOT NULL DEFAULT 0.5 CHECK (focal_y >= 0 AND focal_y <= 1),
  uploaded_by   BIGINT        REFERENCES staff (id),
  uploaded_at   ${ts}         NOT NULL,
  updated_at    ${ts}         NOT NULL,
  version       INTEGER       NOT NULL DEFAULT 1
);
CREATE INDEX media_by_time ON media (uploaded_at, id);
CREATE INDEX media_by_uploader ON media (uploaded_by, uploaded_at);

-- An article's lead image; pictures in its body are in article_media too.
ALTER TABLE article ADD COLUMN lead_media_id BIGINT REFERENCES media (id);
ALTER TABLE article_revision ADD COLUMN lead_media_id BIGINT;

-- Which articles show which pictures (lead or body), rewritten with each save: an edited picture
-- (alt text, focal point) drops exactly the pages that show it, and the library can tell a used
-- picture from an unused one.
CREATE TABLE article_media (
  article_id  BIGINT  NOT NULL REFERENCES article (id) ON DELETE CASCADE,
  media_id    BIGINT  NOT NULL REFERENCES media (id),
  PRIMARY KEY (article_id, media_id)
);
CREATE INDEX article_media_by_media ON article_media (media_id, article_id);
