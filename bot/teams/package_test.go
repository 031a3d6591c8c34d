package teams

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// manifest is the part of a Teams manifest (schema 1.17) that Teams
// requires, as the schema names it, and the bot's permissions.
type manifest struct {
	Schema          string `json:"$schema"`
	ManifestVersion string `json:"manifestVersion"`
	Version         string `json:"version"`
	ID              string `json:"id"`
	Developer       struct {
		Name          string `json:"name"`
		WebsiteURL    string `json:"websiteUrl"`
		PrivacyURL    string `json:"privacyUrl"`
		TermsOfUseURL string `json:"termsOfUseUrl"`
	} `json:"developer"`
	Name        struct{ Short, Full string }    `json:"name"`
	Description struct{ Short, Full string }    `json:"description"`
	Icons       struct{ Color, Outline string } `json:"icons"`
	AccentColor string                          `json:"accentColor"`
	Bots        []struct {
		BotID              string   `json:"botId"`
		Scopes             []string `json:"scopes"`
		SupportsFiles      *bool    `json:"supportsFiles"`
		IsNotificationOnly *bool    `json:"isNotificationOnly"`
		CommandLists       []struct {
			Scopes   []string `json:"scopes"`
			Commands []struct {
				Title       string `json:"title"`
				Description string `json:"description"`
			} `json:"commands"`
		} `json:"commandLists"`
	} `json:"bots"`
	ValidDomains       []string `json:"validDomains"`
	WebApplicationInfo struct {
		ID       string `json:"id"`
		Resource string `json:"resource"`
	} `json:"webApplicationInfo"`
	Authorization struct {
		Permissions struct {
			ResourceSpecific []struct{ Name, Type string } `json:"resourceSpecific"`
		} `json:"permissions"`
	} `json:"authorization"`
}

func TestThePackagePassesTheManifestSchemasRequiredFields(t *testing.T) {
	var buf bytes.Buffer
	opts := branded
	opts.ValidDomains = []string{"standardbot.example.gov.uk"}
	if err := WritePackage(&buf, opts); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	if len(files) != 3 {
		t.Errorf("package holds %d files, want manifest.json, color.png and outline.png", len(files))
	}
	var m manifest
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	guid := regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	https := func(s string) bool { u, err := url.Parse(s); return err == nil && u.Scheme == "https" && u.Host != "" }
	checks := []struct {
		what string
		ok   bool
	}{
		{"$schema is the 1.17 schema", m.Schema == "https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json"},
		{"manifestVersion 1.17", m.ManifestVersion == "1.17"},
		{"version is MAJOR.MINOR.PATCH", regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(m.Version)},
		{"id is the app id, a GUID", m.ID == testAppID && guid.MatchString(m.ID)},
		{"developer name", m.Developer.Name != ""},
		{"developer websiteUrl https", https(m.Developer.WebsiteURL)},
		{"developer privacyUrl https", https(m.Developer.PrivacyURL)},
		{"developer termsOfUseUrl https", https(m.Developer.TermsOfUseURL)},
		{"name.short 1-30 characters", m.Name.Short != "" && utf8.RuneCountInString(m.Name.Short) <= 30},
		{"name.full at most 100", utf8.RuneCountInString(m.Name.Full) <= 100},
		{"description.short 1-80 characters", m.Description.Short != "" && utf8.RuneCountInString(m.Description.Short) <= 80},
		{"description.full 1-4000 characters", m.Description.Full != "" && utf8.RuneCountInString(m.Description.Full) <= 4000},
		{"accentColor #RRGGBB", regexp.MustCompile(`^#[0-9a-fA-F]{6}$`).MatchString(m.AccentColor)},
		{"one bot", len(m.Bots) == 1},
		{"validDomains", slices.Equal(m.ValidDomains, []string{"standardbot.example.gov.uk"})},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("manifest: %s", c.what)
		}
	}
	if len(m.Bots) == 1 {
		b := m.Bots[0]
		if b.BotID != m.ID {
			t.Errorf("bots[0].botId %q, want the app id %q", b.BotID, m.ID)
		}
		if !slices.Equal(b.Scopes, []string{"personal", "team", "groupChat"}) {
			t.Errorf("bot scopes %v", b.Scopes)
		}
		if b.SupportsFiles == nil || *b.SupportsFiles || b.IsNotificationOnly == nil || *b.IsNotificationOnly {
			t.Error("supportsFiles and isNotificationOnly should be present and false")
		}
		if len(b.CommandLists) != 1 || len(b.CommandLists[0].Commands) == 0 || len(b.CommandLists[0].Commands) > 10 {
			t.Fatalf("command lists %+v", b.CommandLists)
		}
		var titles []string
		for _, c := range b.CommandLists[0].Commands {
			titles = append(titles, c.Title)
			if len(c.Title) > 32 || c.Description == "" || len(c.Description) > 128 {
				t.Errorf("command %+v breaks the schema's limits", c)
			}
		}
		for _, want := range []string{"help", "status", "checklist"} {
			if !slices.Contains(titles, want) {
				t.Errorf("command %q not listed", want)
			}
		}
	}

	for _, icon := range []struct {
		name string
		size int
		// check is true for a pixel the icon may have.
		check func(r, g, b, a uint32) bool
		rule  string
	}{
		{m.Icons.Color, colorIconSize, func(_, _, _, a uint32) bool { return a == 0xffff }, "fully opaque"},
		{m.Icons.Outline, outlineIconSize, func(r, g, b, a uint32) bool { return a == 0 || (r == 0xffff && g == 0xffff && b == 0xffff) }, "white on transparent"},
	} {
		data, ok := files[icon.name]
		if !ok {
			t.Errorf("icon %q named in the manifest is not in the package", icon.name)
			continue
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", icon.name, err)
			continue
		}
		if b := img.Bounds(); b.Dx() != icon.size || b.Dy() != icon.size {
			t.Errorf("%s is %dx%d, want %dx%d", icon.name, b.Dx(), b.Dy(), icon.size, icon.size)
		}
		white, other := countPixels(img, icon.check)
		if other != 0 {
			t.Errorf("%s: %d pixel(s) break the rule %q", icon.name, other, icon.rule)
		}
		if white == 0 {
			t.Errorf("%s is empty", icon.name)
		}
	}

	var again bytes.Buffer
	if err := WritePackage(&again, opts); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Error("the same options should give the same package, byte for byte")
	}
}

// countPixels counts an icon's white pixels, and those that fail ok.
func countPixels(img image.Image, ok func(r, g, b, a uint32) bool) (white, bad int) {
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, b, a := img.At(x, y).RGBA()
			if !ok(r, g, b, a) {
				bad++
			}
			if r == 0xffff && g == 0xffff && b == 0xffff && a == 0xffff {
				white++
			}
		}
	}
	return white, bad
}

func TestWritePackageRefusesWhatTeamsWould(t *testing.T) {
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
		{"no app id", PackageOptions{}, "TEAMS_APP_ID"},
		{"app id not a GUID", PackageOptions{AppID: "standardbot"}, "TEAMS_APP_ID"},
		{"long name", with(func(p *PackageOptions) { p.Name = strings.Repeat("n", 31) }), "30 characters"},
		{"long short description", with(func(p *PackageOptions) { p.ShortDescription = strings.Repeat("d", 81) }), "80 characters"},
		{"long full description", with(func(p *PackageOptions) { p.FullDescription = strings.Repeat("d", 4001) }), "4,000"},
		{"version not semver", with(func(p *PackageOptions) { p.Version = "v1.2" }), "MAJOR.MINOR.PATCH"},
		{"http privacy URL", with(func(p *PackageOptions) { p.DeveloperPrivacyURL = "http://www.borsetshire.gov.uk/privacy" }), "https"},
		{"domain with a scheme", with(func(p *PackageOptions) { p.ValidDomains = []string{"https://example.gov.uk"} }), "without https://"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WritePackage(&buf, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("WritePackage = %v, want an error mentioning %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Error("a refused package should write nothing")
			}
		})
	}
}
