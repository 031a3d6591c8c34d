package govuk

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// tempMark is in the name of a file being written. Such files start with a
// dot, so loaders and Pack pass over them; one left by a crash is removed by
// the next CleanTemps.
const tempMark = ".tmp-"

// WriteFile writes data to path whole or not at all: into a temporary file
// in the same folder, flushed to disk, then renamed over path. A reader, or
// a restart after a crash at any moment, finds the old file or the new one,
// never part of one. Missing folders are created.
func WriteFile(path string, data []byte) error {
	return writeFileWith(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeFileWith is WriteFile with the content written by write.
func writeFileWith(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("keep %s: %w", base, err)
	}
	f, err := os.CreateTemp(dir, "."+base+tempMark+"*")
	if err != nil {
		return fmt.Errorf("keep %s: %w", base, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("keep %s: %w", base, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("keep %s: %w", base, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("keep %s: %w", base, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("keep %s: %w", base, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("keep %s: %w", base, err)
	}
	syncDir(dir)
	return nil
}

// syncDir flushes a folder's entries, so a rename survives a power cut.
// Best effort: some systems cannot sync a folder.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// CleanTemps removes temporary files a crash left under dir.
func CleanTemps(dir string) {
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && isTemp(d.Name()) {
			os.Remove(p)
		}
		return nil
	})
}

func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, tempMark)
}
