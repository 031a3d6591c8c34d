package teams

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/lestrrat-go/jwx/v3/jwk"
)

const (
	// botFrameworkIssuer is the issuer of every token the Bot Connector
	// sends a bot.
	botFrameworkIssuer = "https://api.botframework.com"
	// clockSkew is the leeway on a token's times the Bot Framework allows.
	clockSkew = 5 * time.Minute
	// maxAuthHeader bounds the token read; real ones are about 1.5 kB.
	maxAuthHeader = 16 << 10
)

var errNoToken = errors.New("no bearer token")

// tokenClaims are the claims of a Bot Connector token the adapter checks.
type tokenClaims struct {
	jwt.RegisteredClaims
	// ServiceURL is where the activity came from; it must equal the
	// activity's serviceUrl, so a token lifted from one request cannot
	// send the bot's replies (and its outbound token) elsewhere.
	ServiceURL string `json:"serviceurl"`
}

// grant is what a verified token allows: activities from its service URL,
// on the channels its key is endorsed for.
type grant struct {
	serviceURL string
	// endorsements are the signing key's channels; nil when the key lists
	// none, which limits nothing.
	endorsements []string
}

// verifyToken checks the request's bearer token by the Bot Framework's
// rules, before the body is read: RS256 only, signed by a key from the
// OpenID metadata, issued by the Bot Framework for this bot, within its
// lifetime give or take five minutes, and carrying a service URL.
func (a *Adapter) verifyToken(ctx context.Context, h http.Header) (*grant, error) {
	raw, ok := strings.CutPrefix(h.Get("Authorization"), "Bearer ")
	raw = strings.TrimSpace(raw)
	if !ok || raw == "" {
		return nil, errNoToken
	}
	if len(raw) > maxAuthHeader {
		return nil, errors.New("token too long")
	}
	var g grant
	var claims tokenClaims
	keyfunc := func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		k, err := a.keys.key(ctx, kid)
		if err != nil {
			return nil, err
		}
		pub, endorsements, err := rsaKey(k)
		if err != nil {
			return nil, err
		}
		g.endorsements = endorsements
		return pub, nil
	}
	_, err := jwt.ParseWithClaims(raw, &claims, keyfunc,
		jwt.WithValidMethods([]string{jwt.SigningMethodRS256.Alg()}),
		jwt.WithIssuer(botFrameworkIssuer),
		jwt.WithAudience(a.cfg.AppID),
		jwt.WithLeeway(clockSkew),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(a.now),
	)
	if err != nil {
		return nil, err
	}
	if claims.ServiceURL == "" {
		return nil, errors.New("token has no serviceurl claim")
	}
	g.serviceURL = claims.ServiceURL
	return &g, nil
}

// rsaKey is a signing key's public key and endorsements. A key that says
// it is for another use or algorithm is refused, whatever the token says.
func rsaKey(k jwk.Key) (*rsa.PublicKey, []string, error) {
	if use, ok := k.KeyUsage(); ok && use != "sig" {
		return nil, nil, fmt.Errorf("key is for %q, not signatures", use)
	}
	if alg, ok := k.Algorithm(); ok && alg.String() != jwt.SigningMethodRS256.Alg() {
		return nil, nil, fmt.Errorf("key is for %s, not RS256", alg)
	}
	var pub rsa.PublicKey
	if err := jwk.Export(k, &pub); err != nil {
		return nil, nil, fmt.Errorf("not an RSA public key: %w", err)
	}
	if !k.Has("endorsements") {
		return &pub, nil, nil // no endorsements: nothing to limit
	}
	var v any
	if err := k.Get("endorsements", &v); err != nil {
		return nil, nil, fmt.Errorf("key endorsements: %w", err)
	}
	endorsements, err := stringList(v)
	if err != nil {
		return nil, nil, fmt.Errorf("key endorsements: %w", err)
	}
	return &pub, endorsements, nil
}

// stringList reads a JSON array of strings as jwx decoded it. A key with
// endorsements of another shape is refused rather than taken as
// unrestricted.
func stringList(v any) ([]string, error) {
	switch v := v.(type) {
	case []string:
		return v, nil
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				return nil, fmt.Errorf("want strings, got %T", x)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("want an array, got %T", v)
}

// allows checks an activity against what its token grants: the same
// service URL, and a channel the signing key is endorsed for when it lists
// any. It runs once the body has been read, before any of it is acted on.
func (g *grant) allows(act *activity) error {
	if act.ServiceURL != g.serviceURL {
		return fmt.Errorf("activity serviceUrl %q differs from the token's serviceurl claim", act.ServiceURL)
	}
	if g.endorsements != nil && !slices.Contains(g.endorsements, act.ChannelID) {
		return fmt.Errorf("signing key is not endorsed for channel %q", act.ChannelID)
	}
	return nil
}
