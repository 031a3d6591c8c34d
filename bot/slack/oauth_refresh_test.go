package slack

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
)

// TestRefreshOnceAcrossReplicas: an install with token rotation, kept in
// PostgreSQL, is refreshed before its token expires, once, though two
// replicas look at the same moment; both then use the new token, and the
// next refresh comes before the new token expires.
func TestRefreshOnceAcrossReplicas(t *testing.T) {
	url := pgtest.FreshSchema(t)
	ih := newInstallHarness(t) // for the fake and the clock
	var replicas [2]*Installer
	for n := range replicas {
		s, err := postgres.Open(t.Context(), url, postgres.WithClock(ih.clock))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		replicas[n], err = NewInstaller(InstallConfig{ClientID: "CID", ClientSecret: "CSECRET",
			RedirectURL: "https://bot.example.gov.uk/slack/oauth_redirect", Secret: "a-long-enough-test-secret-value",
			APIURL: ih.fake.srv.URL + "/api/", AuthorizeURL: "https://slack.example/oauth/v2/authorize", Now: ih.clock}, s, s)
		if err != nil {
			t.Fatal(err)
		}
	}
	ih.fake.mu.Lock()
	ih.fake.installs["code-a"] = map[string]any{"ok": true, "access_token": "xoxe.xoxb-first", "token_type": "bot",
		"refresh_token": "xoxe-1-first", "expires_in": 43200, "team": map[string]any{"id": "TA"}, "bot_user_id": "UBOT"}
	ih.fake.mu.Unlock()
	ih.inst = replicas[0]
	ih.mux = newMux(replicas[0])
	if w := ih.redirect(ih.state(), "code-a"); w.Code != 200 {
		t.Fatalf("install: %d %s", w.Code, w.Body)
	}

	both := func() {
		var wg sync.WaitGroup
		for _, r := range replicas {
			wg.Go(func() {
				if err := r.RefreshDue(context.Background()); err != nil {
					t.Errorf("refresh: %v", err)
				}
			})
		}
		wg.Wait()
	}
	refreshed := func() []string {
		ih.fake.mu.Lock()
		defer ih.fake.mu.Unlock()
		return append([]string(nil), ih.fake.refreshed...)
	}
	wantTokens := func(want string) {
		t.Helper()
		for n, r := range replicas {
			if got, err := r.Token(t.Context(), "", "TA"); err != nil || got != want {
				t.Errorf("replica %d's token %q, %v; want %q", n, got, err, want)
			}
		}
	}

	both() // 12 hours left: nothing due
	ih.advance(12*time.Hour - RefreshAhead - time.Minute)
	both()
	if got := refreshed(); len(got) != 0 {
		t.Fatalf("refreshed %v with more than %s left", got, RefreshAhead)
	}
	ih.advance(2 * time.Minute)
	both()
	if got := refreshed(); strings.Join(got, ",") != "xoxe-1-first" {
		t.Fatalf("refreshes %v, want the first refresh token used once", got)
	}
	wantTokens("xoxe.xoxb-rotated-1")
	both() // the new token has 12 hours
	ih.advance(12 * time.Hour)
	both()
	if got := refreshed(); strings.Join(got, ",") != "xoxe-1-first,xoxe-1-rotated-1" {
		t.Errorf("refreshes %v, want each refresh token used once, in turn", got)
	}
	wantTokens("xoxe.xoxb-rotated-2")
	if in, err := replicas[1].store.Installation(t.Context(), "", "TA"); err != nil || checklist.ErrorCode(err) != "" ||
		!in.ExpiresAt.Equal(ih.clock().Add(12*time.Hour)) || strings.Contains(string(in.RefreshToken), "rotated") {
		t.Errorf("stored install %+v, %v: want the new expiry and the refresh token sealed", in, err)
	}
}
