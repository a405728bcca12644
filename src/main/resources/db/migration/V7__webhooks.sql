-- Webhooks: endpoints an admin registers, and the events owed to them. A change-log follower
-- writes one delivery per (endpoint, event) — the UNIQUE key makes that idempotent when a change
-- is handed again or two nodes follow the same log — and a sender claims each due delivery with a
-- conditional UPDATE, so exactly one node sends each attempt. Every attempt is kept for the log.
CREATE TABLE webhook_endpoint (
  id           ${id},
  url          VARCHAR(2000) NOT NULL,
  secret       VARCHAR(200)  NOT NULL,
  events       VARCHAR(500)  NOT NULL,
  description  VARCHAR(200)  NOT NULL DEFAULT '',
  active       BOOLEAN       NOT NULL DEFAULT TRUE,
  created_at   ${ts}         NOT NULL,
  created_by   BIGINT        REFERENCES staff (id)
);

CREATE TABLE webhook_delivery (
  id              ${id},
  endpoint_id     BIGINT        NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
  event_key       VARCHAR(200)  NOT NULL,
  message_id      VARCHAR(100)  NOT NULL,
  event           VARCHAR(64)   NOT NULL,
  payload         TEXT          NOT NULL,
  state           VARCHAR(16)   NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts        INTEGER       NOT NULL DEFAULT 0,
  created_at      ${ts}         NOT NULL,
  next_attempt_at ${ts}         NOT NULL,
  claimed_by      VARCHAR(100),
  claimed_until   ${ts},
  UNIQUE (endpoint_id, event_key)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (state, next_attempt_at);
CREATE INDEX webhook_delivery_by_endpoint ON webhook_delivery (endpoint_id, id);
CREATE INDEX webhook_delivery_by_time ON webhook_delivery (created_at);

CREATE TABLE webhook_attempt (
  id           ${id},
  delivery_id  BIGINT        NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
  at           ${ts}         NOT NULL,
  status       INTEGER,
  error        VARCHAR(500)  NOT NULL DEFAULT '',
  millis       INTEGER       NOT NULL
);
CREATE INDEX webhook_attempt_by_delivery ON webhook_attempt (delivery_id, id);
