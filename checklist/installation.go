package checklist

import (
	"context"
	"time"
)

// Installation is the bot installed in one workspace, or across an
// organisation of workspaces (OrgWide, Team empty), through the platform's
// "add to" flow. Its tokens are kept sealed: the store holds only the
// ciphertext an adapter gave it and never sees them in the clear.
type Installation struct {
	// Enterprise is the organisation the workspace belongs to, if any.
	Enterprise string
	// Team is the workspace; empty for an organisation-wide install.
	Team string
	// OrgWide says the install covers every workspace of Enterprise.
	OrgWide bool
	// AppID, BotUserID and Scope are what the platform said of the install.
	AppID, BotUserID, Scope string
	// InstalledBy is the id of the person who installed it.
	InstalledBy string
	// BotToken and RefreshToken are sealed (encrypted) by the adapter.
	BotToken, RefreshToken []byte
	// ExpiresAt is when BotToken expires; zero when it does not.
	ExpiresAt time.Time
	// UpdatedAt is set by the store when it saves the installation.
	UpdatedAt time.Time
}

// Installations keeps each workspace's install of the bot.
type Installations interface {
	// SaveInstallation stores in, replacing any install of the same
	// workspace (or, for an organisation-wide one, organisation), and sets
	// in.UpdatedAt. EINVALID without a workspace (or organisation for an
	// organisation-wide install) or a token.
	SaveInstallation(ctx context.Context, in *Installation) error
	// Installation returns the install that serves team of enterprise:
	// the workspace's own, else its organisation's organisation-wide one;
	// ENOTFOUND. With enterprise empty, team's organisation is the one
	// SaveWorkspaceOrganisation recorded, if any.
	Installation(ctx context.Context, enterprise, team string) (*Installation, error)
	// SaveWorkspaceOrganisation records that workspace team belongs to
	// organisation enterprise, replacing what was recorded for team: what
	// the bot sends on its own initiative knows only the workspace, and
	// an organisation-wide install is kept under the organisation.
	// EINVALID without either.
	SaveWorkspaceOrganisation(ctx context.Context, enterprise, team string) error
	// DeleteInstallation forgets the install of team (or, with team empty,
	// enterprise's organisation-wide one) and its tokens. Deleting an
	// unknown install is not an error.
	DeleteInstallation(ctx context.Context, enterprise, team string) error
	// DueForRefresh returns up to limit installs with a refresh token
	// whose bot token expires at or before before, soonest first.
	DueForRefresh(ctx context.Context, before time.Time, limit int) ([]*Installation, error)
	// SchedulePurge records that what is kept of platform's workspace
	// team is to be deleted at at (the bot was uninstalled there),
	// replacing an earlier schedule; CancelPurge forgets it (installed
	// again). DuePurges returns up to limit workspaces whose purge is due
	// at now, earliest first. PurgeWorkspace deletes the workspace's
	// projects, conversations, walks, confirmations, references, settings
	// and people's time zones, and its schedule.
	SchedulePurge(ctx context.Context, platform, team string, at time.Time) error
	CancelPurge(ctx context.Context, platform, team string) error
	DuePurges(ctx context.Context, now time.Time, limit int) ([]Binding, error)
	PurgeWorkspace(ctx context.Context, platform, team string) error
}

// InstallationKey is the workspace an install is kept under: its team, or
// for an organisation-wide install its enterprise.
func (in *Installation) InstallationKey() (enterprise, team string) {
	if in.OrgWide {
		return in.Enterprise, ""
	}
	return in.Enterprise, in.Team
}
