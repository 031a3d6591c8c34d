package postgres

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// CreateProject stores a new project bound to its channels, with a
// "created" history entry. ECONFLICT if the name is taken in the workspace
// or a channel has a project; EINVALID for a malformed project. On error
// nothing is stored. Two replicas creating the same name at once are told
// apart by the unique index: the second waits for the first to commit.
func (s *Store) CreateProject(ctx context.Context, p *checklist.Project) error {
	if err := p.Normalise(); err != nil {
		return err
	}
	t := s.clock.Now()
	var id int64
	err := s.update(ctx, func(tx pgx.Tx) error {
		for _, b := range p.Bindings {
			if err := checkUnbound(ctx, tx, b); err != nil {
				return err
			}
		}
		sc := p.Schedule
		err := tx.QueryRow(ctx, `INSERT INTO projects (workspace, name, name_key, standard, points, phase,
			assessment, time_zone, holidays, standup_at, standup_days, reminders, created_by, created_by_id, created_at, updated_at, next_due)
			VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $16, $9, $10, $11, $12, $13, $14, $14, $15) RETURNING id`,
			p.Workspace, p.Name, storeutil.NameKey(p.Name), p.Standard, p.Points, string(p.Phase), storeutil.DateValue(p.Assessment),
			p.TimeZone, sc.StandupAt, sc.StandupDays, storeutil.RemindersValue(sc.Reminders), p.CreatedBy, p.CreatedByID, t,
			nextDue(storeutil.NextLook(p, t)), string(p.Holidays)).Scan(&id)
		if isUnique(err) {
			return checklist.ErrNameTaken(p.Name)
		} else if err != nil {
			return err
		}
		for _, b := range p.Bindings {
			if err := bind(ctx, tx, id, b, p.Creator(), t); err != nil {
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
func checkUnbound(ctx context.Context, tx pgx.Tx, b checklist.Binding) error {
	var name string
	err := tx.QueryRow(ctx, `SELECT p.name FROM bindings b JOIN projects p ON p.id = b.project_id
		WHERE b.platform = $1 AND b.team = $2 AND b.channel = $3`, b.Platform, b.Team, b.Channel).Scan(&name)
	switch {
	case err == nil:
		return checklist.ErrChannelTaken(name)
	case errors.Is(err, pgx.ErrNoRows):
		return nil
	}
	return err
}

// bind inserts a binding; the unique index catches a replica binding the
// same channel since checkUnbound looked.
func bind(ctx context.Context, tx pgx.Tx, id int64, b checklist.Binding, by checklist.Person, at time.Time) error {
	_, err := tx.Exec(ctx, `INSERT INTO bindings (platform, team, channel, project_id, bound_by, bound_by_id, bound_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, b.Platform, b.Team, b.Channel, id, by.Name, by.ID, at)
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
	err := s.update(ctx, func(tx pgx.Tx) error {
		if _, err := lockProject(ctx, tx, id); err != nil {
			return err
		}
		var owner int64
		err := tx.QueryRow(ctx, `SELECT project_id FROM bindings WHERE platform = $1 AND team = $2 AND channel = $3`,
			b.Platform, b.Team, b.Channel).Scan(&owner)
		if err == nil && owner == id {
			return nil
		} else if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if err := checkUnbound(ctx, tx, b); err != nil {
			return err
		}
		t := s.clock.Now()
		if err := bind(ctx, tx, id, b, by, t); err != nil {
			return err
		}
		return addHistory(ctx, tx, id, t, by, 0, checklist.FieldChange{Field: "channel", New: storeutil.BindingText(b)}, "")
	})
	return storeutil.Wrap("bind channel", err)
}

// ProjectByChannel returns the project bound to a channel; ENOTFOUND.
func (s *Store) ProjectByChannel(ctx context.Context, b checklist.Binding) (*checklist.Project, error) {
	ps, err := queryProjects(ctx, s.pool, `p.id = (SELECT project_id FROM bindings
		WHERE platform = $1 AND team = $2 AND channel = $3)`, b.Platform, b.Team, b.Channel)
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
	where, args := "p.name_key = $1", []any{storeutil.NameKey(clean)}
	if workspace != "" {
		where, args = where+" AND p.workspace = $2", append(args, workspace)
	}
	ps, err := queryProjects(ctx, s.pool, where, args...)
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
	p, err := project(ctx, s.pool, id)
	return p, storeutil.Wrap("project", err)
}

// project reads a project with its open actions' due days, which
// scheduling it needs.
func project(ctx context.Context, q queryer, id int64) (*checklist.Project, error) {
	ps, err := queryProjects(ctx, q, "p.id = $1", id)
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
	ids := make([]int64, len(ps))
	for i, p := range ps {
		byID[p.ID], ids[i] = p, p.ID
	}
	rows, err := q.Query(ctx, `SELECT DISTINCT project_id, due, to_char(due, 'YYYY-MM-DD') FROM actions
		WHERE closed_at IS NULL AND project_id = ANY($1) ORDER BY project_id, due`, ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var sortKey time.Time
		var due string
		if err := rows.Scan(&id, &sortKey, &due); err != nil {
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
	return storeutil.AddRounds(ctx, pgTx{q}, ps)
}

// Projects lists the projects matching f, by name.
func (s *Store) Projects(ctx context.Context, f checklist.ProjectFilter) ([]*checklist.Project, error) {
	var conds []string
	var args []any
	if f.Workspace != "" {
		args = append(args, f.Workspace)
		conds = append(conds, "workspace = $1")
	}
	if len(f.Channels) > 0 {
		var platforms, teams, channels []string
		for _, b := range f.Channels {
			platforms, teams, channels = append(platforms, b.Platform), append(teams, b.Team), append(channels, b.Channel)
		}
		n := len(args)
		args = append(args, platforms, teams, channels)
		conds = append(conds, "id IN (SELECT b.project_id FROM bindings b JOIN unnest("+
			param(n+1)+"::text[], "+param(n+2)+"::text[], "+param(n+3)+"::text[]) AS c (platform, team, channel)"+
			" ON b.platform = c.platform AND b.team = c.team AND b.channel = c.channel)")
	}
	sub := "SELECT id FROM projects"
	if len(conds) > 0 {
		sub += " WHERE " + strings.Join(conds, " AND ")
	}
	sub += " ORDER BY name_key, workspace, id"
	if f.Limit > 0 {
		args = append(args, f.Limit)
		sub += " LIMIT " + param(len(args))
	}
	ps, err := queryProjects(ctx, s.pool, "p.id IN ("+sub+")", args...)
	return ps, storeutil.Wrap("projects", err)
}

// UpdateProject applies the non-nil fields of u, recording each setting
// that changes in the history as made by `by`; ENOTFOUND, EINVALID, and
// ECONFLICT for a new name another project of the workspace has.
func (s *Store) UpdateProject(ctx context.Context, id int64, u checklist.ProjectUpdate, by checklist.Person) (*checklist.Project, error) {
	var p *checklist.Project
	err := s.update(ctx, func(tx pgx.Tx) error {
		if _, err := lockProject(ctx, tx, id); err != nil {
			return err
		}
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
		_, err = tx.Exec(ctx, `UPDATE projects SET name = $1, name_key = $2, archived_at = $3, phase = $4, assessment = $5::date,
			time_zone = $6, standup_at = $7, standup_days = $8, reminders = $9, updated_at = $10, next_due = $11, holidays = $13 WHERE id = $12`,
			p.Name, storeutil.NameKey(p.Name), nextDue(p.ArchivedAt), string(p.Phase), storeutil.DateValue(p.Assessment), p.TimeZone,
			sc.StandupAt, sc.StandupDays, storeutil.RemindersValue(sc.Reminders), t, nextDue(storeutil.NextLook(p, t)), id, string(p.Holidays))
		if isUnique(err) {
			return checklist.ErrRenameTaken(p.Name)
		} else if err != nil {
			return err
		}
		if err := storeutil.SetWindow(ctx, pgTx{tx}, id, p.StandupWindow); err != nil {
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

// projectFields are a project's own columns, as projectRow scans them.
const projectFields = `p.id, p.workspace, p.name, p.standard, p.points, p.phase,
	coalesce(to_char(p.assessment, 'YYYY-MM-DD'), ''), p.time_zone, p.holidays, p.standup_at, p.standup_days, p.reminders,
	p.created_by, p.created_by_id, p.created_at, p.updated_at, p.archived_at`

// projectCols are a project's columns and one of its bindings: a project
// with n channels is n rows, in the order they were bound.
const projectCols = projectFields + `, b.platform, b.team, b.channel`

// projectRow is what a row of projectFields scans into.
type projectRow struct {
	p                 checklist.Project
	phase, assessment string
	reminders         *string
	archivedAt        *time.Time
}

// dest is where Scan puts projectFields, in order.
func (r *projectRow) dest() []any {
	p := &r.p
	return []any{&p.ID, &p.Workspace, &p.Name, &p.Standard, &p.Points, &r.phase, &r.assessment,
		&p.TimeZone, (*string)(&p.Holidays), &p.Schedule.StandupAt, &p.Schedule.StandupDays, &r.reminders, &p.CreatedBy, &p.CreatedByID,
		&p.CreatedAt, &p.UpdatedAt, &r.archivedAt}
}

// project is the row's project, its times in UTC, without bindings.
func (r *projectRow) project() (*checklist.Project, error) {
	r.times()
	return storeutil.ProjectFrom(r.p, r.phase, r.assessment, r.reminders)
}

// times puts the row's times in UTC, the archiving time zero when NULL.
func (r *projectRow) times() {
	r.p.CreatedAt, r.p.UpdatedAt = r.p.CreatedAt.UTC(), r.p.UpdatedAt.UTC()
	r.p.ArchivedAt = time.Time{}
	if r.archivedAt != nil {
		r.p.ArchivedAt = r.archivedAt.UTC()
	}
}

// queryProjects returns the projects matching where, a condition on p, by
// name, each with all its bindings. One statement, so one snapshot.
func queryProjects(ctx context.Context, q queryer, where string, args ...any) ([]*checklist.Project, error) {
	return selectProjects(ctx, q, projectCols, where, args...)
}

// selectProjects is queryProjects reading cols, projectCols or a form of
// them an older schema has.
func selectProjects(ctx context.Context, q queryer, cols, where string, args ...any) ([]*checklist.Project, error) {
	rows, err := q.Query(ctx, `SELECT `+cols+` FROM projects p JOIN bindings b ON b.project_id = p.id
		WHERE `+where+` ORDER BY p.name_key, p.workspace, p.id, b.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*checklist.Project
	for rows.Next() {
		var r projectRow
		var b checklist.Binding
		if err := rows.Scan(append(r.dest(), &b.Platform, &b.Team, &b.Channel)...); err != nil {
			return nil, err
		}
		r.times()
		if out, err = storeutil.AppendProject(out, r.p, b, r.phase, r.assessment, r.reminders); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}
