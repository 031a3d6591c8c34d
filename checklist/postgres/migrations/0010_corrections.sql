-- Correcting what was recorded (checklist.Corrections): archived projects.
-- Note and evidence ids, identity columns, are never given out twice.

-- When the project was archived; NULL while it is not.
ALTER TABLE projects ADD COLUMN archived_at timestamptz;
