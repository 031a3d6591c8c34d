-- The checklist schema. Times are UTC text, 2006-01-02T15:04:05.000000Z,
-- which sorts as it reads; dates are YYYY-MM-DD.

CREATE TABLE projects (
	id           INTEGER PRIMARY KEY,
	workspace    TEXT    NOT NULL,
	name         TEXT    NOT NULL,
	name_key     TEXT    NOT NULL, -- lower-case name, folded in Go
	standard     TEXT    NOT NULL,
	points       INTEGER NOT NULL CHECK (points > 0),
	phase        TEXT    NOT NULL,
	assessment   TEXT,             -- NULL when not booked
	time_zone    TEXT    NOT NULL,
	standup_at   TEXT    NOT NULL DEFAULT '', -- '' when off
	standup_days TEXT    NOT NULL DEFAULT '',
	reminders    TEXT,             -- NULL: the default; '': off; else '28,14,7'
	created_by   TEXT    NOT NULL,
	created_at   TEXT    NOT NULL,
	updated_at   TEXT    NOT NULL,
	UNIQUE (workspace, name_key)
) STRICT;

-- ProjectByName without a workspace.
CREATE INDEX projects_name_key ON projects (name_key);

-- id keeps the order channels were bound in: the first is where the project was made.
CREATE TABLE bindings (
	id         INTEGER PRIMARY KEY,
	platform   TEXT    NOT NULL,
	team       TEXT    NOT NULL,
	channel    TEXT    NOT NULL,
	project_id INTEGER NOT NULL REFERENCES projects (id),
	bound_by   TEXT    NOT NULL,
	bound_at   TEXT    NOT NULL,
	UNIQUE (platform, team, channel)
) STRICT;

CREATE INDEX bindings_project ON bindings (project_id);

CREATE TABLE point_states (
	project_id INTEGER NOT NULL REFERENCES projects (id),
	point      INTEGER NOT NULL CHECK (point > 0),
	status     TEXT    NOT NULL CHECK (status IN ('not-started', 'met', 'partly', 'not-met', 'n/a')),
	updated_by TEXT    NOT NULL,
	updated_at TEXT    NOT NULL,
	PRIMARY KEY (project_id, point)
) STRICT, WITHOUT ROWID;

-- Notes and evidence. Adding one touches its point, so every item has a
-- point_states row and PointStates is one join.
CREATE TABLE items (
	id         INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL,
	point      INTEGER NOT NULL,
	kind       TEXT    NOT NULL CHECK (kind IN ('note', 'evidence')),
	body       TEXT    NOT NULL,
	author     TEXT    NOT NULL,
	at         TEXT    NOT NULL,
	FOREIGN KEY (project_id, point) REFERENCES point_states (project_id, point)
) STRICT;

CREATE INDEX items_point ON items (project_id, point, id);

-- Append-only. AUTOINCREMENT so ids only grow: history is read in id order.
CREATE TABLE history (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	project_id INTEGER NOT NULL REFERENCES projects (id),
	at         TEXT    NOT NULL,
	author     TEXT    NOT NULL,
	point      INTEGER NOT NULL, -- 0 for a project-level change
	field      TEXT    NOT NULL,
	old_value  TEXT    NOT NULL,
	new_value  TEXT    NOT NULL,
	note       TEXT    NOT NULL
) STRICT;

CREATE INDEX history_project ON history (project_id, id);
CREATE INDEX history_point ON history (project_id, point, id);

CREATE TABLE walks (
	key           TEXT    PRIMARY KEY,
	project_id    INTEGER NOT NULL REFERENCES projects (id),
	current_point INTEGER NOT NULL,
	skipped       TEXT    NOT NULL, -- '3,5,8'
	updated_at    TEXT    NOT NULL
) STRICT;

CREATE INDEX walks_project ON walks (project_id);

CREATE TABLE claims (
	key TEXT PRIMARY KEY,
	at  TEXT NOT NULL
) STRICT;

-- Pruning claims older than the retention.
CREATE INDEX claims_at ON claims (at);
