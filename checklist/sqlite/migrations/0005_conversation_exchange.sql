-- The last question and answer in a conversation, so a follow-up in a
-- thread reaches a language model with what it follows.
ALTER TABLE conversations ADD COLUMN last_question TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN last_answer TEXT NOT NULL DEFAULT '';
