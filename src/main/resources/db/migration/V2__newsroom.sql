-- The newsroom: staff accounts and their sessions, sign-in throttling, revisions, the audit log.

CREATE TABLE staff (
  id            ${id},
  email         VARCHAR(254) NOT NULL UNIQUE,
  name          VARCHAR(200) NOT NULL,
  role          VARCHAR(16)  NOT NULL CHECK (role IN ('contributor', 'editor', 'admin')),
  password_hash VARCHAR(500) NOT NULL,
  created_at    ${ts}        NOT NULL,
  disabled      BOOLEAN      NOT NULL DEFAULT FALSE
);

-- A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a copy
-- of the database lets nobody in.
CREATE TABLE staff_session (
  token_hash    VARCHAR(64)  PRIMARY KEY,
  staff_id      BIGINT       NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  csrf_token    VARCHAR(64)  NOT NULL,
  created_at    ${ts}        NOT NULL,
  expires_at    ${ts}        NOT NULL
);
CREATE INDEX staff_session_by_staff ON staff_session (staff_id);

-- Failed sign-ins per account and per address, counted over a window (any node sees all).
CREATE TABLE sign_in_failure (
  id            ${id},
  subject       VARCHAR(300) NOT NULL,
  at            ${ts}        NOT NULL
);
CREATE INDEX sign_in_failure_by_subject ON sign_in_failure (subject, at);

-- Every save of an article, whole, so that any two can be compared and any one restored.
CREATE TABLE article_revision (
  id            ${id},
  article_id    BIGINT        NOT NULL REFERENCES article (id) ON DELETE CASCADE,
  version       INTEGER       NOT NULL,
  saved_by      BIGINT        REFERENCES staff (id),
  saved_at      ${ts}         NOT NULL,
  section_id    BIGINT        NOT NULL,
  series_id     BIGINT,
  slug          VARCHAR(200)  NOT NULL,
  headline      VARCHAR(300)  NOT NULL,
  standfirst    VARCHAR(1000) NOT NULL,
  body_md       TEXT          NOT NULL,
  byline        VARCHAR(2000) NOT NULL,
  tags          VARCHAR(2000) NOT NULL,
  UNIQUE (article_id, version)
);

CREATE TABLE audit_log (
  id            ${id},
  at            ${ts}         NOT NULL,
  staff_id      BIGINT        REFERENCES staff (id),
  action        VARCHAR(64)   NOT NULL,
  subject       VARCHAR(300)  NOT NULL,
  detail        VARCHAR(2000) NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_newest ON audit_log (at);

ALTER TABLE article ADD COLUMN created_by BIGINT REFERENCES staff (id);
ALTER TABLE article ADD COLUMN modified_at ${ts};
CREATE INDEX article_by_status ON article (status, published_at);

-- Tokens for the Admin API, made and revoked by their owner; only their hash is kept.
CREATE TABLE api_token (
  id            ${id},
  staff_id      BIGINT       NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  name          VARCHAR(100) NOT NULL,
  token_hash    VARCHAR(64)  NOT NULL UNIQUE,
  created_at    ${ts}        NOT NULL,
  last_used_at  ${ts},
  revoked_at    ${ts}
);
CREATE INDEX api_token_by_staff ON api_token (staff_id);
