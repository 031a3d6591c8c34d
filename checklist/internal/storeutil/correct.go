package storeutil

import (
	"context"
	"strconv"
	"strings"

	"github.com/standardbot/standardbot/checklist"
)

// Tx is what the corrections both stores share need of a transaction:
// statements written with ? for each argument (the PostgreSQL store numbers
// them) and in SQL both databases read alike, and rows read as values.
type Tx interface {
	// Exec runs a statement and says how many rows it changed.
	Exec(ctx context.Context, query string, args ...any) (int64, error)
	// Query calls row with each row's values: int64 for integers, string
	// for text.
	Query(ctx context.Context, query string, args []any, row func(vals []any) error) error
}

// DeleteItemText removes a note's or evidence's text, and the earlier
// versions of it its edits kept, from where the store copied it: the
// history entries that recorded it (the text becomes
// checklist.DeletedText) and an action closed with it as its evidence.
// Then it deletes the item. The caller adds the "deleted" history entry.
func DeleteItemText(ctx context.Context, tx Tx, it *checklist.ItemRef) error {
	tag, edited := ItemTag(it.ID), it.Kind+" edited"
	texts := []string{it.Text}
	err := tx.Query(ctx, `SELECT old_value FROM history WHERE project_id = ? AND point = ? AND field = ? AND note = ?`,
		[]any{it.ProjectID, it.Point, edited, tag}, func(vals []any) error {
			texts = append(texts, text(vals[0]))
			return nil
		})
	if err != nil {
		return err
	}
	d := checklist.DeletedText
	stmts := []stmt{{`UPDATE history SET old_value = ?, new_value = ? WHERE project_id = ? AND point = ? AND field = ? AND note = ?`,
		[]any{d, d, it.ProjectID, it.Point, edited, tag}}}
	for _, t := range texts {
		stmts = append(stmts,
			stmt{`UPDATE history SET new_value = ? WHERE project_id = ? AND point = ? AND field = ? AND new_value = ?`,
				[]any{d, it.ProjectID, it.Point, it.Kind, t}},
			stmt{`UPDATE history SET note = ? WHERE project_id = ? AND point = ? AND field IN ('status', 'action done') AND note = ?`,
				[]any{d, it.ProjectID, it.Point, t}})
		if it.Kind == "evidence" {
			stmts = append(stmts, stmt{`UPDATE actions SET evidence = ? WHERE project_id = ? AND point = ? AND evidence = ?`,
				[]any{d, it.ProjectID, it.Point, t}})
		}
	}
	stmts = append(stmts, stmt{`DELETE FROM items WHERE id = ? AND project_id = ?`, []any{it.ID, it.ProjectID}})
	_, err = run(ctx, tx, stmts)
	return err
}

// ItemTag is how the history names an item: #12.
func ItemTag(id int64) string { return "#" + strconv.FormatInt(id, 10) }

// DeleteProject deletes every row of a project, children first, in every
// table (see checklist.Corrections.DeleteProject); binds are its channels.
func DeleteProject(ctx context.Context, tx Tx, id int64, binds []checklist.Binding) error {
	var stmts []stmt
	for _, table := range []string{"actions", "assessments", "items", "point_states", "history", "walks", "practice_panels", "practice_answers", "standup_members", "standup_answers"} {
		if table == "actions" {
			stmts = append(stmts, stmt{`DELETE FROM assessment_ratings WHERE assessment_id IN (SELECT id FROM assessments WHERE project_id = ?)`, []any{id}})
		}
		stmts = append(stmts, stmt{`DELETE FROM ` + table + ` WHERE project_id = ?`, []any{id}})
	}
	for _, prefix := range checklist.DueKeyPrefixes(id) {
		stmts = append(stmts, stmt{`DELETE FROM claims WHERE key LIKE ? ESCAPE '\'`, []any{"%" + LikeEscape(prefix) + "%"}})
	}
	for _, b := range binds {
		prefix := checklist.ConversationKey(b, "")
		stmts = append(stmts, stmt{`DELETE FROM conversations WHERE substr(key, 1, length(CAST(? AS TEXT))) = ?`, []any{prefix, prefix}})
	}
	stmts = append(stmts, stmt{`DELETE FROM bindings WHERE project_id = ?`, []any{id}},
		stmt{`DELETE FROM projects WHERE id = ?`, []any{id}})
	_, err := run(ctx, tx, stmts)
	return err
}

// LikeEscape escapes LIKE's wildcards in s, for a pattern with ESCAPE '\'.
func LikeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// stmt is one statement and its arguments.
type stmt struct {
	query string
	args  []any
}

// run runs stmts in order and adds up the rows they changed.
func run(ctx context.Context, tx Tx, stmts []stmt) (int64, error) {
	var n int64
	for _, s := range stmts {
		changed, err := tx.Exec(ctx, s.query, s.args...)
		if err != nil {
			return n, err
		}
		n += changed
	}
	return n, nil
}

// text is a value read as text; NULL is "".
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	return ""
}
