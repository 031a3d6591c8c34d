package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// Provider is a way to sign in: an OpenID Connect provider whose people
// are on one chat platform. The platform's adapter knows its issuer and
// claims; cmd adds the client's credentials.
type Provider struct {
	// Platform is the Binding.Platform of the people who sign in with it,
	// and its name in the sign-in addresses (/signin/{Platform}).
	Platform string
	// Label names it on the sign-in page: "Sign in with " + Label.
	Label string
	// Issuer is the provider's issuer URL; its discovery document is at
	// Issuer + "/.well-known/openid-configuration".
	Issuer string
	// ClientID and ClientSecret are the app's credentials there.
	ClientID, ClientSecret string
	// Scopes are asked for beyond openid.
	Scopes []string
	// Identity reads, from the ID token's verified claims, the person's
	// user id and their workspace or tenant, as the platform's channels
	// carry them in a Binding.
	Identity func(claims map[string]any) (user, team string, err error)
}

// signinTTL is how long a person has at the provider to sign in.
const signinTTL = 10 * time.Minute

// provider is a Provider in use: its discovery document is read at the
// first sign-in (and again after a failure), so serve starts while the
// provider is out of reach.
type provider struct {
	Provider
	redirect string
	mu       sync.Mutex
	verifier *oidc.IDTokenVerifier
	oauth    *oauth2.Config
}

func newProviders(ps []Provider, base *url.URL) ([]*provider, error) {
	var out []*provider
	for _, p := range ps {
		if p.Platform == "" || p.Issuer == "" || p.ClientID == "" || p.ClientSecret == "" || p.Identity == nil {
			return nil, fmt.Errorf("sign-in with %s: the issuer, client id and client secret are all needed", p.Label)
		}
		u := *base
		u.Path = strings.TrimRight(u.Path, "/") + "/signin/" + p.Platform + "/callback"
		out = append(out, &provider{Provider: p, redirect: u.String()})
	}
	return out, nil
}

// discover reads the provider's discovery document once it answers.
func (p *provider) discover(ctx context.Context, client *http.Client) (*oauth2.Config, *oidc.IDTokenVerifier, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.oauth != nil {
		return p.oauth, p.verifier, nil
	}
	op, err := oidc.NewProvider(oidc.ClientContext(ctx, client), p.Issuer)
	if err != nil {
		return nil, nil, fmt.Errorf("discover %s: %w", p.Issuer, err)
	}
	p.verifier = op.Verifier(&oidc.Config{ClientID: p.ClientID})
	p.oauth = &oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, Endpoint: op.Endpoint(),
		RedirectURL: p.redirect, Scopes: append([]string{oidc.ScopeOpenID}, p.Scopes...)}
	return p.oauth, p.verifier, nil
}

func (s *Server) provider(name string) *provider {
	for _, p := range s.providers {
		if p.Platform == name {
			return p
		}
	}
	return nil
}

// signinState is what the browser carries, sealed, between sending a
// person to the provider and their coming back: the state and nonce to
// check, PKCE's verifier, and where they were going.
type signinState struct {
	Provider string `json:"p"`
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"`
	Next     string `json:"x"`
	Expires  int64  `json:"e"`
}

// signinStart sends the person to the provider to sign in.
func (s *Server) signinStart(w http.ResponseWriter, r *http.Request) {
	p := s.provider(r.PathValue("provider"))
	if s.off() || p == nil {
		s.notFound(w, r)
		return
	}
	oc, _, err := p.discover(r.Context(), s.cfg.HTTPClient)
	if err != nil {
		s.log.Warn("sign-in provider out of reach", "provider", p.Platform, "err", err)
		s.errorPage(w, r, http.StatusBadGateway, "Sign in with "+p.Label+" is not answering", "Please try again in a few minutes.")
		return
	}
	st := signinState{Provider: p.Platform, State: random(), Nonce: random(), Verifier: oauth2.GenerateVerifier(),
		Next: safeNext(r.URL.Query().Get("next")), Expires: s.now().Add(signinTTL).Unix()}
	value, err := sealed(s.keys.signin, "signin", st)
	if err != nil {
		s.failed(w, r, err)
		return
	}
	s.setCookie(w, signinCookie, value, signinTTL)
	http.Redirect(w, r, oc.AuthCodeURL(st.State, oidc.Nonce(st.Nonce), oauth2.S256ChallengeOption(st.Verifier)), http.StatusFound)
}

// errSignin is a sign-in that did not check out; the person is asked to
// start again.
var errSignin = errors.New("sign-in not valid")

// signinCallback is where the provider sends the person back: the state
// must match the cookie's, the code is exchanged (with PKCE's verifier)
// for an ID token, whose signature, issuer, audience, expiry and nonce
// are checked, and the person is signed in as the claims say.
func (s *Server) signinCallback(w http.ResponseWriter, r *http.Request) {
	p := s.provider(r.PathValue("provider"))
	if s.off() || p == nil {
		s.notFound(w, r)
		return
	}
	st, ok := s.signinCookie(r, p)
	s.setCookie(w, signinCookie, "", -1)
	q := r.URL.Query()
	switch {
	case q.Get("error") != "":
		s.errorPage(w, r, http.StatusForbidden, "You did not sign in", "Sign in with "+p.Label+" said: "+clip(q.Get("error"), 80)+". Go back to the sign-in page to try again.")
		return
	case !ok || !hmac.Equal([]byte(q.Get("state")), []byte(st.State)):
		s.errorPage(w, r, http.StatusForbidden, "That sign-in has expired or was not started here", "Go back to the sign-in page and start again.")
		return
	}
	v, err := s.exchange(r.Context(), p, q.Get("code"), st)
	if err != nil {
		s.log.Warn("sign-in refused", "provider", p.Platform, "err", err)
		s.errorPage(w, r, http.StatusForbidden, "Sign-in did not work", "Go back to the sign-in page and start again. If it keeps failing, tell whoever runs standardbot.")
		return
	}
	if err := s.startSession(w, *v); err != nil {
		s.failed(w, r, err)
		return
	}
	s.log.Info("signed in", "provider", p.Platform, "user", v.User, "team", v.Team)
	http.Redirect(w, r, st.Next, http.StatusSeeOther)
}

// signinCookie is the sign-in state the browser brought back, if it is
// this server's, for this provider and not expired.
func (s *Server) signinCookie(r *http.Request, p *provider) (signinState, bool) {
	var st signinState
	c, err := r.Cookie(s.cookieName(signinCookie))
	if err != nil || !unseal(s.keys.signin, "signin", c.Value, &st) {
		return st, false
	}
	return st, st.Provider == p.Platform && st.State != "" && s.now().Before(time.Unix(st.Expires, 0))
}

// exchange trades the code for an ID token, checks it, and reads who
// signed in.
func (s *Server) exchange(ctx context.Context, p *provider, code string, st signinState) (*Viewer, error) {
	oc, verifier, err := p.discover(ctx, s.cfg.HTTPClient)
	if err != nil {
		return nil, err
	}
	ctx = oidc.ClientContext(ctx, s.cfg.HTTPClient)
	tok, err := oc.Exchange(ctx, code, oauth2.VerifierOption(st.Verifier))
	if err != nil {
		return nil, fmt.Errorf("exchange code: %w", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return nil, fmt.Errorf("%w: no id_token in the token response", errSignin)
	}
	idt, err := verifier.Verify(ctx, raw)
	if err != nil {
		return nil, fmt.Errorf("verify id_token: %w", err)
	}
	if !hmac.Equal([]byte(idt.Nonce), []byte(st.Nonce)) {
		return nil, fmt.Errorf("%w: the id_token's nonce is not the one sent", errSignin)
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return nil, fmt.Errorf("read claims: %w", err)
	}
	user, team, err := p.Identity(claims)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errSignin, err)
	}
	name, _ := claims["name"].(string)
	if name = clip(strings.TrimSpace(name), 100); name == "" {
		name = user
	}
	return &Viewer{Platform: p.Platform, User: user, Team: team, Name: name}, nil
}

// random is 32 random bytes, base64url: a state or a nonce.
func random() string {
	b := make([]byte, 32)
	rand.Read(b)
	return b64.EncodeToString(b)
}

// safeNext is where to go after signing in: a path on this site, never
// another site ("//evil.example", "/\evil.example", or "/\t/evil.example",
// which a browser reads as "//evil.example" once it drops the tab), the
// portfolio otherwise.
func safeNext(next string) string {
	bad := !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f })
	if bad {
		return "/portfolio"
	}
	return next
}

// clip shortens s to n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// signinView is the sign-in page.
type signinView struct {
	page
	Providers []providerLink
	SignedOut bool
}

type providerLink struct{ Label, URL string }

// signinPage lists the ways to sign in, each going back to next after.
func (s *Server) signinPage(w http.ResponseWriter, r *http.Request) {
	if s.off() {
		s.offPage(w, r)
		return
	}
	v := signinView{page: s.frame(r, "Sign in", access{Viewer: s.viewer(r)}), SignedOut: r.URL.Query().Has("signedout")}
	next := safeNext(r.URL.Query().Get("next"))
	for _, p := range s.providers {
		v.Providers = append(v.Providers, providerLink{Label: p.Label, URL: "/signin/" + p.Platform + "?" + url.Values{"next": {next}}.Encode()})
	}
	s.render(w, r, http.StatusOK, "signin.html", v)
}
