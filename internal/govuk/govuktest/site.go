package govuktest

import (
	"embed"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

//go:embed testdata/*.json
var fixtures embed.FS

// Request is one request the site received.
type Request struct {
	Path      string
	UserAgent string
	At        time.Time
}

// failure makes a path answer with an error status.
type failure struct {
	status     int
	times      int // -1: every time
	retryAfter string
}

// Site is a fake GOV.UK. Its documents are by request path:
// /api/content/service-manual, /bank-holidays.json.
type Site struct {
	*httptest.Server
	mu       sync.Mutex
	docs     map[string][]byte
	fails    map[string]*failure
	requests []Request
	delay    time.Duration
}

// NewSite starts a site serving the handful of fixture guides: two topics,
// four guides (one listed under both topics), three point pages and the
// bank holidays. It stops when the test ends.
func NewSite(t testing.TB) *Site {
	docs := map[string][]byte{}
	entries, err := fixtures.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := fixtures.ReadFile("testdata/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		docs[requestPath(e.Name())] = data
	}
	return Serve(t, docs)
}

// requestPath is where a fixture file is served: service-manual--x.json
// at /api/content/service-manual/x, other files at their name.
func requestPath(file string) string {
	name := strings.TrimSuffix(file, ".json")
	if !strings.HasPrefix(name, "service-manual") {
		return "/" + file
	}
	return "/api/content/" + strings.ReplaceAll(name, "--", "/")
}

// Serve starts a site serving docs, by request path.
func Serve(t testing.TB, docs map[string][]byte) *Site {
	s := &Site{docs: docs, fails: map[string]*failure{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *Site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, Request{Path: r.URL.Path, UserAgent: r.Header.Get("User-Agent"), At: time.Now()})
	delay := s.delay
	f := s.fails[r.URL.Path]
	if f != nil && f.times != 0 {
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
	doc, ok := s.docs[r.URL.Path]
	s.mu.Unlock()
	time.Sleep(delay)
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(doc)
}

// Requests returns the requests received so far.
func (s *Site) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Reset forgets the requests received.
func (s *Site) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// Fail makes the Content API page at basePath answer status the next
// times requests (-1: every time), with a Retry-After when given.
func (s *Site) Fail(basePath string, status, times int, retryAfter string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fails["/api/content"+basePath] = &failure{status: status, times: times, retryAfter: retryAfter}
}

// Heal ends every Fail.
func (s *Site) Heal() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fails = map[string]*failure{}
}

// Slow delays every answer by d.
func (s *Site) Slow(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

// Guides lists the base paths of the guides and point pages the site
// lists, sorted.
func (s *Site) Guides() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for p, data := range s.docs {
		var d struct {
			SchemaName string `json:"schema_name"`
		}
		json.Unmarshal(data, &d)
		if d.SchemaName == "service_manual_guide" {
			out = append(out, strings.TrimPrefix(p, "/api/content"))
		}
	}
	sort.Strings(out)
	return out
}

// Revise changes a guide as its publisher would: a paragraph of text is
// added to its last section of guidance, and its public_updated_at moves on a day, in the guide and
// in every listing of it.
func (s *Site) Revise(basePath, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := "/api/content" + basePath
	var doc map[string]any
	if err := json.Unmarshal(s.docs[p], &doc); err != nil {
		panic("govuktest: no guide at " + basePath)
	}
	updated := nextDay(doc["public_updated_at"].(string))
	doc["public_updated_at"] = updated
	details := doc["details"].(map[string]any)
	body := details["body"].(string)
	at := strings.Index(body, `<h2 id="meeting-the-service-standard"`)
	if at < 0 {
		at = len(body)
	}
	details["body"] = body[:at] + "<p>" + text + "</p>\n" + body[at:]
	s.docs[p], _ = json.Marshal(doc)
	s.eachListing(basePath, func(items []any) []any {
		for _, it := range items {
			if m, _ := it.(map[string]any); m != nil && m["base_path"] == basePath {
				m["public_updated_at"] = updated
			}
		}
		return items
	})
}

// Withdraw takes a guide off the site and out of every listing, as when
// GOV.UK retires one.
func (s *Site) Withdraw(basePath string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.docs, "/api/content"+basePath)
	s.eachListing(basePath, func(items []any) []any {
		out := items[:0]
		for _, it := range items {
			if m, _ := it.(map[string]any); m == nil || m["base_path"] != basePath {
				out = append(out, it)
			}
		}
		return out
	})
}

// eachListing rewrites the children and linked_items of every document
// that lists basePath.
func (s *Site) eachListing(basePath string, edit func([]any) []any) {
	for lp, data := range s.docs {
		if !strings.HasPrefix(lp, "/api/content/") {
			continue
		}
		var listing map[string]any
		if json.Unmarshal(data, &listing) != nil {
			continue
		}
		links, _ := listing["links"].(map[string]any)
		changed := false
		for _, key := range []string{"children", "linked_items"} {
			items, _ := links[key].([]any)
			for _, it := range items {
				if m, _ := it.(map[string]any); m != nil && m["base_path"] == basePath {
					links[key] = edit(items)
					changed = true
					break
				}
			}
		}
		if changed {
			s.docs[lp], _ = json.Marshal(listing)
		}
	}
}

// nextDay moves a timestamp on a day, keeping its form.
func nextDay(ts string) string {
	t, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		return ts + "+1"
	}
	return t.Add(24 * time.Hour).Format(time.RFC3339)
}

// GuideURL is a guide's address on www.gov.uk, as citations give it.
func GuideURL(basePath string) string { return "https://www.gov.uk" + basePath }

// topicPath names the nth generated topic.
func topicPath(n int) string { return path.Join("/service-manual", "topic-"+strconv.Itoa(n)) }
