package slack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/sqlite"
	"github.com/standardbot/standardbot/internal/a11ytest"
)

// fakeOAuth is Slack's oauth.v2.access and auth.test, speaking the wire
// format: each code gives one workspace's install, each token is known.
type fakeOAuth struct {
	srv *httptest.Server
	mu  sync.Mutex
	// installs are oauth.v2.access's answers by code.
	installs map[string]map[string]any
	// exchanges are the codes exchanged; authTests the tokens tested.
	exchanges []string
	authTests []string
	// forms are every oauth.v2.access request's form.
	forms []url.Values
	// refreshed are the refresh tokens used, in order.
	refreshed []string
}

// refresh answers a refresh of a rotating token: a new pair, good for
// 12 hours; f.mu is held.
func (f *fakeOAuth) refresh(rt string) map[string]any {
	if !strings.HasPrefix(rt, "xoxe-1-") {
		return map[string]any{"ok": false, "error": "invalid_refresh_token"}
	}
	f.refreshed = append(f.refreshed, rt)
	n := len(f.refreshed)
	return map[string]any{"ok": true, "access_token": fmt.Sprintf("xoxe.xoxb-rotated-%d", n), "refresh_token": fmt.Sprintf("xoxe-1-rotated-%d", n),
		"expires_in": 43200, "token_type": "bot", "team": map[string]any{"id": "TA"}}
}

func newFakeOAuth(t *testing.T) *fakeOAuth {
	f := &fakeOAuth{installs: map[string]map[string]any{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/oauth.v2.access", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		f.mu.Lock()
		defer f.mu.Unlock()
		f.forms = append(f.forms, r.PostForm)
		w.Header().Set("Content-Type", "application/json")
		if r.PostForm.Get("client_id") != "CID" || r.PostForm.Get("client_secret") != "CSECRET" {
			json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": "invalid_client_id"})
			return
		}
		if r.PostForm.Get("grant_type") == "refresh_token" {
			json.NewEncoder(w).Encode(f.refresh(r.PostForm.Get("refresh_token")))
			return
		}
		code := r.PostForm.Get("code")
		f.exchanges = append(f.exchanges, code)
		in, ok := f.installs[code]
		if !ok {
			json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": "invalid_code"})
			return
		}
		delete(f.installs, code) // a code is good once, as on Slack
		json.NewEncoder(w).Encode(in)
	})
	mux.HandleFunc("POST /api/auth.test", func(w http.ResponseWriter, r *http.Request) {
		tok := requestToken(r)
		f.mu.Lock()
		f.authTests = append(f.authTests, tok)
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"ok": strings.HasPrefix(tok, "xoxb-"), "user_id": "UBOT"})
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeOAuth) add(code, team, enterprise string, orgWide bool, token string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.installs[code] = map[string]any{"ok": true, "access_token": token, "token_type": "bot", "scope": "chat:write",
		"bot_user_id": "UBOT", "app_id": "A1", "team": map[string]any{"id": team}, "enterprise": map[string]any{"id": enterprise},
		"is_enterprise_install": orgWide, "authed_user": map[string]any{"id": "UINSTALLER"}}
}

func (f *fakeOAuth) counts() (exchanges, authTests int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.exchanges), len(f.authTests)
}

type installHarness struct {
	t     *testing.T
	fake  *fakeOAuth
	store *sqlite.Store
	dir   string
	inst  *Installer
	mux   *http.ServeMux
	mu    sync.Mutex
	now   time.Time
}

func newInstallHarness(t *testing.T) *installHarness {
	h := &installHarness{t: t, fake: newFakeOAuth(t), dir: t.TempDir(), now: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	var err error
	h.store, err = sqlite.Open(t.Context(), filepath.Join(h.dir, "bot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.store.Close() })
	h.inst = h.newInstaller()
	h.mux = newMux(h.inst)
	return h
}

// newInstaller is an installer over h's store and fake, as a process
// starting (or restarting) would make it.
func (h *installHarness) newInstaller() *Installer {
	h.t.Helper()
	inst, err := NewInstaller(InstallConfig{ClientID: "CID", ClientSecret: "CSECRET",
		RedirectURL: "https://bot.example.gov.uk/slack/oauth_redirect", Secret: "a-long-enough-test-secret-value",
		APIURL: h.fake.srv.URL + "/api/", AuthorizeURL: "https://slack.example/oauth/v2/authorize", Now: h.clock, Retention: time.Hour}, h.store, h.store)
	if err != nil {
		h.t.Fatal(err)
	}
	return inst
}

func newMux(i *Installer) *http.ServeMux {
	mux := http.NewServeMux()
	i.Routes(mux)
	return mux
}

func (h *installHarness) clock() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.now
}

func (h *installHarness) advance(d time.Duration) {
	h.mu.Lock()
	h.now = h.now.Add(d)
	h.mu.Unlock()
}

func (h *installHarness) get(path string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.mux.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	return w
}

var hrefRe = regexp.MustCompile(`href="([^"]+)"`)

// state opens the install page and returns the state its link carries.
func (h *installHarness) state() string {
	h.t.Helper()
	w := h.get("/slack/install")
	if w.Code != 200 || !strings.Contains(w.Body.String(), "Add to Slack") || !strings.Contains(w.Body.String(), `<html lang="en">`) {
		h.t.Fatalf("install page: %d %s", w.Code, w.Body)
	}
	m := hrefRe.FindStringSubmatch(w.Body.String())
	if m == nil {
		h.t.Fatalf("no link on the install page: %s", w.Body)
	}
	u, err := url.Parse(html.UnescapeString(m[1]))
	if err != nil || u.Host != "slack.example" {
		h.t.Fatalf("install link %q: %v", m[1], err)
	}
	q := u.Query()
	if q.Get("client_id") != "CID" || q.Get("redirect_uri") != "https://bot.example.gov.uk/slack/oauth_redirect" || !strings.Contains(q.Get("scope"), "chat:write") {
		h.t.Errorf("install link asks %v", q)
	}
	return q.Get("state")
}

func (h *installHarness) redirect(state, code string) *httptest.ResponseRecorder {
	return h.get("/slack/oauth_redirect?" + url.Values{"state": {state}, "code": {code}}.Encode())
}

func (h *installHarness) wantToken(enterprise, team, want string) {
	h.t.Helper()
	got, err := h.inst.Token(h.t.Context(), enterprise, team)
	if want == "" {
		if checklist.ErrorCode(err) != checklist.ENOTFOUND {
			h.t.Errorf("token of %s/%s: %q, %v; want not installed", enterprise, team, got, err)
		}
		return
	}
	if err != nil || got != want {
		h.t.Errorf("token of %s/%s: %q, %v; want %q", enterprise, team, got, err, want)
	}
}

// TestInstallTwoWorkspaces: two workspaces (one through an Enterprise
// Grid organisation-wide install) added through the install page and
// Slack's redirect, each token kept for its own workspace, tested with
// auth.test, and not readable in the database file.
func TestInstallTwoWorkspaces(t *testing.T) {
	h := newInstallHarness(t)
	h.fake.add("code-a", "TA", "", false, "xoxb-team-a-plaintext")
	h.fake.add("code-org", "", "E1", true, "xoxb-org-e1-plaintext")

	if w := h.redirect(h.state(), "code-a"); w.Code != 200 || !strings.Contains(w.Body.String(), "installed") {
		t.Fatalf("redirect for TA: %d %s", w.Code, w.Body)
	}
	if w := h.redirect(h.state(), "code-org"); w.Code != 200 {
		t.Fatalf("redirect for E1: %d %s", w.Code, w.Body)
	}
	h.wantToken("", "TA", "xoxb-team-a-plaintext")
	h.wantToken("E1", "T7", "xoxb-org-e1-plaintext")
	h.wantToken("E2", "TB", "")
	if in, err := h.store.Installation(t.Context(), "E1", "T7"); err != nil || !in.OrgWide || in.InstalledBy != "UINSTALLER" || in.BotUserID != "UBOT" {
		t.Errorf("E1's install: %+v, %v", in, err)
	}
	h.fake.mu.Lock()
	tested := strings.Join(h.fake.authTests, ",")
	redirect := h.fake.forms[0].Get("redirect_uri")
	h.fake.mu.Unlock()
	if tested != "xoxb-team-a-plaintext,xoxb-org-e1-plaintext" {
		t.Errorf("auth.test called with %q, want each new token once", tested)
	}
	if redirect != "https://bot.example.gov.uk/slack/oauth_redirect" {
		t.Errorf("oauth.v2.access redirect_uri %q", redirect)
	}
	if err := h.store.Close(); err != nil { // checkpoints the write-ahead log into the file
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(h.dir, "bot.db*"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"xoxb-", "plaintext"} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s holds %q in plain text", filepath.Base(f), secret)
			}
		}
	}
}

// TestInstallStateRefused: a forged, tampered, expired or reused state
// is refused with a page saying so, and no code is exchanged for it.
func TestInstallStateRefused(t *testing.T) {
	h := newInstallHarness(t)
	h.fake.add("code-a", "TA", "", false, "xoxb-a")
	h.fake.add("code-b", "TB", "", false, "xoxb-b")
	good := h.state()
	if w := h.redirect(good, "code-a"); w.Code != 200 {
		t.Fatalf("first use: %d %s", w.Code, w.Body)
	}
	other, _ := NewInstaller(InstallConfig{ClientID: "CID", ClientSecret: "CSECRET", RedirectURL: "https://x/", Secret: "another-secret-of-enough-length"}, h.store, h.store)
	for name, state := range map[string]string{
		"reused":         good,
		"forged":         "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"empty":          "",
		"tampered":       good[:5] + "x" + good[6:],
		"another secret": other.state.Issue(h.clock()),
	} {
		w := h.redirect(state, "code-b")
		if w.Code != 400 || !strings.Contains(w.Body.String(), "Start again") {
			t.Errorf("%s state: %d %s", name, w.Code, w.Body)
		}
	}
	expired := h.state()
	h.advance(stateTTL + time.Second)
	if w := h.redirect(expired, "code-b"); w.Code != 400 {
		t.Errorf("expired state: %d %s", w.Code, w.Body)
	}
	if n, _ := h.fake.counts(); n != 1 {
		t.Errorf("%d code(s) exchanged, want only the first install's", n)
	}
	h.wantToken("", "TB", "")
	// Cancelled on Slack's page: the state is used, nothing installed.
	if w := h.get("/slack/oauth_redirect?" + url.Values{"state": {h.state()}, "error": {"access_denied"}}.Encode()); w.Code != 400 || !strings.Contains(w.Body.String(), "not added") {
		t.Errorf("cancelled: %d %s", w.Code, w.Body)
	}
}

func TestNewInstallerRefusesMissingConfig(t *testing.T) {
	s := newClaims(t)
	for _, cfg := range []InstallConfig{
		{ClientSecret: "s", RedirectURL: "https://x/", Secret: "a-long-enough-test-secret-value"},
		{ClientID: "c", ClientSecret: "s", Secret: "a-long-enough-test-secret-value"},
		{ClientID: "c", ClientSecret: "s", RedirectURL: "/slack/oauth_redirect", Secret: "a-long-enough-test-secret-value"},
		{ClientID: "c", ClientSecret: "s", RedirectURL: "https://x/", Secret: "short"},
	} {
		if _, err := NewInstaller(cfg, s, s); err == nil {
			t.Errorf("NewInstaller(%+v) accepted", cfg)
		}
	}
}

// requestToken is the token a Web API call carries: in the Authorization
// header, or as slack-go sends it, in the form.
func requestToken(r *http.Request) string {
	if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return tok
	}
	r.ParseForm()
	return r.Form.Get("token")
}

// TestEachWorkspaceAnsweredWithItsOwnToken: with two workspaces installed
// (one through its organisation's install), an event from each is
// answered with that workspace's token, as the fake Slack sees it; an
// event from a workspace the bot is not installed in is answered by no
// call at all.
func TestEachWorkspaceAnsweredWithItsOwnToken(t *testing.T) {
	ih := newInstallHarness(t)
	ih.fake.add("code-a", "TA", "", false, "xoxb-team-a")
	ih.fake.add("code-org", "", "E1", true, "xoxb-org-e1")
	for _, code := range []string{"code-a", "code-org"} {
		if w := ih.redirect(ih.state(), code); w.Code != 200 {
			t.Fatalf("install %s: %d %s", code, w.Code, w.Body)
		}
	}
	h := newHarness(t, &stubCore{}, newClaims(t), func(c *Config, _ *fakeSlack) {
		c.BotToken, c.Tokens = "", ih.inst
	})
	envelope := func(id, enterprise, team, channel string) []byte {
		b, _ := json.Marshal(map[string]any{"team_id": team, "enterprise_id": enterprise, "api_app_id": "A1", "type": "event_callback",
			"event_id": id, "event_time": 1700000000, "event": mention("U1", channel, "1700000000.000100", "", "<@UBOT> hello")})
		return b
	}
	h.event(envelope("Ev1", "", "TA", "CA"))
	h.event(envelope("Ev2", "E1", "TE", "CE"))
	h.event(envelope("Ev3", "", "TX", "CX"))
	h.settle()
	byChannel := map[string]string{}
	for _, c := range h.fake.of("chat.postMessage") {
		if prev, ok := byChannel[c.Form.Get("channel")]; ok && prev != c.Token {
			t.Errorf("channel %s posted to with two tokens", c.Form.Get("channel"))
		}
		byChannel[c.Form.Get("channel")] = c.Token
	}
	if byChannel["CA"] != "xoxb-team-a" || byChannel["CE"] != "xoxb-org-e1" {
		t.Errorf("posts by channel and token %v; want CA with TA's token, CE with the organisation's", byChannel)
	}
	if _, ok := byChannel["CX"]; ok {
		t.Errorf("answered in a workspace the bot is not installed in")
	}
	h.fake.mu.Lock()
	defer h.fake.mu.Unlock()
	for _, c := range h.fake.calls {
		if c.Token != "xoxb-team-a" && c.Token != "xoxb-org-e1" {
			t.Errorf("%s called with token %q", c.Method, c.Token)
		}
	}
}

// TestUninstallDeletesTokensAtOnce: after app_uninstalled (and
// tokens_revoked of the bot's token), the workspace's install is gone and
// no call uses its token; the other workspace is answered as before.
func TestUninstallDeletesTokensAtOnce(t *testing.T) {
	ih := newInstallHarness(t)
	ih.fake.add("code-a", "TA", "", false, "xoxb-team-a")
	ih.fake.add("code-b", "TB", "", false, "xoxb-team-b")
	for _, code := range []string{"code-a", "code-b"} {
		if w := ih.redirect(ih.state(), code); w.Code != 200 {
			t.Fatalf("install %s: %d %s", code, w.Code, w.Body)
		}
	}
	h := newHarness(t, &stubCore{}, newClaims(t), func(c *Config, _ *fakeSlack) {
		c.BotToken, c.Tokens = "", ih.inst
	})
	send := func(id, team string, inner map[string]any) {
		b, _ := json.Marshal(map[string]any{"team_id": team, "api_app_id": "A1", "type": "event_callback",
			"event_id": id, "event_time": 1700000000, "event": inner})
		h.event(b)
		h.settle()
	}
	hello := func(channel string) map[string]any {
		return mention("U1", channel, "1700000000.000100", "", "<@UBOT> hello")
	}
	projects := map[string]int64{}
	for _, b := range []checklist.Binding{{Platform: Platform, Team: "TA", Channel: "CA"}, {Platform: Platform, Team: "TB", Channel: "CB"}} {
		p := &checklist.Project{Name: "Apply for a licence", Workspace: b.Workspace(), Standard: "govuk", Points: 14,
			Phase: checklist.Discovery, TimeZone: "Europe/London", Bindings: []checklist.Binding{b}, CreatedBy: "alice"}
		if err := ih.store.CreateProject(t.Context(), p); err != nil {
			t.Fatal(err)
		}
		projects[b.Team] = p.ID
	}
	wantProject := func(team string, kept bool) {
		t.Helper()
		_, err := ih.store.Project(t.Context(), projects[team])
		if kept && err != nil || !kept && checklist.ErrorCode(err) != checklist.ENOTFOUND {
			t.Errorf("%s's project: %v; want kept %v", team, err, kept)
		}
	}
	send("Ev1", "TA", hello("CA"))
	send("Ev2", "TA", map[string]any{"type": "app_uninstalled"})
	ih.wantToken("", "TA", "")
	h.fake.mu.Lock()
	uninstalled := len(h.fake.calls)
	h.fake.mu.Unlock()
	ih.wantToken("", "TB", "xoxb-team-b")
	send("Ev3", "TA", hello("CA2"))
	send("Ev4", "TB", hello("CB"))
	// tokens_revoked of user tokens only leaves the bot's.
	send("Ev5", "TB", map[string]any{"type": "tokens_revoked", "tokens": map[string]any{"oauth": []string{"UX"}}})
	ih.wantToken("", "TB", "xoxb-team-b")
	send("Ev6", "TB", map[string]any{"type": "tokens_revoked", "tokens": map[string]any{"bot": []string{"UBOT"}}})
	ih.wantToken("", "TB", "")
	send("Ev7", "TB", hello("CB2"))

	posted := map[string]string{}
	for _, c := range h.fake.of("chat.postMessage") {
		posted[c.Form.Get("channel")] = c.Token
	}
	want := map[string]string{"CA": "xoxb-team-a", "CB": "xoxb-team-b"}
	if len(posted) != len(want) || posted["CA"] != want["CA"] || posted["CB"] != want["CB"] {
		t.Errorf("posted %v, want %v: nothing after a workspace's uninstall", posted, want)
	}
	h.fake.mu.Lock()
	after := append([]call(nil), h.fake.calls[uninstalled:]...)
	h.fake.mu.Unlock()
	for _, c := range after {
		if c.Token == "xoxb-team-a" {
			t.Errorf("%s called with TA's token after its uninstall", c.Method)
		}
	}

	// The data stays for the retention period (a short one here), for a
	// reinstall to find; then it is deleted, and the other workspace's is not.
	if err := ih.inst.PurgeDue(t.Context()); err != nil {
		t.Fatal(err)
	}
	wantProject("TA", true)
	ih.advance(time.Hour)
	if err := ih.inst.PurgeDue(t.Context()); err != nil {
		t.Fatal(err)
	}
	wantProject("TA", false)
	wantProject("TB", false) // its bot token was revoked too (Ev6)
}

// TestReinstallKeepsData: installing again within the retention period
// cancels the deletion of the workspace's data.
func TestReinstallKeepsData(t *testing.T) {
	ih := newInstallHarness(t)
	ih.fake.add("code-a", "TA", "", false, "xoxb-team-a")
	ih.fake.add("code-a2", "TA", "", false, "xoxb-team-a2")
	b := checklist.Binding{Platform: Platform, Team: "TA", Channel: "CA"}
	p := &checklist.Project{Name: "Apply for a licence", Workspace: b.Workspace(), Standard: "govuk", Points: 14,
		Phase: checklist.Discovery, TimeZone: "Europe/London", Bindings: []checklist.Binding{b}, CreatedBy: "alice"}
	if err := ih.store.CreateProject(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	if w := ih.redirect(ih.state(), "code-a"); w.Code != 200 {
		t.Fatalf("install: %d", w.Code)
	}
	if err := ih.inst.Uninstall(t.Context(), "", "TA"); err != nil {
		t.Fatal(err)
	}
	ih.wantToken("", "TA", "")
	if w := ih.redirect(ih.state(), "code-a2"); w.Code != 200 {
		t.Fatalf("reinstall: %d", w.Code)
	}
	ih.advance(2 * time.Hour)
	if err := ih.inst.PurgeDue(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := ih.store.Project(t.Context(), p.ID); err != nil {
		t.Errorf("project after a reinstall: %v", err)
	}
	ih.wantToken("", "TA", "xoxb-team-a2")
}

// TestInstallPagesAccessible: the install page and a refusal pass axe-core
// at a desktop and a phone's width, without scrolling sideways.
func TestInstallPagesAccessible(t *testing.T) {
	h := newInstallHarness(t)
	srv := httptest.NewServer(h.mux)
	t.Cleanup(srv.Close)
	for _, path := range []string{"/slack/install", "/slack/oauth_redirect?state=forged&code=x"} {
		a11ytest.Check(t, srv.URL+path, 1280, 320)
	}
}
