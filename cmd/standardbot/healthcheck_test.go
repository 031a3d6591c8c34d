package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
)

func TestHealthzURL(t *testing.T) {
	tests := []struct {
		addr, want, wantErr string
	}{
		{addr: ":3000", want: "http://127.0.0.1:3000/healthz"},
		{addr: "0.0.0.0:3000", want: "http://127.0.0.1:3000/healthz"},
		{addr: "[::]:8080", want: "http://127.0.0.1:8080/healthz"},
		{addr: "localhost:3000", want: "http://localhost:3000/healthz"},
		{addr: "[::1]:3000", want: "http://[::1]:3000/healthz"},
		{addr: "http://bot.internal:3000", want: "http://bot.internal:3000/healthz"},
		{addr: "https://bot.example.gov.uk/", want: "https://bot.example.gov.uk/healthz"},
		{addr: "3000", wantErr: "not a URL or a host:port"},
		{addr: "http://", wantErr: "not a URL"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			got, err := healthzURL(tt.addr)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("healthzURL(%q) = %q, %v; want an error with %q", tt.addr, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("healthzURL(%q) = %q, %v; want %q", tt.addr, got, err, tt.want)
			}
		})
	}
}

// TestHealthcheckAgainstServe runs the binary as a container's HEALTHCHECK
// would: against a running serve it exits 0, against a closed port or an
// unhealthy server 1 with one line saying why, and a bad address is a
// usage error.
func TestHealthcheckAgainstServe(t *testing.T) {
	bin := buildBinary(t)
	p := startServe(t, bin, "STANDARDBOT_DATA_DIR="+t.TempDir(), "STANDARDBOT_GOVUK=off", "SLACK_BOT_TOKEN=", "SLACK_SIGNING_SECRET=", "TEAMS_APP_ID=", "TEAMS_APP_PASSWORD=")
	addr := strings.TrimPrefix(p.url, "http://")
	_, port, _ := strings.Cut(addr, ":")
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "draining", http.StatusServiceUnavailable)
	}))
	defer broken.Close()
	hung := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer hung.Close()
	tests := []struct {
		name       string
		args, env  []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{name: "serve's own address from the environment", env: []string{"STANDARDBOT_HTTP_ADDR=:" + port}, wantCode: 0, wantStdout: "ok: http://127.0.0.1:" + port + "/healthz answered"},
		{name: "--addr host:port", args: []string{"--addr", addr}, wantCode: 0, wantStdout: "ok"},
		{name: "--addr URL", args: []string{"--addr", p.url}, wantCode: 0, wantStdout: "ok"},
		{name: "closed port", args: []string{"--addr", freePort(t)}, wantCode: 1, wantStderr: "connection refused"},
		{name: "unhealthy", args: []string{"--addr", broken.URL}, wantCode: 1, wantStderr: "HTTP 503 draining"},
		{name: "no answer in time", args: []string{"--addr", hung.URL, "--timeout", "200ms"}, wantCode: 1, wantStderr: "no answer within 200ms"},
		{name: "bad address", args: []string{"--addr", "nowhere"}, wantCode: 2, wantStderr: "--addr"},
		{name: "stray argument", args: []string{"now"}, wantCode: 2, wantStderr: "no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(bin, append([]string{"healthcheck"}, tt.args...)...)
			cmd.Dir = t.TempDir()
			cmd.Env = append(cmd.Environ(), "STANDARDBOT_DATA_DIR="+t.TempDir())
			cmd.Env = append(cmd.Env, tt.env...)
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stdout %q, stderr %q", code, tt.wantCode, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("stdout %q, want %q", stdout.String(), tt.wantStdout)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr %q, want %q", stderr.String(), tt.wantStderr)
			}
			if tt.wantCode != 0 {
				if lines := strings.Count(strings.TrimSuffix(stderr.String(), "\n"), "\n") + 1; lines != 1 || !strings.HasPrefix(stderr.String(), "standardbot healthcheck: ") {
					t.Errorf("stderr is %d lines, want one reason: %q", lines, stderr.String())
				}
			}
		})
	}
}

// TestServeWithoutAPlatformWarns: a serve that answers no chat platform
// says so, in a JSON line like every other line of its log (the index's
// progress included).
func TestServeWithoutAPlatformWarns(t *testing.T) {
	bin := buildBinary(t)
	p := startServe(t, bin, "STANDARDBOT_DATA_DIR="+t.TempDir(), "STANDARDBOT_GOVUK=off", "SLACK_BOT_TOKEN=", "SLACK_SIGNING_SECRET=", "TEAMS_APP_ID=", "TEAMS_APP_PASSWORD=")
	p.stop(t)
	logs := p.stderr.String()
	if !strings.Contains(logs, `"level":"WARN","msg":"no Slack or Teams configured`) {
		t.Errorf("no warning that no platform is configured:\n%s", logs)
	}
	assertJSONLines(t, logs)
	if !strings.Contains(logs, `"msg":"indexing","done":`) {
		t.Errorf("the index's progress is not in the log (a fresh data folder builds it):\n%s", logs)
	}
}

func TestServeWithSlackDoesNotWarn(t *testing.T) {
	bin := buildBinary(t)
	p := startServe(t, bin, slackEnv(t.TempDir(), newFakeSlack(t, 0))...)
	p.stop(t)
	if logs := p.stderr.String(); strings.Contains(logs, "no Slack or Teams configured") {
		t.Errorf("warned with Slack configured:\n%s", logs)
	}
}

// assertJSONLines fails unless every line of a log is a JSON object.
func assertJSONLines(t *testing.T, logs string) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Errorf("a log line is not JSON: %q", line)
		}
	}
}
