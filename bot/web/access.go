package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

// access is how a reader reached a project's page: by a signed link
// (Expires set, until when) or signed in (Viewer set).
type access struct {
	Viewer  *Viewer
	Expires time.Time
}

// signed reports whether the page was opened by a signed link.
func (a access) signed() bool { return !a.Expires.IsZero() }

// projectHandler renders one project's page for a reader allowed it.
type projectHandler func(w http.ResponseWriter, r *http.Request, p *checklist.Project, a access)

// servePage lets a reader at a project's page, or says why not: a signed
// link is checked (403 when tampered with or expired); without one the
// reader must be signed in (else to the sign-in page and back) and allowed
// to see the project (else 404, as for a project that does not exist, so
// ids cannot be probed).
func (s *Server) servePage(h projectHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.off() {
			s.offPage(w, r)
			return
		}
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || id <= 0 {
			s.notFound(w, r)
			return
		}
		a, ok := s.allow(w, r, id)
		if !ok {
			return
		}
		p, err := s.cfg.Store.Project(r.Context(), id)
		switch {
		case checklist.ErrorCode(err) == checklist.ENOTFOUND:
			s.notFound(w, r)
			return
		case err != nil:
			s.failed(w, r, err)
			return
		case !a.signed() && !s.visible(r.Context(), a.Viewer, p):
			s.notFound(w, r)
			return
		}
		h(w, r, p, a)
	}
}

// allow checks the signed link or the session for project id, answering
// the request itself when neither lets the reader in.
func (s *Server) allow(w http.ResponseWriter, r *http.Request, id int64) (access, bool) {
	q := r.URL.Query()
	if q.Has("sig") || q.Has("exp") {
		switch err := s.links.check(r.URL.Path, id, q, s.now()); {
		case errors.Is(err, errLinkExpired):
			s.errorPage(w, r, http.StatusForbidden, "This link has expired", "Links to a project's report work for a limited time. Ask the bot for report again in your project's channel for a new link.")
			return access{}, false
		case err != nil:
			s.errorPage(w, r, http.StatusForbidden, "This link is not valid", "It may have been changed or cut short when it was copied. Ask the bot for report again in your project's channel for a new link.")
			return access{}, false
		}
		exp, _ := strconv.ParseInt(q.Get("exp"), 10, 64)
		return access{Expires: time.Unix(exp, 0)}, true
	}
	v := s.viewer(r)
	if v == nil {
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.Path), http.StatusSeeOther)
		return access{}, false
	}
	return access{Viewer: v}, true
}

// pageURL is the address of another page of project id for a reader who
// came by a with the same rights: signed until the same moment for a
// signed link, plain for a signed-in reader. The path only, since the
// reader is already on this site.
func (s *Server) pageURL(path string, id int64, a access) string {
	if !a.signed() {
		return path
	}
	return path + "?" + s.links.sign(path, id, a.Expires).Encode()
}

// Report returns the signed address of p's report page (bot.Links).
func (s *Server) Report(ctx context.Context, p *checklist.Project, _ *checklist.Report) (bot.Link, error) {
	if s.off() {
		return bot.Link{}, checklist.Errorf(checklist.EINVALID, "Links to the full report are off here: whoever runs standardbot can turn them on by setting STANDARDBOT_SECRET (see the README, Web pages). Until then, on the server: standardbot report %q --format html", p.Name)
	}
	return s.signedLink("/report/", p), nil
}

// Project returns the signed address of p's project page (bot.Links),
// valid as long as the report's given with it.
func (s *Server) Project(ctx context.Context, p *checklist.Project) (bot.Link, error) {
	if s.off() {
		return bot.Link{}, nil
	}
	return s.signedLink("/projects/", p), nil
}

// signedLink is the address of a project's page under prefix, signed for
// the link lifetime from now (to the second: the expiry is in the link).
func (s *Server) signedLink(prefix string, p *checklist.Project) bot.Link {
	exp := s.now().Add(s.cfg.LinkTTL).Truncate(time.Second)
	path := prefix + strconv.FormatInt(p.ID, 10)
	return bot.Link{URL: s.url(path, s.links.sign(path, p.ID, exp)), Expires: exp}
}

// Portfolio returns the address of the portfolio page (bot.Links), which
// asks its reader to sign in.
func (s *Server) Portfolio(ctx context.Context) (bot.Link, error) {
	switch {
	case s.off():
		return bot.Link{}, checklist.Errorf(checklist.EINVALID, "The portfolio page is off here: whoever runs standardbot can turn it on by setting STANDARDBOT_SECRET and a sign-in provider (see the README, Web pages).")
	case len(s.providers) == 0:
		return bot.Link{}, checklist.Errorf(checklist.EINVALID, "The portfolio page needs sign-in, which is not set up here: whoever runs standardbot can set it up (see the README, Web pages). A report's link from report works without it.")
	}
	return bot.Link{URL: s.url("/portfolio", nil)}, nil
}
