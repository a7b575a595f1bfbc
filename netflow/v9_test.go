package netflow

import (
	"bytes"
	"errors"
	"net/netip"
	"testing"
	"time"
)

var testExporter = netip.MustParseAddrPort("127.0.0.1:9995")

var testTemplate = []TemplateField{
	{Type: FieldSourceIPv4Address, Length: 4},
	{Type: FieldDestinationIPv4Address, Length: 4},
	{Type: FieldSourceTransportPort, Length: 2},
	{Type: FieldDestinationTransportPort, Length: 2},
	{Type: FieldProtocolIdentifier, Length: 1},
	{Type: FieldOctetDeltaCount, Length: 8},
	{Type: FieldPacketDeltaCount, Length: 4},
	{Type: FieldFlowStartSysUpTime, Length: 4},
	{Type: FieldFlowEndSysUpTime, Length: 4},
	{Type: FieldSourceMACAddress, Length: 6},
	{Type: 40000, Length: 3}, // unknown vendor type
}

// testRecord builds a record for testTemplate.
func testRecord(i int) []byte {
	return []byte{
		10, 0, 0, byte(i), // src
		10, 0, 1, byte(i), // dst
		0x04, byte(i), // sport
		0x00, 0x35, // dport 53
		17,                        // UDP
		0, 0, 0, 0, 0, 0, 0x10, 0, // 4096 octets
		0, 0, 0, byte(i + 1), // packets
		0, 0, 0x03, 0xe8, // start 1000 ms
		0, 0, 0x07, 0xd0, // end 2000 ms
		0xaa, 0xbb, 0xcc, 0xdd, 0xee, byte(i), // MAC
		1, 2, 3, // vendor bytes
	}
}

var testOptions = []TemplateField{
	{Type: FieldType(ScopeInterface), Length: 4, Scope: true},
	{Type: FieldSamplingInterval, Length: 4},
	{Type: FieldSamplingAlgorithm, Length: 1},
}

var testVarTemplate = []TemplateField{
	{Type: FieldSourceIPv6Address, Length: 16},
	{Type: 82, Length: VariableLength}, // interfaceName
	{Type: FieldIngressInterface, Length: 2},
	{Type: 83, Length: VariableLength}, // interfaceDescription
}

func varRecord(name string, long int) []byte {
	b := append([]byte(nil), netip.MustParseAddr("2001:db8::1").AsSlice()...)
	b = append(b, byte(len(name)))
	b = append(b, name...)
	b = append(b, 0, 7)
	b = append(b, 255, byte(long>>8), byte(long))
	return append(b, bytes.Repeat([]byte{'x'}, long)...)
}

func buildTestPacket(t testing.TB, seq uint32) []byte {
	t.Helper()
	b := NewV9Builder(nil, V9Header{SysUptime: 5000, UnixSecs: 1700000000, Sequence: seq, SourceID: 42}, 0)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(b.AddTemplate(256, testTemplate))
	must(b.AddTemplate(258, testVarTemplate))
	must(b.AddOptionsTemplate(257, testOptions))
	for i := 0; i < 3; i++ {
		must(b.AddRecord(256, testRecord(i)))
	}
	must(b.AddRecord(257, []byte{0, 0, 0, 3, 0, 0, 0, 100, 2}))
	must(b.AddRecord(258, varRecord("eth0", 300)))
	must(b.AddRecord(258, varRecord("", 0)))
	return b.Finish()
}

type item struct {
	kind V9Kind
	id   uint16
	data string
}

func walkV9(t testing.TB, s *Session, pkt []byte) ([]item, error) {
	var p V9Parser
	if _, err := p.Start(s, testExporter, pkt); err != nil {
		return nil, err
	}
	var out []item
	for p.Next() {
		switch p.Kind() {
		case V9Template, V9OptionsTemplate:
			out = append(out, item{p.Kind(), p.Template().ID(), ""})
		case V9Data:
			out = append(out, item{p.Kind(), p.Record().Template().ID(), string(p.Record().Bytes())})
		case V9UnknownTemplate:
			out = append(out, item{p.Kind(), p.FlowSet().ID, string(p.FlowSet().Bytes)})
		}
	}
	return out, p.Err()
}

func TestV9RoundTrip(t *testing.T) {
	pkt := buildTestPacket(t, 7)
	s := NewSession(nil)
	items, err := walkV9(t, s, pkt)
	if err != nil {
		t.Fatalf("decode error %v", err)
	}
	want := []item{{V9Template, 256, ""}, {V9Template, 258, ""}, {V9OptionsTemplate, 257, ""},
		{V9Data, 256, string(testRecord(0))}, {V9Data, 256, string(testRecord(1))}, {V9Data, 256, string(testRecord(2))},
		{V9Data, 257, string([]byte{0, 0, 0, 3, 0, 0, 0, 100, 2})},
		{V9Data, 258, string(varRecord("eth0", 300))}, {V9Data, 258, string(varRecord("", 0))}}
	if len(items) != len(want) {
		t.Fatalf("got %d items, want %d: %v", len(items), len(want), items)
	}
	for i := range want {
		if items[i] != want[i] {
			t.Errorf("item %d = %v, want %v", i, items[i], want[i])
		}
	}
	// Templates decode back to what was encoded.
	for id, fields := range map[uint16][]TemplateField{256: testTemplate, 257: testOptions, 258: testVarTemplate} {
		tp := s.Template(testExporter, 42, id)
		if tp == nil {
			t.Fatalf("template %d missing", id)
		}
		got := tp.AppendFields(nil)
		if len(got) != len(fields) {
			t.Fatalf("template %d: %v, want %v", id, got, fields)
		}
		for i := range got {
			if got[i] != fields[i] {
				t.Errorf("template %d field %d = %+v, want %+v", id, i, got[i], fields[i])
			}
		}
	}
	// Re-encoding the decoded items gives the same packet.
	var p V9Parser
	h, _ := p.Start(s, testExporter, pkt)
	b := NewV9Builder(nil, h, 0)
	for p.Next() {
		var err error
		switch p.Kind() {
		case V9Template:
			err = b.AddTemplate(p.Template().ID(), p.Template().AppendFields(nil))
		case V9OptionsTemplate:
			err = b.AddOptionsTemplate(p.Template().ID(), p.Template().AppendFields(nil))
		case V9Data:
			err = b.AddRecord(p.Record().Template().ID(), p.Record().Bytes())
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if out := b.Finish(); !bytes.Equal(out, pkt) {
		t.Errorf("re-encoded packet differs:\n% x\nwant\n% x", out, pkt)
	}
}

func TestV9Accessors(t *testing.T) {
	pkt := buildTestPacket(t, 1)
	var s Session
	var p V9Parser
	h, _ := p.Start(&s, testExporter, pkt)
	var recs []V9Record
	for p.Next() {
		if p.Kind() == V9Data {
			recs = append(recs, p.Record())
		}
	}
	if p.Err() != nil || len(recs) != 6 {
		t.Fatalf("%d records, err %v", len(recs), p.Err())
	}
	r := recs[1]
	if a, ok := r.Addr(FieldSourceIPv4Address); !ok || a != netip.MustParseAddr("10.0.0.1") {
		t.Errorf("Addr(src) = %v, %v", a, ok)
	}
	if v, ok := r.Uint(FieldOctetDeltaCount); !ok || v != 4096 {
		t.Errorf("Uint(octets) = %d, %v", v, ok)
	}
	if v, ok := r.Uint(FieldPacketDeltaCount); !ok || v != 2 {
		t.Errorf("Uint(packets) = %d, %v", v, ok)
	}
	if f, ok := r.Get(40000); !ok || string(f.Value) != "\x01\x02\x03" || f.Name() != "" {
		t.Errorf("Get(40000) = %+v, %v", f, ok)
	}
	if _, ok := r.Get(FieldBGPNextHopIPv4Address); ok {
		t.Errorf("Get(absent field) ok")
	}
	f, _ := r.Get(FieldFlowStartSysUpTime)
	if tm, ok := f.Time(h); !ok || !tm.Equal(time.Unix(1700000000, 0).Add(-4*time.Second)) {
		t.Errorf("start time = %v, %v", tm, ok)
	}
	f, _ = r.Get(FieldSourceMACAddress)
	if m, ok := f.MAC(); !ok || m != [6]byte{0xaa, 0xbb, 0xcc, 0xdd, 0xee, 1} {
		t.Errorf("MAC = %x, %v", m, ok)
	}
	// Options record: scope field.
	if f, ok := recs[3].Scope(ScopeInterface); !ok || f.Name() != "scopeInterface" {
		t.Errorf("Scope(interface) = %+v, %v", f, ok)
	} else if v, _ := f.Uint(); v != 3 {
		t.Errorf("scope interface = %d, want 3", v)
	}
	// Variable-length record: walk and typed lookup.
	var names []string
	it := recs[4].Fields()
	for it.Next() {
		names = append(names, it.Field().Name()+"="+string(rune('0'+len(it.Field().Value)%10)))
	}
	if f, ok := recs[4].Get(83); !ok || len(f.Value) != 300 {
		t.Errorf("Get(83) on variable-length record: len %d, %v", len(f.Value), ok)
	}
	if f, ok := recs[4].Get(82); !ok || string(f.Value) != "eth0" {
		t.Errorf("Get(interfaceName) = %q, %v (fields %v)", f.Value, ok, names)
	}
	if v, ok := recs[4].Uint(FieldIngressInterface); !ok || v != 7 {
		t.Errorf("Uint(ingressInterface) = %d, %v", v, ok)
	}
}

func TestFieldValues(t *testing.T) {
	for _, tt := range []struct {
		v    []byte
		u    uint64
		i    int64
		uok  bool
		addr string
	}{
		{[]byte{0xff}, 0xff, -1, true, ""},
		{[]byte{0x80, 0}, 0x8000, -0x8000, true, ""},
		{[]byte{1, 2, 3}, 0x010203, 0x010203, true, ""},
		{[]byte{192, 0, 2, 1}, 0xc0000201, -0x3ffffdff, true, "192.0.2.1"},
		{[]byte{0, 0, 0, 0, 1}, 1, 1, true, ""},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe}, 1<<64 - 2, -2, true, ""},
		{nil, 0, 0, false, ""},
		{make([]byte, 9), 0, 0, false, ""},
	} {
		f := Field{Value: tt.v}
		u, ok := f.Uint()
		i, _ := f.Int()
		if u != tt.u || ok != tt.uok || (ok && i != tt.i) {
			t.Errorf("Field(% x).Uint/Int = %d, %d, %v; want %d, %d, %v", tt.v, u, i, ok, tt.u, tt.i, tt.uok)
		}
		a, aok := f.Addr()
		if (tt.addr != "") != aok || (aok && a.String() != tt.addr) {
			t.Errorf("Field(% x).Addr() = %v, %v", tt.v, a, aok)
		}
	}
	if v, ok := (Field{Value: []byte{0x3f, 0x80, 0, 0}}).Float(); !ok || v != 1 {
		t.Errorf("Float(1.0f) = %v, %v", v, ok)
	}
	// dateTimeMilliseconds (IANA 152) and NTP dateTimeMicroseconds (154).
	ms := Field{Type: 152, Value: []byte{0, 0, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x00}}
	if tm, ok := ms.Time(V9Header{}); !ok || tm.UnixMilli() != 0x018bcfe56800 {
		t.Errorf("Time(flowStartMilliseconds) = %v, %v", tm, ok)
	}
	ntp := Field{Type: 154, Value: []byte{0x83, 0xaa, 0x7e, 0x80, 0x80, 0, 0, 0}} // 1970-01-01 + 0.5 s
	if tm, ok := ntp.Time(V9Header{}); !ok || !tm.Equal(time.Unix(0, 5e8)) {
		t.Errorf("Time(flowStartMicroseconds) = %v, %v", tm, ok)
	}
	if FieldType(8).String() != "sourceIPv4Address" || FieldType(65000).String() != "65000" {
		t.Errorf("FieldType names: %s %s", FieldType(8), FieldType(65000))
	}
	if FieldType(1).DataType() != DataUnsigned64 || FieldType(27).DataType().String() != "ipv6Address" {
		t.Errorf("data types: %v %v", FieldType(1).DataType(), FieldType(27).DataType())
	}
}

func TestV9Errors(t *testing.T) {
	hdr := func(count uint16) []byte {
		return V9Header{Count: count, SourceID: 1}.AppendTo(nil)
	}
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	tests := []struct {
		name string
		b    []byte
		err  error
	}{
		{"nil", nil, ErrTruncated},
		{"short header", hdr(0)[:19], ErrTruncated},
		{"version 10", cat([]byte{0, 10}, hdr(0)[2:]), ErrVersion},
		{"flowset header cut", cat(hdr(1), []byte{0, 0, 0}), ErrTruncated},
		{"flowset length 2", cat(hdr(1), []byte{0, 0, 0, 2}), ErrMalformed},
		{"flowset longer than packet", cat(hdr(1), []byte{1, 0, 0, 200, 1, 2, 3, 4}), ErrTruncated},
		{"template id 5", cat(hdr(1), []byte{0, 0, 0, 12, 0, 5, 0, 1, 0, 8, 0, 4}), ErrMalformed},
		{"zero-length template field only", cat(hdr(1), []byte{0, 0, 0, 12, 1, 0, 0, 1, 0, 8, 0, 0}), ErrMalformed},
		{"no fields", cat(hdr(1), []byte{0, 0, 0, 8, 1, 0, 0, 0}), ErrMalformed},
		{"field count beyond flowset", cat(hdr(1), []byte{0, 0, 0, 12, 1, 0, 0x40, 0, 0, 8, 0, 4}), ErrMalformed},
		{"options lengths not multiple of 4", cat(hdr(1), []byte{0, 1, 0, 16, 1, 0, 0, 3, 0, 4, 0, 1, 0, 4, 0, 0}), ErrMalformed},
		{"header count 5, 1 record", cat(hdr(5), []byte{0, 0, 0, 12, 1, 0, 0, 1, 0, 8, 0, 4}), ErrTruncated},
		{"header count 3, 2 records in 1 flowset", cat(hdr(3), []byte{0, 0, 0, 20, 1, 0, 0, 1, 0, 8, 0, 4, 1, 1, 0, 1, 0, 8, 0, 4}), ErrTruncated},
		{"variable length past record", cat(hdr(2), []byte{0, 0, 0, 12, 1, 0, 0, 1, 0, 82, 0xff, 0xff, 1, 0, 0, 8, 9, 'a', 'b', 'c'}), ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := walkV9(t, NewSession(nil), tt.b)
			if !errors.Is(err, tt.err) {
				t.Fatalf("decode(% x) error %v (items %v), want %v", tt.b, err, items, tt.err)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not a *ParseError", err)
			}
		})
	}
}

func TestV9Padding(t *testing.T) {
	pkt := buildTestPacket(t, 1)
	// Zeros after the last FlowSet (Palo Alto, Cisco ACI) are padding.
	padded := append(append([]byte(nil), pkt...), make([]byte, 37)...)
	if _, err := walkV9(t, NewSession(nil), padded); err != nil {
		t.Errorf("zero-padded packet: %v", err)
	}
	// Non-zero garbage is not.
	bad := append(append([]byte(nil), pkt...), 0, 0, 0, 1)
	if _, err := walkV9(t, NewSession(nil), bad); !errors.Is(err, ErrMalformed) {
		t.Errorf("packet with trailing garbage: %v, want ErrMalformed", err)
	}
}

func TestV9UnknownTemplateRetry(t *testing.T) {
	pkt := buildTestPacket(t, 1)
	s := NewSession(nil)
	// Data first: only the data FlowSets of a packet whose templates are
	// cut away.
	b := NewV9Builder(nil, V9Header{SourceID: 42}, 0)
	b.AddRecord(256, testRecord(9))
	b.AddRecord(256, testRecord(8))
	data := b.Finish()
	var p V9Parser
	h, _ := p.Start(s, testExporter, data)
	var kept []byte
	for p.Next() {
		if p.Kind() != V9UnknownTemplate {
			t.Fatalf("kind %v, want unknown template", p.Kind())
		}
		fs := p.FlowSet()
		if fs.ID != 256 || !errors.Is(fs.Err(), ErrUnknownTemplate) {
			t.Errorf("FlowSet() = %d, %v", fs.ID, fs.Err())
		}
		kept = append(kept, fs.Bytes...)
	}
	if p.Err() != nil {
		t.Fatalf("Err() = %v, want nil (unknown templates are not errors)", p.Err())
	}
	if st := s.Stats(); st.UnknownTemplate != 1 {
		t.Errorf("Stats().UnknownTemplate = %d, want 1", st.UnknownTemplate)
	}
	if err := p.StartFlowSet(s, testExporter, h, kept); !errors.Is(err, ErrUnknownTemplate) {
		t.Fatalf("StartFlowSet before the template: %v, want ErrUnknownTemplate", err)
	}
	if _, err := walkV9(t, s, pkt); err != nil {
		t.Fatal(err)
	}
	if err := p.StartFlowSet(s, testExporter, h, kept); err != nil {
		t.Fatalf("StartFlowSet after the template: %v", err)
	}
	n := 0
	for p.Next() {
		if r := p.Record(); string(r.Bytes()) != string(testRecord(9-n)) {
			t.Errorf("retried record %d = % x", n, r.Bytes())
		}
		n++
	}
	if n != 2 || p.Err() != nil {
		t.Errorf("retry gave %d records, err %v", n, p.Err())
	}
}

func TestV9Builder(t *testing.T) {
	if err := func() error { b := NewV9Builder(nil, V9Header{}, 0); return b.AddTemplate(5, testTemplate) }(); !errors.Is(err, ErrMalformed) {
		t.Errorf("AddTemplate(5) error %v", err)
	}
	b := NewV9Builder(nil, V9Header{}, 0)
	if err := b.AddTemplate(300, []TemplateField{{Type: 1, Length: 0}}); !errors.Is(err, ErrMalformed) {
		t.Errorf("AddTemplate(0-byte records) error %v", err)
	}
	// Splitting: a 100-byte limit holds the header, one FlowSet header and
	// 3 records of 25 bytes (20+4+75 = 99, +padding 1 = 100).
	var pkts [][]byte
	seq := uint32(0)
	b = NewV9Builder(nil, V9Header{Sequence: seq}, 100)
	for i := 0; i < 10; i++ {
		rec := bytes.Repeat([]byte{byte(i + 1)}, 25)
		if err := b.AddRecord(400, rec); err != nil {
			if !errors.Is(err, ErrLimit) {
				t.Fatal(err)
			}
			pkts = append(pkts, b.Finish())
			seq++
			b = NewV9Builder(nil, V9Header{Sequence: seq}, 100)
			if err := b.AddRecord(400, rec); err != nil {
				t.Fatal(err)
			}
		}
	}
	pkts = append(pkts, b.Finish())
	if len(pkts) != 4 {
		t.Fatalf("split into %d packets, want 4", len(pkts))
	}
	for i, p := range pkts {
		if len(p) > 100 || len(p)%4 != 0 {
			t.Errorf("packet %d is %d bytes", i, len(p))
		}
	}
}

func TestSessionLimits(t *testing.T) {
	// 10^5 distinct templates from one exporter: bounded by MaxTemplates,
	// evicting the oldest; fast.
	s := NewSession(&Config{MaxTemplates: 100})
	start := time.Now()
	var p V9Parser
	buf := make([]byte, 0, 64)
	for i := 0; i < 100000; i++ {
		b := NewV9Builder(buf[:0], V9Header{SourceID: uint32(i >> 16)}, 0)
		b.AddTemplate(uint16(256+i%65000), []TemplateField{{Type: 1, Length: 4}})
		pkt := b.Finish()
		p.Start(s, testExporter, pkt)
		for p.Next() {
		}
		if p.Err() != nil {
			t.Fatal(p.Err())
		}
	}
	st := s.Stats()
	if st.Templates != 100 || st.TemplatesEvicted != 100000-100 {
		t.Errorf("after 10^5 templates: %+v", st)
	}
	t.Logf("10^5 templates in %v, stats %+v", time.Since(start), st)
	// The newest survive.
	if s.Template(testExporter, 1, uint16(256+99999%65000)) == nil {
		t.Errorf("newest template evicted")
	}

	// 10^5 exporters: bounded by MaxExporters and MaxTotalTemplates.
	s = NewSession(&Config{MaxExporters: 50, MaxTotalTemplates: 40})
	b := NewV9Builder(nil, V9Header{}, 0)
	b.AddTemplate(256, testTemplate)
	pkt := b.Finish()
	for i := 0; i < 100000; i++ {
		ap := netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, byte(i >> 8), byte(i)}), uint16(i>>16))
		p.Start(s, ap, pkt)
		for p.Next() {
		}
	}
	if st := s.Stats(); st.Exporters > 50 || st.Templates > 40 {
		t.Errorf("after 10^5 exporters: %+v", st)
	}

	// MaxFields rejects.
	s = NewSession(&Config{MaxFields: 5})
	b = NewV9Builder(nil, V9Header{Count: 1}, 0)
	b.AddTemplate(256, testTemplate)
	if _, err := walkV9(t, s, b.Finish()); !errors.Is(err, ErrLimit) || s.Stats().Rejected != 1 {
		t.Errorf("template over MaxFields: %v, %+v", err, s.Stats())
	}

	// A full-size template FlowSet of 16381 fields is refused quickly by
	// the default limit.
	big := V9Header{Count: 1}.AppendTo(nil)
	big = append(big, 0, 0, 0xff, 0xfc, 1, 0, 0x3f, 0xfd)
	big = append(big, bytes.Repeat([]byte{0, 1, 0, 4}, 16381)...)
	if _, err := walkV9(t, NewSession(nil), big); !errors.Is(err, ErrLimit) {
		t.Errorf("16381-field template: %v, want ErrLimit", err)
	}
}

func TestSessionRedefineExpire(t *testing.T) {
	s := NewSession(&Config{TemplateTimeout: time.Minute})
	b := NewV9Builder(nil, V9Header{SourceID: 42}, 0)
	b.AddTemplate(256, testTemplate)
	pkt := b.Finish()
	walkV9(t, s, pkt)
	t1 := s.Template(testExporter, 42, 256)
	walkV9(t, s, pkt) // same fields: refresh, same *Template
	if s.Template(testExporter, 42, 256) != t1 || s.Stats().TemplatesRefresh != 1 {
		t.Errorf("refresh replaced the template: %+v", s.Stats())
	}
	b = NewV9Builder(nil, V9Header{SourceID: 42}, 0)
	b.AddTemplate(256, testTemplate[:3])
	walkV9(t, s, b.Finish())
	t2 := s.Template(testExporter, 42, 256)
	if t2 == t1 || t2.NumFields() != 3 || t1.NumFields() != len(testTemplate) || s.Stats().TemplatesUpdated != 1 {
		t.Errorf("redefinition: old %d fields, new %d fields, %+v", t1.NumFields(), t2.NumFields(), s.Stats())
	}
	// Other source IDs are other templates.
	if s.Template(testExporter, 43, 256) != nil {
		t.Errorf("template leaked to source ID 43")
	}
	if n := s.Expire(time.Now()); n != 0 {
		t.Errorf("Expire(now) removed %d", n)
	}
	if n := s.Expire(time.Now().Add(2 * time.Minute)); n != 1 || s.Template(testExporter, 42, 256) != nil {
		t.Errorf("Expire(+2m) removed %d", n)
	}
	if st := s.Stats(); st.Templates != 0 || st.Exporters != 0 || st.TemplatesExpired != 1 {
		t.Errorf("after expiry: %+v", st)
	}
	s.Forget(testExporter)
}

func TestV9ZeroLengthFieldAndTinyRecords(t *testing.T) {
	// A 0-length field among others decodes as an empty value.
	b := NewV9Builder(nil, V9Header{SourceID: 1}, 0)
	if err := b.AddTemplate(256, []TemplateField{{Type: FieldSourceIPv4Address, Length: 4}, {Type: FieldIngressInterface, Length: 0}, {Type: FieldProtocolIdentifier, Length: 1}}); err != nil {
		t.Fatal(err)
	}
	b.AddRecord(256, []byte{10, 0, 0, 1, 6})
	s := NewSession(nil)
	var p V9Parser
	p.Start(s, testExporter, b.Finish())
	n := 0
	for p.Next() {
		if p.Kind() != V9Data {
			continue
		}
		n++
		r := p.Record()
		if f, ok := r.Get(FieldIngressInterface); !ok || len(f.Value) != 0 {
			t.Errorf("0-length field: %+v, %v", f, ok)
		}
		if _, ok := r.Uint(FieldIngressInterface); ok {
			t.Errorf("Uint of a 0-length field reported ok")
		}
		if v, _ := r.Uint(FieldProtocolIdentifier); v != 6 {
			t.Errorf("protocol after the 0-length field = %d", v)
		}
	}
	if n != 1 || p.Err() != nil {
		t.Fatalf("%d records, %v", n, p.Err())
	}

	// A FlowSet of 65531 one-byte records: linear, bounded, no error.
	b = NewV9Builder(nil, V9Header{SourceID: 1}, 0)
	b.AddTemplate(257, []TemplateField{{Type: FieldProtocolIdentifier, Length: 1}})
	tpl := b.Finish()
	p.Start(s, testExporter, tpl)
	for p.Next() {
	}
	pkt := V9Header{Count: 65511, SourceID: 1}.AppendTo(nil)
	pkt = append(pkt, 1, 1, 0xff, 0xeb) // FlowSet 257, length 65515
	pkt = append(pkt, bytes.Repeat([]byte{17}, 65515-4)...)
	start := time.Now()
	p.Start(s, testExporter, pkt)
	n = 0
	for p.Next() {
		n++
	}
	if n != 65511 || p.Err() != nil {
		t.Errorf("tiny records: %d, %v", n, p.Err())
	}
	t.Logf("65511 one-byte records in %v", time.Since(start))
}

func TestV9IgnoreCount(t *testing.T) {
	pkt := V9Header{Count: 9, SourceID: 1}.AppendTo(nil)
	pkt = append(pkt, 0, 0, 0, 12, 1, 0, 0, 1, 0, 8, 0, 4)
	if _, err := walkV9(t, NewSession(nil), pkt); !errors.Is(err, ErrTruncated) {
		t.Errorf("count 9 for 1 record: %v, want ErrTruncated", err)
	}
	if _, err := walkV9(t, NewSession(&Config{IgnoreCount: true}), pkt); err != nil {
		t.Errorf("count 9 for 1 record with IgnoreCount: %v", err)
	}
}

func TestV9NilSession(t *testing.T) {
	items, err := walkV9(t, nil, buildTestPacket(t, 1))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[V9Kind]int{}
	for _, it := range items {
		kinds[it.kind]++
	}
	// Templates are parsed; data FlowSets (256, 257, 258) are unknown.
	if kinds[V9Template] != 2 || kinds[V9OptionsTemplate] != 1 || kinds[V9Data] != 0 || kinds[V9UnknownTemplate] != 3 {
		t.Errorf("nil session: %v", kinds)
	}
}

func TestV9Sequencer(t *testing.T) {
	var s V9Sequencer
	for want := uint32(0); want < 3; want++ {
		if got := s.Next(); got != want {
			t.Errorf("Next() = %d, want %d", got, want)
		}
	}
	s = V9Sequencer{sent: 1<<32 - 1}
	if a, b := s.Next(), s.Next(); a != 1<<32-1 || b != 0 {
		t.Errorf("wrap: %d, %d", a, b)
	}
}
