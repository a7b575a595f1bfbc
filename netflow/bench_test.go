package netflow

import (
	"net/netip"
	"testing"

	"github.com/ovsflow/ovsflow/internal/corpus"
)

// benchV5 is a real 30-record v5 datagram (MikroTik).
func benchV5() []byte { return corpus.Packets("netflow5_test_microtik.dat")[0] }

// benchV9Fields is a v5-like IPv4 template of 18 fields (52-byte records),
// the shape softflowd, nProbe and IOS send by default.
var benchV9Fields = []TemplateField{
	{FieldSourceIPv4Address, 4, false}, {FieldDestinationIPv4Address, 4, false},
	{FieldIPNextHopIPv4Address, 4, false}, {FieldIngressInterface, 4, false},
	{FieldEgressInterface, 4, false}, {FieldPacketDeltaCount, 4, false},
	{FieldOctetDeltaCount, 4, false}, {FieldFlowStartSysUpTime, 4, false},
	{FieldFlowEndSysUpTime, 4, false}, {FieldSourceTransportPort, 2, false},
	{FieldDestinationTransportPort, 2, false}, {FieldTCPControlBits, 1, false},
	{FieldProtocolIdentifier, 1, false}, {FieldIPClassOfService, 1, false},
	{FieldBGPSourceAsNumber, 4, false}, {FieldBGPDestinationAsNumber, 4, false},
	{FieldSourceIPv4PrefixLength, 1, false}, {FieldDestinationIPv4PrefixLength, 1, false},
}

// benchV9 returns a template packet and a packet holding one data FlowSet
// of 30 records for it.
func benchV9(tb testing.TB) (tpl, data []byte) {
	h := V9Header{SysUptime: 100000, UnixSecs: 1700000000, SourceID: 1}
	b := NewV9Builder(nil, h, 0)
	if err := b.AddTemplate(256, benchV9Fields); err != nil {
		tb.Fatal(err)
	}
	tpl = b.Finish()
	h.Sequence = 1
	b = NewV9Builder(nil, h, 0)
	for i := 0; i < 30; i++ {
		rec := []byte{
			10, 0, 0, byte(i), 192, 168, 1, byte(i), 10, 0, 0, 254,
			0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, byte(i + 1), 0, 0, 5, 220,
			0, 1, 0x86, 0xa0, 0, 1, 0x8a, 0x88, 0x04, byte(i), 0, 80,
			0x18, 6, 0, 0, 0, 0xfd, 0xe8, 0, 0, 0xfd, 0xe9, 24, 24,
		}
		if err := b.AddRecord(256, rec); err != nil {
			tb.Fatal(err)
		}
	}
	return tpl, b.Finish()
}

var sink uint64

// decodeV5 walks every record of pkt, touching every field.
func decodeV5(tb testing.TB, p *V5Parser, pkt []byte) {
	if _, err := p.Start(pkt); err != nil {
		tb.Fatal(err)
	}
	for p.Next() {
		r := p.Record()
		sink += uint64(r.Octets) + uint64(r.Packets) + uint64(r.SrcPort) + uint64(r.SrcAddr.As4()[3])
	}
}

// decodeV9 walks every field of every record of a data packet whose
// template s already holds.
func decodeV9(tb testing.TB, p *V9Parser, s *Session, exp netip.AddrPort, pkt []byte) {
	if _, err := p.Start(s, exp, pkt); err != nil {
		tb.Fatal(err)
	}
	for p.Next() {
		if p.Kind() != V9Data {
			tb.Fatalf("kind %v", p.Kind())
		}
		it := p.Record().Fields()
		for it.Next() {
			f := it.Field()
			v, _ := f.Uint()
			sink += v + uint64(f.Type)
		}
	}
	if err := p.Err(); err != nil {
		tb.Fatal(err)
	}
}

func BenchmarkV5Decode(b *testing.B) {
	pkt := benchV5()
	var p V5Parser
	b.SetBytes(int64(len(pkt)))
	b.ReportAllocs()
	for b.Loop() {
		decodeV5(b, &p, pkt)
	}
}

func BenchmarkV9Decode(b *testing.B) {
	tpl, data := benchV9(b)
	s := NewSession(nil)
	var p V9Parser
	exp := netip.MustParseAddrPort("127.0.0.1:2055")
	p.Start(s, exp, tpl)
	for p.Next() {
	}
	b.Run("walk", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			decodeV9(b, &p, s, exp, data)
		}
	})
	b.Run("typed", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			p.Start(s, exp, data)
			for p.Next() {
				r := p.Record()
				o, _ := r.Uint(FieldOctetDeltaCount)
				a, _ := r.Addr(FieldSourceIPv4Address)
				sink += o + uint64(a.As4()[3])
			}
		}
	})
	b.Run("template", func(b *testing.B) {
		b.SetBytes(int64(len(tpl)))
		b.ReportAllocs()
		for b.Loop() {
			p.Start(s, exp, tpl)
			for p.Next() {
			}
		}
	})
}

func BenchmarkV5Encode(b *testing.B) {
	buf := make([]byte, 0, V5MaxLen)
	var p V5Parser
	p.Start(benchV5())
	var recs []V5Record
	for p.Next() {
		recs = append(recs, p.Record())
	}
	b.ReportAllocs()
	for b.Loop() {
		bl := NewV5Builder(buf[:0], V5Header{})
		for _, r := range recs {
			bl.Add(r)
		}
		buf = bl.Finish()
	}
}

func BenchmarkV9Encode(b *testing.B) {
	_, data := benchV9(b)
	rec := data[V9HeaderLen+4 : V9HeaderLen+4+52]
	buf := make([]byte, 0, 2048)
	b.ReportAllocs()
	for b.Loop() {
		bl := NewV9Builder(buf[:0], V9Header{}, 1500)
		bl.AddTemplate(256, benchV9Fields)
		for i := 0; i < 20; i++ {
			bl.AddRecord(256, rec)
		}
		buf = bl.Finish()
	}
}
