package archtest

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

const module = "github.com/ovsflow/ovsflow"

// pkgImports maps a package directory (relative to the module root, slash
// separated) to the imports of its non-test Go files.
func pkgImports(t *testing.T) map[string]map[string]bool {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]bool{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			name := d.Name()
			if rel != "." && (strings.HasPrefix(name, ".") || name == "testdata" || rel == "internal/peerbench") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		if isIgnoredBuild(f.Comments) {
			return nil
		}
		dir := filepath.ToSlash(filepath.Dir(rel))
		if f.Name.Name == "main" {
			// Commands (generators, examples) are not library code.
			dir = "main:" + dir
		}
		if out[dir] == nil {
			out[dir] = map[string]bool{}
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[dir][p] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// isIgnoredBuild reports a "//go:build ignore" file (a generator script).
func isIgnoredBuild(groups []*ast.CommentGroup) bool {
	for _, g := range groups {
		for _, c := range g.List {
			if strings.HasPrefix(c.Text, "//go:build") && strings.Contains(c.Text, "ignore") {
				return true
			}
		}
	}
	return false
}

func under(dir, prefix string) bool { return dir == prefix || strings.HasPrefix(dir, prefix+"/") }

// isMain reports a directory holding a main package (see pkgImports).
func isMain(dir string) bool { return strings.HasPrefix(dir, "main:") }

func isStd(p string) bool { return !strings.Contains(strings.SplitN(p, "/", 2)[0], ".") }

func TestImports(t *testing.T) {
	pkgs := pkgImports(t)
	if len(pkgs) == 0 {
		t.Fatal("no packages found")
	}
	codecs := []string{"netflow", "ipfix", "sflow", "internal/wire", "internal/packet", "internal/pcapfile"}
	harnesses := []string{"internal/ovstest", "internal/tshark", "internal/udpcollect", "internal/testenv", "internal/corpus"}
	for dir, imps := range pkgs {
		if isMain(dir) {
			continue
		}
		for imp := range imps {
			for _, c := range codecs {
				if !under(dir, c) {
					continue
				}
				switch {
				case imp == "fmt" || imp == "reflect" || imp == "encoding/json":
					t.Errorf("%s imports %s: codecs stay free of fmt, reflect and encoding/json (style C7)", dir, imp)
				case isStd(imp):
				case imp == module+"/internal/wire", strings.HasPrefix(imp, module+"/"+c):
				case c == "internal/pcapfile" && imp == module+"/internal/packet":
				default:
					t.Errorf("%s imports %s: codecs depend only on the standard library and internal/wire", dir, imp)
				}
			}
			if under(dir, "ovsdb") && !under(dir, "ovsdb/flowexport") {
				for _, c := range []string{"netflow", "ipfix", "sflow", "exporter"} {
					if under(strings.TrimPrefix(imp, module+"/"), c) && strings.HasPrefix(imp, module+"/") {
						t.Errorf("%s imports %s: ovsdb knows nothing of codecs", dir, imp)
					}
				}
			}
			if under(dir, "ovsdb/flowexport") && dir == "ovsdb/flowexport" && (imp == module+"/ovsdb" || strings.Contains(imp, "cenkalti")) {
				t.Errorf("%s imports %s: config values must not pull in the RPC stack", dir, imp)
			}
			if under(dir, "exporter") && (imp == module+"/ovsdb" || strings.Contains(imp, "cenkalti")) {
				t.Errorf("%s imports %s: the exporter knows nothing of RPC", dir, imp)
			}
			if !under(dir, "internal") && !under(dir, "examples") {
				for _, h := range harnesses {
					if imp == module+"/"+h {
						t.Errorf("%s imports the test harness %s from library code", dir, imp)
					}
				}
			}
		}
	}
}

// TestTopLevel checks the top-level layout the project promises.
func TestTopLevel(t *testing.T) {
	allowed := map[string]bool{
		"ovsdb": true, "ipfix": true, "netflow": true, "sflow": true, "exporter": true, "examples": true,
		"internal": true, "go.mod": true, "go.sum": true, "README.md": true, "CHANGELOG.md": true, "LICENSE": true,
	}
	ents, err := os.ReadDir("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		// Build leftovers that .gitignore keeps out of the repository.
		ignored := strings.HasSuffix(e.Name(), ".test") || strings.HasSuffix(e.Name(), ".prof") || e.Name() == "bench.out"
		if strings.HasPrefix(e.Name(), ".") || allowed[e.Name()] || ignored {
			continue
		}
		t.Errorf("unexpected top-level entry %q", e.Name())
	}
}
