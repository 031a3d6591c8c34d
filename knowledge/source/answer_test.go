package source_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/knowledge"
	"github.com/standardbot/standardbot/knowledge/source"
)

// These tests follow loaded documents through to an answer: what a
// source's reading decides (titles, anchors, where a citation points) is
// what a user sees.

func builtinLibrary(t *testing.T) *knowledge.Library {
	t.Helper()
	stds, m, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := knowledge.NewLibrary(m, stds...)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func answerIndex(t *testing.T, lib *knowledge.Library, corpus *knowledge.Corpus) *knowledge.Index {
	t.Helper()
	ix, err := knowledge.OpenIndex(context.Background(), t.TempDir(), lib, corpus, knowledge.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestAnswerCitesGuidance(t *testing.T) {
	corpus, err := source.Load(context.Background(), []string{"testdata/guidance"}, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := &knowledge.Answerer{Index: answerIndex(t, builtinLibrary(t), corpus)}
	tests := []struct {
		question, title, url string
	}{
		{"do we have to offer the service in Welsh?", "Welsh language services", "https://example.gov.uk/guidance/welsh-language#when-to-offer-a-welsh-version"},
		{"how does failover to the second region work?", "Hosting runbook", "testdata/guidance/hosting-runbook.html"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			ans, err := a.Answer(context.Background(), knowledge.Question{Text: tt.question, Standard: "govuk"})
			if err != nil {
				t.Fatal(err)
			}
			if ans.Status != knowledge.StatusAnswered {
				t.Fatalf("no answer for %q", tt.question)
			}
			s := ans.Sources[0]
			if s.Point != 0 || s.Standard != "" || s.Title != tt.title || s.URL != tt.url {
				t.Errorf("first source = %+v, want guidance %q at %s", s, tt.title, tt.url)
			}
			if strings.Contains(s.Snippet, "tracking") {
				t.Errorf("script text leaked into the snippet: %q", s.Snippet)
			}
		})
	}
}

func TestMarkdownStandardWithoutURLIsCitedByPath(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/ops.md"
	md := "# Operations standard\n\n## 1. Keep a runbook\n\nEvery service keeps a runbook for on-call engineers.\n\n## 2. Rehearse failover\n\nRehearse failover to the second region each quarter.\n"
	if err := os.WriteFile(path, []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	corpus, err := source.Load(context.Background(), []string{path}, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	stds, m, _ := knowledge.Builtin()
	lib, err := knowledge.NewLibrary(m, append(stds, corpus.Standards...)...)
	if err != nil {
		t.Fatal(err)
	}
	a := &knowledge.Answerer{Index: answerIndex(t, lib, corpus)}
	ans, err := a.Answer(context.Background(), knowledge.Question{Text: "how often do we rehearse failover?", Standard: "ops"})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Status != knowledge.StatusAnswered || ans.Sources[0].Point != 2 || ans.Sources[0].URL != path {
		t.Errorf("answer %+v, want point 2 cited by its file %s", ans.Sources, path)
	}
}
