package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// startTime is the stylesheet's Last-Modified: it is embedded, so it
// changes only with the binary.
var startTime = time.Now()

// page is what every page's frame shows: its title, who is signed in
// (with the sign-out form's token), or until when the signed link that
// opened it works.
type page struct {
	Title  string
	CSS    string
	Viewer *Viewer
	CSRF   string
	// Until is the day a signed link stops working, "" when signed in.
	Until string
}

// frame is the page frame for a request: the signed-in viewer, if any.
func (s *Server) frame(r *http.Request, title string, a access) page {
	p := page{Title: title, CSS: cssURL, Viewer: a.Viewer}
	if a.signed() {
		p.Until = govukDate(a.Expires)
	} else if p.Viewer != nil {
		p.CSRF = s.csrfToken(r)
	}
	return p
}

func parsePages() (*template.Template, error) {
	t, err := template.New("pages").Funcs(template.FuncMap{
		"date":    func(d checklist.Date) string { return dateText(d) },
		"days":    daysText,
		"status":  statusClass,
		"linkify": linkify,
		"webURL":  isWebURL,
		"pct":     func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	}).ParseFS(files, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse pages: %w", err)
	}
	return t, nil
}

// render writes the named page with status code, or a plain 500 when the
// template fails (before anything was sent).
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, data); err != nil {
		s.log.Error("render page", "page", name, "err", err)
		http.Error(w, "Sorry, this page could not be shown. Please try again in a moment.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// errorView is a page that only says what went wrong and what to do.
type errorView struct {
	page
	Heading, Advice string
}

// errorPage is a plain page with a heading and one piece of advice.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, code int, heading, advice string) {
	s.render(w, r, code, "error.html", errorView{page: page{Title: heading, CSS: cssURL}, Heading: heading, Advice: advice})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, "Page not found", "There is no project here that you can see. Check the address, or go to the portfolio for the projects you can.")
}

// failed logs a failure the reader cannot fix, once, and apologises.
func (s *Server) failed(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("page failed", "path", r.URL.Path, "err", err)
	s.errorPage(w, r, http.StatusInternalServerError, "Sorry, there is a problem", "This page could not be shown. Please try again in a moment.")
}

// offPage answers every page while STANDARDBOT_SECRET is unset.
func (s *Server) offPage(w http.ResponseWriter, r *http.Request) {
	s.errorPage(w, r, http.StatusNotFound, "Web pages are off", "Whoever runs standardbot can turn them on by setting STANDARDBOT_SECRET (see the README, Web pages).")
}

// govukDate writes a day as GOV.UK does: 20 January 2027.
func govukDate(t time.Time) string { return t.Format("2 January 2006") }

// dateText is a calendar day as GOV.UK writes it, "" for an unset one.
func dateText(d checklist.Date) string {
	if d.IsZero() {
		return ""
	}
	return govukDate(d.In(time.UTC))
}

// whenText is a moment in loc as GOV.UK writes it: 20 January 2027 at 3:04pm.
func whenText(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2 January 2006 at 3:04pm")
}

// daysText says how far a day is from today: today, tomorrow, in 12
// days, yesterday, 3 days ago.
func daysText(n int) string {
	switch {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n == -1:
		return "yesterday"
	case n > 1:
		return fmt.Sprintf("in %d days", n)
	}
	return fmt.Sprintf("%d days ago", -n)
}

// statusClass is the stylesheet's class for a status.
func statusClass(s checklist.Status) string {
	return map[checklist.Status]string{checklist.Met: "met", checklist.Partly: "partly", checklist.NotMet: "not-met",
		checklist.NotStarted: "not-started", checklist.NA: "na"}[s]
}

// isWebURL reports whether s is one http(s) address and nothing else.
func isWebURL(s string) bool {
	return urlPattern.FindString(s) == s && s != ""
}

// urlPattern finds web addresses in text; a sentence's closing
// punctuation is left out of them.
var urlPattern = regexp.MustCompile(`https?://[^\s<>"']*[^\s<>"'.,;:!?)\]]`)

// linkify is text, escaped, with each web address in it a link. Nothing
// else in the text becomes markup.
func linkify(text string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range urlPattern.FindAllStringIndex(text, -1) {
		b.WriteString(template.HTMLEscapeString(text[last:m[0]]))
		u := template.HTMLEscapeString(text[m[0]:m[1]])
		fmt.Fprintf(&b, `<a href="%s" rel="noreferrer noopener">%s</a>`, u, u)
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(text[last:]))
	return template.HTML(b.String())
}
