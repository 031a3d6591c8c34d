package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// CreateProject stores a new project bound to its channels, with a
// "created" history entry. ECONFLICT if the name is taken in the workspace
// or a channel has a project; EINVALID for a malformed project. On error
// nothing is stored.
func (s *Store) CreateProject(ctx context.Context, p *checklist.Project) error {
	if err := p.Normalise(); err != nil {
		return err
	}
	t := s.clock.Now()
	var id int64
	err := s.update(ctx, func(tx *sql.Tx) error {
		for _, b := range p.Bindings {
			if err := checkUnbound(ctx, tx, b); err != nil {
				return err
			}
		}
		sc := p.Schedule
		err := tx.QueryRowContext(ctx, `INSERT INTO projects (workspace, name, name_key, standard, points, phase,
			assessment, time_zone, holidays, standup_at, standup_days, reminders, created_by, created_by_id, created_at, updated_at, next_due)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			p.Workspace, p.Name, storeutil.NameKey(p.Name), p.Standard, p.Points, string(p.Phase), storeutil.DateValue(p.Assessment), p.TimeZone, string(p.Holidays),
			sc.StandupAt, sc.StandupDays, storeutil.RemindersValue(sc.Reminders), p.CreatedBy, p.CreatedByID, ts(t), ts(t),
			nextDue(storeutil.NextLook(p, t))).Scan(&id)
		if isUnique(err) {
			return checklist.ErrNameTaken(p.Name)
		} else if err != nil {
			return err
		}
		for _, b := range p.Bindings {
			if err := bind(ctx, tx, id, b, p.Creator(), ts(t)); err != nil {
				return err
			}
		}
		return addHistory(ctx, tx, id, t, p.Creator(), 0, checklist.FieldChange{Field: "created", New: p.Name}, "")
	})
	if err != nil {
		return storeutil.Wrap("create project", err)
	}
	p.ID, p.CreatedAt, p.UpdatedAt = id, t, t
	return nil
}

// checkUnbound returns ECONFLICT, naming the project, if b has one.
func checkUnbound(ctx context.Context, tx *sql.Tx, b checklist.Binding) error {
	var name string
	err := tx.QueryRowContext(ctx, `SELECT p.name FROM bindings b JOIN projects p ON p.id = b.project_id
		WHERE b.platform = ? AND b.team = ? AND b.channel = ?`, b.Platform, b.Team, b.Channel).Scan(&name)
	switch {
	case err == nil:
		return checklist.ErrChannelTaken(name)
	case errors.Is(err, sql.ErrNoRows):
		return nil
	}
	return err
}

func bind(ctx context.Context, tx *sql.Tx, id int64, b checklist.Binding, by checklist.Person, at string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO bindings (platform, team, channel, project_id, bound_by, bound_by_id, bound_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, b.Platform, b.Team, b.Channel, id, by.Name, by.ID, at)
	if isUnique(err) {
		return checklist.ErrChannelTaken("")
	}
	return err
}

// BindChannel binds another channel to a project, with a "channel" history
// entry. ECONFLICT if the channel has another project; binding a channel to
// the project it already has does nothing, so a retried request succeeds.
func (s *Store) BindChannel(ctx context.Context, id int64, b checklist.Binding, by checklist.Person) error {
	if b.Platform == "" || b.Team == "" || b.Channel == "" {
		return checklist.ErrNoChannel()
	}
	err := s.update(ctx, func(tx *sql.Tx) error {
		var owner int64
		err := tx.QueryRowContext(ctx, `SELECT project_id FROM bindings WHERE platform = ? AND team = ? AND channel = ?`,
			b.Platform, b.Team, b.Channel).Scan(&owner)
		if err == nil && owner == id {
			return nil
		} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := pointsOf(ctx, tx, id); err != nil {
			return err
		}
		if err := checkUnbound(ctx, tx, b); err != nil {
			return err
		}
		t := s.clock.Now()
		if err := bind(ctx, tx, id, b, by, ts(t)); err != nil {
			return err
		}
		return addHistory(ctx, tx, id, t, by, 0, checklist.FieldChange{Field: "channel", New: storeutil.BindingText(b)}, "")
	})
	return storeutil.Wrap("bind channel", err)
}

// ProjectByChannel returns the project bound to a channel; ENOTFOUND.
func (s *Store) ProjectByChannel(ctx context.Context, b checklist.Binding) (*checklist.Project, error) {
	ps, err := queryProjects(ctx, s.reads, `p.id = (SELECT project_id FROM bindings
		WHERE platform = ? AND team = ? AND channel = ?)`, b.Platform, b.Team, b.Channel)
	if err != nil {
		return nil, storeutil.Wrap("project by channel", err)
	}
	if len(ps) == 0 {
		return nil, checklist.ErrNoChannelProject()
	}
	return ps[0], nil
}

// ProjectByName finds a project by name, case-insensitive, in a workspace
// or, when workspace is "", in any; ENOTFOUND, or ECONFLICT when several
// workspaces have one.
func (s *Store) ProjectByName(ctx context.Context, workspace, name string) (*checklist.Project, error) {
	clean := strings.Join(strings.Fields(name), " ")
	where, args := "p.name_key = ?", []any{storeutil.NameKey(clean)}
	if workspace != "" {
		where, args = where+" AND p.workspace = ?", append(args, workspace)
	}
	ps, err := queryProjects(ctx, s.reads, where, args...)
	switch {
	case err != nil:
		return nil, storeutil.Wrap("project by name", err)
	case len(ps) == 0:
		return nil, checklist.ErrNoProjectNamed(clean)
	case len(ps) > 1:
		return nil, checklist.ErrAmbiguousName(clean)
	}
	return ps[0], nil
}

// Project returns a project by id; ENOTFOUND.
func (s *Store) Project(ctx context.Context, id int64) (*checklist.Project, error) {
	p, err := project(ctx, s.reads, id)
	return p, storeutil.Wrap("project", err)
}

// project reads a project with its open actions' due days, which
// scheduling it needs.
func project(ctx context.Context, q queryer, id int64) (*checklist.Project, error) {
	ps, err := queryProjects(ctx, q, "p.id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, checklist.ErrNoProject(id)
	}
	return ps[0], addActionsDue(ctx, q, ps)
}

// addActionsDue gives each of ps the days its open actions fall due
// (Project.ActionsDue): what the scheduler reads besides the settings.
func addActionsDue(ctx context.Context, q queryer, ps []*checklist.Project) error {
	if len(ps) == 0 {
		return nil
	}
	byID := make(map[int64]*checklist.Project, len(ps))
	ids, marks := make([]any, len(ps)), make([]string, len(ps))
	for i, p := range ps {
		byID[p.ID], ids[i], marks[i] = p, p.ID, "?"
	}
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT project_id, due FROM actions
		WHERE closed_at IS NULL AND project_id IN (`+strings.Join(marks, ", ")+`) ORDER BY project_id, due`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var due string
		if err := rows.Scan(&id, &due); err != nil {
			return err
		}
		d, err := checklist.ParseDate(due)
		if err != nil {
			return err
		}
		byID[id].ActionsDue = append(byID[id].ActionsDue, d)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	return storeutil.AddRounds(ctx, sqlTx{q}, ps)
}

// Projects lists the projects matching f, by name.
func (s *Store) Projects(ctx context.Context, f checklist.ProjectFilter) ([]*checklist.Project, error) {
	var conds []string
	var args []any
	if f.Workspace != "" {
		conds, args = append(conds, "workspace = ?"), append(args, f.Workspace)
	}
	if len(f.Channels) > 0 {
		// One JSON parameter rather than three per channel: no limit on
		// how many channels, and one statement text to prepare.
		triples := make([][3]string, len(f.Channels))
		for i, b := range f.Channels {
			triples[i] = [3]string{b.Platform, b.Team, b.Channel}
		}
		js, err := json.Marshal(triples)
		if err != nil {
			return nil, storeutil.Wrap("projects", err)
		}
		args = append(args, string(js))
		conds = append(conds, `id IN (SELECT b.project_id FROM json_each(?) c JOIN bindings b
			ON b.platform = c.value ->> 0 AND b.team = c.value ->> 1 AND b.channel = c.value ->> 2)`)
	}
	sub := "SELECT id FROM projects"
	if len(conds) > 0 {
		sub += " WHERE " + strings.Join(conds, " AND ")
	}
	sub += " ORDER BY name_key, workspace, id"
	if f.Limit > 0 {
		sub, args = sub+" LIMIT ?", append(args, f.Limit)
	}
	ps, err := queryProjects(ctx, s.reads, "p.id IN ("+sub+")", args...)
	return ps, storeutil.Wrap("projects", err)
}

// UpdateProject applies the non-nil fields of u, recording each setting
// that changes in the history as made by `by`; ENOTFOUND, EINVALID, and
// ECONFLICT for a new name another project of the workspace has.
func (s *Store) UpdateProject(ctx context.Context, id int64, u checklist.ProjectUpdate, by checklist.Person) (*checklist.Project, error) {
	var p *checklist.Project
	err := s.update(ctx, func(tx *sql.Tx) error {
		var err error
		if p, err = project(ctx, tx, id); err != nil {
			return err
		}
		t := s.clock.Now()
		changes, dirty, err := p.Apply(u, t)
		if err != nil || !dirty {
			return err
		}
		sc := p.Schedule
		_, err = tx.ExecContext(ctx, `UPDATE projects SET name = ?, name_key = ?, archived_at = ?, phase = ?, assessment = ?,
			time_zone = ?, holidays = ?, standup_at = ?, standup_days = ?, reminders = ?, updated_at = ?, next_due = ? WHERE id = ?`,
			p.Name, storeutil.NameKey(p.Name), timeOrNull(p.ArchivedAt), string(p.Phase), storeutil.DateValue(p.Assessment), p.TimeZone, string(p.Holidays),
			sc.StandupAt, sc.StandupDays, storeutil.RemindersValue(sc.Reminders), ts(t), nextDue(storeutil.NextLook(p, t)), id)
		if isUnique(err) {
			return checklist.ErrRenameTaken(p.Name)
		} else if err != nil {
			return err
		}
		if err := storeutil.SetWindow(ctx, sqlTx{tx}, id, p.StandupWindow); err != nil {
			return err
		}
		for _, c := range changes {
			if err := addHistory(ctx, tx, id, t, by, 0, c, ""); err != nil {
				return err
			}
		}
		p.UpdatedAt = t
		return nil
	})
	if err != nil {
		return nil, storeutil.Wrap("update project", err)
	}
	return p, nil
}

// projectCols are a project's columns and one of its bindings: a project
// with n channels is n rows, in the order they were bound.
const projectCols = `p.id, p.workspace, p.name, p.standard, p.points, p.phase, coalesce(p.assessment, ''),
	p.time_zone, p.holidays, p.standup_at, p.standup_days, p.reminders, p.created_by, p.created_by_id, p.created_at, p.updated_at,
	p.archived_at, b.platform, b.team, b.channel`

// queryProjects returns the projects matching where, a condition on p, by
// name, each with all its bindings. One statement, so one snapshot.
func queryProjects(ctx context.Context, q queryer, where string, args ...any) ([]*checklist.Project, error) {
	return selectProjects(ctx, q, `SELECT `+projectCols+` FROM projects p JOIN bindings b ON b.project_id = p.id
		WHERE `+where+` ORDER BY p.name_key, p.workspace, p.id, b.id`, args...)
}

// selectProjects runs query, which selects projectCols with each project's
// rows together, and returns the projects in the order it gives.
func selectProjects(ctx context.Context, q queryer, query string, args ...any) ([]*checklist.Project, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*checklist.Project
	for rows.Next() {
		var p checklist.Project
		var phase, assessment string
		var reminders *string
		var b checklist.Binding
		if err := rows.Scan(&p.ID, &p.Workspace, &p.Name, &p.Standard, &p.Points, &phase, &assessment,
			&p.TimeZone, (*string)(&p.Holidays), &p.Schedule.StandupAt, &p.Schedule.StandupDays, &reminders, &p.CreatedBy, &p.CreatedByID,
			stamp{&p.CreatedAt}, stamp{&p.UpdatedAt}, stamp{&p.ArchivedAt}, &b.Platform, &b.Team, &b.Channel); err != nil {
			return nil, err
		}
		if out, err = storeutil.AppendProject(out, p, b, phase, assessment, reminders); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}
