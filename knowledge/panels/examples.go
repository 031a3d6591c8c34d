package panels

import (
	"slices"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

// MaxExamples is how many panels' remarks Examples gives.
const MaxExamples = 3

// Examples gives what up to MaxExamples recent panels said about point n
// of standard std, at assessments closing phase (any phase when ""),
// newest first, one remark per report. Reports against another standard
// count when m, the standards' mapping, links their point to n (so a
// local government project sees what GOV.UK panels said); m may be nil.
// Remarks on the 26-point standard's points, which are not mapped, never
// count.
func (c *Copy) Examples(std string, n int, phase checklist.Phase, m *knowledge.Mapping) []Remark {
	var out []Remark
	for _, r := range c.Remarks {
		if len(out) == MaxExamples {
			break
		}
		if r.Standard == "" || (phase != "" && r.Stage.Phase() != phase) || !about(r, std, n, m) {
			continue
		}
		if slices.ContainsFunc(out, func(o Remark) bool { return o.URL == r.URL }) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// about reports whether a remark is on point n of std, or on a point of
// another standard the mapping links to it.
func about(r Remark, std string, n int, m *knowledge.Mapping) bool {
	if r.Standard == std {
		return r.Point == n
	}
	if m == nil {
		return false
	}
	return slices.ContainsFunc(m.Equivalents(std, n, r.Standard), func(x knowledge.Match) bool { return x.Point == r.Point })
}
