package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/standardbot/standardbot/checklist"
)

// Sender is an adapter's proactive delivery: it posts a reply the bot sends
// on its own initiative (a stand-up, a reminder) to one of its platform's
// channels. Every adapter is one.
type Sender interface {
	// Platform is the name the adapter's channels carry in a
	// checklist.Binding.
	Platform() string
	// Send posts r to the channel b. An error wrapping
	// checklist.ErrUndeliverable means the channel can never have it (the
	// bot was removed, the channel archived); any other is worth another
	// try.
	Send(ctx context.Context, b checklist.Binding, r Reply) error
}

// DirectSender is a Sender that can also reach one person privately: a
// Slack DM, a Teams personal chat, the terminal itself. Stand-up rounds
// ask each member this way; a Sender that is not one cannot ask members.
type DirectSender interface {
	Sender
	// SendDirect delivers r to user in team privately and returns the
	// binding of the direct conversation, so the person's reply there can
	// be matched to their open stand-up round. An error wrapping
	// checklist.ErrUndeliverable means the person cannot be reached (left
	// the workspace, never opened a chat where the platform needs one);
	// any other is worth another try.
	SendDirect(ctx context.Context, team, user string, r Reply) (checklist.Binding, error)
}

// Notifier is the checklist.Notifier of a process: the core composes the
// message that has fallen due, and the Sender registered for the channel's
// platform delivers it.
type Notifier struct {
	core    *Bot
	senders map[string]Sender
}

var _ checklist.Notifier = (*Notifier)(nil)

// NewNotifier composes notices with core and sends them through senders.
func NewNotifier(core *Bot, senders ...Sender) *Notifier {
	n := &Notifier{core: core, senders: map[string]Sender{}}
	for _, s := range senders {
		n.Register(s)
	}
	return n
}

// Register adds the sender for s.Platform(). Register every sender before
// the first Notify: the notifier is not changed while it is in use. A
// second sender for one platform is a wiring mistake, and panics.
func (n *Notifier) Register(s Sender) {
	p := s.Platform()
	if _, dup := n.senders[p]; dup {
		panic("bot: two senders for platform " + p)
	}
	n.senders[p] = s
}

// Notify composes d for p and sends it to b. A platform with no sender in
// this process is an error worth retrying, in case another replica has
// one. A notice the core refuses to write (its standard is not loaded) is
// undeliverable; a store failure while writing it is not.
func (n *Notifier) Notify(ctx context.Context, b checklist.Binding, p *checklist.Project, d checklist.Due) error {
	s, ok := n.senders[b.Platform]
	if !ok {
		return fmt.Errorf("no %s adapter runs in this process", b.Platform)
	}
	if d.Kind == checklist.KindAsk || d.Kind == checklist.KindNag {
		return n.notifyMember(ctx, s, b, p, d)
	}
	r, err := n.core.Notice(ctx, p, d)
	var ue userError
	if errors.As(err, &ue) {
		return fmt.Errorf("compose %s: %w: %w", d.Kind, checklist.ErrUndeliverable, err)
	}
	if err != nil {
		return fmt.Errorf("compose %s: %w", d.Kind, err)
	}
	return s.Send(ctx, b, r)
}

// notifyMember asks a member their stand-up questions, or reminds one who
// has not answered, privately. The ask's direct conversation is stored
// with their part in the round, so their reply there is their answer.
func (n *Notifier) notifyMember(ctx context.Context, s Sender, b checklist.Binding, p *checklist.Project, d checklist.Due) error {
	ds, ok := s.(DirectSender)
	if !ok {
		return fmt.Errorf("%w: the %s adapter cannot send direct messages", checklist.ErrUndeliverable, b.Platform)
	}
	m, ok := p.Member(d.Member)
	if !ok {
		return nil // they left the stand-up since
	}
	if d.Kind == checklist.KindNag {
		return n.nag(ctx, ds, b, p, m, d)
	}
	if asked, err := n.askedAlready(ctx, p, m, d); err != nil || asked {
		return err
	}
	closes := d.At.Add(p.Window())
	r, err := n.core.askReply(ctx, p, m, closes)
	if err != nil {
		return fmt.Errorf("compose %s: %w", d.Kind, err)
	}
	dm, err := ds.SendDirect(ctx, b.Team, m.User, r)
	if err != nil {
		return err
	}
	a := &checklist.Answer{ProjectID: p.ID, Round: d.Round, Workspace: m.Workspace, User: m.User, Name: m.Name,
		Direct: dm, AskedAt: d.At, ClosesAt: closes}
	if err := n.core.Store.SaveAnswer(ctx, a); err != nil {
		// Asked already: sending again would repeat the question, so the
		// failure is logged, and their reply will not be matched.
		n.core.log().Error("stand-up asked but not recorded", "project", p.ID, "member", m.User, "err", err)
	}
	return nil
}

// nag reminds a member who was asked and has not answered.
func (n *Notifier) nag(ctx context.Context, ds DirectSender, b checklist.Binding, p *checklist.Project, m checklist.Member, d checklist.Due) error {
	answers, err := n.core.Store.RoundAnswers(ctx, p.ID, d.Round)
	if err != nil {
		return fmt.Errorf("compose %s: %w", d.Kind, err)
	}
	for _, a := range answers {
		if a.User == m.User && !a.Answered() {
			_, err := ds.SendDirect(ctx, b.Team, m.User, nagReply(p, m, a.ClosesAt))
			return err
		}
	}
	return nil // answered, or never reached
}

// SendDirect reaches user privately through the adapter of to's platform
// (to's channel is not used): `standup now` asks members this way.
func (n *Notifier) SendDirect(ctx context.Context, to checklist.Binding, user string, r Reply) (checklist.Binding, error) {
	s, ok := n.senders[to.Platform]
	if !ok {
		return checklist.Binding{}, fmt.Errorf("no %s adapter runs in this process", to.Platform)
	}
	ds, ok := s.(DirectSender)
	if !ok {
		return checklist.Binding{}, fmt.Errorf("%w: the %s adapter cannot send direct messages", checklist.ErrUndeliverable, to.Platform)
	}
	return ds.SendDirect(ctx, to.Team, user, r)
}

// FindPerson asks the adapter of to's platform who user is, when it can
// say (PersonFinder); "" for what it cannot.
func (n *Notifier) FindPerson(ctx context.Context, to checklist.Binding, user string) (name, zone string, err error) {
	if f, ok := n.senders[to.Platform].(PersonFinder); ok {
		return f.FindPerson(ctx, to.Team, user)
	}
	return "", "", nil
}

// askedAlready: a member asked in this round already (by standup now)
// is not asked again, which would also lose what they answered.
func (n *Notifier) askedAlready(ctx context.Context, p *checklist.Project, m checklist.Member, d checklist.Due) (bool, error) {
	answers, err := n.core.Store.RoundAnswers(ctx, p.ID, d.Round)
	if err != nil {
		return false, fmt.Errorf("compose %s: %w", d.Kind, err)
	}
	for _, a := range answers {
		if a.User == m.User {
			return true, nil
		}
	}
	return false, nil
}
