package bot

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/standardbot/standardbot/knowledge"
)

// mappingQuery asks which points of other standards match a point.
type mappingQuery struct {
	from  string
	point int
	to    []string // empty: every other standard
}

// standardAliases are the everyday names of the built-in standards.
var standardAliases = map[string]string{
	"gov.uk": "govuk", "central": "govuk", "2019": "govuk",
	"local": "localgov", "council": "localgov", "lgdss": "localgov",
	"dss": "dss2015", "2015": "dss2015", "18-point": "dss2015",
}

var mappingVerb = regexp.MustCompile(`(?i)\b(match|matches|matching|equivalent|equivalents|correspond|corresponds|map|maps|mapping|same as|compare|compares|relate|relates|line up|lines up)\b`)

// parseMappingQuestion recognises "which govuk point matches localgov 9?":
// a mapping verb, a point number and the standards named. The number belongs
// to the standard named nearest to it.
func parseMappingQuestion(text string, lib *knowledge.Library, _ string) (mappingQuery, bool) {
	if !mappingVerb.MatchString(text) {
		return mappingQuery{}, false
	}
	type mention struct {
		id  string
		pos int
	}
	var stds []mention
	numPos, num := -1, 0
	for i, w := range strings.Fields(strings.ToLower(text)) {
		w = strings.Trim(w, "?.,:;!()'\"")
		if id, ok := standardID(w, lib); ok {
			stds = append(stds, mention{id, i})
			continue
		}
		if n, err := strconv.Atoi(w); err == nil && numPos < 0 {
			numPos, num = i, n
		}
	}
	if numPos < 0 || len(stds) == 0 {
		return mappingQuery{}, false
	}
	from, best := "", 1<<30
	for _, m := range stds {
		if d := abs(m.pos - numPos); d < best {
			from, best = m.id, d
		}
	}
	q := mappingQuery{from: from, point: num}
	for _, m := range stds {
		if m.id != from && !slices.Contains(q.to, m.id) {
			q.to = append(q.to, m.id)
		}
	}
	return q, true
}

func standardID(word string, lib *knowledge.Library) (string, bool) {
	if s, ok := lib.Standard(word); ok {
		return s.ID, true
	}
	id, ok := standardAliases[word]
	return id, ok
}

func (b *Bot) cmdMap(_ context.Context, req *request) ([]Reply, error) {
	f := strings.Fields(req.args)
	if len(f) < 2 || len(f) > 3 {
		return nil, usage("Try: map localgov 9 govuk (a standard, a point number, and optionally the standard to compare with)")
	}
	n, err := strconv.Atoi(f[1])
	if err != nil {
		return nil, usage(fmt.Sprintf("%q is not a point number. Try: map localgov 9 govuk", f[1]))
	}
	q := mappingQuery{from: f[0], point: n}
	if len(f) == 3 {
		q.to = []string{f[2]}
	}
	return b.mapReply(q)
}

// mapReply lists the equivalents of a point in the other standards.
func (b *Bot) mapReply(q mappingQuery) ([]Reply, error) {
	from, err := b.Library.Lookup(q.from)
	if err != nil {
		return nil, usage(err.Error() + ". Try: standards")
	}
	p, ok := from.Point(q.point)
	if !ok {
		return nil, usage(fmt.Sprintf("%s has points 1 to %d, not %d. Try: map %s 1", from.ID, len(from.Points), q.point, from.ID))
	}
	targets := q.to
	if len(targets) == 0 {
		for _, s := range b.Library.Standards() {
			if s.ID != from.ID && s.Builtin {
				targets = append(targets, s.ID)
			}
		}
	}
	r := Reply{Type: ReplyInfo, Title: "Matching points for " + from.Label(p)}
	for _, id := range targets {
		to, err := b.Library.Lookup(id)
		if err != nil {
			return nil, usage(err.Error() + ". Try: standards")
		}
		matches := b.Library.Mapping().Equivalents(from.ID, p.Number, to.ID)
		if len(matches) == 0 {
			r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: fmt.Sprintf("%s has no point that matches it.", to.Name)})
			continue
		}
		var items []string
		for _, m := range matches {
			tp, _ := to.Point(m.Point)
			items = append(items, fmt.Sprintf("%s (%s)", to.Label(tp), strings.Join(m.Topics, "; ")))
		}
		r.Blocks = append(r.Blocks, Block{Type: List, Items: items})
	}
	r.Blocks = append(r.Blocks, Block{Type: Context, Text: "Points overlap rather than match one to one; read each with `point N STANDARD`."})
	return r.one(), nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
