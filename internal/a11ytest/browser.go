package a11ytest

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

//go:embed runner.js
var runnerJS []byte

// The paths the proxy serves itself; every other path goes to the page's
// server.
const (
	axePath    = "/__axe.js"
	runnerPath = "/__a11y-run.js"
	framePath  = "/__a11y-frame"
)

// framePage holds the page in a frame of the width and height checked.
// Headless Chromium will not make a window narrower than 500 pixels, and
// a phone is narrower: the frame is the page's viewport, so its media
// queries and widths are a 390-pixel phone's.
var framePage = template.Must(template.New("frame").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>a11ytest</title>
<style>html, body { margin: 0; } iframe { display: block; border: 0; }</style></head>
<body><iframe title="the page checked" src="{{.Src}}" width="{{.Width}}" height="{{.Height}}"></iframe></body></html>
`))

// windowHeight is the window's height for a check: the rules do not
// depend on it, only what is in view.
const windowHeight = 900

// Audit runs axe-core on the page at pageURL in a window width pixels
// wide and returns what it found. It fails only when the check could not
// run; violations are in the Run.
func (t Tools) Audit(ctx context.Context, pageURL string, width int) (Run, error) {
	ctx, cancel := context.WithTimeout(ctx, browserTimeout)
	defer cancel()
	proxied, stop, err := t.proxy(pageURL, true, width, windowHeight)
	if err != nil {
		return Run{}, err
	}
	defer stop()
	out, err := t.chromium(ctx, width, windowHeight, "--virtual-time-budget=10000", "--dump-dom", proxied)
	if err != nil {
		return Run{}, err
	}
	raw, err := resultsIn(out)
	if err != nil {
		return Run{}, err
	}
	var run struct {
		Run
		Error string `json:"error"`
	}
	if err := json.Unmarshal([]byte(raw), &run); err != nil {
		return Run{}, fmt.Errorf("read axe-core's results: %w", err)
	}
	if run.Error != "" {
		return Run{}, fmt.Errorf("axe-core: %s", run.Error)
	}
	run.Width = width
	return run.Run, nil
}

// screenshot saves a PNG of the page as Chromium shows it.
func (t Tools) screenshot(ctx context.Context, pageURL string, width, height int, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	proxied, stop, err := t.proxy(pageURL, false, width, height)
	if err != nil {
		return err
	}
	defer stop()
	// A virtual time budget lets the page finish loading and settle
	// before the picture is taken.
	if _, err := t.chromium(ctx, width, height, "--virtual-time-budget=5000", "--screenshot="+abs, proxied); err != nil {
		return err
	}
	if _, err := os.Stat(abs); err != nil {
		return fmt.Errorf("chromium wrote no screenshot: %w", err)
	}
	return nil
}

// pdf prints the page itself, not through the frame, which would print
// the frame's page instead.
func (t Tools) pdf(ctx context.Context, pageURL, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if _, err := t.chromium(ctx, 1280, windowHeight, "--virtual-time-budget=5000", "--no-pdf-header-footer", "--print-to-pdf="+abs, pageURL); err != nil {
		return err
	}
	if _, err := os.Stat(abs); err != nil {
		return fmt.Errorf("chromium wrote no PDF: %w", err)
	}
	return nil
}

// chromium runs headless Chromium in a fresh profile, without network
// chatter of its own, in a window of the given size, and returns what it
// printed.
func (t Tools) chromium(ctx context.Context, width, height int, args ...string) ([]byte, error) {
	profile, err := os.MkdirTemp("", "a11ytest-profile-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(profile)
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir=" + profile, fmt.Sprintf("--window-size=%d,%d", width, height)}
	cmd := exec.CommandContext(ctx, t.Chromium, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("chromium: %w\n%s", err, lastLines(stderr.String(), 20))
	}
	return stdout.Bytes(), nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// resultsIn finds the runner's <pre id="a11y-results"> in a dumped page.
func resultsIn(dump []byte) (string, error) {
	doc, err := html.Parse(bytes.NewReader(dump))
	if err != nil {
		return "", fmt.Errorf("read chromium's page: %w", err)
	}
	var found *html.Node
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "pre" && attr(n, "id") == "a11y-results" {
			found = n
			break
		}
	}
	if found == nil || found.FirstChild == nil {
		return "", errors.New("the page has no axe-core results: it did not finish loading, or axe-core did not run, within Chromium's time budget")
	}
	return found.FirstChild.Data, nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// proxy serves the page at pageURL through a reverse proxy, in a frame
// width by height pixels. With audit set, the proxy adds axe-core and the
// runner to every HTML page. It strips any Content Security Policy and
// X-Frame-Options, which would rightly refuse the scripts and the frame.
// It returns the frame's address and a function that stops the proxy.
func (t Tools) proxy(pageURL string, audit bool, width, height int) (string, func(), error) {
	target, err := url.Parse(pageURL)
	if err != nil || (target.Scheme != "http" && target.Scheme != "https") {
		return "", nil, fmt.Errorf("%q is not an http(s) address", pageURL)
	}
	var axe []byte
	if audit {
		if axe, err = os.ReadFile(t.AxeJS); err != nil {
			return "", nil, err
		}
	}
	rp := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(&url.URL{Scheme: target.Scheme, Host: target.Host})
			r.Out.Host = target.Host
			// Go's transport then asks for gzip itself and unpacks it, so
			// the HTML arrives readable for the injection.
			r.Out.Header.Del("Accept-Encoding")
		},
		ModifyResponse: func(resp *http.Response) error { return rewrite(resp, audit) },
	}
	src := target.RequestURI()
	if target.Fragment != "" {
		src += "#" + target.Fragment
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+framePath, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		framePage.Execute(w, map[string]any{"Src": src, "Width": width, "Height": height})
	})
	mux.HandleFunc("GET "+axePath, serveJS(axe))
	mux.HandleFunc("GET "+runnerPath, serveJS(runnerJS))
	mux.Handle("/", rp)
	srv := httptest.NewServer(mux)
	return srv.URL + framePath, srv.Close, nil
}

func serveJS(body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(body)
	}
}

// scripts are what inject adds to an HTML page, last in its body.
const scripts = `<script src="` + axePath + `"></script><script src="` + runnerPath + `"></script>`

// rewrite drops a response's CSP and frame headers and, with audit set,
// adds the scripts to an HTML page.
func rewrite(resp *http.Response, audit bool) error {
	resp.Header.Del("Content-Security-Policy")
	resp.Header.Del("Content-Security-Policy-Report-Only")
	resp.Header.Del("X-Frame-Options")
	if !audit || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		return nil
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if i := bytes.LastIndex(bytes.ToLower(body), []byte("</body>")); i >= 0 {
		body = append(body[:i:i], append([]byte(scripts), body[i:]...)...)
	} else {
		body = append(body, scripts...)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	return nil
}
