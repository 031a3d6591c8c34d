package knowledge

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// LLM writes an answer from a conversation with a language model.
// knowledge/openai implements it for any OpenAI-compatible endpoint.
type LLM interface {
	Complete(ctx context.Context, c Completion) (string, error)
}

// Completion is one request to a model.
type Completion struct {
	// System is the bot's instruction. It never holds retrieved text, so
	// nothing in the guidance can change it.
	System string
	// History is the thread's earlier exchanges, oldest first.
	History []Turn
	// Prompt holds the question and the numbered sources.
	Prompt string
}

// Turn is an earlier question in a thread and the answer it was given.
type Turn struct {
	Question string
	Answer   string
}

// DefaultLLMTimeout bounds a model's answer when the Answerer sets none;
// after it the extractive answer is given.
const DefaultLLMTimeout = 15 * time.Second

// quoted finds the text a model put in straight or curly double quotes.
var quoted = regexp.MustCompile(`["“]([^"”]{12,})["”]`)

// thinking is the reasoning some self-hosted models (DeepSeek-R1, Qwen3)
// write before their answer: not for people, and not checked.
var thinking = regexp.MustCompile(`(?s)<think>.*?</think>`)

// multiCite is several sources cited in one bracket: [1, 2].
var multiCite = regexp.MustCompile(`\[(\d+(?:\s*,\s*\d+)+)\]`)

// splitCitations writes [1, 2] as [1][2], the form the checks and the
// adapters' links read.
func splitCitations(text string) string {
	return multiCite.ReplaceAllStringFunc(text, func(m string) string {
		var b strings.Builder
		for _, n := range strings.Split(m[1:len(m)-1], ",") {
			b.WriteString("[" + strings.TrimSpace(n) + "]")
		}
		return b.String()
	})
}

// citation finds [n] markers.
var citation = regexp.MustCompile(`\[(\d+)\]`)

// generate replaces the extractive answer with the model's, when the model
// answers in time, cites only the sources given, and quotes them exactly;
// the sources become the ones it cited. Anything else keeps the extractive
// answer: a wrong quote in a service assessment is worse than a plain one.
func (a *Answerer) generate(ctx context.Context, q Question, ans *Answer) {
	timeout := a.LLMTimeout
	if timeout == 0 {
		timeout = DefaultLLMTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	q.Text = ans.Question // trimmed
	c := Completion{System: systemPrompt, History: q.History, Prompt: a.prompt(q, ans.Sources)}
	text, err := a.LLM.Complete(ctx, c)
	if err != nil {
		a.logf("language model failed, answering from search alone", "err", err)
		return
	}
	text = splitCitations(strings.TrimSpace(thinking.ReplaceAllString(text, "")))
	cited, reason := checkGenerated(text, ans.Sources, a.passageFor)
	if reason != "" {
		a.logf("language model answer rejected, answering from search alone", "reason", reason)
		return
	}
	ans.Answer, ans.Sources = renumber(text, ans.Sources, cited)
	ans.Generated = true
}

// passageFor is the text a model sees for a source: the whole document body
// would be too long, so the cited passage and the point's summary.
func (a *Answerer) passageFor(s Source) string {
	if s.Point > 0 {
		if st, ok := a.Current().lib.Standard(s.Standard); ok {
			if p, ok := st.Point(s.Point); ok && p.Summary != s.Snippet {
				return p.Summary + "\n" + s.Snippet
			}
		}
	}
	return s.Snippet
}

// checkGenerated returns the source numbers a model's answer cites, in the
// order first cited, or why the answer cannot be used.
func checkGenerated(text string, sources []Source, passage func(Source) string) (cited []int, reason string) {
	if text == "" || strings.Contains(text, noAnswerMark) {
		return nil, "model found no answer in the sources"
	}
	for _, c := range citation.FindAllStringSubmatch(text, -1) {
		n, _ := strconv.Atoi(c[1])
		if n < 1 || n > len(sources) {
			return nil, fmt.Sprintf("answer cites source [%d], which does not exist", n)
		}
		if !slices.Contains(cited, n) {
			cited = append(cited, n)
		}
	}
	if len(cited) == 0 {
		return nil, "answer cites no source"
	}
	for _, q := range quoted.FindAllStringSubmatch(text, -1) {
		if !quoteIn(q[1], sources, passage) {
			return nil, fmt.Sprintf("quote %q is not in the sources", q[1])
		}
	}
	return cited, ""
}

// renumber keeps the sources an answer cited, in their order of relevance,
// and renumbers its [n] markers to match: the answer's [1] is the first
// source listed.
func renumber(text string, sources []Source, cited []int) (string, []Source) {
	slices.Sort(cited)
	to := make(map[int]int, len(cited))
	kept := make([]Source, 0, len(cited))
	for i, n := range cited {
		to[n] = i + 1
		kept = append(kept, sources[n-1])
	}
	text = MapCitations(text, func(n int, _ string) string { return "[" + strconv.Itoa(to[n]) + "]" })
	return text, kept
}

// MapCitations rewrites each [n] citation marker in a generated answer with
// fn(n, marker), and leaves the rest of the text as it is.
func MapCitations(text string, fn func(n int, marker string) string) string {
	return citation.ReplaceAllStringFunc(text, func(m string) string {
		n, err := strconv.Atoi(m[1 : len(m)-1])
		if err != nil {
			return m // too many digits to be a source number
		}
		return fn(n, m)
	})
}

// quoteIn reports whether a quotation is in one of the sources' passages,
// ignoring case and spacing. A quotation a model shortened with an
// ellipsis ("meet WCAG … and publish") counts when every part of it is in
// the same passage, in order.
func quoteIn(q string, sources []Source, passage func(Source) string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	var parts []string
	for _, p := range ellipsis.Split(norm(q), -1) {
		if p = strings.Trim(p, " .,;:"); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return false
	}
	for _, s := range sources {
		text, at := norm(passage(s)), 0
		for _, p := range parts {
			i := strings.Index(text[at:], p)
			if i < 0 {
				at = -1
				break
			}
			at += i + len(p)
		}
		if at >= 0 {
			return true
		}
	}
	return false
}

// ellipsis is where a quotation leaves words out.
var ellipsis = regexp.MustCompile(`…|\.\.\.|\[…\]|\[\.\.\.\]`)

func (a *Answerer) logf(msg string, args ...any) {
	if a.Log != nil {
		a.Log.Warn(msg, args...)
	}
}

// StripThinking takes off the reasoning some self-hosted models write
// before their answer, and the space around it.
func StripThinking(text string) string {
	return strings.TrimSpace(thinking.ReplaceAllString(text, ""))
}

// Misquoted returns the first quotation in a model's text (in straight or
// curly double quotes, as answers are checked) found in none of passages,
// ignoring case and spacing, an ellipsis standing for words left out; ""
// when every quotation is in one of them. Other writers than the Answerer
// (a practice panel's feedback) check their model's text with it.
func Misquoted(text string, passages ...string) string {
	sources := make([]Source, len(passages))
	for i, p := range passages {
		sources[i] = Source{Snippet: p}
	}
	for _, q := range quoted.FindAllStringSubmatch(text, -1) {
		if !quoteIn(q[1], sources, func(s Source) string { return s.Snippet }) {
			return q[1]
		}
	}
	return ""
}
