package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

// PracticeSource is what a practice report is drawn from.
type PracticeSource struct {
	Project *checklist.Project
	States  []checklist.PointState
	Answers []checklist.PracticeAnswer
	// Actions are the panel's open actions by point, one line each (see
	// ActionLines).
	Actions map[int][]string
	// Points limits the report to these points; nil means every point the
	// team has answered on.
	Points []int
}

// PracticeReport is a project's practice report as of now: a section per
// point with an informal rating, what the team has done well and what it
// needs to explore. With a model (llm not nil) the model writes each
// point's feedback from the point's text and what the team said, checked
// (see modelFeedback); without one, or when its feedback fails the checks,
// the rules write it (checklist.PracticeRules).
func PracticeReport(ctx context.Context, src PracticeSource, lib *knowledge.Library, llm knowledge.LLM, log *slog.Logger, now time.Time) *checklist.PracticeReport {
	p := src.Project
	rep := &checklist.PracticeReport{Project: p.Name, Standard: p.Standard, StandardName: p.Standard, Phase: p.Phase, GeneratedAt: now.UTC().Truncate(time.Second)}
	std, _ := lib.Standard(p.Standard)
	if std != nil {
		rep.StandardName = std.Name
	}
	points := src.Points
	if points == nil {
		for _, a := range src.Answers {
			if !slices.Contains(points, a.Point) {
				points = append(points, a.Point)
			}
		}
		slices.Sort(points)
	}
	progress := checklist.NewProgress(p, src.States)
	for _, n := range points {
		if n < 1 || n > len(progress.Points) {
			continue
		}
		rep.Points = append(rep.Points, practicePoint(ctx, std, progress.Points[n-1], src, llm, log))
	}
	return rep
}

// practicePoint is one point's section of a practice report.
func practicePoint(ctx context.Context, std *knowledge.Standard, st checklist.PointState, src PracticeSource, llm knowledge.LLM, log *slog.Logger) checklist.PracticePoint {
	n := st.Point
	pp := checklist.PracticePoint{Number: n, Title: fmt.Sprintf("Point %d", n), Status: st.Status, Answers: []checklist.AnswerView{}}
	var pt knowledge.Point
	facts := checklist.PracticeFacts{Status: st.Status, Evidence: st.Evidence, Notes: st.Notes, Actions: src.Actions[n]}
	if std != nil {
		pt, _ = std.Point(n)
		pp.Title, pp.URL, pp.Ref = pt.Title, pt.URL, pt.Ref
		facts.Asked = practiceQuestions(std, src.Project.Phase, n)
	}
	facts.Answers = latestAnswers(src.Answers, n)
	for _, a := range facts.Answers {
		pp.Answers = append(pp.Answers, checklist.AnswerView{Question: a.Question, Answer: a.Answer, By: a.By, At: a.At.UTC()})
	}
	fb, by := checklist.PracticeRules(facts), "rules"
	if llm != nil && len(facts.Answers) > 0 {
		if got, err := modelFeedback(ctx, llm, pt, src.Project.Phase, facts); err != nil {
			if log != nil {
				log.Warn("practice feedback: model feedback rejected, using the rules", "point", n, "err", err)
			}
		} else {
			fb, by = got, "model"
		}
	}
	pp.Rating, pp.WellDone, pp.Explore, pp.By = fb.Rating, fb.WellDone, fb.Explore, by
	if pp.WellDone == nil {
		pp.WellDone = []string{}
	}
	if pp.Explore == nil {
		pp.Explore = []string{}
	}
	return pp
}

// ActionLines are open actions by point, each its text and due date.
func ActionLines(actions []checklist.Action) map[int][]string {
	out := map[int][]string{}
	for _, a := range actions {
		line := a.Text
		if !a.Due.IsZero() {
			line += " (due " + a.Due.String() + ")"
		}
		out[a.Point] = append(out[a.Point], line)
	}
	return out
}

// latestAnswers are the team's answers on a point, the latest to each
// question, in the order first answered.
func latestAnswers(all []checklist.PracticeAnswer, point int) []checklist.PracticeAnswer {
	var out []checklist.PracticeAnswer
	for _, a := range all {
		if a.Point != point {
			continue
		}
		if i := slices.IndexFunc(out, func(b checklist.PracticeAnswer) bool { return b.Question == a.Question }); i >= 0 {
			out[i] = a
		} else {
			out = append(out, a)
		}
	}
	return out
}

// practiceReportReply shows the practice report in chat, on the points
// given, or every point the team has answered on when points is nil.
func (b *Bot) practiceReportReply(ctx context.Context, p *checklist.Project, points []int) ([]Reply, error) {
	states, err := b.Store.PointStates(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("load progress: %w", err)
	}
	answers, err := b.Store.PracticeAnswers(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("load practice answers: %w", err)
	}
	actions, err := b.Store.OpenActions(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("load open actions: %w", err)
	}
	if len(answers) == 0 {
		return Text(ReplyInfo, "No practice answers yet, so no practice report. Start a practice panel with: practice (or practice 1,5,9)").one(), nil
	}
	var llm knowledge.LLM
	if b.Answerer != nil {
		llm = b.Answerer.LLM
	}
	rep := PracticeReport(ctx, PracticeSource{Project: p, States: states, Answers: answers, Actions: ActionLines(actions), Points: points}, b.Library, llm, b.log(), b.now())
	lead := fmt.Sprintf("Informal feedback from a practice panel at %s, not a formal assessment or review.", panelPhase(rep.Phase))
	if b.reviewed(p) {
		lead = "Informal feedback from a practice spend control or technology review, not the review itself."
	}
	return []Reply{practiceReply(rep, lead)}, nil
}

// chatRemarks is how many remarks of each kind a point shows in chat; the
// exported report has them all.
const chatRemarks = 3

// practiceReply is the practice report as a chat reply: per point its
// rating and its first remarks of each kind, after the lead.
func practiceReply(rep *checklist.PracticeReport, lead string) Reply {
	r := Reply{Type: ReplyReport, Title: "Practice report: " + rep.Project}
	r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: lead})
	for _, pt := range rep.Points {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: fmt.Sprintf("%s %s. %s: %s", ratingEmoji[pt.Rating], pt.Shown(), pt.Title, pt.Rating)})
		var items []string
		items = append(items, remarks("What the team has done well", pt.WellDone)...)
		items = append(items, remarks("What the team needs to explore", pt.Explore)...)
		r.Blocks = append(r.Blocks, Block{Type: List, Items: items})
	}
	r.Blocks = append(r.Blocks, Block{Type: Context, Text: fmt.Sprintf("The full practice report, with every answer: standardbot report %q --practice --format html (or markdown, csv, json)", rep.Project)})
	return r
}

// remarks are a heading's first chatRemarks items, labelled.
func remarks(heading string, items []string) []string {
	if len(items) == 0 {
		return []string{heading + ": nothing yet"}
	}
	var out []string
	for i, it := range items {
		if i == chatRemarks {
			out = append(out, fmt.Sprintf("%s: and %d more in the full report", heading, len(items)-chatRemarks))
			break
		}
		out = append(out, heading+": "+it)
	}
	return out
}

// practiceSystem is the model's instruction for a point's feedback. It
// holds nothing the team wrote.
const practiceSystem = `You are an experienced UK government service assessment panel giving a team informal feedback after a practice (mock) assessment on one point of the service standard.
Use only the point's text and the team's answers, status, evidence and notes given. Do not invent facts about the team. Quote only words that appear in what you are given, in double quotes.
Reply with JSON only: {"rating":"green|amber|red","done_well":["..."],"to_explore":["..."]}. Green: the answers show the point is met. Amber: mostly there, with gaps to close. Red: major gaps.`

// modelFeedback asks the model for a point's feedback and checks it: JSON
// of the expected shape, a rating of green, amber or red, something to
// say, and every quotation in the point's text or what the team wrote.
func modelFeedback(ctx context.Context, llm knowledge.LLM, pt knowledge.Point, ph checklist.Phase, f checklist.PracticeFacts) (checklist.PracticeFeedback, error) {
	ctx, cancel := context.WithTimeout(ctx, knowledge.DefaultLLMTimeout)
	defer cancel()
	passages := []string{pt.Title, pt.Summary}
	var b strings.Builder
	fmt.Fprintf(&b, "Point %s: %s\n%s\n", pt.Shown(), pt.Title, pt.Summary)
	if g, ok := pt.Guide(knowledge.Phase(ph)); ok {
		fmt.Fprintf(&b, "%s: %s\n", looksForLabel(pt, "At "+panelPhase(ph)+" the panel looks for"), strings.TrimSpace(g.LooksFor))
		passages = append(passages, g.LooksFor)
	}
	fmt.Fprintf(&b, "The team records the point as: %s\n", f.Status)
	for _, a := range f.Answers {
		fmt.Fprintf(&b, "Panel asked: %s\nTeam answered: %s\n", a.Question, a.Answer)
		passages = append(passages, a.Question, a.Answer)
	}
	for _, q := range f.Asked {
		if !slices.ContainsFunc(f.Answers, func(a checklist.PracticeAnswer) bool { return a.Question == q }) {
			fmt.Fprintf(&b, "Panel asked, team did not answer: %s\n", q)
			passages = append(passages, q)
		}
	}
	for _, it := range f.Evidence {
		fmt.Fprintf(&b, "Evidence: %s\n", it.Text)
		passages = append(passages, it.Text)
	}
	for _, it := range f.Notes {
		fmt.Fprintf(&b, "Team note: %s\n", it.Text)
		passages = append(passages, it.Text)
	}
	for _, a := range f.Actions {
		fmt.Fprintf(&b, "Open action from the last assessment: %s\n", a)
		passages = append(passages, a)
	}
	text, err := llm.Complete(ctx, knowledge.Completion{System: practiceSystem, Prompt: b.String()})
	if err != nil {
		return checklist.PracticeFeedback{}, err
	}
	return checkFeedback(knowledge.StripThinking(text), passages)
}

// checkFeedback reads and checks a model's feedback (see modelFeedback).
func checkFeedback(text string, passages []string) (checklist.PracticeFeedback, error) {
	text = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(text, "```json"), "```"), "```")
	var out struct {
		Rating   string   `json:"rating"`
		DoneWell []string `json:"done_well"`
		Explore  []string `json:"to_explore"`
	}
	if err := json.Unmarshal([]byte(strings.TrimSpace(text)), &out); err != nil {
		return checklist.PracticeFeedback{}, fmt.Errorf("not the JSON asked for: %w", err)
	}
	r := checklist.Rating(strings.ToLower(strings.TrimSpace(out.Rating)))
	if r != checklist.RatingGreen && r != checklist.RatingAmber && r != checklist.RatingRed {
		return checklist.PracticeFeedback{}, fmt.Errorf("rating %q is not green, amber or red", out.Rating)
	}
	if len(out.DoneWell)+len(out.Explore) == 0 {
		return checklist.PracticeFeedback{}, fmt.Errorf("no feedback")
	}
	for _, s := range append(slices.Clone(out.DoneWell), out.Explore...) {
		if q := knowledge.Misquoted(s, passages...); q != "" {
			return checklist.PracticeFeedback{}, fmt.Errorf("quote %q is in nothing the team or the standard said", q)
		}
	}
	return checklist.PracticeFeedback{Rating: r, WellDone: out.DoneWell, Explore: out.Explore}, nil
}
