package govuk

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileReplacesWhole(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a", "guide.json")
	for _, content := range []string{"first", "second, longer"} {
		if err := WriteFile(p, []byte(content)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(p); string(got) != content {
			t.Errorf("read %q, want %q", got, content)
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(p)); len(entries) != 1 {
		t.Errorf("folder holds %d files, want only the guide", len(entries))
	}
}

// TestCrashMidWriteLeavesThePreviousCopy stops a write half way, as a
// crash or a full disk would, and reads the file.
func TestCrashMidWriteLeavesThePreviousCopy(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "manifest.json")
	if err := WriteFile(p, []byte(`{"guides":{"old":{}}}`)); err != nil {
		t.Fatal(err)
	}
	err := writeFileWith(p, func(w io.Writer) error {
		w.Write([]byte(`{"guides":{"new"`))
		return errors.New("disk full")
	})
	if err == nil {
		t.Fatal("a failed write reported success")
	}
	if got, _ := os.ReadFile(p); string(got) != `{"guides":{"old":{}}}` {
		t.Errorf("after a failed write the file reads %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("a failed write left %d files", len(entries))
	}

	// A process killed before the rename leaves its temporary file, which
	// is hidden from loaders and removed by the next CleanTemps.
	stray := filepath.Join(dir, ".manifest.json"+tempMark+"123")
	os.WriteFile(stray, []byte(`{"guid`), 0o644)
	if got, _ := os.ReadFile(p); !bytes.Equal(got, []byte(`{"guides":{"old":{}}}`)) {
		t.Errorf("the kept file reads %q", got)
	}
	CleanTemps(dir)
	if _, err := os.Stat(stray); !os.IsNotExist(err) {
		t.Errorf("CleanTemps left %s", stray)
	}
}
