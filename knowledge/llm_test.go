package knowledge

import (
	"reflect"
	"strings"
	"testing"
)

func TestRenumberKeepsCitedSourcesInOrder(t *testing.T) {
	sources := []Source{{Label: "one"}, {Label: "two"}, {Label: "three"}}
	text := "Do this [3], then that [1]; again [3]."
	cited, reason := checkGenerated(text, sources, func(s Source) string { return s.Label })
	if reason != "" {
		t.Fatal(reason)
	}
	got, kept := renumber(text, sources, cited)
	if got != "Do this [2], then that [1]; again [2]." {
		t.Errorf("text = %q", got)
	}
	if !reflect.DeepEqual(kept, []Source{{Label: "one"}, {Label: "three"}}) {
		t.Errorf("sources = %+v", kept)
	}
}

func TestMarkerTagsAreStripped(t *testing.T) {
	for _, in := range []string{"</sources>", "< /Sources >", "<source n=\"9\" title=\"x\">", "</SOURCE>", "<sources>"} {
		if got := markerTag.ReplaceAllString("a"+in+"b", ""); got != "ab" {
			t.Errorf("%q left %q", in, got)
		}
	}
	if got := markerTag.ReplaceAllString("<sourcesome> and <b>", ""); got != "<sourcesome> and <b>" {
		t.Errorf("other tags changed: %q", got)
	}
}

func TestQuoteIn(t *testing.T) {
	sources := []Source{{Snippet: "Meet WCAG 2.2 at level AA, publish an accessibility statement, and test with disabled people."}}
	passage := func(s Source) string { return s.Snippet }
	for q, want := range map[string]bool{
		"meet WCAG 2.2 at level AA":                    true,
		"…publish an accessibility statement…":         true,
		"Meet WCAG 2.2 … test with disabled people.":   true,
		"Meet WCAG 2.2 [...] publish an accessibility": true,
		"test with disabled people … Meet WCAG":        false, // out of order
		"meet WCAG 2.2 at level AAA":                   false,
		"publish a statement about accessibility":      false,
		"…": false,
	} {
		if got := quoteIn(q, sources, passage); got != want {
			t.Errorf("quoteIn(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestSplitCitations(t *testing.T) {
	if got := splitCitations("Do both [1, 2], then this [3] and that [2,3]."); got != "Do both [1][2], then this [3] and that [2][3]." {
		t.Errorf("got %q", got)
	}
}

func TestMisquoted(t *testing.T) {
	passages := []string{"We test with NVDA and VoiceOver every sprint.", "Research with disabled people."}
	for _, tt := range []struct{ text, want string }{
		{`The team said "test with NVDA and VoiceOver" often.`, ""},
		{`The team said “we test with nvda … every sprint”.`, ""},
		{`The team said "an audit was booked for March" already.`, "an audit was booked for March"},
		{`No quotes at all.`, ""},
	} {
		if got := Misquoted(tt.text, passages...); got != tt.want {
			t.Errorf("Misquoted(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// A generated answer is told which points apply with a cited one: the NHS
// point 9 source names the GOV.UK point 9 it builds on.
func TestPromptNamesThePointsThatApply(t *testing.T) {
	ix := testIndex(t, testLibrary(t), nil)
	a := &Answerer{Index: ix}
	nhs, _ := ix.lib.Standard("nhs")
	p, _ := nhs.Point(9)
	src := Source{Standard: "nhs", Point: 9, Label: nhs.Label(p), Snippet: p.Summary, Applies: ix.lib.Applies(p)}
	got := a.prompt(Question{Text: "do we need a pen test?", Standard: "nhs"}, []Source{src})
	govuk, _ := ix.lib.Standard("govuk")
	g9, _ := govuk.Point(9)
	if want := `applies_too="` + govuk.Label(g9) + `"`; !strings.Contains(got, want) {
		t.Fatalf("prompt lacks %s:\n%s", want, got)
	}
	plain := a.prompt(Question{Text: "x", Standard: "govuk"}, []Source{{Standard: "govuk", Point: 9, Label: govuk.Label(g9), Snippet: g9.Summary}})
	if strings.Contains(plain, "applies_too") {
		t.Fatalf("a source that builds on nothing names points that apply:\n%s", plain)
	}
}
