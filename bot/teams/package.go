package teams

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// The Teams app manifest's schema and version.
const (
	manifestSchema  = "https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json"
	manifestVersion = "1.17"
	// accentColor is GOV.UK blue, behind the colour icon.
	accentColor = "#1D70B8"
	// projectURL is the project's repository: the developer's pages
	// pointed there before an organisation had to give its own, so a
	// package still pointing there is refused.
	projectURL = "https://github.com/standardbot/standardbot"
)

// PackageOptions describes the Teams app. Empty fields take the defaults
// shown; AppID is required.
type PackageOptions struct {
	// AppID is the bot's Microsoft app id (TEAMS_APP_ID), a GUID: the
	// app's id and its bot's.
	AppID string
	// Name is the app's short name, at most 30 characters; "standardbot".
	Name string
	// ShortDescription (at most 80 characters) and FullDescription (at
	// most 4,000) say what the app does.
	ShortDescription string
	FullDescription  string
	// DeveloperName (TEAMS_DEVELOPER_NAME, at most 32 characters) and the
	// developer's pages (TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL,
	// TEAMS_TERMS_URL), which must be https: the organisation that runs
	// the bot, its privacy notice and terms. Required, and refused while
	// they are placeholders (the project's repository, example addresses).
	DeveloperName       string
	DeveloperWebsiteURL string
	DeveloperPrivacyURL string
	DeveloperTermsURL   string
	// Version is the app's version, MAJOR.MINOR.PATCH; "1.0.0". Teams
	// updates an installed app only when it goes up.
	Version string
	// ValidDomains are host names the app may open, without a scheme.
	ValidDomains []string
}

// manifestCommands are the commands offered in Teams' compose box, by
// the bot's own names (bot.Commands; a test holds them to it), with
// descriptions short enough for the box (128 characters) where the
// bot's help is longer. Teams allows ten in a list, so these are the ten
// a team reaches for most; reminders is left out because its default
// (28,14,7,3,1 days before) serves without a word, and help lists it.
var manifestCommands = []struct{ title, description string }{
	{"help", "Lists the commands"},
	{"ask", "Answers a question from the standard, with citations (or just type it)"},
	{"point", "Shows point N of the standard and what a panel looks for"},
	{"project", "Shows this channel's project, or creates one: project new NAME"},
	{"checklist", "Walks the outstanding points one at a time"},
	{"status", "Every point with its status, and what is outstanding"},
	{"mark", "Records a point's status: mark N met|partly|not-met|n/a [NOTE]"},
	{"report", "The readiness report"},
	{"standup", "A stand-up prompt now, on a schedule, or never"},
	{"settings", "This channel's settings: sources, replies in threads, who sees answers (admins change them)"},
}

// channelMessagesPermission is the resource-specific consent under which
// Teams sends the bot a channel's messages that do not mention it: the
// bot needs the thread replies among them for a channel that chose
// replies threads (bot.Message.Unaddressed); it answers no other
// message without a mention (jobFor). Everything else reaches it with a
// mention or a card, so without the consent channels stay with mentions.
// Manifests from 1.12 list it under authorization.permissions.resourceSpecific.
const channelMessagesPermission = "ChannelMessage.Read.Group"

var (
	guidRE    = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	semverRE  = regexp.MustCompile(`^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$`)
	domainRE  = regexp.MustCompile(`^(\*\.)?([a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+(:[0-9]+)?$`)
	packageAt = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
)

// WritePackage writes the Teams app package: a zip of manifest.json and
// its two icons, drawn here, so the repository carries no binary assets.
// The zip is the same for the same options, byte for byte.
func WritePackage(w io.Writer, p PackageOptions) error {
	p = p.withDefaults()
	if err := p.validate(); err != nil {
		return err
	}
	manifest, err := json.MarshalIndent(p.manifest(), "", "  ")
	if err != nil {
		return fmt.Errorf("teams package: %w", err)
	}
	var color, outline bytes.Buffer
	if err := png.Encode(&color, colorIcon()); err != nil {
		return fmt.Errorf("teams package: colour icon: %w", err)
	}
	if err := png.Encode(&outline, outlineIcon()); err != nil {
		return fmt.Errorf("teams package: outline icon: %w", err)
	}
	zw := zip.NewWriter(w)
	for _, f := range []struct {
		name string
		data []byte
	}{{"manifest.json", manifest}, {"color.png", color.Bytes()}, {"outline.png", outline.Bytes()}} {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: packageAt})
		if err != nil {
			return fmt.Errorf("teams package: %s: %w", f.name, err)
		}
		if _, err := fw.Write(f.data); err != nil {
			return fmt.Errorf("teams package: %s: %w", f.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("teams package: %w", err)
	}
	return nil
}

func (p PackageOptions) withDefaults() PackageOptions {
	def := func(s *string, v string) {
		if strings.TrimSpace(*s) == "" {
			*s = v
		}
	}
	def(&p.Name, "standardbot")
	def(&p.ShortDescription, "Answers questions on the digital service standards and keeps your checklist")
	def(&p.FullDescription, "standardbot helps UK public-sector service teams get ready for service assessments. "+
		"Ask it about the GOV.UK Service Standard, the Local Government Digital Service Standard or your own guidance, "+
		"and it answers with citations to the official pages. Create a project in a channel to keep a checklist of every point "+
		"(met, partly, not-met, n/a) with notes and evidence, walk the outstanding points, see the readiness report, "+
		"and get stand-up prompts and reminders before the assessment.")
	def(&p.Version, "1.0.0")
	return p
}

// validate checks what Teams refuses a package for, naming the setting.
func (p PackageOptions) validate() error {
	switch {
	case !guidRE.MatchString(p.AppID):
		return fmt.Errorf("TEAMS_APP_ID: want the bot's Microsoft app id, a GUID, got %q", p.AppID)
	case utf8.RuneCountInString(p.Name) > 30:
		return fmt.Errorf("app name %q: at most 30 characters", p.Name)
	case utf8.RuneCountInString(p.ShortDescription) > 80:
		return fmt.Errorf("short description: at most 80 characters, got %d", utf8.RuneCountInString(p.ShortDescription))
	case utf8.RuneCountInString(p.FullDescription) > 4000:
		return fmt.Errorf("full description: at most 4,000 characters, got %d", utf8.RuneCountInString(p.FullDescription))
	case !semverRE.MatchString(p.Version):
		return fmt.Errorf("app version %q: want MAJOR.MINOR.PATCH, such as 1.0.0", p.Version)
	}
	if err := p.validateDeveloper(); err != nil {
		return err
	}
	if len(p.ValidDomains) > 16 {
		return fmt.Errorf("valid domains: at most 16, got %d", len(p.ValidDomains))
	}
	for _, d := range p.ValidDomains {
		if !domainRE.MatchString(d) {
			return fmt.Errorf("valid domain %q: want a host name such as standardbot.example.gov.uk, without https://", d)
		}
	}
	return nil
}

// validateDeveloper refuses a developer name or page that is missing,
// still a placeholder, or (a page) not https: Teams shows them on the
// app's page, and they are the organisation's, not the project's.
func (p PackageOptions) validateDeveloper() error {
	name := strings.TrimSpace(p.DeveloperName)
	switch {
	case name == "":
		return errors.New("developer name is not set: give your organisation's name with --developer-name or TEAMS_DEVELOPER_NAME")
	case strings.EqualFold(name, "standardbot") || placeholder(name):
		return fmt.Errorf("developer name %q is a placeholder: give your organisation's name with --developer-name or TEAMS_DEVELOPER_NAME", name)
	case utf8.RuneCountInString(name) > 32:
		return fmt.Errorf("developer name %q: at most 32 characters", name)
	}
	for _, u := range []struct{ what, flag, env, value string }{
		{"developer website", "--website-url", "TEAMS_WEBSITE_URL", p.DeveloperWebsiteURL},
		{"privacy statement", "--privacy-url", "TEAMS_PRIVACY_URL", p.DeveloperPrivacyURL},
		{"terms of use", "--terms-url", "TEAMS_TERMS_URL", p.DeveloperTermsURL},
	} {
		pu, err := url.Parse(u.value)
		switch {
		case strings.TrimSpace(u.value) == "":
			return fmt.Errorf("%s URL is not set: give your organisation's page with %s or %s", u.what, u.flag, u.env)
		case err != nil || pu.Scheme != "https" || pu.Host == "":
			return fmt.Errorf("%s URL %q: Teams wants an https URL (%s or %s)", u.what, u.value, u.flag, u.env)
		case placeholder(u.value) || strings.HasPrefix(strings.ToLower(u.value), projectURL):
			return fmt.Errorf("%s URL %q is a placeholder: give your organisation's page with %s or %s", u.what, u.value, u.flag, u.env)
		}
	}
	return nil
}

// placeholderRE matches what stands in for a real value in examples: an
// example domain (RFC 2606's, or example.gov.uk), YOUR-… and the like.
var placeholderRE = regexp.MustCompile(`(?i)(^|[./@-])example([.-]|$)|\.(test|invalid|localhost)(/|:|$)|\b(your|my)[-_ ]?(org|organisation|organization|host|domain|company|name)\b|^https://localhost|changeme|placeholder|\bTODO\b`)

// placeholder says whether s is still an example value.
func placeholder(s string) bool { return placeholderRE.MatchString(s) }

// manifest is the Teams app manifest (schema 1.17) of one bot, in
// personal chats, teams and group chats.
func (p PackageOptions) manifest() map[string]any {
	var commands []map[string]string
	for _, c := range manifestCommands {
		commands = append(commands, map[string]string{"title": c.title, "description": c.description})
	}
	scopes := []string{"personal", "team", "groupChat"}
	domains := p.ValidDomains
	if domains == nil {
		domains = []string{}
	}
	return map[string]any{
		"$schema":         manifestSchema,
		"manifestVersion": manifestVersion,
		"version":         p.Version,
		"id":              p.AppID,
		"developer": map[string]string{
			"name": p.DeveloperName, "websiteUrl": p.DeveloperWebsiteURL,
			"privacyUrl": p.DeveloperPrivacyURL, "termsOfUseUrl": p.DeveloperTermsURL,
		},
		"name":        map[string]string{"short": p.Name, "full": p.Name + ": digital service standards"},
		"description": map[string]string{"short": p.ShortDescription, "full": p.FullDescription},
		"icons":       map[string]string{"color": "color.png", "outline": "outline.png"},
		"accentColor": accentColor,
		"bots": []map[string]any{{
			"botId":              p.AppID,
			"scopes":             scopes,
			"supportsFiles":      false,
			"isNotificationOnly": false,
			"commandLists":       []map[string]any{{"scopes": scopes, "commands": commands}},
		}},
		"validDomains": domains,
		// Resource-specific consent wants the app's Entra id here; Teams
		// refuses the consent without a resource, which RSC does not
		// use, so it is the form a bot's sign-in would take.
		"webApplicationInfo": map[string]string{"id": p.AppID, "resource": "api://botid-" + p.AppID},
		"authorization": map[string]any{"permissions": map[string]any{
			"resourceSpecific": []map[string]string{{"name": channelMessagesPermission, "type": "Application"}},
		}},
	}
}
