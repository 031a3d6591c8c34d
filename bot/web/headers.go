package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// pageCSP is the pages' Content Security Policy: nothing but the
// package's own stylesheet, no script at all, forms only to serve itself,
// and never inside another site's frame. The one inline style allowed,
// by its hash, is the burn-up chart's (which the stylesheet repeats).
var pageCSP = "default-src 'none'; style-src 'self' 'unsafe-hashes' " + styleHash(burnUpStyle) + "; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// burnUpStyle is the style attribute of checklist.BurnUp's chart, which
// keeps it within a narrow screen when it stands alone (in a mailed
// report).
const burnUpStyle = "max-width: 100%; height: auto"

// styleHash is CSP's source expression for an inline style's hash.
func styleHash(style string) string {
	sum := sha256.Sum256([]byte(style))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// reportCSP is the report's: the report is one self-contained page (it
// is also mailed and archived as a file), so its styles are inline. Still
// no script.
const reportCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

// headers adds the security headers every page carries. Referrer-Policy
// no-referrer keeps a signed link's query out of the Referer a linked
// site would see; no-store keeps a project's page out of shared caches
// and the back button of a shared computer after sign-out.
func (s *Server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", pageCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		if s.secure() {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// static serves the stylesheet, cached for a day: its address carries
// a hash of its content (cssURL), so a new version is fetched at once.
func (s *Server) static() http.Handler {
	sub, _ := fs.Sub(files, "static")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		b, err := fs.ReadFile(sub, name)
		if err != nil || strings.Contains(name, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "public, max-age=86400")
		if path.Ext(name) == ".css" {
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
		}
		http.ServeContent(w, r, name, startTime, bytes.NewReader(b))
	})
}

// cssURL is the stylesheet's address, with a hash of its content.
var cssURL = func() string {
	b, err := files.ReadFile("static/web.css")
	if err != nil {
		panic("web: no stylesheet embedded")
	}
	sum := sha256.Sum256(b)
	return "/static/web.css?v=" + hex.EncodeToString(sum[:6])
}()
