package storeutil

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/standardbot/standardbot/checklist"
)

// A table that keeps a person's id or name must be listed below, so that
// forgetting them reaches it; storetest's Forget case reads every text
// column of every table afterwards and fails on what was missed.

// byColumns keep who did something: the display name in column, the
// platform user id in id (checklist.Person), each with the SQL of its
// row's project.
var byColumns = []struct{ table, column, id, project string }{
	{"projects", "created_by", "created_by_id", "id"},
	{"bindings", "bound_by", "bound_by_id", "project_id"},
	{"point_states", "updated_by", "updated_by_id", "project_id"},
	{"items", "author", "author_id", "project_id"},
	{"history", "author", "author_id", "project_id"},
	{"assessments", "recorded_by", "recorded_by_id", "project_id"},
	{"assessment_ratings", "rated_by", "rated_by_id", "(SELECT a.project_id FROM assessments a WHERE a.id = assessment_id)"},
	{"actions", "added_by", "added_by_id", "project_id"},
	{"actions", "closed_by", "closed_by_id", "project_id"},
	{"practice_answers", "author", "author_id", "project_id"},
}

// textColumns hold what people wrote, which may mention anyone: keys say
// which row, project its project (0 for none).
var textColumns = []struct {
	table   string
	keys    []string
	project string
	columns []string
}{
	{"items", []string{"id"}, "project_id", []string{"body"}},
	{"history", []string{"id"}, "project_id", []string{"old_value", "new_value", "note"}},
	{"assessments", []string{"id"}, "project_id", []string{"source"}},
	{"assessment_ratings", []string{"assessment_id", "point"}, "(SELECT a.project_id FROM assessments a WHERE a.id = assessment_id)", []string{"note"}},
	{"actions", []string{"id"}, "project_id", []string{"body", "evidence"}},
	{"practice_answers", []string{"id"}, "project_id", []string{"question", "answer"}},
	{"conversations", []string{"key"}, "0", []string{"last_question", "last_answer"}},
	{"feedback", []string{"ref", "user_id"}, "0", []string{"question"}},
	{"standup_answers", []string{"project_id", "round", "user_id"}, "project_id", []string{"moved", "next_up", "blocking"}},
}

// Forget removes p's id and name from every table, as
// checklist.Corrections.ForgetPerson describes, and returns the projects
// whose rows changed, for the caller's "forgotten" history entries, and
// how many rows changed.
func Forget(ctx context.Context, tx Tx, p checklist.Person) (projects []int64, rows int64, err error) {
	if err := checklist.CheckPerson(p); err != nil {
		return nil, 0, err
	}
	if p.Name == "" {
		p.Name = p.ID
	}
	f := &forgetting{tx: tx, p: p, redact: p.Redactor(), seen: map[int64]bool{}}
	for _, step := range []func(context.Context) (int64, error){f.who, f.own, f.projectNames, f.mentions} {
		n, err := step(ctx)
		if err != nil {
			return nil, 0, err
		}
		rows += n
	}
	for id := range f.seen {
		if id != 0 {
			projects = append(projects, id)
		}
	}
	slices.Sort(projects)
	return projects, rows, nil
}

// forgetting is one person being forgotten.
type forgetting struct {
	tx     Tx
	p      checklist.Person
	redact func(string) string
	// seen are the projects whose rows changed.
	seen map[int64]bool
}

// who makes FormerMember of every "who" that is the person, as
// checklist.Person.Is tells: their id, or on a row without an id (written
// before the stores kept ids) their name or id as the name. Someone else
// with the same display name keeps the rows that carry their own id.
func (f *forgetting) who(ctx context.Context) (int64, error) {
	var n int64
	for _, c := range byColumns {
		where := `(` + c.id + ` = ? OR (` + c.id + ` = '' AND ` + c.column + ` IN (?, ?)))`
		args := []any{f.p.ID, f.p.ID, f.p.Name}
		err := f.tx.Query(ctx, `SELECT DISTINCT `+c.project+` FROM `+c.table+` WHERE `+where, args, func(vals []any) error {
			f.seen[integer(vals[0])] = true
			return nil
		})
		if err != nil {
			return n, fmt.Errorf("%s.%s: %w", c.table, c.column, err)
		}
		changed, err := f.tx.Exec(ctx, `UPDATE `+c.table+` SET `+c.column+` = ?, `+c.id+` = '' WHERE `+where,
			append([]any{checklist.FormerMember}, args...)...)
		if err != nil {
			return n, fmt.Errorf("%s.%s: %w", c.table, c.column, err)
		}
		n += changed
	}
	return n, nil
}

// own deletes what was the person's alone: their feedback, walks,
// practice panels and questions waiting for their yes (keyed by
// conversation and person, see checklist.WalkKey), and clears them from
// conversation references.
func (f *forgetting) own(ctx context.Context) (int64, error) {
	id, name := f.p.ID, f.p.Name
	stmts := []stmt{
		// Feedback and references keep the user's id (a reference's name
		// only beside it), so a namesake's stay theirs.
		{`DELETE FROM feedback WHERE user_id = ?`, []any{id}},
		// Their stand-up membership, zone and answers are theirs alone,
		// kept by their id.
		{`DELETE FROM standup_members WHERE user_id = ?`, []any{id}},
		{`DELETE FROM standup_answers WHERE user_id = ?`, []any{id}},
		{`DELETE FROM person_zones WHERE user_id = ?`, []any{id}},
		{`UPDATE conversation_refs SET user_id = '', user_name = '' WHERE user_id = ? OR (user_id = '' AND user_name IN (?, ?))`,
			[]any{id, id, name}},
		{`UPDATE conversation_refs SET direct_user = '' WHERE direct_user = ?`, []any{id}},
	}
	for _, table := range []string{"walks", "practice_panels", "confirmations"} {
		err := f.tx.Query(ctx, `SELECT key FROM `+table+` WHERE key LIKE ? ESCAPE '\'`, []any{"%|" + LikeEscape(id)},
			func(vals []any) error {
				// LIKE ignores case in SQLite; ids do not.
				if key := text(vals[0]); strings.HasSuffix(key, "|"+id) {
					stmts = append(stmts, stmt{`DELETE FROM ` + table + ` WHERE key = ?`, []any{key}})
				}
				return nil
			})
		if err != nil {
			return 0, fmt.Errorf("%s: %w", table, err)
		}
	}
	return run(ctx, f.tx, stmts)
}

// projectNames takes the person out of project names, keeping names
// unique in each workspace: a clash gets the project's id after it.
func (f *forgetting) projectNames(ctx context.Context) (int64, error) {
	type rename struct {
		id   int64
		name string
	}
	var renames []rename
	err := f.tx.Query(ctx, `SELECT id, name FROM projects`, nil, func(vals []any) error {
		id, name := integer(vals[0]), text(vals[1])
		if clean := f.redact(name); clean != name {
			renames = append(renames, rename{id, clean})
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("project names: %w", err)
	}
	var n int64
	for _, r := range renames {
		f.seen[r.id] = true
		var taken bool
		err := f.tx.Query(ctx, `SELECT 1 FROM projects WHERE name_key = ? AND id <> ? AND workspace = (SELECT workspace FROM projects WHERE id = ?)`,
			[]any{NameKey(r.name), r.id, r.id}, func([]any) error { taken = true; return nil })
		if err != nil {
			return n, fmt.Errorf("project names: %w", err)
		}
		if taken {
			r.name = fmt.Sprintf("%s (%d)", r.name, r.id)
		}
		changed, err := f.tx.Exec(ctx, `UPDATE projects SET name = ?, name_key = ? WHERE id = ?`, r.name, NameKey(r.name), r.id)
		if err != nil {
			return n, fmt.Errorf("project names: %w", err)
		}
		n += changed
	}
	return n, nil
}

// mentions replaces the person's id and name in every text column
// (checklist.Person.Redact). It reads the whole of each table: matching
// in SQL would fold case differently in the two databases, and forgetting
// someone is rare.
func (f *forgetting) mentions(ctx context.Context) (int64, error) {
	var n int64
	for _, c := range textColumns {
		var stmts []stmt
		cols := append(append(slices.Clone(c.keys), c.project), c.columns...)
		set := strings.Join(c.columns, " = ?, ") + " = ?"
		where := strings.Join(c.keys, " = ? AND ") + " = ?"
		err := f.tx.Query(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+c.table, nil, func(vals []any) error {
			keys, project, values := vals[:len(c.keys)], vals[len(c.keys)], vals[len(c.keys)+1:]
			args, changed := make([]any, 0, len(vals)), false
			for _, v := range values {
				clean := f.redact(text(v))
				changed = changed || clean != text(v)
				args = append(args, clean)
			}
			if changed {
				f.seen[integer(project)] = true
				stmts = append(stmts, stmt{`UPDATE ` + c.table + ` SET ` + set + ` WHERE ` + where, append(args, keys...)})
			}
			return nil
		})
		if err != nil {
			return n, fmt.Errorf("%s: %w", c.table, err)
		}
		changed, err := run(ctx, f.tx, stmts)
		if err != nil {
			return n, fmt.Errorf("%s: %w", c.table, err)
		}
		n += changed
	}
	return n, nil
}

// integer is a value read as an integer; anything else is 0.
func integer(v any) int64 {
	switch v := v.(type) {
	case int64:
		return v
	case int32:
		return int64(v)
	case int:
		return int64(v)
	}
	return 0
}
