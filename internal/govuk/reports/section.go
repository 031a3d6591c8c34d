package reports

import (
	"fmt"
	"strings"

	"github.com/standardbot/standardbot/checklist"
)

// marker is a heading within a report that says what follows.
type marker int

const (
	none marker = iota
	decisionMark
	wellMark
	exploreMark
	// themeMark is a section of an older report that gives the panel's
	// view on the whole service, not point by point.
	themeMark
	// endMark ends the last point's section.
	endMark
)

// markers are the headings, folded, by what they mark. A heading is
// matched whole or followed by a colon and more text.
var markers = []struct {
	phrase string
	mark   marker
}{
	{"decision", decisionMark}, {"rating", decisionMark}, {"rag rating", decisionMark}, {"outcome", decisionMark},
	{"what the team has done well", wellMark}, {"what the team did well", wellMark}, {"what went well", wellMark},
	{"what the team needs to explore", exploreMark}, {"what the team needs to improve", exploreMark},
	{"what the team should explore", exploreMark}, {"what the team needs to work on", exploreMark},
	{"what the team needs to do", exploreMark}, {"recommendations", exploreMark}, {"actions", exploreMark},
	{"reasons", themeMark}, {"outcome of service assessment", themeMark}, {"assessment result", themeMark},
	{"summary", themeMark}, {"detail", themeMark}, {"user needs", themeMark}, {"the team", themeMark},
	{"next steps", endMark}, {"updates to this page", endMark}, {"get advice and guidance", endMark},
}

// markerOf says what a block marks, and the text after the heading's
// colon ("Decision: Met" gives decisionMark and "Met"). List items and
// long paragraphs mark nothing.
func markerOf(b block) (marker, string) {
	if b.kind == item || b.kind == row {
		return none, ""
	}
	head, rest, colon := strings.Cut(b.text, ":")
	f := fold(head)
	if !colon && len(strings.Fields(f)) > 8 {
		return none, ""
	}
	for _, m := range markers {
		if f == m.phrase {
			return m.mark, strings.TrimSpace(rest)
		}
	}
	return none, ""
}

// readSection reads one point's section: its decision, and the items
// under "What the team has done well" and "What the team needs to
// explore". In the decision's place, a sentence saying the service met
// (or did not meet) the point is its decision.
func (r *reader) readSection(s start, blocks []block) {
	po := checklist.PointOutcome{Point: s.point, Title: s.title}
	state := none
	var decisions []string
	add := func(to *[]string, text string) {
		// "The panel was impressed that:" introduces the items.
		if text != "" && !strings.HasSuffix(text, ":") {
			*to = append(*to, text)
		}
	}
	for _, b := range blocks {
		if b.kind == heading && s.level > 0 && b.level <= s.level {
			break // the next part of the report
		}
		m, rest := markerOf(b)
		if m == endMark || (m == themeMark && state != none) {
			break
		}
		if m != none && m != themeMark {
			state, b.text = m, rest
		}
		if b.kind == row && len(b.cells) > 1 {
			if m, _ := markerOf(block{text: b.cells[0]}); m == decisionMark {
				decisions = append(decisions, strings.Join(b.cells[1:], " "))
			}
			continue
		}
		switch state {
		case decisionMark:
			if b.text != "" {
				decisions = append(decisions, b.text)
			}
		case wellMark:
			add(&po.WellDone, b.text)
		case exploreMark:
			add(&po.Explore, b.text)
		default:
			if metPoint.MatchString(b.text) {
				decisions = append(decisions, b.text)
			}
		}
	}
	r.decide(&po, decisions)
	r.outcomes = append(r.outcomes, po)
}

// decide reads the point's rating from the first decision that says one.
// A decision that names another point is not taken: the report is wrong
// in one of the two places.
func (r *reader) decide(po *checklist.PointOutcome, decisions []string) {
	if len(decisions) == 0 {
		r.noDecision = append(r.noDecision, po.Point)
		return
	}
	for _, d := range decisions {
		rating, named, ok := decisionIn(d)
		if !ok {
			continue
		}
		if named != 0 && named != po.Point {
			r.unread = append(r.unread, fmt.Sprintf("the decision on point %d, which names point %d (%q)", po.Point, named, clip(d)))
			return
		}
		po.Rating = rating
		return
	}
	r.unread = append(r.unread, fmt.Sprintf("the decision on point %d (%q)", po.Point, clip(decisions[0])))
}
