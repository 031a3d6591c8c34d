package slack

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist/sqlite"
	"github.com/standardbot/standardbot/internal/inbox"
)

// inProcess answers every outbound request with h, without a socket: the
// fuzzed payloads' response_urls go nowhere but here.
type inProcess struct{ h http.Handler }

func (t inProcess) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// okSlack answers every Web API method as Slack does when it succeeds,
// with the fields the adapter reads, and keeps every special mention
// (<!channel>, <!here>, <!everyone>, <!subteam^...>) found in the mrkdwn
// of a reply: one that came from what a user typed would notify a whole
// channel.
type okSlack struct {
	mu       sync.Mutex
	mentions []string
}

func (s *okSlack) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	method := path.Base(r.URL.Path)
	if method == "chat.postMessage" || method == "chat.postEphemeral" || r.Host == "hooks.slack.com" {
		if found := specialMentions(r.Header.Get("Content-Type"), body); len(found) > 0 {
			s.mu.Lock()
			s.mentions = append(s.mentions, found...)
			s.mu.Unlock()
		}
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{"ok":true,"user_id":"UBOT","bot_id":"B1","team_id":"T1","channel":"C1","ts":"1700000000.000100",`+
		`"user":{"id":"U1","name":"alice","real_name":"Alice","profile":{"display_name":"alice"}}}`)
}

func (s *okSlack) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.mentions
	s.mentions = nil
	return m
}

// specialMentions finds <!...> in a reply's fallback text and in the
// mrkdwn text objects of its blocks. A response_url body replacing the
// pressed message is left out: it names the presser by id, which Slack
// vouched for.
func specialMentions(contentType string, body []byte) []string {
	var text, blocks string
	if strings.HasPrefix(contentType, "application/json") {
		var v struct {
			Text            string          `json:"text"`
			Blocks          json.RawMessage `json:"blocks"`
			ReplaceOriginal bool            `json:"replace_original"`
		}
		if json.Unmarshal(body, &v) != nil || v.ReplaceOriginal {
			return nil
		}
		text, blocks = v.Text, string(v.Blocks)
	} else {
		form, _ := url.ParseQuery(string(body))
		text, blocks = form.Get("text"), form.Get("blocks")
	}
	var found []string
	texts := []string{text}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if v["type"] == "mrkdwn" {
				if t, ok := v["text"].(string); ok {
					texts = append(texts, t)
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
	var parsed any
	if json.Unmarshal([]byte(blocks), &parsed) == nil {
		walk(parsed)
	}
	for _, t := range texts {
		if i := strings.Index(t, "<!"); i >= 0 {
			found = append(found, t[i:min(len(t), i+30)])
		}
	}
	return found
}

// FuzzSlackRequest posts fuzzed, correctly signed bodies to
// /slack/events as an Events API callback (JSON), an interaction (a form
// whose payload is the body) or a slash command (the body as the form),
// and waits for the work each starts. Whatever arrives: no panic, a 200 or
// a 400 (never a 5xx), the challenge echoed as JSON, the work finished,
// and every message handed to the core a Slack message of valid UTF-8.
func FuzzSlackRequest(f *testing.F) {
	for _, seed := range slackSeeds() {
		f.Add(seed.kind, seed.body)
	}
	rig := newFuzzRig(f)
	f.Fuzz(func(t *testing.T, kind uint8, body string) {
		contentType := "application/json"
		switch kind % 3 {
		case 1:
			body = url.Values{"payload": {body}}.Encode()
			contentType = "application/x-www-form-urlencoded"
		case 2:
			contentType = "application/x-www-form-urlencoded"
		}
		rec := signedPost(rig.mux, contentType, body)
		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest:
		default:
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
		}
		if rec.Code == http.StatusOK && rec.Body.Len() > 0 {
			var v struct{ Challenge string }
			if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || v.Challenge == "" {
				t.Fatalf("a 200 with a body that is not a challenge: %q", rec.Body)
			}
		}
		for _, p := range rig.settle() {
			t.Errorf("%q: %s", body, p)
		}
	})
}

// fuzzRig is an adapter over a stub core, keeping what it acknowledges in
// a real inbox over SQLite as serve does, with every outbound call
// answered in process by okSlack.
type fuzzRig struct {
	a     *Adapter
	mux   *http.ServeMux
	core  *stubCore
	api   *okSlack
	store *sqlite.Store
}

func newFuzzRig(tb testing.TB) *fuzzRig {
	tb.Helper()
	r := &fuzzRig{api: &okSlack{}, store: bottest.NewStore(tb), mux: http.NewServeMux()}
	r.core = &stubCore{reply: func(m bot.Message) []bot.Reply {
		return []bot.Reply{{Type: bot.ReplyInfo, Title: m.Text, Blocks: []bot.Block{{Type: bot.Paragraph, Text: m.Text}},
			Buttons: []bot.Button{{Label: m.Text, Command: "mark 1 met"}, {Label: "Add note", Command: "note 1", AsksNote: true}}}}
	}}
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	ib, err := inbox.New(context.Background(), r.store, inbox.Config{Owner: "fuzz", Log: discard})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ib.Drain(context.Background()) })
	r.a, err = New(Config{
		BotToken: "xoxb-fuzz", SigningSecret: testSecret, APIURL: "http://slack.invalid/api/",
		HTTPClient:   &http.Client{Transport: inProcess{r.api}, Timeout: 5 * time.Second},
		Log:          discard,
		PostInterval: time.Microsecond,
		Inbox:        ib,
	}, r.core, r.store)
	if err != nil {
		tb.Fatal(err)
	}
	r.a.Routes(r.mux)
	return r
}

// settle waits for the work the requests started and returns what is
// wrong once it has finished: an acknowledged event left in the inbox to be
// worked again (a poison message, retried for ever), a message handed to
// the core that is not a Slack message of valid UTF-8, a reply that
// notifies a whole channel.
func (r *fuzzRig) settle() []string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := r.a.work.Wait(ctx); err != nil {
		return []string{fmt.Sprintf("the work did not finish: %v", err)}
	}
	var problems []string
	later := time.Now().Add(time.Hour)
	left, err := r.store.TakeInbox(ctx, Source, "probe", later, later.Add(time.Hour), 10)
	if err != nil {
		problems = append(problems, "inbox: "+err.Error())
	}
	for _, it := range left {
		problems = append(problems, fmt.Sprintf("acknowledged %s %q left in the inbox to be worked again", it.Type, it.Payload))
		_ = r.store.WriteInbox(ctx, nil, []int64{it.ID}) // so the next input starts clean
	}
	for _, m := range r.core.messages() {
		if m.Address.Platform != Platform || !utf8.ValidString(m.Text) {
			problems = append(problems, fmt.Sprintf("the core was handed %+v", m))
		}
	}
	if found := r.api.take(); len(found) > 0 {
		problems = append(problems, fmt.Sprintf("a reply notifies a whole channel: %q", found))
	}
	r.core.mu.Lock()
	r.core.msgs, r.core.homes = nil, nil
	r.core.mu.Unlock()
	return problems
}

// TestSlackFuzzSeeds: the seeds are what they claim to be, requests the
// adapter acts on, so the fuzzer starts from the paths that matter.
func TestSlackFuzzSeeds(t *testing.T) {
	rig := newFuzzRig(t)
	for _, seed := range slackSeeds() {
		ct := "application/json"
		body := seed.body
		if seed.kind == 1 {
			body = url.Values{"payload": {body}}.Encode()
		}
		if seed.kind != 0 {
			ct = "application/x-www-form-urlencoded"
		}
		if rec := signedPost(rig.mux, ct, body); rec.Code != http.StatusOK {
			t.Errorf("seed %.60q: status %d", seed.body, rec.Code)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := rig.a.work.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range rig.core.messages() {
		got = append(got, m.Text)
		if m.Action != nil {
			got = append(got, m.Action.Command+" / "+m.Action.Note)
		}
	}
	for _, p := range rig.settle() {
		t.Error(p)
	}
	want := []string{"mark 5 met https://example.gov.uk & more", "how do we make our service accessible?", "mark 5 met / ", "note 5 / 12 interviews", "status"}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("the core was not handed %q; it got %q", w, got)
		}
	}
}

// signedPost posts body to /slack/events signed with the test secret.
func signedPost(h http.Handler, contentType, body string) *httptest.ResponseRecorder {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req := httptest.NewRequest(http.MethodPost, "/slack/events", bytes.NewReader([]byte(body)))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	mac := hmac.New(sha256.New, []byte(testSecret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

type slackSeed struct {
	kind uint8
	body string
}

// slackSeeds are one of each request the adapter acts on, as Slack sends
// them; testdata/fuzz/FuzzSlackRequest holds more.
func slackSeeds() []slackSeed {
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	meta := js(noteMeta{Command: "note 5", Team: testTeam, Channel: "C1", Thread: "1.1", Ref: "1.2"})
	return []slackSeed{
		{0, `{"type":"url_verification","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}`},
		{0, string(callback("Ev1", mention("U1", "C1", "1.1", "", "<@UBOT> mark 5 met <https://example.gov.uk|research> &amp; more")))},
		{0, string(callback("Ev2", dm("U1", "D1", "1.2", "how do we make our service accessible?")))},
		{0, string(callback("Ev3", map[string]any{"type": "app_home_opened", "user": "U1", "tab": "home", "channel": "D1"}))},
		{0, `{"type":"app_rate_limited","team_id":"T1","minute_rate_limited":1518467820}`},
		{0, string(callback("Ev4", map[string]any{"type": "message", "subtype": "message_changed", "channel": "C1"}))},
		{1, js(map[string]any{
			"type": "block_actions", "team": map[string]any{"id": testTeam}, "user": map[string]any{"id": "U1", "team_id": testTeam},
			"channel": map[string]any{"id": "C1"}, "container": map[string]any{"type": "message", "message_ts": "1.2", "channel_id": "C1", "is_ephemeral": true},
			"response_url": "https://hooks.slack.com/actions/T1/1/abc", "trigger_id": "t1",
			"message": map[string]any{"ts": "1.2", "text": "walk", "blocks": []any{map[string]any{"type": "section", "text": map[string]any{"type": "mrkdwn", "text": "Point 5"}}}},
			"actions": []any{map[string]any{"block_id": "b1", "action_id": "sb_0", "value": "mark 5 met", "type": "button", "text": map[string]any{"type": "plain_text", "text": "Met"}}},
		})},
		{1, js(map[string]any{
			"type": "block_actions", "user": map[string]any{"id": "U1"}, "channel": map[string]any{"id": "C1"}, "trigger_id": "t2",
			"actions": []any{map[string]any{"block_id": "b1", "action_id": actionNote + "0", "value": "note 5", "type": "button", "text": map[string]any{"type": "plain_text", "text": "Add note"}}},
		})},
		{1, js(map[string]any{
			"type": "view_submission", "user": map[string]any{"id": "U1"},
			"view": map[string]any{"callback_id": noteCallback, "private_metadata": meta,
				"state": map[string]any{"values": map[string]any{noteBlockID: map[string]any{noteActionID: map[string]any{"type": "plain_text_input", "value": "12 interviews"}}}}},
		})},
		{2, url.Values{"command": {"/standard"}, "text": {"status"}, "team_id": {testTeam}, "channel_id": {"C1"}, "user_id": {"U1"},
			"user_name": {"alice"}, "response_url": {"https://hooks.slack.com/commands/T1/1/abc"}, "trigger_id": {"t3"}}.Encode()},
	}
}
