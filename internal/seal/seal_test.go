package seal

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

const secret = "a-long-enough-test-secret-value"

func TestSealOpen(t *testing.T) {
	s, err := NewSealer(secret, "tokens")
	if err != nil {
		t.Fatal(err)
	}
	sealed := s.Seal("xoxb-123-secret", "T1")
	if bytes.Contains(sealed, []byte("xoxb")) || bytes.Contains(sealed, []byte("secret")) {
		t.Errorf("sealed value shows the token: %q", sealed)
	}
	if again := s.Seal("xoxb-123-secret", "T1"); bytes.Equal(again, sealed) {
		t.Error("sealing twice gave the same ciphertext: nonce reused")
	}
	if got, err := s.Open(sealed, "T1"); err != nil || got != "xoxb-123-secret" {
		t.Errorf("open = %q, %v", got, err)
	}
	if _, err := s.Open(sealed, "T2"); !errors.Is(err, ErrOpen) {
		t.Errorf("open for another workspace: %v, want ErrOpen", err)
	}
	other, _ := NewSealer(secret+"x", "tokens")
	if _, err := other.Open(sealed, "T1"); !errors.Is(err, ErrOpen) {
		t.Errorf("open under another secret: %v, want ErrOpen", err)
	}
	purpose, _ := NewSealer(secret, "state")
	if _, err := purpose.Open(sealed, "T1"); !errors.Is(err, ErrOpen) {
		t.Errorf("open under another purpose: %v, want ErrOpen", err)
	}
	tampered := bytes.Clone(sealed)
	tampered[len(tampered)-1] ^= 1
	if _, err := s.Open(tampered, "T1"); !errors.Is(err, ErrOpen) {
		t.Errorf("open tampered: %v, want ErrOpen", err)
	}
	if s.Seal("", "T1") != nil {
		t.Error("the empty string should seal to nil")
	}
	if got, err := s.Open(nil, "T1"); got != "" || err != nil {
		t.Errorf("open nil = %q, %v", got, err)
	}
}

func TestShortSecretRefused(t *testing.T) {
	if _, err := NewSealer("short", "tokens"); !errors.Is(err, ErrSecret) {
		t.Errorf("short secret: %v, want ErrSecret", err)
	}
	if _, err := NewSigner("", "state", time.Minute); !errors.Is(err, ErrSecret) {
		t.Errorf("empty secret: %v, want ErrSecret", err)
	}
}

func TestSigner(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	s, _ := NewSigner(secret, "state", 10*time.Minute)
	tok := s.Issue(now)
	n1, err := s.Check(tok, now.Add(10*time.Minute))
	if err != nil || n1 == "" {
		t.Fatalf("check within ttl: %q, %v", n1, err)
	}
	if n2, _ := s.Check(s.Issue(now), now); n2 == n1 {
		t.Error("two tokens share a nonce")
	}
	if _, err := s.Check(tok, now.Add(10*time.Minute+time.Second)); !errors.Is(err, ErrExpired) {
		t.Errorf("after ttl: %v, want ErrExpired", err)
	}
	other, _ := NewSigner(secret+"x", "state", 10*time.Minute)
	p, _, _ := strings.Cut(tok, ".")
	for _, forged := range []string{"", "x", tok + "a", other.Issue(now), p + "." + strings.Repeat("A", 43), "." + tok} {
		if _, err := s.Check(forged, now); !errors.Is(err, ErrForged) {
			t.Errorf("check %q: %v, want ErrForged", forged, err)
		}
	}
}
