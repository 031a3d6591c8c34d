// Package a11ytest checks web pages for accessibility in tests: it runs
// axe-core with the WCAG 2.2 A and AA rules in headless Chromium at the
// widths asked for, and checks the page does not scroll sideways. It also
// takes screenshots, for docs/screenshots.
//
// It needs Chromium (chromium on the PATH, or $STANDARDBOT_CHROMIUM) and
// axe-core ($STANDARDBOT_AXE_JS, else .ci/node_modules/axe-core/axe.min.js
// under the repository root, which .ci/run installs with npm). Without
// them a test skips saying what is missing, except under CI=true, where
// it fails: CI must not pass by checking nothing.
//
// No browser-driving library is needed: a reverse proxy in front of the
// page injects axe-core and a small runner script, and Chromium's
// --dump-dom prints the page with the runner's JSON results in it.
package a11ytest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Tags are the axe-core rule tags every check runs: WCAG 2.0, 2.1 and 2.2
// at levels A and AA (the runner script names the same).
var Tags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// DefaultWidths are the widths Check uses when given none: a desktop and
// a small phone.
var DefaultWidths = []int{1280, 390}

// Node is one element a rule failed on.
type Node struct {
	// Target is the CSS selector path to the element.
	Target []string `json:"target"`
	// Summary is axe-core's account of what to fix.
	Summary string `json:"summary"`
}

// Violation is one axe-core rule the page breaks, with where.
type Violation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []Node `json:"nodes"`
}

// Run is what one check of a page at one width found.
type Run struct {
	Width      int
	AxeVersion string      `json:"version"`
	Passes     int         `json:"passes"`
	Violations []Violation `json:"violations"`
	// ScrollWidth is the document's width and InnerWidth the window's; a
	// page wider than its window scrolls sideways.
	ScrollWidth int `json:"scrollWidth"`
	InnerWidth  int `json:"innerWidth"`
}

// ScrollsSideways reports whether the page is wider than the window.
func (r Run) ScrollsSideways() bool { return r.ScrollWidth > r.InnerWidth }

// Result is one Run per width checked.
type Result struct {
	Runs []Run
}

// Check runs axe-core on the page at url at each width (DefaultWidths if
// none), failing the test for each violation (its rule, impact, help and
// elements) and when the page scrolls sideways. It skips, or fails under
// CI=true, when Chromium or axe-core is missing.
func Check(t testing.TB, url string, widths ...int) Result {
	t.Helper()
	tools := need(t, true)
	if len(widths) == 0 {
		widths = DefaultWidths
	}
	var res Result
	for _, w := range widths {
		run, err := tools.Audit(context.Background(), url, w)
		if err != nil {
			t.Fatalf("a11ytest: %s at %d px: %v", url, w, err)
		}
		for _, v := range run.Violations {
			t.Errorf("a11ytest: %s at %d px: %s", url, w, v)
		}
		if run.ScrollsSideways() {
			t.Errorf("a11ytest: %s at %d px scrolls sideways: the document is %d px wide in a %d px window", url, w, run.ScrollWidth, run.InnerWidth)
		}
		res.Runs = append(res.Runs, run)
	}
	return res
}

// String is the violation as a test failure lists it.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s <%s>", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    %s", strings.Join(n.Target, " "))
		if n.Summary != "" {
			fmt.Fprintf(&b, ": %s", strings.ReplaceAll(n.Summary, "\n", "; "))
		}
	}
	return b.String()
}

// Screenshot saves a PNG of the page at url as a window of width by
// height pixels shows it, creating path's folder. It needs Chromium only;
// without it, it skips, or fails under CI=true.
func Screenshot(t testing.TB, url string, width, height int, path string) {
	t.Helper()
	tools := need(t, false)
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	if err := tools.screenshot(ctx, url, width, height, path); err != nil {
		t.Fatalf("a11ytest: screenshot of %s: %v", url, err)
	}
}

// PDF prints the page at url to a PDF file at path as Chromium prints it,
// with no header or footer of Chromium's own, for checking a page's print
// styles (its @page size, say). It skips or fails as Screenshot does.
func PDF(t testing.TB, url, path string) {
	t.Helper()
	tools := need(t, false)
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	if err := tools.pdf(ctx, url, path); err != nil {
		t.Fatalf("a11ytest: printing %s: %v", url, err)
	}
}

// browserTimeout bounds one Chromium run, so a page that never settles
// fails the test instead of hanging it.
const browserTimeout = 2 * time.Minute
