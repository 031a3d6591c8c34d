package a11ytest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Tools are the browser and the axe-core script a check uses.
type Tools struct {
	// Chromium is the browser's executable.
	Chromium string
	// AxeJS is axe-core's axe.min.js.
	AxeJS string
}

// axeInRepo is where .ci/run installs axe-core, from the repository root.
const axeInRepo = ".ci/node_modules/axe-core/axe.min.js"

// FindTools looks for Chromium ($STANDARDBOT_CHROMIUM, else chromium or
// chromium-browser on the PATH) and axe-core ($STANDARDBOT_AXE_JS, else
// the copy .ci/run installs), saying how to get whichever is missing.
func FindTools() (Tools, error) {
	var t Tools
	var missing []error
	t.Chromium = os.Getenv("STANDARDBOT_CHROMIUM")
	for _, name := range []string{"chromium", "chromium-browser"} {
		if t.Chromium != "" {
			break
		}
		t.Chromium, _ = exec.LookPath(name)
	}
	if t.Chromium == "" {
		missing = append(missing, errors.New("chromium is not installed (apt-get install chromium, or set STANDARDBOT_CHROMIUM)"))
	}
	t.AxeJS = os.Getenv("STANDARDBOT_AXE_JS")
	if t.AxeJS == "" {
		if root, err := repoRoot(); err == nil {
			t.AxeJS = filepath.Join(root, axeInRepo)
		}
	}
	if _, err := os.Stat(t.AxeJS); t.AxeJS == "" || err != nil {
		missing = append(missing, fmt.Errorf("axe-core is not at %q (npm ci --prefix .ci, as .ci/run does, or set STANDARDBOT_AXE_JS)", t.AxeJS))
	}
	return t, errors.Join(missing...)
}

// need finds the tools or ends the test: a skip locally, a failure in CI.
// Without audit, only Chromium is needed (screenshots, printing).
func need(t testing.TB, audit bool) Tools {
	t.Helper()
	tools, err := FindTools()
	if err != nil && !audit && tools.Chromium != "" {
		err = nil
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("a11ytest: %v", err)
		}
		t.Skipf("a11ytest: skipping the browser check: %v", err)
	}
	return tools
}

// repoRoot is the nearest folder at or above the working directory that
// holds go.mod: a test runs in its package's folder.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
