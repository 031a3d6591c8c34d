package web

import (
	"crypto/hmac"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// DefaultSessionTTL is how long a sign-in lasts.
const DefaultSessionTTL = 12 * time.Hour

// Viewer is the person signed in: who they are on their platform, which
// workspace or tenant they belong to, and whether they are an admin.
type Viewer struct {
	// Platform is the Binding.Platform of the provider they signed in
	// with; User their id there (a Slack member id, an Entra object id),
	// Team their workspace or tenant.
	Platform string `json:"p"`
	User     string `json:"u"`
	Team     string `json:"t"`
	// Name is for display.
	Name string `json:"n"`
	// Expires is when the sign-in ends, in Unix seconds.
	Expires int64 `json:"e"`
}

// Admin reports whether the viewer is among admins (STANDARDBOT_ADMINS).
func (v *Viewer) Admin(admins []string) bool {
	return v != nil && v.User != "" && slices.Contains(admins, v.User)
}

// cookie names: __Host- ones over https, which a browser accepts only
// Secure, for the whole host and from it alone.
func (s *Server) cookieName(name string) string {
	if s.secure() {
		return "__Host-" + name
	}
	return name
}

const (
	sessionCookie = "standardbot_session"
	signinCookie  = "standardbot_signin"
)

// sealed is v as JSON, signed: the payload and its MAC under key, both
// base64url, joined by a dot. The content is readable by whoever holds
// the cookie (it is their own name and ids) but cannot be changed.
func sealed(key []byte, purpose string, v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	payload := b64.EncodeToString(b)
	return payload + "." + b64.EncodeToString(mac(key, purpose, payload)), nil
}

// unseal checks a sealed value and decodes it into v.
func unseal(key []byte, purpose, value string, v any) bool {
	payload, sig, ok := strings.Cut(value, ".")
	if !ok {
		return false
	}
	got, err := b64.DecodeString(sig)
	if err != nil || !hmac.Equal(got, mac(key, purpose, payload)) {
		return false
	}
	b, err := b64.DecodeString(payload)
	return err == nil && json.Unmarshal(b, v) == nil
}

// setCookie sets a cookie for the whole site: HttpOnly (no script reads
// it, and the pages have none), SameSite=Lax (sent on a top-level
// navigation back from the sign-in provider, never on another site's
// form post) and Secure over https. maxAge < 0 deletes it.
func (s *Server) setCookie(w http.ResponseWriter, name, value string, maxAge time.Duration) {
	c := &http.Cookie{Name: s.cookieName(name), Value: value, Path: "/", HttpOnly: true, Secure: s.secure(), SameSite: http.SameSiteLaxMode}
	if maxAge < 0 {
		c.MaxAge = -1
	} else {
		c.MaxAge = int(maxAge.Seconds())
	}
	http.SetCookie(w, c)
}

// startSession signs v in until the session's lifetime ends.
func (s *Server) startSession(w http.ResponseWriter, v Viewer) error {
	v.Expires = s.now().Add(s.cfg.SessionTTL).Unix()
	value, err := sealed(s.keys.session, "session", v)
	if err != nil {
		return err
	}
	s.setCookie(w, sessionCookie, value, s.cfg.SessionTTL)
	return nil
}

// viewer is the person signed in, or nil: no cookie, one not signed with
// this server's secret, or one past its expiry.
func (s *Server) viewer(r *http.Request) *Viewer {
	if s.off() {
		return nil
	}
	c, err := r.Cookie(s.cookieName(sessionCookie))
	if err != nil {
		return nil
	}
	var v Viewer
	if !unseal(s.keys.session, "session", c.Value, &v) || v.User == "" || !s.now().Before(time.Unix(v.Expires, 0)) {
		return nil
	}
	return &v
}

// csrfToken is the token the sign-out form carries: a MAC of the session
// cookie, so another site, which cannot read the cookie, cannot make it.
func (s *Server) csrfToken(r *http.Request) string {
	c, err := r.Cookie(s.cookieName(sessionCookie))
	if err != nil {
		return ""
	}
	return b64.EncodeToString(mac(s.keys.csrf, "signout", c.Value))
}

// validCSRF checks a posted form's token against the request's session.
func (s *Server) validCSRF(r *http.Request) bool {
	want := s.csrfToken(r)
	got := r.PostFormValue("csrf")
	return want != "" && hmac.Equal([]byte(got), []byte(want))
}

// signout ends the session: POST only, with the form's CSRF token, so a
// link or another site cannot sign a person out.
func (s *Server) signout(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if s.viewer(r) != nil && !s.validCSRF(r) {
		s.errorPage(w, r, http.StatusForbidden, "That sign-out did not come from this site's own button", "Nothing was changed. To sign out, use the Sign out button at the top of any page.")
		return
	}
	s.setCookie(w, sessionCookie, "", -1)
	http.Redirect(w, r, "/signin?signedout=1", http.StatusSeeOther)
}
