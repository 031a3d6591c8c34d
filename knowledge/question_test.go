package knowledge

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestAbbreviationsExpand(t *testing.T) {
	as := parseAbbreviations(embedded("standards/abbreviations.txt"))
	tests := []struct {
		question string
		want     []string // words the expansion must hold
		not      []string // words it must not
	}{
		{"do we need a DPIA?", []string{"data protection impact assessment"}, nil},
		{"dpias for every release", []string{"impact assessment"}, nil},
		{"what KPIs matter", []string{"key performance indicator"}, nil},
		{"is ci/cd expected", []string{"continuous integration"}, nil},
		{"our UR left last week", []string{"user research"}, nil},
		// In lower case "ur" is chat for "your", not user research.
		{"is ur team ok", nil, []string{"research"}},
		{"nothing to expand here", nil, []string{"assessment"}},
	}
	for _, tt := range tests {
		got := as.expand(tt.question)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("expand(%q) = %q, want it to hold %q", tt.question, got, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(got, w) {
				t.Errorf("expand(%q) = %q, must not hold %q", tt.question, got, w)
			}
		}
	}
}

func TestTyposAreCorrectedAgainstTheGuidance(t *testing.T) {
	ix := testIndex(t, testLibrary(t), nil)
	tests := []struct {
		question, from, to string
	}{
		{"accesibility statement", "accesibility", "accessibility"},
		{"prototpye testing", "prototpye", "prototype"},
		{"penetartion test", "penetartion", "penetration"},
		// As near to "hard" as to hazard, but hazard keeps every letter typed.
		{"hazrd log", "hazrd", "hazard"},
	}
	for _, tt := range tests {
		a, err := ix.ask(tt.question, "")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(a.fixes, typoFix{from: tt.from, to: tt.to}) {
			t.Errorf("ask(%q) fixed %v, want %s -> %s", tt.question, a.fixes, tt.from, tt.to)
		}
	}
	// Real words are left alone, even those the guidance never uses.
	for _, q := range []string{"my laptop keyboard", "banana bread recipe"} {
		a, err := ix.ask(q, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(a.fixes) != 0 {
			t.Errorf("ask(%q) corrected %v, want no corrections", q, a.fixes)
		}
	}
}

func TestTypoStillAnswered(t *testing.T) {
	a := &Answerer{Index: testIndex(t, testLibrary(t), nil)}
	ans, err := a.Answer(context.Background(), Question{Text: "accesibility audit?", Standard: "govuk"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Status != StatusAnswered || ans.Sources[0].Point != 5 {
		t.Fatalf("got %s %+v, want point 5", ans.Status, ans.Sources)
	}
}

func TestLongQuestionIsCut(t *testing.T) {
	ix := testIndex(t, testLibrary(t), nil)
	long := strings.Repeat("accessibility research security prototype ", 5000)
	a, err := ix.ask(long, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.text) > maxQuestionBytes+200 {
		t.Errorf("searched text is %d bytes, want the question cut to about %d", len(a.text), maxQuestionBytes)
	}
	var words []string
	for i := 0; i < 200; i++ {
		words = append(words, "word"+strings.Repeat("x", i%30)+string(rune('a'+i%26)))
	}
	a, err = ix.ask(strings.Join(words, " "), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.terms) > maxQuestionTerms {
		t.Errorf("%d terms searched, want at most %d", len(a.terms), maxQuestionTerms)
	}
}

func TestLevenshtein(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"kitten", "sitting", 3}, {"", "abc", 3}, {"same", "same", 0}, {"accesibility", "accessibility", 1}, {"café", "cafe", 1}} {
		if got := levenshtein(tt.a, tt.b); got != tt.d {
			t.Errorf("levenshtein(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}
