package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/internal/govuk/govuktest"
)

// chatSession is `standardbot chat` running in process, fed line by line.
type chatSession struct {
	in     *io.PipeWriter
	out    *syncBuffer
	errOut *syncBuffer
	done   chan int
}

func startChat(t *testing.T) *chatSession {
	t.Helper()
	r, w := io.Pipe()
	s := &chatSession{in: w, out: &syncBuffer{}, errOut: &syncBuffer{}, done: make(chan int, 1)}
	go func() { s.done <- run(t.Context(), []string{"chat"}, r, s.out, s.errOut) }()
	t.Cleanup(func() { w.Close() })
	return s
}

// say types a line and waits until the output holds want.
func (s *chatSession) say(t *testing.T, line, want string, within time.Duration) {
	t.Helper()
	fmt.Fprintln(s.in, line)
	waitFor(t, s.out, want, within)
}

// waitFor waits until b holds want.
func waitFor(t *testing.T, b *syncBuffer, want string, within time.Duration) {
	t.Helper()
	for deadline := time.Now().Add(within); !strings.Contains(b.String(), want); {
		if time.Now().After(deadline) {
			t.Fatalf("no %q within %s in:\n%s", want, within, b.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// quit ends the chat and returns its exit status.
func (s *chatSession) quit(t *testing.T) int {
	t.Helper()
	s.in.Close()
	select {
	case code := <-s.done:
		return code
	case <-time.After(10 * time.Second):
		t.Fatal("chat did not end within 10 s of EOF")
		return -1
	}
}

func TestChatWithGOVUKUnreachableAnswersAtOnce(t *testing.T) {
	t.Run("nothing listening", func(t *testing.T) {
		site := govuktest.NewSite(t)
		withGOVUK(t, site)
		site.Close()
		s := startChat(t)
		s.say(t, "how do we make our service accessible?", "point 5", 15*time.Second)
		waitFor(t, s.errOut, "GOV.UK unreachable", 5*time.Second)
		if code := s.quit(t); code != 0 {
			t.Errorf("exit %d", code)
		}
		var lines []string
		for line := range strings.Lines(s.errOut.String()) {
			if strings.Contains(line, "GOV.UK") {
				lines = append(lines, line)
			}
		}
		if len(lines) != 1 || !strings.HasPrefix(lines[0], "standardbot: read the Service Manual's contents: GOV.UK unreachable at http://127.0.0.1") ||
			!strings.Contains(lines[0], "answering from the built-in standards (no copy of the Service Manual is kept yet)") {
			t.Errorf("want one terminal line saying GOV.UK is unreachable, got:\n%s", s.errOut.String())
		}
	})
	t.Run("GOV.UK never answers", func(t *testing.T) {
		hung := make(chan struct{})
		srv := newHungServer(t, hung)
		newCLI(t)
		t.Setenv("STANDARDBOT_GOVUK", "service-manual,bank-holidays")
		t.Setenv("STANDARDBOT_GOVUK_URL", srv)
		// Answered while GOV.UK has answered nothing: chat does not wait.
		s := startChat(t)
		s.say(t, "how do we make our service accessible?", "point 5", 15*time.Second)
		// Waiting for the fetch would take at least the 20 s a request
		// to GOV.UK may take (govuk.DefaultTimeout): 15 s tells the two
		// apart however busy the machine.
		start := time.Now()
		if code := s.quit(t); code != 0 || time.Since(start) > 15*time.Second {
			t.Errorf("exit %d after %s: leaving must not wait for the fetch", code, time.Since(start))
		}
		close(hung)
	})
}

// newHungServer accepts requests and answers none until release closes.
func newHungServer(t *testing.T, release chan struct{}) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestChatFetchesTheManualInTheBackground(t *testing.T) {
	site := govuktest.NewSite(t)
	withGOVUK(t, site)
	s := startChat(t)
	// Answered from the built-in standards before the manual, fetched at
	// five requests a second (two seconds at least), is in use.
	s.say(t, "how do we make our service accessible?", "point 5", 15*time.Second)
	if strings.Contains(s.errOut.String(), "answers now use it") {
		t.Error("the first answer waited for the fetch")
	}
	waitFor(t, s.errOut, "answers now use it", 30*time.Second)
	s.say(t, pentestQuestion, govuktest.GuideURL(pentestGuide)+pentestAnchor, 5*time.Second)
	if code := s.quit(t); code != 0 {
		t.Errorf("exit %d:\n%s", code, s.errOut.String())
	}

	// Started again within the day, chat uses the kept copy and fetches
	// nothing.
	site.Reset()
	s = startChat(t)
	s.say(t, pentestQuestion, govuktest.GuideURL(pentestGuide)+pentestAnchor, 5*time.Second)
	s.quit(t)
	if n := len(site.Requests()); n != 0 {
		t.Errorf("a fresh kept copy was fetched again: %d requests", n)
	}
}
