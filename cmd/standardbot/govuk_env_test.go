package main

import (
	"os"
	"testing"
)

// TestMain turns GOV.UK fetching off for every test, and for the binaries
// they start (which inherit the environment), unless a test turns it on
// against its own fake GOV.UK: nothing in the suite reaches the internet.
func TestMain(m *testing.M) {
	os.Setenv("STANDARDBOT_GOVUK", "off")
	os.Setenv("STANDARDBOT_GOVUK_URL", "http://127.0.0.1:9")
	os.Exit(m.Run())
}
