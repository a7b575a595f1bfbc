package sflow

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ovsflow/ovsflow/internal/packet"
)

// benchDatagram is the peer-benchmark case: 5 flow samples, each with a
// 128-byte Ethernet/IPv4/TCP header, extended switch and extended router
// records, plus one counter sample (generic + ethernet counters).
func benchDatagram(tb testing.TB) []byte {
	tb.Helper()
	frame := make([]byte, 128)
	copy(frame, []byte{
		0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, 0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, 0x08, 0x00,
		0x45, 0x00, 0x00, 0x72, 0x00, 0x01, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,
		192, 0, 2, 1, 198, 51, 100, 2,
		0x30, 0x39, 0x01, 0xbb, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0,
	})
	b := NewBuilder(nil, Header{Agent: agent4, Sequence: 1, Uptime: 5000})
	b.SetMaxSize(0)
	for i := range uint32(5) {
		b.StartFlowSample(FlowSample{Sequence: i + 1, Source: DataSource{SourceIfIndex, 3}, SamplingRate: 512, SamplePool: 512 * (i + 1),
			Input: Interface{Value: 3}, Output: Interface{Value: 4}})
		b.AddSampledHeader(SampledHeader{Protocol: HeaderEthernet, FrameLength: 1518, Stripped: 4, Header: frame})
		b.AddExtendedSwitch(ExtendedSwitch{SrcVLAN: 10, DstVLAN: 20})
		b.AddExtendedRouter(ExtendedRouter{NextHop: agent4, SrcMaskLen: 24, DstMaskLen: 16})
		b.EndSample()
	}
	b.StartCounterSample(CounterSample{Sequence: 1, Source: DataSource{SourceIfIndex, 3}})
	b.AddGenericInterface(GenericInterface{IfIndex: 3, IfType: 6, IfSpeed: 1e9, IfDirection: 1, IfStatus: 3, InOctets: 1 << 40})
	b.AddEthernetCounters(EthernetCounters{FCSErrors: 2})
	b.EndSample()
	out, err := b.Finish()
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// encodeAll encodes the full datagram (every sample and record type) from
// boxed values prepared outside the measured loop.
func encodeAll(b *Builder, w *walked) {
	for _, s := range w.Samples {
		switch s.Sample.Format {
		case FormatFlowSample:
			b.StartFlowSample(s.Sample.FlowSample())
		case FormatExpandedFlowSample:
			b.StartExpandedFlowSample(s.Sample.FlowSample())
		case FormatCounterSample:
			b.StartCounterSample(s.Sample.CounterSample())
		case FormatExpandedCounterSample:
			b.StartExpandedCounterSample(s.Sample.CounterSample())
		case FormatDiscardedPacket:
			b.StartDiscardedPacket(s.Sample.DiscardedPacket())
		default:
			b.AddRawSample(s.Sample.Format, s.Sample.Data)
			continue
		}
		for _, r := range s.Records {
			if r.Value == nil {
				b.AddRecord(r.Format, r.Counter, r.Raw)
				continue
			}
			recordTable[lookup(r.Format, r.Counter)].add(b, r.Value)
		}
		b.EndSample()
	}
}

func TestNoAllocs(t *testing.T) {
	w, full := fullDatagram(t)
	bench := benchDatagram(t)
	var d Decoder
	var p packet.Parsed
	buf := make([]byte, 0, 64<<10)
	ovsBuf := make([]byte, 0, 2*DefaultMaxDatagramSize)
	hdr := make([]byte, 128)
	var bl Builder
	tests := []struct {
		name string
		fn   func()
	}{
		{"walk full datagram, every record decoded", func() {
			if n, err := walkTyped(&d, full, &p); err != nil || n == 0 {
				t.Fatal(n, err)
			}
		}},
		{"walk bench datagram with flow keys", func() {
			if n, err := walkTyped(&d, bench, &p); err != nil || n != 17 {
				t.Fatal(n, err)
			}
		}},
		{"parse sampled header to flow key", func() { p.Decode(bench[100:228]) }},
		{"encode full datagram into presized buffer", func() {
			// bl outlives the closure: the table's func values make a
			// Builder passed to them escape, which is the test's doing.
			bl = NewBuilder(buf[:0], w.Header)
			bl.SetMaxSize(0)
			encodeAll(&bl, &w)
			if _, err := bl.Finish(); err != nil {
				t.Fatal(err)
			}
		}},
		{"encode OVS samples with splitting", func() {
			b := NewBuilder(ovsBuf[:0], Header{Agent: agent4})
			for seq := range uint32(20) {
				b.StartFlowSample(FlowSample{Sequence: seq})
				b.AddExtendedSwitch(ExtendedSwitch{})
				b.AddSampledHeader(SampledHeader{Protocol: HeaderEthernet, Header: hdr})
				b.EndSample()
			}
			b.Flush()
		}},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.fn); n != 0 {
			t.Errorf("%s: AllocsPerRun = %v, want 0", tt.name, n)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, c := range []struct {
		name string
		dg   []byte
	}{{"bench", benchDatagram(b)}, {"all-records", func() []byte { _, x := fullDatagram(b); return x }()}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.dg)))
			var d Decoder
			var p packet.Parsed
			for b.Loop() {
				walkTyped(&d, c.dg, &p)
			}
		})
	}
}

func BenchmarkEncode(b *testing.B) {
	w, _ := fullDatagram(b)
	buf := make([]byte, 0, 64<<10)
	var bl Builder
	b.ReportAllocs()
	for b.Loop() {
		bl = NewBuilder(buf[:0], w.Header)
		bl.SetMaxSize(0)
		encodeAll(&bl, &w)
		bl.Finish()
	}
}

// TestNoImports keeps the codec free of fmt, reflect and encoding/json,
// and limited to the standard library and internal/wire.
func TestNoImports(t *testing.T) {
	for _, dir := range []string{".", "../internal/packet"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			af, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range af.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				switch {
				case path == "fmt" || path == "reflect" || path == "encoding/json":
					t.Errorf("%s imports %s", f, path)
				case strings.Contains(strings.SplitN(path, "/", 2)[0], ".") && path != "github.com/ovsflow/ovsflow/internal/wire":
					t.Errorf("%s imports %s: only the standard library and internal/wire are allowed", f, path)
				}
			}
		}
	}
}
