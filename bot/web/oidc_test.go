package web

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/standardbot/standardbot/bot/web/webtest"
	"github.com/standardbot/standardbot/checklist"
)

// identity reads the fake provider's claims as an adapter would read its
// platform's.
func identity(claims map[string]any) (string, string, error) {
	user, _ := claims["user"].(string)
	team, _ := claims["team"].(string)
	if user == "" || team == "" {
		return "", "", errors.New("no user or team")
	}
	return user, team, nil
}

// signinHarness is the pages with the fake provider as their one way in.
func signinHarness(t *testing.T) (*harness, *webtest.Provider) {
	op := webtest.New(t, "client-1", "client-secret-1")
	h := newHarness(t, func(c *Config) {
		c.Providers = []Provider{{Platform: chat, Label: "Chat", Issuer: op.URL, ClientID: "client-1", ClientSecret: "client-secret-1", Identity: identity}}
	})
	return h, op
}

// follow makes a browser follow redirects across the site and the
// provider, keeping its cookies, until a page answers.
func follow(c *http.Client) *http.Client {
	c.CheckRedirect = nil
	return c
}

func TestSignInWithTheProvider(t *testing.T) {
	h, op := signinHarness(t)
	h.project("Apply for a blue badge", "T1", "C1", checklist.Beta)
	h.members.public["C1"] = true
	r := h.get(nil, "/signin?next=/portfolio")
	if r.code != http.StatusOK || !strings.Contains(r.body, `href="/signin/chat?next=%2Fportfolio">Sign in with Chat</a>`) {
		t.Fatalf("sign-in page: %d\n%s", r.code, r.body)
	}
	op.SignInAs(map[string]any{"sub": "s1", "user": "U1", "team": "T1", "name": "Ada Lovelace"})
	browser := follow(h.client())
	r = h.get(browser, "/signin/chat?next=/portfolio")
	if r.code != http.StatusOK || !strings.Contains(r.body, "Signed in as Ada Lovelace") || !strings.Contains(r.body, "Apply for a blue badge") {
		t.Fatalf("after signing in: %d\n%s", r.code, r.body)
	}
	u, _ := url.Parse(h.http.URL)
	for _, c := range browser.Jar.Cookies(u) {
		if c.Name == signinCookie {
			t.Error("the sign-in state cookie outlived the sign-in")
		}
	}
	// Sign-out is a form post with the page's token; without it nothing
	// happens.
	browser.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, _ := browser.PostForm(h.http.URL+"/signout", url.Values{"csrf": {"forged"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || h.get(browser, "/portfolio").code != http.StatusOK {
		t.Fatalf("sign-out with a forged token: %d, and the session must survive it", resp.StatusCode)
	}
	token := regexpFind(t, h.get(browser, "/portfolio").body, `name="csrf" value="([^"]+)"`)
	resp, _ = browser.PostForm(h.http.URL+"/signout", url.Values{"csrf": {token}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || h.get(browser, "/portfolio").code != http.StatusSeeOther {
		t.Errorf("after signing out: %d, and the portfolio must ask to sign in again", resp.StatusCode)
	}
}

// TestSignInRefusals: a callback not started here, a token with the
// wrong nonce, audience or issuer, or an expired session: nobody is signed
// in.
func TestSignInRefusals(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(jwt.MapClaims)
	}{
		{"another nonce", func(c jwt.MapClaims) { c["nonce"] = "replayed" }},
		{"another audience", func(c jwt.MapClaims) { c["aud"] = "someone-else" }},
		{"another issuer", func(c jwt.MapClaims) { c["iss"] = "https://evil.example" }},
		{"expired", func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }},
		{"no team", func(c jwt.MapClaims) { delete(c, "team") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, op := signinHarness(t)
			op.SignInAs(map[string]any{"sub": "s1", "user": "U1", "team": "T1"})
			op.Tamper(tc.tamper)
			browser := follow(h.client())
			if r := h.get(browser, "/signin/chat"); r.code != http.StatusForbidden || !strings.Contains(r.body, "Sign-in did not work") {
				t.Errorf("got %d\n%s", r.code, r.body)
			}
			if h.srv.viewer(sessionRequest(t, browser, h)) != nil {
				t.Error("signed in anyway")
			}
		})
	}
	t.Run("a callback without the state cookie", func(t *testing.T) {
		h, op := signinHarness(t)
		op.SignInAs(map[string]any{"sub": "s1", "user": "U1", "team": "T1"})
		r := h.get(nil, "/signin/chat/callback?code=x&state=y")
		if r.code != http.StatusForbidden || op.Tokens() != 0 {
			t.Errorf("got %d, %d tokens issued", r.code, op.Tokens())
		}
	})
	t.Run("a session past its end", func(t *testing.T) {
		h, _ := signinHarness(t)
		c := h.signedIn(Viewer{Platform: chat, Team: "T1", User: "U1"})
		h.advance(DefaultSessionTTL + time.Second)
		if r := h.get(c, "/portfolio"); r.code != http.StatusSeeOther {
			t.Errorf("an expired session: %d, want the sign-in page", r.code)
		}
	})
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"/projects/3": "/projects/3", "": "/portfolio", "//evil.example/x": "/portfolio", "/\\evil.example": "/portfolio",
		"https://evil.example": "/portfolio", "/x\r\nSet-Cookie: a=b": "/portfolio", "/\t/evil.example": "/portfolio",
		"/portfolio?phase=beta&sort=ready": "/portfolio?phase=beta&sort=ready",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

// sessionRequest is a request carrying the browser's cookies for the site.
func sessionRequest(t *testing.T, c *http.Client, h *harness) *http.Request {
	req, _ := http.NewRequest(http.MethodGet, h.http.URL+"/portfolio", nil)
	for _, ck := range c.Jar.Cookies(req.URL) {
		req.AddCookie(ck)
	}
	return req
}

func regexpFind(t *testing.T, s, pattern string) string {
	t.Helper()
	m := regexp.MustCompile(pattern).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no %s in:\n%s", pattern, s)
	}
	return m[1]
}
