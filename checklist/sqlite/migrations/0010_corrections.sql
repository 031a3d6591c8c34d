-- Correcting what was recorded (checklist.Corrections): archived projects,
-- and note and evidence ids that are never given out twice.

-- When the project was archived; NULL while it is not.
ALTER TABLE projects ADD COLUMN archived_at TEXT;

-- Notes and evidence as before, but AUTOINCREMENT: without it SQLite gives
-- a new row the id of the last one deleted, and "note delete 12" said
-- twice would delete the note added since. Nothing refers to items, so the
-- table is copied across and the old one dropped within the migration's
-- transaction.
CREATE TABLE items_new (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	project_id INTEGER NOT NULL,
	point      INTEGER NOT NULL,
	kind       TEXT    NOT NULL CHECK (kind IN ('note', 'evidence')),
	body       TEXT    NOT NULL,
	author     TEXT    NOT NULL,
	at         TEXT    NOT NULL,
	FOREIGN KEY (project_id, point) REFERENCES point_states (project_id, point)
) STRICT;

INSERT INTO items_new (id, project_id, point, kind, body, author, at)
	SELECT id, project_id, point, kind, body, author, at FROM items;
DROP TABLE items;
ALTER TABLE items_new RENAME TO items;
CREATE INDEX items_point ON items (project_id, point, id);
