package console

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

// Files are the terminal's bot.Links: the full report is written as an
// HTML file in Dir (the data folder's reports/), and its path given. The
// terminal has no web pages.
type Files struct {
	Dir string
}

var _ bot.Links = Files{}

// Report writes rep as HTML to Dir/NAME.html (the project's name made
// safe for a file name, with its id), replacing an earlier copy, and
// returns the file's absolute path.
func (f Files) Report(ctx context.Context, p *checklist.Project, rep *checklist.Report) (bot.Link, error) {
	var buf bytes.Buffer
	if err := rep.HTML(&buf); err != nil {
		return bot.Link{}, fmt.Errorf("write report: %w", err)
	}
	if err := os.MkdirAll(f.Dir, 0o750); err != nil {
		return bot.Link{}, fmt.Errorf("reports folder: %w", err)
	}
	path, err := filepath.Abs(filepath.Join(f.Dir, fmt.Sprintf("%s-%d.html", fileName(p.Name), p.ID)))
	if err != nil {
		return bot.Link{}, err
	}
	// Written beside and renamed, so a browser never shows half a report.
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o640); err != nil {
		return bot.Link{}, fmt.Errorf("write report: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return bot.Link{}, fmt.Errorf("write report: %w", err)
	}
	return bot.Link{URL: path}, nil
}

// Project has no page in the terminal.
func (Files) Project(context.Context, *checklist.Project) (bot.Link, error) { return bot.Link{}, nil }

// Portfolio has no page in the terminal; the error says where it is.
func (Files) Portfolio(context.Context) (bot.Link, error) {
	return bot.Link{}, checklist.Errorf(checklist.EINVALID, "The portfolio is a web page of standardbot serve (see the README, Web pages); in the terminal, report writes each project's full report to a file.")
}

// fileName is a project's name as a file name: lower case letters and
// digits, words joined by hyphens, at most 60 characters.
func fileName(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.IsLetter(r) && r < unicode.MaxASCII, unicode.IsDigit(r) && r < unicode.MaxASCII:
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	if b.Len() == 0 {
		return "project"
	}
	return b.String()
}
