-- The wire desk. An agency source delivers files (by URL, drop folder or push); each file is kept
-- as received (wire_delivery, for audit) and read into items. An item is one agency story, keyed
-- by the agency's GUID; a newer version replaces its current text and the older one stays in
-- wire_item_version. Items about one event, from any agency, share a story cluster. A file that
-- could not be read is kept in wire_rejected with the reason, and the source goes on.
CREATE TABLE wire_source (
  id              ${id},
  name            VARCHAR(100)  NOT NULL,
  format          VARCHAR(16)   NOT NULL CHECK (format IN ('rss', 'atom', 'ninjs', 'newsml-g2')),
  url             VARCHAR(2000) NOT NULL DEFAULT '',
  folder          VARCHAR(1000) NOT NULL DEFAULT '',
  every_seconds   INTEGER       NOT NULL DEFAULT 60,
  active          BOOLEAN       NOT NULL DEFAULT TRUE,
  etag            VARCHAR(500)  NOT NULL DEFAULT '',
  last_modified   VARCHAR(100)  NOT NULL DEFAULT '',
  last_poll_at    ${ts},
  last_success_at ${ts},
  last_error      VARCHAR(1000) NOT NULL DEFAULT '',
  failures        INTEGER       NOT NULL DEFAULT 0,
  next_poll_at    ${ts},
  claimed_by      VARCHAR(100),
  claimed_until   ${ts},
  created_at      ${ts}         NOT NULL,
  UNIQUE (name)
);

CREATE TABLE wire_delivery (
  id           ${id},
  source_id    BIGINT        NOT NULL REFERENCES wire_source (id) ON DELETE CASCADE,
  name         VARCHAR(500)  NOT NULL DEFAULT '',
  sha256       VARCHAR(64)   NOT NULL,
  content      TEXT          NOT NULL,
  received_at  ${ts}         NOT NULL
);
CREATE INDEX wire_delivery_by_source ON wire_delivery (source_id, sha256);

CREATE TABLE wire_cluster (
  id          ${id},
  language    VARCHAR(16)   NOT NULL,
  headline    VARCHAR(500)  NOT NULL,
  first_at    ${ts}         NOT NULL,
  last_at     ${ts}         NOT NULL
);
CREATE INDEX wire_cluster_by_time ON wire_cluster (last_at);

CREATE TABLE wire_item (
  id              ${id},
  source_id       BIGINT        NOT NULL REFERENCES wire_source (id) ON DELETE CASCADE,
  guid            VARCHAR(500)  NOT NULL,
  version         INTEGER       NOT NULL,
  version_stamp   VARCHAR(100)  NOT NULL DEFAULT '',
  signal          VARCHAR(16)   NOT NULL CHECK (signal IN ('usable', 'withheld', 'killed')),
  urgency         INTEGER,
  language        VARCHAR(16)   NOT NULL,
  headline        VARCHAR(500)  NOT NULL,
  lead            TEXT          NOT NULL,
  body_html       TEXT          NOT NULL,
  subjects        VARCHAR(2000) NOT NULL DEFAULT '',
  place           VARCHAR(300)  NOT NULL DEFAULT '',
  dateline        VARCHAR(300)  NOT NULL DEFAULT '',
  embargo_until   ${ts},
  first_created   ${ts}         NOT NULL,
  version_created ${ts}         NOT NULL,
  received_at     ${ts}         NOT NULL,
  updated_at      ${ts}         NOT NULL,
  delivery_id     BIGINT        REFERENCES wire_delivery (id) ON DELETE SET NULL,
  cluster_id      BIGINT        REFERENCES wire_cluster (id) ON DELETE SET NULL,
  grouped_with    BIGINT,
  grouped_score   DOUBLE PRECISION,
  grouped_reason  VARCHAR(1000) NOT NULL DEFAULT '',
  fingerprint     BIGINT        NOT NULL DEFAULT 0,
  UNIQUE (source_id, guid)
);
CREATE INDEX wire_item_by_time ON wire_item (version_created, id);
CREATE INDEX wire_item_by_update ON wire_item (updated_at);
CREATE INDEX wire_item_by_cluster ON wire_item (cluster_id);

CREATE TABLE wire_item_version (
  item_id         BIGINT        NOT NULL REFERENCES wire_item (id) ON DELETE CASCADE,
  version         INTEGER       NOT NULL,
  signal          VARCHAR(16)   NOT NULL,
  headline        VARCHAR(500)  NOT NULL,
  lead            TEXT          NOT NULL,
  body_html       TEXT          NOT NULL,
  embargo_until   ${ts},
  version_created ${ts}         NOT NULL,
  received_at     ${ts}         NOT NULL,
  delivery_id     BIGINT        REFERENCES wire_delivery (id) ON DELETE SET NULL,
  PRIMARY KEY (item_id, version)
);

CREATE TABLE wire_rejected (
  id           ${id},
  source_id    BIGINT        NOT NULL REFERENCES wire_source (id) ON DELETE CASCADE,
  name         VARCHAR(500)  NOT NULL DEFAULT '',
  reason       VARCHAR(1000) NOT NULL,
  excerpt      VARCHAR(2000) NOT NULL DEFAULT '',
  received_at  ${ts}         NOT NULL
);
CREATE INDEX wire_rejected_by_source ON wire_rejected (source_id, id);

-- The agency items an article was written from, at the version the writer saw: the provenance
-- behind "Staff, Agencies". The embargo is the item's when the draft was made (or when a later
-- version changed it), and holds publication back until then; killed flags the article when the
-- agency withdraws the item.
CREATE TABLE article_source (
  article_id     BIGINT        NOT NULL REFERENCES article (id) ON DELETE CASCADE,
  item_id        BIGINT        NOT NULL REFERENCES wire_item (id) ON DELETE CASCADE,
  version        INTEGER       NOT NULL,
  agency         VARCHAR(100)  NOT NULL,
  headline       VARCHAR(500)  NOT NULL,
  embargo_until  ${ts},
  killed         BOOLEAN       NOT NULL DEFAULT FALSE,
  PRIMARY KEY (article_id, item_id)
);
CREATE INDEX article_source_by_item ON article_source (item_id);
