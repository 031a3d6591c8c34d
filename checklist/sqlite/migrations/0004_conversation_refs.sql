-- How to post into a channel unprompted (Teams needs the Bot Framework
-- service URL and ids), kept from the last message the bot was sent there.
-- stale is set when the platform refused a post, and cleared by the next
-- message that refreshes the reference.
CREATE TABLE conversation_refs (
	platform    TEXT    NOT NULL,
	team        TEXT    NOT NULL,
	channel     TEXT    NOT NULL,
	service_url TEXT    NOT NULL,
	bot_id      TEXT    NOT NULL,
	bot_name    TEXT    NOT NULL,
	user_id     TEXT    NOT NULL,
	user_name   TEXT    NOT NULL,
	stale       INTEGER NOT NULL DEFAULT 0 CHECK (stale IN (0, 1)),
	updated_at  TEXT    NOT NULL,
	PRIMARY KEY (platform, team, channel)
) STRICT;
