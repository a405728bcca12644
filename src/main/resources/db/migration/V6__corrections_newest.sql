-- The corrections feed of an edition reads the newest corrections first.
CREATE INDEX correction_newest ON correction (published_at);
