package checklist

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"
)

//go:embed burnup.html.tmpl
var burnUpHTML string

var burnUpTemplate = template.Must(template.New("burnup").Parse(burnUpHTML))

// The chart's frame, in the SVG's own units: it scales to the width it
// is given, down to a phone's.
const (
	chartW, chartH           = 480, 312
	plotLeft, plotRight      = 44.0, 468.0
	plotTop, plotBottom      = 56.0, 260.0
	markerLabelY             = 48.0
	xLabelY, xTitleY         = 278, 304
	yLabelX, yTitleX         = 36, 12
	minTickGap               = 90.0
	tickLabelW, tickLabelGap = 82.0, 6.0
	colourPast, colourPlans  = "#505a5f", "#1d70b8"
)

// chartView is what the burn-up's template draws: every coordinate
// worked out, every text written.
type chartView struct {
	W, H                        int
	Left, Right, Top, Bottom    float64
	XLabelY, XTitleY, YLabelX   int
	YTitleX, YTitleY, XTitleX   float64
	Title, Desc, Caption, Every string
	YTicks                      []chartTick
	XTicks                      []chartTick
	MetLine, TopLine, ScopeLine string
	MetArea, PartlyArea         string
	Today                       *chartToday
	Markers                     []chartMarker
	Rows                        []chartRow
}

type chartTick struct {
	At, LabelAt float64
	Label       string
	Anchor      string
}

type chartToday struct{ X, Met, Top float64 }

type chartMarker struct {
	X, LabelX, LabelY float64
	Label, Anchor     string
	Colour            string
}

type chartRow struct {
	Date                    string
	Met, Partly, Applicable int
}

// HTML is the burn-up as a figure: an inline SVG chart (role img, with a
// title and a description in words), a caption, and the numbers in a
// table inside a details element, for screen readers and anyone who wants
// them. It needs no stylesheet and no script; every text is escaped.
func (b *BurnUp) HTML() template.HTML {
	if b == nil || len(b.Rows) == 0 {
		return ""
	}
	var out bytes.Buffer
	if err := burnUpTemplate.Execute(&out, b.view()); err != nil {
		// The template and its data are the package's own: a failure is
		// a bug, shown in place of the chart rather than hidden.
		return template.HTML(template.HTMLEscapeString("The progress chart could not be drawn: " + err.Error()))
	}
	return template.HTML(out.String())
}

// view lays the chart out.
func (b *BurnUp) view() chartView {
	v := chartView{W: chartW, H: chartH, Left: plotLeft, Right: plotRight, Top: plotTop, Bottom: plotBottom,
		XLabelY: xLabelY, XTitleY: xTitleY, YLabelX: yLabelX, YTitleX: yTitleX, YTitleY: (plotTop + plotBottom) / 2,
		XTitleX: (plotLeft + plotRight) / 2, Title: "Progress over time: points met and partly met", Desc: b.summary()}
	v.Every = "each day"
	if b.StepDays == 7 {
		v.Every = "each week"
	}
	v.Caption = fmt.Sprintf("Points met and partly met at the end of %s since the project began on %s", v.Every, govukDate(b.start))
	if b.StepDays == 7 {
		v.Caption += fmt.Sprintf(" (a point a week: the project is more than %d days old)", MaxDailyRows)
	}
	v.Caption += ". Dashed upright lines mark assessments. The numbers are in the table below."
	v.YTicks = b.yTicks()
	b.drawSeries(&v)
	v.XTicks, v.Markers = b.xTicks(), b.markers()
	for _, r := range b.Rows {
		v.Rows = append(v.Rows, chartRow{Date: govukDate(r.day), Met: r.Met, Partly: r.Partly, Applicable: r.Applicable})
	}
	return v
}

// lastDay is the chart's right edge: the report's day, or the planned
// assessment when it is later, up to a year ahead.
func (b *BurnUp) lastDay() Date {
	if !b.planned.IsZero() && b.planned.DaysFrom(b.end) > 0 && b.planned.DaysFrom(b.end) <= 366 {
		return b.planned
	}
	return b.end
}

func (b *BurnUp) x(d Date) float64 {
	span := max(1, b.lastDay().DaysFrom(b.start))
	return plotLeft + float64(d.DaysFrom(b.start))*(plotRight-plotLeft)/float64(span)
}

func (b *BurnUp) y(n int) float64 {
	return plotBottom - float64(n)*(plotBottom-plotTop)/float64(max(1, b.Points))
}

// drawSeries draws the three lines and the two areas under them.
func (b *BurnUp) drawSeries(v *chartView) {
	var met, top, scope, back []string
	for _, r := range b.Rows {
		x := b.x(r.day)
		met = append(met, pt(x, b.y(r.Met)))
		top = append(top, pt(x, b.y(r.Met+r.Partly)))
		scope = append(scope, pt(x, b.y(r.Applicable)))
	}
	for i := len(met) - 1; i >= 0; i-- {
		back = append(back, met[i])
	}
	first, last := b.x(b.Rows[0].day), b.x(b.Rows[len(b.Rows)-1].day)
	v.MetLine, v.TopLine, v.ScopeLine = strings.Join(met, " "), strings.Join(top, " "), strings.Join(scope, " ")
	v.MetArea = pt(first, plotBottom) + " " + v.MetLine + " " + pt(last, plotBottom)
	v.PartlyArea = v.TopLine + " " + strings.Join(back, " ")
	end := b.Rows[len(b.Rows)-1]
	v.Today = &chartToday{X: last, Met: b.y(end.Met), Top: b.y(end.Met + end.Partly)}
}

func pt(x, y float64) string { return fmt.Sprintf("%.1f,%.1f", x, y) }

// yTicks are at most eight, on round numbers of points.
func (b *BurnUp) yTicks() []chartTick {
	step := max(1, (b.Points+6)/7)
	var ticks []chartTick
	for n := 0; n <= b.Points; n += step {
		y := b.y(n)
		ticks = append(ticks, chartTick{At: y, LabelAt: y + 5, Label: fmt.Sprint(n)})
	}
	return ticks
}

// xTicks label the first day, the report's day and the chart's last day,
// leaving out any whose text would run into one already labelled: a label
// anchored at the plot's end reaches back its whole width, so the gap
// between tick positions alone is not enough.
func (b *BurnUp) xTicks() []chartTick {
	var ticks []chartTick
	var spans [][2]float64
	for _, d := range []Date{b.start, b.lastDay(), b.end} {
		x := b.x(d)
		anchor := "middle"
		switch {
		case x < plotLeft+50:
			anchor = "start"
		case x > plotRight-50:
			anchor = "end"
		}
		lo, hi := tickSpan(x, anchor)
		crowded := false
		for _, s := range spans {
			crowded = crowded || (lo < s[1]+tickLabelGap && s[0] < hi+tickLabelGap)
		}
		if crowded {
			continue
		}
		spans = append(spans, [2]float64{lo, hi})
		ticks = append(ticks, chartTick{At: x, Label: shortDate(d), Anchor: anchor})
	}
	return ticks
}

// tickSpan is the stretch of the x axis a date label covers, given its
// anchor: "27 Nov 2026" is about 80 units wide in Arial at the chart's
// font size, so tickLabelW with a little to spare.
func tickSpan(x float64, anchor string) (lo, hi float64) {
	switch anchor {
	case "start":
		return x, x + tickLabelW
	case "end":
		return x - tickLabelW, x
	}
	return x - tickLabelW/2, x + tickLabelW/2
}

// markers are the past assessments and the planned one, when on the
// chart, each labelled above the plot unless too close to the one before
// (the description names them all).
func (b *BurnUp) markers() []chartMarker {
	var out []chartMarker
	labelled := -minTickGap
	add := func(d Date, label, colour string) {
		if d.DaysFrom(b.start) < 0 || d.DaysFrom(b.lastDay()) > 0 {
			return
		}
		m := chartMarker{X: b.x(d), LabelX: b.x(d), LabelY: markerLabelY, Anchor: "middle", Colour: colour}
		switch {
		case m.X > plotRight-40:
			m.Anchor = "end"
			m.LabelX += 4
		case m.X < plotLeft+40:
			m.Anchor = "start"
			m.LabelX -= 4
		}
		if m.X-labelled >= minTickGap {
			m.Label, labelled = label, m.X
		}
		out = append(out, m)
	}
	for _, a := range b.Past {
		add(a.day, "Assessed", colourPast)
	}
	if !b.planned.IsZero() && b.planned.DaysFrom(b.end) > 0 {
		add(b.planned, "Assessment", colourPlans)
	}
	return out
}

// summary says in words what the chart shows: where the project is, where
// it began, its best day when that was better than now, and its
// assessments.
func (b *BurnUp) summary() string {
	first, last := b.Rows[0], b.Rows[len(b.Rows)-1]
	var s strings.Builder
	fmt.Fprintf(&s, "On %s, %d of the %d points that apply were met and %d partly met", govukDate(b.end), last.Met, last.Applicable, last.Partly)
	if len(b.Rows) > 1 {
		fmt.Fprintf(&s, "; on %s, when the project began, %d were met and %d partly met", govukDate(b.start), first.Met, first.Partly)
	}
	s.WriteString(".")
	best := last
	for _, r := range b.Rows {
		if r.Met > best.Met {
			best = r
		}
	}
	if best.Met > last.Met {
		fmt.Fprintf(&s, " The most met was %d, on %s.", best.Met, govukDate(best.day))
	}
	var past []string
	for _, a := range b.Past {
		p := govukDate(a.day)
		if a.Label != "" {
			p += " (" + a.Label + ")"
		}
		past = append(past, p)
	}
	if len(past) > 0 {
		fmt.Fprintf(&s, " Assessed on %s.", joinAnd(past))
	}
	if !b.planned.IsZero() && b.planned.DaysFrom(b.end) > 0 {
		fmt.Fprintf(&s, " The next assessment is on %s.", govukDate(b.planned))
	}
	return s.String()
}

// joinAnd joins a list as a sentence does: "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
