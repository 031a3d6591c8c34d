-- Feedback on answers, and what the bot remembers of a conversation.

-- One row per person per answer: a later click replaces the earlier one.
-- user_id sorts in byte order (COLLATE "C"), as in the SQLite store.
CREATE TABLE feedback (
	ref      text        NOT NULL,
	user_id  text        COLLATE "C" NOT NULL,
	helpful  boolean     NOT NULL,
	question text        NOT NULL,
	platform text        NOT NULL,
	at       timestamptz NOT NULL,
	PRIMARY KEY (ref, user_id)
);

CREATE TABLE conversations (
	key        text        PRIMARY KEY,
	standard   text        NOT NULL, -- '' for the channel's project's or the default
	updated_at timestamptz NOT NULL
);
