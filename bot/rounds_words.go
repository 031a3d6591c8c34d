package bot

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// PersonFinder is a Sender that can say who a platform user is: their
// display name and the time zone their platform holds for them ("" when
// it holds none). Slack's users.info is one. Members named in `standup
// members @a @b` are looked up this way, so each is asked in their time
// before they have said anything to the bot.
type PersonFinder interface {
	FindPerson(ctx context.Context, team, user string) (name, zone string, err error)
}

// Rounds is what the words that act at once need of the process's
// adapters: reaching a person privately and finding who they are. cmd
// sets Bot.Rounds to the Notifier.
type Rounds interface {
	DirectDelivery
	FindPerson(ctx context.Context, to checklist.Binding, user string) (name, zone string, err error)
}

// Later is the scheduler's durable queue, for a message the schedule
// does not know: it is sent at d.At, after a restart too, once.
type Later interface {
	Later(ctx context.Context, projectID int64, d checklist.Due) error
}

// mentionRE matches a person named in words: Slack's <@U123> or
// <@U123|name>, Teams' and the terminal's @name.
var mentionRE = regexp.MustCompile(`^(?:<@([A-Za-z0-9]+)(?:\|([^>]*))?>|@(\S+))$`)

// standupRoundWords are the words of stand-up rounds: members, join,
// leave, window, skip until, back, now and summary. ok is false for other
// standup words.
func (b *Bot) standupRoundWords(ctx context.Context, req *request, p *checklist.Project) ([]Reply, bool, error) {
	f := strings.Fields(req.args)
	if len(f) == 0 {
		return nil, false, nil
	}
	word := strings.ToLower(f[0])
	if !slices.Contains([]string{"members", "join", "leave", "window", "skip", "back", "now", "summary"}, word) {
		return nil, false, nil
	}
	// The project as the scheduler reads it: with members and window.
	p, err := b.Store.Project(ctx, p.ID)
	if err != nil {
		return nil, true, err
	}
	var r Reply
	switch {
	case word == "members":
		r, err = b.setMembers(ctx, req, p, f[1:])
	case word == "join":
		r, err = b.joinStandup(ctx, req, p)
	case word == "leave":
		err = b.Store.RemoveMember(ctx, p.ID, req.msg.User, who(req.msg))
		r = Text(ReplyInfo, fmt.Sprintf("You have left %s's stand-up. Join again with: standup join", p.Name))
	case word == "window" && len(f) >= 2:
		r, err = b.setWindow(ctx, req, p, strings.Join(f[1:], " "))
	case word == "skip" || word == "back":
		r, err = b.skipStandup(ctx, req, p, f[1:])
	case word == "now":
		r, err = b.standupNow(ctx, req, p)
	case word == "summary":
		r, err = b.summaryReply(ctx, p, b.today(p), b.now())
	default:
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	return r.one(), true, nil
}

// setMembers lists the members, or makes those named the members: new
// ones are added, with their name and zone from their platform where it
// says, and those not named are removed.
func (b *Bot) setMembers(ctx context.Context, req *request, p *checklist.Project, names []string) (Reply, error) {
	if len(names) == 0 && len(req.msg.Mentions) == 0 {
		return b.membersReply(ctx, p)
	}
	want, err := b.named(ctx, req, names)
	if err != nil {
		return Reply{}, err
	}
	current, err := b.Store.Members(ctx, p.ID)
	if err != nil {
		return Reply{}, err
	}
	for _, m := range current {
		if !memberIn(want, m.User) {
			if err := b.Store.RemoveMember(ctx, p.ID, m.User, who(req.msg)); err != nil {
				return Reply{}, err
			}
		}
	}
	for _, m := range want {
		if err := b.Store.AddMember(ctx, p.ID, m, who(req.msg)); err != nil {
			return Reply{}, err
		}
	}
	return b.membersReply(ctx, p)
}

// named are the people the words name: the platform's mentions where it
// gives them (Teams names people in text), else each word's mention.
func (b *Bot) named(ctx context.Context, req *request, words []string) ([]checklist.Member, error) {
	var out []checklist.Member
	if len(req.msg.Mentions) > 0 {
		for _, m := range req.msg.Mentions {
			out = append(out, b.member(ctx, req, m.ID, m.Name))
		}
		return out, nil
	}
	for _, w := range words {
		sm := mentionRE.FindStringSubmatch(w)
		if sm == nil {
			return nil, usage(fmt.Sprintf("%q does not name a person: mention them, as in standup members @ana @ben", w))
		}
		if sm[1] != "" {
			out = append(out, b.member(ctx, req, sm[1], sm[2]))
		} else {
			out = append(out, b.member(ctx, req, sm[3], sm[3]))
		}
	}
	return out, nil
}

func memberIn(ms []checklist.Member, user string) bool {
	for _, m := range ms {
		if m.User == user {
			return true
		}
	}
	return false
}

// member is the person with the platform id user, named name unless the
// platform says better; the zone their platform holds is kept as theirs
// unless they chose one.
func (b *Bot) member(ctx context.Context, req *request, user, name string) checklist.Member {
	ws := binding(req.msg).Workspace()
	if b.Rounds != nil {
		found, zone, err := b.Rounds.FindPerson(ctx, binding(req.msg), user)
		if err != nil {
			b.log().Warn("could not look a stand-up member up", "user", user, "err", err)
		}
		if found != "" {
			name = found
		}
		if zone != "" {
			if err := b.Store.SetPersonZone(ctx, ws, user, zone, "platform"); err != nil {
				b.log().Warn("could not keep a member's zone", "user", user, "zone", zone, "err", err)
			}
		}
	}
	if name == "" {
		name = user
	}
	return checklist.Member{Workspace: ws, User: user, Name: name}
}

// joinStandup makes the sender a member.
func (b *Bot) joinStandup(ctx context.Context, req *request, p *checklist.Project) (Reply, error) {
	if p.Archived() {
		return Reply{}, errArchived(p, "stand-ups")
	}
	m := checklist.Member{Workspace: binding(req.msg).Workspace(), User: req.msg.User, Name: who(req.msg).Name}
	if err := b.Store.AddMember(ctx, p.ID, m, who(req.msg)); err != nil {
		return Reply{}, err
	}
	return b.membersReply(ctx, p)
}

// membersReply lists the members with their zones and any skip.
func (b *Bot) membersReply(ctx context.Context, p *checklist.Project) (Reply, error) {
	ms, err := b.Store.Members(ctx, p.ID)
	if err != nil {
		return Reply{}, err
	}
	if len(ms) == 0 {
		return Text(ReplyInfo, fmt.Sprintf("%s's stand-up has no members, so it is one prompt to this channel. Add people with: standup members @ana @ben, or standup join", p.Name)), nil
	}
	var items []string
	for _, m := range ms {
		zone := m.TimeZone
		if zone == "" {
			zone = p.TimeZone + " (the project's)"
		}
		line := fmt.Sprintf("%s, %s", m.Name, zone)
		if !m.SkipUntil.IsZero() && m.SkipUntil.DaysFrom(b.today(p)) >= 0 {
			line += ", away until " + m.SkipUntil.Pretty()
		}
		items = append(items, line)
	}
	when := "Set a time with: standup at 09:30"
	if p.Schedule.StandupAt != "" {
		when = fmt.Sprintf("Each is asked privately at %s %s in their own time, answers gathered for %s, then one summary here.",
			p.Schedule.StandupAt, daysWords(p.Schedule.StandupDays), checklist.WindowText(p.Window()))
	}
	return Reply{Type: ReplyInfo, Title: "Stand-up members: " + p.Name, Blocks: []Block{{Type: List, Items: items}, {Type: Paragraph, Text: when}}}, nil
}

// setWindow sets how long rounds gather answers.
func (b *Bot) setWindow(ctx context.Context, req *request, p *checklist.Project, arg string) (Reply, error) {
	w, err := checklist.ParseWindow(arg)
	if err != nil {
		return Reply{}, err
	}
	up, err := b.Store.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{StandupWindow: &w}, who(req.msg))
	if err != nil {
		return Reply{}, err
	}
	return Text(ReplyInfo, fmt.Sprintf("%s's stand-up gathers answers for %s after each member is asked, with one reminder half way.", up.Name, checklist.WindowText(up.Window()))), nil
}

// skipStandup: `standup skip until YYYY-MM-DD` holds the sender out
// through that day; `standup back` (or skip off) brings them back.
func (b *Bot) skipStandup(ctx context.Context, req *request, p *checklist.Project, rest []string) (Reply, error) {
	var until checklist.Date
	switch {
	case strings.EqualFold(strings.Fields(req.args)[0], "back") || (len(rest) == 1 && strings.EqualFold(rest[0], "off")):
	case len(rest) == 2 && strings.EqualFold(rest[0], "until"):
		d, err := checklist.ParseDate(rest[1])
		if err != nil || d.DaysFrom(b.today(p)) < 0 {
			return Reply{}, usage("Give the last day you are away, today or later, as YYYY-MM-DD: standup skip until 2027-04-09")
		}
		until = d
	default:
		return Reply{}, usage("Try: standup skip until YYYY-MM-DD, or standup back")
	}
	if err := b.Store.SkipMember(ctx, p.ID, req.msg.User, until, who(req.msg)); err != nil {
		return Reply{}, err
	}
	if until.IsZero() {
		return Text(ReplyInfo, fmt.Sprintf("Welcome back: %s's stand-up asks you again from its next round.", p.Name)), nil
	}
	return Text(ReplyInfo, fmt.Sprintf("You are away from %s's stand-up through %s, and asked again the next working day after.", p.Name, until.Pretty())), nil
}

// standupNow asks every member at once, privately, and says who; without
// members it is the channel prompt, as `standup` is.
func (b *Bot) standupNow(ctx context.Context, req *request, p *checklist.Project) (Reply, error) {
	if p.Archived() {
		return Reply{}, errArchived(p, "stand-ups")
	}
	if len(p.Members) == 0 {
		return b.Notice(ctx, p, checklist.Due{Kind: checklist.KindStandup})
	}
	if b.Rounds == nil {
		return Reply{}, usage("This process cannot send direct messages, so it cannot ask the members now. Try: standup")
	}
	now, round := b.now(), b.today(p)
	closes := now.Add(p.Window())
	var asked, missed []string
	for _, m := range p.Members {
		if m.Skipping(round) {
			continue
		}
		if err := b.askNow(ctx, p, m, round, now, closes); err != nil {
			b.log().Warn("stand-up now: could not ask a member", "project", p.ID, "member", m.User, "err", err)
			missed = append(missed, m.Name)
			continue
		}
		asked = append(asked, m.Name)
	}
	if len(asked) == 0 {
		text := "Nobody could be asked just now."
		if len(missed) > 0 {
			text += " Could not reach: " + strings.Join(missed, ", ") + "."
		}
		return Text(ReplyInfo, text), nil
	}
	text := fmt.Sprintf("Asked %s privately; answers are gathered until %s (%s). %s",
		strings.Join(asked, ", "), closes.In(p.Location()).Format("15:04"), p.TimeZone, b.summaryLater(ctx, p, round, closes))
	if len(missed) > 0 {
		text += " Could not reach: " + strings.Join(missed, ", ") + "."
	}
	return Text(ReplyInfo, text), nil
}

// summaryLater queues the summary of a round asked at once for when its
// window closes, as a scheduled round's comes, and says when it will
// come. Where the day's scheduled round closes no earlier, its summary
// covers these answers too, and none is queued. Without a scheduler, or
// when queueing fails (the members are asked all the same), it points to
// standup summary.
func (b *Bot) summaryLater(ctx context.Context, p *checklist.Project, round checklist.Date, closes time.Time) string {
	const ask = "See them so far with: standup summary"
	if p.HasRounds() {
		if end := p.RoundCloses(round); !end.Before(closes) {
			return fmt.Sprintf("The summary comes here at %s with today's stand-up. %s", end.In(p.Location()).Format("15:04"), ask)
		}
	}
	if b.Later == nil {
		return "Then see them with: standup summary"
	}
	if err := b.Later.Later(ctx, p.ID, p.NowSummary(round, closes)); err != nil {
		b.log().Error("stand-up now: summary not queued", "project", p.ID, "err", err)
		return "The summary could not be scheduled, so see the answers then with: standup summary"
	}
	return "The summary comes here then. " + ask
}

// askNow asks one member and records their part in today's round.
func (b *Bot) askNow(ctx context.Context, p *checklist.Project, m checklist.Member, round checklist.Date, now, closes time.Time) error {
	r, err := b.askReply(ctx, p, m, closes)
	if err != nil {
		return err
	}
	dm, err := b.Rounds.SendDirect(ctx, m.Binding(), m.User, r)
	if err != nil {
		return err
	}
	return b.Store.SaveAnswer(ctx, &checklist.Answer{ProjectID: p.ID, Round: round, Workspace: m.Workspace, User: m.User, Name: m.Name,
		Direct: dm, AskedAt: now, ClosesAt: closes})
}

// timezoneMe: `timezone me AREA/CITY` sets the sender's own zone, which
// their stand-up questions follow in every project, over what their
// platform reports; `timezone me` says which they have.
func (b *Bot) timezoneMe(ctx context.Context, req *request, rest []string) ([]Reply, error) {
	if b.Store == nil {
		return nil, errNoStore
	}
	if len(rest) != 1 {
		return nil, usage("Try: timezone me Europe/London (an IANA name: Area/City). Your stand-up questions come at the stand-up time in that zone.")
	}
	zone, err := checklist.ParseTimeZone(rest[0])
	if err != nil {
		return nil, err
	}
	if err := b.Store.SetPersonZone(ctx, binding(req.msg).Workspace(), req.msg.User, zone, "person"); err != nil {
		return nil, err
	}
	return Text(ReplyInfo, fmt.Sprintf("Your time zone is %s: stand-ups ask you at their time there. Your platform's zone no longer changes it.", zone)).one(), nil
}

// notePlatformZone keeps the zone the platform reports for the sender
// (Message.TimeZone) as theirs unless they chose one, once per process
// per person and zone, so an ordinary message costs no write.
func (b *Bot) notePlatformZone(ctx context.Context, msg Message) {
	if msg.TimeZone == "" || msg.User == "" || b.Store == nil {
		return
	}
	ws := binding(Message{Address: msg.Address}).Workspace()
	key := ws + "|" + msg.User
	if z, ok := b.zonesSeen.Load(key); ok && z == msg.TimeZone {
		return
	}
	if err := b.Store.SetPersonZone(ctx, ws, msg.User, msg.TimeZone, "platform"); err != nil {
		b.log().Warn("could not keep the platform's zone for a person", "user", msg.User, "zone", msg.TimeZone, "err", err)
		return
	}
	b.zonesSeen.Store(key, msg.TimeZone)
}
