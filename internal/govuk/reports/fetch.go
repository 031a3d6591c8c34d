package reports

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/standardbot/standardbot/checklist"
	contentapi "github.com/standardbot/standardbot/internal/govuk"
)

// WWW is where reports are published and cited, whatever server they are
// fetched from.
const WWW = "https://www.gov.uk"

// Prefix is the path every report's address starts with.
const Prefix = "/service-standard-reports/"

// slug is a report's name in its address.
var slug = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,200}$`)

// example is how the messages show a report's address.
const example = "https://www.gov.uk/service-standard-reports/NAME"

// ParseURL checks a report's www.gov.uk address and returns its base
// path, /service-standard-reports/<slug>. It accepts the address as chat
// platforms send it (<https://...>, <https://...|label>), with or
// without www., a query or an anchor. Anything else is EINVALID, with a
// one-line reason.
func ParseURL(addr string) (string, error) {
	s := strings.TrimSpace(addr)
	if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		s, _, _ = strings.Cut(s[1:len(s)-1], "|")
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(s, " \t\n") {
		return "", checklist.Errorf(checklist.EINVALID, "%q is not a web address. Give the report's address on GOV.UK, such as %s", clip(s), example)
	}
	host := strings.ToLower(u.Hostname())
	if host != "www.gov.uk" && host != "gov.uk" {
		return "", checklist.Errorf(checklist.EINVALID, "Only reports published on GOV.UK can be read from an address, and that one is on %s. Paste the report's text after: assessment import", host)
	}
	p := strings.TrimSuffix(u.EscapedPath(), "/")
	rest, ok := strings.CutPrefix(p, strings.TrimSuffix(Prefix, "/"))
	switch {
	case !ok || (rest != "" && !strings.HasPrefix(rest, "/")):
		return "", checklist.Errorf(checklist.EINVALID, "That GOV.UK page is not a service assessment report: their addresses start %s", WWW+Prefix)
	case rest == "":
		return "", checklist.Errorf(checklist.EINVALID, "That is GOV.UK's list of reports. Give one report's address, such as %s", example)
	case !slug.MatchString(rest[1:]):
		return "", checklist.Errorf(checklist.EINVALID, "%q is not a report's address: after %s comes the report's name, in lower case letters, digits and hyphens", clip(s), WWW+Prefix)
	}
	return Prefix + rest[1:], nil
}

// Contenter is what Fetch needs of a Content API client
// (internal/govuk.Client): the JSON of the page at a base path.
type Contenter interface {
	Content(ctx context.Context, basePath string) ([]byte, error)
}

// Fetch reads the report published at a www.gov.uk address through the
// Content API. Errors carry a one-line message for the user: EINVALID for
// an address that is not a report's or a page that is not one, ENOTFOUND
// when GOV.UK has no page there, EINTERNAL when GOV.UK cannot be reached
// or answers with an error (the cause wrapped with it).
func Fetch(ctx context.Context, c Contenter, addr string) (*checklist.Assessment, error) {
	basePath, err := ParseURL(addr)
	if err != nil {
		return nil, err
	}
	data, err := c.Content(ctx, basePath)
	if err != nil {
		return nil, fetchError(ctx, err)
	}
	a, err := FromContent(data)
	if err != nil {
		return nil, err
	}
	a.Source = WWW + basePath
	return a, nil
}

// fetchError says in one line why GOV.UK did not give the report, with
// the cause wrapped for the log.
func fetchError(ctx context.Context, err error) error {
	var se *contentapi.StatusError
	var user *checklist.Error
	switch {
	case errors.As(err, &se) && (se.Code == http.StatusNotFound || se.Code == http.StatusGone):
		user = checklist.Errorf(checklist.ENOTFOUND, "GOV.UK has no report at that address (HTTP %d). Check it, or paste the report's text after: assessment import", se.Code)
	case errors.As(err, &se):
		user = checklist.Errorf(checklist.EINTERNAL, "GOV.UK answered HTTP %d, so nothing was imported. Try again later, or paste the report's text after: assessment import", se.Code)
	case ctx.Err() != nil || contentapi.IsUnreachable(err):
		user = checklist.Errorf(checklist.EINTERNAL, "GOV.UK could not be reached, so nothing was imported. Try again later, or paste the report's text after: assessment import")
	default:
		user = checklist.Errorf(checklist.EINTERNAL, "The report could not be fetched from GOV.UK, so nothing was imported. Try again later, or paste the report's text after: assessment import")
	}
	return fmt.Errorf("%w (%w)", user, err)
}

// Reader fetches reports through a Content API client: what the chat's
// `assessment import URL` is given (bot.ReportFetcher).
type Reader struct {
	Client Contenter
}

// Fetch reads the report published at a www.gov.uk address; see Fetch.
func (r Reader) Fetch(ctx context.Context, addr string) (*checklist.Assessment, error) {
	return Fetch(ctx, r.Client, addr)
}
