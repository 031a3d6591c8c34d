package source

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A source that cannot be read is a warning, not a failure, when the
// caller accepts warnings: its last good copy is used, or it is left out.
func TestUnreadableSourcesUseTheirKeptCopy(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "runbook.md")
	if err := os.WriteFile(file, []byte("# Runbook\n\n## Restarts\n\nRestart the queue worker with the blue lever.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var failing atomic.Bool
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if failing.Load() {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><head><title>Hosting</title></head><body><main><h2>Patching</h2><p>Patch the servers every second Tuesday.</p></main></body></html>"))
	}))
	defer site.Close()
	url := site.URL + "/hosting.html"
	keep := filepath.Join(t.TempDir(), "sources")
	var warnings []string
	keptAt := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	opt := Options{Keep: keep, Warn: func(err error) { warnings = append(warnings, err.Error()) }, Now: func() time.Time { return keptAt }}
	first, err := Load(context.Background(), []string{file, url}, opt)
	if err != nil || len(warnings) != 0 {
		t.Fatalf("first load: %v, warnings %v", err, warnings)
	}
	// Each copy is stamped by the clock Options gave.
	kept := openKept(keep, nil)
	if len(kept.Docs) != 2 {
		t.Fatalf("kept %d copies, want 2", len(kept.Docs))
	}
	for name, d := range kept.Docs {
		if !d.KeptAt.Equal(keptAt) {
			t.Errorf("%s kept at %v, want the clock's %v", name, d.KeptAt, keptAt)
		}
	}

	// The file gone and the site failing: both come from their copies.
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	failing.Store(true)
	again, err := Load(context.Background(), []string{file, url}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if again.Hash != first.Hash || len(again.Sections) != len(first.Sections) {
		t.Errorf("from the kept copies: %d sections (hash %s), want the same %d (hash %s)", len(again.Sections), again.Hash[:8], len(first.Sections), first.Hash[:8])
	}
	if len(warnings) != 2 || !strings.Contains(warnings[0]+warnings[1], "runbook.md") || !strings.Contains(warnings[0]+warnings[1], "500") {
		t.Errorf("warnings = %q, want one naming each source", warnings)
	}
	for _, w := range warnings {
		if !strings.Contains(w, "using the copy kept") {
			t.Errorf("warning %q does not say the kept copy is used", w)
		}
	}

	// Nothing kept: left out, with a warning; strict callers still fail.
	warnings = nil
	none, err := Load(context.Background(), []string{file}, Options{Warn: opt.Warn})
	if err != nil || len(none.Sections) != 0 || len(warnings) != 1 || !strings.Contains(warnings[0], "left out") {
		t.Errorf("nothing kept: %v, %d sections, warnings %q", err, len(none.Sections), warnings)
	}
	if _, err := Load(context.Background(), []string{file}, Options{}); err == nil {
		t.Error("a strict load of a missing file succeeded")
	}
}
