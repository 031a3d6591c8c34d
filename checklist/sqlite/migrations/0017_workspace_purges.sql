-- Workspaces whose data is to be deleted at due_at: the bot was
-- uninstalled there, and the retention period runs until then
-- (checklist.Installations.SchedulePurge). Installing again cancels it.
CREATE TABLE workspace_purges (
    platform TEXT NOT NULL,
    team TEXT NOT NULL,
    due_at TEXT NOT NULL,
    PRIMARY KEY (platform, team)
);
