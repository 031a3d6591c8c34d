-- The person a one-to-one conversation is with, by their stable id, so
-- the bot can write to them privately (a stand-up's question) through the
-- conversation they already have with it; '' for a shared conversation.
ALTER TABLE conversation_refs ADD COLUMN direct_user text NOT NULL DEFAULT '';
CREATE INDEX conversation_refs_direct ON conversation_refs (platform, team, direct_user) WHERE direct_user <> '';
