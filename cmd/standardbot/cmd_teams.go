package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/standardbot/standardbot/bot/teams"
)

func runTeamsPackage(_ context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("teams-package", flag.ContinueOnError)
	out := fs.String("out", "standardbot-teams.zip", "where to write the package")
	appID := fs.String("app-id", e.cfg.Teams.AppID, "the bot's Microsoft app id (TEAMS_APP_ID)")
	name := fs.String("name", "", "the app's name in Teams (default standardbot)")
	appVersion := fs.String("version", "", "the package's version, MAJOR.MINOR.PATCH (default 1.0.0); raise it to update an installed app")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("teams-package takes no arguments (flags: --out FILE --app-id ID)")
	}
	if *appID == "" {
		return usageErr("TEAMS_APP_ID is not set: give the bot's Microsoft app id (Azure Bot resource, Configuration) or --app-id")
	}
	var buf bytes.Buffer
	if err := teams.WritePackage(&buf, teams.PackageOptions{AppID: *appID, Name: *name, Version: *appVersion}); err != nil {
		return usageErr("%v", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write package: %w", err)
	}
	fmt.Fprintf(e.stdout, "Wrote %s (%d bytes): upload it in Teams with Apps, Manage your apps, Upload an app.\n", *out, buf.Len())
	return nil
}
