package storeutil

import "github.com/standardbot/standardbot/checklist"

// CheckInstallation refuses an install a store cannot keep: one without
// its workspace (or, organisation-wide, organisation) or bot token.
func CheckInstallation(in *checklist.Installation) error {
	switch {
	case in.OrgWide && in.Enterprise == "":
		return checklist.ErrBadInstallation("an organisation-wide install without its organisation")
	case !in.OrgWide && in.Team == "":
		return checklist.ErrBadInstallation("an install without its workspace")
	case len(in.BotToken) == 0:
		return checklist.ErrBadInstallation("an install without a token")
	}
	return nil
}

// InstallationColumns are the columns installation queries read, in the
// order ScanInstallation-style code scans them.
const InstallationColumns = `enterprise_id, team_id, org_wide, app_id, bot_user_id, scope,
	installed_by, bot_token, refresh_token, expires_at, updated_at`

// CheckWorkspaceOrganisation refuses a workspace's organisation without
// the workspace or the organisation.
func CheckWorkspaceOrganisation(enterprise, team string) error {
	switch {
	case team == "":
		return checklist.ErrBadInstallation("an organisation's workspace without its id")
	case enterprise == "":
		return checklist.ErrBadInstallation("a workspace's organisation without its id")
	}
	return nil
}
