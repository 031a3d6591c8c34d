// Package reports reads service assessment reports, as GOV.UK publishes
// them at /service-standard-reports/<slug>, into checklist.Assessment:
// from the Content API's document (FromContent, Fetch) or from the text
// of a report pasted into a chat message (FromText).
//
// Reports come in several layouts: today's (a table of From, Assessment
// date, Stage, Result and Service provider, then per point "N. Title",
// "Decision", "What the team has done well", "What the team needs to
// explore"), with red, amber and green ratings since CDDO's process
// update; 2019's, met or not met per point; and the 18- and 26-point
// reports of 2014 to 2019, some with a table of points, some with the
// panel's view by theme ("Reasons", "Recommendations") rather than by
// point. The reader takes what a report says, and names in the
// Assessment's Unread what it could not read; it infers nothing.
package reports

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/standardbot/standardbot/checklist"
)

// DocumentType is the Content API's document_type of a report.
const DocumentType = "service_standard_report"

// MaxText is the longest pasted report read, in bytes: the longest
// published reports are under a tenth of it.
const MaxText = 256 << 10

// document is the part of a Content API document a report uses.
type document struct {
	BasePath     string `json:"base_path"`
	Title        string `json:"title"`
	DocumentType string `json:"document_type"`
	Details      struct {
		Body     json.RawMessage `json:"body"`
		Metadata struct {
			AssessmentDate string `json:"assessment_date"`
			Result         string `json:"result"`
			Stage          string `json:"stage"`
		} `json:"metadata"`
	} `json:"details"`
}

// FromContent reads a report from its Content API document. A document
// that is not a report, or not a Content API document at all, is
// EINVALID; a report of which nothing can be read is too.
func FromContent(data []byte) (*checklist.Assessment, error) {
	var d document
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, checklist.Errorf(checklist.EINVALID, "GOV.UK's answer is not a Content API document, so nothing was imported.")
	}
	if d.DocumentType != DocumentType {
		return nil, notReport(d.DocumentType)
	}
	body, err := bodyHTML(d.Details.Body)
	if err != nil {
		return nil, checklist.Errorf(checklist.EINVALID, "The report's text on GOV.UK cannot be read (%v), so nothing was imported.", err)
	}
	blocks, err := htmlBlocks(body)
	if err != nil {
		return nil, checklist.Errorf(checklist.EINVALID, "The report's text on GOV.UK cannot be read (%v), so nothing was imported.", err)
	}
	m := d.Details.Metadata
	a := read(blocks, given{title: oneLine(d.Title), date: m.AssessmentDate, stage: m.Stage, result: m.Result})
	if d.BasePath != "" {
		a.Source = WWW + d.BasePath
	}
	if !a.Read() {
		return nil, checklist.Errorf(checklist.EINVALID, "Nothing in that report could be read: no date, stage, result or point. Paste its text after: assessment import")
	}
	return a, nil
}

// notReport is EINVALID for a GOV.UK page of another kind.
func notReport(docType string) error {
	if docType == "" {
		return checklist.Errorf(checklist.EINVALID, "That GOV.UK page is not a service assessment report, so nothing was imported.")
	}
	return checklist.Errorf(checklist.EINVALID, "That GOV.UK page is a %s, not a service assessment report, so nothing was imported.", strings.ReplaceAll(docType, "_", " "))
}

// bodyHTML is a document's HTML body: a string, or the text/html entry of
// a list of {content_type, content}.
func bodyHTML(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var parts []struct {
		ContentType string `json:"content_type"`
		Content     string `json:"content"`
	}
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", errors.New("details.body is neither HTML nor a list of contents")
	}
	for _, p := range parts {
		if p.ContentType == "text/html" {
			return p.Content, nil
		}
	}
	return "", errors.New("details.body has no text/html content")
}

// FromText reads a report from its text as copied from the page, or as
// written in a chat message. Text longer than MaxText, or of which
// nothing can be read, is EINVALID.
func FromText(text string) (*checklist.Assessment, error) {
	if len(text) > MaxText {
		return nil, checklist.Errorf(checklist.EINVALID, "That text is longer than any assessment report (%d KB; the most read is %d KB), so nothing was imported.", len(text)>>10, MaxText>>10)
	}
	blocks := textBlocks(text)
	a := read(blocks, given{title: titleOf(blocks)})
	if !a.Read() {
		return nil, checklist.Errorf(checklist.EINVALID, "That does not read as an assessment report: no date, stage, result or point could be read. Paste the whole report after: assessment import")
	}
	return a, nil
}

// titleOf is a pasted report's first line when it reads as a report's
// title ("Apply for a licence alpha assessment report").
func titleOf(blocks []block) string {
	if len(blocks) == 0 || blocks[0].kind != para || isKey(blocks[0].text) {
		return ""
	}
	t := blocks[0].text
	f := fold(t)
	if len(strings.Fields(f)) > 20 || !(hasWord(f, "assessment") || hasWord(f, "report") || hasWord(f, "review") || hasWord(f, "reassessment")) {
		return ""
	}
	return t
}
