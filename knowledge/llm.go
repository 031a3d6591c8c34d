package knowledge

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// LLM writes text from a system instruction and a prompt. knowledge/openai
// implements it for any OpenAI-compatible endpoint.
type LLM interface {
	Complete(ctx context.Context, system, prompt string) (string, error)
}

const llmSystem = `You help UK public-sector service teams understand digital service standards.
Answer the question using ONLY the numbered sources given. Cite every claim with the source number in square brackets, like [1].
If you quote, copy the words exactly from the source inside double quotes.
If the sources do not answer the question, reply exactly: NO_ANSWER
Answer in plain UK English, in at most 120 words.`

// quoted finds the text a model put in straight or curly double quotes.
var quoted = regexp.MustCompile(`["“]([^"”]{12,})["”]`)

// citation finds [n] markers.
var citation = regexp.MustCompile(`\[(\d+)\]`)

// generate replaces the extractive answer with the model's, when the model
// answers in time, cites only the sources given, and quotes them exactly.
// Anything else keeps the extractive answer: a wrong quote in a service
// assessment is worse than a plain one.
func (a *Answerer) generate(ctx context.Context, ans *Answer) {
	timeout := a.LLMTimeout
	if timeout == 0 {
		timeout = 20 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var prompt strings.Builder
	for i, s := range ans.Sources {
		fmt.Fprintf(&prompt, "[%d] %s\n%s\n\n", i+1, s.Label, a.passageFor(s))
	}
	fmt.Fprintf(&prompt, "Question: %s", ans.Question)
	text, err := a.LLM.Complete(ctx, llmSystem, prompt.String())
	if err != nil {
		a.logf("llm failed, answering from search alone", "err", err)
		return
	}
	text = strings.TrimSpace(text)
	if reason := checkGenerated(text, ans.Sources, a.passageFor); reason != "" {
		a.logf("llm answer rejected, answering from search alone", "reason", reason)
		return
	}
	ans.Answer = text
	ans.Generated = true
}

// passageFor is the text a model sees for a source: the whole document body
// would be too long, so the cited passage and the point's summary.
func (a *Answerer) passageFor(s Source) string {
	if s.Point > 0 {
		if st, ok := a.Index.lib.Standard(s.Standard); ok {
			if p, ok := st.Point(s.Point); ok && p.Summary != s.Snippet {
				return p.Summary + "\n" + s.Snippet
			}
		}
	}
	return s.Snippet
}

// checkGenerated returns why a model's answer cannot be used, or "".
func checkGenerated(text string, sources []Source, passage func(Source) string) string {
	if text == "" || strings.Contains(text, "NO_ANSWER") {
		return "model found no answer in the sources"
	}
	cites := citation.FindAllStringSubmatch(text, -1)
	if len(cites) == 0 {
		return "answer cites no source"
	}
	for _, c := range cites {
		var n int
		fmt.Sscanf(c[1], "%d", &n)
		if n < 1 || n > len(sources) {
			return fmt.Sprintf("answer cites source [%d], which does not exist", n)
		}
	}
	for _, q := range quoted.FindAllStringSubmatch(text, -1) {
		if !quoteIn(q[1], sources, passage) {
			return fmt.Sprintf("quote %q is not in the sources", q[1])
		}
	}
	return ""
}

func quoteIn(q string, sources []Source, passage func(Source) string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	nq := strings.TrimRight(norm(q), ".,;: …")
	for _, s := range sources {
		if strings.Contains(norm(passage(s)), nq) {
			return true
		}
	}
	return false
}

func (a *Answerer) logf(msg string, args ...any) {
	if a.Log != nil {
		a.Log.Warn(msg, args...)
	}
}
