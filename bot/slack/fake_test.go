package slack

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack/slacktest"

	"github.com/standardbot/standardbot/bot/bottest"
)

func TestMain(m *testing.M) { bottest.Main(m) }

const (
	testSecret = "8f742231b10e8888abcd99yyyzzz85a5"
	testTeam   = "T1"
	botUser    = "UBOT"
)

// call is one request the fake Slack received.
type call struct {
	Method string
	Form   url.Values     // form-encoded Web API calls
	JSON   map[string]any // JSON calls: views.*, response_url
	At     time.Time
	// TS is the timestamp the fake gave a posted message.
	TS string
	// Token is the token the call was made with.
	Token string
}

// blocksJSON is the call's blocks as JSON text, for looking inside.
func (c call) blocksJSON() string {
	if b := c.Form.Get("blocks"); b != "" {
		return b
	}
	if c.JSON != nil {
		for _, k := range []string{"blocks", "view"} {
			if v, ok := c.JSON[k]; ok {
				b, _ := json.Marshal(v)
				return string(b)
			}
		}
	}
	return ""
}

// text is every text in the call's blocks (or view), joined by newlines,
// as a person would read them.
func (c call) text() string {
	var v any
	_ = json.Unmarshal([]byte(c.blocksJSON()), &v)
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if s, ok := v["text"].(string); ok {
				out = append(out, s)
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
	walk(v)
	return strings.Join(out, "\n")
}

// reply is a scripted answer to one request.
type reply struct {
	code   int
	header map[string]string
	body   string
}

// fakeSlack is a Slack Web API double: slacktest's server with handlers
// that record every call the adapter makes and answer like Slack.
type fakeSlack struct {
	srv       *slacktest.Server
	mu        sync.Mutex
	calls     []call
	scripts   map[string][]reply
	seq       int
	authFail  bool
	socketURL string
	// pages are users.conversations' answer, one slice of channel ids a page.
	pages [][]string
}

func newFakeSlack(t *testing.T) *fakeSlack {
	t.Helper()
	f := &fakeSlack{scripts: map[string][]reply{}, pages: [][]string{{"C1"}}}
	f.srv = slacktest.NewTestServer(func(c slacktest.Customize) {
		for _, m := range []string{"auth.test", "users.info", "users.conversations", "chat.postMessage", "chat.postEphemeral",
			"chat.update", "views.open", "views.publish", "apps.connections.open", "reactions.add", "reactions.remove", "conversations.info", "conversations.members", "conversations.open"} {
			c.Handle("/"+m, f.handler(m))
		}
		c.Handle("/respond/", f.handler("response_url"))
	})
	f.srv.Start()
	t.Cleanup(f.srv.Stop)
	return f
}

// url is the API base URL, as SLACK_API_URL would give it.
func (f *fakeSlack) url() string { return f.srv.GetAPIURL() }

// script makes the next requests to method get these answers, in order.
func (f *fakeSlack) script(method string, rs ...reply) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.scripts[method] = append(f.scripts[method], rs...)
}

func (f *fakeSlack) handler(method string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		c := call{Method: method, At: time.Now()}
		if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			_ = json.Unmarshal(body, &c.JSON)
		} else {
			c.Form, _ = url.ParseQuery(string(body))
		}
		c.Token = c.Form.Get("token")
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			c.Token = tok
		}
		f.mu.Lock()
		f.seq++
		c.TS = fmt.Sprintf("1700000000.%06d", f.seq)
		f.calls = append(f.calls, c)
		var scripted *reply
		if rs := f.scripts[method]; len(rs) > 0 {
			scripted, f.scripts[method] = &rs[0], rs[1:]
		}
		f.mu.Unlock()
		if scripted != nil {
			for k, v := range scripted.header {
				w.Header().Set(k, v)
			}
			w.WriteHeader(scripted.code)
			fmt.Fprint(w, scripted.body)
			return
		}
		if method == "response_url" {
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, "ok")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(f.answer(method, c))
	}
}

// answer is what Slack would say to a successful call.
func (f *fakeSlack) answer(method string, c call) map[string]any {
	ts := c.TS
	f.mu.Lock()
	authFail, socketURL, pages := f.authFail, f.socketURL, f.pages
	f.mu.Unlock()
	switch method {
	case "auth.test":
		if authFail {
			return map[string]any{"ok": false, "error": "invalid_auth"}
		}
		return map[string]any{"ok": true, "user_id": botUser, "bot_id": "BBOT", "team_id": testTeam, "user": "standardbot"}
	case "users.info":
		id := c.Form.Get("user")
		return map[string]any{"ok": true, "user": map[string]any{"id": id, "name": strings.ToLower(id), "tz": "Asia/Kolkata", "profile": map[string]any{"display_name": "Name of " + id}}}
	case "conversations.open":
		return map[string]any{"ok": true, "channel": map[string]any{"id": "D" + c.Form.Get("users")}}
	case "users.conversations":
		page := 0
		if cur := c.Form.Get("cursor"); cur != "" {
			page, _ = strconv.Atoi(strings.TrimPrefix(cur, "page"))
		}
		var chans []map[string]any
		next := ""
		if page < len(pages) {
			for _, id := range pages[page] {
				chans = append(chans, map[string]any{"id": id})
			}
			if page+1 < len(pages) {
				next = fmt.Sprintf("page%d", page+1)
			}
		}
		return map[string]any{"ok": true, "channels": chans, "response_metadata": map[string]any{"next_cursor": next}}
	case "chat.postMessage":
		return map[string]any{"ok": true, "channel": c.Form.Get("channel"), "ts": ts, "message": map[string]any{"text": c.Form.Get("text")}}
	case "chat.postEphemeral":
		return map[string]any{"ok": true, "message_ts": ts}
	case "chat.update":
		return map[string]any{"ok": true, "channel": c.Form.Get("channel"), "ts": c.Form.Get("ts"), "text": c.Form.Get("text")}
	case "views.open", "views.publish":
		return map[string]any{"ok": true, "view": map[string]any{"id": "V" + ts}}
	case "apps.connections.open":
		return map[string]any{"ok": true, "url": socketURL}
	case "reactions.add", "reactions.remove":
		return map[string]any{"ok": true}
	}
	return map[string]any{"ok": false, "error": "unknown_method"}
}

// set changes the fake's behaviour while it runs.
func (f *fakeSlack) set(fn func(f *fakeSlack)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

// of returns the calls to method so far.
func (f *fakeSlack) of(method string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// waitFor waits until method has been called n times and returns the calls.
func (f *fakeSlack) waitFor(t *testing.T, method string, n int) []call {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		cs := f.of(method)
		if len(cs) >= n {
			return cs
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited for %d %s call(s), got %d", n, method, len(cs))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// posts is every message the bot sent (posted, ephemeral, or through a
// response_url), for checks that nothing was sent.
func (f *fakeSlack) posts() int {
	return len(f.of("chat.postMessage")) + len(f.of("chat.postEphemeral")) + len(f.of("response_url"))
}
