package govuk

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder is a test server that answers with a handler and records when
// each request arrived.
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	at   []time.Time
	ua   []string
	path []string
}

func newRecorder(t *testing.T, h http.HandlerFunc) *recorder {
	r := &recorder{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.at = append(r.at, time.Now())
		r.ua = append(r.ua, req.Header.Get("User-Agent"))
		r.path = append(r.path, req.URL.Path)
		r.mu.Unlock()
		h(w, req)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.at)
}

func newTestClient(t *testing.T, base string, opt Options) *Client {
	t.Helper()
	opt.BaseURL = base
	if opt.Version == "" {
		opt.Version = "1.2.3"
	}
	if opt.Backoff == 0 {
		opt.Backoff = 10 * time.Millisecond
	}
	c, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestGetSaysWhoItIsAndKeepsToTheRate(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{}`)) })
	c := newTestClient(t, srv.URL, Options{})
	var wg sync.WaitGroup
	for range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Content(context.Background(), "/service-manual"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for i, ua := range srv.ua {
		if ua != "standardbot/1.2.3 (+https://github.com/standardbot/standardbot)" {
			t.Fatalf("request %d User-Agent = %q", i, ua)
		}
		if srv.path[i] != "/api/content/service-manual" {
			t.Fatalf("request %d path = %q", i, srv.path[i])
		}
	}
	// Any six consecutive requests span at least a second: never more
	// than five in a second, even from twelve goroutines at once.
	for i := 5; i < len(srv.at); i++ {
		if d := srv.at[i].Sub(srv.at[i-5]); d < 980*time.Millisecond {
			t.Errorf("requests %d to %d arrived within %s", i-5, i, d)
		}
	}
}

func TestGetRetries(t *testing.T) {
	tests := []struct {
		name      string
		fail      []int // statuses before success
		header    string
		wantN     int
		wantErr   int // final status, 0 for success
		wantSlept time.Duration
	}{
		{name: "429 honours Retry-After", fail: []int{429}, header: "1", wantN: 2, wantSlept: time.Second},
		{name: "503 then 502 then success", fail: []int{503, 502}, wantN: 3},
		{name: "500 every time gives up after the retries", fail: []int{500, 500, 500, 500, 500, 500}, wantN: 3, wantErr: 500},
		{name: "404 is not retried", fail: []int{404}, wantN: 1, wantErr: 404},
		{name: "Retry-After too long is not waited for", fail: []int{429}, header: "3600", wantN: 1, wantErr: 429},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			n := 0
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				defer mu.Unlock()
				n++
				if n <= len(tc.fail) {
					if tc.header != "" {
						w.Header().Set("Retry-After", tc.header)
					}
					w.WriteHeader(tc.fail[n-1])
					return
				}
				w.Write([]byte(`{"ok":true}`))
			})
			c := newTestClient(t, srv.URL, Options{Retries: 2, Rate: 1000})
			start := time.Now()
			body, err := c.Get(context.Background(), "/x")
			took := time.Since(start)
			if srv.count() != tc.wantN {
				t.Errorf("%d requests, want %d", srv.count(), tc.wantN)
			}
			var se *StatusError
			switch {
			case tc.wantErr == 0 && (err != nil || string(body) != `{"ok":true}`):
				t.Errorf("got %q, %v", body, err)
			case tc.wantErr != 0 && (!errors.As(err, &se) || se.Code != tc.wantErr):
				t.Errorf("err = %v, want HTTP %d", err, tc.wantErr)
			}
			if took < tc.wantSlept {
				t.Errorf("took %s, want at least the Retry-After %s", took, tc.wantSlept)
			}
		})
	}
}

func TestUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	// A retry would wait the hour's backoff: a minute tells that from
	// none on any machine.
	c := newTestClient(t, "http://"+addr, Options{Retries: 3, Backoff: time.Hour})
	start := time.Now()
	_, err = c.Content(context.Background(), "/service-manual")
	if took := time.Since(start); took > time.Minute {
		t.Errorf("took %s: a refused connection is not worth retrying", took)
	}
	if !IsUnreachable(err) || !strings.Contains(err.Error(), "GOV.UK unreachable at http://"+addr) || strings.Contains(err.Error(), "\n") {
		t.Errorf("err = %v, want one line saying GOV.UK is unreachable", err)
	}
}

func TestRequestTimeoutAndSizeLimit(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			<-r.Context().Done() // no answer until the client gives up
			return
		}
		w.Write([]byte(strings.Repeat("x", 2000)))
	})
	c := newTestClient(t, srv.URL, Options{Timeout: 50 * time.Millisecond, Retries: -1, MaxBytes: 1000, Rate: 1000})
	if _, err := c.Get(context.Background(), "/slow"); !IsUnreachable(err) || !strings.Contains(err.Error(), "no answer within 50ms") {
		t.Errorf("slow: %v", err)
	}
	var tl *TooLargeError
	if _, err := c.Get(context.Background(), "/big"); !errors.As(err, &tl) {
		t.Errorf("big: %v", err)
	}
}

func TestNewRejectsABadBaseURL(t *testing.T) {
	for _, u := range []string{"ftp://www.gov.uk", "www.gov.uk", "http://"} {
		if _, err := New(Options{BaseURL: u}); err == nil {
			t.Errorf("New(%q) accepted", u)
		}
	}
}
