-- The bank holiday division a project chose (checklist.Project.Holidays):
-- england-and-wales, scotland or northern-ireland; '' for none, when its
-- time zone or STANDARDBOT_HOLIDAYS says (checklist.Project.Division).
ALTER TABLE projects ADD COLUMN holidays TEXT NOT NULL DEFAULT '';
