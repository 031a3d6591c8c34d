-- When the scheduler next needs to look at a project; NULL for never. The
-- store sets it whenever a project is created or changed, and the
-- scheduler after each look. The rows already there get theirs from the
-- migration's Go step, since computing it needs the project's schedule in
-- its time zone.
ALTER TABLE projects ADD COLUMN next_due timestamptz;

-- A tick's query: the projects due by now, earliest first, ties by id.
-- Most projects are never due, so only those that may be are indexed.
CREATE INDEX projects_next_due ON projects (next_due, id) WHERE next_due IS NOT NULL;
