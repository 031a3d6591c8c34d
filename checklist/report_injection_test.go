package checklist_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// payloads are what an attacker types into a project's name, notes and
// evidence, hoping a report carries them into a spreadsheet, a Markdown
// renderer, a browser or a terminal.
var payloads = []string{
	"=cmd|' /C calc'!A0",
	"+1+1", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1", " =HYPERLINK(\"https://evil.example\")", "＝1+1",
	"x;=1+1",
	"<script>alert(1)</script>",
	`<img src=x onerror="alert(1)">`,
	"[x](javascript:alert(1))",
	"![pixel](https://evil.example/track.png)",
	"[y](data:text/html;base64,PHNjcmlwdD4=)",
	"<javascript:alert(1)>",
	"[z](<javascript:alert(1)>)",
	"\\[w](javascript:alert(1))",
	"[ok](https://www.gov.uk/service-manual)",
	"\x1b[31mred\x1b[0m",
	"\x1b]0;title\x07\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
	"a\u202etxt.exe",
	"cell|break\nnew line",
	"&lt;script&gt;",
	"[form](https://example.gov.uk/apply?a=1&b=2#&#x6a;avascript:)",
}

// injected is a report whose project name, notes, evidence, people and
// point titles are the payloads.
func injected() *checklist.Report {
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	p := &checklist.Project{Name: "@SUM(1+1)", Standard: "govuk", Points: len(payloads), Phase: checklist.Alpha, TimeZone: "Europe/London"}
	var stored []checklist.PointState
	var info []checklist.PointInfo
	for i, s := range payloads {
		stored = append(stored, checklist.PointState{Point: i + 1, Status: checklist.Met, UpdatedBy: s, UpdatedAt: at,
			Notes:    []checklist.Item{{Text: s, By: s, At: at}},
			Evidence: []checklist.Item{{Text: s, By: "alice", At: at}, {Text: "javascript:alert(1)", By: "alice", At: at}}})
		info = append(info, checklist.PointInfo{Number: i + 1, Title: s, URL: "javascript:alert(1)"})
	}
	r := checklist.NewReport(checklist.NewProgress(p, stored), "=HYPERLINK(\"x\")", info, time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	var acts []checklist.Action
	for i, s := range payloads {
		acts = append(acts, checklist.Action{ID: int64(i + 1), Point: i + 1, Text: s, By: s, Due: checklist.Date{Year: 2027, Month: 2, Day: 27}})
	}
	r.AddActions(acts, checklist.Date{Year: 2026, Month: 11, Day: 27})
	// Who set each status, and the labels of past assessments, are the
	// payloads too: the burn-up's title, description and table carry them.
	changes := []checklist.Change{{At: at.AddDate(0, -1, 0), Field: "created", New: "@SUM(1+1)"}}
	for i, s := range payloads {
		changes = append(changes, checklist.Change{At: at, By: s, Point: i + 1, Field: "status", Old: s, New: string(checklist.Met)},
			checklist.Change{At: at, By: s, Field: "assessment result", New: "2026-11-0" + fmt.Sprint(1+i%9) + " " + s})
	}
	r.AddHistory(changes, nil, time.UTC)
	return r
}

func TestReportInjection(t *testing.T) {
	r := injected()
	for _, p := range checkReport(r) {
		t.Error(p)
	}

	t.Run("csv: formulas are text, content kept", func(t *testing.T) {
		rows, err := csv.NewReader(strings.NewReader(render(t, r, "csv"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if rows[1][0] != "'@SUM(1+1)" || rows[1][7] != "'=cmd|' /C calc'!A0" || rows[1][9] != "'=cmd|' /C calc'!A0" {
			t.Errorf("row 1 = %q", rows[1])
		}
		if rows[5][7] != "'\t=1+1" || rows[6][7] != "'\n=1+1" || rows[7][7] != "' =HYPERLINK(\"https://evil.example\")" || rows[8][7] != "'＝1+1" || rows[9][7] != "x;=1+1" {
			t.Errorf("rows 5 to 9: %q", [][]string{rows[5], rows[6], rows[7], rows[8], rows[9]})
		}
		if got := rows[22][7]; got != "cell|break\nnew line" {
			t.Errorf("a note with a newline: %q", got)
		}
	})

	t.Run("markdown: HTML escaped, only web links", func(t *testing.T) {
		md := render(t, r, "markdown")
		for _, want := range []string{
			"# Readiness report: @SUM(1+1)",
			"&lt;script&gt;alert(1)&lt;/script&gt;",
			`&lt;img src=x onerror="alert(1)"&gt;`,
			"| 12 | x | met | x | x \\| javascript:alert(1) |", // the javascript: link's text, without the link
			"| 14 | y |", "| 16 | z |", // data: and <javascript:> links too
			"[pixel](https://evil.example/track.png)",                               // an image is only a link
			"[ok](https://www.gov.uk/service-manual)",                               // a web link stays
			"&amp;lt;script&amp;gt;",                                                // entities are shown, not decoded
			"[form](https://example.gov.uk/apply?a=1&amp;b=2#&amp;#x6a;avascript:)", // and in a link's target
			"| 19 | red | met | red | red \\|",                                      // colours gone
			"| 20 | link | met | link |",                                            // and the terminal's title and hyperlink
			"| 22 | cell\\|break new line | met | cell\\|break new line",            // the pipe cannot split the row
		} {
			if !strings.Contains(md, want) {
				t.Errorf("markdown lacks %q", want)
			}
		}
		for _, bad := range []string{"<script", "<img", "](javascript:", "](data:", "![", "\x1b"} {
			if strings.Contains(md, bad) {
				t.Errorf("markdown has %q", bad)
			}
		}
		// Two tables, points and open actions, each a header, a rule and a
		// row a payload: none split.
		if strings.Count(md, "\n|") != 2*(len(payloads)+2) {
			t.Errorf("the tables have %d rows, want %d", strings.Count(md, "\n|"), 2*(len(payloads)+2))
		}
	})

	t.Run("html: escaped, only web links", func(t *testing.T) {
		page := render(t, r, "html")
		for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "<h1>Readiness report: @SUM(1&#43;1)</h1>",
			"Status set by &lt;script&gt;alert(1)&lt;/script&gt; on 20 November 2026", "7 November 2026 (=HYPERLINK(&#34;https://evil.example&#34;))", "<figure class=\"burnup\">"} {
			if !strings.Contains(page, want) {
				t.Errorf("html lacks %q", want)
			}
		}
		for _, bad := range []string{"<script", `href="javascript:`, "ZgotmplZ", "\x1b"} {
			if strings.Contains(page, bad) {
				t.Errorf("html has %q", bad)
			}
		}
	})

	t.Run("json: text kept, control characters gone", func(t *testing.T) {
		var j struct {
			Project string
			Points  []struct{ Notes []struct{ Text string } }
		}
		if err := json.Unmarshal([]byte(render(t, r, "json")), &j); err != nil {
			t.Fatal(err)
		}
		if j.Project != "@SUM(1+1)" || j.Points[10].Notes[0].Text != "<img src=x onerror=\"alert(1)\">" || j.Points[18].Notes[0].Text != "red" {
			t.Errorf("json = %q, %q, %q", j.Project, j.Points[10].Notes[0].Text, j.Points[18].Notes[0].Text)
		}
	})
}
