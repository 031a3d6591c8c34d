package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/standardbot/standardbot/knowledge"
)

func (b *Bot) cmdHelp(_ context.Context, req *request) ([]Reply, error) {
	if req.args != "" {
		if _, ok := commandByName[strings.ToLower(req.args)]; !ok {
			return nil, errNotCommand
		}
	}
	return []Reply{b.helpReply()}, nil
}

func (b *Bot) helpReply() Reply {
	r := Reply{Type: ReplyHelp, Title: "standardbot: the digital service standard, in your chat"}
	r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Ask me anything about the standard, or use these commands:"})
	var items []string
	for _, c := range commands {
		items = append(items, fmt.Sprintf("`%s`: %s", c.usage, c.help))
	}
	r.Blocks = append(r.Blocks, Block{Type: List, Items: items})
	for _, s := range b.Library.Standards() {
		if s.HasRefs() {
			r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: numberingHelp(s)})
		}
	}
	r.Blocks = append(r.Blocks, Block{Type: Context, Text: "Questions use the " + b.DefaultStandard + " standard unless this channel's project uses another."})
	return r
}

// numberingHelp explains a standard that numbers its points within
// groups (Wales): both forms work wherever a point is typed.
func numberingHelp(s *knowledge.Standard) string {
	ex := s.Points[0]
	for _, p := range s.Points {
		if p.Group != s.Points[0].Group {
			ex = p
			break
		}
	}
	runs := s.RefRanges()
	list := strings.Join(runs, ", ")
	if len(runs) > 1 {
		list = strings.Join(runs[:len(runs)-1], ", ") + " and " + runs[len(runs)-1]
	}
	return fmt.Sprintf("The %s number their points within groups: %s. Type a point either way: %s (%s) is also point %d, its place in the published order, so in a %s project mark %s met and mark %d met do the same; elsewhere name the standard: point %s %s.",
		s.Name, list, ex.Shown(), ex.Title, ex.Number, s.ID, ex.Shown(), ex.Number, ex.Shown(), s.ID)
}

func (b *Bot) cmdStandards(_ context.Context, req *request) ([]Reply, error) {
	if req.args != "" {
		return nil, errNotCommand
	}
	r := Reply{Type: ReplyInfo, Title: "Standards I know"}
	var items []string
	for _, s := range b.Library.Standards() {
		origin := "built in"
		if !s.Builtin {
			origin = "from " + s.Path
		}
		items = append(items, fmt.Sprintf("%s: %s, %d points (%s)", s.ID, s.Name, len(s.Points), origin))
	}
	r.Blocks = []Block{{Type: List, Items: items}, {Type: Context, Text: "Read a point with `point N STANDARD`, e.g. point 5 govuk."}}
	return r.one(), nil
}

func (r Reply) one() []Reply { return []Reply{r} }

// cmdPoint shows a point: `point 5`, `point 5 localgov`, `point localgov 5`.
func (b *Bot) cmdPoint(ctx context.Context, req *request) ([]Reply, error) {
	fields := strings.Fields(req.args)
	if len(fields) == 0 {
		return nil, usage("Which point? Try: point 5")
	}
	stdID, num := "", ""
	for _, f := range fields {
		if knowledge.LooksLikePoint(f) && num == "" {
			num = f
		} else if stdID == "" {
			stdID = f
		}
	}
	if num == "" {
		return nil, errNotCommand
	}
	if len(fields) > 2 {
		return nil, errNotCommand
	}
	named := stdID != ""
	if !named {
		stdID = b.standardFor(ctx, req)
	}
	std, err := b.Library.Lookup(stdID)
	if err != nil {
		return nil, usage(err.Error() + ". Try: standards")
	}
	if named && req.msg.Address.Thread != "" {
		b.rememberStandard(ctx, req, std.ID)
	}
	n, err := std.ParsePoint(num)
	if err != nil {
		return nil, usage(fmt.Sprintf("%s has points %s, not %s. Try: point %s", std.ID, std.PointForms(), num, std.Points[0].Shown()))
	}
	p, _ := std.Point(n)
	r := pointReply(std, p, "")
	// An NHS point builds on a GOV.UK one, which applies too.
	r.Blocks = append(r.Blocks, appliedBlocks(knowledge.Source{Applies: b.Library.Applies(p)})...)
	return r.one(), nil
}

// reviewLooksFor introduces the guidance of a point without phases: the
// Technology Code of Practice is checked in spend control and technology
// reviews, not at phase assessments.
const reviewLooksFor = "In a spend control or technology review"

// looksForLabel introduces what a point's guidance looks for: phased
// as given ("At beta"), or the review's for a point without phases.
func looksForLabel(p knowledge.Point, phased string) string {
	if len(p.Phases) == 0 && p.Review != nil {
		return reviewLooksFor
	}
	return phased
}

// pointReply shows a point's summary and, for each phase (or the given
// one), what a panel looks for. A point without phases (the Technology
// Code of Practice) shows its review once, with its prompts, rather than
// the same text under every phase.
func pointReply(std *knowledge.Standard, p knowledge.Point, phase knowledge.Phase) Reply {
	r := Reply{Type: ReplyPoint, Title: std.Label(p)}
	r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: p.Summary})
	if rv := p.Review; rv != nil && len(p.Phases) == 0 {
		r.Blocks = append(r.Blocks,
			Block{Type: Fields, Pairs: []Pair{{Label: reviewLooksFor, Value: strings.TrimSpace(rv.LooksFor)}}},
			Block{Type: List, Items: rv.Prompts})
		if p.URL != "" {
			r.Blocks = append(r.Blocks, Block{Type: Context, Text: "Official page", URL: p.URL})
		}
		return r
	}
	phases := knowledge.AssessedPhases
	if phase != "" {
		phases = []knowledge.Phase{phase}
	}
	for _, ph := range phases {
		g, ok := p.Guide(ph)
		if !ok {
			continue
		}
		r.Blocks = append(r.Blocks, Block{Type: Fields, Pairs: []Pair{{Label: "At " + string(ph), Value: strings.TrimSpace(g.LooksFor)}}})
		if phase != "" {
			r.Blocks = append(r.Blocks, Block{Type: List, Items: g.Prompts})
		}
	}
	if p.URL != "" {
		r.Blocks = append(r.Blocks, Block{Type: Context, Text: "Official page", URL: p.URL})
	}
	return r
}
