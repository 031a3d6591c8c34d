package knowledge

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// citeRatio is how close to the best hit's score another hit must be to be
// shown beside it. Showing the second and third best points when they
// score near the first puts the right point in front of the user far more
// often than the first alone (docs/BENCHMARKS.md), at the cost of about
// one more quote an answer.
const citeRatio = 0.4

// cite chooses the sources an answer quotes: the best hit, then hits
// scoring at least citeRatio of it whose passage holds enough of the
// question, up to MaxSources. When no source shown is a point of the
// question's standard, guidance that supports one brings that point in
// beside it, so an answer from the Service Manual still names the point.
//
// nm says where in hits the point the question names is: it is cited
// whatever its words cover, and first unless guidance ranked above it.
func (a *Answerer) cite(ix *Index, hits []Hit, asked *asked, q Question, nm named) []Source {
	minCov := a.MinCoverage
	if minCov == 0 {
		minCov = DefaultMinCoverage
	}
	maxN := a.MaxSources
	if maxN == 0 {
		maxN = 3
	}
	var cands []cited
	var top float64
	for i, h := range hits {
		if len(cands) == maxN {
			break
		}
		if len(cands) > 0 && h.Score < top*citeRatio {
			break
		}
		first := i == nm.at && (nm.only || nm.at == 0)
		if i != nm.at && ix.docCoverage(asked.terms, h.Doc) < minCov {
			continue
		}
		if len(cands) == 0 {
			top = h.Score
		}
		src, quality := ix.source(h, asked, q.Phase)
		rank := quality + docRankWeight*h.Score/top
		if first {
			rank = math.Inf(1)
		}
		cands = append(cands, cited{src: src, rank: rank})
	}
	// The source whose quote answers best goes first, among those the
	// search ranks about as well: what the user reads first should be the
	// sentence that answers.
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].rank > cands[j].rank })
	out := make([]Source, len(cands))
	for i, c := range cands {
		out[i] = c.src
	}
	return ix.withApplied(ix.withSupportedPoint(out, asked, q, maxN))
}

// withApplied adds to each point source the points its text builds on
// (Point.BuildsOn): an NHS point cited also cites the GOV.UK point that
// applies with it.
func (ix *Index) withApplied(out []Source) []Source {
	for i, s := range out {
		if s.Standard == "" {
			continue
		}
		if std, ok := ix.lib.Standard(s.Standard); ok {
			p, _ := std.Point(s.Point)
			out[i].Applies = append(out[i].Applies, ix.lib.Applies(p)...)
		}
	}
	return out
}

// cited is a source with how well it answers: its quote's score and the
// search's rank of its document.
type cited struct {
	src  Source
	rank float64
}

// docRankWeight is how much the search's score of a document counts,
// against its best passage's, in ordering the sources shown.
const docRankWeight = 2.0

// withSupportedPoint puts, right after the first guidance source that
// supports points, the point of the question's standard it supports,
// unless that point is shown already: an answer from the Service Manual
// names the point too. The weakest source makes room for it.
func (ix *Index) withSupportedPoint(out []Source, asked *asked, q Question, maxN int) []Source {
	if maxN < 2 {
		return out
	}
	std := q.Standard
	if std == "" {
		std = "govuk"
	}
	for i, s := range out {
		if len(s.Supports) == 0 {
			continue
		}
		var want []int
		for _, ref := range s.Supports {
			want = append(want, ix.equivalents(ref, std)...)
		}
		for _, o := range out {
			if o.Standard == std && slices.Contains(want, o.Point) {
				return out
			}
		}
		for _, n := range want {
			d, ok := ix.docs[pointDocID(std, n)]
			if !ok {
				continue
			}
			src, _ := ix.source(Hit{Doc: d}, asked, q.Phase)
			out = slices.Insert(out, i+1, src)
			if len(out) > maxN {
				// Drop the weakest other than the guide and its point.
				drop := len(out) - 1
				if drop <= i+1 {
					drop = i - 1
				}
				out = slices.Delete(out, drop, drop+1)
			}
			return out
		}
		return out
	}
	return out
}

// equivalents are the points of standard std that match a point: itself
// when it is of std, else those the mapping links to it by subject (a
// broad group would bring TCoP 13 in beside any GOV.UK guidance).
func (ix *Index) equivalents(ref PointRef, std string) []int {
	if ref.Standard == std {
		return []int{ref.Point}
	}
	var out []int
	for _, m := range ix.lib.Mapping().SpecificEquivalents(ref.Standard, ref.Point, std) {
		out = append(out, m.Point)
	}
	return out
}

// source cites a hit by its best passage, and says how much of the
// question that passage holds.
func (ix *Index) source(h Hit, asked *asked, phase Phase) (Source, float64) {
	d := h.Doc
	snippet, cov := ix.bestPassage(d, asked, phase)
	src := Source{
		Title:   d.Title,
		Heading: d.Heading,
		URL:     d.URL,
		Snippet: snippet,
		Score:   math.Round(h.Score*1000) / 1000,
	}
	if d.Type == PointDoc {
		src.Standard, src.Point = d.Standard, d.Point
		if s, ok := ix.lib.Standard(d.Standard); ok {
			p, _ := s.Point(d.Point)
			src.Label, src.Ref = s.Label(p), p.Ref
		}
		return src, cov
	}
	src.Supports = d.Supports
	src.Origin = d.Origin
	src.Label = ix.guidanceLabel(d)
	return src, cov
}

// guidanceLabel cites a guidance section: its collection, title and
// heading, and the points it helps meet: "GOV.UK Service Manual:
// Vulnerability and penetration testing: When to test (helps meet GOV.UK
// Service Standard point 9)".
func (ix *Index) guidanceLabel(d *Doc) string {
	label := d.Title
	if d.Collection != "" {
		label = d.Collection + ": " + label
	}
	if d.Heading != "" && d.Heading != d.Title {
		label += ": " + d.Heading
	}
	if len(d.Supports) == 0 {
		return label
	}
	std, _ := ix.lib.Standard(d.Supports[0].Standard)
	var nums []string
	for _, r := range d.Supports {
		if r.Standard == d.Supports[0].Standard {
			nums = append(nums, strconv.Itoa(r.Point))
		}
	}
	name := d.Supports[0].Standard
	if std != nil {
		name = std.ShortName
	}
	word := "point "
	if len(nums) > 1 {
		word = "points "
	}
	return label + " (helps meet " + name + " " + word + joinAnd(nums) + ")"
}

// joinAnd writes a list as people do: "5", "5 and 9", "1, 5 and 9".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
