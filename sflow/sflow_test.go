package sflow

import (
	"errors"
	"net/netip"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var cmpOpts = cmp.Options{
	cmp.AllowUnexported(U32List{}, ASPath{}, HostAdapterList{}),
	cmpopts.EquateEmpty(),
	cmpopts.IgnoreFields(walkedRecord{}, "Len"),
	cmpopts.IgnoreFields(walkedSample{}, "Len"),
	cmp.Comparer(func(a, b netip.Addr) bool { return a == b }),
}

// fill returns a value of zero's type with every field set to a distinct
// non-zero value (variable-length fields of several lengths, to exercise
// XDR padding).
func fill(zero any, seed int) any {
	v := reflect.New(reflect.TypeOf(zero)).Elem()
	n := uint64(seed*100 + 1)
	for i := range v.NumField() {
		n++
		switch x := v.Field(i).Addr().Interface().(type) {
		case *uint32:
			*x = uint32(n)
		case *uint64:
			*x = n<<33 | n
		case *float32:
			*x = float32(n) + 0.25
		case *[6]byte:
			*x = [6]byte{2, 0, 0x5e, 0, byte(seed), byte(n)}
		case *[16]byte:
			for j := range x {
				x[j] = byte(n) + byte(j)
			}
		case *netip.Addr:
			switch {
			case v.Type() == reflect.TypeFor[SampledIPv4]():
				*x = netip.AddrFrom4([4]byte{10, 0, byte(seed), byte(n)})
			case v.Type() == reflect.TypeFor[SampledIPv6]():
				*x = netip.AddrFrom16([16]byte{0xfe, 0x80, 14: byte(seed), 15: byte(n)})
			case n%2 == 0:
				*x = netip.AddrFrom4([4]byte{192, 0, 2, byte(n)})
			default:
				*x = netip.AddrFrom16([16]byte{0x20, 0x01, 0x0d, 0xb8, 15: byte(n)})
			}
		case *[]byte:
			*x = []byte("abcdefghijk"[:1+n%7])
		case *U32List:
			*x = MakeU32List(uint32(n), uint32(n+1), uint32(n+2))
		case *ASPath:
			*x = ASPath{}.Append(ASPathSequence, 64512, 64513, uint32(n)).Append(ASPathSet, 65000)
		case *HostAdapterList:
			*x = HostAdapterList{}.Append(3, [6]byte{2, 0, 0, 0, 0, 3}, [6]byte{2, 0, 0, 0, 0, 4}).Append(4)
		case *HeaderProtocol:
			*x = HeaderEthernet
		default:
			panic("fill: unhandled field type " + v.Field(i).Type().String())
		}
	}
	return v.Interface()
}

var agent4 = netip.MustParseAddr("127.0.0.1")

// walked is a fully decoded datagram, for comparisons.
type walked struct {
	Header  Header
	Samples []walkedSample
}

type walkedSample struct {
	Sample  Sample
	Records []walkedRecord
	Len     int // sample data length on the wire (set by walk, not compared)
}

type walkedRecord struct {
	Format  Format
	Counter bool
	Value   any    // nil for a format this package does not model
	Raw     []byte // data of an unmodelled record
	Len     int    // length on the wire (set by walk, not compared)
}

func lookup(f Format, counter bool) int {
	for i, e := range recordTable {
		if e.format == f && e.counter == counter {
			return i
		}
	}
	return -1
}

// walk decodes every sample and record of b.
func walk(b []byte) (walked, error) {
	var d Decoder
	h, err := d.Start(b)
	if err != nil {
		return walked{}, err
	}
	w := walked{Header: h}
	for d.NextSample() {
		s := d.Sample()
		if d.SampleFormat() != s.Format || s.IsFlow() && d.FlowSample() != s.FlowSample() {
			return walked{}, errors.New("SampleFormat or FlowSample disagrees with Sample")
		}
		ws := walkedSample{Sample: s, Len: len(s.Data)}
		ws.Sample.Offset = 0
		if s.HasRecords() {
			ws.Sample.Data = nil
		}
		for d.NextRecord() {
			r := d.Record()
			wr := walkedRecord{Format: r.Format, Counter: r.Counter, Len: len(r.Data)}
			if i := lookup(r.Format, r.Counter); i >= 0 {
				v, err := recordTable[i].decode(r)
				if err != nil {
					return w, err
				}
				// The Decoder accessor agrees with the Record method.
				if dv := recordTable[i].decoder(&d); !reflect.DeepEqual(v, dv) {
					return w, errors.New("decoder accessor disagrees with record method for " + recordTable[i].name)
				}
				wr.Value = v
			} else {
				wr.Raw = r.Data
			}
			ws.Records = append(ws.Records, wr)
		}
		w.Samples = append(w.Samples, ws)
	}
	return w, d.Err()
}

// encode builds one datagram (no size limit) from a walked value.
func encode(w walked) ([]byte, error) {
	b := NewBuilder(nil, w.Header)
	b.SetMaxSize(0)
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
			if _, err := b.AddRawSample(s.Sample.Format, s.Sample.Data); err != nil {
				return nil, err
			}
			continue
		}
		for _, r := range s.Records {
			if r.Value == nil {
				b.AddRecord(r.Format, r.Counter, r.Raw)
				continue
			}
			recordTable[lookup(r.Format, r.Counter)].add(&b, r.Value)
		}
		if _, err := b.EndSample(); err != nil {
			return nil, err
		}
	}
	return b.Finish()
}

// fullDatagram holds every sample type and every record type, plus an
// unknown sample and an unknown record.
func fullDatagram(tb testing.TB) (walked, []byte) {
	tb.Helper()
	w := walked{Header: Header{Agent: agent4, SubAgentID: 7, Sequence: 42, Uptime: 123000}}
	var flowRecs, ctrRecs []walkedRecord
	for i, e := range recordTable {
		r := walkedRecord{Format: e.format, Counter: e.counter, Value: fill(e.zero, i)}
		if e.counter {
			ctrRecs = append(ctrRecs, r)
		} else {
			flowRecs = append(flowRecs, r)
		}
	}
	flowRecs = append(flowRecs, walkedRecord{Format: MakeFormat(8800, 12), Raw: []byte{1, 2, 3, 4, 5, 6, 7, 8}})
	ctrRecs = append(ctrRecs, walkedRecord{Format: MakeFormat(4413, 5), Counter: true, Raw: []byte{9, 9, 9, 9}})
	hdr := walkedRecord{Format: FormatSampledHeader, Value: SampledHeader{Protocol: HeaderEthernet, FrameLength: 64, Stripped: 4, Header: []byte{1, 2, 3, 4, 5}}}
	w.Samples = []walkedSample{
		{Sample: Sample{Format: FormatFlowSample, Sequence: 1, Source: DataSource{SourcePhysicalEntity, 1000}, SamplingRate: 1, SamplePool: 1,
			Input: Interface{InterfaceSingle, 1}, Output: Interface{InterfaceDiscarded, uint32(DiscardUnknown)}}, Records: flowRecs},
		{Sample: Sample{Format: FormatExpandedFlowSample, Sequence: 2, Source: DataSource{SourceIfIndex, 1 << 30}, SamplingRate: 400, SamplePool: 800, Drops: 3,
			Input: Interface{InterfaceSingle, 1 << 31}, Output: Interface{InterfaceMultiple, 3}}, Records: []walkedRecord{hdr}},
		{Sample: Sample{Format: FormatCounterSample, Sequence: 3, Source: DataSource{SourceIfIndex, 5}}, Records: ctrRecs},
		{Sample: Sample{Format: FormatExpandedCounterSample, Sequence: 4, Source: DataSource{SourceIfIndex, 1 << 28}}, Records: ctrRecs[:2]},
		{Sample: Sample{Format: FormatDiscardedPacket, Sequence: 5, Source: DataSource{SourceIfIndex, 6}, Drops: 1, Input: Interface{Value: 6}, Output: Interface{Value: 7},
			Reason: 263}, Records: []walkedRecord{hdr}},
		{Sample: Sample{Format: MakeFormat(6666, 1), Data: []byte{1, 2, 3, 4, 5, 6, 7, 8}}},
	}
	for i := range w.Samples {
		if w.Samples[i].Sample.HasRecords() {
			w.Samples[i].Sample.NumRecords = uint32(len(w.Samples[i].Records))
		}
	}
	w.Header.NumSamples = uint32(len(w.Samples))
	b, err := encode(w)
	if err != nil {
		tb.Fatalf("encode: %v", err)
	}
	return w, b
}

func TestRoundTripAll(t *testing.T) {
	w, b := fullDatagram(t)
	got, err := walk(b)
	if err != nil {
		t.Fatalf("walk: %v", err)
	}
	if diff := cmp.Diff(w, got, cmpOpts); diff != "" {
		t.Errorf("decode(encode(x)) mismatch (-want +got):\n%s", diff)
	}
	// Re-encoding the decoded value gives the same bytes.
	b2, err := encode(got)
	if err != nil {
		t.Fatal(err)
	}
	if string(b2) != string(b) {
		t.Errorf("encode(decode(b)) != b")
	}
}

// TestRecordRoundTrips encodes each record type alone, with several fill
// seeds, checks its length on the wire, and decodes it back.
func TestRecordRoundTrips(t *testing.T) {
	for i, e := range recordTable {
		for seed := range 3 {
			v := fill(e.zero, 10*i+seed)
			b := NewBuilder(nil, Header{Agent: netip.MustParseAddr("2001:db8::1")})
			if e.counter {
				b.StartCounterSample(CounterSample{Sequence: 1})
			} else {
				b.StartFlowSample(FlowSample{Sequence: 1})
			}
			e.add(&b, v)
			if _, err := b.EndSample(); err != nil {
				t.Fatalf("%s: EndSample: %v", e.name, err)
			}
			dg, err := b.Finish()
			if err != nil {
				t.Fatal(err)
			}
			var d Decoder
			if _, err := d.Start(dg); err != nil {
				t.Fatalf("%s: Start: %v", e.name, err)
			}
			if !d.NextSample() || !d.NextRecord() {
				t.Fatalf("%s: no record: %v", e.name, d.Err())
			}
			r := d.Record()
			if r.Format != e.format || r.Counter != e.counter || len(r.Data)%4 != 0 {
				t.Errorf("%s: record format %d counter %v len %d", e.name, r.Format, r.Counter, len(r.Data))
			}
			got, err := e.decode(r)
			if err != nil {
				t.Fatalf("%s: decode: %v", e.name, err)
			}
			if diff := cmp.Diff(v, got, cmpOpts); diff != "" {
				t.Errorf("%s: round trip (-want +got):\n%s", e.name, diff)
			}
			if r.Name() == "" {
				t.Errorf("%s: Name() empty", e.name)
			}
			// The wrong kind of accessor fails cleanly.
			other := r
			other.Counter = !r.Counter
			if _, err := e.decode(other); !errors.Is(err, ErrMalformed) {
				t.Errorf("%s with Counter flipped: err = %v, want ErrMalformed", e.name, err)
			}
		}
	}
}

func TestTruncationSweep(t *testing.T) {
	_, b := fullDatagram(t)
	for i := range len(b) {
		_, err := walk(b[:i])
		if !errors.Is(err, ErrTruncated) {
			t.Fatalf("walk(b[:%d]) = %v, want ErrTruncated", i, err)
		}
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Offset < 0 || pe.Offset > i || !strings.HasPrefix(pe.Field, "sflow: ") {
			t.Fatalf("walk(b[:%d]) error %v: want a *ParseError within the input naming an sflow field", i, err)
		}
	}
}

func TestVersion(t *testing.T) {
	var d Decoder
	for _, b := range [][]byte{
		{0, 0, 0, 4, 0, 0, 0, 1, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
		{0, 0, 0, 2},
	} {
		if _, err := d.Start(b); !errors.Is(err, ErrVersion) {
			t.Errorf("Start(%x) = %v, want ErrVersion", b, err)
		}
		if d.NextSample() {
			t.Errorf("NextSample after error = true")
		}
	}
	if _, err := d.Start(nil); !errors.Is(err, ErrTruncated) {
		t.Errorf("Start(nil) = %v, want ErrTruncated", err)
	}
	bad := []byte{0, 0, 0, 5, 0, 0, 0, 3, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	if _, err := d.Start(bad); !errors.Is(err, ErrMalformed) {
		t.Errorf("agent type 3: err = %v, want ErrMalformed", err)
	}
}

func TestSampleAccessors(t *testing.T) {
	if i := InterfaceFromCompact(0x40000100); i.Format != InterfaceDiscarded || i.Value != 256 {
		t.Errorf("InterfaceFromCompact(0x40000100) = %+v", i)
	}
	if r, ok := InterfaceFromCompact(0x40000100).Discarded(); !ok || r != DiscardUnknown {
		t.Errorf("Discarded() = %v %v", r, ok)
	}
	if n, ok := InterfaceFromCompact(0x80000003).Multiple(); !ok || n != 3 {
		t.Errorf("Multiple() = %v %v", n, ok)
	}
	if x, ok := InterfaceFromCompact(7).IfIndex(); !ok || x != 7 {
		t.Errorf("IfIndex() = %v %v", x, ok)
	}
	if s := DataSourceFromCompact(0x020003e8); s != (DataSource{SourcePhysicalEntity, 1000}) {
		t.Errorf("DataSourceFromCompact = %+v", s)
	}
	if _, ok := (Interface{Value: 1 << 30}).Compact(); ok {
		t.Errorf("Compact of a 31-bit value ok")
	}
	if f := MakeFormat(4413, 5); f.Enterprise() != 4413 || f.Number() != 5 {
		t.Errorf("MakeFormat = %v", f)
	}
}

var ipv6Agent = netip.MustParseAddr("::1")
