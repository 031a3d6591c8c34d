package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

// binding is the channel a message came from, as the checklist knows it.
func binding(msg Message) checklist.Binding {
	return checklist.Binding{Platform: msg.Address.Platform, Team: msg.Address.Team, Channel: msg.Address.Channel}
}

// who is the person behind a change, as the store records them: their
// platform's stable user id, which decides whose a note or a project is
// (checklist.Person.Is), and the name replies and reports show, their id
// when the platform gave no name.
func who(msg Message) checklist.Person {
	name := msg.UserName
	if name == "" {
		name = msg.User
	}
	return checklist.Person{ID: msg.User, Name: name}
}

// errNoStore explains that a bot without a database cannot keep projects.
var errNoStore = usage("Projects need a database: run standardbot chat or serve, which keep one in the data folder.")

// project returns the channel's project, or a user error saying how to
// make one.
func (b *Bot) project(ctx context.Context, req *request) (*checklist.Project, error) {
	if b.Store == nil {
		return nil, errNoStore
	}
	p, err := b.Store.ProjectByChannel(ctx, binding(req.msg))
	if checklist.ErrorCode(err) == checklist.ENOTFOUND && req.msg.Direct {
		// A stand-up's status buttons, or typed words, in the direct
		// conversation a member was asked in act on that round's project.
		if a, aerr := b.Store.OpenAnswer(ctx, binding(req.msg), req.msg.User, b.now()); aerr == nil {
			return b.Store.Project(ctx, a.ProjectID)
		}
	}
	if checklist.ErrorCode(err) == checklist.ENOTFOUND {
		return nil, usage("There is no project in this channel yet. Start one with: project new NAME")
	}
	return p, err
}

// progress loads a project's points, not-started ones included.
func (b *Bot) progress(ctx context.Context, p *checklist.Project) (*checklist.Progress, error) {
	states, err := b.Store.PointStates(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("load progress: %w", err)
	}
	return checklist.NewProgress(p, states), nil
}

// standardOf returns a project's standard from the library.
func (b *Bot) standardOf(p *checklist.Project) (*knowledge.Standard, error) {
	s, err := b.Library.Lookup(p.Standard)
	if err != nil {
		return nil, usage(fmt.Sprintf("This project uses the standard %q, which is not loaded now. Load it with --source, or ask an admin.", p.Standard))
	}
	return s, nil
}

// checkPoint reads a point typed by a user against a project: its plain
// number, or the official reference ("2.1") where the project's standard
// has them (knowledge.Standard.ParsePoint). A bad one is a one-line usage
// error naming the forms the standard takes.
func (b *Bot) checkPoint(p *checklist.Project, arg string) (int, error) {
	if s, ok := b.Library.Standard(p.Standard); ok && len(s.Points) == p.Points {
		n, err := s.ParsePoint(arg)
		if err != nil {
			return 0, usage(err.Error() + ". Try: status")
		}
		return n, nil
	}
	n, ok := atoiStrict(arg)
	if !ok {
		return 0, usage(fmt.Sprintf("%s has points 1 to %d, so %q is not one of them. Try: status", p.Standard, p.Points, arg))
	}
	return n, checklist.CheckPoint(p.Standard, p.Points, n)
}

func atoiStrict(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func (b *Bot) cmdProject(ctx context.Context, req *request) ([]Reply, error) {
	sub, rest, _ := strings.Cut(req.args, " ")
	switch strings.ToLower(sub) {
	case "":
		p, err := b.project(ctx, req)
		if err != nil {
			return nil, err
		}
		return b.projectReply(ctx, p, "")
	case "new", "create", "start":
		return b.projectNew(ctx, req, strings.TrimSpace(rest))
	case "link":
		return b.projectLink(ctx, req, strings.TrimSpace(rest))
	case "rename":
		return b.projectRename(ctx, req, rest)
	case "archive":
		return b.projectArchive(ctx, req, true)
	case "unarchive", "restore":
		return b.projectArchive(ctx, req, false)
	case "delete":
		return b.projectDelete(ctx, req, strings.TrimSpace(rest))
	}
	return nil, usage("Try: project (to see this channel's project), project new NAME [standard ID], project rename NEW NAME, project archive, project unarchive, project delete or project link NAME")
}

func (b *Bot) projectNew(ctx context.Context, req *request, args string) ([]Reply, error) {
	if b.Store == nil {
		return nil, errNoStore
	}
	stdID := b.DefaultStandard
	if i := strings.LastIndex(strings.ToLower(args), " standard "); i >= 0 {
		stdID = strings.TrimSpace(args[i+len(" standard "):])
		args = args[:i]
	}
	name, err := checklist.ValidName(args)
	if err != nil {
		return nil, err
	}
	std, err := b.Library.Lookup(stdID)
	if err != nil {
		return nil, usage(err.Error() + ". Try: project new " + name + " standard govuk")
	}
	bind, by := binding(req.msg), who(req.msg)
	p := &checklist.Project{
		Name: name, Workspace: bind.Workspace(), Standard: std.ID, Points: len(std.Points),
		Phase: checklist.Discovery, TimeZone: b.DefaultTimeZone, Bindings: []checklist.Binding{bind},
		CreatedBy: by.Name, CreatedByID: by.ID,
	}
	if err := b.Store.CreateProject(ctx, p); err != nil {
		return nil, err
	}
	return b.projectReply(ctx, p, fmt.Sprintf("Created project %q for this channel, against the %s (%d points). Next: set the phase (phase alpha), the assessment date (assessment YYYY-MM-DD), then walk the points with: checklist", p.Name, std.Name, len(std.Points)))
}

// projectLink binds this channel to an existing project of the workspace:
// its commands work here, and its stand-ups and reminders come here too.
// Admins only, because from then on this channel's members see and change
// a project made elsewhere, perhaps in a private channel.
func (b *Bot) projectLink(ctx context.Context, req *request, name string) ([]Reply, error) {
	if b.Store == nil {
		return nil, errNoStore
	}
	if err := b.adminOnly(req.msg, "link a channel to a project"); err != nil {
		return nil, err
	}
	if name == "" {
		return nil, usage("Which project? Try: project link NAME")
	}
	bind := binding(req.msg)
	p, err := b.Store.ProjectByName(ctx, bind.Workspace(), name)
	if err != nil {
		return nil, err
	}
	if err := b.Store.BindChannel(ctx, p.ID, bind, who(req.msg)); err != nil {
		return nil, err
	}
	return b.projectReply(ctx, p, fmt.Sprintf("Linked this channel to project %q: its commands work here, and its stand-ups and reminders come here too.", p.Name))
}

// projectReply shows a project's settings and progress.
func (b *Bot) projectReply(ctx context.Context, p *checklist.Project, lead string) ([]Reply, error) {
	pr, err := b.progress(ctx, p)
	if err != nil {
		return nil, err
	}
	stdName := p.Standard
	if s, ok := b.Library.Standard(p.Standard); ok {
		stdName = s.Name
	}
	r := Reply{Type: ReplyInfo, Title: "Project: " + p.Name + archivedSuffix(p)}
	if lead != "" {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: lead})
	}
	if p.Archived() {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: fmt.Sprintf("Archived on %s: no stand-ups, reminders or practice panels. Bring it back with: project unarchive", dateText(p, p.ArchivedAt))})
	}
	r.Blocks = append(r.Blocks, Block{Type: Fields, Pairs: []Pair{
		{"Standard", fmt.Sprintf("%s (%s)", stdName, p.Standard)},
		{"Phase", string(p.Phase)},
		{"Assessment", b.assessmentText(p)},
		{"Time zone", p.TimeZone},
		{"Bank holidays", p.Division().Title()},
		{"Stand-ups", standupText(p)},
		{"Reminders", remindersText(p.Schedule)},
		{"Progress", progressText(pr)},
	}})
	return b.withOutcome(ctx, p, r)
}

// withOutcome adds to a project's reply its latest assessment's result and
// its open actions.
func (b *Bot) withOutcome(ctx context.Context, p *checklist.Project, r Reply) ([]Reply, error) {
	last, err := b.Store.LatestAssessment(ctx, p.ID)
	switch {
	case err == nil && last.Result != "":
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: fmt.Sprintf("Last assessment: %s %s on %s, %s.",
			ratingEmoji[last.Result], assessmentName(last.Stage), last.Date.Pretty(), last.Result)})
	case err != nil && checklist.ErrorCode(err) != checklist.ENOTFOUND:
		return nil, err
	}
	acts, err := b.Store.OpenActions(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	if len(acts) > 0 {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Open actions from the panel:"}, Block{Type: List, Items: b.actionLines(p, acts)})
	}
	return r.one(), nil
}

// assessmentText is the date and how far away it is.
func (b *Bot) assessmentText(p *checklist.Project) string {
	if p.Assessment.IsZero() {
		return "not booked (set it with: assessment YYYY-MM-DD)"
	}
	return fmt.Sprintf("%s (%s)", p.Assessment.Pretty(), daysText(p.Assessment.DaysFrom(b.today(p))))
}

// today is the current date in the project's time zone.
func (b *Bot) today(p *checklist.Project) checklist.Date {
	return checklist.DateOf(b.now().In(p.Location()))
}

func daysText(days int) string {
	switch {
	case days == 0:
		return "today"
	case days == 1:
		return "tomorrow"
	case days > 1:
		return fmt.Sprintf("in %d days", days)
	case days == -1:
		return "yesterday"
	}
	return fmt.Sprintf("%d days ago", -days)
}

func progressText(pr *checklist.Progress) string {
	c := pr.Counts()
	return fmt.Sprintf("%d of %d points met or n/a; %d partly, %d not met, %d not started",
		c[checklist.Met]+c[checklist.NA], len(pr.Points), c[checklist.Partly], c[checklist.NotMet], c[checklist.NotStarted])
}
