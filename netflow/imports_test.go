package netflow

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestNoImports keeps the codec free of fmt, reflect and encoding/json,
// and limited to the standard library and internal/wire.
func TestNoImports(t *testing.T) {
	files, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := f.Name()
		if f.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			switch {
			case path == "fmt" || path == "reflect" || path == "encoding/json":
				t.Errorf("%s imports %s", name, path)
			case strings.Contains(strings.SplitN(path, "/", 2)[0], ".") && path != "github.com/ovsflow/ovsflow/internal/wire":
				t.Errorf("%s imports %s (only the standard library and internal/wire)", name, path)
			}
		}
	}
}
