package reports

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/standardbot/standardbot/checklist"
)

// maxPoint is the highest point number of any standard a report follows.
const maxPoint = 26

// given is what GOV.UK's metadata says of a report; the body is read for
// the rest.
type given struct {
	title, date, stage, result string
}

// reader reads a report's blocks into an Assessment, the same way for
// HTML and pasted text.
type reader struct {
	blocks []block
	given  given
	// header holds the body's table: "date", "stage" and "result".
	header map[string]string
	// themes are the headings of an older report's sections (Reasons,
	// Recommendations), named when it has no section per point.
	themes []string
	// table holds a points table's verdicts ("1 | Yes", "3 | Title | Met"),
	// and titles, by point.
	table       map[int]checklist.Rating
	tableTitles map[int]string
	tableNA     []int
	// named is how many points the report says its standard has.
	named int

	outcomes   []checklist.PointOutcome
	noDecision []int
	unread     []string
}

// read reads blocks, with what GOV.UK's metadata gives, into an
// Assessment.
func read(blocks []block, g given) *checklist.Assessment {
	r := &reader{blocks: blocks, given: g, header: map[string]string{}, table: map[int]checklist.Rating{}, tableTitles: map[int]string{}}
	starts := r.pointStarts()
	headerEnd := len(blocks)
	if len(starts) > 0 {
		headerEnd = starts[0].at
	}
	r.scan()
	r.readHeader(blocks[:headerEnd])
	for i, s := range starts {
		end := len(blocks)
		if i+1 < len(starts) {
			end = starts[i+1].at
		}
		r.readSection(s, blocks[s.at+1:end])
	}
	a := &checklist.Assessment{Title: g.title}
	r.fill(a)
	r.points(a)
	a.Unread = append(a.Unread, r.unread...)
	return a
}

// start is where a point's section begins.
type start struct {
	at, point int
	title     string
	level     int // the heading's level, 0 for a paragraph
}

// pointHeading finds "1. Understand users and their needs", "Point 1:
// Understand...", "Criterion 1 - ...".
var pointHeading = regexp.MustCompile(`(?i)^(?:point|criteri(?:on|a))?\s*(\d{1,2})\s*(?:[.:)]|\s[-–—]|\s)\s*(\S.{0,150})$`)

// pointStarts finds the points' sections: a heading or paragraph numbered
// higher than the last, with a decision or the panel's remarks following
// before the next such heading. So a numbered list in the panel's remarks
// is not read as points.
func (r *reader) pointStarts() []start {
	var out []start
	last := 0
	for i, b := range r.blocks {
		if b.kind != heading && b.kind != para {
			continue
		}
		m := pointHeading.FindStringSubmatch(b.text)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		if n <= last || n > maxPoint || strings.HasSuffix(m[2], ".") || !r.remarksFollow(i+1) {
			continue
		}
		out = append(out, start{at: i, point: n, title: strings.TrimSpace(m[2]), level: b.level})
		last = n
	}
	return out
}

// remarksFollow reports whether a decision or the panel's remarks come
// within a few blocks of from, before another numbered heading.
func (r *reader) remarksFollow(from int) bool {
	for i := from; i < len(r.blocks) && i < from+6; i++ {
		b := r.blocks[i]
		if m, _ := markerOf(b); m != none {
			return m == decisionMark || m == wellMark || m == exploreMark
		}
		if _, _, ok := decisionIn(b.text); ok && metPoint.MatchString(b.text) {
			return true
		}
		if (b.kind == heading || b.kind == para) && pointHeading.MatchString(b.text) {
			return false
		}
	}
	return false
}

// scan reads what may be anywhere in a report: how many points it says
// its standard has, and a points table.
func (r *reader) scan() {
	for _, b := range r.blocks {
		if r.named == 0 {
			r.named = standardNamed(fold(b.text))
		}
		if b.kind == row {
			r.tableRow(b.cells)
		}
	}
}

// tableRow reads a row of a points table: a point's number followed by
// its verdict, or by its title and verdict, as often as the row holds
// them ("1 | Yes | 2 | Yes").
func (r *reader) tableRow(cells []string) {
	for j := 0; j < len(cells); j++ {
		n, err := strconv.Atoi(strings.TrimSuffix(cells[j], "."))
		if err != nil || n < 1 || n > maxPoint {
			continue
		}
		for k := j + 1; k <= j+2 && k < len(cells); k++ {
			if na(cells[k]) {
				r.tableNA = append(r.tableNA, n)
				j = k
				break
			}
			if v, ok := verdictCell(cells[k]); ok && len(strings.Fields(cells[k])) <= 3 {
				r.table[n] = v
				if k == j+2 {
					r.tableTitles[n] = cells[j+1]
				}
				j = k
				break
			}
		}
	}
}

// na reports whether a cell says a point did not apply.
func na(cell string) bool {
	f := fold(cell)
	return f == "n a" || f == "na" || f == "not applicable"
}
