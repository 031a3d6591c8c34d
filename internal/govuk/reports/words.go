package reports

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// fold is text for comparison: lower case, letters and digits, single
// spaces, curly quotes and dashes made plain.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			space = true
		}
	}
	return b.String()
}

// hasWord reports whether folded text holds the folded phrase as whole
// words.
func hasWord(folded, phrase string) bool {
	return strings.Contains(" "+folded+" ", " "+phrase+" ")
}

// verdicts are the words a table cell or a result gives a verdict in,
// longest first so "not met" is not read as "met".
var verdicts = []struct {
	phrase string
	rating checklist.Rating
}{
	{"did not meet", checklist.RatingNotMet}, {"not passed", checklist.RatingNotMet}, {"not pass", checklist.RatingNotMet},
	{"not met", checklist.RatingNotMet}, {"not yet met", checklist.RatingNotMet},
	{"passed", checklist.RatingMet}, {"pass", checklist.RatingMet}, {"met", checklist.RatingMet},
	{"green", checklist.RatingGreen}, {"amber", checklist.RatingAmber}, {"red", checklist.RatingRed},
	{"yes", checklist.RatingMet}, {"no", checklist.RatingNotMet},
}

// verdictCell reads a verdict a cell, a result or a one-line decision
// starts with: "Met", "Not met", "Pass", "Amber", "Yes" (in a Passed
// column), "Met with conditions".
func verdictCell(text string) (checklist.Rating, bool) {
	f := fold(text)
	for _, v := range verdicts {
		if f == v.phrase || strings.HasPrefix(f, v.phrase+" ") {
			return v.rating, true
		}
	}
	return "", false
}

// metPoint finds a decision written out: "The service met point 3 of the
// Standard", "did not meet point 3".
var metPoint = regexp.MustCompile(`(?i)\b(did not meet|does not meet|has not met|have not met|not met|has met|met|meets)\s+(?:the\s+)?point\s+(\d+)`)

// pointNamed finds the point a decision names.
var pointNamed = regexp.MustCompile(`(?i)\bpoint\s+(\d+)`)

// decisionIn reads a point's decision: a short verdict ("Met", "Amber",
// "Not met"); a rating in red, amber or green ("The service was rated
// amber for point 3", "RAG rating: green") when it names one colour; or
// "The service met (did not meet) point 3". named is the point the text
// names, 0 when none; ok is false when none of these is said, or more than
// one colour is named.
func decisionIn(text string) (r checklist.Rating, named int, ok bool) {
	f := fold(text)
	if m := pointNamed.FindStringSubmatch(text); m != nil {
		named, _ = strconv.Atoi(m[1])
	}
	if len(strings.Fields(f)) <= 4 {
		if r, ok := verdictCell(text); ok {
			return r, named, true
		}
	}
	var colour checklist.Rating
	for _, c := range []checklist.Rating{checklist.RatingRed, checklist.RatingAmber, checklist.RatingGreen} {
		if hasWord(f, string(c)) {
			if colour != "" {
				return "", named, false
			}
			colour = c
		}
	}
	if colour != "" && (strings.Contains(f, "rated") || strings.Contains(f, "rating") || hasWord(f, "rag")) {
		return colour, named, true
	}
	if m := metPoint.FindStringSubmatch(text); m != nil && colour == "" {
		named, _ = strconv.Atoi(m[2])
		if strings.Contains(strings.ToLower(m[1]), "not") {
			return checklist.RatingNotMet, named, true
		}
		return checklist.RatingMet, named, true
	}
	return "", named, false
}

// stageIn reads a stage from a table's Stage cell or a report's title:
// the one phase it names (private and public beta are beta), and whether
// it is a reassessment or a live review. ok is false when it names no
// phase or several.
func stageIn(text string) (checklist.Stage, bool) {
	f := fold(text)
	if hasWord(f, "live review") {
		return checklist.StageLiveReview, true
	}
	phase := ""
	for _, p := range []string{"alpha", "beta", "live"} {
		if hasWord(f, p) {
			if phase != "" {
				return "", false
			}
			phase = p
		}
	}
	if phase == "" {
		return "", false
	}
	if hasWord(f, "reassessment") || hasWord(f, "re assessment") || hasWord(f, "reassessed") {
		return checklist.Stage(phase + "-reassessment"), true
	}
	return checklist.Stage(phase), true
}

// ordinal is the suffix of a day written 1st, 2nd, 3rd or 4th.
var ordinal = regexp.MustCompile(`(?i)\b(\d{1,2})(st|nd|rd|th)\b`)

// dateLayouts are the ways reports write a day, in UK order.
var dateLayouts = []string{
	"2006-01-02", "2/1/2006", "2/1/06", "2.1.2006", "2 January 2006", "2 Jan 2006", "Monday 2 January 2006",
	"Mon 2 January 2006", "2 January, 2006", "Monday, 2 January 2006", "2006-01-02T15:04:05Z07:00",
}

// dateIn reads a day from a table's date cell or GOV.UK's metadata.
func dateIn(text string) (checklist.Date, bool) {
	s := strings.Join(strings.Fields(ordinal.ReplaceAllString(text, "$1")), " ")
	s = strings.TrimSuffix(s, ".")
	if len(s) > 40 {
		return checklist.Date{}, false
	}
	// "Sept" is how some reports abbreviate September; Go knows "Sep".
	s = strings.Replace(s, "Sept ", "Sep ", 1)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 2000 && t.Year() < 2100 {
			return checklist.DateOf(t), true
		}
	}
	return checklist.Date{}, false
}

// standardNamed finds how many points a report says its standard has:
// "the 26 points of the Service Standard", "18-point", "Digital by
// Default" (the 26-point standard's name). 0 when it says nothing.
func standardNamed(folded string) int {
	for _, n := range []int{14, 18, 26} {
		s := strconv.Itoa(n)
		if hasWord(folded, s+" points") || hasWord(folded, s+" point standard") || hasWord(folded, s+" point service standard") ||
			hasWord(folded, s+" point digital service standard") {
			return n
		}
	}
	if hasWord(folded, "digital by default service standard") {
		return 26
	}
	return 0
}

// clip shortens text quoted in Unread.
func clip(s string) string {
	const most = 60
	r := []rune(s)
	if len(r) <= most {
		return s
	}
	return strings.TrimSpace(string(r[:most])) + "…"
}

// joinAnd writes sorted numbers as people do: "3", "3 and 4", "3, 4
// and 7", and three or more in a row as a range: "4 to 14".
func joinAnd(ns []int) string {
	var ss []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if j-i >= 2 {
			ss = append(ss, strconv.Itoa(ns[i])+" to "+strconv.Itoa(ns[j]))
			i = j + 1
			continue
		}
		ss = append(ss, strconv.Itoa(ns[i]))
		i++
	}
	if len(ss) < 2 {
		return strings.Join(ss, "")
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " and " + ss[len(ss)-1]
}
