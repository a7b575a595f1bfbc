// Command benchtable turns `go test -bench -benchmem -count N` output of the
// peer benchmarks into a Markdown table (medians per case and library, and
// each library's time relative to ovsflow) and, with -readme, rewrites the
// block between "<!-- bench:start -->" and "<!-- bench:end -->" of a file.
//
// Benchmarks must be named BenchmarkCASE/LIBRARY or BenchmarkCASE/lib=LIBRARY
// (CASE may contain slashes); the library named "ovsflow" is the reference.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

type sample struct{ ns, bytes, allocs float64 }

type key struct{ pkg, cas, lib string }

var lineRE = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op(.*)$`)

// splitName splits "CASE/…/LIB" (or "CASE/…/lib=LIB") at its last slash.
func splitName(name string) (cas, lib string, ok bool) {
	i := strings.LastIndexByte(name, '/')
	if i < 0 {
		return "", "", false
	}
	return name[:i], strings.TrimPrefix(name[i+1:], "lib="), true
}

func main() {
	readme := flag.String("readme", "", "file whose bench block to rewrite")
	extra := flag.String("extra", "", "file whose content is appended under the table (e.g. benchstat output)")
	flag.Parse()
	samples, order, env, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	table := render(samples, order, env)
	if *extra != "" {
		b, err := os.ReadFile(*extra)
		if err == nil && len(b) > 0 {
			table += "\n<details><summary>benchstat output</summary>\n\n```\n" + strings.TrimSpace(string(b)) + "\n```\n</details>\n"
		}
	}
	if *readme == "" {
		fmt.Print(table)
		return
	}
	if err := rewrite(*readme, table); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

func parse(r io.Reader) (map[key][]sample, []key, []string, error) {
	samples := map[key][]sample{}
	var order []key
	var env []string
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "pkg: "):
			pkg = strings.TrimPrefix(line, "pkg: ")
			pkg = pkg[strings.LastIndex(pkg, "/")+1:]
			continue
		case strings.HasPrefix(line, "cpu: "), strings.HasPrefix(line, "goos: "), strings.HasPrefix(line, "goarch: "):
			line = strings.Join(strings.Fields(line), " ")
			if !contains(env, line) {
				env = append(env, line)
			}
			continue
		}
		m := lineRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		cas, lib, ok := splitName(m[1])
		if !ok {
			continue
		}
		k := key{pkg, cas, lib}
		s := sample{ns: atof(m[2])}
		f := strings.Fields(m[3])
		for i := 0; i+1 < len(f); i++ {
			switch f[i+1] {
			case "B/op":
				s.bytes = atof(f[i])
			case "allocs/op":
				s.allocs = atof(f[i])
			}
		}
		if _, ok := samples[k]; !ok {
			order = append(order, k)
		}
		samples[k] = append(samples[k], s)
	}
	return samples, order, env, sc.Err()
}

func atof(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func median(xs []sample, f func(sample) float64) float64 {
	v := make([]float64, len(xs))
	for i, x := range xs {
		v[i] = f(x)
	}
	sort.Float64s(v)
	if len(v) == 0 {
		return 0
	}
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func dur(ns float64) string {
	switch {
	case ns >= 1e6:
		return strconv.FormatFloat(ns/1e6, 'f', 2, 64) + " ms"
	case ns >= 1e3:
		return strconv.FormatFloat(ns/1e3, 'f', 2, 64) + " µs"
	}
	return strconv.FormatFloat(ns, 'f', 1, 64) + " ns"
}

func render(samples map[key][]sample, order []key, env []string) string {
	var b bytes.Buffer
	fmt.Fprintln(&b, "| area | case | library | time/op (median) | B/op | allocs/op | runs | vs ovsflow |")
	fmt.Fprintln(&b, "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
	for _, k := range order {
		s := samples[k]
		ns := median(s, func(x sample) float64 { return x.ns })
		ratio := ""
		if ref, ok := samples[key{k.pkg, k.cas, "ovsflow"}]; ok && k.lib != "ovsflow" {
			r := ns / median(ref, func(x sample) float64 { return x.ns })
			ratio = strconv.FormatFloat(r, 'f', 1, 64) + "× slower"
			if r < 1 {
				ratio = strconv.FormatFloat(1/r, 'f', 1, 64) + "× faster"
			}
		}
		lib := k.lib
		if lib == "ovsflow" {
			lib = "**ovsflow**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %.0f | %.0f | %d | %s |\n", k.pkg, k.cas, lib, dur(ns),
			median(s, func(x sample) float64 { return x.bytes }),
			median(s, func(x sample) float64 { return x.allocs }), len(s), ratio)
	}
	if len(env) > 0 {
		fmt.Fprintf(&b, "\nMeasured on: %s.\n", strings.Join(env, ", "))
	}
	return b.String()
}

func rewrite(file, table string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	const start, end = "<!-- bench:start -->", "<!-- bench:end -->"
	i := bytes.Index(b, []byte(start))
	j := bytes.Index(b, []byte(end))
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %s … %s block", file, start, end)
	}
	var out bytes.Buffer
	out.Write(b[:i+len(start)])
	out.WriteString("\n")
	out.WriteString(table)
	out.Write(b[j:])
	return os.WriteFile(file, out.Bytes(), 0o644)
}
