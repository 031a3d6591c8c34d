package storeutil

import (
	"context"

	"github.com/standardbot/standardbot/checklist"
)

// PurgeWorkspace deletes what the bot keeps of platform's workspace team:
// its projects (every row of each, as DeleteProject), its conversations,
// walks, confirmations (a report read, waiting for its yes), conversation
// references, channel settings and people's time zones, and the purge
// scheduled for it.
func PurgeWorkspace(ctx context.Context, tx Tx, platform, team string) error {
	var ids []int64
	err := tx.Query(ctx, `SELECT DISTINCT project_id FROM bindings WHERE platform = ? AND team = ?`, []any{platform, team},
		func(vals []any) error { ids = append(ids, integer(vals[0])); return nil })
	if err != nil {
		return err
	}
	for _, id := range ids {
		var binds []checklist.Binding
		err := tx.Query(ctx, `SELECT platform, team, channel FROM bindings WHERE project_id = ?`, []any{id}, func(vals []any) error {
			binds = append(binds, checklist.Binding{Platform: text(vals[0]), Team: text(vals[1]), Channel: text(vals[2])})
			return nil
		})
		if err != nil {
			return err
		}
		if err := DeleteProject(ctx, tx, id, binds); err != nil {
			return err
		}
	}
	prefix := checklist.ConversationKey(checklist.Binding{Platform: platform, Team: team}, "")
	prefix = prefix[:len(prefix)-1] // platform|team|, of every channel
	_, err = run(ctx, tx, []stmt{
		{`DELETE FROM conversations WHERE substr(key, 1, length(CAST(? AS TEXT))) = ?`, []any{prefix, prefix}},
		{`DELETE FROM walks WHERE substr(key, 1, length(CAST(? AS TEXT))) = ?`, []any{prefix, prefix}},
		{`DELETE FROM confirmations WHERE substr(key, 1, length(CAST(? AS TEXT))) = ?`, []any{prefix, prefix}},
		{`DELETE FROM conversation_refs WHERE platform = ? AND team = ?`, []any{platform, team}},
		{`DELETE FROM channel_settings WHERE platform = ? AND team = ?`, []any{platform, team}},
		{`DELETE FROM person_zones WHERE workspace = ?`, []any{team}},
		{`DELETE FROM workspace_purges WHERE platform = ? AND team = ?`, []any{platform, team}},
	})
	return err
}
