package source

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSourceName(t *testing.T) {
	for spec, want := range map[string]string{
		"./our-guidance":          "our-guidance",
		"/srv/docs/Our Guidance/": "our-guidance",
		"playbook.md":             "playbook",
		"https://intranet.example.gov.uk/hosting.html": "hosting",
		"https://www.example.gov.uk/":                  "example.gov.uk",
	} {
		if got := SourceName(spec); got != want {
			t.Errorf("SourceName(%q) = %q, want %q", spec, got, want)
		}
	}
}

// Every section is named after the spec it was listed from, a folder's
// files after the folder.
func TestSectionsNamedAfterTheirSource(t *testing.T) {
	dir := t.TempDir()
	folder := filepath.Join(dir, "our-guidance")
	if err := os.MkdirAll(filepath.Join(folder, "hosting"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p, text string) {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(folder, "hosting", "cloud.md"), "# Cloud\n\nWe host on the cloud.\n")
	write(filepath.Join(dir, "playbook.md"), "# Playbook\n\nHow we work.\n")
	c, err := Load(t.Context(), []string{folder, filepath.Join(dir, "playbook.md")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range c.Sections {
		got[s.Title] = s.SourceName
	}
	if got["Cloud"] != "our-guidance" || got["Playbook"] != "playbook" || len(got) != 2 {
		t.Errorf("sections' source names %v, want Cloud from our-guidance and Playbook from playbook", got)
	}
}
