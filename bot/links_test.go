package bot_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/bot/console"
	"github.com/standardbot/standardbot/checklist"
)

// links is a bot.Links double: signed web links, or the refusal a server
// without its secret gives.
type links struct {
	off  bool
	seen *checklist.Report
}

func (l *links) Report(ctx context.Context, p *checklist.Project, rep *checklist.Report) (bot.Link, error) {
	if l.off {
		return bot.Link{}, checklist.Errorf(checklist.EINVALID, "Links to the full report are off here: set STANDARDBOT_SECRET.")
	}
	l.seen = rep
	return bot.Link{URL: "https://sb.example/report/1?exp=1&sig=s", Expires: time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)}, nil
}

func (l *links) Project(ctx context.Context, p *checklist.Project) (bot.Link, error) {
	return bot.Link{URL: "https://sb.example/projects/1?exp=1&sig=s", Expires: time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)}, nil
}

func (l *links) Portfolio(ctx context.Context) (bot.Link, error) {
	if l.off {
		return bot.Link{}, checklist.Errorf(checklist.EINVALID, "The portfolio page is off here.")
	}
	return bot.Link{URL: "https://sb.example/portfolio"}, nil
}

func TestReportGivesTheSignedLink(t *testing.T) {
	b := bottest.NewBot(t)
	l := &links{}
	b.Core.Links = l
	b.Expect("project new Apply for a blue badge", "Created project")
	b.Say("mark 1 met")
	got := b.Expect("report", "Readiness report: Apply for a blue badge", "1 of 14 points met or n/a (7%)",
		"Anyone with this link can read the report until 4 December 2026. Open the full report: https://sb.example/report/1?exp=1&sig=s",
		"Open the project page: https://sb.example/projects/1?exp=1&sig=s")
	if strings.Contains(got, "standardbot report") {
		t.Errorf("the reply still sends a chat user to the command line:\n%s", got)
	}
	if l.seen == nil || l.seen.Project != "Apply for a blue badge" || l.seen.Counts[checklist.Met] != 1 {
		t.Errorf("the links were not given the report: %+v", l.seen)
	}
	b.Expect("portfolio", "Open the portfolio: https://sb.example/portfolio")
	l.off = true
	b.Expect("report", "Readiness report: Apply for a blue badge", "Links to the full report are off here: set STANDARDBOT_SECRET.")
	b.Expect("portfolio", "The portfolio page is off here.")
}

// TestReportInTheTerminalWritesTheFile: in the terminal, report writes
// the HTML report into the data folder and gives its path.
func TestReportInTheTerminalWritesTheFile(t *testing.T) {
	b := bottest.NewBot(t)
	dir := filepath.Join(t.TempDir(), "reports")
	b.Core.Links = console.Files{Dir: dir}
	b.Expect("project new Apply for a blue badge / beta?", "Created project")
	b.Say("note 5 audit booked with https://example.gov.uk/audit")
	path := filepath.Join(dir, "apply-for-a-blue-badge-beta-1.html")
	b.Expect("report", "The full report, with notes and evidence, is written to: "+path)
	page, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(page), "<title>Readiness report: Apply for a blue badge / beta?</title>") || !strings.Contains(string(page), "audit booked") {
		t.Errorf("the written report: %v\n%.300s", err, page)
	}
	b.Expect("portfolio", "The portfolio is a web page of standardbot serve")
}
