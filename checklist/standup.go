package checklist

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Stand-up rounds: a project with members asks each of them, in a direct
// message at the stand-up time in their own zone, what moved, what is next
// and what blocks them; answers are gathered until the window closes, and
// one summary goes to the project's channels after the last window.

// The kinds of due message a round sends. Queued jobs store the values.
const (
	// KindAsk asks one member their questions.
	KindAsk DueKind = "ask"
	// KindNag reminds one member who has not answered, once.
	KindNag DueKind = "nag"
	// KindSummary posts the round's summary to the project's channels.
	KindSummary DueKind = "summary"
)

// DefaultStandupWindow is how long answers are gathered when a project has
// not chosen (standup window 30m).
const DefaultStandupWindow = 2 * time.Hour

// SummaryCatchUp is how late a round's summary may still be posted: the
// answers are worth posting after a short outage, not a day later.
const SummaryCatchUp = 12 * time.Hour

// AnswerRetention is how long stand-up answers are kept: the summary is
// the team's record, and older answers are deleted (see the README's
// privacy note).
const AnswerRetention = 90 * 24 * time.Hour

// Member is one person asked at a project's stand-ups.
type Member struct {
	// Workspace is Binding.Workspace() of where they were added: the
	// platform and team their User id belongs to.
	Workspace string
	User      string // the platform's stable user id
	Name      string // for display
	// TimeZone is the person's own zone ("timezone me", or what their
	// platform reports), "" to use the project's.
	TimeZone string
	// SkipUntil holds them out of rounds through that date; zero when not.
	SkipUntil Date
}

// Binding is where to reach the member privately: their platform and team,
// with no channel (the adapter opens the direct conversation).
func (m Member) Binding() Binding {
	platform, team, _ := strings.Cut(m.Workspace, ":")
	return Binding{Platform: platform, Team: team}
}

// Location is the member's zone, or the project's when they have none.
func (m Member) Location(p *Project) *time.Location {
	if m.TimeZone != "" {
		return Zone(m.TimeZone)
	}
	return p.Location()
}

// Skipping reports whether the member is held out of the round on d.
func (m Member) Skipping(d Date) bool {
	return !m.SkipUntil.IsZero() && m.SkipUntil.DaysFrom(d) >= 0
}

// Window is how long a round gathers answers after each member is asked.
func (p *Project) Window() time.Duration {
	if p.StandupWindow > 0 {
		return p.StandupWindow
	}
	return DefaultStandupWindow
}

// HasRounds reports whether the project's stand-ups ask members rather
// than post one prompt to the channel.
func (p *Project) HasRounds() bool { return len(p.Members) > 0 && p.Schedule.StandupAt != "" }

// Ask is one member's moment in a round.
type Ask struct {
	Member Member
	At     time.Time
}

// RoundAsks are the members asked in the round of day d, with when: d at
// the stand-up time in each member's own zone. None when the schedule has
// no stand-up that day (its days, its division's bank holidays) or for a member
// skipping it.
func (p *Project) RoundAsks(d Date) []Ask {
	if !p.StandupOn(d) {
		return nil
	}
	var out []Ask
	for _, m := range p.Members {
		if !m.Skipping(d) {
			out = append(out, Ask{Member: m, At: localClock(d, p.Schedule.StandupAt, m.Location(p))})
		}
	}
	return out
}

// RoundCloses is when the round of day d stops gathering answers: the
// last member's window closing. Zero when nobody is asked.
func (p *Project) RoundCloses(d Date) time.Time {
	var end time.Time
	for _, a := range p.RoundAsks(d) {
		if t := a.At.Add(p.Window()); t.After(end) {
			end = t
		}
	}
	return end
}

// NagAt is when a member who has not answered is reminded: half way
// through their window.
func (p *Project) NagAt(a Ask) time.Time { return a.At.Add(p.Window() / 2) }

// roundDays are the round days that may have something due around now:
// members far east are asked the day before the project's date, and a
// summary may come the day after.
func roundDays(now time.Time, loc *time.Location) []Date {
	today := DateOf(now.In(loc))
	return []Date{today.AddDays(-2), today.AddDays(-1), today, today.AddDays(1)}
}

// dueRounds are the asks, nags and summaries due at now.
func (p *Project) dueRounds(now time.Time, loc *time.Location) []Due {
	var out []Due
	for _, d := range roundDays(now, loc) {
		for _, a := range p.RoundAsks(d) {
			key := fmt.Sprintf(":%d:%s:%s", p.ID, a.Member.User, d)
			if !a.At.After(now) && now.Sub(a.At) <= StandupCatchUp {
				out = append(out, Due{Kind: KindAsk, At: a.At, Key: string(KindAsk) + key, Member: a.Member.User, Round: d})
			}
			if nag, end := p.NagAt(a), a.At.Add(p.Window()); !nag.After(now) && now.Before(end) {
				out = append(out, Due{Kind: KindNag, At: nag, Key: string(KindNag) + key, Member: a.Member.User, Round: d})
			}
		}
		if end := p.RoundCloses(d); !end.IsZero() && !end.After(now) && now.Sub(end) <= SummaryCatchUp {
			out = append(out, Due{Kind: KindSummary, At: end, Key: fmt.Sprintf("summary:%d:%s", p.ID, d), Round: d})
		}
	}
	return out
}

// nextRound is the first ask, nag or summary moment after `after`, looking
// two weeks ahead as nextStandup does.
func (p *Project) nextRound(after time.Time, loc *time.Location) time.Time {
	var next time.Time
	today := DateOf(after.In(loc))
	for ahead := -2; ahead <= 14; ahead++ {
		d := today.AddDays(ahead)
		moments := []time.Time{p.RoundCloses(d)}
		for _, a := range p.RoundAsks(d) {
			moments = append(moments, a.At, p.NagAt(a))
		}
		for _, t := range moments {
			if !t.IsZero() && t.After(after) && (next.IsZero() || t.Before(next)) {
				next = t
			}
		}
	}
	return next
}

// NowSummary is the summary of a round asked at once (standup now) on
// day round, whose window closes at closes: due then, as a scheduled
// round's is when its last window closes. Its key has the moment in it,
// so a scheduled round the same day keeps its own summary, and a second
// standup now has its own too.
func (p *Project) NowSummary(round Date, closes time.Time) Due {
	return Due{Kind: KindSummary, At: closes, Round: round, AskedNow: true,
		Key: fmt.Sprintf("summary:%d:%s:now:%d", p.ID, round, closes.Unix())}
}

// Member returns the project's member with the platform id user.
func (p *Project) Member(user string) (Member, bool) {
	for _, m := range p.Members {
		if m.User == user {
			return m, true
		}
	}
	return Member{}, false
}

// Answer is one member's part in one round: when they were asked, where,
// and what they said. It is kept for AnswerRetention.
type Answer struct {
	ProjectID int64
	Round     Date
	Workspace string
	User      string
	Name      string
	// Direct is the conversation they were asked in, where their reply
	// is taken as their answer.
	Direct  Binding
	AskedAt time.Time
	// ClosesAt is the end of their window.
	ClosesAt time.Time
	// Moved, Next and Blocking are the answers to the three questions in
	// order, "" until given.
	Moved, Next, Blocking string
	// AnsweredAt is when they last answered, zero while they have not.
	AnsweredAt time.Time
}

// Answered reports whether the member has said anything yet.
func (a *Answer) Answered() bool { return !a.AnsweredAt.IsZero() }

// Complete reports whether all three questions have answers.
func (a *Answer) Complete() bool { return a.Moved != "" && a.Next != "" && a.Blocking != "" }

// Blocked reports whether the blocking answer names a blocker: anything
// but none, no, nothing or n/a.
func (a *Answer) Blocked() bool {
	s := strings.Trim(strings.ToLower(strings.TrimSpace(a.Blocking)), ".!")
	switch s {
	case "", "none", "no", "nothing", "n/a", "na", "nope", "no blockers", "nothing blocking":
		return false
	}
	return true
}

// Standups keeps stand-up rounds: members, each person's zone, and the
// answers of each round. The scheduler reads members with the project
// (Project.Members); the conversation core uses the rest.
type Standups interface {
	// AddMember adds or updates (name) a member, with a history entry
	// when new; ENOTFOUND for an unknown project.
	AddMember(ctx context.Context, id int64, m Member, by Person) error
	// RemoveMember removes a member, with a history entry; removing one
	// who is not a member does nothing.
	RemoveMember(ctx context.Context, id int64, user string, by Person) error
	// SkipMember holds a member out through until (zero: back now), with
	// a history entry; ENOTFOUND when they are not a member.
	SkipMember(ctx context.Context, id int64, user string, until Date, by Person) error
	// Members lists a project's members by name, each with their zone.
	Members(ctx context.Context, id int64) ([]Member, error)
	// SetPersonZone records a person's zone. source is "person" (they said
	// so with timezone me) or "platform" (their platform reported it); a
	// platform's zone never replaces one the person chose. EINVALID for
	// a zone that is not an IANA name.
	SetPersonZone(ctx context.Context, workspace, user, zone, source string) error
	// SaveAnswer stores a member's part in a round, replacing what was
	// there for the same project, round and user.
	SaveAnswer(ctx context.Context, a *Answer) error
	// UpdateAnswer stores a's answers and AnsweredAt over was, only if
	// the stored answers are still was's: false when another reply
	// changed them first (read again and retry), or the part is gone.
	UpdateAnswer(ctx context.Context, was, a *Answer) (bool, error)
	// OpenAnswer is the member's part in a round asked in the direct
	// conversation b whose window is open at now, the latest if several;
	// ENOTFOUND.
	OpenAnswer(ctx context.Context, b Binding, user string, now time.Time) (*Answer, error)
	// RoundAnswers are the parts of one round, by name.
	RoundAnswers(ctx context.Context, id int64, round Date) ([]Answer, error)
	// DeleteAnswers deletes the answers of rounds asked before `before`,
	// and says how many.
	DeleteAnswers(ctx context.Context, before time.Time) (int64, error)
}

// checkWindow refuses a window under 5 minutes or over 12 hours, or not
// in whole minutes (the stores keep minutes); 0 is the default.
func checkWindow(d time.Duration) (time.Duration, error) {
	if d == 0 {
		return 0, nil
	}
	if d < 5*time.Minute || d > 12*time.Hour || d%time.Minute != 0 {
		return 0, Errorf(EINVALID, "A stand-up window is 5 minutes to 12 hours in whole minutes, for example: standup window 30m or standup window 2h")
	}
	return d, nil
}

// ParseWindow reads a window as people write it: 30m, 2h, 1h30m, 90.
// A bare number is minutes.
func ParseWindow(s string) (time.Duration, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "default" {
		return DefaultStandupWindow, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		d, err = time.ParseDuration(s + "m")
	}
	if err != nil {
		return 0, Errorf(EINVALID, "%q is not a length of time: use minutes or hours, for example: standup window 30m", s)
	}
	return checkWindow(d)
}

// WindowText is a window as history and the bot show it: 2h, 30m, 1h30m.
func WindowText(d time.Duration) string {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case h == 0:
		return fmt.Sprintf("%dm", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%dm", h, m)
}
