package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/url"
	"strconv"
	"time"
)

// MinSecretLength is the shortest STANDARDBOT_SECRET accepted, in bytes:
// anyone who guesses it can sign links to every report and sign in as
// anyone.
const MinSecretLength = 32

// DefaultLinkTTL is how long a report's signed link works.
const DefaultLinkTTL = 7 * 24 * time.Hour

// keys are the HMAC keys derived from the one secret, one per use, so a
// value signed for one purpose (a session cookie) is never accepted as
// another (a link).
type keys struct {
	links, session, signin, csrf []byte
}

// deriveKeys derives each purpose's key from secret: HMAC-SHA256 keyed by
// the secret over the purpose's name.
func deriveKeys(secret string) keys {
	derive := func(purpose string) []byte {
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte("standardbot web " + purpose + " v1"))
		return m.Sum(nil)
	}
	return keys{links: derive("links"), session: derive("session"), signin: derive("signin"), csrf: derive("csrf")}
}

// mac is HMAC-SHA256 of the parts under key, each part length-prefixed so
// that ("ab","c") and ("a","bc") differ.
func mac(key []byte, parts ...string) []byte {
	m := hmac.New(sha256.New, key)
	for _, p := range parts {
		m.Write([]byte(strconv.Itoa(len(p)) + ":" + p + ";"))
	}
	return m.Sum(nil)
}

// b64 is the URL- and cookie-safe encoding of signatures and cookies.
var b64 = base64.RawURLEncoding

// Why a signed link was refused.
var (
	errLinkInvalid = errors.New("link signature not valid")
	errLinkExpired = errors.New("link expired")
)

// linkSigner signs and checks the links that open a project's pages
// without signing in: the page's path, the project and the expiry, under
// the links key.
type linkSigner struct {
	key []byte
}

// sign returns the query that makes path (of project id) readable until
// exp: exp and sig.
func (s linkSigner) sign(path string, id int64, exp time.Time) url.Values {
	e := strconv.FormatInt(exp.Unix(), 10)
	return url.Values{"exp": {e}, "sig": {b64.EncodeToString(mac(s.key, "link", path, strconv.FormatInt(id, 10), e))}}
}

// check accepts q for path and project id at now: errLinkInvalid for a
// missing, malformed or tampered signature (a changed path, project or
// expiry among them), errLinkExpired for a genuine one past its expiry.
func (s linkSigner) check(path string, id int64, q url.Values, now time.Time) error {
	e, sig := q.Get("exp"), q.Get("sig")
	exp, err := strconv.ParseInt(e, 10, 64)
	if err != nil || sig == "" {
		return errLinkInvalid
	}
	got, err := b64.DecodeString(sig)
	if err != nil || !hmac.Equal(got, mac(s.key, "link", path, strconv.FormatInt(id, 10), e)) {
		return errLinkInvalid
	}
	if !now.Before(time.Unix(exp, 0)) {
		return errLinkExpired
	}
	return nil
}
