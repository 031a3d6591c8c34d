-- What waits for a person's yes (checklist.Confirmations), keyed by
-- conversation and person (checklist.WalkKey): kept here rather than in
-- one replica's memory, so the yes may reach any replica, and a restart
-- keeps it. payload is JSON the bot reads by kind, kept as text so it
-- comes back byte for byte.
CREATE TABLE confirmations (
    key        text        NOT NULL PRIMARY KEY,
    kind       text        NOT NULL,
    payload    text        NOT NULL,
    no_reply   text        NOT NULL,
    dropped    text        NOT NULL,
    expires_at timestamptz NOT NULL
);

-- Deleting the expired ones.
CREATE INDEX confirmations_expires ON confirmations (expires_at);
