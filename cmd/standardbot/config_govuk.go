package main

import (
	"fmt"
	"net/url"
	"strings"
)

// defaultGovUK is what is fetched from GOV.UK unless STANDARDBOT_GOVUK says.
const defaultGovUK = "service-manual,bank-holidays"

// GovUKConfig says what is fetched from GOV.UK and kept in the data
// folder (STANDARDBOT_GOVUK), and from where (STANDARDBOT_GOVUK_URL).
type GovUKConfig struct {
	ServiceManual bool
	BankHolidays  bool
	// AssessmentReports fetches GOV.UK's published service assessment
	// reports, whose panels' remarks answers quote.
	AssessmentReports bool
	// URL is GOV.UK's base URL: www.gov.uk, a proxy or a test server.
	URL string
}

// Any reports whether anything is fetched from GOV.UK.
func (g GovUKConfig) Any() bool { return g.ServiceManual || g.BankHolidays || g.AssessmentReports }

// parseGovUK reads STANDARDBOT_GOVUK and STANDARDBOT_GOVUK_URL; errors
// name the variable and say what is allowed.
func parseGovUK(what, base string) (GovUKConfig, error) {
	c := GovUKConfig{URL: strings.TrimRight(base, "/")}
	words := splitList(strings.ToLower(what))
	for _, w := range words {
		switch w {
		case "service-manual":
			c.ServiceManual = true
		case "bank-holidays":
			c.BankHolidays = true
		case "assessment-reports":
			c.AssessmentReports = true
		case "off":
			if len(words) > 1 {
				return c, fmt.Errorf("STANDARDBOT_GOVUK=%q: off fetches nothing, so it stands alone", what)
			}
		default:
			return c, fmt.Errorf("STANDARDBOT_GOVUK=%q: unknown word %q (use service-manual, assessment-reports, bank-holidays, comma-separated, or off)", what, w)
		}
	}
	if u, err := url.Parse(c.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, fmt.Errorf("STANDARDBOT_GOVUK_URL=%q is not an http(s) URL (the default is https://www.gov.uk)", base)
	}
	return c, nil
}
