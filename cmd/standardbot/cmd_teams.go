package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/standardbot/standardbot/bot/teams"
)

// teamsPackageUsage is teams-package's flags, in main's command list and
// its errors.
const teamsPackageUsage = "[--out FILE] [--app-id ID] --developer-name NAME --website-url URL --privacy-url URL --terms-url URL [--name NAME] [--version X.Y.Z]"

func runTeamsPackage(_ context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("teams-package", flag.ContinueOnError)
	t := e.cfg.Teams
	out := fs.String("out", "standardbot-teams.zip", "where to write the package")
	appID := fs.String("app-id", t.AppID, "the bot's Microsoft app id (TEAMS_APP_ID)")
	name := fs.String("name", "", "the app's name in Teams (default standardbot)")
	appVersion := fs.String("version", "", "the package's version, MAJOR.MINOR.PATCH (default 1.0.0); raise it to update an installed app")
	dev := fs.String("developer-name", t.DeveloperName, "your organisation's name, as Teams shows it (TEAMS_DEVELOPER_NAME)")
	website := fs.String("website-url", t.WebsiteURL, "your organisation's https page for the app (TEAMS_WEBSITE_URL)")
	privacy := fs.String("privacy-url", t.PrivacyURL, "your https privacy notice (TEAMS_PRIVACY_URL)")
	terms := fs.String("terms-url", t.TermsURL, "your https terms of use (TEAMS_TERMS_URL)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("teams-package takes no arguments (flags: %s)", teamsPackageUsage)
	}
	if *appID == "" {
		return usageErr("TEAMS_APP_ID is not set: give the bot's Microsoft app id (Azure Bot resource, Configuration) or --app-id")
	}
	var buf bytes.Buffer
	if err := teams.WritePackage(&buf, teams.PackageOptions{
		AppID: *appID, Name: *name, Version: *appVersion,
		DeveloperName: *dev, DeveloperWebsiteURL: *website, DeveloperPrivacyURL: *privacy, DeveloperTermsURL: *terms,
	}); err != nil {
		return usageErr("%v", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	fmt.Fprintf(e.stdout, "Wrote %s (%d bytes): upload it in Teams (Apps, Manage your apps, Upload an app) or, where custom apps are blocked, ask an admin to add it in the Teams admin centre (Teams apps, Manage apps, Upload new app).\n", *out, buf.Len())
	return nil
}
