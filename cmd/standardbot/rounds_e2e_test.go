package main

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"

	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
)

// testClock is the clock file the serve processes read (testClockEnv):
// the test moves it to each moment of a round instead of waiting hours.
type testClock struct {
	path    string
	base    time.Time
	written time.Time
}

func newTestClock(t *testing.T, at time.Time) *testClock {
	c := &testClock{path: filepath.Join(t.TempDir(), "clock")}
	c.set(t, at)
	return c
}

// set moves the clock to at; it runs on from there.
func (c *testClock) set(t *testing.T, at time.Time) {
	t.Helper()
	tmp := c.path + ".tmp"
	if err := os.WriteFile(tmp, []byte(at.Format(time.RFC3339Nano)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, c.path); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(c.path)
	if err != nil {
		t.Fatal(err)
	}
	c.base, c.written = at, fi.ModTime()
}

func (c *testClock) now() time.Time { return c.base.Add(time.Since(c.written)) }

// signed posts a Slack request signed at the test clock's time, which is
// the time serve checks the signature's timestamp against.
func (c *testClock) signed(t *testing.T, p *serveProc, contentType, body string) {
	t.Helper()
	stamp := strconv.FormatInt(c.now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(testSigningSecret))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	req, _ := http.NewRequest(http.MethodPost, p.url+"/slack/events", strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("slack request: HTTP %d", resp.StatusCode)
	}
}

// event posts an Events API callback with the inner event given.
func (c *testClock) event(t *testing.T, p *serveProc, inner string) {
	eventSeq.Lock()
	eventSeq.n++
	n := eventSeq.n
	eventSeq.Unlock()
	ts := fmt.Sprintf("%d.%06d", c.now().Unix(), n)
	c.signed(t, p, "application/json", fmt.Sprintf(`{"type":"event_callback","team_id":"T1","api_app_id":"A1","event_id":"EvR%d_%d","event_time":%d,"event":%s}`,
		time.Now().UnixNano(), n, c.now().Unix(), strings.ReplaceAll(inner, "TS", ts)))
}

// say mentions the bot in channel as U1 and waits for the reply.
func (c *testClock) say(t *testing.T, p *serveProc, slack *fakeSlack, channel, words, want string) {
	t.Helper()
	before := countPosts(slack, channel, want)
	c.event(t, p, fmt.Sprintf(`{"type":"app_mention","user":"U1","text":"<@UBOT> %s","ts":"TS","channel":%q,"event_ts":"TS"}`, words, channel))
	slack.waitPosts(t, channel, want, before+1, 15*time.Second)
}

// dm is a person's direct message to the bot; it waits for the reply.
func (c *testClock) dm(t *testing.T, p *serveProc, slack *fakeSlack, user, text, want string) {
	t.Helper()
	before := countPosts(slack, "D"+user, want)
	c.event(t, p, fmt.Sprintf(`{"type":"message","channel_type":"im","user":%q,"text":%q,"ts":"TS","channel":"D%s","event_ts":"TS"}`, user, text, user))
	slack.waitPosts(t, "D"+user, want, before+1, 15*time.Second)
}

// press is a person pressing a button of the bot's in their direct
// conversation.
func (c *testClock) press(t *testing.T, p *serveProc, user, command string) {
	t.Helper()
	payload := fmt.Sprintf(`{"type":"block_actions","team":{"id":"T1"},"user":{"id":%q,"team_id":"T1"},"channel":{"id":"D%s"},`+
		`"container":{"channel_id":"D%s","message_ts":"1.000001"},"actions":[{"action_id":"sb_act_0","block_id":"b1","value":%q,"type":"button"}]}`, user, user, user, command)
	c.signed(t, p, "application/x-www-form-urlencoded", "payload="+url.QueryEscape(payload))
}

// roundSlack is the fake Slack with the three members: Ana and Cal in
// London, Ben in New York, as users.info says.
func roundSlack(t *testing.T) *fakeSlack {
	slack := newFakeSlack(t, 0)
	slack.people = map[string][2]string{"UANA": {"Ana", "Europe/London"}, "UBEN": {"Ben", "America/New_York"}, "UCAL": {"Cal", "Europe/London"}}
	return slack
}

// day is Wednesday 31 March 2027, after the clocks went forward in both
// zones: 09:30 is 08:30 UTC in London and 13:30 UTC in New York.
func roundAt(h, m int) time.Time { return time.Date(2027, 3, 31, h, m, 0, 0, time.UTC) }

// roundFirstHalf sets the stand-up up on a, asks Ana and Cal at 09:30
// London, and has Ana answer with a blocker and Cal answer only by
// pressing a status button, through b.
func roundFirstHalf(t *testing.T, clock *testClock, slack *fakeSlack, a, b *serveProc) {
	clock.say(t, a, slack, "CROUND", "project new Round trip", "Created project")
	clock.say(t, a, slack, "CROUND", "timezone Europe/London", "now uses Europe/London")
	clock.say(t, a, slack, "CROUND", "standup at 09:30", "Stand-up prompts")
	clock.say(t, a, slack, "CROUND", "standup members <@UANA> <@UBEN> <@UCAL>", "Ben, America/New_York")
	clock.set(t, roundAt(8, 30))
	slack.waitPosts(t, "DUANA", "What moved", 1, 20*time.Second)
	slack.waitPosts(t, "DUCAL", "What moved", 1, 20*time.Second)
	if n := countPosts(slack, "DUBEN", "What moved"); n != 0 {
		t.Errorf("Ben asked at 04:30 his time")
	}
	clock.dm(t, b, slack, "UANA", "Drafted the research plan\nUsability testing next\nwaiting for the DPIA sign-off", "in the stand-up summary")
	before := len(slack.postsTo("DUCAL"))
	clock.press(t, b, "UCAL", "mark 1 met")
	if got := slack.waitPosts(t, "DUCAL", "", before+1, 15*time.Second); !strings.Contains(text(got[len(got)-1]), "met") {
		t.Errorf("the status button's reply: %s", text(got[len(got)-1]))
	}
}

// roundSecondHalf asks Ben at 09:30 New York, reminds him once, and
// posts the summary after his window; then checks nothing went twice.
func roundSecondHalf(t *testing.T, clock *testClock, slack *fakeSlack) {
	clock.set(t, roundAt(13, 30))
	slack.waitPosts(t, "DUBEN", "What moved", 1, 20*time.Second)
	clock.set(t, roundAt(14, 30))
	slack.waitPosts(t, "DUBEN", "A reminder", 1, 20*time.Second)
	clock.set(t, roundAt(15, 30).Add(5*time.Second))
	summary := text(slack.waitPosts(t, "CROUND", "Stand-up summary", 1, 20*time.Second)[0])
	blocker, answered := strings.Index(summary, "Ana: waiting for the DPIA sign-off"), strings.Index(summary, "Answered")
	if blocker < 0 || answered < blocker {
		t.Errorf("the summary does not list the blocker first:\n%s", summary)
	}
	for _, want := range []string{"No answer from: Ben", "not-started → met (Cal)", "Cal: changed a point's status"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary lacks %q:\n%s", want, summary)
		}
	}
	time.Sleep(4 * time.Second) // several more ticks
	for _, c := range []struct{ channel, what string }{{"DUANA", "What moved"}, {"DUCAL", "What moved"}, {"DUBEN", "What moved"},
		{"DUBEN", "A reminder"}, {"DUANA", "A reminder"}, {"DUCAL", "A reminder"}, {"CROUND", "Stand-up summary"}} {
		want := 1
		if c.what == "A reminder" && c.channel != "DUBEN" {
			want = 0
		}
		if n := countPosts(slack, c.channel, c.what); n != want {
			t.Errorf("%d of %q to %s, want %d", n, c.what, c.channel, want)
		}
	}
}

// TestStandupRoundOnceAcrossRestart: three members asked in direct
// messages at 09:30 their time in two zones; one answers with a blocker,
// one presses a status button and answers, one does not and is reminded
// once; one summary after the last window; serve restarted half way
// sends nothing twice.
func TestStandupRoundOnceAcrossRestart(t *testing.T) {
	bin := buildBinary(t)
	slack := roundSlack(t)
	clock := newTestClock(t, roundAt(8, 0))
	env := append(slackEnv(t.TempDir(), slack), "STANDARDBOT_TICK=1s", testClockEnv+"="+clock.path)
	p := startServe(t, bin, env...)
	roundFirstHalf(t, clock, slack, p, p)
	p.stop(t)
	p = startServe(t, bin, env...)
	roundSecondHalf(t, clock, slack)
	p.stop(t)
}

// TestStandupRoundOnceAcrossReplicas: the same round with two serve
// processes on one PostgreSQL database, each event to either.
func TestStandupRoundOnceAcrossReplicas(t *testing.T) {
	dbURL := pgtest.FreshSchema(t)
	bin := buildBinary(t)
	slack := roundSlack(t)
	clock := newTestClock(t, roundAt(8, 0))
	env := func() []string {
		return append(slackEnv(t.TempDir(), slack), "STANDARDBOT_TICK=1s", "STANDARDBOT_DATABASE="+dbURL, testClockEnv+"="+clock.path)
	}
	a, b := startServe(t, bin, env()...), startServe(t, bin, env()...)
	roundFirstHalf(t, clock, slack, a, b)
	roundSecondHalf(t, clock, slack)
	a.stop(t)
	b.stop(t)
}
