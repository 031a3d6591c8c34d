// Package pgtest gives tests their own PostgreSQL schema on the test
// server: reachable at STANDARDBOT_TEST_POSTGRES_URL (default
// postgres://postgres@127.0.0.1:5432/test), skipped when it is not, and
// failed instead when STANDARDBOT_TEST_POSTGRES=required, as in CI.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

const defaultTestURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// URL is the test server's URL.
func URL() string {
	if u := os.Getenv("STANDARDBOT_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return defaultTestURL
}

// Redact hides the password of a URL, for messages.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return "(the connection string in STANDARDBOT_TEST_POSTGRES_URL)"
	}
	return u.Redacted()
}

// Admin connects to the test database within two seconds, or skips the
// test, or fails it when STANDARDBOT_TEST_POSTGRES=required (as in CI,
// where a missing database must not pass silently).
func Admin(t testing.TB) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, URL())
	if err != nil {
		msg := fmt.Sprintf("PostgreSQL is not reachable at %s (%v). To run these tests, start PostgreSQL there "+
			"or set STANDARDBOT_TEST_POSTGRES_URL to a database the tests may create schemas in; "+
			"set STANDARDBOT_TEST_POSTGRES=required to fail rather than skip", Redact(URL()), err)
		if os.Getenv("STANDARDBOT_TEST_POSTGRES") == "required" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// FreshSchema creates an empty schema t_<random>, dropped when the test
// ends, and returns the test URL with search_path set to it.
func FreshSchema(t testing.TB) string {
	t.Helper()
	conn := Admin(t)
	b := make([]byte, 8)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := conn.Exec(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return WithSearchPath(URL(), schema)
}

// WithSearchPath sets the schema a URL (or keyword/value string) uses.
func WithSearchPath(raw, schema string) string {
	if u, err := url.Parse(raw); err == nil && u.Scheme != "" {
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return raw + " search_path=" + schema // keyword/value form
}
