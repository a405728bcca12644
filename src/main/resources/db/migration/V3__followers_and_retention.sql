-- Durable followers of the change log (a search index, webhooks): each keeps the last change it
-- was handed and, on PostgreSQL, the lower ids it has not seen yet (a transaction that took an id
-- earlier can commit later). A follower resumes from here after a restart or a crash.
CREATE TABLE change_cursor (
  follower    VARCHAR(100)  PRIMARY KEY,
  last_id     BIGINT        NOT NULL,
  gaps        VARCHAR(4000) NOT NULL DEFAULT '',
  updated_at  ${ts}         NOT NULL
);

-- Work that must run once across all nodes (retention, later wire polls) is claimed here: a node
-- holds the lease until its time runs out, and another node takes it over only after that.
CREATE TABLE job_lease (
  job         VARCHAR(100)  PRIMARY KEY,
  holder      VARCHAR(100)  NOT NULL,
  until       ${ts}         NOT NULL
);

-- Retention deletes by age.
CREATE INDEX change_log_by_time ON change_log (created_at);
CREATE INDEX staff_session_by_expiry ON staff_session (expires_at);
CREATE INDEX sign_in_failure_by_time ON sign_in_failure (at);
