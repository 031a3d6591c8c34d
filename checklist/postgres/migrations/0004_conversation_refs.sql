-- How to post into a channel unprompted (Teams needs the Bot Framework
-- service URL and ids), kept from the last message the bot was sent there.
-- stale is set when the platform refused a post, and cleared by the next
-- message that refreshes the reference.
CREATE TABLE conversation_refs (
	platform    text        NOT NULL,
	team        text        NOT NULL,
	channel     text        NOT NULL,
	service_url text        NOT NULL,
	bot_id      text        NOT NULL,
	bot_name    text        NOT NULL,
	user_id     text        NOT NULL,
	user_name   text        NOT NULL,
	stale       boolean     NOT NULL DEFAULT false,
	updated_at  timestamptz NOT NULL,
	PRIMARY KEY (platform, team, channel)
);
