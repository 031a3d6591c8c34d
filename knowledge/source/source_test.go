package source

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/knowledge"
)

// writeFiles creates files (slash-separated names) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mustLoad(t *testing.T, specs ...string) *knowledge.Corpus {
	t.Helper()
	c, err := Load(context.Background(), specs, Options{})
	if err != nil {
		t.Fatalf("Load(%q): %v", specs, err)
	}
	return c
}

func sourcesOf(c *knowledge.Corpus) []string {
	var out []string
	for _, s := range c.Sections {
		if len(out) == 0 || out[len(out)-1] != s.Source {
			out = append(out, s.Source)
		}
	}
	return out
}

func TestSourcePlainText(t *testing.T) {
	path := filepath.Join("testdata", "sources", "notes.txt")
	c := mustLoad(t, path)
	want := []knowledge.Section{{
		ID:     path + "#",
		Source: path,
		Title:  "Notes",
		URL:    path,
		Text:   "Team notes\n\nWe pair on all changes. Reviews happen daily.\n\n- one\n- two wrapped",
	}}
	for i := range want {
		want[i].SourceName = SourceName(path) // named after the spec
	}
	if !reflect.DeepEqual(c.Sections, want) {
		t.Errorf("sections:\n got %#v\nwant %#v", c.Sections, want)
	}
	if c.Files != 1 || len(c.Standards) != 0 {
		t.Errorf("Files = %d, Standards = %d; want 1 and 0", c.Files, len(c.Standards))
	}
}

func TestSourceFolders(t *testing.T) {
	tests := []struct {
		name      string
		files     map[string]string
		specs     func(dir string) []string
		wantFiles int
		wantSrc   []string // relative to dir
	}{
		{
			name: "recursive, hidden and unsupported skipped",
			files: map[string]string{
				"a.md":             "# A\n\nAlpha text.",
				"sub/b.html":       "<h1>B</h1><p>Beta text.</p>",
				"sub/deeper/c.txt": "Gamma text.",
				"sub/d.markdown":   "Delta text.",
				"sub/e.htm":        "<p>Epsilon text.</p>",
				".hidden/x.md":     "Hidden folder.",
				"sub/.draft.md":    "Hidden file.",
				"image.png":        "not text",
				"notes.pdf":        "not text",
			},
			specs:     func(dir string) []string { return []string{dir} },
			wantFiles: 5,
			wantSrc:   []string{"a.md", "sub/b.html", "sub/d.markdown", "sub/deeper/c.txt", "sub/e.htm"},
		},
		{
			name:      "blank specs skipped, a file named twice read once",
			files:     map[string]string{"a.md": "Alpha text.", "b.txt": "Beta text."},
			specs:     func(dir string) []string { return []string{" ", dir, "", filepath.Join(dir, "a.md") + " "} },
			wantFiles: 2,
			wantSrc:   []string{"a.md", "b.txt"},
		},
		{
			name:      "order of specs does not matter",
			files:     map[string]string{"z.md": "Last.", "m/a.md": "First."},
			specs:     func(dir string) []string { return []string{filepath.Join(dir, "z.md"), filepath.Join(dir, "m")} },
			wantFiles: 2,
			wantSrc:   []string{"m/a.md", "z.md"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tt.files)
			var progress []string
			c, err := Load(context.Background(), tt.specs(dir), Options{
				Progress: func(done, total int, name string) {
					progress = append(progress, fmt.Sprintf("%d/%d %s", done, total, name))
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			if c.Files != tt.wantFiles {
				t.Errorf("Files = %d, want %d", c.Files, tt.wantFiles)
			}
			var want, wantProgress []string
			for i, rel := range tt.wantSrc {
				p := filepath.Join(dir, filepath.FromSlash(rel))
				want = append(want, p)
				wantProgress = append(wantProgress, fmt.Sprintf("%d/%d %s", i+1, len(tt.wantSrc), p))
			}
			if got := sourcesOf(c); !reflect.DeepEqual(got, want) {
				t.Errorf("sources:\n got %q\nwant %q", got, want)
			}
			if !reflect.DeepEqual(progress, wantProgress) {
				t.Errorf("progress:\n got %q\nwant %q", progress, wantProgress)
			}
		})
	}
}

func TestSourceErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"empty/image.png": "x", "empty/.hidden/a.md": "x", "report.pdf": "x"})
	tests := []struct {
		name    string
		spec    string
		want    string
		wantErr error
	}{
		{
			name:    "missing file",
			spec:    filepath.Join(dir, "nope.md"),
			want:    fmt.Sprintf("source %q: no such file or directory (check the path in --source or STANDARDBOT_SOURCES)", filepath.Join(dir, "nope.md")),
			wantErr: fs.ErrNotExist,
		},
		{
			name: "folder without documents",
			spec: filepath.Join(dir, "empty"),
			want: fmt.Sprintf("source %q: no .md, .html or .txt files in the folder (add some, or check the path in --source or STANDARDBOT_SOURCES)", filepath.Join(dir, "empty")),
		},
		{
			name: "unsupported file named directly",
			spec: filepath.Join(dir, "report.pdf"),
			want: fmt.Sprintf("source %q: not a .md, .markdown, .html, .htm or .txt file (convert it or leave it out of --source or STANDARDBOT_SOURCES)", filepath.Join(dir, "report.pdf")),
		},
		{
			name: "other URL scheme",
			spec: "ftp://example.org/guide.md",
			want: `source "ftp://example.org/guide.md": only http and https URLs can be loaded (download the file and give its path)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(context.Background(), []string{tt.spec}, Options{})
			if err == nil {
				t.Fatalf("no error; loaded %d files", c.Files)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.wantErr)
			}
		})
	}
}

func TestSourceHash(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "# A\n\nAlpha text.", "b/c.txt": "Gamma text."})
	first := mustLoad(t, dir)
	if len(first.Hash) != 64 {
		t.Fatalf("Hash = %q, want 64 hex digits", first.Hash)
	}
	if again := mustLoad(t, dir); again.Hash != first.Hash {
		t.Errorf("hash changed between two loads of the same files: %s then %s", first.Hash, again.Hash)
	}
	if split := mustLoad(t, filepath.Join(dir, "b"), filepath.Join(dir, "a.md")); split.Hash != first.Hash {
		t.Errorf("hash depends on how the same files are named: %s and %s", first.Hash, split.Hash)
	}
	writeFiles(t, dir, map[string]string{"a.md": "# A\n\nAlpha texT."})
	if changed := mustLoad(t, dir); changed.Hash == first.Hash {
		t.Errorf("hash did not change when one byte did")
	}
}

func TestSourceCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Load(ctx, []string{filepath.Join("testdata", "sources")}, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestSourceSlugs(t *testing.T) {
	tests := map[string]string{
		"Why it’s important":           "why-its-important",
		"1.  Understand users & needs": "1-understand-users-needs",
		"Caffi â Gwasanaeth":           "caffi-a-gwasanaeth",
		"snake_case -- and  spaces":    "snake-case-and-spaces",
		"???":                          "section",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := anchorSlug(in); got != want {
				t.Errorf("anchorSlug(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

// BenchmarkLoad loads 100 guidance files of typical size and shape.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	page, err := os.ReadFile(filepath.Join("testdata", "sources", "guide.md"))
	if err != nil {
		b.Fatal(err)
	}
	body := strings.Repeat(string(page[strings.Index(string(page), "# Accessibility"):]), 6)
	for i := range 100 {
		name := filepath.Join(dir, fmt.Sprintf("guide-%03d.md", i))
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if _, err := Load(context.Background(), []string{dir}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
