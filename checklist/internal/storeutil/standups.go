package storeutil

import (
	"context"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// Stand-up rounds (checklist.Standups) in statements both stores read
// alike: their tables keep times and days as text (see migration 0012).

// StampFormat is how the stand-up tables write a time: UTC, fixed width,
// so text order is time order.
const StampFormat = "2006-01-02T15:04:05.000000000Z"

// Stamp writes t as the stand-up tables keep it; the zero time is "".
func Stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(StampFormat)
}

// Unstamp reads a time Stamp wrote; "" is the zero time.
func Unstamp(s string) time.Time {
	t, _ := time.Parse(StampFormat, s)
	return t
}

// dateText is a day as the stand-up tables keep it, "" for none.
func dateText(d checklist.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// AddMember adds m to project id, or renames them if they are one, and
// says whether they are new; ENOTFOUND for an unknown project.
func AddMember(ctx context.Context, tx Tx, id int64, m checklist.Member, at time.Time) (bool, error) {
	var found bool
	if err := tx.Query(ctx, `SELECT 1 FROM projects WHERE id = ?`, []any{id}, func([]any) error { found = true; return nil }); err != nil {
		return false, err
	}
	if !found {
		return false, checklist.ErrNoProject(id)
	}
	n, err := tx.Exec(ctx, `UPDATE standup_members SET name = ?, workspace = ? WHERE project_id = ? AND user_id = ?`, m.Name, m.Workspace, id, m.User)
	if err != nil || n > 0 {
		return false, err
	}
	_, err = tx.Exec(ctx, `INSERT INTO standup_members (project_id, workspace, user_id, name, skip_until, added_at) VALUES (?, ?, ?, ?, '', ?)`,
		id, m.Workspace, m.User, m.Name, Stamp(at))
	return true, err
}

// memberName is a member's name, and whether they are one.
func memberName(ctx context.Context, tx Tx, id int64, user string) (string, bool, error) {
	var name string
	var found bool
	err := tx.Query(ctx, `SELECT name FROM standup_members WHERE project_id = ? AND user_id = ?`, []any{id, user}, func(v []any) error {
		name, found = text(v[0]), true
		return nil
	})
	return name, found, err
}

// RemoveMember removes a member and returns their name, "" when they were
// not one.
func RemoveMember(ctx context.Context, tx Tx, id int64, user string) (string, error) {
	name, found, err := memberName(ctx, tx, id, user)
	if err != nil || !found {
		return "", err
	}
	_, err = tx.Exec(ctx, `DELETE FROM standup_members WHERE project_id = ? AND user_id = ?`, id, user)
	return name, err
}

// SkipMember sets how long a member is held out and returns their name;
// ENOTFOUND when they are not a member.
func SkipMember(ctx context.Context, tx Tx, id int64, user string, until checklist.Date) (string, error) {
	name, found, err := memberName(ctx, tx, id, user)
	if err != nil {
		return "", err
	}
	if !found {
		return "", checklist.Errorf(checklist.ENOTFOUND, "You are not a member of this project's stand-up. Join with: standup join")
	}
	_, err = tx.Exec(ctx, `UPDATE standup_members SET skip_until = ? WHERE project_id = ? AND user_id = ?`, dateText(until), id, user)
	return name, err
}

// AddMembers gives each of ps its members (checklist.Project.Members), by
// name, each with their own zone.
func AddMembers(ctx context.Context, tx Tx, ps []*checklist.Project) error {
	if len(ps) == 0 {
		return nil
	}
	byID := make(map[int64]*checklist.Project, len(ps))
	ids, marks := make([]any, len(ps)), make([]string, len(ps))
	for i, p := range ps {
		byID[p.ID], ids[i], marks[i] = p, p.ID, "?"
	}
	return tx.Query(ctx, `SELECT m.project_id, m.workspace, m.user_id, m.name, m.skip_until, coalesce(z.zone, '')
		FROM standup_members m LEFT JOIN person_zones z ON z.workspace = m.workspace AND z.user_id = m.user_id
		WHERE m.project_id IN (`+strings.Join(marks, ", ")+`) ORDER BY m.project_id, lower(m.name), m.user_id`, ids, func(v []any) error {
		m := checklist.Member{Workspace: text(v[1]), User: text(v[2]), Name: text(v[3]), TimeZone: text(v[5])}
		if s := text(v[4]); s != "" {
			d, err := checklist.ParseDate(s)
			if err != nil {
				return err
			}
			m.SkipUntil = d
		}
		p := byID[integer(v[0])]
		p.Members = append(p.Members, m)
		return nil
	})
}

// SetPersonZone records a person's zone; a platform's zone never replaces
// one the person chose. EINVALID for an unknown zone or source.
func SetPersonZone(ctx context.Context, tx Tx, workspace, user, zone, source string, at time.Time) error {
	zone, err := checklist.ParseTimeZone(zone)
	if err != nil {
		return err
	}
	if source != "person" && source != "platform" {
		return checklist.Errorf(checklist.EINVALID, "a zone's source is person or platform, not %q", source)
	}
	if source == "platform" {
		var chosen bool
		err := tx.Query(ctx, `SELECT 1 FROM person_zones WHERE workspace = ? AND user_id = ? AND source = 'person'`, []any{workspace, user},
			func([]any) error { chosen = true; return nil })
		if err != nil || chosen {
			return err
		}
	}
	_, err = run(ctx, tx, []stmt{
		{`DELETE FROM person_zones WHERE workspace = ? AND user_id = ?`, []any{workspace, user}},
		{`INSERT INTO person_zones (workspace, user_id, zone, source, updated_at) VALUES (?, ?, ?, ?, ?)`, []any{workspace, user, zone, source, Stamp(at)}},
	})
	return err
}

// SaveAnswer stores a's part in its round, replacing the one there.
func SaveAnswer(ctx context.Context, tx Tx, a *checklist.Answer) error {
	_, err := run(ctx, tx, []stmt{
		{`DELETE FROM standup_answers WHERE project_id = ? AND round = ? AND user_id = ?`, []any{a.ProjectID, a.Round.String(), a.User}},
		{`INSERT INTO standup_answers (project_id, round, workspace, user_id, name, platform, team, channel, asked_at, closes_at,
			moved, next_up, blocking, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			[]any{a.ProjectID, a.Round.String(), a.Workspace, a.User, a.Name, a.Direct.Platform, a.Direct.Team, a.Direct.Channel,
				Stamp(a.AskedAt), Stamp(a.ClosesAt), a.Moved, a.Next, a.Blocking, Stamp(a.AnsweredAt)}},
	})
	return err
}

// UpdateAnswer writes a's answers over was's, only if they are still
// was's, and says whether it did.
func UpdateAnswer(ctx context.Context, tx Tx, was, a *checklist.Answer) (bool, error) {
	n, err := tx.Exec(ctx, `UPDATE standup_answers SET moved = ?, next_up = ?, blocking = ?, answered_at = ?
		WHERE project_id = ? AND round = ? AND user_id = ? AND moved = ? AND next_up = ? AND blocking = ?`,
		a.Moved, a.Next, a.Blocking, Stamp(a.AnsweredAt), was.ProjectID, was.Round.String(), was.User, was.Moved, was.Next, was.Blocking)
	return n == 1, err
}

const answerCols = `project_id, round, workspace, user_id, name, platform, team, channel, asked_at, closes_at, moved, next_up, blocking, answered_at`

// answers reads the answers where cond holds.
func answers(ctx context.Context, tx Tx, cond string, args []any) ([]checklist.Answer, error) {
	var out []checklist.Answer
	err := tx.Query(ctx, `SELECT `+answerCols+` FROM standup_answers WHERE `+cond, args, func(v []any) error {
		round, err := checklist.ParseDate(text(v[1]))
		if err != nil {
			return err
		}
		out = append(out, checklist.Answer{ProjectID: integer(v[0]), Round: round, Workspace: text(v[2]), User: text(v[3]), Name: text(v[4]),
			Direct:  checklist.Binding{Platform: text(v[5]), Team: text(v[6]), Channel: text(v[7])},
			AskedAt: Unstamp(text(v[8])), ClosesAt: Unstamp(text(v[9])), Moved: text(v[10]), Next: text(v[11]), Blocking: text(v[12]),
			AnsweredAt: Unstamp(text(v[13]))})
		return nil
	})
	return out, err
}

// OpenAnswer is the latest part asked in b of user whose window is open at
// now; ENOTFOUND.
func OpenAnswer(ctx context.Context, tx Tx, b checklist.Binding, user string, now time.Time) (*checklist.Answer, error) {
	as, err := answers(ctx, tx, `platform = ? AND team = ? AND channel = ? AND user_id = ? AND asked_at <= ? AND closes_at > ? ORDER BY asked_at DESC`,
		[]any{b.Platform, b.Team, b.Channel, user, Stamp(now), Stamp(now)})
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, checklist.Errorf(checklist.ENOTFOUND, "no stand-up round is waiting for your answer here")
	}
	return &as[0], nil
}

// RoundAnswers are the parts of one round, by name.
func RoundAnswers(ctx context.Context, tx Tx, id int64, round checklist.Date) ([]checklist.Answer, error) {
	return answers(ctx, tx, `project_id = ? AND round = ? ORDER BY lower(name), user_id`, []any{id, round.String()})
}

// DeleteAnswers deletes the parts asked before `before`.
func DeleteAnswers(ctx context.Context, tx Tx, before time.Time) (int64, error) {
	return tx.Exec(ctx, `DELETE FROM standup_answers WHERE asked_at < ?`, Stamp(before))
}

// AddRounds gives each of ps what its stand-up rounds need besides the
// settings: the window (projects.standup_window, minutes) and the members.
func AddRounds(ctx context.Context, tx Tx, ps []*checklist.Project) error {
	if len(ps) == 0 {
		return nil
	}
	byID := make(map[int64]*checklist.Project, len(ps))
	ids, marks := make([]any, len(ps)), make([]string, len(ps))
	for i, p := range ps {
		byID[p.ID], ids[i], marks[i] = p, p.ID, "?"
	}
	err := tx.Query(ctx, `SELECT id, standup_window FROM projects WHERE id IN (`+strings.Join(marks, ", ")+`)`, ids, func(v []any) error {
		byID[integer(v[0])].StandupWindow = time.Duration(integer(v[1])) * time.Minute
		return nil
	})
	if err != nil {
		return err
	}
	return AddMembers(ctx, tx, ps)
}

// SetWindow stores a project's window, in minutes.
func SetWindow(ctx context.Context, tx Tx, id int64, w time.Duration) error {
	_, err := tx.Exec(ctx, `UPDATE projects SET standup_window = ? WHERE id = ?`, int64(w/time.Minute), id)
	return err
}
