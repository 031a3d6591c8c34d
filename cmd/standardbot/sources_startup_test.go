package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeComesUpWithUnreadableSources: a file that cannot be read and a
// URL answering 500 are each named in one warning, and serve comes up
// and answers from the rest.
func TestServeComesUpWithUnreadableSources(t *testing.T) {
	bin := buildBinary(t)
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "intranet down", http.StatusInternalServerError)
	}))
	defer site.Close()
	dir := t.TempDir()
	broken := filepath.Join(dir, "runbook.md")
	if err := os.Symlink(filepath.Join(dir, "gone.md"), broken); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "hosting.md")
	if err := os.WriteFile(good, []byte("# Hosting\n\n## Patching\n\nPatch the web servers every second Tuesday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	slack := newFakeSlack(t, 0)
	env := append(slackEnv(filepath.Join(dir, "data"), slack), "STANDARDBOT_SOURCES="+strings.Join([]string{broken, site.URL + "/hosting.html", good}, ","))
	p := startServe(t, bin, env...)
	if code, _ := p.mention(t, "C1", "how do we make our service accessible?"); code != http.StatusOK {
		t.Fatalf("mention: HTTP %d", code)
	}
	slack.waitPosts(t, "C1", "point 5", 1, 10*time.Second)
	p.stop(t)
	logs := p.stderr.String()
	for _, name := range []string{"runbook.md", site.URL + "/hosting.html"} {
		if n := strings.Count(logs, name); n != 1 {
			t.Errorf("the log names %s %d times, want one warning:\n%s", name, n, logs)
		}
	}
	if !strings.Contains(logs, "source unreadable") {
		t.Errorf("no warning in the log:\n%s", logs)
	}
}

// TestChatWarnsOfAnUnreadableSource: chat starts and answers, with one
// line naming the source it could not read; ask, run for one answer,
// still fails on it.
func TestChatWarnsOfAnUnreadableSource(t *testing.T) {
	c := newCLI(t)
	missing := filepath.Join(t.TempDir(), "our-playbook.md")
	code, out, errOut := c.run("how do we make our service accessible?\n", "chat", "--source", missing)
	if code != 0 || !strings.Contains(out, "point 5") {
		t.Fatalf("chat: exit %d\n%s\n%s", code, out, errOut)
	}
	if strings.Count(errOut, "our-playbook.md") != 1 || !strings.Contains(errOut, "warning") {
		t.Errorf("want one warning naming the source:\n%s", errOut)
	}
	if code, _, _ := c.run("", "ask", "--source", missing, "accessibility"); code != 1 {
		t.Errorf("ask with a missing source: exit %d, want 1", code)
	}
}
