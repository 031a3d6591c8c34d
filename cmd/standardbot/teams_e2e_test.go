package main

import (
	"archive/zip"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const teamsAppID = "0b3c6a1e-5d2f-4c8a-9e7b-1f2a3b4c5d6e"

// fakeBotFramework is the Bot Framework as a new user's bot meets it: an
// OpenID metadata document, its signing keys, a token endpoint and a
// connector that records what the bot sends.
type fakeBotFramework struct {
	*httptest.Server
	key *rsa.PrivateKey
	mu  sync.Mutex
	got []connectorCall
}

type connectorCall struct {
	Method, Path, Auth string
	Body               map[string]any
}

func newFakeBotFramework(t *testing.T) *fakeBotFramework {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeBotFramework{key: key}
	mux := http.NewServeMux()
	mux.HandleFunc("/openid", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"issuer": "https://api.botframework.com", "jwks_uri": f.URL + "/keys",
			"id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("/keys", func(w http.ResponseWriter, r *http.Request) {
		b64 := func(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
		json.NewEncoder(w).Encode(map[string]any{"keys": []any{map[string]any{
			"kty": "RSA", "use": "sig", "kid": "key-1", "alg": "RS256", "endorsements": []string{"msteams"},
			"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes()),
		}}})
	})
	mux.HandleFunc("/token", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"token_type": "Bearer", "expires_in": 3600, "access_token": "outbound-token-1"})
	})
	mux.HandleFunc("/connector/", func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		json.NewDecoder(r.Body).Decode(&body)
		f.mu.Lock()
		f.got = append(f.got, connectorCall{Method: r.Method, Path: r.URL.Path, Auth: r.Header.Get("Authorization"), Body: body})
		f.mu.Unlock()
		if r.Method == http.MethodPost && r.URL.Path == "/connector/v3/conversations" {
			// A personal chat created for its one member, as Teams
			// answers: the same id for the same person.
			members, _ := body["members"].([]any)
			m, _ := firstOf(members).(map[string]any)
			json.NewEncoder(w).Encode(map[string]any{"id": fmt.Sprintf("a:dm-%v", m["id"])})
			return
		}
		if _, member, ok := strings.Cut(r.URL.Path, "/members/"); ok && r.Method == http.MethodGet {
			// A conversation's member, as the connector describes them:
			// "29:sam" is Entra's "aad-sam".
			json.NewEncoder(w).Encode(map[string]any{"id": member, "aadObjectId": "aad-" + strings.TrimPrefix(member, "29:")})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"id": "reply-1"})
	})
	// Assigned before it starts: the handlers read f.URL, and the race
	// detector cannot see that no request comes before serve is started.
	f.Server = httptest.NewUnstartedServer(mux)
	f.Start()
	t.Cleanup(f.Close)
	return f
}

// token signs an inbound Bot Framework token for the activity's service URL.
func (f *fakeBotFramework) token(t *testing.T, serviceURL string) string {
	return f.tokenAt(t, serviceURL, time.Now())
}

// tokenAt is token issued at now: serve checks it by its own clock.
func (f *fakeBotFramework) tokenAt(t *testing.T, serviceURL string, now time.Time) string {
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{
		"iss": "https://api.botframework.com", "aud": teamsAppID, "serviceurl": serviceURL,
		"iat": now.Unix(), "nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix(),
	})
	tok.Header["kid"] = "key-1"
	s, err := tok.SignedString(f.key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func firstOf(xs []any) any {
	if len(xs) == 0 {
		return nil
	}
	return xs[0]
}

func (f *fakeBotFramework) calls() []connectorCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]connectorCall(nil), f.got...)
}

// messages are the calls that post a message: a slow answer (a busy
// machine's) may also send typing activities, which are not counted.
func (f *fakeBotFramework) messages() []connectorCall {
	var out []connectorCall
	for _, c := range f.calls() {
		if c.Body["type"] != "typing" {
			out = append(out, c)
		}
	}
	return out
}

// TestServeAnswersTeams is a new user's first Teams message, end to end
// through the binary: a signed activity in, a cited answer posted back with
// the outbound token; an unsigned one refused.
func TestServeAnswersTeams(t *testing.T) {
	bin := buildBinary(t)
	bf := newFakeBotFramework(t)
	p := startServe(t, bin, "STANDARDBOT_DATA_DIR="+t.TempDir(), "TEAMS_APP_ID="+teamsAppID, "TEAMS_APP_PASSWORD=e2e-app-password",
		"TEAMS_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47", "TEAMS_OPENID_METADATA_URL="+bf.URL+"/openid", "TEAMS_TOKEN_URL="+bf.URL+"/token",
		"TEAMS_ALLOWED_TENANTS=72f988bf-86f1-41af-91ab-2d7cd011db47", "SLACK_BOT_TOKEN=", "SLACK_SIGNING_SECRET=")
	serviceURL := bf.URL + "/connector/"
	activity := fmt.Sprintf(`{"type":"message","id":"act-1","timestamp":%q,"serviceUrl":%q,"channelId":"msteams",
		"from":{"id":"29:user-1","name":"Alice Example","aadObjectId":"aad-alice"},
		"conversation":{"id":"a:personal-1","conversationType":"personal","tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47"},
		"recipient":{"id":"28:%s","name":"standardbot"},"text":"how do we make our service accessible?",
		"channelData":{"tenant":{"id":"72f988bf-86f1-41af-91ab-2d7cd011db47"}}}`, time.Now().UTC().Format(time.RFC3339), serviceURL, teamsAppID)
	send := func(auth string) int { return postActivity(t, p.url, activity, auth) }
	// The same activity from a tenant TEAMS_ALLOWED_TENANTS leaves out.
	foreign := strings.ReplaceAll(activity, "72f988bf-86f1-41af-91ab-2d7cd011db47", "0b7c2d4e-1f3a-4b5c-9d8e-7f6a5b4c3d2e")
	if code := postActivity(t, p.url, foreign, bf.token(t, serviceURL)); code != http.StatusForbidden {
		t.Errorf("another tenant: HTTP %d, want 403", code)
	}
	if code := send(""); code != http.StatusUnauthorized {
		t.Errorf("no token: HTTP %d, want 401", code)
	}
	if code := send(bf.token(t, serviceURL)); code != http.StatusOK && code != http.StatusAccepted {
		t.Fatalf("signed activity: HTTP %d", code)
	}
	deadline := time.Now().Add(10 * time.Second)
	var reply connectorCall
	for time.Now().Before(deadline) && reply.Path == "" {
		for _, c := range bf.messages() {
			if strings.Contains(c.Path, "/v3/conversations/a:personal-1/activities") {
				reply = c
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if reply.Path == "" {
		t.Fatalf("no reply posted to the connector; calls: %+v\n%s", bf.calls(), p.stderr.String())
	}
	if reply.Auth != "Bearer outbound-token-1" {
		t.Errorf("reply sent with Authorization %q, want the outbound token", reply.Auth)
	}
	body, _ := json.Marshal(reply.Body)
	for _, want := range []string{"point 5", "Make sure everyone can use the service", "point-5-make-sure-everyone-can-use-the-service"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("reply lacks %q:\n%s", want, body)
		}
	}
	if len(bf.messages()) != 1 {
		t.Errorf("%d messages to the connector, want 1 (the unsigned and the other tenant's activities must post nothing)", len(bf.messages()))
	}
	p.stop(t)
	if strings.Contains(p.stderr.String(), "e2e-app-password") || strings.Contains(p.stderr.String(), "outbound-token-1") {
		t.Error("a secret reached the log")
	}
}

// postActivity posts an activity to serve's messaging endpoint, with a
// bearer token unless auth is "", and returns the status.
func postActivity(t *testing.T, base, activity, auth string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"/api/messages", strings.NewReader(activity))
	req.Header.Set("Content-Type", "application/json")
	if auth != "" {
		req.Header.Set("Authorization", "Bearer "+auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func TestTeamsPackageCommand(t *testing.T) {
	c := newCLI(t)
	out := filepath.Join(t.TempDir(), "app.zip")
	code, stdout, errOut := c.run("", append([]string{"teams-package", "--app-id", teamsAppID, "--out", out}, teamsDeveloperFlags...)...)
	if code != 0 || !strings.Contains(stdout, "Wrote "+out) {
		t.Fatalf("exit %d: %s %s", code, stdout, errOut)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]bool{}
	var manifest map[string]any
	for _, f := range zr.File {
		files[f.Name] = true
		if f.Name == "manifest.json" {
			r, _ := f.Open()
			json.NewDecoder(r).Decode(&manifest)
			r.Close()
		}
	}
	if !files["color.png"] || !files["outline.png"] || manifest["id"] != teamsAppID {
		t.Errorf("package files %v, manifest id %v", files, manifest["id"])
	}
	if code, _, errOut := c.run("", append([]string{"teams-package", "--app-id", "not-a-guid", "--out", out}, teamsDeveloperFlags...)...); code != 2 || errOut == "" {
		t.Errorf("bad app id: exit %d, %q; want 2 and a reason", code, errOut)
	}
}
