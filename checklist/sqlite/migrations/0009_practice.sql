-- Practice panels (checklist.PracticePanel): one person's mock assessment
-- in one conversation, keyed as walks are, so it survives a restart.
CREATE TABLE practice_panels (
	key           TEXT    PRIMARY KEY,
	project_id    INTEGER NOT NULL REFERENCES projects (id),
	points        TEXT    NOT NULL, -- '1,5,9'
	current_point INTEGER NOT NULL,
	question      INTEGER NOT NULL,
	updated_at    TEXT    NOT NULL
) STRICT;

CREATE INDEX practice_panels_project ON practice_panels (project_id);

-- The team's answers to a practice panel's questions, kept as given.
CREATE TABLE practice_answers (
	id         INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES projects (id),
	point      INTEGER NOT NULL,
	question   TEXT    NOT NULL,
	answer     TEXT    NOT NULL,
	author     TEXT    NOT NULL,
	at         TEXT    NOT NULL
) STRICT;

CREATE INDEX practice_answers_project ON practice_answers (project_id, id);
