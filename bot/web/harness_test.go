package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

func TestMain(m *testing.M) { bottest.Main(m) }

const (
	testSecret = "0123456789abcdef0123456789abcdef-test"
	// chat is the platform of the tests' channels; the web package never
	// names a real one.
	chat = "chat"
)

// members is a Membership double: public channels, and the members of
// the others. err, when set, is every answer.
type members struct {
	platform string
	mu       sync.Mutex
	public   map[string]bool
	in       map[string][]string
	err      error
	asked    int
}

func (m *members) Platform() string { return m.platform }

func (m *members) CanSee(ctx context.Context, b checklist.Binding, user string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.asked++
	if m.err != nil {
		return false, m.err
	}
	if m.public[b.Channel] {
		return true, nil
	}
	for _, u := range m.in[b.Channel] {
		if u == user {
			return true, nil
		}
	}
	return false, nil
}

// harness is the pages over a real SQLite store, served over HTTP, with
// a clock the test moves.
type harness struct {
	t       *testing.T
	store   *sqlite.Store
	srv     *Server
	http    *httptest.Server
	members *members
	mu      sync.Mutex
	now     time.Time
}

func newHarness(t *testing.T, change func(*Config)) *harness {
	t.Helper()
	h := &harness{t: t, now: bottest.Now, members: &members{platform: chat, public: map[string]bool{}, in: map[string][]string{}}}
	// The store stamps with the harness's clock, so a test can make
	// history over weeks.
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), sqlite.WithClock(h.clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	h.store = store
	mux := http.NewServeMux()
	h.http = httptest.NewUnstartedServer(mux)
	cfg := Config{PublicURL: "http://" + h.http.Listener.Addr().String(), Secret: testSecret, Store: h.store,
		Library: bottest.Library(t), Members: []Membership{h.members}, Now: h.clock}
	if change != nil {
		change(&cfg)
	}
	if h.srv, err = New(cfg); err != nil {
		t.Fatal(err)
	}
	h.srv.Routes(mux)
	h.http.Start()
	t.Cleanup(h.http.Close)
	return h
}

func (h *harness) clock() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.now
}

func (h *harness) advance(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.now = h.now.Add(d)
}

// project makes a project bound to a channel of the chat platform.
func (h *harness) project(name, team, channel string, phase checklist.Phase) *checklist.Project {
	h.t.Helper()
	b := checklist.Binding{Platform: chat, Team: team, Channel: channel}
	p := &checklist.Project{Name: name, Workspace: b.Workspace(), Standard: "govuk", Points: 14, Phase: phase,
		TimeZone: "Europe/London", Bindings: []checklist.Binding{b}, CreatedBy: "Alice Example"}
	if err := h.store.CreateProject(context.Background(), p); err != nil {
		h.t.Fatal(err)
	}
	return p
}

// response is what a request got: status, headers, body.
type response struct {
	code   int
	header http.Header
	body   string
}

// get fetches path without following redirects, with the client's
// cookies (nil: none).
func (h *harness) get(c *http.Client, path string) response {
	h.t.Helper()
	if c == nil {
		c = h.client()
	}
	resp, err := c.Get(h.http.URL + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{code: resp.StatusCode, header: resp.Header, body: string(b)}
}

// client is a browser with its own cookies that does not follow
// redirects, so each can be checked.
func (h *harness) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signedIn is a browser with a session for v, as sign-in would set it.
func (h *harness) signedIn(v Viewer) *http.Client {
	h.t.Helper()
	c := h.client()
	rec := httptest.NewRecorder()
	if err := h.srv.startSession(rec, v); err != nil {
		h.t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, h.http.URL, nil)
	c.Jar.SetCookies(req.URL, rec.Result().Cookies())
	return c
}

// path is the path and query of a link the server made.
func (h *harness) path(link string) string {
	h.t.Helper()
	p, ok := strings.CutPrefix(link, h.http.URL)
	if !ok {
		h.t.Fatalf("link %q is not on %s", link, h.http.URL)
	}
	return p
}

var errPlatformDown = errors.New("platform out of reach")
