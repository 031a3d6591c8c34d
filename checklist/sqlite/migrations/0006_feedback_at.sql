-- The feedback report reads the newest clicks first.
CREATE INDEX feedback_at ON feedback (at);
