package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// Item returns one of a project's notes or pieces of evidence; ENOTFOUND.
func (s *Store) Item(ctx context.Context, project, item int64) (*checklist.ItemRef, error) {
	it, err := readItem(ctx, s.reads, project, item)
	return it, storeutil.Wrap("item", err)
}

// readItem reads an item of a project; ENOTFOUND (ErrNoItem).
func readItem(ctx context.Context, q queryer, project, item int64) (*checklist.ItemRef, error) {
	it := &checklist.ItemRef{ProjectID: project}
	err := q.QueryRowContext(ctx, `SELECT id, point, kind, body, author, author_id, at FROM items WHERE id = ? AND project_id = ?`,
		item, project).Scan(&it.ID, &it.Point, &it.Kind, &it.Text, &it.By, &it.ByID, stamp{&it.At})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, checklist.ErrNoItem(item)
	}
	return it, err
}

// EditItem replaces an item's text, with the old and new in the history;
// ENOTFOUND, EINVALID. The same text again changes nothing.
func (s *Store) EditItem(ctx context.Context, project, item int64, text string, by checklist.Person) (*checklist.ItemRef, error) {
	var it *checklist.ItemRef
	err := s.update(ctx, func(tx *sql.Tx) error {
		var err error
		if it, err = readItem(ctx, tx, project, item); err != nil {
			return err
		}
		if text, err = checklist.CheckItem(it.Kind, it.Point, text); err != nil || text == it.Text {
			return err
		}
		t := s.clock.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE items SET body = ? WHERE id = ?`, text, item); err != nil {
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
	err := s.update(ctx, func(tx *sql.Tx) error {
		var err error
		if it, err = readItem(ctx, tx, project, item); err != nil {
			return err
		}
		if err := storeutil.DeleteItemText(ctx, sqlTx{tx}, it); err != nil {
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

// DeleteProject deletes a project and every row of it; ENOTFOUND.
func (s *Store) DeleteProject(ctx context.Context, id int64) error {
	err := s.update(ctx, func(tx *sql.Tx) error {
		p, err := project(ctx, tx, id)
		if err != nil {
			return err
		}
		return storeutil.DeleteProject(ctx, sqlTx{tx}, id, p.Bindings)
	})
	return storeutil.Wrap("delete project", err)
}

// ForgetPerson removes a person's id and name from every table, with a
// "forgotten" history entry in each project that named them; EINVALID.
func (s *Store) ForgetPerson(ctx context.Context, p checklist.Person) (*checklist.Forgotten, error) {
	var out *checklist.Forgotten
	err := s.update(ctx, func(tx *sql.Tx) error {
		projects, rows, err := storeutil.Forget(ctx, sqlTx{tx}, p)
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

// sqlTx is a transaction as the corrections the stores share use it.
type sqlTx struct{ tx queryer }

func (t sqlTx) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := t.tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (t sqlTx) Query(ctx context.Context, query string, args []any, row func(vals []any) error) error {
	rows, err := t.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals, ptrs := make([]any, len(cols)), make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := row(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}
