package bot

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

// mappingQuery asks which points of other standards match a point, or,
// with no point, how the points of one standard line up with another's.
type mappingQuery struct {
	from string
	// point is the point as typed: a number, or an official reference
	// ("2.1" in Wales); empty for a whole standard.
	point string
	to    []string // empty: every other standard
}

// standardAliases are everyday words for the built-in standards that a
// mapping question may use, besides the ids and the names
// Library.Standard takes (knowledge.Aliases: welsh, cymru, techcode...):
// words too loose to name a standard anywhere else ("local", "health").
var standardAliases = map[string]string{
	"central": "govuk", "2019": "govuk",
	"local": "localgov", "council": "localgov",
	"2015": "dss2015", "18-point": "dss2015",
	"health": "nhs", "tcop's": "tcop", "wales's": "wales",
}

// standardPhrases are the many-word names of the built-in standards,
// longest first so "nhs service standard" is read before "service
// standard" (and "welsh standards" before "welsh standard").
// parseMappingQuestion reads them all; namedStandard only the explicit
// ones, which in any question can only mean the standard: "local
// government", "service standard" (every standard is one) and "tech code"
// are names only where a question maps one standard to another.
var standardPhrases = []struct {
	phrase, id string
	explicit   bool
}{
	{"digital service standards for wales", "wales", true},
	{"digital service standard for wales", "wales", true},
	{"technology code of practice", "tcop", true},
	{"local government digital service standard", "localgov", true},
	{"gov.uk service standard", "govuk", true},
	{"govuk service standard", "govuk", true},
	{"nhs service standard", "nhs", true},
	{"nhs standard", "nhs", true},
	{"welsh standards", "wales", true},
	{"welsh standard", "wales", true},
	{"wales standards", "wales", true},
	{"code of practice", "tcop", true},
	{"local government", "localgov", false},
	{"service standard", "govuk", false},
	{"tech code", "tcop", false},
}

// explicitNames are the ids that, in a question, can only mean a
// standard: "what does tcop say about cloud hosting?". Bare "nhs" (NHS
// numbers, NHS login) and "gov.uk" (GOV.UK Notify) are not.
var explicitNames = map[string]bool{
	"govuk": true, "localgov": true, "dss2015": true, "tcop": true,
}

// namedStandard is the one standard a question names unmistakably, by its
// id or full name ("tcop", "the NHS service standard"): the question is
// answered from that standard rather than the conversation's. A question
// naming two, or none, gives false.
func namedStandard(question string, lib *knowledge.Library) (string, bool) {
	text := " " + strings.ToLower(question) + " "
	for _, p := range standardPhrases {
		if p.explicit {
			text = strings.ReplaceAll(text, " "+p.phrase, " "+p.id+"-named")
		}
	}
	var found []string
	for _, w := range strings.Fields(text) {
		w = strings.Trim(w, "?.,:;!()'\"’")
		id, named := strings.CutSuffix(w, "-named")
		if !named && !explicitNames[w] {
			continue
		}
		if _, ok := lib.Standard(id); ok && !slices.Contains(found, id) {
			found = append(found, id)
		}
	}
	if len(found) != 1 {
		return "", false
	}
	return found[0], true
}

// mappingVerb says a question asks for equivalents; such a question needs
// one standard named. likeVerb says it more loosely ("does wales have
// something like govuk 6"), so it needs two.
var (
	mappingVerb = regexp.MustCompile(`(?i)\b(match|matches|matching|equivalent|equivalents|correspond|corresponds|map|maps|mapping|same as|compare|compares|relate|relates|line up|lines up|counterpart)\b`)
	likeVerb    = regexp.MustCompile(`(?i)\b(like|similar|version of|overlap|overlaps)\b`)
)

// pointFiller are words that may sit between a standard's name and its
// point number: "govuk point 9", "point 9 of localgov".
var pointFiller = map[string]bool{"point": true, "points": true, "number": true, "no": true, "standard": true, "criterion": true, "of": true, "in": true, "the": true, "#": true}

// mention is a standard named at a word position.
type mention struct {
	id  string
	pos int
}

// parseMappingQuestion recognises "which govuk point matches localgov 9?":
// a mapping verb, a point and the standards named. The point belongs to
// the standard named next to it; when none is, to the conversation's
// standard (std) if the question names another, else to the nearest.
// Without a point, two standards named (the first against the second),
// or one beside the conversation's own, ask how the one lines up with the
// other.
func parseMappingQuestion(text string, lib *knowledge.Library, std string) (mappingQuery, bool) {
	strong := mappingVerb.MatchString(text)
	if !strong && !likeVerb.MatchString(text) {
		return mappingQuery{}, false
	}
	words := mappingWords(text)
	var stds []mention
	numPos := -1
	for i, w := range words {
		if id, ok := standardID(w, lib); ok {
			stds = append(stds, mention{id, i})
		} else if knowledge.LooksLikePoint(w) && numPos < 0 {
			numPos = i
		}
	}
	named := distinct(stds)
	if len(named) == 0 || !strong && len(named) < 2 {
		return mappingQuery{}, false
	}
	if numPos < 0 {
		if !onlyMappingWords(words, stds) {
			return mappingQuery{}, false
		}
		return wholeQuery(named, std, strong)
	}
	from, ok := owner(words, stds, numPos)
	if !ok && !strong {
		// "like" with a number no standard owns ("5 weeks") is some
		// other question.
		return mappingQuery{}, false
	}
	if !ok {
		from = nearest(stds, numPos)
		if std != "" && !slices.Contains(named, std) {
			from = std
		}
	}
	q := mappingQuery{from: from, point: words[numPos]}
	for _, id := range named {
		if id != from {
			q.to = append(q.to, id)
		}
	}
	return q, true
}

// wholeQuery is a mapping question without a point: "compare nhs and
// govuk", or "how do we map to govuk?" in a project's channel.
func wholeQuery(named []string, std string, strong bool) (mappingQuery, bool) {
	switch {
	case !strong || len(named) > 2:
		return mappingQuery{}, false
	case len(named) == 2:
		return mappingQuery{from: named[0], to: named[1:]}, true
	case std != "" && named[0] != std:
		return mappingQuery{from: std, to: named}, true
	}
	return mappingQuery{}, false
}

// wholeWords are the words a question comparing whole standards is made
// of besides their names: with any other word ("what's the tcop
// equivalent of a DPIA?") it is a question for search.
var wholeWords = setOfWords("how what what's which do does did our we my us this project project's points point the a with and to against onto into compare compared compares map maps mapping match matches matching line lines up between is are of standards standard side by versus vs show me equivalent equivalents correspond corresponds relate relates counterpart counterparts")

func setOfWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(s) {
		out[w] = true
	}
	return out
}

// onlyMappingWords reports whether every word is a standard's name or
// one of wholeWords.
func onlyMappingWords(words []string, stds []mention) bool {
	for i, w := range words {
		if !wholeWords[w] && !slices.ContainsFunc(stds, func(m mention) bool { return m.pos == i }) {
			return false
		}
	}
	return true
}

// mappingWords are a question's words in lower case, each standard's
// many-word name replaced by its id, edge punctuation trimmed.
func mappingWords(text string) []string {
	text = " " + strings.ToLower(text) + " "
	for _, p := range standardPhrases {
		text = strings.ReplaceAll(text, " "+p.phrase, " "+p.id)
	}
	f := strings.Fields(text)
	for i, w := range f {
		f[i] = strings.Trim(w, "?.,:;!()'\"’")
	}
	return f
}

// owner is the standard named next to the point at numPos: before it
// ("govuk 9", "govuk point 9") or after it ("point 9 of localgov").
func owner(words []string, stds []mention, numPos int) (string, bool) {
	at := func(i int) (string, bool) {
		for _, m := range stds {
			if m.pos == i {
				return m.id, true
			}
		}
		return "", false
	}
	for _, step := range []int{-1, 1} {
		for i := numPos + step; i >= 0 && i < len(words); i += step {
			if id, ok := at(i); ok {
				return id, true
			}
			if !pointFiller[words[i]] {
				break
			}
		}
	}
	return "", false
}

// nearest is the standard named nearest to a word position.
func nearest(stds []mention, pos int) string {
	id, best := "", 1<<30
	for _, m := range stds {
		if d := abs(m.pos - pos); d < best {
			id, best = m.id, d
		}
	}
	return id
}

// distinct are the ids of the standards named, in the order first named.
func distinct(stds []mention) []string {
	var out []string
	for _, m := range stds {
		if !slices.Contains(out, m.id) {
			out = append(out, m.id)
		}
	}
	return out
}

func standardID(word string, lib *knowledge.Library) (string, bool) {
	if s, ok := lib.Standard(word); ok {
		return s.ID, true
	}
	id, ok := standardAliases[word]
	if _, known := lib.Standard(id); !ok || !known {
		return "", false
	}
	return id, true
}

// cmdMap answers `map STANDARD N [TO]`, and `map TO` in a project's
// channel or `map FROM TO`: how one standard's points line up with
// another's.
func (b *Bot) cmdMap(ctx context.Context, req *request) ([]Reply, error) {
	f := strings.Fields(req.args)
	if len(f) < 1 || len(f) > 3 {
		return nil, usage("Try: map localgov 9 govuk (a standard, a point number, and optionally the standard to compare with), or in a project's channel: map govuk")
	}
	switch {
	case len(f) == 1:
		return b.mapProject(ctx, req, f[0])
	case len(f) == 2 && !knowledge.LooksLikePoint(f[1]):
		if _, ok := standardID(strings.ToLower(f[1]), b.Library); ok {
			return b.mapStandards(ctx, req, mappingQuery{from: f[0], to: f[1:]})
		}
		return nil, usage(fmt.Sprintf("%q is not a point number. Try: map localgov 9 govuk", f[1]))
	}
	q := mappingQuery{from: f[0], point: f[1]}
	if len(f) == 3 {
		q.to = []string{f[2]}
	}
	return b.mapReply(q)
}

// cmdCompare is `compare TO` in a project's channel, or `compare FROM
// TO`; anything else is a question ("compare govuk 9 with nhs").
func (b *Bot) cmdCompare(ctx context.Context, req *request) ([]Reply, error) {
	f := strings.Fields(strings.ToLower(req.args))
	var ids []string
	for _, w := range f {
		if w == "and" || w == "with" || w == "to" {
			continue
		}
		id, ok := standardID(w, b.Library)
		if !ok {
			return nil, errNotCommand
		}
		ids = append(ids, id)
	}
	switch len(ids) {
	case 1:
		return b.mapProject(ctx, req, ids[0])
	case 2:
		return b.mapStandards(ctx, req, mappingQuery{from: ids[0], to: ids[1:]})
	}
	return nil, errNotCommand
}

// mapAnswer answers a mapping question: one point's equivalents, or how
// a standard (the project's, in its channel) lines up with another.
func (b *Bot) mapAnswer(ctx context.Context, req *request, q mappingQuery) ([]Reply, error) {
	if q.point != "" {
		return b.mapReply(q)
	}
	return b.mapStandards(ctx, req, q)
}

// lookupAlias is Library.Lookup that also knows the everyday names.
func (b *Bot) lookupAlias(name string) (*knowledge.Standard, error) {
	if id, ok := standardID(strings.ToLower(name), b.Library); ok {
		name = id
	}
	s, err := b.Library.Lookup(name)
	if err != nil {
		return nil, usage(err.Error() + ". Try: standards")
	}
	return s, nil
}

// findPoint is a standard's point as typed: its number, or its official
// reference where the standard numbers within groups ("2.1").
func findPoint(s *knowledge.Standard, typed string) (knowledge.Point, error) {
	if !knowledge.LooksLikePoint(typed) {
		return knowledge.Point{}, usage(fmt.Sprintf("%q is not a point number. Try: map %s 1", typed, s.ID))
	}
	n, err := s.ParsePoint(typed)
	if err != nil {
		if m, aerr := strconv.Atoi(typed); aerr == nil && !s.HasRefs() {
			return knowledge.Point{}, usage(fmt.Sprintf("%s has points 1 to %d, not %d. Try: map %s 1", s.ID, len(s.Points), m, s.ID))
		}
		return knowledge.Point{}, usage(err.Error() + ". Try: map " + s.ID + " 1")
	}
	p, _ := s.Point(n)
	return p, nil
}

// targets are the standards a mapping answer compares with: those asked,
// else every other built-in one.
func (b *Bot) targets(from *knowledge.Standard, asked []string) ([]*knowledge.Standard, error) {
	var out []*knowledge.Standard
	for _, id := range asked {
		s, err := b.lookupAlias(id)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if len(asked) == 0 {
		for _, s := range b.Library.Standards() {
			if s.ID != from.ID && s.Builtin {
				out = append(out, s)
			}
		}
	}
	return out, nil
}

// mapReply lists the equivalents of a point in the other standards, and
// for a standard with none, why (when the mapping says).
func (b *Bot) mapReply(q mappingQuery) ([]Reply, error) {
	from, err := b.lookupAlias(q.from)
	if err != nil {
		return nil, err
	}
	p, err := findPoint(from, q.point)
	if err != nil {
		return nil, err
	}
	targets, err := b.targets(from, q.to)
	if err != nil {
		return nil, err
	}
	m := b.Library.Mapping()
	r := Reply{Type: ReplyInfo, Title: "Matching points for " + from.Label(p)}
	var nones []noneGroup
	matched := false
	for _, to := range targets {
		if to.ID == from.ID {
			continue
		}
		matches := m.Equivalents(from.ID, p.Number, to.ID)
		if len(matches) > 0 {
			matched = true
			r.Blocks = append(r.Blocks, Block{Type: List, Items: matchItems(to, matches)})
			continue
		}
		nones = addNone(nones, m.NoMatch(from.ID, p.Number, to.ID), to)
	}
	for _, n := range nones {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: n.text(len(targets) > 1)})
	}
	if matched {
		// Only after matches: below a lone "None: ..." it would read as
		// hedging the answer.
		r.Blocks = append(r.Blocks, Block{Type: Context, Text: "Points overlap rather than match one to one; read each with `point N STANDARD`."})
	}
	return r.one(), nil
}

// noneGroup is the standards a point has no equivalent in for one reason
// ("" when the mapping gives none).
type noneGroup struct {
	reason string
	names  []string
}

func addNone(gs []noneGroup, reason string, to *knowledge.Standard) []noneGroup {
	for i := range gs {
		if gs[i].reason == reason {
			gs[i].names = append(gs[i].names, to.Name)
			return gs
		}
	}
	return append(gs, noneGroup{reason: reason, names: []string{to.Name}})
}

// text says the standards have no equivalent point, with the mapping's
// reason when it gives one: "None: clinical safety is specific to health
// and care." Among several standards asked about, it names them.
func (g noneGroup) text(several bool) string {
	names := "the " + joinOr(g.names)
	head := "None"
	if several {
		head = "None in " + names
	}
	if g.reason == "" {
		if len(g.names) > 1 {
			return head + ": they have no point that covers the same ground."
		}
		return fmt.Sprintf("%s: %s has no point that covers the same ground.", head, names)
	}
	return head + ": " + g.reason + "."
}

// joinOr writes a list as people do: "a", "a or b", "a, b or c".
func joinOr(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// matchItems are a point's equivalents in one standard, each with the
// topics that link them; a link to every point is one line.
func matchItems(to *knowledge.Standard, matches []knowledge.Match) []string {
	if len(matches) == len(to.Points) && len(matches) > 1 {
		return []string{fmt.Sprintf("Every point of the %s (%s)", to.Name, strings.Join(commonTopics(matches), "; "))}
	}
	var items []string
	for _, mt := range matches {
		tp, _ := to.Point(mt.Point)
		items = append(items, fmt.Sprintf("%s (%s)", to.Label(tp), strings.Join(mt.Topics, "; ")))
	}
	return items
}

// commonTopics are the topics every match shares.
func commonTopics(matches []knowledge.Match) []string {
	var out []string
	for _, t := range matches[0].Topics {
		if !slices.ContainsFunc(matches, func(m knowledge.Match) bool { return !slices.Contains(m.Topics, t) }) {
			out = append(out, t)
		}
	}
	return out
}

// mapProject lines the points of the channel's project up with another
// standard's: what that standard's assessment would also look at.
func (b *Bot) mapProject(ctx context.Context, req *request, to string) ([]Reply, error) {
	if b.Store == nil {
		return nil, usage(fmt.Sprintf("Try: map STANDARD %s (say which standard's points to line up), or map localgov 9 govuk", to))
	}
	p, err := b.Store.ProjectByChannel(ctx, binding(req.msg))
	if checklist.ErrorCode(err) == checklist.ENOTFOUND {
		return nil, usage(fmt.Sprintf("There is no project in this channel to compare. Try: map nhs %s (two standards), or map localgov 9 govuk", to))
	}
	if err != nil {
		return nil, err
	}
	return b.mapStandards(ctx, req, mappingQuery{from: p.Standard, to: []string{to}})
}

// mapStandards lists each point of one standard with the matching points
// of another, or "none" and why. In a project's channel on the first
// standard, each point shows the project's status too.
func (b *Bot) mapStandards(ctx context.Context, req *request, q mappingQuery) ([]Reply, error) {
	from, err := b.lookupAlias(q.from)
	if err != nil {
		return nil, err
	}
	to, err := b.lookupAlias(q.to[0])
	if err != nil {
		return nil, err
	}
	if to.ID == from.ID {
		return nil, usage(fmt.Sprintf("That is the same standard. Try: map %s with another standard's id (see standards)", to.ID))
	}
	title := fmt.Sprintf("%s against the %s", from.Name, to.Name)
	statuses := map[int]checklist.Status{}
	if proj := b.projectOn(ctx, req, from.ID); proj != nil {
		title = fmt.Sprintf("%s (%s) against the %s", proj.Name, from.Name, to.Name)
		if pr, err := b.progress(ctx, proj); err == nil {
			for _, s := range pr.Points {
				statuses[s.Point] = s.Status
			}
		}
	}
	m := b.Library.Mapping()
	var items []string
	for _, p := range from.Points {
		line := p.Shown() + " " + p.Title
		if s, ok := statuses[p.Number]; ok {
			line += " (" + string(s) + ")"
		}
		items = append(items, line+" → "+matchesBrief(m, from, p, to))
	}
	r := Reply{Type: ReplyInfo, Title: title, Blocks: []Block{
		{Type: Paragraph, Text: fmt.Sprintf("Each %s point, then the %s points that cover the same ground: what an assessment against it would also look at.", shortName(from), shortName(to))},
		{Type: List, Items: items},
		{Type: Context, Text: fmt.Sprintf("Why each matches: map %s N %s. Read a point: point N %s.", from.ID, to.ID, to.ID)},
	}}
	return r.one(), nil
}

// shortName is a standard's short name, else its name.
func shortName(s *knowledge.Standard) string {
	if s.ShortName != "" {
		return s.ShortName
	}
	return s.Name
}

// projectOn is the channel's project when it is on standard std; nil
// otherwise, or when there is none.
func (b *Bot) projectOn(ctx context.Context, req *request, std string) *checklist.Project {
	if b.Store == nil {
		return nil
	}
	p, err := b.Store.ProjectByChannel(ctx, binding(req.msg))
	if err != nil || p.Standard != std {
		return nil
	}
	return p
}

// matchesBrief names a point's equivalents in one standard on one line:
// titles for one or two, numbers for more, "every point" for all, or
// "none" and why.
func matchesBrief(m *knowledge.Mapping, from *knowledge.Standard, p knowledge.Point, to *knowledge.Standard) string {
	matches := m.Equivalents(from.ID, p.Number, to.ID)
	switch {
	case len(matches) == 0:
		if reason := m.NoMatch(from.ID, p.Number, to.ID); reason != "" {
			return "none: " + reason
		}
		return "none"
	case len(matches) == len(to.Points) && len(matches) > 1:
		return "every point"
	}
	var parts []string
	for _, mt := range matches {
		tp, _ := to.Point(mt.Point)
		if len(matches) <= 2 {
			parts = append(parts, tp.Shown()+" "+tp.Title)
		} else {
			parts = append(parts, tp.Shown())
		}
	}
	sep := ", "
	if len(matches) <= 2 {
		sep = "; "
	}
	return strings.Join(parts, sep)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
