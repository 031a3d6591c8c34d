package teams

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/golang-jwt/jwt/v5"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist/sqlite"
	"github.com/standardbot/standardbot/internal/inbox"
)

// fuzzServiceURL is the service URL the fuzz's token vouches for.
const fuzzServiceURL = "https://smba.trafficmanager.net/uk/"

// inProcess answers every outbound request with h, without a socket:
// whatever service URL a fuzzed activity names, nothing leaves the test.
type inProcess struct{ h http.Handler }

func (t inProcess) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// fuzzCore records what it is handed and answers with a card that has
// buttons and a note box, made of the message's own text.
type fuzzCore struct {
	mu   sync.Mutex
	msgs []bot.Message
}

func (c *fuzzCore) Handle(_ context.Context, m bot.Message) ([]bot.Reply, error) {
	c.mu.Lock()
	c.msgs = append(c.msgs, m)
	c.mu.Unlock()
	return []bot.Reply{{Type: bot.ReplyInfo, Title: m.Text, Blocks: []bot.Block{{Type: bot.Paragraph, Text: m.Text}},
		Buttons: []bot.Button{{Label: m.Text, Command: "mark 1 met"}, {Label: "Add note", Command: "note 1", AsksNote: true}}}}, nil
}

func (c *fuzzCore) take() []bot.Message {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.msgs
	c.msgs = nil
	return m
}

// fuzzBotFramework is the Bot Framework in process: OpenID metadata, one
// signing key endorsed for Teams, tokens, and a connector that accepts
// everything.
func fuzzBotFramework(tb testing.TB, key *rsa.PrivateKey) http.Handler {
	tb.Helper()
	k := &signingKey{kid: "fuzz", priv: key, endorsements: []string{"msteams"}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET bf.invalid/openid", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": botFrameworkIssuer, "jwks_uri": "https://bf.invalid/keys",
			"id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("GET bf.invalid/keys", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"keys": []any{k.jwk()}})
	})
	mux.HandleFunc("POST bf.invalid/token", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"token_type":"Bearer","expires_in":3599,"access_token":"outbound"}`)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { // the connector, at any service URL
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"activity-1"}`)
	})
	return mux
}

// fuzzRig is an adapter whose every outbound call is answered in process,
// keeping what it acknowledges in a real inbox over SQLite as serve does,
// and a valid bearer token for activities from fuzzServiceURL.
type fuzzRig struct {
	a     *Adapter
	mux   *http.ServeMux
	core  *fuzzCore
	store *sqlite.Store
	auth  string
}

func newFuzzRig(tb testing.TB) *fuzzRig {
	tb.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		tb.Fatal(err)
	}
	r := &fuzzRig{core: &fuzzCore{}, store: bottest.NewStore(tb), mux: http.NewServeMux()}
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	ib, err := inbox.New(context.Background(), r.store, inbox.Config{Owner: "fuzz", Log: discard})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ib.Drain(context.Background()) })
	r.a, err = New(Config{
		AppID: testAppID, AppPassword: testPassword, TenantID: testTenant,
		OpenIDMetadataURL: "https://bf.invalid/openid", TokenURL: "https://bf.invalid/token",
		HTTPClient:  &http.Client{Transport: inProcess{fuzzBotFramework(tb, key)}, Timeout: 5 * time.Second},
		Log:         discard,
		TypingAfter: -1,
		Inbox:       ib,
	}, r.core, r.store)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(r.a.keys.close)
	r.a.Routes(r.mux)
	now := time.Now()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{
		"iss": botFrameworkIssuer, "aud": testAppID, "serviceurl": fuzzServiceURL,
		"nbf": now.Add(-time.Minute).Unix(), "iat": now.Add(-time.Minute).Unix(), "exp": now.Add(24 * time.Hour).Unix(),
	})
	tok.Header["kid"] = "fuzz"
	signed, err := tok.SignedString(key)
	if err != nil {
		tb.Fatal(err)
	}
	r.auth = "Bearer " + signed
	return r
}

// wait waits for the work the requests started.
func (r *fuzzRig) wait() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return r.a.work.Wait(ctx)
}

// settle waits for the work and returns what is wrong once it has
// finished: an acknowledged activity left in the inbox to be worked again
// (a poison message, retried for ever), or a message handed to the core
// that is not a Teams message of valid UTF-8 from a conversation.
func (r *fuzzRig) settle() []string {
	if err := r.wait(); err != nil {
		return []string{fmt.Sprintf("the work did not finish: %v", err)}
	}
	var problems []string
	ctx := context.Background()
	later := time.Now().Add(time.Hour)
	left, err := r.store.TakeInbox(ctx, Source, "probe", later, later.Add(time.Hour), 10)
	if err != nil {
		problems = append(problems, "inbox: "+err.Error())
	}
	for _, it := range left {
		problems = append(problems, fmt.Sprintf("acknowledged %s %q left in the inbox to be worked again", it.Type, it.Payload))
		_ = r.store.WriteInbox(ctx, nil, []int64{it.ID}) // so the next input starts clean
	}
	for _, m := range r.core.take() {
		if m.Address.Platform != Platform || m.Address.Channel == "" || !utf8.ValidString(m.Text) {
			problems = append(problems, fmt.Sprintf("the core was handed %+v", m))
		}
	}
	return problems
}

// postActivity posts body to /api/messages with the bearer token.
func postActivity(h http.Handler, auth, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/api/messages", bytes.NewReader([]byte(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", auth)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// FuzzTeamsActivity posts fuzzed activities to /api/messages with a valid
// token and waits for the work each starts. Whatever arrives: no panic, no
// 500, the work finished, and every message handed to the core a Teams
// message of valid UTF-8 from the activity's conversation.
func FuzzTeamsActivity(f *testing.F) {
	for _, s := range teamsSeeds() {
		f.Add(s)
	}
	rig := newFuzzRig(f)
	f.Fuzz(func(t *testing.T, body string) {
		rec := postActivity(rig.mux, rig.auth, body)
		switch rec.Code {
		case http.StatusOK, http.StatusUnauthorized, http.StatusNotImplemented, http.StatusBadRequest:
		default:
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
		}
		for _, p := range rig.settle() {
			t.Errorf("%q: %s", body, p)
		}
	})
}

// TestTeamsFuzzSeeds: the seeds are activities the adapter acts on, so the
// fuzzer starts from the paths that matter.
func TestTeamsFuzzSeeds(t *testing.T) {
	rig := newFuzzRig(t)
	for _, s := range teamsSeeds() {
		if rec := postActivity(rig.mux, rig.auth, s); rec.Code != http.StatusOK {
			t.Errorf("seed %.80q: status %d", s, rec.Code)
		}
	}
	if err := rig.wait(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range rig.core.take() {
		got = append(got, m.Text)
		if m.Action != nil {
			got = append(got, m.Action.Command+" / "+m.Action.Note)
		}
	}
	for _, p := range rig.settle() {
		t.Error(p)
	}
	for _, want := range []string{"how do we make our service accessible?", "mark 5 met", "mark 5 met / ", "note 5 / 12 interviews"} {
		if !slices.Contains(got, want) {
			t.Errorf("the core was not handed %q; it got %q", want, got)
		}
	}
}

// teamsSeeds are one of each activity the adapter acts on, as Teams sends
// them; testdata/fuzz/FuzzTeamsActivity holds more.
func teamsSeeds() []string {
	base := func(typ, conv, convType string) map[string]any {
		return map[string]any{
			"type": typ, "id": "1700000000001", "serviceUrl": fuzzServiceURL, "channelId": "msteams",
			"from":         map[string]any{"id": "29:1alice", "name": "Alice Example", "aadObjectId": "00000000-0000-0000-0000-0000000a11ce"},
			"conversation": map[string]any{"id": conv, "conversationType": convType, "tenantId": testTenant},
			"recipient":    map[string]any{"id": testBotID, "name": "standardbot"},
			"channelData":  map[string]any{"tenant": map[string]any{"id": testTenant}},
		}
	}
	n := 0
	js := func(v map[string]any, kv ...any) string {
		n++
		v["id"] = fmt.Sprintf("17000000000%02d", n) // each its own, or the claim drops it
		for i := 0; i+1 < len(kv); i += 2 {
			v[kv[i].(string)] = kv[i+1]
		}
		b, _ := json.Marshal(v)
		return string(b)
	}
	channel := "19:general@thread.tacv2;messageid=1700000000000"
	return []string{
		js(base("message", "a:1personal", "personal"), "text", "how do we make our service accessible?", "textFormat", "plain"),
		js(base("message", channel, "channel"), "text", "<at>standardbot</at> mark 5 met", "entities", []any{
			map[string]any{"type": "mention", "text": "<at>standardbot</at>", "mentioned": map[string]any{"id": testBotID, "name": "standardbot"}}}),
		js(base("message", "a:1personal", "personal"), "value", map[string]any{"command": "mark 5 met", "ref": "card-1"}),
		js(base("invoke", channel, "channel"), "name", "adaptiveCard/action", "value", map[string]any{
			"action": map[string]any{"type": "Action.Execute", "data": map[string]any{"command": "note 5", "kind": modeNote, "note": "12 interviews"}}}),
		js(base("conversationUpdate", "19:general@thread.tacv2", "channel"), "membersAdded", []any{map[string]any{"id": testBotID}}),
		js(base("installationUpdate", "a:1personal", "personal"), "action", "add"),
		js(base("conversationUpdate", "19:general@thread.tacv2", "channel"), "membersRemoved", []any{map[string]any{"id": testBotID}}),
		js(base("messageReaction", "a:1personal", "personal"), "reactionsAdded", []any{map[string]any{"type": "like"}}),
	}
}
