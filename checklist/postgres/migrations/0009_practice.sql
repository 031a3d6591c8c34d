-- Practice panels (checklist.PracticePanel): one person's mock assessment
-- in one conversation, keyed as walks are, so it survives a restart.
CREATE TABLE practice_panels (
	key           text        PRIMARY KEY,
	project_id    bigint      NOT NULL REFERENCES projects (id),
	points        text        NOT NULL, -- '1,5,9'
	current_point integer     NOT NULL,
	question      integer     NOT NULL,
	updated_at    timestamptz NOT NULL
);

CREATE INDEX practice_panels_project ON practice_panels (project_id);

-- The team's answers to a practice panel's questions, kept as given.
CREATE TABLE practice_answers (
	id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	project_id bigint      NOT NULL REFERENCES projects (id),
	point      integer     NOT NULL,
	question   text        NOT NULL,
	answer     text        NOT NULL,
	author     text        NOT NULL,
	at         timestamptz NOT NULL
);

CREATE INDEX practice_answers_project ON practice_answers (project_id, id);
