package pcapfile

import (
	"go/parser"
	"go/token"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// loop is an endless stream: head once, then body over and over.
type loop struct {
	head, body []byte
	off        int
}

func (l *loop) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(l.head) > 0 {
			k := copy(p[n:], l.head)
			l.head = l.head[k:]
			n += k
			continue
		}
		k := copy(p[n:], l.body[l.off:])
		l.off = (l.off + k) % len(l.body)
		n += k
	}
	return n, nil
}

// streams are endless captures for the allocation tests and benchmarks:
// a header and the packets of a fixture repeated.
func streams() []struct {
	name       string
	head, body []byte
	frame      int // bytes per packet on average, for SetBytes
} {
	fr := baseFrames()
	pcap := pcapFile(false, false, 1, fr...)
	var h ng
	h.shb(false).idb(1, "eth0", 9)
	var w ng
	w.be = false
	for i, f := range fr {
		w.epb(0, uint64(i), f.data, uint32(len(f.data)))
	}
	var hb ng
	hb.shb(true).idb(1, "eth0", 6)
	var wb ng
	wb.be = true
	for _, f := range fr {
		wb.spb(f.data, uint32(len(f.data)))
	}
	type s = struct {
		name       string
		head, body []byte
		frame      int
	}
	return []s{
		{"pcap", pcap[:24], pcap[24:], 0},
		{"pcapng", h.b, w.b, 0},
		{"pcapng-be-spb", hb.b, wb.b, 0},
	}
}

// readN reads n packets from r, failing tb on an error.
func readN(tb testing.TB, r *Reader, n int) {
	for range n {
		if _, err := r.Next(); err != nil {
			tb.Fatal(err)
		}
	}
}

func TestNoAllocs(t *testing.T) {
	type tc struct {
		name string
		fn   func()
	}
	var tests []tc
	for _, s := range streams() {
		r, err := NewReader(&loop{head: s.head, body: s.body})
		if err != nil {
			t.Fatal(err)
		}
		readN(t, r, 10) // grow the buffer
		tests = append(tests, tc{"Next/" + s.name, func() { readN(t, r, 1) }})
	}
	for _, f := range baseFrames() {
		tests = append(tests, tc{"UDPPayload/ethernet-" + strconv.Itoa(len(f.data)), func() { UDPPayload(LinkTypeEthernet, f.data) }})
	}
	for _, f := range rawFrames() {
		tests = append(tests, tc{"UDPPayload/raw-" + strconv.Itoa(len(f.data)), func() { UDPPayload(LinkTypeRaw, f.data) }})
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(1000, tt.fn); n != 0 {
			t.Errorf("%s: %v allocations, want 0", tt.name, n)
		}
	}
}

func BenchmarkNext(b *testing.B) {
	for _, s := range streams() {
		b.Run(s.name, func(b *testing.B) {
			r, err := NewReader(&loop{head: s.head, body: s.body})
			if err != nil {
				b.Fatal(err)
			}
			readN(b, r, 10)
			var n int64
			b.ReportAllocs()
			for b.Loop() {
				p, err := r.Next()
				if err != nil {
					b.Fatal(err)
				}
				n += int64(len(p.Data))
			}
			b.SetBytes(n / int64(max(b.N, 1)))
		})
	}
}

func BenchmarkUDPPayload(b *testing.B) {
	fr := baseFrames()
	cases := []struct {
		name  string
		link  LinkType
		frame []byte
	}{
		{"ethernet-ipv4", LinkTypeEthernet, fr[0].data},
		{"qinq-ipv6", LinkTypeEthernet, fr[2].data},
		{"raw-ipv4", LinkTypeRaw, rawFrames()[0].data},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.frame)))
			for b.Loop() {
				if _, _, _, ok := UDPPayload(c.link, c.frame); !ok {
					b.Fatal("no UDP payload")
				}
			}
		})
	}
}

// BenchmarkReadFile reads a whole capture, header included: the per-file
// cost (the 64 KiB input buffer) and the per-packet one together.
func BenchmarkReadFile(b *testing.B) {
	for name, data := range allFixtures(b) {
		if !strings.HasPrefix(name, "sections") {
			continue
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				r, err := NewReader(strings.NewReader(string(data)))
				if err != nil {
					b.Fatal(err)
				}
				for {
					if _, err := r.Next(); err == io.EOF {
						break
					} else if err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// TestNoImports keeps fmt, reflect and encoding/json out of the package.
func TestNoImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			switch p, _ := strconv.Unquote(imp.Path.Value); p {
			case "fmt", "reflect", "encoding/json":
				t.Errorf("%s imports %s", f, p)
			}
		}
	}
}
