package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// Links makes the addresses `report` and `portfolio` answer with: in
// serve, the web pages' links (signed, for a report, so they open without
// signing in); in the terminal, files written in the data folder. cmd
// wires one; the core never builds an address itself. An error with a
// UserMessage says why there is no link and how to have one, and the
// reply carries that sentence instead of the link.
type Links interface {
	// Report returns where rep, p's readiness report as of now, can be
	// read in full.
	Report(ctx context.Context, p *checklist.Project, rep *checklist.Report) (Link, error)
	// Project returns the address of p's project page, or a Link with no
	// URL where there is none (the terminal).
	Project(ctx context.Context, p *checklist.Project) (Link, error)
	// Portfolio returns the address of the page listing every project the
	// reader may see.
	Portfolio(ctx context.Context) (Link, error)
}

// Link is an address to give in chat.
type Link struct {
	// URL is a web address, or the path of a file written on this machine.
	URL string
	// Expires is when a signed link stops working; zero for a link that
	// does not (a file, a page that asks its reader to sign in).
	Expires time.Time
}

// reportLinks are the closing lines of `report`: where the full report
// (and the project page) can be read. Without Links they name the command
// that writes the report, as the core did before it had pages.
func (b *Bot) reportLinks(ctx context.Context, p *checklist.Project) ([]Block, error) {
	if b.Links == nil {
		return []Block{{Type: Context, Text: fmt.Sprintf("The full report, with notes and evidence: standardbot report %q --format html (or markdown, csv, json)", p.Name)}}, nil
	}
	// The full report (who set each status, progress over time) for
	// Links that write it; the summary above needs none of it.
	full, err := FullReport(ctx, b.Store, p, b.Library, b.now())
	if err != nil {
		return nil, err
	}
	l, err := b.Links.Report(ctx, p, full)
	if blk, ok := linkRefused(err); ok {
		return []Block{blk}, nil
	} else if err != nil {
		return nil, fmt.Errorf("report link: %w", err)
	}
	if l.Expires.IsZero() {
		return []Block{{Type: Context, Text: "The full report, with notes and evidence, is written to", URL: l.URL}}, nil
	}
	out := []Block{{Type: Context, URL: l.URL, Text: fmt.Sprintf("Anyone with this link can read the report until %s. Open the full report", govukDate(l.Expires.In(p.Location())))}}
	pl, err := b.Links.Project(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("project link: %w", err)
	}
	if pl.URL != "" {
		out = append(out, Block{Type: Context, Text: "Progress over time, history, assessments and actions. Open the project page", URL: pl.URL})
	}
	return out, nil
}

// cmdPortfolio answers `portfolio` with the page listing every project.
func (b *Bot) cmdPortfolio(ctx context.Context, req *request) ([]Reply, error) {
	if req.args != "" {
		return nil, errNotCommand
	}
	if b.Links == nil {
		return []Reply{Text(ReplyInfo, "The portfolio is a web page of standardbot serve, which this bot is not running.")}, nil
	}
	l, err := b.Links.Portfolio(ctx)
	if blk, ok := linkRefused(err); ok {
		return []Reply{{Type: ReplyInfo, Blocks: []Block{blk}}}, nil
	} else if err != nil {
		return nil, fmt.Errorf("portfolio link: %w", err)
	}
	r := Reply{Type: ReplyInfo, Title: "Portfolio", Blocks: []Block{
		{Type: Paragraph, Text: "Every project you may see, with its standard, phase, readiness, next assessment and open actions; sort by any column and filter by phase and standard."},
		{Type: Context, Text: "Sign in with your workspace's account to open it. Open the portfolio", URL: l.URL},
	}}
	return r.one(), nil
}

// linkRefused turns a Links error meant for the user into the line that
// says why there is no link.
func linkRefused(err error) (Block, bool) {
	var ue userError
	if err != nil && errors.As(err, &ue) {
		return Block{Type: Context, Text: ue.UserMessage()}, true
	}
	return Block{}, false
}

// govukDate writes a day as GOV.UK does: 20 January 2027.
func govukDate(t time.Time) string { return t.Format("2 January 2006") }

// DescribeChange says in words what one history entry did, as `history`
// does, for the web pages' history; num gives a point's number as people
// read it (checklist.Report.PointShown), the plain number when nil.
func DescribeChange(c checklist.Change, num func(int) string) string {
	if num == nil {
		num = strconv.Itoa
	}
	return describeChange(c, num)
}
