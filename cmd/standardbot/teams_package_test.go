package main

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// teamsDeveloperFlags are an organisation's name and pages for
// teams-package.
var teamsDeveloperFlags = []string{
	"--developer-name", "Borsetshire County Council",
	"--website-url", "https://www.borsetshire.gov.uk/digital",
	"--privacy-url", "https://www.borsetshire.gov.uk/privacy/standardbot",
	"--terms-url", "https://www.borsetshire.gov.uk/terms",
}

// packagedDeveloper reads the developer block of a package's manifest.
func packagedDeveloper(t *testing.T, path string) map[string]any {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var m struct {
		Developer map[string]any `json:"developer"`
	}
	if err := json.NewDecoder(f).Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m.Developer
}

func TestTeamsPackageWritesTheDevelopersNameAndPages(t *testing.T) {
	c := newCLI(t)
	out := filepath.Join(t.TempDir(), "app.zip")
	code, stdout, errOut := c.run("", append([]string{"teams-package", "--app-id", teamsAppID, "--out", out}, teamsDeveloperFlags...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, stdout, errOut)
	}
	if !strings.Contains(stdout, "Teams admin centre") {
		t.Errorf("stdout %q does not give the admin centre route", stdout)
	}
	want := map[string]any{
		"name": "Borsetshire County Council", "websiteUrl": "https://www.borsetshire.gov.uk/digital",
		"privacyUrl": "https://www.borsetshire.gov.uk/privacy/standardbot", "termsOfUseUrl": "https://www.borsetshire.gov.uk/terms",
	}
	if got := packagedDeveloper(t, out); !mapsEqual(got, want) {
		t.Errorf("developer %v, want %v", got, want)
	}

	// The same from the variables, a flag overriding one of them.
	t.Setenv("TEAMS_APP_ID", teamsAppID)
	t.Setenv("TEAMS_DEVELOPER_NAME", "Ambridge District Council")
	t.Setenv("TEAMS_WEBSITE_URL", "https://www.ambridge.gov.uk")
	t.Setenv("TEAMS_PRIVACY_URL", "https://www.ambridge.gov.uk/privacy")
	t.Setenv("TEAMS_TERMS_URL", "https://www.ambridge.gov.uk/terms")
	if code, stdout, errOut := c.run("", "teams-package", "--out", out, "--terms-url", "https://www.ambridge.gov.uk/terms-of-use"); code != 0 {
		t.Fatalf("from the variables: exit %d: %s %s", code, stdout, errOut)
	}
	want = map[string]any{
		"name": "Ambridge District Council", "websiteUrl": "https://www.ambridge.gov.uk",
		"privacyUrl": "https://www.ambridge.gov.uk/privacy", "termsOfUseUrl": "https://www.ambridge.gov.uk/terms-of-use",
	}
	if got := packagedDeveloper(t, out); !mapsEqual(got, want) {
		t.Errorf("from the variables: developer %v, want %v", got, want)
	}
}

func TestTeamsPackageRefusesPlaceholders(t *testing.T) {
	c := newCLI(t)
	out := filepath.Join(t.TempDir(), "app.zip")
	with := func(flag, value string) []string {
		args := []string{"teams-package", "--app-id", teamsAppID, "--out", out}
		for i := 0; i < len(teamsDeveloperFlags); i += 2 {
			if teamsDeveloperFlags[i] != flag {
				args = append(args, teamsDeveloperFlags[i], teamsDeveloperFlags[i+1])
			}
		}
		if value != "" {
			args = append(args, flag, value)
		}
		return args
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"teams-package", "--app-id", teamsAppID, "--out", out}, "--developer-name"},
		{with("--developer-name", ""), "TEAMS_DEVELOPER_NAME"},
		{with("--privacy-url", "https://github.com/standardbot/standardbot"), "placeholder"},
		{with("--website-url", "https://example.com"), "placeholder"},
		{with("--terms-url", "http://www.borsetshire.gov.uk/terms"), "https"},
	} {
		code, _, errOut := c.run("", tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line mentioning %q", tt.args[5:], code, errOut, tt.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("%v: a package was written", tt.args[5:])
		}
	}
}

func mapsEqual(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
