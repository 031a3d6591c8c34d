// Package seal keeps secrets the bot stores or hands out safe: tokens
// encrypted at rest with AES-GCM (Sealer) and short-lived signed values
// such as an install flow's state (Signer), each under its own key derived
// from one secret with HKDF-SHA-256, so one leaked derived key opens
// nothing else.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"
)

// version is the first byte of every sealed value, so the scheme can
// change without misreading what an older one sealed.
const version = 1

// MinSecret is the shortest secret Derive accepts.
const MinSecret = 16

// ErrSecret is returned for a secret too short to derive keys from.
var ErrSecret = fmt.Errorf("seal: the secret must be at least %d characters: set STANDARDBOT_SECRET (or STANDARDBOT_TOKEN_KEY) to a long random value, e.g. from `openssl rand -hex 32`", MinSecret)

// Derive returns a 32-byte key for purpose from secret (HKDF-SHA-256).
func Derive(secret, purpose string) ([]byte, error) {
	if len(secret) < MinSecret {
		return nil, ErrSecret
	}
	k, err := hkdf.Key(sha256.New, []byte(secret), nil, "standardbot "+purpose, 32)
	if err != nil {
		return nil, fmt.Errorf("seal: derive %s key: %w", purpose, err)
	}
	return k, nil
}

// Sealer encrypts and decrypts values with AES-256-GCM.
type Sealer struct{ aead cipher.AEAD }

// NewSealer returns a Sealer with a key derived from secret for purpose.
func NewSealer(secret, purpose string) (*Sealer, error) {
	key, err := Derive(secret, purpose)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return &Sealer{aead: aead}, nil
}

// Seal encrypts plain, bound to context (what it belongs to, such as a
// workspace id: a value sealed for one context does not open in another).
// The empty string seals to nil.
func (s *Sealer) Seal(plain, context string) []byte {
	if plain == "" {
		return nil
	}
	out := make([]byte, 1+s.aead.NonceSize(), 1+s.aead.NonceSize()+len(plain)+s.aead.Overhead())
	out[0] = version
	rand.Read(out[1:]) // never fails (crypto/rand)
	return s.aead.Seal(out, out[1:], []byte(plain), []byte(context))
}

// ErrOpen is returned for a sealed value that does not open: tampered
// with, sealed for another context or under another key.
var ErrOpen = errors.New("seal: the value does not open with this key: was STANDARDBOT_SECRET (or STANDARDBOT_TOKEN_KEY) changed? Install again")

// Open decrypts what Seal made for context; nil opens to "".
func (s *Sealer) Open(sealed []byte, context string) (string, error) {
	if len(sealed) == 0 {
		return "", nil
	}
	n := s.aead.NonceSize()
	if len(sealed) < 1+n || sealed[0] != version {
		return "", ErrOpen
	}
	plain, err := s.aead.Open(nil, sealed[1:1+n], sealed[1+n:], []byte(context))
	if err != nil {
		return "", ErrOpen
	}
	return string(plain), nil
}

// Signer issues and checks signed, expiring tokens (HMAC-SHA-256), each
// with a random nonce the caller can claim to make it single-use.
type Signer struct {
	key []byte
	ttl time.Duration
}

// NewSigner returns a Signer whose tokens last ttl, with a key derived
// from secret for purpose.
func NewSigner(secret, purpose string, ttl time.Duration) (*Signer, error) {
	key, err := Derive(secret, purpose)
	if err != nil {
		return nil, err
	}
	return &Signer{key: key, ttl: ttl}, nil
}

var b64 = base64.RawURLEncoding

// Issue returns a new token, valid until now plus the Signer's ttl.
func (s *Signer) Issue(now time.Time) string {
	payload := make([]byte, 16+8)
	rand.Read(payload[:16])
	binary.BigEndian.PutUint64(payload[16:], uint64(now.Add(s.ttl).Unix()))
	return b64.EncodeToString(payload) + "." + b64.EncodeToString(s.mac(payload))
}

func (s *Signer) mac(payload []byte) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write(payload)
	return m.Sum(nil)
}

// ErrForged and ErrExpired are Check's refusals.
var (
	ErrForged  = errors.New("seal: the token was not issued here")
	ErrExpired = errors.New("seal: the token has expired")
)

// Check verifies token at now and returns its nonce, the key to claim
// so it is used once; ErrForged or ErrExpired.
func (s *Signer) Check(token string, now time.Time) (nonce string, err error) {
	p, sig, ok := strings.Cut(token, ".")
	if !ok {
		return "", ErrForged
	}
	payload, err1 := b64.DecodeString(p)
	mac, err2 := b64.DecodeString(sig)
	if err1 != nil || err2 != nil || len(payload) != 24 || !hmac.Equal(mac, s.mac(payload)) {
		return "", ErrForged
	}
	if now.Unix() > int64(binary.BigEndian.Uint64(payload[16:])) {
		return "", ErrExpired
	}
	return p[:22], nil
}
