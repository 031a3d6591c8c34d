-- What happened at a project's service assessments (checklist.Assessments):
-- the outcome of each, each point's rating there, and the panel's actions.

-- One row a day: recording an outcome for a date already recorded updates it.
CREATE TABLE assessments (
	id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	project_id  bigint      NOT NULL REFERENCES projects (id),
	held_on     date        NOT NULL,
	stage       text        NOT NULL, -- '' when not known
	result      text        NOT NULL, -- '' when not known
	source      text        NOT NULL, -- the report's address, or ''
	recorded_by text        NOT NULL,
	recorded_at timestamptz NOT NULL,
	UNIQUE (project_id, held_on)
);

CREATE TABLE assessment_ratings (
	assessment_id bigint      NOT NULL REFERENCES assessments (id),
	point         integer     NOT NULL CHECK (point > 0),
	rating        text        NOT NULL,
	note          text        NOT NULL,
	rated_by      text        NOT NULL,
	rated_at      timestamptz NOT NULL,
	PRIMARY KEY (assessment_id, point)
);

-- A panel's actions. closed_at is NULL while the action is open.
CREATE TABLE actions (
	id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	project_id    bigint      NOT NULL REFERENCES projects (id),
	assessment_id bigint      NOT NULL REFERENCES assessments (id),
	point         integer     NOT NULL CHECK (point > 0),
	body          text        NOT NULL,
	added_by      text        NOT NULL,
	added_at      timestamptz NOT NULL,
	due           date        NOT NULL,
	closed_at     timestamptz,
	closed_by     text        NOT NULL DEFAULT '',
	evidence      text        NOT NULL DEFAULT ''
);

CREATE INDEX actions_project ON actions (project_id, due, id);
CREATE INDEX actions_assessment ON actions (assessment_id, id);
