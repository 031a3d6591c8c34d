package knowledge

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Asker answers a question as a user sees it: the Answerer, or a baseline.
type Asker interface {
	Answer(ctx context.Context, q Question) (*Answer, error)
}

// AnswerEval is what users saw over a question file: whether the right
// point was among the sources shown, whether on-topic questions were
// wrongly declined and off-topic ones rightly declined, whether the first
// quote held the answer, and whether questions about the assessment
// process were answered from the assessment guidance.
type AnswerEval struct {
	OnTopic     int // questions with a right point
	Hit1, Hit3  int // right point first / among the first three sources shown
	Refused     int // on-topic questions answered "not covered"
	OffTopic    int
	OffRefused  int // off-topic questions declined
	Practice    int // questions with answer terms
	QuoteHolds  int // ... whose first quote holds one of them
	Process     int // questions about the assessment process
	ProcessHits int // ... whose first source is the assessment guidance
	Misses      []AnswerMiss
}

// AnswerMiss is one question a user would have been let down by.
type AnswerMiss struct {
	Question EvalQuestion
	Why      string // "refused", "wrong point", "answered off-topic", "quote", "not from the guidance"
	Got      string // what the first source was
}

// Rate is n out of d, 0 when d is 0.
func Rate(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// EvaluateAnswers asks every question and scores what a user would see.
// standard is used for questions that name none.
func EvaluateAnswers(ctx context.Context, a Asker, standard string, qs []EvalQuestion) (*AnswerEval, error) {
	res := &AnswerEval{}
	for _, q := range qs {
		std := q.Standard
		if std == "" {
			std = standard
		}
		ans, err := a.Answer(ctx, Question{Text: q.Question, Standard: std})
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", q.ID, err)
		}
		res.score(q, std, ans)
	}
	return res, nil
}

func (r *AnswerEval) score(q EvalQuestion, std string, ans *Answer) {
	answered := ans.Status == StatusAnswered && len(ans.Sources) > 0
	first := ""
	if answered {
		first = ans.Sources[0].Label
	}
	miss := func(why string) { r.Misses = append(r.Misses, AnswerMiss{Question: q, Why: why, Got: first}) }
	if q.OffTopic {
		r.OffTopic++
		if answered {
			miss("answered off-topic")
		} else {
			r.OffRefused++
		}
		return
	}
	if q.Topic == TopicAssessment {
		r.Process++
		if answered && ans.Sources[0].Origin == ProcessOrigin {
			r.ProcessHits++
		} else {
			miss("not from the guidance")
		}
	}
	if want := q.Expected(); len(want) > 0 {
		r.OnTopic++
		rank := 0
		for i, s := range ans.Sources {
			if i < 3 && s.Standard == std && slices.Contains(want, s.Point) {
				rank = i + 1
				break
			}
		}
		switch {
		case !answered:
			r.Refused++
			miss("refused")
		case rank == 0:
			miss("wrong point")
		}
		if rank == 1 {
			r.Hit1++
		}
		if rank >= 1 {
			r.Hit3++
		}
	}
	if len(q.AnswerTerms) > 0 {
		r.Practice++
		if answered && holdsAny(ans.Sources[0].Snippet, q.AnswerTerms) {
			r.QuoteHolds++
		} else if answered {
			miss("quote")
		}
	}
}

func holdsAny(text string, terms []string) bool {
	text = strings.ToLower(text)
	for _, t := range terms {
		if strings.Contains(text, strings.ToLower(t)) {
			return true
		}
	}
	return false
}
