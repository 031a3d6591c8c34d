package checklist_test

import (
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// FuzzReport writes reports whose every text is fuzzed, built through
// NewReport and built by hand (so the writers cannot rely on NewReport
// having cleaned them), and holds each format to checkReport: CSV parses
// and starts no formula, JSON parses, HTML parses and holds nothing
// executable, Markdown holds no HTML and links only to web addresses, and
// no format carries a control character.
func FuzzReport(f *testing.F) {
	for _, p := range payloads {
		f.Add(p, p, p, "alice", "Understand users and their needs", "https://www.gov.uk/service-manual/service-standard/point-1", uint8(0))
	}
	f.Add("Apply for a blue badge", "12 interviews & a survey", "https://example.gov.uk/research", "bob", "Title", "", uint8(3))
	f.Fuzz(func(t *testing.T, name, note, evidence, by, title, url string, status uint8) {
		at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
		st := checklist.Statuses[int(status)%len(checklist.Statuses)]
		p := &checklist.Project{Name: name, Standard: "govuk", Points: 2, Phase: checklist.Beta, TimeZone: "Europe/London",
			Assessment: checklist.Date{Year: 2027, Month: 1, Day: 15}}
		stored := []checklist.PointState{{Point: 1, Status: st, UpdatedBy: by, UpdatedAt: at,
			Notes:    []checklist.Item{{Text: note, By: by, At: at}, {Text: evidence, By: by, At: at}},
			Evidence: []checklist.Item{{Text: evidence, By: by, At: at}, {Text: note, By: by, At: at}}}}
		info := []checklist.PointInfo{{Number: 1, Title: title, URL: url}, {Number: 2, Title: note, URL: evidence}}
		built := checklist.NewReport(checklist.NewProgress(p, stored), title, info, at)
		for _, problem := range checkReport(built) {
			t.Errorf("NewReport: %s", problem)
		}
		built.AddHistory([]checklist.Change{{At: at.AddDate(0, 0, -3), Field: "created", By: by, New: name},
			{At: at, By: by, Point: 1, Field: "status", Old: title, New: string(st)},
			{At: at.AddDate(0, 0, -1), By: name, Field: "assessment result", New: note},
			{At: at.AddDate(0, 0, -2), By: name, Field: "assessment result", New: "2026-11-18 " + evidence}},
			[]checklist.Assessment{{Date: checklist.Date{Year: 2026, Month: 11, Day: 19}, Stage: checklist.Stage(title), Result: checklist.Rating(url)}}, nil)
		for _, problem := range checkReport(built) {
			t.Errorf("NewReport with history: %s", problem)
		}

		days := 3
		raw := &checklist.Report{
			Project: name, Standard: by, StandardName: title, Phase: checklist.Phase(note), Assessment: evidence,
			DaysToGo: &days, GeneratedAt: at, Counts: map[checklist.Status]int{checklist.Status(note): 1, st: 1},
			Points: []checklist.ReportPoint{{Number: 1, Title: title, URL: url, Status: checklist.Status(evidence),
				Notes:     []checklist.ItemView{{Text: note, By: by, At: at}},
				Evidence:  []checklist.ItemView{{Text: evidence, By: name, At: at}, {Text: url, By: by, At: at}},
				UpdatedBy: by, UpdatedAt: &at}},
			Outstanding: []int{1},
		}
		for _, problem := range checkReport(raw) {
			t.Errorf("by hand: %s", problem)
		}
	})
}
