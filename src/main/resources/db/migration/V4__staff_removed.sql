-- A removed member of staff keeps their row, so that their name stays on their past work and in
-- the audit log; the email is freed for a new account and nobody can sign in as them again.
ALTER TABLE staff ADD COLUMN removed_at ${ts};
