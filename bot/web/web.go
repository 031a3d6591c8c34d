// Package web is the adapter of the pages serve shows in a browser: a
// project's readiness report (/report/{id}), its project page
// (/projects/{id}) and the portfolio of every project a person may see
// (/portfolio). They are plain server-rendered HTML with the package's
// own stylesheet and no script, readable without JavaScript.
//
// Two ways in. A report's link, which `report` gives in chat, is signed
// (HMAC-SHA256 under a key derived from STANDARDBOT_SECRET, over the page's
// path, the project and an expiry), so it opens without signing in until
// it expires; a tampered or expired one gets a plain 403. Everything else
// asks its reader to sign in with OpenID Connect (Sign in with Slack,
// Microsoft Entra ID); the session is a signed cookie, nothing stored.
// A signed-in person sees the projects of their workspace or tenant, and a
// project bound to a private channel only if they are a member of it: the
// platform's adapter answers that (Membership). STANDARDBOT_ADMINS see
// everything.
package web

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

// Store is what the pages read from the checklist store.
type Store interface {
	// Project returns a project by id; ENOTFOUND.
	Project(ctx context.Context, id int64) (*checklist.Project, error)
	// Projects lists the projects the filter matches.
	Projects(ctx context.Context, f checklist.ProjectFilter) ([]*checklist.Project, error)
	// PointStates returns the stored state of every touched point.
	PointStates(ctx context.Context, id int64) ([]checklist.PointState, error)
	// History returns changes oldest first (point 0: all; limit 0: all).
	History(ctx context.Context, id int64, point int, limit int) ([]checklist.Change, error)
	// OpenActions returns the actions not yet closed, earliest due first.
	OpenActions(ctx context.Context, id int64) ([]checklist.Action, error)
	// LatestAssessment returns the latest assessment; ENOTFOUND for none.
	LatestAssessment(ctx context.Context, id int64) (*checklist.AssessmentRecord, error)
}

var _ Store = (checklist.Store)(nil)

// Membership answers, for one platform's channels, who may see what is
// bound to a channel. The platform's adapter implements it (it alone can
// ask the platform); the pages ask only about channels of the viewer's own
// workspace or tenant.
type Membership interface {
	// Platform is the name the adapter's channels carry in a Binding.
	Platform() string
	// CanSee reports whether user (the platform's user id) may see the
	// channel b: true for a channel everyone in its workspace can see,
	// and for a private one only when user is among its members.
	CanSee(ctx context.Context, b checklist.Binding, user string) (bool, error)
}

// Config is what the pages need, from cmd.
type Config struct {
	// PublicURL (STANDARDBOT_PUBLIC_URL) is where serve is reached from
	// outside, such as https://standardbot.example.gov.uk: links begin
	// with it, and cookies are Secure when it is https.
	PublicURL string
	// Secret (STANDARDBOT_SECRET) signs links and cookies; "" turns the
	// pages off (they say how to turn them on).
	Secret string
	// LinkTTL is how long a report's signed link works; 0 is
	// DefaultLinkTTL.
	LinkTTL time.Duration
	// SessionTTL is how long a sign-in lasts; 0 is DefaultSessionTTL.
	SessionTTL time.Duration
	// Admins (STANDARDBOT_ADMINS) are the user ids who see every project.
	Admins []string
	// Providers are the ways to sign in, in the order the sign-in page
	// lists them.
	Providers []Provider
	// Members answer who may see a private channel, one per platform.
	Members []Membership
	Store   Store
	Library *knowledge.Library
	// HTTPClient talks to the sign-in providers; nil is a client with a
	// timeout.
	HTTPClient *http.Client
	// Now is the clock; nil is time.Now.
	Now func() time.Time
	Log *slog.Logger
}

// Server serves the pages and makes their links (bot.Links). It is a
// service of serve with routes and nothing to run in the background.
type Server struct {
	cfg       Config
	keys      keys
	links     linkSigner
	base      *url.URL
	members   map[string]Membership
	providers []*provider
	pages     *template.Template
	log       *slog.Logger
}

var _ bot.Links = (*Server)(nil)

//go:embed templates/*.html static/*
var files embed.FS

// New checks cfg and returns the server. Without a Secret the server's
// pages and links say they are off and how to turn them on.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Library == nil {
		return nil, fmt.Errorf("web: a store and a library are required")
	}
	if cfg.Secret != "" && len(cfg.Secret) < MinSecretLength {
		return nil, fmt.Errorf("STANDARDBOT_SECRET is %d characters; it needs at least %d (try: openssl rand -hex 32)", len(cfg.Secret), MinSecretLength)
	}
	base, err := url.Parse(strings.TrimRight(cfg.PublicURL, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" || base.RawQuery != "" {
		return nil, fmt.Errorf("STANDARDBOT_PUBLIC_URL=%q is not an http(s) address such as https://standardbot.example.gov.uk", cfg.PublicURL)
	}
	if cfg.LinkTTL <= 0 {
		cfg.LinkTTL = DefaultLinkTTL
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = DefaultSessionTTL
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 15 * time.Second}
	}
	s := &Server{cfg: cfg, base: base, members: map[string]Membership{}, log: cfg.Log}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.log = s.log.With("adapter", "web")
	s.keys = deriveKeys(cfg.Secret)
	s.links = linkSigner{key: s.keys.links}
	for _, m := range cfg.Members {
		s.members[m.Platform()] = m
	}
	if s.providers, err = newProviders(cfg.Providers, base); err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	return s, nil
}

// off reports whether the pages are off for want of a secret.
func (s *Server) off() bool { return s.cfg.Secret == "" }

func (s *Server) now() time.Time { return s.cfg.Now() }

// secure reports whether serve is reached over https, so cookies are
// Secure.
func (s *Server) secure() bool { return s.base.Scheme == "https" }

// Name names the server in logs.
func (s *Server) Name() string { return "web" }

// Run has nothing to do in the background: the pages answer through
// Routes. It waits for ctx to end.
func (s *Server) Run(ctx context.Context) error {
	<-ctx.Done()
	return nil
}

// Drain has nothing to finish: a page is answered within its request.
func (s *Server) Drain(ctx context.Context) error { return nil }

// Routes adds the pages, the sign-in and the stylesheet.
func (s *Server) Routes(mux *http.ServeMux) {
	page := func(h http.HandlerFunc) http.Handler { return s.headers(h) }
	mux.Handle("GET /{$}", page(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/portfolio", http.StatusSeeOther)
	}))
	mux.Handle("GET /report/{id}", page(s.servePage(s.reportPage)))
	mux.Handle("GET /projects/{id}", page(s.servePage(s.projectPage)))
	mux.Handle("GET /portfolio", page(s.portfolioPage))
	mux.Handle("GET /signin", page(s.signinPage))
	mux.Handle("GET /signin/{provider}", page(s.signinStart))
	mux.Handle("GET /signin/{provider}/callback", page(s.signinCallback))
	mux.Handle("POST /signout", page(s.signout))
	mux.Handle("GET /static/", s.static())
}

// url is the public address of path with query q.
func (s *Server) url(path string, q url.Values) string {
	u := *s.base
	u.Path = strings.TrimRight(u.Path, "/") + path
	u.RawQuery = q.Encode()
	return u.String()
}
