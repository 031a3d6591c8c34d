package knowledge

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// EvalQuestion is one line of a question file: a question and the point (or
// points) that answer it.
type EvalQuestion struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	Point    int    `json:"point"`
	Points   []int  `json:"points"`
	Phase    string `json:"phase"`
	// Standard, when set, is the standard the question is asked of;
	// otherwise the eval command's --standard.
	Standard string `json:"standard"`
	// Topic is "practice" (names a specific practice), "assessment"
	// (about the assessment process itself) or "general".
	Topic string `json:"topic"`
	// AnswerTerms are phrases, any of which the first source's quote
	// should hold for a practice question.
	AnswerTerms []string `json:"answer_terms"`
	// OffTopic marks a question the bot should decline.
	OffTopic bool `json:"off_topic"`
	// Category is the sort of off-topic question (it-help, hr,
	// near-miss...; eval/README.md), to read misses by. The files call
	// it kind, a word the code keeps for due messages.
	Category string `json:"kind"`
}

// TopicAssessment marks a question about the assessment process itself.
const TopicAssessment = "assessment"

// Expected lists the right points; none for an off-topic question or one
// about the assessment process that no point answers.
func (q EvalQuestion) Expected() []int {
	if len(q.Points) > 0 {
		return q.Points
	}
	if q.Point > 0 {
		return []int{q.Point}
	}
	return nil
}

// ReadEvalQuestions reads a JSON Lines question file. Line numbers in errors
// help fix a hand-written file.
func ReadEvalQuestions(r io.Reader) ([]EvalQuestion, error) {
	var out []EvalQuestion
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var q EvalQuestion
		if err := json.Unmarshal([]byte(text), &q); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if strings.TrimSpace(q.Question) == "" {
			return nil, fmt.Errorf("line %d: no question", line)
		}
		if q.Point <= 0 && len(q.Points) == 0 && !q.OffTopic && q.Topic != TopicAssessment {
			return nil, fmt.Errorf("line %d: no point or points (or \"off_topic\": true, or \"topic\": \"assessment\")", line)
		}
		if q.ID == "" {
			q.ID = fmt.Sprintf("line-%d", line)
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no questions in the file")
	}
	return out, nil
}

// Ranker ranks the points of a standard for a question, best first.
type Ranker interface {
	RankPoints(ctx context.Context, question, standard string) ([]int, error)
}

// RankPoints ranks a standard's points for a question, guidance left out.
func (ix *Index) RankPoints(ctx context.Context, question, standard string) ([]int, error) {
	n := 100
	if s, ok := ix.lib.Standard(standard); ok {
		n = len(s.Points)
	}
	hits, err := ix.Search(ctx, question, SearchOptions{Standard: standard, PointsOnly: true, Limit: n})
	if err != nil {
		return nil, err
	}
	out := make([]int, 0, len(hits))
	for _, h := range hits {
		out = append(out, h.Doc.Point)
	}
	return out, nil
}

// EvalResult is retrieval quality over a question file.
type EvalResult struct {
	Questions int
	Hit1      float64
	Hit3      float64
	MRR       float64
	Misses    []EvalMiss // questions whose right point is not in the top 3
}

// EvalMiss is one question the ranker did not place in its top 3.
type EvalMiss struct {
	Question EvalQuestion
	Got      []int // the top 3 given
	Rank     int   // rank of the first right point, 0 if absent
}

// Evaluate ranks each question's points and scores the rankings. Questions
// with no point (off-topic ones, or about the assessment process) are left
// out: there is no right point to rank.
func Evaluate(ctx context.Context, r Ranker, standard string, qs []EvalQuestion) (*EvalResult, error) {
	res := &EvalResult{}
	for _, q := range qs {
		if len(q.Expected()) == 0 {
			continue
		}
		res.Questions++
		ranked, err := r.RankPoints(ctx, q.Question, standard)
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", q.ID, err)
		}
		rank := 0
		for i, p := range ranked {
			if slices.Contains(q.Expected(), p) {
				rank = i + 1
				break
			}
		}
		if rank == 1 {
			res.Hit1++
		}
		if rank >= 1 && rank <= 3 {
			res.Hit3++
		} else {
			res.Misses = append(res.Misses, EvalMiss{Question: q, Got: ranked[:min(3, len(ranked))], Rank: rank})
		}
		if rank > 0 {
			res.MRR += 1 / float64(rank)
		}
	}
	n := max(1, float64(res.Questions))
	res.Hit1 /= n
	res.Hit3 /= n
	res.MRR /= n
	return res, nil
}
