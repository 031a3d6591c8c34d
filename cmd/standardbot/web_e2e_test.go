package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot/web/webtest"
)

const webSecret = "e2e-web-secret-0123456789abcdef-0123"

// webEnv is serve with Slack (the fake), the web pages at addr, and Sign
// in with Slack through the fake OpenID provider op.
func webEnv(dir, addr string, slack *fakeSlack, op *webtest.Provider, extra ...string) []string {
	env := append(slackEnv(dir, slack), "STANDARDBOT_HTTP_ADDR="+addr, "STANDARDBOT_PUBLIC_URL=http://"+addr, "STANDARDBOT_SECRET="+webSecret,
		"STANDARDBOT_OIDC_SLACK_CLIENT_ID="+op.ClientID, "STANDARDBOT_OIDC_SLACK_CLIENT_SECRET="+op.ClientSecret,
		"STANDARDBOT_OIDC_SLACK_ISSUER="+op.URL, "STANDARDBOT_OIDC_ENTRA_CLIENT_ID=", "STANDARDBOT_LINK_TTL=", "STANDARDBOT_ADMINS=")
	return append(env, extra...)
}

// TestServeWebPages is issue 15's promise, through the real binary: a
// project made in chat; `report` answered with a signed link that opens
// the report over HTTP; a tampered link and an expired one refused with
// 403; the portfolio asking to sign in, then, signed in through a fake
// OpenID provider, listing the workspace's projects and hiding a private
// channel's from a non-member.
func TestServeWebPages(t *testing.T) {
	bin := buildBinary(t)
	slack := newFakeSlack(t, 0)
	slack.private = map[string][]string{"GPRIV": {"U1", "UBOT"}}
	op := webtest.New(t, "slack-client-e2e", "slack-client-secret-e2e")
	dir, addr := t.TempDir(), freePort(t)
	p := startServeOn(t, bin, addr, webEnv(dir, addr, slack, op)...)
	say := func(channel, words, want string, n int) string {
		t.Helper()
		if code, _ := p.mention(t, channel, words); code != http.StatusOK {
			t.Fatalf("%q: HTTP %d", words, code)
		}
		posts := slack.waitPosts(t, channel, want, n, 15*time.Second)
		return text(posts[n-1])
	}
	say("C1", "project new Apply for a blue badge", "Created project", 1)
	say("C1", "mark 5 partly audit booked for March", "now partly", 1)
	say("GPRIV", "project new Secret service", "Created project", 1)
	reply := say("C1", "report", "/report/", 1)
	link := reportLink(t, reply)
	if !strings.HasPrefix(link, "http://"+addr+"/report/1?exp=") || strings.Contains(reply, "standardbot report") {
		t.Fatalf("report's link %q; reply:\n%s", link, reply)
	}
	if code, body := fetch(t, nil, link); code != http.StatusOK || !strings.Contains(body, "Readiness report: Apply for a blue badge") || !strings.Contains(body, "audit booked for March") {
		t.Fatalf("the signed link: HTTP %d\n%.500s", code, body)
	}
	tampered := link[:len(link)-3] + map[bool]string{true: "AAA", false: "BBB"}[!strings.HasSuffix(link, "AAA")]
	if code, body := fetch(t, nil, tampered); code != http.StatusForbidden || !strings.Contains(body, "This link is not valid") {
		t.Errorf("a tampered link: HTTP %d\n%.300s", code, body)
	}
	checkPortfolio(t, p.url, op)
	p.stop(t)

	// The same data and secret, links made to expire at once: a new link
	// is refused as expired, and the first one still opens.
	p = startServeOn(t, bin, addr, webEnv(dir, addr, slack, op, "STANDARDBOT_LINK_TTL=1ns")...)
	expired := reportLink(t, say("C1", "report", "/report/", 2))
	if code, body := fetch(t, nil, expired); code != http.StatusForbidden || !strings.Contains(body, "This link has expired") || !strings.Contains(body, "report again") {
		t.Errorf("an expired link: HTTP %d\n%.300s", code, body)
	}
	if code, _ := fetch(t, nil, link); code != http.StatusOK {
		t.Errorf("the first link after a restart: HTTP %d", code)
	}
	p.stop(t)
	for _, secret := range []string{webSecret, op.ClientSecret, "xoxb-e2e-test"} {
		if strings.Contains(p.stderr.String(), secret) {
			t.Errorf("a secret reached the log")
		}
	}
}

// checkPortfolio: without a session the portfolio sends the browser to
// sign in; a member of the private channel sees both projects, anyone else
// in the workspace only the public channel's.
func checkPortfolio(t *testing.T, base string, op *webtest.Provider) {
	t.Helper()
	noRedirects := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirects.Get(base + "/portfolio")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/signin?next=/portfolio" {
		t.Errorf("the portfolio without a session: HTTP %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, tc := range []struct {
		user string
		want []string
	}{
		{"U1", []string{"Apply for a blue badge", "Secret service"}},
		{"U2", []string{"Apply for a blue badge"}},
	} {
		op.SignInAs(map[string]any{"sub": tc.user, "name": "Person " + tc.user,
			"https://slack.com/user_id": tc.user, "https://slack.com/team_id": "T1"})
		jar, _ := cookiejar.New(nil)
		browser := &http.Client{Jar: jar}
		code, body := fetch(t, browser, base+"/signin/slack?next=/portfolio")
		if code != http.StatusOK || !strings.Contains(body, "Signed in as Person "+tc.user) {
			t.Fatalf("%s signing in: HTTP %d\n%.500s", tc.user, code, body)
		}
		var got []string
		for _, m := range regexp.MustCompile(`<a href="/projects/\d+">([^<]+)</a>`).FindAllStringSubmatch(body, -1) {
			got = append(got, m[1])
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s's portfolio lists %v, want %v", tc.user, got, tc.want)
		}
	}
}

// reportLink is the report's link in a reply as Slack shows it: the
// target of the "Open the full report" link in the blocks' mrkdwn.
func reportLink(t *testing.T, reply string) string {
	t.Helper()
	m := regexp.MustCompile(`<(http[^|>]+)\|Open the full report>`).FindStringSubmatch(unescapeJSON(reply))
	if m == nil {
		t.Fatalf("no report link in:\n%s", reply)
	}
	return strings.ReplaceAll(m[1], "&amp;", "&")
}

// unescapeJSON undoes JSON's escapes of <, > and & in the blocks' text.
var unescapeJSON = strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace

// fetch GETs u, following redirects, and returns the status and body.
func fetch(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
