package govuk

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := WriteFile(filepath.Join(dir, name), []byte(content)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPackUnpack(t *testing.T) {
	src := t.TempDir()
	writeTree(t, src, map[string]string{
		"service-manual/manifest.json":  `{"guides":2}`,
		"service-manual/guides/a.json":  `{"title":"A"}`,
		"service-manual/guides/b.json":  `{"title":"B"}`,
		"bank-holidays.json":            `{}`,
		"service-manual/.a.json.tmp-12": `half`,
	})
	if err := WriteMark(src, Stamp{Version: 3, SHA256: "abc"}); err != nil {
		t.Fatal(err)
	}
	packed, err := Pack(src)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Pack(src)
	if Hash(packed) != Hash(again) {
		t.Error("packing the same files twice gave different bytes")
	}
	names := entryNames(t, packed)
	want := []string{"bank-holidays.json", "service-manual/guides/a.json", "service-manual/guides/b.json", "service-manual/manifest.json"}
	if len(names) != len(want) {
		t.Fatalf("packed %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("packed %v, want %v (manifests last, hidden files left out)", names, want)
		}
	}

	dst := t.TempDir()
	writeTree(t, dst, map[string]string{
		"service-manual/guides/a.json":       `{"title":"old A"}`,
		"service-manual/guides/removed.json": `{}`,
	})
	WriteMark(dst, Stamp{Version: 1, SHA256: "old", FetchedAt: time.Now()})
	if err := Unpack(dst, packed); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dst, "service-manual/guides/a.json")); string(got) != `{"title":"A"}` {
		t.Errorf("a.json = %q", got)
	}
	if _, err := os.Stat(filepath.Join(dst, "service-manual/guides/removed.json")); !os.IsNotExist(err) {
		t.Error("a file the copy no longer has was kept")
	}
	if ReadMark(dst).SHA256 != "old" {
		t.Error("Unpack touched the mark; the caller writes it once the copy is in use")
	}
}

func TestUnpackRefusesPathsOutsideTheFolder(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	tw.WriteHeader(&tar.Header{Name: "../evil.json", Mode: 0o644, Size: 2, Typeflag: tar.TypeReg})
	tw.Write([]byte("{}"))
	tw.Close()
	zw.Close()
	dir := t.TempDir()
	if err := Unpack(filepath.Join(dir, "copy"), buf.Bytes()); err == nil {
		t.Error("unpacked ../evil.json")
	}
	if _, err := os.Stat(filepath.Join(dir, "evil.json")); !os.IsNotExist(err) {
		t.Error("a file was written outside the folder")
	}
}

func entryNames(t *testing.T, packed []byte) []string {
	zr, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	var names []string
	for {
		h, err := tr.Next()
		if err != nil {
			break
		}
		names = append(names, h.Name)
	}
	return names
}
