-- What happened at a project's service assessments (checklist.Assessments):
-- the outcome of each, each point's rating there, and the panel's actions.

-- One row a day: recording an outcome for a date already recorded updates it.
CREATE TABLE assessments (
	id          INTEGER PRIMARY KEY,
	project_id  INTEGER NOT NULL REFERENCES projects (id),
	held_on     TEXT    NOT NULL, -- YYYY-MM-DD
	stage       TEXT    NOT NULL, -- '' when not known
	result      TEXT    NOT NULL, -- '' when not known
	source      TEXT    NOT NULL, -- the report's address, or ''
	recorded_by TEXT    NOT NULL,
	recorded_at TEXT    NOT NULL,
	UNIQUE (project_id, held_on)
) STRICT;

CREATE TABLE assessment_ratings (
	assessment_id INTEGER NOT NULL REFERENCES assessments (id),
	point         INTEGER NOT NULL CHECK (point > 0),
	rating        TEXT    NOT NULL,
	note          TEXT    NOT NULL,
	rated_by      TEXT    NOT NULL,
	rated_at      TEXT    NOT NULL,
	PRIMARY KEY (assessment_id, point)
) STRICT, WITHOUT ROWID;

-- A panel's actions. closed_at is NULL while the action is open.
CREATE TABLE actions (
	id            INTEGER PRIMARY KEY,
	project_id    INTEGER NOT NULL REFERENCES projects (id),
	assessment_id INTEGER NOT NULL REFERENCES assessments (id),
	point         INTEGER NOT NULL CHECK (point > 0),
	body          TEXT    NOT NULL,
	added_by      TEXT    NOT NULL,
	added_at      TEXT    NOT NULL,
	due           TEXT    NOT NULL, -- YYYY-MM-DD
	closed_at     TEXT,
	closed_by     TEXT    NOT NULL DEFAULT '',
	evidence      TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX actions_project ON actions (project_id, due, id);
CREATE INDEX actions_assessment ON actions (assessment_id, id);
