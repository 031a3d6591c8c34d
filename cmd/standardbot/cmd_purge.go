package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/standardbot/standardbot/bot/slack"
	"github.com/standardbot/standardbot/checklist"
)

// runPurgeWorkspace deletes what the bot keeps of a workspace now, for an
// admin who will not wait out STANDARDBOT_UNINSTALL_RETENTION after an
// uninstall. A workspace the app is still installed in is refused.
func runPurgeWorkspace(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("purge-workspace", flag.ContinueOnError)
	platform := fs.String("platform", slack.Platform, "the workspace's platform")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] == "" {
		return usageErr("give the workspace's id, for example: standardbot purge-workspace T0123ABCD")
	}
	team := pos[0]
	store, err := openStore(ctx, e.cfg, e.now)
	if err != nil {
		return err
	}
	defer store.Close()
	if _, err := store.Installation(ctx, "", team); err == nil {
		return usageErr("the app is still installed in %s: uninstall it there first (Slack: the app's settings, Remove app)", team)
	} else if checklist.ErrorCode(err) != checklist.ENOTFOUND {
		return err
	}
	if err := store.PurgeWorkspace(ctx, *platform, team); err != nil {
		return fmt.Errorf("purge %s: %w", team, err)
	}
	fmt.Fprintf(e.stdout, "Deleted what was kept of %s workspace %s.\n", *platform, team)
	return nil
}
