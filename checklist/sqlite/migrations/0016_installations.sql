-- Installs of the bot through the platform's "add to" flow, one per
-- workspace (team_id) or, organisation-wide, per organisation
-- (enterprise_id, team_id ''). Tokens are kept sealed by the adapter
-- (AES-GCM): these columns hold ciphertext only.
CREATE TABLE installations (
    enterprise_id TEXT NOT NULL DEFAULT '',
    team_id TEXT NOT NULL DEFAULT '',
    org_wide INTEGER NOT NULL DEFAULT 0,
    app_id TEXT NOT NULL DEFAULT '',
    bot_user_id TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT '',
    installed_by TEXT NOT NULL DEFAULT '',
    bot_token BLOB NOT NULL,
    refresh_token BLOB,
    expires_at TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (enterprise_id, team_id)
);
CREATE INDEX installations_team ON installations (team_id);
CREATE INDEX installations_expiry ON installations (expires_at) WHERE refresh_token IS NOT NULL;
