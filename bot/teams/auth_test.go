package teams

import (
	"context"
	"crypto/x509"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/standardbot/standardbot/checklist"
)

// personalRef is the binding of Alice's chat with the bot.
var personalRef = checklist.Binding{Platform: Platform, Team: testTenant, Channel: personalChat}

func TestTokensThatFailVerificationGet401AndNothingHappens(t *testing.T) {
	h := newHarness(t)
	skype := newSigningKey(t, "k-skype", "skype")
	h.fake.publish(skype)
	forger := newSigningKey(t, "k1") // the published kid, another key
	with := func(change func(jwt.MapClaims)) jwt.MapClaims {
		c := h.fake.claims()
		change(c)
		return c
	}
	hmacWithPublicKey := func() string {
		// The old algorithm confusion: an HMAC keyed with the public key.
		pub, err := x509.MarshalPKIXPublicKey(&h.k1.priv.PublicKey)
		if err != nil {
			t.Fatal(err)
		}
		tok := jwt.NewWithClaims(jwt.SigningMethodHS256, h.fake.claims())
		tok.Header["kid"] = "k1"
		s, err := tok.SignedString(pub)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	unsigned := func() string {
		tok := jwt.NewWithClaims(jwt.SigningMethodNone, h.fake.claims())
		tok.Header["kid"] = "k1"
		s, err := tok.SignedString(jwt.UnsafeAllowNoneSignatureType)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tests := []struct {
		name string
		auth string
		// serviceURL replaces the activity's serviceUrl when set.
		serviceURL string
	}{
		{name: "no token"},
		{name: "not a bearer token", auth: "Basic " + testPassword},
		{name: "empty bearer token", auth: "Bearer "},
		{name: "not a JWT", auth: "Bearer not.a.jwt"},
		{name: "wrong audience", auth: "Bearer " + sign(t, h.k1, with(func(c jwt.MapClaims) { c["aud"] = "another-bot" }))},
		{name: "wrong issuer", auth: "Bearer " + sign(t, h.k1, with(func(c jwt.MapClaims) { c["iss"] = "https://sts.windows.net/" + testTenant + "/" }))},
		{name: "expired beyond the clock skew", auth: "Bearer " + sign(t, h.k1, with(func(c jwt.MapClaims) {
			c["exp"], c["iat"], c["nbf"] = time.Now().Add(-6*time.Minute).Unix(), time.Now().Add(-time.Hour).Unix(), time.Now().Add(-time.Hour).Unix()
		}))},
		{name: "not valid yet beyond the clock skew", auth: "Bearer " + sign(t, h.k1, with(func(c jwt.MapClaims) { c["nbf"] = time.Now().Add(10 * time.Minute).Unix() }))},
		{name: "no expiry", auth: "Bearer " + sign(t, h.k1, with(func(c jwt.MapClaims) { delete(c, "exp") }))},
		{name: "serviceurl claim differs from the activity's", auth: "Bearer " + sign(t, h.k1, h.fake.claims()), serviceURL: "https://attacker.example/"},
		{name: "no serviceurl claim", auth: "Bearer " + sign(t, h.k1, with(func(c jwt.MapClaims) { delete(c, "serviceurl") }))},
		{name: "key not endorsed for msteams", auth: "Bearer " + sign(t, skype, h.fake.claims())},
		{name: "signed by another key", auth: "Bearer " + sign(t, forger, h.fake.claims())},
		{name: "HS256 with the public key", auth: "Bearer " + hmacWithPublicKey()},
		{name: "alg none", auth: "Bearer " + unsigned()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			act := h.personal("mark 5 met")
			if tt.serviceURL != "" {
				act["serviceUrl"] = tt.serviceURL
			}
			before := h.counter("activities", "unknown", outcomeRejected)
			rec := h.post(act, tt.auth)
			h.settle()
			if rec.Code != http.StatusUnauthorized {
				t.Errorf("status %d, want 401", rec.Code)
			}
			if n := len(h.fake.received()); n != 0 {
				t.Errorf("%d connector call(s), want none", n)
			}
			if got := h.counter("activities", "unknown", outcomeRejected); got != before+1 {
				t.Errorf("rejected activities = %v, want %v", got, before+1)
			}
		})
	}
	if _, err := h.store.Ref(context.Background(), personalRef); checklist.ErrorCode(err) != checklist.ENOTFOUND {
		t.Errorf("a rejected activity stored a conversation reference (err %v)", err)
	}
	if _, tokens := h.fake.hits(); tokens != 0 {
		t.Errorf("%d outbound token request(s) for rejected activities, want none", tokens)
	}
}

func TestTokensThatPassVerification(t *testing.T) {
	h := newHarness(t)
	plain := newSigningKey(t, "k-plain") // published without endorsements
	h.fake.publish(plain)
	tests := []struct {
		name  string
		token func() string
	}{
		{"valid", func() string { return sign(t, h.k1, h.fake.claims()) }},
		{"expired within the clock skew", func() string {
			c := h.fake.claims()
			c["exp"] = time.Now().Add(-4 * time.Minute).Unix()
			return sign(t, h.k1, c)
		}},
		{"key without endorsements", func() string { return sign(t, plain, h.fake.claims()) }},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := h.post(h.personal("help"), "Bearer "+tt.token())
			h.settle()
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d, want 200", rec.Code)
			}
			if n := len(h.fake.received()); n != i+1 {
				t.Errorf("%d replies, want %d", n, i+1)
			}
		})
	}
}

func TestAnUnknownKeyIDRefreshesTheKeysOnce(t *testing.T) {
	h := newHarness(t)
	h.send(h.personal("help"))
	if jwks, _ := h.fake.hits(); jwks != 1 {
		t.Fatalf("key set fetched %d times for the first message, want 1", jwks)
	}

	k2 := newSigningKey(t, "k2", "msteams")
	h.fake.publish(k2) // a rotation the cache has not seen
	if rec := h.post(h.personal("help"), "Bearer "+sign(t, k2, h.fake.claims())); rec.Code != http.StatusOK {
		t.Fatalf("token signed with the rotated-in key: status %d, want 200", rec.Code)
	}
	if jwks, _ := h.fake.hits(); jwks != 2 {
		t.Errorf("key set fetched %d times after an unknown kid, want 2 (one refresh)", jwks)
	}
	if rec := h.post(h.personal("help"), "Bearer "+sign(t, k2, h.fake.claims())); rec.Code != http.StatusOK {
		t.Fatalf("second token with the new key: status %d", rec.Code)
	}

	// A flood of made-up key ids costs no further fetch.
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bogus := &signingKey{kid: fmt.Sprintf("bogus-%d", i), priv: k2.priv}
			if rec := h.post(h.personal("help"), "Bearer "+sign(t, bogus, h.fake.claims())); rec.Code != http.StatusUnauthorized {
				t.Errorf("made-up kid: status %d, want 401", rec.Code)
			}
		}()
	}
	wg.Wait()
	h.settle()
	if jwks, _ := h.fake.hits(); jwks != 2 {
		t.Errorf("key set fetched %d times after a flood of unknown kids, want still 2", jwks)
	}
	if n := len(h.fake.received()); n != 3 {
		t.Errorf("%d replies, want 3 (the verified messages only)", n)
	}
}
