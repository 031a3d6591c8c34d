package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// healthcheckTimeout bounds one check, inside Docker's default 30 s.
const healthcheckTimeout = 5 * time.Second

// runHealthcheck asks a running serve's /healthz, for a container's
// HEALTHCHECK: the distroless image has no shell and no curl, so the
// binary asks itself. Exit 0 when it answers 200; otherwise 1 and the
// reason in one line.
func runHealthcheck(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	addr := fs.String("addr", e.cfg.HTTPAddr, "serve's listen address or URL (STANDARDBOT_HTTP_ADDR)")
	timeout := fs.Duration("timeout", healthcheckTimeout, "how long to wait for the answer")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("healthcheck takes no arguments (usage: standardbot healthcheck %s)", usageOf("healthcheck"))
	}
	target, err := healthzURL(*addr)
	if err != nil {
		return usageErr("--addr: %v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return usageErr("--addr: %v", err)
	}
	req.Header.Set("User-Agent", "standardbot-healthcheck/"+version)
	resp, err := http.DefaultClient.Do(req)
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: no answer within %s", target, *timeout)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", target, unwrapURLError(err))
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: HTTP %d %s", target, resp.StatusCode, strings.TrimSpace(string(body)))
	}
	fmt.Fprintf(e.stdout, "ok: %s answered\n", target)
	return nil
}

// healthzURL turns a listen address (":3000", "0.0.0.0:3000",
// "host:3000") or a base URL ("http://host:3000") into the URL of its
// /healthz. A listen address on every interface is asked on loopback.
func healthzURL(addr string) (string, error) {
	addr = strings.TrimSpace(addr)
	if strings.HasPrefix(addr, "http://") || strings.HasPrefix(addr, "https://") {
		u, err := url.Parse(addr)
		if err != nil || u.Host == "" {
			return "", fmt.Errorf("%q is not a URL or a host:port", addr)
		}
		u.Path = strings.TrimSuffix(u.Path, "/") + "/healthz"
		return u.String(), nil
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return "", fmt.Errorf("%q is not a URL or a host:port (try :3000)", addr)
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}

// unwrapURLError drops net/http's "Get URL:" prefix, which the caller
// already names.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
