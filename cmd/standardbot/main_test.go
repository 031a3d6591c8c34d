package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/knowledge"
)

// cli runs the command in a fresh data folder and working directory, so no
// .env or earlier index can leak in.
type cli struct {
	t   *testing.T
	dir string
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("STANDARDBOT_DATA_DIR", filepath.Join(dir, "data"))
	for _, k := range []string{"STANDARDBOT_SOURCES", "STANDARDBOT_STANDARD", "STANDARDBOT_DATABASE", "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "OPENAI_TIMEOUT", "OPENAI_API_VERSION"} {
		t.Setenv(k, "")
	}
	return &cli{t: t, dir: wd}
}

// testdata is a path to this package's testdata, from the temporary
// working directory.
func (c *cli) testdata(name string) string { return filepath.Join(c.dir, "testdata", name) }

func (c *cli) run(stdin string, args ...string) (code int, stdout, stderr string) {
	c.t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestAskJSON(t *testing.T) {
	c := newCLI(t)
	code, out, errOut := c.run("", "ask", "--json", "how do we make our service accessible?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var ans struct {
		Status, Question, Answer string
		Sources                  []struct {
			Standard, Title, URL, Snippet string
			Point                         int
			Score                         float64
		}
	}
	if err := json.Unmarshal([]byte(out), &ans); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, out)
	}
	if ans.Status != "answered" || ans.Question != "how do we make our service accessible?" || len(ans.Sources) == 0 {
		t.Fatalf("answer = %+v", ans)
	}
	s := ans.Sources[0]
	if s.Standard != "govuk" || s.Point != 5 || s.Title != "Make sure everyone can use the service" ||
		s.URL != "https://www.gov.uk/service-manual/service-standard/point-5-make-sure-everyone-can-use-the-service" || s.Snippet == "" || s.Score <= 0 {
		t.Errorf("first source = %+v", s)
	}
}

func TestAskNoAnswer(t *testing.T) {
	c := newCLI(t)
	code, out, _ := c.run("", "ask", "--json", "what is a good recipe for banana bread?")
	if code != 0 || !strings.Contains(out, `"status": "no_answer"`) {
		t.Errorf("exit %d, output %s; want no_answer", code, out)
	}
	code, out, _ = c.run("", "ask", "what is a good recipe for banana bread?")
	if code != 0 || !strings.Contains(out, "do not cover that") {
		t.Errorf("plain ask: exit %d, output %s", code, out)
	}
}

func TestStandardsCommand(t *testing.T) {
	c := newCLI(t)
	code, out, errOut := c.run("", "standards")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"govuk", "GOV.UK Service Standard", "14", "localgov", "15", "dss2015", "18", "nhs", "NHS service standard", "17", "tcop", "Technology Code of Practice", "13", "wales", "Digital Service Standards for Wales", "12"} {
		if !strings.Contains(out, want) {
			t.Errorf("standards output lacks %q:\n%s", want, out)
		}
	}
}

func TestAskMarkdownStandardAndGuidance(t *testing.T) {
	c := newCLI(t)
	code, out, errOut := c.run("", "ask", "--json", "--source", c.testdata("team-standard.md"), "--standard", "team-standard", "how often should we review the runbook?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"standard": "team-standard"`) || !strings.Contains(out, `"point": 2`) || !strings.Contains(out, `"title": "Keep the runbook current"`) {
		t.Errorf("want an answer from the Markdown standard's point 2:\n%s", out)
	}
	code, out, errOut = c.run("", "ask", "--json", "--source", c.testdata("guidance"), "when can we set analytics cookies?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"title": "Cookie banners"`) || !strings.Contains(out, `"point": 0`) {
		t.Errorf("want the guidance cited by title:\n%s", out)
	}
}

func TestBadInput(t *testing.T) {
	c := newCLI(t)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no command", nil, 2, ""},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"empty question", []string{"ask"}, 2, "give a question"},
		{"blank question", []string{"ask", "  "}, 2, "give a question"},
		{"unknown flag", []string{"ask", "--frob", "x"}, 2, "flag provided but not defined"},
		{"unknown standard", []string{"ask", "--standard", "nosuch", "accessibility"}, 2, `unknown standard "nosuch"`},
		{"missing source", []string{"ask", "--source", "no/such/file.md", "accessibility"}, 1, "no/such/file.md"},
		{"unreachable source", []string{"ask", "--source", "http://127.0.0.1:1/guide.html", "accessibility"}, 1, "127.0.0.1:1"},
		{"eval without file", []string{"eval"}, 2, "give one question file"},
		{"eval missing file", []string{"eval", "nope.jsonl"}, 2, "cannot read question file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := c.run("", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if tt.want != "" && !strings.Contains(errOut, tt.want) {
				t.Errorf("stderr %q lacks %q", errOut, tt.want)
			}
			if tt.args != nil && strings.Count(strings.TrimRight(errOut, "\n"), "\n") > 0 {
				t.Errorf("stderr is not one line: %q", errOut)
			}
		})
	}
}

func TestBadConfig(t *testing.T) {
	c := newCLI(t)
	t.Setenv("STANDARDBOT_TICK", "soon")
	code, _, errOut := c.run("", "standards")
	if code != 2 || !strings.Contains(errOut, "STANDARDBOT_TICK") {
		t.Errorf("exit %d, stderr %q: want 2 naming the variable", code, errOut)
	}
}

func TestChatOnAPipe(t *testing.T) {
	c := newCLI(t)
	code, out, errOut := c.run("how do we make our service accessible?\nstandards\nquit\nhelp\n", "chat")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(out, "> ") {
		t.Errorf("a prompt was printed on a pipe:\n%s", out)
	}
	if !strings.Contains(out, "point 5: Make sure everyone can use the service") || !strings.Contains(out, "dss2015") {
		t.Errorf("chat output lacks the answer or the standards:\n%s", out)
	}
	if strings.Contains(out, "lists the commands") {
		t.Errorf("lines after quit were handled:\n%s", out)
	}
}

func TestIndexCommand(t *testing.T) {
	c := newCLI(t)
	code, out, errOut := c.run("", "index", "--source", c.testdata("guidance"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// The built-in assessment guidance adds its sections to the file's one.
	// The counts follow the built-in packs as standards are added.
	stds, _, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	points := 0
	for _, s := range stds {
		points += len(s.Points)
	}
	first := regexp.MustCompile(fmt.Sprintf(`^Indexed: %d points of %d standards, (\d+) guidance sections from 1 documents`, points, len(stds))).FindStringSubmatch(out)
	if first == nil {
		t.Fatalf("first index output:\n%s", out)
	}
	sections, _ := strconv.Atoi(first[1])
	if want := fmt.Sprintf("Indexing: %d/%d (100%%)", points+sections, points+sections); !strings.Contains(errOut, want) {
		t.Errorf("no progress line %q on stderr:\n%s", want, errOut)
	}
	_, out, _ = c.run("", "index", "--source", c.testdata("guidance"))
	if !strings.HasPrefix(out, "Index up to date (reopened)") {
		t.Errorf("second index output:\n%s", out)
	}
}

func TestEvalCommand(t *testing.T) {
	c := newCLI(t)
	code, out, errOut := c.run("", "eval", c.testdata("questions.jsonl"), "--standard", "govuk")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"4 questions, asked of govuk (14 points)", "3 with a right point", "1 off-topic",
		"right point among the sources shown", "off-topic questions refused                         1.000        0.000",
		"hit@1", "hit@3", "MRR", "standardbot", "plain bleve"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
}

func TestEvalTakesTheStandardItsLinesName(t *testing.T) {
	c := newCLI(t)
	code, out, errOut := c.run("", "eval", c.testdata("localgov-questions.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"2 questions, asked of localgov (15 points)", "1 about the assessment process",
		"right point among the sources shown                 1.000", "assessment process: from its guidance               1.000"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
}

func TestReportCommand(t *testing.T) {
	c := newCLI(t)
	code, _, errOut := c.run("project new Apply for a blue badge\nphase alpha\nmark 1 met 12 interviews\nevidence 1 https://example.gov.uk/research\nmark 4 not-met\nassessment result amber 2025-06-02\naction 4 run usability tests\n", "chat", "--user", "alice")
	if code != 0 {
		t.Fatalf("chat: exit %d: %s", code, errOut)
	}
	formats := map[string][]string{
		"html": {"<title>Readiness report: Apply for a blue badge</title>", "12 interviews", `href="https://example.gov.uk/research"`, `class="tag not-met"`, "<h2>Open actions from the panel</h2>", `data-label="Action">run usability tests</td>`,
			"Status set by alice on", "<h2>Progress over time</h2>", "Assessed on 2 June 2025 (alpha amber)."},
		"json": {`"project": "Apply for a blue badge"`, `"status": "met"`, `"text": "12 interviews"`, `"not-met": 1`, `"open_actions": [`, `"due": "2025-09-02"`,
			`"status_by": "alice"`, `"burn_up": {`, `"label": "alpha amber"`},
		"csv":      {`"Apply for a blue badge","govuk","alpha","","1","Understand users and their needs","met","12 interviews","https://example.gov.uk/research","alice"`, `"#1 run usability tests (due 2025-09-02)"`},
		"markdown": {"# Readiness report: Apply for a blue badge", "| 1 | Understand users and their needs | met | 12 interviews | https://example.gov.uk/research |", "| 4 | Make the service simple to use | not-met |", "| 1 | 4 | run usability tests | alice | 2025-09-02 (overdue) |"},
	}
	for format, wants := range formats {
		code, out, errOut := c.run("", "report", "Apply for a blue badge", "--format", format)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", format, code, errOut)
		}
		for _, w := range wants {
			if !strings.Contains(out, w) {
				t.Errorf("%s report lacks %q:\n%s", format, w, out)
			}
		}
	}
	outFile := filepath.Join(t.TempDir(), "r.html")
	if code, _, errOut := c.run("", "report", "apply for a BLUE badge", "--format", "html", "--out", outFile); code != 0 || !strings.Contains(errOut, "Wrote the html report") {
		t.Errorf("--out: exit %d, %s", code, errOut)
	}
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"report"}, "give the project's name"},
		{[]string{"report", "No such project"}, `no project called "No such project"`},
		{[]string{"report", "Apply for a blue badge", "--format", "pdf"}, `--format "pdf"`},
	} {
		if code, _, errOut := c.run("", bad.args...); code != 2 || !strings.Contains(errOut, bad.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", bad.args, code, errOut, bad.want)
		}
	}
}

func TestPracticeReportCommand(t *testing.T) {
	c := newCLI(t)
	if code, _, errOut := c.run("project new Apply for a blue badge\n", "chat", "--user", "alice"); code != 0 {
		t.Fatalf("chat: exit %d: %s", code, errOut)
	}
	if code, _, errOut := c.run("", "report", "Apply for a blue badge", "--practice"); code != 2 || !strings.Contains(errOut, "no practice answers yet") {
		t.Errorf("--practice before any panel: exit %d, stderr %q; want 2 and no practice answers yet", code, errOut)
	}
	chat := "phase beta\nevidence 5 https://example.gov.uk/audit\npractice 5\n=HYPERLINK(\"https://evil.example\") <script>alert(1)</script> we audited against WCAG 2.2\nstop\n"
	if code, _, errOut := c.run(chat, "chat", "--user", "alice"); code != 0 {
		t.Fatalf("chat: exit %d: %s", code, errOut)
	}
	formats := map[string][]string{
		"html":     {"<title>Practice report: Apply for a blue badge</title>", "What the team has done well", "What the team needs to explore", "&lt;script&gt;", `class="tag amber"`},
		"json":     {`"project": "Apply for a blue badge"`, `"rating": "amber"`, `"feedback_by": "rules"`, `"to_explore": [`},
		"csv":      {`"Apply for a blue badge","govuk","beta","5","Make sure everyone can use the service","not-started","amber","Asked ""What did your accessibility audit find`},
		"markdown": {"# Practice report: Apply for a blue badge", "## 5. Make sure everyone can use the service", "### What the team has done well", "&lt;script&gt;"},
	}
	for format, wants := range formats {
		code, out, errOut := c.run("", "report", "Apply for a blue badge", "--practice", "--format", format)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", format, code, errOut)
		}
		for _, w := range wants {
			if !strings.Contains(out, w) {
				t.Errorf("%s practice report lacks %q:\n%s", format, w, out)
			}
		}
		if (format == "html" || format == "markdown") && strings.Contains(out, "<script>") {
			t.Errorf("%s practice report carries a raw script tag:\n%s", format, out)
		}
	}
}
