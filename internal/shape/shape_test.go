// Package shape holds tests of the code's own shape: the rules of
// docs/ARCHITECTURE.md that the compiler does not enforce (which packages
// may import what, which may name a platform) and the 60-line limit on a
// function. They read the source with go/parser, so they need nothing but
// the repository.
package shape

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// module is the module path every package import below starts with.
const module = "github.com/standardbot/standardbot"

// maxLines is the longest a non-test function may be, counted from its
// func line to its closing brace. A longer one does more than one thing.
const maxLines = 60

// file is one parsed source file with where it lives.
type file struct {
	pkg  string // directory relative to the root, with slashes
	path string
	ast  *ast.File
	fset *token.FileSet
}

// sources parses every non-test Go file of the repository.
func sources(t *testing.T) []file {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	var out []file
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		out = append(out, file{pkg: filepath.ToSlash(rel), path: path, ast: f, fset: fset})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 50 {
		t.Fatalf("found %d source files under %s: is this the repository root?", len(out), root)
	}
	return out
}

// imports returns the import paths of f.
func (f file) imports() []string {
	var out []string
	for _, s := range f.ast.Imports {
		p, _ := strconv.Unquote(s.Path.Value)
		out = append(out, p)
	}
	return out
}

func TestNoFunctionOverSixtyLines(t *testing.T) {
	for _, f := range sources(t) {
		if testSupport(f.pkg) {
			continue
		}
		for _, d := range f.ast.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			start, end := f.fset.Position(fn.Pos()).Line, f.fset.Position(fn.End()).Line
			if n := end - start + 1; n > maxLines {
				t.Errorf("%s:%d: %s is %d lines (at most %d): split it", f.path, start, fn.Name.Name, n, maxLines)
			}
		}
	}
}

// TestImportArrows checks the imports ARCHITECTURE.md promises are absent.
func TestImportArrows(t *testing.T) {
	forbidden := []struct {
		pkg, prefix, why string
	}{
		{"cmd/standardbot", "github.com/riverqueue/", "only checklist/riverjobs knows River; cmd wires it"},
		{"knowledge/openai", module + "/internal/work", "the model client knows nothing of answering slots; cmd wraps it"},
		{"knowledge", module + "/knowledge/", "knowledge imports none of its sub-packages; they import it"},
		{"knowledge", module + "/bot", "arrows point inward: bot uses knowledge"},
		{"knowledge", module + "/checklist", "knowledge answers questions; projects are checklist's"},
		{"checklist", module + "/", "checklist is the domain: it imports nothing of the project"},
		{"bot", module + "/bot/", "the core knows no adapter"},
		{"bot", module + "/internal/", "the core knows no scheduling, inbox or metrics"},
	}
	for _, f := range sources(t) {
		for _, imp := range f.imports() {
			for _, r := range forbidden {
				if f.pkg == r.pkg && strings.HasPrefix(imp, r.prefix) {
					t.Errorf("%s imports %s: %s", f.path, imp, r.why)
				}
			}
		}
	}
}

// adapters may name a platform; nothing else may.
var adapters = []string{"bot/slack", "bot/teams", "bot/console", "cmd/slackload"}

// TestOnlyAdaptersNameAPlatform looks for the platform names as string
// literals outside the adapters: the core compares Address.Platform but
// never spells one out.
func TestOnlyAdaptersNameAPlatform(t *testing.T) {
	for _, f := range sources(t) {
		if isAdapter(f.pkg) || testSupport(f.pkg) {
			continue
		}
		ast.Inspect(f.ast, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			switch strings.ToLower(s) {
			case "slack", "teams", "msteams", "console":
				t.Errorf("%s: names the platform %q: platform names live in their adapters", f.fset.Position(lit.Pos()), s)
			}
			return true
		})
	}
}

// testSupport reports whether pkg exists for tests (storetest, bottest,
// govuktest, pgtest): its sample data may name platforms, and its long
// tables of cases are tests in all but file name.
func testSupport(pkg string) bool {
	return strings.HasSuffix(pkg, "test")
}

func isAdapter(pkg string) bool {
	for _, a := range adapters {
		if pkg == a || strings.HasPrefix(pkg, a+"/") {
			return true
		}
	}
	return false
}

// TestShapeChecksSeeTheRepository guards the tests above against passing
// because they read nothing: the root must hold go.mod of this module.
func TestShapeChecksSeeTheRepository(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "module "+module) {
		t.Fatalf("go.mod two levels up is not %s", module)
	}
}
