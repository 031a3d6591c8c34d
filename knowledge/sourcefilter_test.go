package knowledge

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// sourcesCorpus is a team's own guidance ("our-guidance") beside many
// sections of other guidance ("filler") that match the same question
// better: more than shortlistFrom documents, so the shortlist is used.
func sourcesCorpus() *Corpus {
	c := &Corpus{Hash: "sources-filter"}
	c.Sections = append(c.Sections, Section{
		ID: "our-guidance/a11y.md#", Source: "our-guidance/a11y.md", Title: "Our accessibility checklist",
		URL: "our-guidance/a11y.md", SourceName: "our-guidance",
		Text: "To make our service accessible, test every page with a screen reader and keyboard only, and fix what fails before release.",
	})
	for i := range shortlistFrom {
		c.Sections = append(c.Sections, Section{
			ID: fmt.Sprintf("filler/%d.md#", i), Source: fmt.Sprintf("filler/%d.md", i), Title: "Make the service accessible",
			URL: fmt.Sprintf("filler/%d.md", i), SourceName: "filler",
			Text: "Make our service accessible: an accessible service is one everyone can use, and making a service accessible means accessible pages, accessible forms and an accessible service.",
		})
	}
	return c
}

func TestSourcesFilter(t *testing.T) {
	ix := testIndex(t, testLibrary(t), sourcesCorpus())
	a := &Answerer{Index: ix}
	names := ix.SourceNames()
	for _, want := range []string{"govuk", "localgov", "our-guidance", "filler", ProcessSource} {
		if !slices.Contains(names, want) {
			t.Errorf("SourceNames() = %v, want %q among them", names, want)
		}
	}
	const question = "how do we make our service accessible?"
	cases := []struct {
		sources []string
		want    func(Source) bool
		what    string
	}{
		{[]string{"our-guidance"}, func(s Source) bool { return s.Point == 0 && s.URL == "our-guidance/a11y.md" }, "our accessibility checklist"},
		{[]string{"govuk"}, func(s Source) bool { return s.Standard == "govuk" && s.Point > 0 }, "govuk points"},
		{[]string{"localgov", "our-guidance"}, func(s Source) bool {
			return (s.Standard == "localgov" && s.Point > 0) || s.URL == "our-guidance/a11y.md"
		}, "localgov points or our checklist"},
	}
	for _, tt := range cases {
		ans, err := a.Answer(context.Background(), Question{Text: question, Sources: tt.sources})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Status != StatusAnswered || len(ans.Sources) == 0 {
			t.Errorf("sources %v: status %s, want an answer from %s", tt.sources, ans.Status, tt.what)
			continue
		}
		for _, s := range ans.Sources {
			if !tt.want(s) {
				t.Errorf("sources %v: cites %+v, want only %s", tt.sources, s, tt.what)
			}
		}
	}
	// Unfiltered, the filler outranks the team's checklist.
	ans, err := a.Answer(context.Background(), Question{Text: question})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ans.Sources {
		if s.URL == "our-guidance/a11y.md" {
			t.Errorf("unfiltered, the answer cites our checklist %+v: the test does not show the shortlist is filtered", s)
		}
	}
}

func TestCheckSources(t *testing.T) {
	ix := testIndex(t, testLibrary(t), sourcesCorpus())
	got, err := ix.CheckSources([]string{"GOVUK", " our-guidance", "govuk"})
	if err != nil || !slices.Equal(got, []string{"govuk", "our-guidance"}) {
		t.Errorf("CheckSources = %v, %v; want govuk, our-guidance", got, err)
	}
	_, err = ix.CheckSources([]string{"govuk", "intranet"})
	var unknown *UnknownSourceError
	if e, ok := err.(*UnknownSourceError); !ok || e.Name != "intranet" {
		t.Errorf("CheckSources with an unknown name: %v, want an UnknownSourceError for intranet", err)
	} else {
		unknown = e
	}
	if unknown != nil && !slices.Contains(unknown.Known, "our-guidance") {
		t.Errorf("unknown source error lists %v, want the loaded ones", unknown.Known)
	}
}
