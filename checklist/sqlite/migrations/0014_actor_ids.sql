-- Who did something by their platform's stable user id, beside the
-- display name kept for showing (checklist.Person). A display name can be
-- changed to a colleague's, so whose a note is, who made a project and
-- whom "forget me" reaches go by the id. Rows written before this
-- migration keep '' here: for them only the name is known, and the code
-- falls back to comparing it (see checklist.Person.Is).
ALTER TABLE projects ADD COLUMN created_by_id TEXT NOT NULL DEFAULT '';
ALTER TABLE bindings ADD COLUMN bound_by_id TEXT NOT NULL DEFAULT '';
ALTER TABLE point_states ADD COLUMN updated_by_id TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN author_id TEXT NOT NULL DEFAULT '';
ALTER TABLE history ADD COLUMN author_id TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN recorded_by_id TEXT NOT NULL DEFAULT '';
ALTER TABLE assessment_ratings ADD COLUMN rated_by_id TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN added_by_id TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN closed_by_id TEXT NOT NULL DEFAULT '';
ALTER TABLE practice_answers ADD COLUMN author_id TEXT NOT NULL DEFAULT '';
