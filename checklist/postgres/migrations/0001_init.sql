-- The checklist schema. Names sort by name_key in byte order (COLLATE "C"),
-- as in the SQLite store, whatever the database's locale.

CREATE TABLE projects (
	id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	workspace    text        COLLATE "C" NOT NULL,
	name         text        NOT NULL,
	name_key     text        COLLATE "C" NOT NULL, -- lower-case name, folded in Go
	standard     text        NOT NULL,
	points       integer     NOT NULL CHECK (points > 0),
	phase        text        NOT NULL,
	assessment   date,                   -- NULL when not booked
	time_zone    text        NOT NULL,
	standup_at   text        NOT NULL DEFAULT '', -- '' when off
	standup_days text        NOT NULL DEFAULT '',
	reminders    text,                   -- NULL: the default; '': off; else '28,14,7'
	created_by   text        NOT NULL,
	created_at   timestamptz NOT NULL,
	updated_at   timestamptz NOT NULL,
	UNIQUE (workspace, name_key)
);

-- ProjectByName without a workspace.
CREATE INDEX projects_name_key ON projects (name_key);

-- id keeps the order channels were bound in: the first is where the project was made.
CREATE TABLE bindings (
	id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	platform   text        NOT NULL,
	team       text        NOT NULL,
	channel    text        NOT NULL,
	project_id bigint      NOT NULL REFERENCES projects (id),
	bound_by   text        NOT NULL,
	bound_at   timestamptz NOT NULL,
	UNIQUE (platform, team, channel)
);

CREATE INDEX bindings_project ON bindings (project_id);

CREATE TABLE point_states (
	project_id bigint      NOT NULL REFERENCES projects (id),
	point      integer     NOT NULL CHECK (point > 0),
	status     text        NOT NULL CHECK (status IN ('not-started', 'met', 'partly', 'not-met', 'n/a')),
	updated_by text        NOT NULL,
	updated_at timestamptz NOT NULL,
	PRIMARY KEY (project_id, point)
);

-- Notes and evidence. Adding one touches its point, so every item has a
-- point_states row and PointStates is one join.
CREATE TABLE items (
	id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	project_id bigint      NOT NULL,
	point      integer     NOT NULL,
	kind       text        NOT NULL CHECK (kind IN ('note', 'evidence')),
	body       text        NOT NULL,
	author     text        NOT NULL,
	at         timestamptz NOT NULL,
	FOREIGN KEY (project_id, point) REFERENCES point_states (project_id, point)
);

CREATE INDEX items_point ON items (project_id, point, id);

-- Append-only, read in id order. Writers to one project hold its row lock
-- while they take an id and until they commit, so within a project id order
-- is commit order.
CREATE TABLE history (
	id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	project_id bigint      NOT NULL REFERENCES projects (id),
	at         timestamptz NOT NULL,
	author     text        NOT NULL,
	point      integer     NOT NULL, -- 0 for a project-level change
	field      text        NOT NULL,
	old_value  text        NOT NULL,
	new_value  text        NOT NULL,
	note       text        NOT NULL
);

CREATE INDEX history_project ON history (project_id, id);
CREATE INDEX history_point ON history (project_id, point, id);

CREATE TABLE walks (
	key           text        PRIMARY KEY,
	project_id    bigint      NOT NULL REFERENCES projects (id),
	current_point integer     NOT NULL,
	skipped       text        NOT NULL, -- '3,5,8'
	updated_at    timestamptz NOT NULL
);

CREATE INDEX walks_project ON walks (project_id);

CREATE TABLE claims (
	key text        PRIMARY KEY,
	at  timestamptz NOT NULL
);

-- Pruning claims older than the retention.
CREATE INDEX claims_at ON claims (at);
