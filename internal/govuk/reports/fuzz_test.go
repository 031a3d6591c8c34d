package reports

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/govuk/govuktest"
)

// FuzzFromText feeds the text reader anything. Whatever it reads must be
// in the text (it never makes up a remark or a title), hold together (the
// Assessment passes Check) and be one clean line per item; and text it
// refuses is refused with a message for the user. Seeds: the text
// fixtures and testdata/fuzz/FuzzFromText.
func FuzzFromText(f *testing.F) {
	files, _ := filepath.Glob("testdata/text/*.txt")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, text string) {
		a, err := FromText(text)
		if err != nil {
			if _, ok := err.(*checklist.Error); !ok || checklist.ErrorCode(err) != checklist.EINVALID {
				t.Fatalf("refused with %T %v, want EINVALID for the user", err, err)
			}
			return
		}
		if !a.Read() {
			t.Fatal("an assessment of which nothing was read came back without an error")
		}
		if err := a.Check(); err != nil {
			t.Fatalf("the assessment read fails Check: %v\n%+v", err, a)
		}
		var lines []string
		for _, l := range strings.Split(checklist.CleanText(text), "\n") {
			lines = append(lines, oneLine(l))
		}
		seen := strings.Join(lines, "\n")
		for _, p := range a.Points {
			for _, s := range append(append([]string{p.Title}, p.WellDone...), p.Explore...) {
				if s == "" && p.Title == "" {
					continue
				}
				if !utf8.ValidString(s) || strings.ContainsAny(s, "\n\t\r\x1b") || strings.TrimSpace(s) != s {
					t.Fatalf("point %d: %q is not one clean line", p.Point, s)
				}
				if !strings.Contains(seen, s) {
					t.Fatalf("point %d: %q is not in the text", p.Point, s)
				}
			}
		}
	})
}

// FuzzFromContent feeds the HTML reader any body, with the fixture
// reports' bodies as seeds: what it reads must hold together, and a body
// it cannot read is refused with a message for the user.
func FuzzFromContent(f *testing.F) {
	for _, bp := range []string{govuktest.ReportToday, govuktest.Report2021, govuktest.Report18, govuktest.Report26} {
		var d struct {
			Details struct {
				Body string `json:"body"`
			} `json:"details"`
		}
		if err := json.Unmarshal(govuktest.ReportFixture(bp), &d); err != nil {
			f.Fatal(err)
		}
		f.Add(d.Details.Body)
	}
	f.Fuzz(func(t *testing.T, body string) {
		doc, _ := json.Marshal(map[string]any{"document_type": DocumentType, "base_path": "/service-standard-reports/x", "details": map[string]any{"body": body}})
		a, err := FromContent(doc)
		if err != nil {
			if checklist.ErrorCode(err) != checklist.EINVALID {
				t.Fatalf("refused with %v, want EINVALID for the user", err)
			}
			return
		}
		if err := a.Check(); err != nil {
			t.Fatalf("the assessment read fails Check: %v", err)
		}
		for _, p := range a.Points {
			for _, s := range append(append([]string{p.Title}, p.WellDone...), p.Explore...) {
				if strings.ContainsAny(s, "\n\t\r\x1b") || strings.TrimSpace(s) != s {
					t.Fatalf("point %d: %q is not one clean line", p.Point, s)
				}
			}
		}
	})
}
