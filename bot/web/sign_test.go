package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist"
)

func TestLinkSignatureRefusesEveryChange(t *testing.T) {
	now := time.Date(2027, 1, 20, 9, 0, 0, 0, time.UTC)
	s := linkSigner{key: deriveKeys(testSecret).links}
	exp := now.Add(time.Hour)
	good := s.sign("/report/7", 7, exp)
	if err := s.check("/report/7", 7, good, now); err != nil {
		t.Fatalf("a fresh link: %v", err)
	}
	with := func(k, v string) url.Values {
		q := url.Values{"exp": {good.Get("exp")}, "sig": {good.Get("sig")}}
		q.Set(k, v)
		return q
	}
	flipped := []byte(good.Get("sig"))
	flipped[3] ^= 1
	tests := []struct {
		name string
		path string
		id   int64
		q    url.Values
		now  time.Time
		want error
	}{
		{"another project's path", "/report/8", 7, good, now, errLinkInvalid},
		{"another project id", "/report/7", 8, good, now, errLinkInvalid},
		{"the project page with the report's signature", "/projects/7", 7, good, now, errLinkInvalid},
		{"a later expiry", "/report/7", 7, with("exp", strconv.FormatInt(exp.Add(time.Hour).Unix(), 10)), now, errLinkInvalid},
		{"a changed signature", "/report/7", 7, with("sig", string(flipped)), now, errLinkInvalid},
		{"a signature cut short", "/report/7", 7, with("sig", good.Get("sig")[:20]), now, errLinkInvalid},
		{"no signature", "/report/7", 7, url.Values{"exp": {good.Get("exp")}}, now, errLinkInvalid},
		{"no expiry", "/report/7", 7, url.Values{"sig": {good.Get("sig")}}, now, errLinkInvalid},
		{"an expiry that is not a number", "/report/7", 7, with("exp", "soon"), now, errLinkInvalid},
		{"at its expiry", "/report/7", 7, good, exp, errLinkExpired},
		{"after its expiry", "/report/7", 7, good, exp.Add(time.Second), errLinkExpired},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.check(tc.path, tc.id, tc.q, tc.now); !errors.Is(err, tc.want) {
				t.Errorf("check = %v, want %v", err, tc.want)
			}
		})
	}
	other := linkSigner{key: deriveKeys(testSecret + "-other").links}
	if err := other.check("/report/7", 7, good, now); !errors.Is(err, errLinkInvalid) {
		t.Errorf("another secret's server accepted the link: %v", err)
	}
}

func TestKeysDifferByPurpose(t *testing.T) {
	k := deriveKeys(testSecret)
	seen := map[string]string{}
	for name, key := range map[string][]byte{"links": k.links, "session": k.session, "signin": k.signin, "csrf": k.csrf} {
		if len(key) != 32 {
			t.Errorf("%s key is %d bytes", name, len(key))
		}
		if other, dup := seen[string(key)]; dup {
			t.Errorf("%s and %s share a key", name, other)
		}
		seen[string(key)] = name
	}
	var v Viewer
	session, _ := sealed(k.session, "session", Viewer{User: "U1"})
	if unseal(k.signin, "signin", session, &v) {
		t.Error("a session cookie was accepted as sign-in state")
	}
}

// TestReportLink follows the link `report` gives: the report opens
// without signing in, with the headers that keep it private; a tampered
// link and an expired one get a plain 403 that says to ask again.
func TestReportLink(t *testing.T) {
	h := newHarness(t, nil)
	p := h.project("Apply for a blue badge", "T1", "C1", checklist.Beta)
	if _, err := h.store.SetStatus(context.Background(), p.ID, 5, checklist.Partly, "audit booked", checklist.Person{ID: "U-BEA", Name: "Bea"}); err != nil {
		t.Fatal(err)
	}
	link, err := h.srv.Report(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := h.clock().Add(DefaultLinkTTL).Truncate(time.Second); !link.Expires.Equal(want) {
		t.Errorf("link expires %s, want %s", link.Expires, want)
	}
	r := h.get(nil, h.path(link.URL))
	if r.code != http.StatusOK || !strings.Contains(r.body, "Readiness report: Apply for a blue badge") || !strings.Contains(r.body, "audit booked") {
		t.Fatalf("signed link: %d\n%s", r.code, r.body)
	}
	for k, want := range map[string]string{"Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"} {
		if got := r.header.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	// default-src 'none' with no script-src: no script runs at all.
	if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("report's CSP allows too much: %q", csp)
	}
	tampered := strings.Replace(h.path(link.URL), "/report/"+strconv.FormatInt(p.ID, 10), "/report/"+strconv.FormatInt(p.ID+1, 10), 1)
	h.project("Another project", "T1", "C2", checklist.Alpha)
	if r := h.get(nil, tampered); r.code != http.StatusForbidden || !strings.Contains(r.body, "not valid") || !strings.Contains(r.body, "report") {
		t.Errorf("tampered link: %d\n%s", r.code, r.body)
	}
	h.advance(DefaultLinkTTL + time.Minute)
	if r := h.get(nil, h.path(link.URL)); r.code != http.StatusForbidden || !strings.Contains(r.body, "expired") || strings.Contains(r.body, "audit booked") {
		t.Errorf("expired link: %d\n%s", r.code, r.body)
	}
}

// TestProjectPageBySignedLink opens the project page from chat's link: its
// link to the report is signed until the same moment.
func TestProjectPageBySignedLink(t *testing.T) {
	h := newHarness(t, nil)
	p := h.project("Renew a licence", "T1", "C1", checklist.Alpha)
	ctx := context.Background()
	h.store.SetStatus(ctx, p.ID, 1, checklist.Met, "", checklist.Person{ID: "U-BEAEXAMPLE", Name: "Bea Example"})
	h.store.AddEvidence(ctx, p.ID, 1, "https://example.gov.uk/research-plan", checklist.Person{ID: "U-BEAEXAMPLE", Name: "Bea Example"})
	link, _ := h.srv.Project(ctx, p)
	r := h.get(nil, h.path(link.URL))
	if r.code != http.StatusOK {
		t.Fatalf("project page: %d\n%s", r.code, r.body)
	}
	for _, want := range []string{"Renew a licence", "set by Bea Example", `<a href="https://example.gov.uk/research-plan"`, "#1", "It works until " + govukDate(link.Expires),
		`<figure class="burnup">`, `role="img"`, "Progress over time"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("project page lacks %q", want)
		}
	}
	exp := strconv.FormatInt(link.Expires.Unix(), 10)
	if !strings.Contains(r.body, `href="/report/`+strconv.FormatInt(p.ID, 10)+`?exp=`+exp+`&amp;sig=`) {
		t.Errorf("project page's report link is not signed until %s:\n%s", exp, r.body)
	}
}

func TestPagesOffWithoutSecret(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Secret = "" })
	p := h.project("Apply for a blue badge", "T1", "C1", checklist.Beta)
	_, err := h.srv.Report(context.Background(), p, nil)
	var ue *checklist.Error
	if !errors.As(err, &ue) || !strings.Contains(ue.UserMessage(), "STANDARDBOT_SECRET") {
		t.Errorf("report link without a secret: %v, want a user message naming STANDARDBOT_SECRET", err)
	}
	for _, path := range []string{"/report/1?exp=1&sig=x", "/projects/1", "/portfolio", "/signin"} {
		if r := h.get(nil, path); r.code != http.StatusNotFound || !strings.Contains(r.body, "STANDARDBOT_SECRET") {
			t.Errorf("%s without a secret: %d\n%s", path, r.code, r.body)
		}
	}
}

func TestNewRefusesAShortSecret(t *testing.T) {
	_, err := New(Config{PublicURL: "https://x.example", Secret: "short", Store: bottest.NewStore(t), Library: bottest.Library(t)})
	if err == nil || !strings.Contains(err.Error(), "STANDARDBOT_SECRET") {
		t.Errorf("short secret: %v", err)
	}
}
