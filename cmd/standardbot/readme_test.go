package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeForTheNewcomer keeps the README's promises to someone in
// their first hour: the Go version go.mod needs (and the Dockerfile builds
// with), the first build's wait, how the PostgreSQL and Chromium tests run
// rather than skip, and every command in the table.
func TestReadmeForTheNewcomer(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	dockerfile, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(gomod)
	if m == nil {
		t.Fatal("go.mod has no go directive")
	}
	goVersion := string(m[1])
	text := string(readme)
	firstScreen := text[:min(len(text), 1500)]
	for _, want := range []string{"Go " + goVersion, "go run ./cmd/standardbot chat", "go test ./...", "first build", "a few minutes on 2 cores"} {
		if !strings.Contains(firstScreen, want) {
			t.Errorf("the README's first screen does not say %q", want)
		}
	}
	if !strings.Contains(string(dockerfile), "FROM golang:"+goVersion) {
		t.Errorf("the Dockerfile does not build with Go %s, the version go.mod needs", goVersion)
	}
	for _, want := range []string{"STANDARDBOT_TEST_POSTGRES=required", "STANDARDBOT_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test", "chromium", "go test -race ./...", "deploy/compose.yaml", "docker compose"} {
		if !strings.Contains(text, want) {
			t.Errorf("the README does not say %q", want)
		}
	}
	for _, sc := range subcommands {
		if !strings.Contains(text, "| `standardbot "+sc.name) {
			t.Errorf("the README's command table lacks standardbot %s", sc.name)
		}
	}
}
