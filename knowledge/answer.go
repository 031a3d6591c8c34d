package knowledge

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"
)

// Answer statuses, as in the JSON contract.
const (
	StatusAnswered = "answered"
	StatusNoAnswer = "no_answer"
)

// The bot answers only when it is confident, and otherwise says it does not
// know rather than guess. What decides is a classifier trained on questions
// teams ask and on things people type at work about something else
// (topic.go), which gives the log-odds that a question is about the
// standards at all; off-topic questions are mostly ordinary words the
// guidance happens to use ("password", "manager", "apply"), which the
// rarity of words alone cannot tell. A question it is sure of
// (DefaultMinTopic) is answered; one it is unsure of (DefaultMinTopicCovered)
// only when the best document holds most of what is asked
// (DefaultMinCovered), as with "KPIs??". A cited document must hold some of
// the question (DefaultMinCoverage).
//
// docs/BENCHMARKS.md shows how they were chosen. DefaultMinTopic was 3.0
// until the NHS and TCoP training questions (131, heavy with words of
// those fields) grew the on-topic class by a tenth: a plainly worded
// question ("how have you derisked any technical challenges?") lost 0.3 to
// 1.0 of log-odds, and some were declined. At 2.5 the development sets'
// on-topic questions are declined as before and off-topic ones still are
// (0.963 of eval/offtopic.jsonl at 3.0, 2.5 and 1.8 alike).
const (
	DefaultMinTopic        = 2.5
	DefaultMinTopicCovered = -1.0
	DefaultMinCovered      = 0.55
	DefaultMinCoverage     = 0.1
)

// Source is one cited passage.
type Source struct {
	Standard string `json:"standard,omitempty"`
	Point    int    `json:"point"`
	// Ref is the point's official reference where its standard numbers
	// within groups ("2.1" in Wales); Point stays 1 to N.
	Ref     string  `json:"ref,omitempty"`
	Title   string  `json:"title"`
	Heading string  `json:"heading,omitempty"`
	URL     string  `json:"url"`
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"`
	// Label is the human citation: "GOV.UK Service Standard, point 5: ..."
	// or the guidance title and heading.
	Label string `json:"label"`
	// Supports lists the points a guidance source helps meet.
	Supports []PointRef `json:"supports,omitempty"`
	// Applies lists, for a point whose text builds on points of another
	// standard (NHS points 1 to 14 on the GOV.UK ones), those points: they
	// apply too, and the answer cites them beside it.
	Applies []AppliedPoint `json:"applies,omitempty"`
	// Origin is where a guidance source was loaded from (Section.Source):
	// a path, a URL, or ProcessOrigin for the built-in assessment guidance.
	Origin string `json:"-"`
}

// AppliedPoint is a point of another standard that applies with a cited
// point, with its citation and link.
type AppliedPoint struct {
	Standard string `json:"standard"`
	Point    int    `json:"point"`
	Label    string `json:"label"`
	URL      string `json:"url,omitempty"`
	// Name is the standard's name, for Sentence.
	Name string `json:"-"`
}

// Sentence says the point applies too: "the GOV.UK Service Standard
// point 9 applies too".
func (a AppliedPoint) Sentence() string {
	return fmt.Sprintf("the %s point %d applies too", a.Name, a.Point)
}

// ProcessOrigin is the Section.Source of the built-in guidance on the
// assessment process.
const ProcessOrigin = "builtin:assessments"

// Answer is the reply to a question, shaped as CONTRACT.md's `ask --json`.
type Answer struct {
	Status   string   `json:"status"`
	Question string   `json:"question"`
	Answer   string   `json:"answer"`
	Sources  []Source `json:"sources"`
	// Standard is the standard the question was answered against.
	Standard string `json:"standard,omitempty"`
	// Generated is true when a language model wrote the answer text from
	// the sources; false for the extractive answer.
	Generated bool `json:"generated"`
}

// Question is what is asked, and of which standard.
type Question struct {
	Text     string
	Standard string // preferred standard; empty for all
	Phase    Phase  // the asking project's phase, if any
	// History is the thread's earlier exchanges, oldest first: context
	// for a model, so a follow-up can say "that point".
	History []Turn
	// Sources, when set, are the only sources to answer from
	// (Index.SourceNames): the asking channel's setting.
	Sources []string
}

// ErrEmptyQuestion is returned for a question with no words in it.
var ErrEmptyQuestion = errors.New("the question is empty: type a question, for example: how do we make our service accessible?")

// Answerer answers questions from the index, with citations; with an LLM
// configured it lets the model phrase the answer from the same passages.
type Answerer struct {
	Index       *Index
	LLM         LLM
	LLMTimeout  time.Duration // 0: DefaultLLMTimeout
	MinCoverage float64       // 0: DefaultMinCoverage
	// MinTopic, MinTopicCovered and MinCovered decide whether to answer;
	// 0 takes the defaults above.
	MinTopic, MinTopicCovered, MinCovered float64
	MaxSources                            int // 0: 3
	Log                                   *slog.Logger

	// swapped, once set by SetIndex, replaces Index: a refreshed copy of
	// the Service Manual is indexed in the background and swapped in
	// while questions are being answered.
	swapped atomic.Pointer[Index]
}

// Current is the index answers come from: the last one SetIndex gave, else
// Index.
func (a *Answerer) Current() *Index {
	if ix := a.swapped.Load(); ix != nil {
		return ix
	}
	return a.Index
}

// SetIndex makes later questions use ix and returns the index it replaces.
// Questions already being answered finish on the old one, so the caller
// closes it only after they have had time to (see Index.CloseAfter).
func (a *Answerer) SetIndex(ix *Index) (old *Index) {
	old = a.Current()
	a.swapped.Store(ix)
	return old
}

// Answer answers one question. It returns an error only when searching
// fails; "not covered" is an Answer with status no_answer.
func (a *Answerer) Answer(ctx context.Context, q Question) (*Answer, error) {
	text := strings.TrimSpace(q.Text)
	if text == "" {
		return nil, ErrEmptyQuestion
	}
	ix := a.Current()
	if q.Standard != "" {
		if _, err := ix.lib.Lookup(q.Standard); err != nil {
			return nil, err
		}
	}
	ans := &Answer{Question: text, Standard: q.Standard, Sources: []Source{}}
	asked, err := ix.ask(text, q.Standard)
	if err != nil {
		return nil, err
	}
	qterms := asked.terms
	hits, named, err := ix.ranked(ctx, text, asked, SearchOptions{Standard: q.Standard, Limit: 10, Sources: q.Sources})
	if err != nil {
		return nil, err
	}
	if named.at < 0 && !a.confident(ix, text, qterms, hits) {
		hits = nil
	}
	if cited := a.cite(ix, hits, asked, q, named); len(cited) > 0 {
		ans.Sources = cited
	}
	if len(ans.Sources) == 0 {
		ans.Status = StatusNoAnswer
		ans.Answer = NoAnswerText
		return ans, nil
	}
	ans.Status = StatusAnswered
	ans.Answer = extractive(ans.Sources)
	if a.LLM != nil {
		a.generate(ctx, q, ans)
	}
	return ans, nil
}

// NoAnswerText is said when nothing relevant enough is found.
const NoAnswerText = "The standards and guidance I have do not cover that. Try `point N` to read a point, `standards` to see what I know, or ask about a part of the standard (user research, accessibility, security, performance data...)."

// confident reports whether a question is about the standards and
// assessments, and the best hit answers it.
func (a *Answerer) confident(ix *Index, question string, qterms []queryTerm, hits []Hit) bool {
	if len(hits) == 0 {
		return false
	}
	topic := ix.topics.onTopic(cutQuestion(question))
	if topic >= orDefault(a.MinTopic, DefaultMinTopic) {
		return true
	}
	if topic < orDefault(a.MinTopicCovered, DefaultMinTopicCovered) {
		return false
	}
	best := hits[0].Doc
	best.analyse(ix)
	share, _ := ix.specificCoverage(qterms, best.vocab)
	return share >= orDefault(a.MinCovered, DefaultMinCovered) && ix.fieldWords(qterms, best.vocab) >= minFieldLift
}

// minFieldLift is how much more the field's text than everyday English
// must use an unsure question's covered words, in bits added up: one
// everyday word ("thanks") is held by some document, but it takes a word
// of the field ("team", "KPIs") to be covered.
const minFieldLift = 2.0

// fieldWords adds up how much more the field than everyday English uses
// the question's words a document holds (domainModel.lift), counting only
// words the field favours.
func (ix *Index) fieldWords(qterms []queryTerm, have *vocabulary) float64 {
	sum := 0.0
	for _, qt := range qterms {
		if ix.holds(have, qt.term) {
			sum += max(0, ix.domain.lift(qt.term))
		}
	}
	return sum
}

// orDefault is v, or def when v is unset.
func orDefault(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

func (d *Doc) allText() string {
	return strings.Join([]string{d.Title, d.Heading, d.Keywords, d.Summary, d.Prompts, d.Body}, "\n")
}

// extractive writes the answer as the quoted passages with their citations.
func extractive(sources []Source) string {
	var b strings.Builder
	for i, s := range sources {
		if i > 0 {
			b.WriteString("\n\n")
		}
		fmt.Fprintf(&b, "%s: “%s”", s.Label, s.Snippet)
		for _, a := range s.Applies {
			fmt.Fprintf(&b, " — %s", a.Sentence())
			if a.URL != "" {
				fmt.Fprintf(&b, ": %s", a.URL)
			}
		}
	}
	return b.String()
}
