// Package netflow compares ovsflow's netflow codec with goflow2 and
// cloudflare's goflow on the same inputs: a real 30-record NetFlow v5
// datagram (MikroTik, from the shared corpus) and a NetFlow v9 packet
// holding one data FlowSet of 30 records whose template each decoder has
// cached beforehand.
//
// Each decoder does its natural full decode: ovsflow walks every record
// and reads every field value (V5Parser.Record; V9 field walk with
// Field.Uint), goflow2 and goflow build their packet structures.
package netflow

import (
	"bytes"
	"net/netip"
	"testing"

	goflow "github.com/cloudflare/goflow/v3/decoders/netflow"
	goflowv5 "github.com/cloudflare/goflow/v3/decoders/netflowlegacy"
	goflow2 "github.com/netsampler/goflow2/v2/decoders/netflow"
	goflow2v5 "github.com/netsampler/goflow2/v2/decoders/netflowlegacy"

	"github.com/ovsflow/ovsflow/internal/corpus"
	"github.com/ovsflow/ovsflow/netflow"
)

// v5Datagram is the real 30-record v5 datagram.
func v5Datagram() []byte { return corpus.Packets("netflow5_test_microtik.dat")[0] }

// v9Fields is a v5-like IPv4 template of 18 fields (52-byte records), the
// shape softflowd, nProbe and IOS send by default.
var v9Fields = []netflow.TemplateField{
	{Type: netflow.FieldSourceIPv4Address, Length: 4}, {Type: netflow.FieldDestinationIPv4Address, Length: 4},
	{Type: netflow.FieldIPNextHopIPv4Address, Length: 4}, {Type: netflow.FieldIngressInterface, Length: 4},
	{Type: netflow.FieldEgressInterface, Length: 4}, {Type: netflow.FieldPacketDeltaCount, Length: 4},
	{Type: netflow.FieldOctetDeltaCount, Length: 4}, {Type: netflow.FieldFlowStartSysUpTime, Length: 4},
	{Type: netflow.FieldFlowEndSysUpTime, Length: 4}, {Type: netflow.FieldSourceTransportPort, Length: 2},
	{Type: netflow.FieldDestinationTransportPort, Length: 2}, {Type: netflow.FieldTCPControlBits, Length: 1},
	{Type: netflow.FieldProtocolIdentifier, Length: 1}, {Type: netflow.FieldIPClassOfService, Length: 1},
	{Type: netflow.FieldBGPSourceAsNumber, Length: 4}, {Type: netflow.FieldBGPDestinationAsNumber, Length: 4},
	{Type: netflow.FieldSourceIPv4PrefixLength, Length: 1}, {Type: netflow.FieldDestinationIPv4PrefixLength, Length: 1},
}

// v9Packets returns the template packet and the 30-record data packet.
func v9Packets(tb testing.TB) (tpl, data []byte) {
	h := netflow.V9Header{SysUptime: 100000, UnixSecs: 1700000000, SourceID: 1}
	b := netflow.NewV9Builder(nil, h, 0)
	if err := b.AddTemplate(256, v9Fields); err != nil {
		tb.Fatal(err)
	}
	tpl = b.Finish()
	h.Sequence = 1
	b = netflow.NewV9Builder(nil, h, 0)
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

var exporter = netip.MustParseAddrPort("127.0.0.1:2055")

var sink uint64

func decodeV5Ovsflow(p *netflow.V5Parser, pkt []byte) (int, error) {
	if _, err := p.Start(pkt); err != nil {
		return 0, err
	}
	n := 0
	for p.Next() {
		r := p.Record()
		sink += uint64(r.Octets) + uint64(r.Packets)
		n++
	}
	return n, p.Err()
}

func decodeV9Ovsflow(p *netflow.V9Parser, s *netflow.Session, pkt []byte) (int, error) {
	if _, err := p.Start(s, exporter, pkt); err != nil {
		return 0, err
	}
	n := 0
	for p.Next() {
		if p.Kind() != netflow.V9Data {
			continue
		}
		it := p.Record().Fields()
		for it.Next() {
			v, _ := it.Field().Uint()
			sink += v
		}
		n++
	}
	return n, p.Err()
}

func BenchmarkV5Decode(b *testing.B) {
	pkt := v5Datagram()
	b.Run("lib=ovsflow", func(b *testing.B) {
		var p netflow.V5Parser
		b.SetBytes(int64(len(pkt)))
		b.ReportAllocs()
		for b.Loop() {
			if n, err := decodeV5Ovsflow(&p, pkt); err != nil || n != 30 {
				b.Fatal(n, err)
			}
		}
	})
	b.Run("lib=goflow2", func(b *testing.B) {
		b.SetBytes(int64(len(pkt)))
		b.ReportAllocs()
		for b.Loop() {
			var p goflow2v5.PacketNetFlowV5
			if err := goflow2v5.DecodeMessageVersion(bytes.NewBuffer(pkt), &p); err != nil || len(p.Records) != 30 {
				b.Fatal(err)
			}
		}
	})
	b.Run("lib=goflow", func(b *testing.B) {
		b.SetBytes(int64(len(pkt)))
		b.ReportAllocs()
		for b.Loop() {
			m, err := goflowv5.DecodeMessage(bytes.NewBuffer(pkt))
			if err != nil || len(m.(goflowv5.PacketNetFlowV5).Records) != 30 {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkV9Decode(b *testing.B) {
	tpl, data := v9Packets(b)
	b.Run("lib=ovsflow", func(b *testing.B) {
		s := netflow.NewSession(nil)
		var p netflow.V9Parser
		if _, err := decodeV9Ovsflow(&p, s, tpl); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if n, err := decodeV9Ovsflow(&p, s, data); err != nil || n != 30 {
				b.Fatal(n, err)
			}
		}
	})
	b.Run("lib=goflow2", func(b *testing.B) {
		ts := goflow2.CreateTemplateSystem()
		var p9 goflow2.NFv9Packet
		var pfix goflow2.IPFIXPacket
		if err := goflow2.DecodeMessageVersion(bytes.NewBuffer(tpl), ts, &p9, &pfix); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			p9 = goflow2.NFv9Packet{}
			if err := goflow2.DecodeMessageVersion(bytes.NewBuffer(data), ts, &p9, &pfix); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lib=goflow", func(b *testing.B) {
		ts := goflow.CreateTemplateSystem()
		if _, err := goflow.DecodeMessage(bytes.NewBuffer(tpl), ts); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := goflow.DecodeMessage(bytes.NewBuffer(data), ts); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestSameRecords checks that the three libraries decode the same
// records from the benchmark inputs, so the benchmarks compare like with
// like.
func TestSameRecords(t *testing.T) {
	pkt := v5Datagram()
	var p netflow.V5Parser
	p.Start(pkt)
	var ours []netflow.V5Record
	for p.Next() {
		ours = append(ours, p.Record())
	}
	var g2 goflow2v5.PacketNetFlowV5
	if err := goflow2v5.DecodeMessageVersion(bytes.NewBuffer(pkt), &g2); err != nil {
		t.Fatal(err)
	}
	m, err := goflowv5.DecodeMessage(bytes.NewBuffer(pkt))
	if err != nil {
		t.Fatal(err)
	}
	g1 := m.(goflowv5.PacketNetFlowV5)
	if len(ours) != 30 || len(g2.Records) != 30 || len(g1.Records) != 30 {
		t.Fatalf("v5 records: ovsflow %d, goflow2 %d, goflow %d", len(ours), len(g2.Records), len(g1.Records))
	}
	for i, r := range ours {
		if g2.Records[i].DOctets != r.Octets || g1.Records[i].DOctets != r.Octets ||
			g2.Records[i].SrcPort != r.SrcPort || g1.Records[i].SrcPort != r.SrcPort {
			t.Errorf("v5 record %d differs: ovsflow %+v, goflow2 %+v, goflow %+v", i, r, g2.Records[i], g1.Records[i])
		}
	}

	tpl, data := v9Packets(t)
	s := netflow.NewSession(nil)
	var q netflow.V9Parser
	decodeV9Ovsflow(&q, s, tpl)
	q.Start(s, exporter, data)
	var octets []uint64
	for q.Next() {
		v, _ := q.Record().Uint(netflow.FieldPacketDeltaCount)
		octets = append(octets, v)
	}
	ts := goflow2.CreateTemplateSystem()
	var p9 goflow2.NFv9Packet
	var pfix goflow2.IPFIXPacket
	goflow2.DecodeMessageVersion(bytes.NewBuffer(tpl), ts, &p9, &pfix)
	p9 = goflow2.NFv9Packet{}
	if err := goflow2.DecodeMessageVersion(bytes.NewBuffer(data), ts, &p9, &pfix); err != nil {
		t.Fatal(err)
	}
	ds, ok := p9.FlowSets[0].(goflow2.DataFlowSet)
	if !ok || len(ds.Records) != 30 || len(octets) != 30 {
		t.Fatalf("v9: goflow2 %T with %d records, ovsflow %d", p9.FlowSets[0], len(ds.Records), len(octets))
	}
	for i, r := range ds.Records {
		v := r.Values[5].Value.([]byte)
		if uint64(v[3]) != octets[i] || len(r.Values) != len(v9Fields) {
			t.Errorf("v9 record %d: goflow2 packets % x, ovsflow %d", i, v, octets[i])
		}
	}
	gts := goflow.CreateTemplateSystem()
	goflow.DecodeMessage(bytes.NewBuffer(tpl), gts)
	gm, err := goflow.DecodeMessage(bytes.NewBuffer(data), gts)
	if err != nil {
		t.Fatal(err)
	}
	gp := gm.(goflow.NFv9Packet)
	if gds, ok := gp.FlowSets[0].(goflow.DataFlowSet); !ok || len(gds.Records) != 30 {
		t.Fatalf("v9: goflow %T", gp.FlowSets[0])
	}
}
