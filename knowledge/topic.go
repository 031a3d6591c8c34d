package knowledge

import (
	"bufio"
	"bytes"
	"embed"
	"math"
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/snowballstem"
	snowball "github.com/blevesearch/snowballstem/english"
)

// trainFS holds the questions the topic model learns from: things delivery
// teams ask about the standards and assessments, and things people type at
// work that are about something else. They were written by hand for
// training and are not the evaluation sets.
//
//go:embed train/*.txt
var trainFS embed.FS

// topicModel tells whether a question is about the standards at all, as
// a naive Bayes classifier over stemmed words, pronouns kept: "my laptop",
// "my payslip" and "book me a room" are the signs of a question for
// someone else, as much as the words the guidance does not use.
//
// Each class's word probabilities are smoothed towards everyday English
// (the background), so a word neither class has seen says nothing, and
// the on-topic class also learns, more lightly, from the guidance itself,
// so a question about any practice the guidance covers is recognised
// even when no training question used its words.
type topicModel struct {
	on, off   map[string]float64
	onN, offN float64
}

// Smoothing strengths, in words of background English added to each class.
const (
	topicSmoothing = 2000
	// domainMass is how many training words the guidance counts for,
	// whatever its size: it is prose, not questions, so it teaches the
	// field's vocabulary, not how people ask, and loading the Service
	// Manual must not drown the questions.
	domainMass = 2000
)

// trainTopics learns the model from the embedded questions and the
// indexed text's term counts.
func trainTopics(domain *domainModel) *topicModel {
	m := &topicModel{on: map[string]float64{}, off: map[string]float64{}}
	count := func(file string, into map[string]float64) float64 {
		data, err := trainFS.ReadFile(file)
		if err != nil {
			panic("embedded training questions missing: " + err.Error())
		}
		n := 0.0
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			for _, f := range topicFeatures(sc.Text()) {
				into[f]++
				n++
			}
		}
		return n
	}
	m.onN = count("train/on-topic.txt", m.on)
	m.offN = count("train/off-topic.txt", m.off)
	if domain != nil && domain.Total > 0 {
		share := domainMass / domain.Total
		for t, c := range domain.Counts {
			m.on[t] += c * share
		}
		m.onN += domainMass
	}
	return m
}

// onTopic is the log-odds that a question is about the standards.
func (m *topicModel) onTopic(question string) float64 {
	bg := english()
	score := 0.0
	for _, f := range topicFeatures(question) {
		pb := math.Exp2(-bg.surprisal(f))
		pOn := (m.on[f] + topicSmoothing*pb) / (m.onN + topicSmoothing)
		pOff := (m.off[f] + topicSmoothing*pb) / (m.offN + topicSmoothing)
		score += math.Log(pOn / pOff)
	}
	return score
}

// topicFeatures are a text's lower-case stemmed words, stop words and
// pronouns kept, numbers as one token.
func topicFeatures(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if unicode.IsDigit([]rune(w)[0]) {
			out = append(out, "<n>")
			continue
		}
		out = append(out, stem(w))
	}
	return out
}

var stemEnv = sync.Pool{New: func() any { return snowballstem.NewEnv("") }}

// stem is the Snowball English stem of a lower-case word, as the index's
// analyser makes it.
func stem(w string) string {
	env := stemEnv.Get().(*snowballstem.Env)
	env.SetCurrent(w)
	snowball.Stem(env)
	s := env.Current()
	stemEnv.Put(env)
	return s
}
