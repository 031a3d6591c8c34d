package knowledge

import (
	"math"
	"slices"
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
func (a *Answerer) cite(ix *Index, hits []Hit, asked *asked, q Question) []Source {
	minCov := a.MinCoverage
	if minCov == 0 {
		minCov = DefaultMinCoverage
	}
	maxN := a.MaxSources
	if maxN == 0 {
		maxN = 3
	}
	var out []Source
	var top float64
	for _, h := range hits {
		if len(out) == maxN {
			break
		}
		if len(out) > 0 && h.Score < top*citeRatio {
			break
		}
		if ix.docCoverage(asked.terms, h.Doc) < minCov {
			continue
		}
		src, _ := ix.source(h, asked, q.Phase)
		if len(out) == 0 {
			top = h.Score
		}
		out = append(out, src)
	}
	return ix.withSupportedPoint(out, asked, q, maxN)
}

// withSupportedPoint adds, after the first source, the point the shown
// guidance supports when no point of the standard is shown yet.
func (ix *Index) withSupportedPoint(out []Source, asked *asked, q Question, maxN int) []Source {
	std := q.Standard
	if std == "" {
		std = "govuk"
	}
	for _, s := range out {
		if s.Point > 0 && s.Standard == std {
			return out
		}
	}
	for _, s := range out {
		for _, ref := range s.Supports {
			for _, n := range ix.equivalents(ref, std) {
				d, ok := ix.docs[pointDocID(std, n)]
				if !ok {
					continue
				}
				src, _ := ix.source(Hit{Doc: d}, asked, q.Phase)
				if len(out) == maxN {
					out = out[:maxN-1]
				}
				return slices.Insert(out, min(1, len(out)), src)
			}
		}
	}
	return out
}

// equivalents are the points of standard std that match a point: itself
// when it is of std, else those the mapping links to it.
func (ix *Index) equivalents(ref PointRef, std string) []int {
	if ref.Standard == std {
		return []int{ref.Point}
	}
	var out []int
	for _, m := range ix.lib.Mapping().Equivalents(ref.Standard, ref.Point, std) {
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
	if d.Kind == KindPoint {
		src.Standard, src.Point = d.Standard, d.Point
		if s, ok := ix.lib.Standard(d.Standard); ok {
			p, _ := s.Point(d.Point)
			src.Label = s.Label(p)
		}
		return src, cov
	}
	src.Label = d.Title
	src.Supports = d.Supports
	src.Origin = d.Origin
	if d.Heading != "" && d.Heading != d.Title {
		src.Label += ": " + d.Heading
	}
	return src, cov
}
