package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// SaveInstallation stores in, replacing the install kept under the same
// key, and sets in.UpdatedAt; EINVALID for an install it cannot keep.
func (s *Store) SaveInstallation(ctx context.Context, in *checklist.Installation) error {
	if err := storeutil.CheckInstallation(in); err != nil {
		return err
	}
	t := s.clock.Now().UTC().Truncate(time.Microsecond)
	enterprise, team := in.InstallationKey()
	var refresh []byte
	if len(in.RefreshToken) > 0 {
		refresh = in.RefreshToken
	}
	_, err := s.exec(ctx, `INSERT INTO installations (`+storeutil.InstallationColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (enterprise_id, team_id) DO UPDATE SET org_wide = excluded.org_wide,
		app_id = excluded.app_id, bot_user_id = excluded.bot_user_id, scope = excluded.scope,
		installed_by = excluded.installed_by, bot_token = excluded.bot_token,
		refresh_token = excluded.refresh_token, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
		enterprise, team, in.OrgWide, in.AppID, in.BotUserID, in.Scope, in.InstalledBy,
		in.BotToken, refresh, timeOrNull(in.ExpiresAt), ts(t))
	if err != nil {
		return storeutil.Wrap("save installation", err)
	}
	in.UpdatedAt = t
	return nil
}

// Installation returns the install serving team of enterprise: the
// workspace's own, else the organisation's (with enterprise empty, the
// one recorded for team); ENOTFOUND.
func (s *Store) Installation(ctx context.Context, enterprise, team string) (*checklist.Installation, error) {
	row := s.reads.QueryRowContext(ctx, `SELECT `+storeutil.InstallationColumns+` FROM installations
		WHERE (team_id = ? AND team_id <> '' AND org_wide = 0) OR (org_wide = 1 AND enterprise_id <> '' AND enterprise_id =
			coalesce(nullif(?, ''), (SELECT enterprise_id FROM workspace_organisations WHERE team_id = ?)))
		ORDER BY org_wide LIMIT 1`, team, enterprise, team)
	in, err := scanInstallation(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, checklist.ErrNoInstallation()
	} else if err != nil {
		return nil, storeutil.Wrap("installation", err)
	}
	return in, nil
}

// SaveWorkspaceOrganisation records that team belongs to enterprise;
// EINVALID without either.
func (s *Store) SaveWorkspaceOrganisation(ctx context.Context, enterprise, team string) error {
	if err := storeutil.CheckWorkspaceOrganisation(enterprise, team); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO workspace_organisations (team_id, enterprise_id, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (team_id) DO UPDATE SET enterprise_id = excluded.enterprise_id, updated_at = excluded.updated_at`,
		team, enterprise, ts(s.clock.Now()))
	return storeutil.Wrap("save workspace organisation", err)
}

// DeleteInstallation forgets the install of team, or with team empty
// enterprise's organisation-wide one.
func (s *Store) DeleteInstallation(ctx context.Context, enterprise, team string) error {
	var err error
	if team == "" {
		_, err = s.exec(ctx, `DELETE FROM installations WHERE org_wide = 1 AND enterprise_id = ?`, enterprise)
	} else {
		_, err = s.exec(ctx, `DELETE FROM installations WHERE org_wide = 0 AND team_id = ?`, team)
	}
	return storeutil.Wrap("delete installation", err)
}

// DueForRefresh returns up to limit installs with a refresh token whose
// bot token expires at or before before, soonest first.
func (s *Store) DueForRefresh(ctx context.Context, before time.Time, limit int) ([]*checklist.Installation, error) {
	rows, err := s.reads.QueryContext(ctx, `SELECT `+storeutil.InstallationColumns+` FROM installations
		WHERE refresh_token IS NOT NULL AND expires_at IS NOT NULL AND expires_at <= ?
		ORDER BY expires_at, enterprise_id, team_id LIMIT ?`, ts(before), limit)
	if err != nil {
		return nil, storeutil.Wrap("installations due for refresh", err)
	}
	defer rows.Close()
	var out []*checklist.Installation
	for rows.Next() {
		in, err := scanInstallation(rows)
		if err != nil {
			return nil, storeutil.Wrap("installations due for refresh", err)
		}
		out = append(out, in)
	}
	return out, storeutil.Wrap("installations due for refresh", rows.Err())
}

func scanInstallation(row interface{ Scan(...any) error }) (*checklist.Installation, error) {
	in := &checklist.Installation{}
	err := row.Scan(&in.Enterprise, &in.Team, &in.OrgWide, &in.AppID, &in.BotUserID, &in.Scope, &in.InstalledBy,
		&in.BotToken, &in.RefreshToken, stamp{&in.ExpiresAt}, stamp{&in.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return in, nil
}
