-- Feedback on answers, and what the bot remembers of a conversation.

-- One row per person per answer: a later click replaces the earlier one.
CREATE TABLE feedback (
	ref      TEXT    NOT NULL,
	user_id  TEXT    NOT NULL,
	helpful  INTEGER NOT NULL CHECK (helpful IN (0, 1)),
	question TEXT    NOT NULL,
	platform TEXT    NOT NULL,
	at       TEXT    NOT NULL,
	PRIMARY KEY (ref, user_id)
) STRICT;

CREATE TABLE conversations (
	key        TEXT PRIMARY KEY,
	standard   TEXT NOT NULL, -- '' for the channel's project's or the default
	updated_at TEXT NOT NULL
) STRICT;
