package netflow

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ovsflow/ovsflow/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current decoder")

// renderValue shows a field by its data type.
func renderValue(f Field, h V9Header) string {
	if f.Scope {
		if v, ok := f.Uint(); ok {
			return fmt.Sprint(v)
		}
		return fmt.Sprintf("%x", f.Value)
	}
	switch f.Type.DataType() {
	case DataUnsigned8, DataUnsigned16, DataUnsigned32, DataUnsigned64:
		if v, ok := f.Uint(); ok {
			return fmt.Sprint(v)
		}
	case DataSigned8, DataSigned16, DataSigned32, DataSigned64:
		if v, ok := f.Int(); ok {
			return fmt.Sprint(v)
		}
	case DataIPv4Address, DataIPv6Address:
		if a, ok := f.Addr(); ok {
			return a.String()
		}
	case DataMACAddress:
		if m, ok := f.MAC(); ok {
			return fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5])
		}
	case DataString:
		return fmt.Sprintf("%q", strings.TrimRight(string(f.Value), "\x00"))
	case DataDateTimeSeconds, DataDateTimeMilliseconds, DataDateTimeMicroseconds, DataDateTimeNanoseconds:
		if tm, ok := f.Time(h); ok {
			return tm.UTC().Format("2006-01-02T15:04:05.999999999Z")
		}
	}
	return fmt.Sprintf("%x", f.Value)
}

// renderCase decodes a corpus case in session order into text.
func renderCase(c corpus.Case) string {
	var b strings.Builder
	s := NewSession(nil)
	for _, file := range c.Files {
		for i, pkt := range corpus.Packets(file) {
			fmt.Fprintf(&b, "# %s[%d]\n", file, i)
			if strings.HasPrefix(file, "netflow5") {
				var p V5Parser
				h, err := p.Start(pkt)
				fmt.Fprintf(&b, "v5 %+v\n", h)
				for p.Next() {
					fmt.Fprintf(&b, "  %+v\n", p.Record())
				}
				if err != nil {
					fmt.Fprintf(&b, "error: %v\n", err)
				}
				continue
			}
			var p V9Parser
			h, err := p.Start(s, corpusExporter(file), pkt)
			fmt.Fprintf(&b, "v9 %+v\n", h)
			for p.Next() {
				switch p.Kind() {
				case V9Template, V9OptionsTemplate:
					t := p.Template()
					fmt.Fprintf(&b, "  %v %d:", p.Kind(), t.ID())
					for i := 0; i < t.NumFields(); i++ {
						f := t.Field(i)
						name := f.Type.String()
						if f.Scope {
							name = ScopeType(f.Type).String()
						}
						fmt.Fprintf(&b, " %s/%d", name, f.Length)
					}
					b.WriteString("\n")
				case V9Data:
					r := p.Record()
					fmt.Fprintf(&b, "  data %d @%d:", r.Template().ID(), r.Offset())
					it := r.Fields()
					for it.Next() {
						f := it.Field()
						name := f.Name()
						if name == "" {
							name = f.Type.String()
						}
						fmt.Fprintf(&b, " %s=%s", name, renderValue(f, h))
					}
					b.WriteString("\n")
				case V9UnknownTemplate:
					fmt.Fprintf(&b, "  unknown template %d (%d bytes)\n", p.FlowSet().ID, len(p.FlowSet().Bytes))
				}
			}
			if err == nil {
				err = p.Err()
			}
			if err != nil {
				fmt.Fprintf(&b, "error: %v\n", err)
			}
		}
	}
	return b.String()
}

// TestGolden compares the decoding of every NetFlow corpus case with its
// rendering in testdata/golden (rewritten with -update).
func TestGolden(t *testing.T) {
	for _, c := range corpus.Cases() {
		if !isNetFlowCase(c) {
			continue
		}
		name := strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
				return r
			}
			return '_'
		}, c.Name)
		path := filepath.Join("testdata", "golden", fmt.Sprintf("%03d_%s.txt", c.Line, name))
		got := renderCase(c)
		if *update {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (run go test -run TestGolden -update)", c.Name, err)
		}
		if !bytes.Equal(want, []byte(got)) {
			t.Errorf("%s: decoding differs from %s:\n%s", c.Name, path, firstDiff(string(want), got))
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\nwant %s\ngot  %s", i+1, x, y)
		}
	}
	return ""
}
