-- Sign-in attempts counted per subject (an account from one address, an address, an account as a
-- whole) in a window, one row each: a conditional UPDATE reserves an attempt atomically on both
-- databases, so a burst of parallel guesses cannot slip past the limit. It replaces the list of
-- failures, which was read before and written after the password check.
CREATE TABLE sign_in_counter (
  subject       VARCHAR(600) PRIMARY KEY,
  window_start  ${ts}        NOT NULL,
  attempts      INTEGER      NOT NULL,
  last_at       ${ts}        NOT NULL
);
DROP TABLE sign_in_failure;
