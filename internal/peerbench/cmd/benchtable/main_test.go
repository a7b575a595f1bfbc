package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const input = `goos: linux
goarch: amd64
pkg: github.com/ovsflow/ovsflow/internal/peerbench/netflow
cpu: Test CPU
BenchmarkV5Decode/ovsflow-2    	1000	       100.0 ns/op	   0 B/op	       0 allocs/op
BenchmarkV5Decode/ovsflow-2    	1000	       120.0 ns/op	   0 B/op	       0 allocs/op
BenchmarkV5Decode/ovsflow-2    	1000	       110.0 ns/op	   0 B/op	       0 allocs/op
BenchmarkV5Decode/goflow2-2    	1000	      2200 ns/op	 512 B/op	      31 allocs/op
BenchmarkV5Decode/goflow2-2    	1000	      2000 ns/op	 512 B/op	      31 allocs/op
BenchmarkMonitor/units=10/lib=ovsflow-2    	10	      5000 ns/op	 512 B/op	      3 allocs/op
BenchmarkMonitor/units=10/lib=libovsdb-2    	10	      10000 ns/op	 512 B/op	      3 allocs/op
PASS
`

func TestRender(t *testing.T) {
	s, order, env, err := parse(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	out := render(s, order, env)
	for _, want := range []string{
		"| netflow | V5Decode | **ovsflow** | 110.0 ns | 0 | 0 | 3 |  |",
		"| netflow | V5Decode | goflow2 | 2.10 µs | 512 | 31 | 2 | 19.1× slower |",
		"cpu: Test CPU",
		"| netflow | Monitor/units=10 | libovsdb | 10.00 µs | 512 | 3 | 1 | 2.0× slower |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	f := filepath.Join(t.TempDir(), "README.md")
	os.WriteFile(f, []byte("a\n<!-- bench:start -->\nold\n<!-- bench:end -->\nb\n"), 0o644)
	if err := rewrite(f, "new\n"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(f)
	if string(got) != "a\n<!-- bench:start -->\nnew\n<!-- bench:end -->\nb\n" {
		t.Errorf("rewrite = %q", got)
	}
}
