package ipfix_test

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/ipfix"
)

// benchTemplate is a typical flow template: 5-tuple, interfaces, counters,
// timestamps (17 fields, 61 bytes per record).
var benchTemplate = ipfix.Template{ID: 256, Fields: []ipfix.FieldSpecifier{
	{ID: 8, Length: 4}, {ID: 12, Length: 4}, {ID: 7, Length: 2}, {ID: 11, Length: 2},
	{ID: 4, Length: 1}, {ID: 6, Length: 2}, {ID: 5, Length: 1}, {ID: 10, Length: 4},
	{ID: 14, Length: 4}, {ID: 1, Length: 8}, {ID: 2, Length: 8}, {ID: 152, Length: 8},
	{ID: 153, Length: 8}, {ID: 16, Length: 4}, {ID: 17, Length: 4}, {ID: 9, Length: 1}, {ID: 13, Length: 1},
}}

// benchRecord is the data of one benchmark record.
type benchRecord struct {
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

func benchRecords() []benchRecord {
	recs := make([]benchRecord, 30)
	for i := range recs {
		recs[i] = benchRecord{
			src: netip.AddrFrom4([4]byte{10, 0, byte(i), 1}), dst: netip.AddrFrom4([4]byte{192, 168, 1, byte(i)}),
			sport: uint16(10000 + i), dport: 443, proto: 6, flags: 0x18, tos: 0, in: 1, out: 2,
			octets: uint64(1500 * (i + 1)), pkts: uint64(i + 1), start: 1700000000000, end: 1700000001000,
			srcAS: 64512, dstAS: 64513, srcMask: 24, dstMask: 24,
		}
	}
	return recs
}

// encodeBench writes a message with (optionally) the template and 30
// records into buf.
func encodeBench(b *ipfix.Builder, buf []byte, recs []benchRecord, withTemplate bool) ([]byte, error) {
	b.Reset(buf[:0], ipfix.Header{ExportTime: 1700000000, SequenceNumber: 1, ObservationDomainID: 1})
	if withTemplate {
		if err := b.AddTemplate(benchTemplate); err != nil {
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

// benchMessages returns the template+30-record message and the data-only
// message.
func benchMessages(tb testing.TB) (full, data []byte) {
	var b ipfix.Builder
	recs := benchRecords()
	full, err := encodeBench(&b, nil, recs, true)
	if err != nil {
		tb.Fatal(err)
	}
	full = append([]byte(nil), full...)
	data, err = encodeBench(&b, nil, recs, false)
	if err != nil {
		tb.Fatal(err)
	}
	return full, append([]byte(nil), data...)
}

// decodeData decodes a data message with a cached template, reading every
// field through typed accessors by index.
func decodeData(s *ipfix.Session, d *ipfix.Decoder, msg []byte) (sum uint64) {
	if _, err := d.Reset(s, testFrom, msg, testNow); err != nil {
		panic(err)
	}
	for d.NextSet() {
		for d.NextRecord() {
			r := d.Record()
			a := r.Addr(0)
			sum += uint64(a.As4()[3]) + r.Uint(2) + r.Uint(9) + r.Uint(10) + r.Uint(11)
		}
	}
	if err := d.Err(); err != nil {
		panic(err)
	}
	return sum
}

// walkFields walks every field of every record generically.
func walkFields(s *ipfix.Session, d *ipfix.Decoder, msg []byte, buf []byte) int {
	if _, err := d.Reset(s, testFrom, msg, testNow); err != nil {
		panic(err)
	}
	n := 0
	for d.NextSet() {
		for d.NextRecord() {
			it := d.Record().Fields()
			for it.Next() {
				f := it.Field()
				buf = f.AppendText(buf[:0])
				n += int(f.Spec.ID) + int(f.Type) + len(f.Raw) + len(f.Name())
			}
		}
	}
	return n
}

func TestNoAllocs(t *testing.T) {
	full, data := benchMessages(t)
	s := ipfix.NewSession(nil)
	var d ipfix.Decoder
	decodeData(s, &d, full) // learn the template
	recs := benchRecords()
	var b ipfix.Builder
	buf := make([]byte, 0, 4096)
	text := make([]byte, 0, 128)
	listMsg := listMessage(t)
	if err := walkMessage(s, testFrom, listMsg); err != nil {
		t.Fatal(err)
	}
	if walkLists(s, &d, listMsg) == 0 {
		t.Fatal("list walk read nothing")
	}
	tests := []struct {
		name string
		fn   func()
	}{
		{"decode data set, cached template", func() { decodeData(s, &d, data) }},
		{"decode template refresh + data", func() { decodeData(s, &d, full) }},
		{"generic field walk with AppendText", func() { walkFields(s, &d, data, text) }},
		{"range over Record.All", func() {
			d.Reset(s, testFrom, data, testNow)
			for d.NextSet() {
				for d.NextRecord() {
					for f := range d.Record().All() {
						_ = f.Uint()
					}
				}
			}
		}},
		{"structured lists, two levels", func() { walkLists(s, &d, listMsg) }},
		{"encode into presized buffer", func() {
			if _, err := encodeBench(&b, buf, recs, false); err != nil {
				panic(err)
			}
		}},
		{"encode template + data", func() {
			if _, err := encodeBench(&b, buf, recs, true); err != nil {
				panic(err)
			}
		}},
		{"Lookup", func() { _ = ipfix.Lookup(ipfix.EnterpriseVMware, 892) }},
		{"time accessor", func() {
			d.Reset(s, testFrom, data, testNow)
			d.NextSet()
			d.NextRecord()
			_ = d.Record().Field(11).Time()
		}},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.fn); n != 0 {
			t.Errorf("%s: %v allocs, want 0", tt.name, n)
		}
	}
}

// walkLists reads every field of every record and of the records and
// elements of its lists (one level of nesting, without recursion).
func walkLists(s *ipfix.Session, d *ipfix.Decoder, msg []byte) (n uint64) {
	if _, err := d.Reset(s, testFrom, msg, testNow); err != nil {
		panic(err)
	}
	for d.NextSet() {
		for d.NextRecord() {
			it := d.Record().Fields()
			for it.Next() {
				f := it.Field()
				if !f.IsList() {
					n += f.Uint()
					continue
				}
				l, err := f.List()
				if err != nil {
					panic(err)
				}
				for l.Next() {
					if l.Type == ipfix.BasicList {
						n += l.Field().Uint()
						continue
					}
					sub := l.Record().Fields()
					for sub.Next() {
						n += uint64(len(sub.Field().Raw))
					}
				}
				if l.Err() != nil {
					panic(l.Err())
				}
			}
		}
	}
	if d.Err() != nil {
		panic(d.Err())
	}
	return n
}

// listMessage is a message with templates and a record using every list type.
func listMessage(t *testing.T) []byte {
	inner := ipfix.Template{ID: 400, Fields: []ipfix.FieldSpecifier{{ID: 8, Length: 4}, {ID: 82, Length: ipfix.VarLen}}}
	outer := ipfix.Template{ID: 402, Fields: []ipfix.FieldSpecifier{
		{ID: 291, Length: ipfix.VarLen}, {ID: 292, Length: ipfix.VarLen}, {ID: 293, Length: ipfix.VarLen}}}
	b := ipfix.NewBuilder(nil, ipfix.Header{})
	must(t, b.AddTemplate(inner))
	must(t, b.AddTemplate(outer))
	b.StartDataSet(402)
	b.StartRecord()
	b.StartBasicList(ipfix.SemanticAllOf, ipfix.FieldSpecifier{ID: 12, Length: 4})
	b.Addr4(netip.MustParseAddr("10.0.0.1"))
	b.EndList()
	b.StartSubTemplateList(ipfix.SemanticAllOf, 400)
	b.Addr4(netip.MustParseAddr("10.0.0.2"))
	b.VarString("x")
	b.EndList()
	b.StartSubTemplateMultiList(ipfix.SemanticAllOf)
	b.StartEntry(400)
	b.Addr4(netip.MustParseAddr("10.0.0.3"))
	b.VarString("y")
	b.EndEntry()
	b.EndList()
	must(t, b.EndRecord())
	out, err := b.Finish()
	must(t, err)
	return out
}

func BenchmarkDecode(b *testing.B) {
	full, data := benchMessages(b)
	s := ipfix.NewSession(nil)
	var d ipfix.Decoder
	decodeData(s, &d, full)
	b.Run("template+30", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(full)))
		for b.Loop() {
			decodeData(s, &d, full)
		}
	})
	b.Run("data30", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			decodeData(s, &d, data)
		}
	})
	b.Run("walk30", func(b *testing.B) {
		b.ReportAllocs()
		text := make([]byte, 0, 128)
		for b.Loop() {
			walkFields(s, &d, data, text)
		}
	})
}

func BenchmarkEncode(b *testing.B) {
	recs := benchRecords()
	buf := make([]byte, 0, 4096)
	var bld ipfix.Builder
	b.ReportAllocs()
	for b.Loop() {
		if _, err := encodeBench(&bld, buf, recs, false); err != nil {
			b.Fatal(err)
		}
	}
}

var _ = time.Now

// BenchmarkDecodeAllFields reads every field of the 30 records through
// the index accessors, as the peer benchmark does.
func BenchmarkDecodeAllFields(b *testing.B) {
	full, data := benchMessages(b)
	s := ipfix.NewSession(nil)
	var d ipfix.Decoder
	decodeData(s, &d, full)
	b.ReportAllocs()
	var sum uint64
	for b.Loop() {
		d.Reset(s, testFrom, data, testNow)
		for d.NextSet() {
			for d.NextRecord() {
				r := d.Record()
				sum += uint64(r.Addr(0).As4()[3]) + uint64(r.Addr(1).As4()[3])
				for i := 2; i < r.NumFields(); i++ {
					sum += r.Uint(i)
				}
			}
		}
	}
	_ = sum
}

// encodeGrow writes the same message as encodeBench through Grow.
func encodeGrow(b *ipfix.Builder, buf []byte, recs []benchRecord) ([]byte, error) {
	b.Reset(buf[:0], ipfix.Header{ExportTime: 1700000000, SequenceNumber: 1, ObservationDomainID: 1})
	b.StartDataSet(256)
	for i := range recs {
		r := &recs[i]
		b.StartRecord()
		p := b.Grow(66)
		src, dst := r.src.As4(), r.dst.As4()
		copy(p[0:4], src[:])
		copy(p[4:8], dst[:])
		binary.BigEndian.PutUint16(p[8:], r.sport)
		binary.BigEndian.PutUint16(p[10:], r.dport)
		p[12] = r.proto
		binary.BigEndian.PutUint16(p[13:], r.flags)
		p[15] = r.tos
		binary.BigEndian.PutUint32(p[16:], r.in)
		binary.BigEndian.PutUint32(p[20:], r.out)
		binary.BigEndian.PutUint64(p[24:], r.octets)
		binary.BigEndian.PutUint64(p[32:], r.pkts)
		binary.BigEndian.PutUint64(p[40:], r.start)
		binary.BigEndian.PutUint64(p[48:], r.end)
		binary.BigEndian.PutUint32(p[56:], r.srcAS)
		binary.BigEndian.PutUint32(p[60:], r.dstAS)
		p[64] = r.srcMask
		p[65] = r.dstMask
		if err := b.EndRecord(); err != nil {
			return nil, err
		}
	}
	return b.Finish()
}

func TestGrow(t *testing.T) {
	var b ipfix.Builder
	recs := benchRecords()
	want, err := encodeBench(&b, nil, recs, false)
	must(t, err)
	want = bytes.Clone(want)
	got, err := encodeGrow(&b, make([]byte, 0, 4096), recs)
	must(t, err)
	if !bytes.Equal(got, want) {
		t.Errorf("Grow encodes differently")
	}
	buf := make([]byte, 0, 4096)
	if n := testing.AllocsPerRun(100, func() { encodeGrow(&b, buf, recs) }); n != 0 {
		t.Errorf("Grow: %v allocs", n)
	}
}

func BenchmarkEncodeGrow(b *testing.B) {
	recs := benchRecords()
	buf := make([]byte, 0, 4096)
	var bld ipfix.Builder
	b.ReportAllocs()
	for b.Loop() {
		if _, err := encodeGrow(&bld, buf, recs); err != nil {
			b.Fatal(err)
		}
	}
}
