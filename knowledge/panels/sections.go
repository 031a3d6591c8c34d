package panels

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/standardbot/standardbot/knowledge"
)

// Collection leads every citation of a report.
const Collection = "GOV.UK service assessment reports"

// SourceName is the reports' name in a channel's sources setting.
const SourceName = "reports"

// section is one point of one report as knowledge: the heading says which
// point, and the stage, date and result, so a citation tells the reader
// whose panel said it and when; the text is the panel's remarks, each on
// a line, under the report's own headings.
func section(r Remark) knowledge.Section {
	var text []string
	if len(r.WellDone) > 0 {
		text = append(text, "What the team has done well:\n"+strings.Join(r.WellDone, "\n"))
	}
	if len(r.Explore) > 0 {
		text = append(text, "What the team needs to explore:\n"+strings.Join(r.Explore, "\n"))
	}
	var supports []knowledge.PointRef
	if r.Standard != "" {
		supports = []knowledge.PointRef{{Standard: r.Standard, Point: r.Point}}
	}
	return knowledge.Section{
		ID:         r.URL + "#point-" + strconv.Itoa(r.Point),
		Source:     r.URL,
		Title:      r.Report,
		Heading:    heading(r),
		URL:        r.URL,
		Text:       strings.Join(text, "\n\n"),
		Collection: Collection,
		SourceName: SourceName,
		Supports:   supports,
		Keywords:   keywords(r),
	}
}

// heading names the point and the assessment: "Point 5, Make sure
// everyone can use the service (beta, 11 February 2025, rated amber)".
func heading(r Remark) string {
	h := "Point " + strconv.Itoa(r.Point)
	if r.Standard == "" && r.StandardPoints == 26 {
		h += " of the 26-point standard, not mapped to today's points"
	}
	if r.Title != "" {
		h += ", " + r.Title
	}
	var about []string
	if r.Stage != "" {
		about = append(about, r.Stage.Label())
	}
	if !r.Date.IsZero() {
		about = append(about, r.Date.In(time.UTC).Format("2 January 2006"))
	}
	if r.Rating != "" {
		about = append(about, rated(string(r.Rating)))
	}
	if len(about) > 0 {
		h += " (" + strings.Join(about, ", ") + ")"
	}
	return h
}

// rated says a point's rating as a panel would: "rated amber", "met",
// "not met".
func rated(r string) string {
	switch r {
	case "met":
		return "met"
	case "not-met":
		return "not met"
	}
	return "rated " + r
}

// keywords are the words people use when asking what panels look for,
// and the stage's phase, so "at beta" finds beta panels: searched, never
// quoted.
func keywords(r Remark) string {
	k := "assessment panel, panel, assessors, service assessment, assessment report"
	if r.Stage != "" {
		k += fmt.Sprintf(", %s, %s assessment", r.Stage.Phase(), r.Stage.Phase())
	}
	return k
}
