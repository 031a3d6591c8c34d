-- Workspaces whose data is to be deleted at due_at: the bot was
-- uninstalled there, and the retention period runs until then
-- (checklist.Installations.SchedulePurge). Installing again cancels it.
CREATE TABLE workspace_purges (
    platform text NOT NULL,
    team text NOT NULL,
    due_at timestamptz NOT NULL,
    PRIMARY KEY (platform, team)
);
