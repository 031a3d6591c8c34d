package teams

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/standardbot/standardbot/bot/bottest"
)

func TestMain(m *testing.M) { bottest.Main(m) }

const (
	testAppID    = "8c1f3a52-6d0e-4b7a-9f21-3e5d2c4b1a90"
	testPassword = "app-password-never-logged"
	testTenant   = "72f988bf-86f1-41af-91ab-2d7cd011db47"
	testBotID    = "28:" + testAppID
)

// signingKey is a key the fake publishes (or, unpublished, forges with).
type signingKey struct {
	kid  string
	priv *rsa.PrivateKey
	// endorsements are published with the key; nil publishes none.
	endorsements []string
}

func newSigningKey(t *testing.T, kid string, endorsements ...string) *signingKey {
	t.Helper()
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return &signingKey{kid: kid, priv: priv, endorsements: endorsements}
}

// jwk is the key as the Bot Framework publishes it.
func (k *signingKey) jwk() map[string]any {
	b64 := base64.RawURLEncoding.EncodeToString
	m := map[string]any{
		"kty": "RSA", "use": "sig", "kid": k.kid,
		"n": b64(k.priv.N.Bytes()), "e": b64(big.NewInt(int64(k.priv.E)).Bytes()),
	}
	if k.endorsements != nil {
		m["endorsements"] = k.endorsements
	}
	return m
}

// received is one request the fake connector received.
type received struct {
	Method string
	// Path is decoded: conversation ids read as Teams writes them.
	Path string
	Auth string
	Body map[string]any
	At   time.Time
}

// text is every text in the activity and its card, joined by newlines.
func (c received) text() string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, k := range []string{"text", "title", "value"} {
				if s, ok := v[k].(string); ok {
					out = append(out, s)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(c.Body)
	return strings.Join(out, "\n")
}

// card is the activity's Adaptive Card, or nil.
func (c received) card() map[string]any {
	atts, _ := c.Body["attachments"].([]any)
	if len(atts) == 0 {
		return nil
	}
	att, _ := atts[0].(map[string]any)
	card, _ := att["content"].(map[string]any)
	return card
}

// scripted is an answer the connector gives instead of success.
type scripted struct {
	code   int
	header map[string]string
	body   string
}

// fakeBotFramework is the Bot Framework as the adapter sees it: OpenID
// metadata, its key set, the token endpoint and a connector that records
// every request.
type fakeBotFramework struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	published []*signingKey
	calls     []received
	script    []scripted
	jwksHits  int
	metaHits  int
	tokenHits int
	seq       int
}

func newFakeBotFramework(t *testing.T, keys ...*signingKey) *fakeBotFramework {
	t.Helper()
	f := &fakeBotFramework{t: t, published: keys}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /openid", f.metadata)
	mux.HandleFunc("GET /keys", f.keys)
	mux.HandleFunc("POST /token", f.token)
	mux.HandleFunc("/v3/", f.connector)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// serviceURL is the connector's address, as activities carry it.
func (f *fakeBotFramework) serviceURL() string { return f.srv.URL + "/" }

func (f *fakeBotFramework) metadata(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.metaHits++
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"issuer": botFrameworkIssuer, "authorization_endpoint": "https://invalid.botframework.com",
		"jwks_uri": f.srv.URL + "/keys", "id_token_signing_alg_values_supported": []string{"RS256"},
		"token_endpoint_auth_methods_supported": []string{"private_key_jwt"},
	})
}

func (f *fakeBotFramework) keys(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.jwksHits++
	var keys []map[string]any
	for _, k := range f.published {
		keys = append(keys, k.jwk())
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"keys": keys})
}

func (f *fakeBotFramework) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if r.Form.Get("grant_type") != "client_credentials" || r.Form.Get("client_id") != testAppID ||
		r.Form.Get("client_secret") != testPassword || r.Form.Get("scope") != connectorScope {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}`)
		return
	}
	f.mu.Lock()
	f.tokenHits++
	n := f.tokenHits
	f.mu.Unlock()
	fmt.Fprintf(w, `{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"outbound-token-%d"}`, n)
}

func (f *fakeBotFramework) connector(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	c := received{Method: r.Method, Path: r.URL.Path, Auth: r.Header.Get("Authorization"), At: time.Now()}
	_ = json.Unmarshal(body, &c.Body)
	f.mu.Lock()
	f.calls = append(f.calls, c)
	f.seq++
	id := fmt.Sprintf("activity-%d", f.seq)
	var s *scripted
	if len(f.script) > 0 {
		s, f.script = &f.script[0], f.script[1:]
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if s != nil {
		for k, v := range s.header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(s.code)
		fmt.Fprint(w, s.body)
		return
	}
	fmt.Fprintf(w, `{"id":%q}`, id)
}

// answer makes the connector's next requests get these answers, in order.
func (f *fakeBotFramework) answer(s ...scripted) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script = append(f.script, s...)
}

// publish adds a key to the key set, as a rotation would.
func (f *fakeBotFramework) publish(k *signingKey) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.published = append(f.published, k)
}

// received returns the connector's requests so far.
func (f *fakeBotFramework) received() []received {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]received(nil), f.calls...)
}

// hits returns how often the key set and the token endpoint were asked.
func (f *fakeBotFramework) hits() (jwks, tokens int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.jwksHits, f.tokenHits
}

// claims are a token's claims, valid for the fake unless changed.
func (f *fakeBotFramework) claims() jwt.MapClaims {
	now := time.Now()
	return jwt.MapClaims{
		"iss": botFrameworkIssuer, "aud": testAppID,
		"nbf": now.Add(-time.Minute).Unix(), "iat": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix(),
		"serviceurl": f.serviceURL(),
	}
}

// sign makes a token signed with k.
func sign(t *testing.T, k *signingKey, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = k.kid
	s, err := tok.SignedString(k.priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
