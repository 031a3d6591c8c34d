-- The organisation (Enterprise Grid) each workspace belongs to, as the
-- platform said when the workspace was last heard from
-- (checklist.Installations.SaveWorkspaceOrganisation): what the bot sends
-- on its own initiative knows only the workspace, and an
-- organisation-wide install is kept under its organisation.
CREATE TABLE workspace_organisations (
    team_id TEXT NOT NULL PRIMARY KEY,
    enterprise_id TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
