-- Installs of the bot through the platform's "add to" flow, one per
-- workspace (team_id) or, organisation-wide, per organisation
-- (enterprise_id, team_id ''). Tokens are kept sealed by the adapter
-- (AES-GCM): these columns hold ciphertext only.
CREATE TABLE installations (
    enterprise_id text NOT NULL DEFAULT '',
    team_id text NOT NULL DEFAULT '',
    org_wide boolean NOT NULL DEFAULT false,
    app_id text NOT NULL DEFAULT '',
    bot_user_id text NOT NULL DEFAULT '',
    scope text NOT NULL DEFAULT '',
    installed_by text NOT NULL DEFAULT '',
    bot_token bytea NOT NULL,
    refresh_token bytea,
    expires_at timestamptz,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (enterprise_id, team_id)
);
CREATE INDEX installations_team ON installations (team_id);
CREATE INDEX installations_expiry ON installations (expires_at) WHERE refresh_token IS NOT NULL;
