package source

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeSite serves the test documents, and records the User-Agent of every
// request so tests can check it.
func fakeSite(t *testing.T) (*httptest.Server, func() []string) {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", "sources", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var mu sync.Mutex
	var agents []string
	serve := func(ctype string, body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			agents = append(agents, r.Header.Get("User-Agent"))
			mu.Unlock()
			w.Header().Set("Content-Type", ctype)
			w.Write(body)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/cookies", serve("text/html; charset=utf-8", read("page.html")))
	mux.Handle("/guide", serve("text/markdown; charset=utf-8", read("guide.md")))
	mux.Handle("/raw/team-standard.md", serve("text/plain; charset=utf-8", read("team-standard.md")))
	mux.Handle("/notes", serve("text/plain", read("notes.txt")))
	mux.Handle("/report", serve("application/pdf", []byte("%PDF-1.7")))
	big := []byte(strings.Repeat("x", 2048))
	mux.Handle("/big", serve("text/plain", big))
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 4 {
			w.Write(big[:512])
			w.(http.Flusher).Flush() // no Content-Length: the limit must hold while reading
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), agents...)
	}
}

func TestFetchDocuments(t *testing.T) {
	srv, agents := fakeSite(t)
	t.Run("HTML page", func(t *testing.T) {
		u := srv.URL + "/cookies"
		c := mustLoad(t, u)
		if len(c.Sections) != 4 {
			t.Fatalf("got %d sections, want 4", len(c.Sections))
		}
		s := c.Sections[1]
		if s.Source != u || s.ID != u+"#analytics-cookies" || s.URL != u+"#analytics-cookies" || s.Title != "Cookies guidance – Example" {
			t.Errorf("section = %#v", s)
		}
	})
	t.Run("Markdown by content type, cited at its front matter url", func(t *testing.T) {
		u := srv.URL + "/guide"
		c := mustLoad(t, u)
		if len(c.Sections) != 3 {
			t.Fatalf("got %d sections, want 3", len(c.Sections))
		}
		s := c.Sections[1]
		if s.Source != u || s.ID != u+"#test-with-users" || s.URL != "https://example.org/guide#test-with-users" {
			t.Errorf("section = %#v", s)
		}
	})
	t.Run("Markdown standard by extension when served as text", func(t *testing.T) {
		u := srv.URL + "/raw/team-standard.md#ignored"
		c := mustLoad(t, u)
		if len(c.Standards) != 1 {
			t.Fatalf("got %d standards, want 1", len(c.Standards))
		}
		s := c.Standards[0]
		if s.ID != "team-standard" || len(s.Points) != 2 || s.Path != srv.URL+"/raw/team-standard.md" {
			t.Errorf("standard id %q with %d points from %q", s.ID, len(s.Points), s.Path)
		}
	})
	t.Run("plain text cited at the fetched URL", func(t *testing.T) {
		u := srv.URL + "/notes"
		c := mustLoad(t, u)
		if len(c.Sections) != 1 || c.Sections[0].URL != u || c.Sections[0].Title != "Notes" {
			t.Fatalf("sections = %#v", c.Sections)
		}
	})
	for _, a := range agents() {
		if a != "standardbot" {
			t.Errorf("User-Agent = %q, want standardbot", a)
		}
	}
}

func TestFetchErrors(t *testing.T) {
	srv, _ := fakeSite(t)
	tests := []struct {
		name    string
		path    string
		opt     Options
		want    string // after `source "URL": `
		wantErr error
	}{
		{name: "not found", path: "/missing", want: "HTTP 404 Not Found (check the URL opens in a browser without logging in)"},
		{name: "over size with length", path: "/big", opt: Options{MaxBytes: 1024}, want: "larger than 1 KiB limit (split it into smaller documents)"},
		{name: "over size while reading", path: "/big-chunked", opt: Options{MaxBytes: 1000}, want: "larger than 1000 bytes limit (split it into smaller documents)"},
		{name: "unsupported type", path: "/report", want: "unsupported content type application/pdf (give an HTML, Markdown or text page)"},
		{
			name:    "timeout",
			path:    "/slow",
			opt:     Options{HTTPClient: &http.Client{Timeout: 50 * time.Millisecond}},
			want:    "timed out after 50ms (check the URL, or try again when the site responds)",
			wantErr: context.DeadlineExceeded,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := srv.URL + tt.path
			_, err := Load(context.Background(), []string{u}, tt.opt)
			if err == nil {
				t.Fatal("no error")
			}
			if want := "source " + strconv.Quote(u) + ": " + tt.want; err.Error() != want {
				t.Errorf("error:\n got %s\nwant %s", err, want)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.wantErr)
			}
		})
	}
}

func TestFetchUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL + "/gone"
	srv.Close()
	_, err := Load(context.Background(), []string{u}, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "source "+strconv.Quote(u)+": ") || !strings.HasSuffix(err.Error(), "(check the URL and the network)") {
		t.Errorf("err = %v, want the URL named and a hint", err)
	}
}
