package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const testSigningSecret = "e2e-signing-secret-0123456789abcdef"

// fakeSlack is a Slack Web API that records what the bot posts.
type fakeSlack struct {
	*httptest.Server
	mu    sync.Mutex
	posts []url.Values
	n     int
	// delay slows every call, so work is in flight when a test stops serve.
	delay time.Duration
	// private are the private channels and their members, for
	// conversations.info and conversations.members; any other channel is
	// public.
	private map[string][]string
	// people are users.info's name and tz of users other than alice.
	people map[string][2]string
}

// newFakeSlack starts the fake; delay slows every call.
func newFakeSlack(t *testing.T, delay time.Duration) *fakeSlack {
	f := &fakeSlack{delay: delay}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		time.Sleep(f.delay)
		method := strings.TrimPrefix(r.URL.Path, "/api/")
		w.Header().Set("Content-Type", "application/json")
		f.mu.Lock()
		defer f.mu.Unlock()
		f.n++
		switch method {
		case "auth.test":
			fmt.Fprint(w, `{"ok":true,"user_id":"UBOT","bot_id":"BBOT","team_id":"T1","user":"standardbot"}`)
		case "users.info":
			if who, ok := f.people[r.Form.Get("user")]; ok {
				fmt.Fprintf(w, `{"ok":true,"user":{"id":%q,"name":%q,"real_name":%q,"tz":%q}}`, r.Form.Get("user"), who[0], who[0], who[1])
				return
			}
			fmt.Fprintf(w, `{"ok":true,"user":{"id":%q,"name":"alice","real_name":"Alice Example"}}`, r.Form.Get("user"))
		case "conversations.open":
			fmt.Fprintf(w, `{"ok":true,"channel":{"id":"D%s"}}`, r.Form.Get("users"))
		case "conversations.info":
			_, private := f.private[r.Form.Get("channel")]
			fmt.Fprintf(w, `{"ok":true,"channel":{"id":%q,"is_channel":true,"is_private":%v}}`, r.Form.Get("channel"), private)
		case "conversations.members":
			members, _ := json.Marshal(f.private[r.Form.Get("channel")])
			fmt.Fprintf(w, `{"ok":true,"members":%s,"response_metadata":{"next_cursor":""}}`, members)
		case "chat.postMessage":
			f.posts = append(f.posts, r.Form)
			fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"%d.%06d"}`, r.Form.Get("channel"), time.Now().Unix(), f.n)
		default:
			fmt.Fprint(w, `{"ok":true}`)
		}
	}))
	t.Cleanup(f.Close)
	return f
}

// postsTo returns the messages posted to a channel.
func (f *fakeSlack) postsTo(channel string) []url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []url.Values
	for _, p := range f.posts {
		if p.Get("channel") == channel {
			out = append(out, p)
		}
	}
	return out
}

// text is everything a person reads in a posted message.
func text(p url.Values) string { return p.Get("text") + "\n" + p.Get("blocks") }

// waitPosts waits until a channel has at least n posts matching.
func (f *fakeSlack) waitPosts(t *testing.T, channel, contains string, n int, within time.Duration) []url.Values {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		var got []url.Values
		for _, p := range f.postsTo(channel) {
			if strings.Contains(text(p), contains) {
				got = append(got, p)
			}
		}
		if len(got) >= n || time.Now().After(deadline) {
			if len(got) < n {
				t.Fatalf("%d posts to %s containing %q within %s, want %d", len(got), channel, contains, within, n)
			}
			return got
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// serveProc is a running `standardbot serve`.
type serveProc struct {
	cmd    *exec.Cmd
	url    string
	stderr *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func freePort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServe runs the binary with the environment given and waits until
// it is ready.
func startServe(t *testing.T, bin string, env ...string) *serveProc {
	t.Helper()
	return startServeOn(t, bin, freePort(t), env...)
}

// startServeOn is startServe listening on addr.
func startServeOn(t *testing.T, bin, addr string, env ...string) *serveProc {
	t.Helper()
	cmd := exec.Command(bin, "serve")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), append([]string{"STANDARDBOT_HTTP_ADDR=" + addr, "OPENAI_API_KEY=", "OPENAI_BASE_URL=", "SLACK_APP_TOKEN=", "STANDARDBOT_SOURCES="}, env...)...)
	p := &serveProc{cmd: cmd, url: "http://" + addr, stderr: &syncBuffer{}}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(p.url + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("serve did not become ready:\n%s", p.stderr.String())
	return nil
}

// stop sends SIGTERM and waits for the exit, returning how long it took.
func (p *serveProc) stop(t *testing.T) time.Duration {
	t.Helper()
	start := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Wait(); err != nil {
		t.Errorf("serve exited with %v:\n%s", err, p.stderr.String())
	}
	return time.Since(start)
}

var eventSeq struct {
	sync.Mutex
	n int
}

// mention sends a signed app_mention and returns the HTTP status and the
// message's ts (the thread the reply belongs in).
func (p *serveProc) mention(t *testing.T, channel, words string) (int, string) {
	t.Helper()
	eventSeq.Lock()
	eventSeq.n++
	n := eventSeq.n
	eventSeq.Unlock()
	ts := fmt.Sprintf("%d.%06d", time.Now().Unix(), n)
	body := fmt.Sprintf(`{"type":"event_callback","team_id":"T1","api_app_id":"A1","event_id":"Ev%d_%d","event_time":%d,`+
		`"event":{"type":"app_mention","user":"U1","text":"<@UBOT> %s","ts":%q,"channel":%q,"event_ts":%q}}`,
		time.Now().UnixNano(), n, time.Now().Unix(), words, ts, channel, ts)
	code := p.post(t, body)
	return code, ts
}

func (p *serveProc) post(t *testing.T, body string) int {
	t.Helper()
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte(testSigningSecret))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	req, _ := http.NewRequest(http.MethodPost, p.url+"/slack/events", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func slackEnv(dir string, slack *fakeSlack) []string {
	return []string{"STANDARDBOT_DATA_DIR=" + dir, "SLACK_SIGNING_SECRET=" + testSigningSecret,
		"SLACK_BOT_TOKEN=xoxb-e2e-test", "SLACK_API_URL=" + slack.URL + "/api/"}
}

// TestServeAnswersAMentionInItsThread is the new user's first Slack
// exchange, end to end through the binary.
func TestServeAnswersAMentionInItsThread(t *testing.T) {
	bin := buildBinary(t)
	slack := newFakeSlack(t, 0)
	p := startServe(t, bin, slackEnv(t.TempDir(), slack)...)
	start := time.Now()
	code, ts := p.mention(t, "C1", "how do we make our service accessible?")
	if code != http.StatusOK || time.Since(start) > 3*time.Second {
		t.Fatalf("ack %d after %s", code, time.Since(start))
	}
	post := slack.waitPosts(t, "C1", "point 5", 1, 10*time.Second)[0]
	if post.Get("thread_ts") != ts {
		t.Errorf("answer posted in thread %q, want the mention's %q", post.Get("thread_ts"), ts)
	}
	if !strings.Contains(text(post), "Make sure everyone can use the service") || !strings.Contains(text(post), "point-5-make-sure-everyone-can-use-the-service") {
		t.Errorf("answer lacks the title or link:\n%s", text(post))
	}
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		resp, err := http.Get(p.url + path)
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("GET %s: %v %v", path, resp, err)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if path == "/metrics" && !strings.Contains(string(body), `standardbot_answers_total{status="answered"} 1`) {
			t.Errorf("metrics lack the answer count:\n%s", body)
		}
		// The memory budget is watched through the runtime's and the
		// process's own series (gc.go).
		for _, series := range []string{"go_memstats_heap_alloc_bytes ", "go_gc_duration_seconds_count ", "go_gc_gomemlimit_bytes ", "process_resident_memory_bytes "} {
			if path == "/metrics" && !strings.Contains(string(body), "\n"+series) {
				t.Errorf("metrics lack %s", series)
			}
		}
	}
	if d := p.stop(t); d > 10*time.Second {
		t.Errorf("stopping took %s", d)
	}
	if strings.Contains(p.stderr.String(), "xoxb-e2e-test") || strings.Contains(p.stderr.String(), testSigningSecret) {
		t.Error("a secret reached the log")
	}
}

// TestSIGTERMDuringLoad keeps sending events, stops the server part way,
// and checks every event it acknowledged was answered before it exited.
func TestSIGTERMDuringLoad(t *testing.T) {
	bin := buildBinary(t)
	slack := newFakeSlack(t, 300*time.Millisecond)
	p := startServe(t, bin, slackEnv(t.TempDir(), slack)...)
	var (
		mu    sync.Mutex
		acked = map[string]string{} // ts -> channel
		wg    sync.WaitGroup
	)
	stopSending := make(chan struct{})
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stopSending:
					return
				default:
				}
				ch := fmt.Sprintf("CL%d_%d", w, i)
				if code, ts := p.mention(t, ch, "what should we do if the service goes offline?"); code == http.StatusOK {
					mu.Lock()
					acked[ts] = ch
					mu.Unlock()
				}
				time.Sleep(20 * time.Millisecond)
			}
		}()
	}
	// Stop once 20 events are acknowledged, however long this machine
	// takes to get there (the deadline only stops a hang).
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 20 {
			break
		}
	}
	took := p.stop(t)
	close(stopSending)
	wg.Wait()
	if took > 10*time.Second {
		t.Errorf("exit took %s, want under 10 s", took)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(acked) < 20 {
		t.Fatalf("only %d events acknowledged before the stop", len(acked))
	}
	for ts, ch := range acked {
		found := false
		for _, post := range slack.postsTo(ch) {
			found = found || post.Get("thread_ts") == ts
		}
		if !found {
			t.Errorf("event %s in %s was acknowledged but never answered", ts, ch)
		}
	}
	t.Logf("%d events acknowledged, all answered; exit took %s", len(acked), took)
}
