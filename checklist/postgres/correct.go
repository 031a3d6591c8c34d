package postgres

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// Item returns one of a project's notes or pieces of evidence; ENOTFOUND.
func (s *Store) Item(ctx context.Context, project, item int64) (*checklist.ItemRef, error) {
	it, err := readItem(ctx, s.pool, project, item)
	return it, storeutil.Wrap("item", err)
}

// readItem reads an item of a project; ENOTFOUND (ErrNoItem).
func readItem(ctx context.Context, q queryer, project, item int64) (*checklist.ItemRef, error) {
	it := &checklist.ItemRef{ProjectID: project}
	err := q.QueryRow(ctx, `SELECT id, point, kind, body, author, author_id, at FROM items WHERE id = $1 AND project_id = $2`,
		item, project).Scan(&it.ID, &it.Point, &it.Kind, &it.Text, &it.By, &it.ByID, &it.At)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, checklist.ErrNoItem(item)
	}
	it.At = it.At.UTC()
	return it, err
}

// EditItem replaces an item's text, with the old and new in the history;
// ENOTFOUND, EINVALID. The same text again changes nothing.
func (s *Store) EditItem(ctx context.Context, project, item int64, text string, by checklist.Person) (*checklist.ItemRef, error) {
	var it *checklist.ItemRef
	err := s.update(ctx, func(tx pgx.Tx) error {
		if _, err := lockProject(ctx, tx, project); err != nil {
			return err
		}
		var err error
		if it, err = readItem(ctx, tx, project, item); err != nil {
			return err
		}
		if text, err = checklist.CheckItem(it.Kind, it.Point, text); err != nil || text == it.Text {
			return err
		}
		t := s.clock.Now()
		if _, err := tx.Exec(ctx, `UPDATE items SET body = $1 WHERE id = $2`, text, item); err != nil {
			return err
		}
		if err := touchPoint(ctx, tx, project, it.Point, by, t); err != nil {
			return err
		}
		change := checklist.FieldChange{Field: it.Kind + " edited", Old: it.Text, New: text}
		it.Text = text
		return addHistory(ctx, tx, project, t, by, it.Point, change, storeutil.ItemTag(item))
	})
	if err != nil {
		return nil, storeutil.Wrap("edit item", err)
	}
	return it, nil
}

// DeleteItem deletes an item and its text wherever it was copied, with a
// history entry naming its id; ENOTFOUND.
func (s *Store) DeleteItem(ctx context.Context, project, item int64, by checklist.Person) (*checklist.ItemRef, error) {
	var it *checklist.ItemRef
	err := s.update(ctx, func(tx pgx.Tx) error {
		if _, err := lockProject(ctx, tx, project); err != nil {
			return err
		}
		var err error
		if it, err = readItem(ctx, tx, project, item); err != nil {
			return err
		}
		if err := storeutil.DeleteItemText(ctx, pgTx{tx}, it); err != nil {
			return err
		}
		t := s.clock.Now()
		if err := touchPoint(ctx, tx, project, it.Point, by, t); err != nil {
			return err
		}
		return addHistory(ctx, tx, project, t, by, it.Point, checklist.FieldChange{Field: it.Kind + " deleted"}, storeutil.ItemTag(item))
	})
	if err != nil {
		return nil, storeutil.Wrap("delete item", err)
	}
	return it, nil
}

// DeleteProject deletes a project and every row of it; ENOTFOUND. The
// project's row is locked FOR UPDATE first, so a replica writing to the
// project waits, then finds it gone.
func (s *Store) DeleteProject(ctx context.Context, id int64) error {
	err := s.update(ctx, func(tx pgx.Tx) error {
		var one int
		err := tx.QueryRow(ctx, `SELECT 1 FROM projects WHERE id = $1 FOR UPDATE`, id).Scan(&one)
		if errors.Is(err, pgx.ErrNoRows) {
			return checklist.ErrNoProject(id)
		} else if err != nil {
			return err
		}
		p, err := project(ctx, tx, id)
		if err != nil {
			return err
		}
		return storeutil.DeleteProject(ctx, pgTx{tx}, id, p.Bindings)
	})
	return storeutil.Wrap("delete project", err)
}

// ForgetPerson removes a person's id and name from every table, with a
// "forgotten" history entry in each project that named them; EINVALID.
func (s *Store) ForgetPerson(ctx context.Context, p checklist.Person) (*checklist.Forgotten, error) {
	var out *checklist.Forgotten
	err := s.update(ctx, func(tx pgx.Tx) error {
		projects, rows, err := storeutil.Forget(ctx, pgTx{tx}, p)
		if err != nil {
			return err
		}
		t := s.clock.Now()
		for _, id := range projects {
			if err := addHistory(ctx, tx, id, t, checklist.Person{Name: checklist.FormerMember}, 0, checklist.FieldChange{Field: "forgotten"}, ""); err != nil {
				return err
			}
		}
		out = &checklist.Forgotten{Projects: len(projects), Rows: int(rows)}
		return nil
	})
	if err != nil {
		return nil, storeutil.Wrap("forget person", err)
	}
	return out, nil
}

// pgTx is a transaction as the corrections the stores share use it: their
// ? placeholders become $1, $2...
type pgTx struct{ tx queryer }

func (t pgTx) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	tag, err := t.tx.Exec(ctx, rebind(query), args...)
	return tag.RowsAffected(), err
}

func (t pgTx) Query(ctx context.Context, query string, args []any, row func(vals []any) error) error {
	rows, err := t.tx.Query(ctx, rebind(query), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return err
		}
		if err := row(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// rebind numbers a query's ? placeholders $1, $2... The shared queries
// hold no ? of their own.
func rebind(query string) string {
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
