package ipfix_test

import (
	"bytes"
	"errors"
	"math"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/ipfix"
)

var (
	testFrom = netip.MustParseAddrPort("127.0.0.1:4739")
	testNow  = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
)

// allTypes is a template with a field of every abstract type, reduced-size
// integers, an enterprise element, variable-length fields and one element
// twice.
var allTypes = ipfix.Template{ID: 300, Fields: []ipfix.FieldSpecifier{
	{ID: 4, Length: 1},              // protocolIdentifier unsigned8
	{ID: 7, Length: 2},              // sourceTransportPort unsigned16
	{ID: 10, Length: 4},             // ingressInterface unsigned32
	{ID: 1, Length: 8},              // octetDeltaCount unsigned64
	{ID: 2, Length: 3},              // packetDeltaCount unsigned64 in 3 bytes
	{ID: 434, Length: 1},            // mibObjectValueInteger signed32 in 1 byte
	{ID: 434, Length: 4},            // the same element again, full size
	{ID: 320, Length: 4},            // absoluteError float64 sent as float32
	{ID: 321, Length: 8},            // relativeError float64
	{ID: 276, Length: 1},            // dataRecordsReliability boolean
	{ID: 56, Length: 6},             // sourceMacAddress
	{ID: 82, Length: ipfix.VarLen},  // interfaceName string, 1-byte length
	{ID: 83, Length: ipfix.VarLen},  // interfaceDescription string, 3-byte length
	{ID: 313, Length: ipfix.VarLen}, // ipHeaderPacketSection octetArray
	{ID: 150, Length: 4},            // flowStartSeconds
	{ID: 152, Length: 8},            // flowStartMilliseconds
	{ID: 154, Length: 8},            // flowStartMicroseconds
	{ID: 156, Length: 8},            // flowStartNanoseconds
	{ID: 8, Length: 4},              // sourceIPv4Address
	{ID: 27, Length: 16},            // sourceIPv6Address
	{ID: 893, Length: 4, Enterprise: ipfix.EnterpriseVMware},            // tunnelSourceIPv4Address
	{ID: 892, Length: ipfix.VarLen, Enterprise: ipfix.EnterpriseVMware}, // tunnelKey
	{ID: 2, Length: 8, Enterprise: ipfix.EnterpriseReverse},             // reversePacketDeltaCount
	{ID: 40000 & 0x7fff, Length: 2, Enterprise: 12345},                  // unknown vendor element
}}

type allValues struct {
	proto      uint8
	port       uint16
	ifIndex    uint32
	octets     uint64
	packets    uint64
	small      int64
	full       int64
	f32        float32
	f64        float64
	flag       bool
	mac        [6]byte
	name       string
	descr      string
	section    []byte
	ts, tms    time.Time
	tus, tns   time.Time
	v4, v6     netip.Addr
	tun        netip.Addr
	key        []byte
	revPackets uint64
	vendor     uint16
}

func sampleValues(i int) allValues {
	return allValues{
		proto: 6, port: 443 + uint16(i), ifIndex: 7, octets: 1<<40 + uint64(i), packets: 0xABCDEF,
		small: -5, full: math.MinInt32, f32: 1.5, f64: -2.25e-9, flag: i%2 == 0,
		mac: [6]byte{0, 0x11, 0x22, 0x33, 0x44, byte(i)}, name: "eth0",
		descr:   strings.Repeat("d", 300+i),
		section: []byte{0x45, 0, 0, 40},
		ts:      testNow, tms: testNow.Add(123 * time.Millisecond),
		tus: testNow.Add(123456 * time.Microsecond), tns: testNow.Add(123456789 * time.Nanosecond),
		v4: netip.MustParseAddr("10.0.0.1"), v6: netip.MustParseAddr("2001:db8::1"),
		tun: netip.MustParseAddr("192.0.2.9"), key: []byte{0, 0, 42}, revPackets: 99, vendor: 0xBEEF,
	}
}

func writeAll(b *ipfix.Builder, v allValues) error {
	b.StartDataSet(allTypes.ID)
	b.StartRecord()
	b.Uint8(v.proto)
	b.Uint16(v.port)
	b.Uint32(v.ifIndex)
	b.Uint64(v.octets)
	b.UintN(v.packets, 3)
	b.IntN(v.small, 1)
	b.IntN(v.full, 4)
	b.Float32(v.f32)
	b.Float64(v.f64)
	b.Bool(v.flag)
	b.MAC(v.mac)
	b.VarString(v.name)
	b.VarString(v.descr)
	b.VarBytes(v.section)
	b.DateTimeSeconds(v.ts)
	b.DateTimeMilliseconds(v.tms)
	b.DateTimeMicroseconds(v.tus)
	b.DateTimeNanoseconds(v.tns)
	b.Addr4(v.v4)
	b.Addr16(v.v6)
	b.Addr4(v.tun)
	b.VarBytes(v.key)
	b.Uint64(v.revPackets)
	b.Uint16(v.vendor)
	return b.EndRecord()
}

func readAll(t *testing.T, r *ipfix.Record) allValues {
	t.Helper()
	var v allValues
	f := func(i int) ipfix.Field { return r.Field(i) }
	v.proto = uint8(f(0).Uint())
	v.port = uint16(f(1).Uint())
	v.ifIndex = uint32(f(2).Uint())
	v.octets = f(3).Uint()
	v.packets = f(4).Uint()
	v.small = f(5).Int()
	v.full = f(6).Int()
	v.f32 = float32(f(7).Float())
	v.f64 = f(8).Float()
	v.flag = f(9).Bool()
	v.mac = f(10).MAC()
	v.name = string(f(11).Raw)
	v.descr = string(f(12).Raw)
	v.section = f(13).Raw
	v.ts, v.tms, v.tus, v.tns = f(14).Time(), f(15).Time(), f(16).Time(), f(17).Time()
	v.v4, v.v6, v.tun = f(18).Addr(), f(19).Addr(), f(20).Addr()
	v.key = f(21).Raw
	v.revPackets = f(22).Uint()
	v.vendor = uint16(f(23).Uint())
	return v
}

func equalValues(a, b allValues) bool {
	return a.proto == b.proto && a.port == b.port && a.ifIndex == b.ifIndex && a.octets == b.octets &&
		a.packets == b.packets && a.small == b.small && a.full == b.full && a.f32 == b.f32 &&
		a.f64 == b.f64 && a.flag == b.flag && a.mac == b.mac && a.name == b.name && a.descr == b.descr &&
		bytes.Equal(a.section, b.section) && a.ts.Equal(b.ts) && a.tms.Equal(b.tms) && a.tus.Equal(b.tus) &&
		a.tns.Equal(b.tns) && a.v4 == b.v4 && a.v6 == b.v6 && a.tun == b.tun && bytes.Equal(a.key, b.key) &&
		a.revPackets == b.revPackets && a.vendor == b.vendor
}

func decodeAll(t *testing.T, s *ipfix.Session, msgs []byte) (recs []*ipfix.Record, d *ipfix.Decoder) {
	t.Helper()
	d = new(ipfix.Decoder)
	for msg := range ipfix.Messages(msgs) {
		if _, err := d.Reset(s, testFrom, msg, testNow); err != nil {
			t.Fatal(err)
		}
		for d.NextSet() {
			if d.Unknown() {
				t.Fatalf("unknown template %d", d.Set().ID)
			}
			for d.NextRecord() {
				r := *d.Record()
				recs = append(recs, &r)
			}
		}
		if err := d.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return recs, d
}

func TestRoundTripAllTypes(t *testing.T) {
	b := ipfix.NewBuilder(nil, ipfix.Header{ExportTime: 1700000000, SequenceNumber: 5, ObservationDomainID: 9})
	if err := b.AddTemplate(allTypes); err != nil {
		t.Fatal(err)
	}
	var want []allValues
	for i := range 3 {
		v := sampleValues(i)
		want = append(want, v)
		if err := writeAll(&b, v); err != nil {
			t.Fatal(err)
		}
	}
	out, err := b.Finish()
	if err != nil {
		t.Fatal(err)
	}
	s := ipfix.NewSession(nil)
	recs, _ := decodeAll(t, s, out)
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d", len(recs), len(want))
	}
	for i, r := range recs {
		if got := readAll(t, r); !equalValues(got, want[i]) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, got, want[i])
		}
	}
	// Types resolved from the registry, by index and by walk.
	r := recs[0]
	wantTypes := []ipfix.DataType{ipfix.Unsigned8, ipfix.Unsigned16, ipfix.Unsigned32, ipfix.Unsigned64,
		ipfix.Unsigned64, ipfix.Signed32, ipfix.Signed32, ipfix.Float64, ipfix.Float64, ipfix.Boolean,
		ipfix.MACAddress, ipfix.String, ipfix.String, ipfix.OctetArray, ipfix.DateTimeSeconds,
		ipfix.DateTimeMilliseconds, ipfix.DateTimeMicroseconds, ipfix.DateTimeNanoseconds,
		ipfix.IPv4Address, ipfix.IPv6Address, ipfix.IPv4Address, ipfix.OctetArray, ipfix.Unsigned64, ipfix.OctetArray}
	it := r.Fields()
	for it.Next() {
		f := it.Field()
		if g := r.Field(it.Index()); !bytes.Equal(g.Raw, f.Raw) || g.Offset != f.Offset {
			t.Errorf("field %d: Field(i) and the walk disagree", it.Index())
		}
		if f.Type != wantTypes[it.Index()] {
			t.Errorf("field %d (%d/%d): type %v, want %v", it.Index(), f.Spec.Enterprise, f.Spec.ID, f.Type, wantTypes[it.Index()])
		}
	}
	if f, ok := r.Get(ipfix.EnterpriseReverse, 2); !ok || f.Name() != "reversePacketDeltaCount" || f.Uint() != 99 {
		t.Errorf("reverse element: %v %q %d", ok, f.Name(), f.Uint())
	}
	if f, ok := r.Get(ipfix.EnterpriseVMware, 892); !ok || f.Name() != "tunnelKey" {
		t.Errorf("tunnelKey: %v %q", ok, f.Name())
	}
	if f, _ := r.Get(12345, 40000&0x7fff); f.Info != nil || f.Uint() != 0xBEEF {
		t.Errorf("unknown element decoded as %v %x", f.Info, f.Raw)
	}
	var txt []byte
	for f := range r.All() {
		txt = f.AppendText(append(txt, ' '))
	}
	for _, w := range []string{"10.0.0.1", "2001:db8::1", "00:11:22:33:44:00", "2026-11-25T12:00:00.123456789Z", "eth0", "-5", "0x45000028"} {
		if !bytes.Contains(txt, []byte(w)) {
			t.Errorf("AppendText output lacks %q: %s", w, txt)
		}
	}
}

func TestRoundTripLists(t *testing.T) {
	inner := ipfix.Template{ID: 400, Fields: []ipfix.FieldSpecifier{{ID: 8, Length: 4}, {ID: 82, Length: ipfix.VarLen}}}
	other := ipfix.Template{ID: 401, Fields: []ipfix.FieldSpecifier{{ID: 7, Length: 2}}}
	outer := ipfix.Template{ID: 402, Fields: []ipfix.FieldSpecifier{
		{ID: 291, Length: ipfix.VarLen}, // basicList
		{ID: 292, Length: ipfix.VarLen}, // subTemplateList
		{ID: 293, Length: ipfix.VarLen}, // subTemplateMultiList
		{ID: 291, Length: ipfix.VarLen}, // basicList of varlen strings
	}}
	b := ipfix.NewBuilder(make([]byte, 0, 512), ipfix.Header{ObservationDomainID: 1})
	for _, tm := range []ipfix.Template{inner, other, outer} {
		if err := b.AddTemplate(tm); err != nil {
			t.Fatal(err)
		}
	}
	b.StartDataSet(outer.ID)
	b.StartRecord()
	b.StartBasicList(ipfix.SemanticAllOf, ipfix.FieldSpecifier{ID: 12, Length: 4})
	for i := range 3 {
		b.Addr4(netip.AddrFrom4([4]byte{10, 0, 0, byte(i)}))
	}
	b.EndList()
	b.StartSubTemplateList(ipfix.SemanticOrdered, inner.ID)
	b.Addr4(netip.MustParseAddr("1.2.3.4"))
	b.VarString("a")
	b.Addr4(netip.MustParseAddr("5.6.7.8"))
	b.VarString("bb")
	b.EndList()
	b.StartSubTemplateMultiList(ipfix.SemanticOneOrMoreOf)
	b.StartEntry(other.ID)
	b.Uint16(80)
	b.Uint16(443)
	b.EndEntry()
	b.StartEntry(inner.ID)
	b.Addr4(netip.MustParseAddr("9.9.9.9"))
	b.VarString("ccc")
	b.EndEntry()
	b.EndList()
	b.StartBasicList(ipfix.SemanticExactlyOneOf, ipfix.FieldSpecifier{ID: 82, Length: ipfix.VarLen})
	b.VarString("x")
	b.VarString(strings.Repeat("y", 260))
	b.EndList()
	if err := b.EndRecord(); err != nil {
		t.Fatal(err)
	}
	out, err := b.Finish()
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := decodeAll(t, ipfix.NewSession(nil), out)
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	r := recs[0]
	var got []string
	walk(t, r, &got, "")
	want := []string{
		"basicList/allOf/destinationIPv4Address=10.0.0.0", "basicList/allOf/destinationIPv4Address=10.0.0.1",
		"basicList/allOf/destinationIPv4Address=10.0.0.2",
		"subTemplateList/ordered/400{sourceIPv4Address=1.2.3.4}", "subTemplateList/ordered/400{interfaceName=a}",
		"subTemplateList/ordered/400{sourceIPv4Address=5.6.7.8}", "subTemplateList/ordered/400{interfaceName=bb}",
		"subTemplateMultiList/oneOrMoreOf/401{sourceTransportPort=80}", "subTemplateMultiList/oneOrMoreOf/401{sourceTransportPort=443}",
		"subTemplateMultiList/oneOrMoreOf/400{sourceIPv4Address=9.9.9.9}", "subTemplateMultiList/oneOrMoreOf/400{interfaceName=ccc}",
		"basicList/exactlyOneOf/interfaceName=x", "basicList/exactlyOneOf/interfaceName=" + strings.Repeat("y", 260),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

var semNames = map[ipfix.Semantic]string{0: "noneOf", 1: "exactlyOneOf", 2: "oneOrMoreOf", 3: "allOf", 4: "ordered", 255: "undefined"}

func walk(t *testing.T, r *ipfix.Record, out *[]string, prefix string) {
	t.Helper()
	for f := range r.All() {
		if !f.IsList() {
			*out = append(*out, prefix+f.Name()+"="+string(f.AppendText(nil)))
			continue
		}
		l, err := f.List()
		if err != nil {
			t.Fatal(err)
		}
		p := prefix + l.Type.String() + "/" + semNames[l.Semantic] + "/"
		for l.Next() {
			if l.Type == ipfix.BasicList {
				fl := l.Field()
				*out = append(*out, p+fl.Name()+"="+string(fl.AppendText(nil)))
				continue
			}
			var sub []string
			walk(t, l.Record(), &sub, "")
			for _, s := range sub {
				*out = append(*out, p+itoa(int(l.TemplateID))+"{"+s+"}")
			}
		}
		if err := l.Err(); err != nil {
			t.Fatal(err)
		}
	}
}

func itoa(i int) string { return string(appendInt(nil, i)) }

func appendInt(b []byte, i int) []byte {
	if i >= 10 {
		b = appendInt(b, i/10)
	}
	return append(b, byte('0'+i%10))
}

func TestOptionsAndWithdrawals(t *testing.T) {
	s := ipfix.NewSession(nil)
	opt := ipfix.Template{ID: 462, ScopeCount: 1, Fields: []ipfix.FieldSpecifier{{ID: 144, Length: 4}, {ID: 167, Length: 8}}}
	tpl := ipfix.Template{ID: 256, Fields: []ipfix.FieldSpecifier{{ID: 8, Length: 4}}}
	b := ipfix.NewBuilder(nil, ipfix.Header{})
	must(t, b.AddTemplate(opt))
	must(t, b.AddTemplate(tpl))
	b.StartDataSet(462)
	b.StartRecord()
	b.Uint32(1)
	b.Uint64(77)
	must(t, b.EndRecord())
	out, err := b.Finish()
	must(t, err)
	recs, _ := decodeAll(t, s, out)
	if len(recs) != 1 || !recs[0].Template().IsOptions() || recs[0].Template().ScopeCount() != 1 ||
		recs[0].Field(0).Uint() != 1 || recs[0].Field(1).Uint() != 77 {
		t.Fatalf("options record wrong: %d records", len(recs))
	}
	got := s.Template(testFrom, 0, 462).Template()
	if got.ID != 462 || got.ScopeCount != 1 || len(got.Fields) != 2 || got.Fields[1] != opt.Fields[1] {
		t.Errorf("options template read back as %+v", got)
	}

	// Withdraw 256, then data for 256 is unknown; withdraw all options templates.
	b.Reset(out[:0], ipfix.Header{SequenceNumber: 1})
	must(t, b.WithdrawTemplate(256, false))
	must(t, b.WithdrawAll(true))
	must(t, b.AppendRecord(256, []byte{1, 2, 3, 4}))
	out, err = b.Finish()
	must(t, err)
	var d ipfix.Decoder
	if _, err := d.Reset(s, testFrom, out, testNow); err != nil {
		t.Fatal(err)
	}
	var sets, unknown int
	for d.NextSet() {
		sets++
		if d.Unknown() {
			unknown++
		}
		if d.NextRecord() {
			t.Error("record decoded for a withdrawn template")
		}
	}
	must(t, d.Err())
	if sets != 3 || unknown != 1 {
		t.Errorf("sets %d unknown %d", sets, unknown)
	}
	if s.Template(testFrom, 0, 462) != nil || s.Template(testFrom, 0, 256) != nil {
		t.Error("templates survived their withdrawal")
	}
	if st := s.Stats(); st.TemplatesWithdrawn != 2 || st.UnknownDataSets != 1 {
		t.Errorf("stats %+v", st)
	}

	// Withdraw all (set 2, ID 2).
	b.Reset(out[:0], ipfix.Header{})
	must(t, b.AddTemplate(tpl))
	must(t, b.AddTemplate(ipfix.Template{ID: 257, Fields: tpl.Fields}))
	must(t, b.AddTemplate(opt))
	out, _ = b.Finish()
	decodeAll(t, s, out)
	b.Reset(out[:0], ipfix.Header{})
	must(t, b.WithdrawAll(false))
	out, _ = b.Finish()
	decodeAll(t, s, out)
	if s.Template(testFrom, 0, 256) != nil || s.Template(testFrom, 0, 257) != nil || s.Template(testFrom, 0, 462) == nil {
		t.Error("withdraw-all removed the wrong templates")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestBuilderSplit(t *testing.T) {
	tpl := ipfix.Template{ID: 256, Fields: []ipfix.FieldSpecifier{{ID: 1, Length: 8}, {ID: 82, Length: ipfix.VarLen}}}
	for _, flush := range []bool{false, true} {
		var flushed [][]byte
		b := ipfix.NewBuilder(nil, ipfix.Header{SequenceNumber: 100, ObservationDomainID: 3})
		b.SetMaxMessageSize(200)
		if flush {
			b.SetFlush(func(m []byte) error { flushed = append(flushed, append([]byte(nil), m...)); return nil })
		}
		must(t, b.AddTemplate(tpl))
		for i := range 40 {
			b.StartDataSet(256)
			b.StartRecord()
			b.Uint64(uint64(i))
			b.VarString(strings.Repeat("n", i%7))
			must(t, b.EndRecord())
		}
		out, err := b.Finish()
		must(t, err)
		if flush {
			if len(out) != 0 {
				t.Fatalf("flush mode left %d bytes", len(out))
			}
			for _, m := range flushed {
				out = append(out, m...)
			}
		}
		s := ipfix.NewSession(nil)
		var d ipfix.Decoder
		var n, msgs int
		seq := uint32(100)
		for msg := range ipfix.Messages(out) {
			msgs++
			if len(msg) > 200 {
				t.Errorf("message of %d bytes > 200", len(msg))
			}
			h, err := d.Reset(s, testFrom, msg, testNow)
			must(t, err)
			if h.SequenceNumber != seq {
				t.Errorf("message %d: sequence %d, want %d", msgs, h.SequenceNumber, seq)
			}
			if g, ok := d.SequenceGap(); ok && g != 0 {
				t.Errorf("gap %d", g)
			}
			for d.NextSet() {
				for d.NextRecord() {
					if got := d.Record().Field(0).Uint(); got != uint64(n) {
						t.Errorf("record %d has %d", n, got)
					}
					n++
					seq++
				}
			}
			must(t, d.Err())
		}
		if n != 40 || msgs < 3 || b.DataRecords() != 40 {
			t.Errorf("flush=%v: %d records in %d messages, DataRecords %d", flush, n, msgs, b.DataRecords())
		}
	}
	// A record that cannot fit alone.
	b := ipfix.NewBuilder(nil, ipfix.Header{})
	b.SetMaxMessageSize(64)
	b.StartDataSet(256)
	b.StartRecord()
	b.Bytes(make([]byte, 100))
	if err := b.EndRecord(); !errors.Is(err, ipfix.ErrTooLarge) {
		t.Errorf("oversized record: %v", err)
	}
}

func TestSequenceGaps(t *testing.T) {
	tpl := ipfix.Template{ID: 256, Fields: []ipfix.FieldSpecifier{{ID: 1, Length: 8}}}
	s := ipfix.NewSession(nil)
	var d ipfix.Decoder
	send := func(seq uint32, n int) (int64, bool) {
		b := ipfix.NewBuilder(nil, ipfix.Header{SequenceNumber: seq, ObservationDomainID: 1})
		must(t, b.AddTemplate(tpl))
		for range n {
			must(t, b.AppendRecord(256, make([]byte, 8)))
		}
		out, _ := b.Finish()
		_, err := d.Reset(s, testFrom, out, testNow)
		must(t, err)
		for d.NextSet() {
		}
		must(t, d.Err())
		return d.SequenceGap()
	}
	if _, ok := send(10, 3); ok {
		t.Error("first message has a gap")
	}
	if g, ok := send(13, 2); !ok || g != 0 {
		t.Errorf("in order: %d %v", g, ok)
	}
	if g, ok := send(20, 1); !ok || g != 5 {
		t.Errorf("5 lost: %d %v", g, ok)
	}
	if g, ok := send(18, 1); !ok || g != -3 {
		t.Errorf("reordered: %d %v", g, ok)
	}
	if st := s.Stats(); st.LostRecords != 5 || st.SequenceGaps != 2 {
		t.Errorf("stats %+v", st)
	}
	var ds ipfix.DomainSequencer
	ds.Advance(1, 3)
	ds.Advance(2, 1)
	ds.Advance(1, 2)
	if ds.Sequence(1) != 5 || ds.Sequence(2) != 1 || ds.Sequence(3) != 0 {
		t.Error("DomainSequencer")
	}
}

// TestTemplateLifetime checks RFC 7011 §8.4 expiry driven by the time the
// caller passes in, and that a refresh extends it.
func TestTemplateLifetime(t *testing.T) {
	s := ipfix.NewSession(&ipfix.Config{TemplateLifetime: 30 * time.Minute})
	tpl := ipfix.Template{ID: 256, Fields: []ipfix.FieldSpecifier{{ID: 1, Length: 8}}}
	msg := func(withTemplate bool) []byte {
		b := ipfix.NewBuilder(nil, ipfix.Header{})
		if withTemplate {
			must(t, b.AddTemplate(tpl))
		}
		must(t, b.AppendRecord(256, make([]byte, 8)))
		out, err := b.Finish()
		must(t, err)
		return out
	}
	known := func(m []byte, at time.Duration) bool {
		var d ipfix.Decoder
		_, err := d.Reset(s, testFrom, m, testNow.Add(at))
		must(t, err)
		n := 0
		for d.NextSet() {
			for d.NextRecord() {
				n++
			}
		}
		must(t, d.Err())
		return n == 1
	}
	if !known(msg(true), 0) || !known(msg(false), 29*time.Minute) {
		t.Fatal("template not usable within its lifetime")
	}
	if !known(msg(true), 29*time.Minute) || !known(msg(false), 58*time.Minute) {
		t.Fatal("refresh did not extend the lifetime")
	}
	if known(msg(false), 90*time.Minute) {
		t.Fatal("expired template still used")
	}
	if st := s.Stats(); st.TemplatesExpired != 1 || st.TemplatesRefreshed != 1 || st.Templates != 0 {
		t.Errorf("stats %+v", st)
	}
	// Without a clock (zero Time) templates do not expire.
	var d ipfix.Decoder
	d.Reset(s, testFrom, msg(true), time.Time{})
	for d.NextSet() {
	}
	if !known(msg(false), 1000*time.Hour) {
		t.Error("template installed without a clock expired")
	}
}
