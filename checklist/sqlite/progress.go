package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// pointRange is what checking a point number needs of its project.
type pointRange struct {
	standard string
	points   int
}

// pointsOf reads a project's standard and number of points; ENOTFOUND.
func pointsOf(ctx context.Context, q queryer, id int64) (pointRange, error) {
	var r pointRange
	err := q.QueryRowContext(ctx, `SELECT standard, points FROM projects WHERE id = ?`, id).Scan(&r.standard, &r.points)
	if errors.Is(err, sql.ErrNoRows) {
		return r, checklist.ErrNoProject(id)
	}
	return r, err
}

// SetStatus records a point's status and the history entry old -> new in
// one transaction, with the note, if any, kept on the point and in the
// entry. ENOTFOUND for an unknown project; EINVALID for a point outside
// 1..Points or an unknown status.
func (s *Store) SetStatus(ctx context.Context, id int64, point int, st checklist.Status, note string, by checklist.Person) (*checklist.PointState, error) {
	if err := checklist.CheckStatus(st); err != nil {
		return nil, err
	}
	var ps *checklist.PointState
	err := s.update(ctx, func(tx *sql.Tx) error {
		r, err := pointsOf(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checklist.CheckPoint(r.standard, r.points, point); err != nil {
			return err
		}
		old := string(checklist.NotStarted)
		err = tx.QueryRowContext(ctx, `SELECT status FROM point_states WHERE project_id = ? AND point = ?`, id, point).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		t := s.clock.Now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO point_states (project_id, point, status, updated_by, updated_by_id, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, point) DO UPDATE
			SET status = excluded.status, updated_by = excluded.updated_by, updated_by_id = excluded.updated_by_id,
				updated_at = excluded.updated_at`,
			id, point, string(st), by.Name, by.ID, ts(t)); err != nil {
			return err
		}
		if note = strings.TrimSpace(note); note != "" {
			if _, err := insertItem(ctx, tx, id, point, "note", note, by, t); err != nil {
				return err
			}
		}
		if err := addHistory(ctx, tx, id, t, by, point, checklist.FieldChange{Field: "status", Old: old, New: string(st)}, note); err != nil {
			return err
		}
		states, err := pointStates(ctx, tx, id, point)
		if err != nil {
			return err
		}
		ps = &states[0]
		return nil
	})
	if err != nil {
		return nil, storeutil.Wrap("set status", err)
	}
	return ps, nil
}

// AddNote appends a note to a point and to the history; ENOTFOUND, EINVALID.
func (s *Store) AddNote(ctx context.Context, id int64, point int, text string, by checklist.Person) (*checklist.Item, error) {
	it, err := s.addItem(ctx, id, point, "note", text, by)
	return it, storeutil.Wrap("add note", err)
}

// AddEvidence appends evidence to a point and to the history; ENOTFOUND,
// EINVALID.
func (s *Store) AddEvidence(ctx context.Context, id int64, point int, text string, by checklist.Person) (*checklist.Item, error) {
	it, err := s.addItem(ctx, id, point, "evidence", text, by)
	return it, storeutil.Wrap("add evidence", err)
}

// addItem stores a note or evidence. It touches the point, which starts
// not-started if it was never marked, so the point shows who last worked
// on it.
func (s *Store) addItem(ctx context.Context, id int64, point int, kind, text string, by checklist.Person) (*checklist.Item, error) {
	var it *checklist.Item
	err := s.update(ctx, func(tx *sql.Tx) error {
		r, err := pointsOf(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checklist.CheckPoint(r.standard, r.points, point); err != nil {
			return err
		}
		if text, err = checklist.CheckItem(kind, point, text); err != nil {
			return err
		}
		t := s.clock.Now()
		if err := touchPoint(ctx, tx, id, point, by, t); err != nil {
			return err
		}
		itemID, err := insertItem(ctx, tx, id, point, kind, text, by, t)
		if err != nil {
			return err
		}
		if err := addHistory(ctx, tx, id, t, by, point, checklist.FieldChange{Field: kind, New: text}, ""); err != nil {
			return err
		}
		it = &checklist.Item{ID: itemID, Text: text, By: by.Name, ByID: by.ID, At: t}
		return nil
	})
	return it, err
}

// touchPoint records that by worked on a point at t, starting it
// not-started if it was never marked, so items have their point's row.
func touchPoint(ctx context.Context, tx *sql.Tx, id int64, point int, by checklist.Person, t time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO point_states (project_id, point, status, updated_by, updated_by_id, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, point) DO UPDATE
		SET updated_by = excluded.updated_by, updated_by_id = excluded.updated_by_id, updated_at = excluded.updated_at`,
		id, point, string(checklist.NotStarted), by.Name, by.ID, ts(t))
	return err
}

func insertItem(ctx context.Context, tx *sql.Tx, id int64, point int, kind, text string, by checklist.Person, at time.Time) (int64, error) {
	var itemID int64
	err := tx.QueryRowContext(ctx, `INSERT INTO items (project_id, point, kind, body, author, author_id, at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, id, point, kind, text, by.Name, by.ID, ts(at)).Scan(&itemID)
	return itemID, err
}

func addHistory(ctx context.Context, tx *sql.Tx, id int64, at time.Time, by checklist.Person, point int, c checklist.FieldChange, note string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO history (project_id, at, author, author_id, point, field, old_value, new_value, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, ts(at), by.Name, by.ID, point, c.Field, c.Old, c.New, note)
	return err
}

// PointStates returns the state of every touched point, by point number,
// with its notes and evidence oldest first; ENOTFOUND.
func (s *Store) PointStates(ctx context.Context, id int64) ([]checklist.PointState, error) {
	states, err := pointStates(ctx, s.reads, id, 0)
	if err == nil && len(states) == 0 {
		_, err = pointsOf(ctx, s.reads, id)
	}
	return states, storeutil.Wrap("point states", err)
}

// pointStates reads one point's state, or all (point 0), in one statement.
func pointStates(ctx context.Context, q queryer, id int64, point int) ([]checklist.PointState, error) {
	where, args := "s.project_id = ?", []any{id}
	if point != 0 {
		where, args = where+" AND s.point = ?", append(args, point)
	}
	rows, err := q.QueryContext(ctx, `SELECT s.point, s.status, s.updated_by, s.updated_at,
			i.id, i.kind, i.body, i.author, i.author_id, i.at
		FROM point_states s LEFT JOIN items i ON i.project_id = s.project_id AND i.point = s.point
		WHERE `+where+` ORDER BY s.point, i.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []checklist.PointState
	for rows.Next() {
		var ps checklist.PointState
		var status string
		var itemID *int64
		var kind, text, by, byID *string
		var at time.Time
		if err := rows.Scan(&ps.Point, &status, &ps.UpdatedBy, stamp{&ps.UpdatedAt},
			&itemID, &kind, &text, &by, &byID, stamp{&at}); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].Point != ps.Point {
			ps.Status = checklist.Status(status)
			out = append(out, ps)
		}
		if itemID == nil {
			continue
		}
		last := &out[len(out)-1]
		it := checklist.Item{ID: *itemID, Text: *text, By: *by, ByID: *byID, At: at}
		if *kind == "evidence" {
			last.Evidence = append(last.Evidence, it)
		} else {
			last.Notes = append(last.Notes, it)
		}
	}
	return out, rows.Err()
}

// History returns changes oldest first: of one point, or all (point 0);
// the latest `limit`, or all (limit 0). ENOTFOUND.
func (s *Store) History(ctx context.Context, id int64, point int, limit int) ([]checklist.Change, error) {
	where, args := "project_id = ?", []any{id}
	if point != 0 {
		where, args = where+" AND point = ?", append(args, point)
	}
	if limit <= 0 {
		limit = -1 // SQLite's "no limit"
	}
	rows, err := s.reads.QueryContext(ctx, `SELECT id, at, author, author_id, point, field, old_value, new_value, note
		FROM history WHERE `+where+` ORDER BY id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, storeutil.Wrap("history", err)
	}
	defer rows.Close()
	var out []checklist.Change
	for rows.Next() {
		c := checklist.Change{ProjectID: id}
		if err := rows.Scan(&c.ID, stamp{&c.At}, &c.By, &c.ByID, &c.Point, &c.Field, &c.Old, &c.New, &c.Note); err != nil {
			return nil, storeutil.Wrap("history", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, storeutil.Wrap("history", err)
	}
	if len(out) == 0 {
		_, err = pointsOf(ctx, s.reads, id)
	}
	slices.Reverse(out)
	return out, storeutil.Wrap("history", err)
}
