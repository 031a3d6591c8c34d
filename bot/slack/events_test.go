package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
)

func TestAppMentionAnswersInThreadCitingThePoint(t *testing.T) {
	h := newRealHarness(t)
	const ts = "1700000001.000100"
	rec := h.event(callback("Ev1", mention("UALICE", "C1", ts, "", "<@UBOT> how do we make our service accessible?")))
	if rec.Body.Len() != 0 {
		t.Errorf("acknowledgement body = %q, want empty", rec.Body.String())
	}
	post := h.fake.waitFor(t, "chat.postMessage", 1)[0]
	h.settle()

	std, _ := bottest.Library(t).Standard("govuk")
	pt, _ := std.Point(5)
	if got := post.Form.Get("channel"); got != "C1" {
		t.Errorf("channel = %q, want C1", got)
	}
	if got := post.Form.Get("thread_ts"); got != ts {
		t.Errorf("thread_ts = %q, want the mention's ts %q", got, ts)
	}
	blocks := post.blocksJSON()
	for _, want := range []string{"point 5", pt.URL, `"type":"context"`} {
		if !strings.Contains(blocks, want) {
			t.Errorf("answer blocks lack %q:\n%s", want, blocks)
		}
	}
	if !strings.Contains(post.Form.Get("text"), "point 5") {
		t.Errorf("fallback text lacks the citation: %q", post.Form.Get("text"))
	}
	if got := h.counter("events", "app_mention", outcomeHandled); got != 1 {
		t.Errorf("handled app_mention events = %v, want 1", got)
	}
}

func TestEventsReachTheCore(t *testing.T) {
	const ts, parent = "1700000002.000100", "1700000002.000001"
	tests := []struct {
		name  string
		event map[string]any
		// want is the message the core gets; nil means it gets none.
		want       *bot.Message
		wantThread string // where the reply goes
	}{
		{
			name:  "mention in a channel starts a thread",
			event: mention("UALICE", "C1", ts, "", "<@UBOT> help"),
			want: &bot.Message{Address: bot.Address{Platform: Platform, Team: testTeam, Channel: "C1", Thread: ts},
				User: "UALICE", UserName: "Name of UALICE", Text: "help"},
			wantThread: ts,
		},
		{
			name:  "mention in a thread stays in it",
			event: mention("UALICE", "C1", ts, parent, "<@UBOT>   status"),
			want: &bot.Message{Address: bot.Address{Platform: Platform, Team: testTeam, Channel: "C1", Thread: parent},
				User: "UALICE", UserName: "Name of UALICE", Text: "status"},
			wantThread: parent,
		},
		{
			name:  "slack markup becomes plain text",
			event: mention("UALICE", "C1", ts, "", "<@UBOT> evidence 5 <https://example.org/a11y|audit> R&amp;D &lt;draft&gt;"),
			want: &bot.Message{Address: bot.Address{Platform: Platform, Team: testTeam, Channel: "C1", Thread: ts},
				User: "UALICE", UserName: "Name of UALICE", Text: "evidence 5 https://example.org/a11y R&D <draft>"},
			wantThread: ts,
		},
		{
			name:  "direct message answered in the conversation",
			event: dm("UALICE", "D1", ts, "status"),
			want: &bot.Message{Address: bot.Address{Platform: Platform, Team: testTeam, Channel: "D1"},
				User: "UALICE", UserName: "Name of UALICE", Text: "status", Direct: true},
		},
		{
			name:  "direct message in a thread answered in the thread",
			event: func() map[string]any { e := dm("UALICE", "D1", ts, "status"); e["thread_ts"] = parent; return e }(),
			want: &bot.Message{Address: bot.Address{Platform: Platform, Team: testTeam, Channel: "D1", Thread: parent},
				User: "UALICE", UserName: "Name of UALICE", Text: "status", Direct: true},
			wantThread: parent,
		},
		{name: "bot's own message by bot_id", event: func() map[string]any { e := dm("UBOT", "D1", ts, "hi"); e["bot_id"] = "BBOT"; return e }()},
		{name: "bot's own message by user id", event: dm(botUser, "D1", ts, "hello")},
		{name: "message_changed", event: func() map[string]any {
			e := dm("UALICE", "D1", ts, "")
			e["subtype"] = "message_changed"
			e["message"] = map[string]any{"type": "message", "user": "UALICE", "text": "status", "ts": ts}
			return e
		}()},
		{name: "channel join", event: func() map[string]any { e := dm("UALICE", "D1", ts, "joined"); e["subtype"] = "channel_join"; return e }()},
		{name: "channel message without a mention", event: func() map[string]any { e := dm("UALICE", "C1", ts, "status"); e["channel_type"] = "channel"; return e }()},
		{
			name: "thread reply without a mention, for replies threads",
			event: func() map[string]any {
				e := dm("UALICE", "C1", ts, "status")
				e["channel_type"], e["thread_ts"] = "channel", parent
				return e
			}(),
			want: &bot.Message{Address: bot.Address{Platform: Platform, Team: testTeam, Channel: "C1", Thread: parent},
				User: "UALICE", UserName: "Name of UALICE", Text: "status", Unaddressed: true},
			wantThread: parent,
		},
		{name: "group thread root without a mention", event: func() map[string]any {
			e := dm("UALICE", "G1", ts, "status")
			e["channel_type"], e["thread_ts"] = "group", ts
			return e
		}()},
		{name: "edited mention", event: func() map[string]any {
			e := mention("UALICE", "C1", ts, "", "<@UBOT> help")
			e["edited"] = map[string]any{"user": "UALICE", "ts": ts}
			return e
		}()},
		{name: "mention by another bot", event: func() map[string]any {
			e := mention("UOTHER", "C1", ts, "", "<@UBOT> help")
			e["bot_id"] = "BOTHER"
			return e
		}()},
		{name: "event type not subscribed", event: map[string]any{"type": "reaction_added", "user": "UALICE", "reaction": "+1"}},
		{name: "app home messages tab", event: map[string]any{"type": "app_home_opened", "user": "UALICE", "channel": "D1", "tab": "messages"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			core := &stubCore{}
			h := newHarness(t, core, newClaims(t), nil)
			h.event(callback("Ev-"+tt.name, tt.event))
			h.settle()
			got := core.messages()
			if tt.want == nil {
				if len(got) != 0 || h.fake.posts() != 0 {
					t.Fatalf("want it ignored; core got %+v, %d post(s)", got, h.fake.posts())
				}
				if n := h.counter("events", tt.event["type"].(string), outcomeIgnored); n != 1 {
					t.Errorf("ignored count = %v, want 1", n)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("core got %d messages, want 1", len(got))
			}
			if g, w := got[0], *tt.want; g.Address != w.Address || g.User != w.User || g.UserName != w.UserName || g.Text != w.Text || g.Direct != w.Direct || g.Unaddressed != w.Unaddressed || g.Action != nil {
				t.Errorf("message =\n %+v\nwant\n %+v", g, w)
			}
			posts := h.fake.of("chat.postMessage")
			if len(posts) != 1 {
				t.Fatalf("%d posts, want 1", len(posts))
			}
			if got := posts[0].Form.Get("channel"); got != tt.want.Address.Channel {
				t.Errorf("posted to %q, want %q", got, tt.want.Address.Channel)
			}
			if got := posts[0].Form.Get("thread_ts"); got != tt.wantThread {
				t.Errorf("thread_ts = %q, want %q", got, tt.wantThread)
			}
		})
	}
}

func TestRetriedEventIsAnsweredOnce(t *testing.T) {
	h := newRealHarness(t)
	body := callback("EvRetry", mention("UALICE", "C1", "1700000003.000100", "", "<@UBOT> how do we make our service accessible?"))
	h.event(body)
	h.event(body, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")
	h.settle()
	if n := len(h.fake.of("chat.postMessage")); n != 1 {
		t.Errorf("%d answers, want 1", n)
	}
	if n := h.counter("events", "app_mention", outcomeDuplicate); n != 1 {
		t.Errorf("duplicates counted = %v, want 1", n)
	}
}

func TestUnverifiedRequestsAreRejected(t *testing.T) {
	body := callback("EvBad", mention("UALICE", "C1", "1700000004.000100", "", "<@UBOT> project new Sneaky"))
	tests := []struct {
		name string
		req  request
		drop string // a header to remove
		want int
	}{
		{name: "wrong signature", req: request{secret: "not-the-secret"}, want: http.StatusUnauthorized},
		{name: "timestamp 10 minutes old", req: request{at: time.Now().Add(-10 * time.Minute)}, want: http.StatusUnauthorized},
		{name: "timestamp 10 minutes ahead", req: request{at: time.Now().Add(10 * time.Minute)}, want: http.StatusUnauthorized},
		{name: "no signature", drop: "X-Slack-Signature", want: http.StatusUnauthorized},
		{name: "body over 1 MiB", req: request{body: []byte(`{"type":"event_callback","pad":"` + strings.Repeat("x", maxBody) + `"}`)}, want: http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newRealHarness(t)
			r := tt.req
			if r.body == nil {
				r.body = body
			}
			r.contentType = "application/json"
			if tt.drop != "" {
				r.header = map[string]string{tt.drop: ""}
			}
			rec := h.do(r)
			h.settle()
			if rec.Code != tt.want {
				t.Errorf("status %d, want %d", rec.Code, tt.want)
			}
			if n := h.fake.posts(); n != 0 {
				t.Errorf("%d message(s) sent, want none", n)
			}
			// Nothing stored: the event id is still unclaimed, no project.
			if first, err := h.store.Claim(context.Background(), "slack:event:EvBad", time.Now()); err != nil || !first {
				t.Errorf("event id was claimed by a rejected request (first=%v, err=%v)", first, err)
			}
			if n := h.counter("events", "unknown", outcomeRejected); n != 1 {
				t.Errorf("rejected count = %v, want 1", n)
			}
		})
	}
}

func TestURLVerification(t *testing.T) {
	h := newHarness(t, &stubCore{}, newClaims(t), nil)
	rec := h.event([]byte(`{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`))
	var got map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got["challenge"] != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("body %q, err %v; want the challenge back", rec.Body.String(), err)
	}
}

// An event is stored, its id claimed, before it is acknowledged. When the
// database cannot be reached it is not acknowledged, so Slack sends it
// again later, and nothing is done meanwhile: late rather than lost.
func TestStoreDownIsNotAcknowledged(t *testing.T) {
	core := &stubCore{}
	h := newHarness(t, core, closedClaims(t), nil)
	rec := h.do(request{body: callback("EvDown", mention("UALICE", "C1", "1.2", "", "<@UBOT> help")), contentType: "application/json"})
	h.settle()
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("status %d, want 500, which Slack retries", rec.Code)
	}
	if n := len(core.messages()); n != 0 {
		t.Errorf("handled %d times, want none", n)
	}
}

func TestAuthTestFailureFallsBack(t *testing.T) {
	core := &stubCore{}
	h := newHarness(t, core, newClaims(t), func(_ *Config, f *fakeSlack) { f.set(func(f *fakeSlack) { f.authFail = true }) })
	h.event(callback("EvNoAuth", mention("UALICE", "C1", "1.2", "", "<@UBOT> help")))
	h.settle()
	msgs := core.messages()
	if len(msgs) != 1 || msgs[0].Text != "help" {
		t.Fatalf("core got %+v, want one message \"help\"", msgs)
	}
	if n := len(h.fake.of("chat.postMessage")); n != 1 {
		t.Errorf("%d answers, want 1", n)
	}
}
