package a11ytest_test

import (
	"context"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/standardbot/standardbot/internal/a11ytest"
)

const head = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>A page</title></head><body><main><h1>A page</h1>`

// pages are a good page and pages that break a rule each, served as an
// application would, with a strict Content Security Policy and gzip.
var pages = map[string]string{
	"/good":     head + `<p>Plain text, <a href="/good">a link</a>.</p></main></body></html>`,
	"/contrast": head + `<p style="color:#fff;background:#f47738">partly</p></main></body></html>`,
	"/alt":      head + `<img src="/nothing.png"></main></body></html>`,
	"/wide":     head + `<table><tr><td style="min-width:900px">a wide cell</td></tr></table></main></body></html>`,
}

func server(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func tools(t *testing.T) a11ytest.Tools {
	tools, err := a11ytest.FindTools()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	return tools
}

// TestAuditFindsWhatIsWrong: the harness finds each kind of fault it is
// there to find, and none on a good page, through the page's own CSP.
func TestAuditFindsWhatIsWrong(t *testing.T) {
	tl := tools(t)
	srv := server(t)
	for path, want := range map[string]string{"/good": "", "/contrast": "color-contrast", "/alt": "image-alt"} {
		t.Run(path, func(t *testing.T) {
			run, err := tl.Audit(context.Background(), srv.URL+path, 390)
			if err != nil {
				t.Fatal(err)
			}
			if run.AxeVersion != "4.14.1" || run.Passes == 0 || run.InnerWidth != 390 {
				t.Errorf("axe-core %q, %d rules passed, window %d px: want 4.14.1, some, 390", run.AxeVersion, run.Passes, run.InnerWidth)
			}
			var ids []string
			for _, v := range run.Violations {
				ids = append(ids, v.ID)
				if len(v.Nodes) == 0 || len(v.Nodes[0].Target) == 0 || v.Help == "" || v.Impact == "" {
					t.Errorf("violation without its detail: %+v", v)
				}
			}
			if (want == "" && len(ids) > 0) || (want != "" && !slices.Contains(ids, want)) {
				t.Errorf("violations %v, want %q", ids, want)
			}
			if run.ScrollsSideways() {
				t.Errorf("scrolls sideways: %d in %d", run.ScrollWidth, run.InnerWidth)
			}
		})
	}
}

// TestAuditFindsSidewaysScroll: a page wider than a phone scrolls at 390
// px and not at 1280.
func TestAuditFindsSidewaysScroll(t *testing.T) {
	tl := tools(t)
	srv := server(t)
	for width, want := range map[int]bool{390: true, 1280: false} {
		run, err := tl.Audit(context.Background(), srv.URL+"/wide", width)
		if err != nil {
			t.Fatal(err)
		}
		if run.ScrollsSideways() != want {
			t.Errorf("at %d px: document %d px in a %d px window, scrolls = %v, want %v", width, run.ScrollWidth, run.InnerWidth, !want, want)
		}
	}
}

// TestCheckAndScreenshot: a good page passes Check at both default
// widths, and a screenshot is a PNG of the size asked for.
func TestCheckAndScreenshot(t *testing.T) {
	srv := server(t)
	res := a11ytest.Check(t, srv.URL+"/good")
	if len(res.Runs) != 2 || res.Runs[0].Width != 1280 || res.Runs[1].Width != 390 {
		t.Errorf("runs = %+v, want 1280 and 390", res.Runs)
	}
	path := filepath.Join(t.TempDir(), "shots", "good.png")
	a11ytest.Screenshot(t, srv.URL+"/good", 390, 600, path)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 390 || b.Dy() != 600 {
		t.Errorf("screenshot is %v, want 390x600", b)
	}
}
