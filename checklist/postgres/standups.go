package postgres

import (
	"context"
	"github.com/jackc/pgx/v5"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// Stand-up rounds (checklist.Standups): the statements are shared with the
// other store (storeutil/standups.go); this file adds the transactions,
// the history and the scheduler's next look.

// AddMember adds or renames a member; a new one is in the history and
// moves the project's next look (they may be asked sooner).
func (s *Store) AddMember(ctx context.Context, id int64, m checklist.Member, by checklist.Person) error {
	err := s.update(ctx, func(tx pgx.Tx) error {
		t := s.clock.Now()
		added, err := storeutil.AddMember(ctx, pgTx{tx}, id, m, t)
		if err != nil || !added {
			return err
		}
		return s.membersChanged(ctx, tx, id, t, by, checklist.FieldChange{Field: "standup member", New: m.Name})
	})
	return storeutil.Wrap("add member", err)
}

// RemoveMember removes a member, with a history entry.
func (s *Store) RemoveMember(ctx context.Context, id int64, user string, by checklist.Person) error {
	err := s.update(ctx, func(tx pgx.Tx) error {
		name, err := storeutil.RemoveMember(ctx, pgTx{tx}, id, user)
		if err != nil || name == "" {
			return err
		}
		return s.membersChanged(ctx, tx, id, s.clock.Now(), by, checklist.FieldChange{Field: "standup member", Old: name})
	})
	return storeutil.Wrap("remove member", err)
}

// SkipMember holds a member out through until, with a history entry.
func (s *Store) SkipMember(ctx context.Context, id int64, user string, until checklist.Date, by checklist.Person) error {
	err := s.update(ctx, func(tx pgx.Tx) error {
		name, err := storeutil.SkipMember(ctx, pgTx{tx}, id, user, until)
		if err != nil {
			return err
		}
		c := checklist.FieldChange{Field: "standup skip", Old: name, New: "back"}
		if !until.IsZero() {
			c.New = "until " + until.String()
		}
		return s.membersChanged(ctx, tx, id, s.clock.Now(), by, c)
	})
	return storeutil.Wrap("skip member", err)
}

// membersChanged records c in the history and works out the project's
// next look again from its members as they are now.
func (s *Store) membersChanged(ctx context.Context, tx pgx.Tx, id int64, t time.Time, by checklist.Person, c checklist.FieldChange) error {
	if err := addHistory(ctx, tx, id, t, by, 0, c, ""); err != nil {
		return err
	}
	p, err := project(ctx, tx, id)
	if err != nil {
		return err
	}
	_, err = pgTx{tx}.Exec(ctx, `UPDATE projects SET next_due = ?, updated_at = ? WHERE id = ?`, nextDue(storeutil.NextLook(p, t)), t, id)
	return err
}

// Members lists a project's members by name, each with their zone.
func (s *Store) Members(ctx context.Context, id int64) ([]checklist.Member, error) {
	p := &checklist.Project{ID: id}
	err := storeutil.AddMembers(ctx, pgTx{s.pool}, []*checklist.Project{p})
	return p.Members, storeutil.Wrap("members", err)
}

// SetPersonZone records a person's zone; a platform's never replaces one
// they chose.
func (s *Store) SetPersonZone(ctx context.Context, workspace, user, zone, source string) error {
	err := s.update(ctx, func(tx pgx.Tx) error {
		return storeutil.SetPersonZone(ctx, pgTx{tx}, workspace, user, zone, source, s.clock.Now())
	})
	return storeutil.Wrap("set person zone", err)
}

// SaveAnswer stores a member's part in a round.
func (s *Store) SaveAnswer(ctx context.Context, a *checklist.Answer) error {
	err := s.update(ctx, func(tx pgx.Tx) error { return storeutil.SaveAnswer(ctx, pgTx{tx}, a) })
	return storeutil.Wrap("save answer", err)
}

// UpdateAnswer stores a's answers over was's, if they are still was's.
func (s *Store) UpdateAnswer(ctx context.Context, was, a *checklist.Answer) (bool, error) {
	var done bool
	err := s.update(ctx, func(tx pgx.Tx) error {
		var err error
		done, err = storeutil.UpdateAnswer(ctx, pgTx{tx}, was, a)
		return err
	})
	return done, storeutil.Wrap("update answer", err)
}

// OpenAnswer is the member's open part asked in b; ENOTFOUND.
func (s *Store) OpenAnswer(ctx context.Context, b checklist.Binding, user string, now time.Time) (*checklist.Answer, error) {
	a, err := storeutil.OpenAnswer(ctx, pgTx{s.pool}, b, user, now)
	return a, storeutil.Wrap("open answer", err)
}

// RoundAnswers are the parts of one round, by name.
func (s *Store) RoundAnswers(ctx context.Context, id int64, round checklist.Date) ([]checklist.Answer, error) {
	as, err := storeutil.RoundAnswers(ctx, pgTx{s.pool}, id, round)
	return as, storeutil.Wrap("round answers", err)
}

// DeleteAnswers deletes the answers of rounds asked before `before`.
func (s *Store) DeleteAnswers(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := s.update(ctx, func(tx pgx.Tx) error {
		var err error
		n, err = storeutil.DeleteAnswers(ctx, pgTx{tx}, before)
		return err
	})
	return n, storeutil.Wrap("delete answers", err)
}
