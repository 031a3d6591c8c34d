package govuktest

import (
	"embed"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

//go:embed testdata/reports/*.json
var reportFixtures embed.FS

// The report fixtures, written for standardbot in the layouts GOV.UK
// publishes (no text of a real report): their base paths.
const (
	// ReportToday is today's layout: red, amber and green per point, an
	// amber beta.
	ReportToday = "/service-standard-reports/apply-for-a-river-permit-beta"
	// Report2021 is the 2019 to 2023 layout: met or not met per point, an
	// alpha not met, one decision naming the wrong point and one that
	// gives no verdict.
	Report2021 = "/service-standard-reports/register-a-fishing-boat-alpha"
	// Report18 is an 18-point report: the panel's view by theme, then a
	// table of the points met.
	Report18 = "/service-standard-reports/book-a-lock-keeper-beta"
	// Report26 is a 26-point report with a table of criteria passed and
	// no metadata.
	Report26 = "/service-standard-reports/towpath-pass-alpha"
	// ReportThemes is a 2014 report by theme only.
	ReportThemes = "/service-standard-reports/rod-licence-renewal"
	// NotAReport is a page among the reports' addresses that is a guide.
	NotAReport = "/service-standard-reports/not-a-report"
)

// ReportFixture is the Content API document of a fixture report, by base
// path.
func ReportFixture(basePath string) []byte {
	data, err := reportFixtures.ReadFile("testdata/reports/" + strings.TrimPrefix(basePath, "/service-standard-reports/") + ".json")
	if err != nil {
		panic("govuktest: no report fixture " + basePath)
	}
	return data
}

// ReportSite is a fake GOV.UK for assessment reports: the Search API's
// listing of them (/api/search.json?filter_format=service_standard_report,
// paginated by count and start, newest first) and each through the
// Content API. Paths it does not serve go to the handler SetOther gives.
type ReportSite struct {
	*httptest.Server

	mu       sync.Mutex
	other    http.Handler
	docs     map[string][]byte // by base path
	fails    map[string]*failure
	requests []string
}

// NewReportSite serves the fixture reports (and NotAReport, which the
// listing leaves out). It stops when the test ends.
func NewReportSite(t testing.TB) *ReportSite {
	docs := map[string][]byte{}
	for _, bp := range []string{ReportToday, Report2021, Report18, Report26, ReportThemes, NotAReport} {
		docs[bp] = ReportFixture(bp)
	}
	s := &ReportSite{docs: docs, fails: map[string]*failure{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *ReportSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r.URL.RequestURI())
	if f := s.fails[r.URL.Path]; f != nil && f.times != 0 {
		if f.times > 0 {
			f.times--
		}
		s.mu.Unlock()
		if f.retryAfter != "" {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		http.Error(w, http.StatusText(f.status), f.status)
		return
	}
	defer s.mu.Unlock()
	if r.URL.Path == "/api/search.json" {
		s.search(w, r)
		return
	}
	if doc, ok := s.docs[strings.TrimPrefix(r.URL.Path, "/api/content")]; ok && strings.HasPrefix(r.URL.Path, "/api/content/") {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(doc)
		return
	}
	if s.other != nil {
		s.other.ServeHTTP(w, r)
		return
	}
	http.NotFound(w, r)
}

// listed is a report as the Search API lists it.
type listed struct {
	Link            string `json:"link"`
	Title           string `json:"title"`
	PublicTimestamp string `json:"public_timestamp"`
	DocumentType    string `json:"document_type"`
}

// search answers the Search API: the reports, newest first, a page of
// count from start. Another filter_format finds nothing.
func (s *ReportSite) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var all []listed
	if q.Get("filter_format") == "service_standard_report" {
		all = s.listing()
	}
	count, err := strconv.Atoi(q.Get("count"))
	if err != nil {
		count = 10
	}
	start, _ := strconv.Atoi(q.Get("start"))
	start = min(max(start, 0), len(all))
	end := min(start+max(count, 0), len(all))
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(map[string]any{"results": all[start:end], "total": len(all), "start": start, "suggested_queries": []string{}})
}

// listing lists the reports, newest first; the caller holds mu.
func (s *ReportSite) listing() []listed {
	var out []listed
	for bp, data := range s.docs {
		var d struct {
			Title           string `json:"title"`
			DocumentType    string `json:"document_type"`
			PublicUpdatedAt string `json:"public_updated_at"`
		}
		if json.Unmarshal(data, &d) != nil || d.DocumentType != "service_standard_report" {
			continue
		}
		out = append(out, listed{Link: bp, Title: d.Title, PublicTimestamp: d.PublicUpdatedAt, DocumentType: d.DocumentType})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].PublicTimestamp != out[j].PublicTimestamp {
			return out[i].PublicTimestamp > out[j].PublicTimestamp
		}
		return out[i].Link < out[j].Link
	})
	return out
}

// SetOther has h answer the paths the site does not serve, such as a
// Site's Service Manual (site.Config.Handler).
func (s *ReportSite) SetOther(h http.Handler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.other = h
}

// Reports lists the base paths of the reports the site lists, sorted.
func (s *ReportSite) Reports() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, l := range s.listing() {
		out = append(out, l.Link)
	}
	sort.Strings(out)
	return out
}

// Add publishes a report (a Content API document) at its base path.
func (s *ReportSite) Add(basePath string, doc []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[basePath] = doc
}

// Revise changes a report as its publisher would: html is added to the
// end of its body, and its public_updated_at moves on a day.
func (s *ReportSite) Revise(basePath, html string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var doc map[string]any
	if err := json.Unmarshal(s.docs[basePath], &doc); err != nil {
		panic("govuktest: no report at " + basePath)
	}
	doc["public_updated_at"] = nextDay(doc["public_updated_at"].(string))
	details := doc["details"].(map[string]any)
	details["body"] = details["body"].(string) + html
	s.docs[basePath], _ = json.Marshal(doc)
}

// Withdraw takes a report off the site and out of the listing.
func (s *ReportSite) Withdraw(basePath string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.docs, basePath)
}

// Fail makes a request path (/api/search.json, or /api/content and a
// report's base path) answer status the next times requests (-1: every
// time).
func (s *ReportSite) Fail(path string, status, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fails[path] = &failure{status: status, times: times}
}

// Heal ends every Fail.
func (s *ReportSite) Heal() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fails = map[string]*failure{}
}

// Requests returns the requests received so far, as path and query.
func (s *ReportSite) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// Reset forgets the requests received.
func (s *ReportSite) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}
