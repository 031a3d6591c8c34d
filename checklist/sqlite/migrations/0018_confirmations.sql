-- What waits for a person's yes (checklist.Confirmations), keyed by
-- conversation and person (checklist.WalkKey): kept here rather than in
-- one process's memory, so the yes may reach any process, and a restart
-- keeps it. payload is JSON the bot reads by kind.
CREATE TABLE confirmations (
    key        TEXT NOT NULL PRIMARY KEY,
    kind       TEXT NOT NULL,
    payload    TEXT NOT NULL,
    no_reply   TEXT NOT NULL,
    dropped    TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;

-- Deleting the expired ones.
CREATE INDEX confirmations_expires ON confirmations (expires_at);
