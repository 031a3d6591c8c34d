package checklist

import "testing"

// The date labels under the chart never run into each other: today's day
// labelled in the middle and the assessment's day labelled at the plot's
// end are further apart than their positions suggest, since the end label
// reaches back its whole width.
func TestBurnUpTicksDoNotOverlap(t *testing.T) {
	start := Date{Year: 2026, Month: 6, Day: 30}
	for _, gap := range []int{0, 10, 30, 54, 70, 120} {
		end := Date{Year: 2026, Month: 11, Day: 27}
		b := &BurnUp{start: start, end: end, planned: end.AddDays(gap)}
		ticks := b.xTicks()
		if len(ticks) < 2 {
			t.Errorf("gap %d: %d labels, want at least the first and last days", gap, len(ticks))
		}
		for i := range ticks {
			for j := i + 1; j < len(ticks); j++ {
				lo1, hi1 := tickSpan(ticks[i].At, ticks[i].Anchor)
				lo2, hi2 := tickSpan(ticks[j].At, ticks[j].Anchor)
				if lo1 < hi2 && lo2 < hi1 {
					t.Errorf("gap %d: labels %q and %q overlap (%.0f-%.0f and %.0f-%.0f)", gap, ticks[i].Label, ticks[j].Label, lo1, hi1, lo2, hi2)
				}
			}
			if lo, hi := tickSpan(ticks[i].At, ticks[i].Anchor); lo < plotLeft-1 || hi > plotRight+1 {
				t.Errorf("gap %d: label %q runs outside the plot (%.0f-%.0f)", gap, ticks[i].Label, lo, hi)
			}
		}
	}
}
