// Package ipfix compares ovsflow's ipfix codec with goflow2, cloudflare's
// goflow and VMware's go-ipfix on the same messages: a message with a
// template and 30 data records, and the same 30 records without the
// template (template cached).
//
// go-ipfix's collector only decodes through a UDP/TCP listener and reads one
// set per message, so its benchmark drives the public pieces its collector
// uses (registry.GetInfoElementFromID,
// entities.DecodeAndCreateInfoElementWithValue, Set.AddRecordV2), set by
// set, in the order its collector calls them.
package ipfix

import (
	"bytes"
	"encoding/binary"
	"net"
	"net/netip"
	"testing"
	"time"

	goflow "github.com/cloudflare/goflow/v3/decoders/netflow"
	goflow2 "github.com/netsampler/goflow2/v2/decoders/netflow"
	"github.com/vmware/go-ipfix/pkg/entities"
	goipfixexp "github.com/vmware/go-ipfix/pkg/exporter"
	"github.com/vmware/go-ipfix/pkg/registry"

	"github.com/ovsflow/ovsflow/ipfix"
)

// fields of the benchmark template: name (for go-ipfix's registry), ID, length.
var fields = []struct {
	name string
	id   uint16
	len  uint16
}{
	{"sourceIPv4Address", 8, 4}, {"destinationIPv4Address", 12, 4},
	{"sourceTransportPort", 7, 2}, {"destinationTransportPort", 11, 2},
	{"protocolIdentifier", 4, 1}, {"tcpControlBits", 6, 2}, {"ipClassOfService", 5, 1},
	{"ingressInterface", 10, 4}, {"egressInterface", 14, 4},
	{"octetDeltaCount", 1, 8}, {"packetDeltaCount", 2, 8},
	{"flowStartMilliseconds", 152, 8}, {"flowEndMilliseconds", 153, 8},
	{"bgpSourceAsNumber", 16, 4}, {"bgpDestinationAsNumber", 17, 4},
	{"sourceIPv4PrefixLength", 9, 1}, {"destinationIPv4PrefixLength", 13, 1},
}

func template() ipfix.Template {
	t := ipfix.Template{ID: 256}
	for _, f := range fields {
		t.Fields = append(t.Fields, ipfix.FieldSpecifier{ID: f.id, Length: f.len})
	}
	return t
}

type record struct {
	src, dst     netip.Addr
	sport, dport uint16
	proto        uint8
	flags        uint16
	tos          uint8
	in, out      uint32
	octets, pkts uint64
	start, end   uint64
	srcAS, dstAS uint32
	srcMask      uint8
	dstMask      uint8
}

func records() []record {
	recs := make([]record, 30)
	for i := range recs {
		recs[i] = record{
			src: netip.AddrFrom4([4]byte{10, 0, byte(i), 1}), dst: netip.AddrFrom4([4]byte{192, 168, 1, byte(i)}),
			sport: uint16(10000 + i), dport: 443, proto: 6, flags: 0x18, in: 1, out: 2,
			octets: uint64(1500 * (i + 1)), pkts: uint64(i + 1), start: 1700000000000, end: 1700000001000,
			srcAS: 64512, dstAS: 64513, srcMask: 24, dstMask: 24,
		}
	}
	return recs
}

var tmpl = template()

// encodeOvsflow writes the message into buf with ovsflow's Builder.
func encodeOvsflow(b *ipfix.Builder, buf []byte, recs []record, withTemplate bool) ([]byte, error) {
	b.Reset(buf[:0], ipfix.Header{ExportTime: 1700000000, SequenceNumber: 1, ObservationDomainID: 1})
	if withTemplate {
		if err := b.AddTemplate(tmpl); err != nil {
			return nil, err
		}
	}
	b.StartDataSet(256)
	for i := range recs {
		r := &recs[i]
		b.StartRecord()
		b.Addr4(r.src)
		b.Addr4(r.dst)
		b.Uint16(r.sport)
		b.Uint16(r.dport)
		b.Uint8(r.proto)
		b.Uint16(r.flags)
		b.Uint8(r.tos)
		b.Uint32(r.in)
		b.Uint32(r.out)
		b.Uint64(r.octets)
		b.Uint64(r.pkts)
		b.Uint64(r.start)
		b.Uint64(r.end)
		b.Uint32(r.srcAS)
		b.Uint32(r.dstAS)
		b.Uint8(r.srcMask)
		b.Uint8(r.dstMask)
		if err := b.EndRecord(); err != nil {
			return nil, err
		}
	}
	return b.Finish()
}

func messages(tb testing.TB) (full, data []byte) {
	var b ipfix.Builder
	recs := records()
	f, err := encodeOvsflow(&b, nil, recs, true)
	if err != nil {
		tb.Fatal(err)
	}
	full = bytes.Clone(f)
	d, err := encodeOvsflow(&b, nil, recs, false)
	if err != nil {
		tb.Fatal(err)
	}
	return full, bytes.Clone(d)
}

var from = netip.MustParseAddrPort("127.0.0.1:4739")

// decodeOvsflow decodes a message and reads every field of every record.
func decodeOvsflow(s *ipfix.Session, d *ipfix.Decoder, msg []byte) (uint64, int, error) {
	if _, err := d.Reset(s, from, msg, time.Time{}); err != nil {
		return 0, 0, err
	}
	var sum uint64
	n := 0
	for d.NextSet() {
		for d.NextRecord() {
			r := d.Record()
			sum += uint64(r.Addr(0).As4()[3]) + uint64(r.Addr(1).As4()[3])
			for i := 2; i < r.NumFields(); i++ {
				sum += r.Uint(i)
			}
			n++
		}
	}
	return sum, n, d.Err()
}

// goipfixDecoder holds go-ipfix's template state (what its collector
// session keeps: the information elements of each template).
type goipfixDecoder struct {
	templates map[uint16][]*entities.InfoElement
}

func (g *goipfixDecoder) decode(msg []byte) (int, error) {
	buf := bytes.NewBuffer(msg)
	hdr := buf.Next(16)
	m := entities.NewMessage(true)
	m.SetVersion(binary.BigEndian.Uint16(hdr))
	m.SetMessageLen(binary.BigEndian.Uint16(hdr[2:]))
	m.SetExportTime(binary.BigEndian.Uint32(hdr[4:]))
	m.SetSequenceNum(binary.BigEndian.Uint32(hdr[8:]))
	m.SetObsDomainID(binary.BigEndian.Uint32(hdr[12:]))
	n := 0
	for buf.Len() >= 4 {
		sh := buf.Next(4)
		id, l := binary.BigEndian.Uint16(sh), int(binary.BigEndian.Uint16(sh[2:]))
		body := bytes.NewBuffer(buf.Next(l - 4))
		if id == 2 {
			for body.Len() >= 4 {
				h := body.Next(4)
				tid, count := binary.BigEndian.Uint16(h), int(binary.BigEndian.Uint16(h[2:]))
				elems := make([]entities.InfoElementWithValue, count)
				ies := make([]*entities.InfoElement, count)
				for i := range count {
					f := body.Next(4)
					eid, flen := binary.BigEndian.Uint16(f), binary.BigEndian.Uint16(f[2:])
					var ent uint32
					if eid&0x8000 != 0 {
						ent = binary.BigEndian.Uint32(body.Next(4))
						eid &^= 0x8000
					}
					ie, err := registry.GetInfoElementFromID(eid, ent)
					if err != nil {
						ie = entities.NewInfoElement("", eid, entities.OctetArray, ent, flen)
					}
					v, err := entities.DecodeAndCreateInfoElementWithValue(ie, nil)
					if err != nil {
						return n, err
					}
					elems[i], ies[i] = v, ie
				}
				set := entities.NewSet(true)
				if err := set.PrepareSet(entities.Template, tid); err != nil {
					return n, err
				}
				if err := set.AddRecordV2(elems, tid); err != nil {
					return n, err
				}
				m.AddSet(set)
				g.templates[tid] = ies
			}
			continue
		}
		ies := g.templates[id]
		set := entities.NewSet(true)
		if err := set.PrepareSet(entities.Data, id); err != nil {
			return n, err
		}
		for body.Len() > 0 {
			elems := make([]entities.InfoElementWithValue, 0, len(ies))
			for _, ie := range ies {
				v, err := entities.DecodeAndCreateInfoElementWithValue(ie, body.Next(int(ie.Len)))
				if err != nil {
					return n, err
				}
				elems = append(elems, v)
			}
			if err := set.AddRecordV2(elems, id); err != nil {
				return n, err
			}
			n++
		}
		m.AddSet(set)
	}
	return n, nil
}

func init() { registry.LoadRegistry() }

func benchDecode(b *testing.B, msg []byte, prime []byte) {
	b.Run("lib=ovsflow", func(b *testing.B) {
		s := ipfix.NewSession(nil)
		var d ipfix.Decoder
		if _, n, err := decodeOvsflow(s, &d, prime); err != nil || n != 30 {
			b.Fatal(n, err)
		}
		b.ReportAllocs()
		b.SetBytes(int64(len(msg)))
		for b.Loop() {
			if _, n, err := decodeOvsflow(s, &d, msg); err != nil || n != 30 {
				b.Fatal(n, err)
			}
		}
	})
	b.Run("lib=goflow2", func(b *testing.B) {
		ts := goflow2.CreateTemplateSystem()
		var p9 goflow2.NFv9Packet
		var pfix goflow2.IPFIXPacket
		if err := goflow2.DecodeMessageVersion(bytes.NewBuffer(prime), ts, &p9, &pfix); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.SetBytes(int64(len(msg)))
		for b.Loop() {
			pfix = goflow2.IPFIXPacket{}
			if err := goflow2.DecodeMessageVersion(bytes.NewBuffer(msg), ts, &p9, &pfix); err != nil {
				b.Fatal(err)
			}
		}
		if n := len(pfix.FlowSets); n == 0 {
			b.Fatal("goflow2 decoded no set")
		}
	})
	b.Run("lib=goflow", func(b *testing.B) {
		ts := goflow.CreateTemplateSystem()
		if _, err := goflow.DecodeMessage(bytes.NewBuffer(prime), ts); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.SetBytes(int64(len(msg)))
		for b.Loop() {
			if _, err := goflow.DecodeMessage(bytes.NewBuffer(msg), ts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lib=go-ipfix", func(b *testing.B) {
		g := &goipfixDecoder{templates: map[uint16][]*entities.InfoElement{}}
		if n, err := g.decode(prime); err != nil || n != 30 {
			b.Fatal(n, err)
		}
		b.ReportAllocs()
		b.SetBytes(int64(len(msg)))
		for b.Loop() {
			if n, err := g.decode(msg); err != nil || n != 30 {
				b.Fatal(n, err)
			}
		}
	})
}

// BenchmarkIPFIXDecode decodes the template+30-record message.
func BenchmarkIPFIXDecode(b *testing.B) {
	full, _ := messages(b)
	benchDecode(b, full, full)
}

// BenchmarkIPFIXDecodeData decodes the 30-record message, template cached.
func BenchmarkIPFIXDecodeData(b *testing.B) {
	full, data := messages(b)
	benchDecode(b, data, full)
}

// BenchmarkIPFIXEncode encodes the 30-record data message.
func BenchmarkIPFIXEncode(b *testing.B) {
	recs := records()
	b.Run("lib=ovsflow", func(b *testing.B) {
		var bld ipfix.Builder
		buf := make([]byte, 0, 4096)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := encodeOvsflow(&bld, buf, recs, false); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lib=go-ipfix", func(b *testing.B) {
		ies := make([]*entities.InfoElement, len(fields))
		for i, f := range fields {
			ie, err := registry.GetInfoElement(f.name, registry.IANAEnterpriseID)
			if err != nil {
				b.Fatal(f.name, err)
			}
			ies[i] = ie
		}
		var buf bytes.Buffer
		encode := func() ([]byte, error) {
			set := entities.NewSet(false)
			if err := set.PrepareSet(entities.Data, 256); err != nil {
				return nil, err
			}
			for i := range recs {
				r := &recs[i]
				src, dst := r.src.As4(), r.dst.As4()
				elems := []entities.InfoElementWithValue{
					entities.NewIPAddressInfoElement(ies[0], net.IP(src[:])),
					entities.NewIPAddressInfoElement(ies[1], net.IP(dst[:])),
					entities.NewUnsigned16InfoElement(ies[2], r.sport),
					entities.NewUnsigned16InfoElement(ies[3], r.dport),
					entities.NewUnsigned8InfoElement(ies[4], r.proto),
					entities.NewUnsigned16InfoElement(ies[5], r.flags),
					entities.NewUnsigned8InfoElement(ies[6], r.tos),
					entities.NewUnsigned32InfoElement(ies[7], r.in),
					entities.NewUnsigned32InfoElement(ies[8], r.out),
					entities.NewUnsigned64InfoElement(ies[9], r.octets),
					entities.NewUnsigned64InfoElement(ies[10], r.pkts),
					entities.NewDateTimeMillisecondsInfoElement(ies[11], r.start),
					entities.NewDateTimeMillisecondsInfoElement(ies[12], r.end),
					entities.NewUnsigned32InfoElement(ies[13], r.srcAS),
					entities.NewUnsigned32InfoElement(ies[14], r.dstAS),
					entities.NewUnsigned8InfoElement(ies[15], r.srcMask),
					entities.NewUnsigned8InfoElement(ies[16], r.dstMask),
				}
				if err := set.AddRecordV2(elems, 256); err != nil {
					return nil, err
				}
			}
			set.UpdateLenInHeader() // as its ExportingProcess.SendSet does
			buf.Reset()
			if _, err := goipfixexp.WriteIPFIXMsgToBuffer(set, 1, 1, time.Unix(1700000000, 0), &buf); err != nil {
				return nil, err
			}
			return buf.Bytes(), nil
		}
		// Same bytes as ovsflow's encoder: checked once.
		got, err := encode()
		if err != nil {
			b.Fatal(err)
		}
		_, want := messages(b)
		if !bytes.Equal(got, want) {
			b.Fatalf("go-ipfix encodes differently:\n% x\n% x", got, want)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := encode(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestSameMessages checks that every library decodes the benchmark
// messages to the same 30 records.
func TestSameMessages(t *testing.T) {
	full, data := messages(t)
	s := ipfix.NewSession(nil)
	var d ipfix.Decoder
	for _, m := range [][]byte{full, data} {
		if _, n, err := decodeOvsflow(s, &d, m); err != nil || n != 30 {
			t.Fatalf("ovsflow: %d records, %v", n, err)
		}
	}
	g := &goipfixDecoder{templates: map[uint16][]*entities.InfoElement{}}
	for _, m := range [][]byte{full, data} {
		if n, err := g.decode(m); err != nil || n != 30 {
			t.Fatalf("go-ipfix: %d records, %v", n, err)
		}
	}
	ts := goflow2.CreateTemplateSystem()
	for _, m := range [][]byte{full, data} {
		var p9 goflow2.NFv9Packet
		var pfix goflow2.IPFIXPacket
		if err := goflow2.DecodeMessageVersion(bytes.NewBuffer(m), ts, &p9, &pfix); err != nil {
			t.Fatalf("goflow2: %v", err)
		}
		recs := 0
		for _, fs := range pfix.FlowSets {
			if ds, ok := fs.(goflow2.DataFlowSet); ok {
				recs += len(ds.Records)
			}
		}
		if recs != 30 {
			t.Fatalf("goflow2: %d records", recs)
		}
	}
	gts := goflow.CreateTemplateSystem()
	for _, m := range [][]byte{full, data} {
		msg, err := goflow.DecodeMessage(bytes.NewBuffer(m), gts)
		if err != nil {
			t.Fatalf("goflow: %v", err)
		}
		recs := 0
		for _, fs := range msg.(goflow.IPFIXPacket).FlowSets {
			if ds, ok := fs.(goflow.DataFlowSet); ok {
				recs += len(ds.Records)
			}
		}
		if recs != 30 {
			t.Fatalf("goflow: %d records", recs)
		}
	}
}
