package teams

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// branded are the developer's name and pages an organisation gives.
var branded = PackageOptions{
	AppID:               testAppID,
	DeveloperName:       "Borsetshire County Council",
	DeveloperWebsiteURL: "https://www.borsetshire.gov.uk/digital",
	DeveloperPrivacyURL: "https://www.borsetshire.gov.uk/privacy/standardbot",
	DeveloperTermsURL:   "https://www.borsetshire.gov.uk/terms",
	ValidDomains:        []string{"standardbot.borsetshire.gov.uk"},
}

// packageManifest builds a package and returns its manifest.json.
func packageManifest(t *testing.T, p PackageOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePackage(&buf, p); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// teamsSchema compiles Microsoft's schema (vendored, see
// testdata/teams-manifest/SOURCE.md) for a manifest version.
func teamsSchema(t *testing.T, manifestVersion string) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join("testdata", "teams-manifest", "v"+manifestVersion, "MicrosoftTeams.schema.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no Teams schema for manifestVersion %s: %v (add it from npm, see testdata/teams-manifest/SOURCE.md)", manifestVersion, err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	url := "https://developer.microsoft.com/json-schemas/teams/v" + manifestVersion + "/MicrosoftTeams.schema.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// validate checks a manifest against the schema of the manifestVersion
// it declares.
func validate(t *testing.T, manifest []byte) error {
	t.Helper()
	var head struct {
		ManifestVersion string `json:"manifestVersion"`
		Schema          string `json:"$schema"`
	}
	if err := json.Unmarshal(manifest, &head); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(head.Schema, "/v"+head.ManifestVersion+"/") {
		t.Errorf("$schema %q is not the schema of manifestVersion %s", head.Schema, head.ManifestVersion)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(manifest))
	if err != nil {
		t.Fatal(err)
	}
	return teamsSchema(t, head.ManifestVersion).Validate(inst)
}

func TestTheManifestIsValidAgainstTheTeamsSchema(t *testing.T) {
	for name, p := range map[string]PackageOptions{
		"branded": branded,
		"no valid domains": func() PackageOptions {
			p := branded
			p.ValidDomains = nil
			return p
		}(),
		"name and version": func() PackageOptions {
			p := branded
			p.Name, p.Version = "Service standard helper", "2.3.4"
			return p
		}(),
	} {
		if err := validate(t, packageManifest(t, p)); err != nil {
			t.Errorf("%s: manifest not valid against the Teams schema: %v", name, err)
		}
	}
}

// The schema check is not vacuous: a manifest Teams would refuse fails it.
func TestTheTeamsSchemaRefusesABrokenManifest(t *testing.T) {
	var m map[string]any
	if err := json.Unmarshal(packageManifest(t, branded), &m); err != nil {
		t.Fatal(err)
	}
	for name, change := range map[string]func(m map[string]any){
		"privacy URL without a scheme": func(m map[string]any) {
			m["developer"].(map[string]any)["privacyUrl"] = "www.borsetshire.gov.uk/privacy"
		},
		"no terms":      func(m map[string]any) { delete(m["developer"].(map[string]any), "termsOfUseUrl") },
		"unknown field": func(m map[string]any) { m["developerName"] = "x" },
		"bad accent":    func(m map[string]any) { m["accentColor"] = "blue" },
	} {
		broken := map[string]any{}
		data, _ := json.Marshal(m)
		_ = json.Unmarshal(data, &broken)
		change(broken)
		data, _ = json.Marshal(broken)
		if err := validate(t, data); err == nil {
			t.Errorf("%s: the schema accepted it", name)
		}
	}
}

func TestTheDevelopersNameAndPagesAreWrittenIntoTheManifest(t *testing.T) {
	var m manifest
	if err := json.Unmarshal(packageManifest(t, branded), &m); err != nil {
		t.Fatal(err)
	}
	d := m.Developer
	if d.Name != branded.DeveloperName || d.WebsiteURL != branded.DeveloperWebsiteURL ||
		d.PrivacyURL != branded.DeveloperPrivacyURL || d.TermsOfUseURL != branded.DeveloperTermsURL {
		t.Errorf("developer %+v, want the options' name and pages", d)
	}
}

func TestWritePackageRefusesPlaceholders(t *testing.T) {
	with := func(change func(p *PackageOptions)) PackageOptions {
		p := branded
		change(&p)
		return p
	}
	tests := []struct {
		name string
		opts PackageOptions
		want string
	}{
		{"no developer name", with(func(p *PackageOptions) { p.DeveloperName = "" }), "--developer-name"},
		{"the project's name", with(func(p *PackageOptions) { p.DeveloperName = "standardbot" }), "placeholder"},
		{"an example name", with(func(p *PackageOptions) { p.DeveloperName = "Your Organisation" }), "placeholder"},
		{"long developer name", with(func(p *PackageOptions) { p.DeveloperName = strings.Repeat("n", 33) }), "32 characters"},
		{"no website", with(func(p *PackageOptions) { p.DeveloperWebsiteURL = "" }), "TEAMS_WEBSITE_URL"},
		{"no privacy page", with(func(p *PackageOptions) { p.DeveloperPrivacyURL = "" }), "--privacy-url"},
		{"no terms", with(func(p *PackageOptions) { p.DeveloperTermsURL = "" }), "--terms-url"},
		{"the repository as privacy page", with(func(p *PackageOptions) { p.DeveloperPrivacyURL = projectURL }), "placeholder"},
		{"a page in the repository", with(func(p *PackageOptions) { p.DeveloperTermsURL = projectURL + "/blob/main/TERMS.md" }), "placeholder"},
		{"example.com", with(func(p *PackageOptions) { p.DeveloperWebsiteURL = "https://example.com" }), "placeholder"},
		{"example.gov.uk", with(func(p *PackageOptions) { p.DeveloperPrivacyURL = "https://www.example.gov.uk/privacy" }), "placeholder"},
		{"YOUR-HOST", with(func(p *PackageOptions) { p.DeveloperTermsURL = "https://YOUR-HOST/terms" }), "placeholder"},
		{"http", with(func(p *PackageOptions) { p.DeveloperWebsiteURL = "http://www.borsetshire.gov.uk" }), "https"},
		{"no scheme", with(func(p *PackageOptions) { p.DeveloperPrivacyURL = "www.borsetshire.gov.uk/privacy" }), "https"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WritePackage(&buf, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("WritePackage = %v, want one line mentioning %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Error("a refused package should write nothing")
			}
		})
	}
}
