package slack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// signatureWindow is how far a request's timestamp may be from our clock,
// either way, before it is taken for a replay.
const signatureWindow = 5 * time.Minute

var (
	errMissingSignature = errors.New("missing X-Slack-Signature or X-Slack-Request-Timestamp")
	errBadTimestamp     = errors.New("request timestamp outside the 5-minute window")
	errBadSignature     = errors.New("signature does not match")
)

// verify checks Slack's v0 request signature: the hex HMAC-SHA256, keyed
// with the signing secret, of "v0:" + timestamp + ":" + the raw body. It
// runs before the body is parsed, so nothing unverified is ever looked at.
func verify(h http.Header, body []byte, secret string, now time.Time) error {
	sig := h.Get("X-Slack-Signature")
	ts := h.Get("X-Slack-Request-Timestamp")
	if sig == "" || ts == "" {
		return errMissingSignature
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errBadTimestamp
	}
	if d := now.Sub(time.Unix(secs, 0)); d > signatureWindow || d < -signatureWindow {
		return errBadTimestamp
	}
	got, ok := strings.CutPrefix(sig, "v0=")
	if !ok {
		return errBadSignature
	}
	gotMAC, err := hex.DecodeString(got)
	if err != nil {
		return errBadSignature
	}
	if !hmac.Equal(gotMAC, sign(secret, ts, body)) {
		return errBadSignature
	}
	return nil
}

// sign is the v0 MAC of a request.
func sign(secret, ts string, body []byte) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	return mac.Sum(nil)
}
