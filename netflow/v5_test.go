package netflow

import (
	"errors"
	"net/netip"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var _ interface {
	AppendBinary([]byte) ([]byte, error)
	MarshalBinary() ([]byte, error)
} = V5Header{}

var _ interface {
	AppendBinary([]byte) ([]byte, error)
	MarshalBinary() ([]byte, error)
} = V5Record{}

// v5Datagram is a hand-written datagram with every field distinct, laid
// out one wire field per line.
var v5Datagram = []byte{
	0x00, 0x05, // version
	0x00, 0x01, // count
	0x00, 0x00, 0x27, 0x10, // sys_uptime 10000 ms
	0x60, 0x00, 0x00, 0x00, // unix_secs
	0x00, 0x00, 0x03, 0xe8, // unix_nsecs 1000
	0x00, 0x00, 0x00, 0x1d, // flow_sequence 29
	0x07,       // engine_type
	0x08,       // engine_id
	0x40, 0x64, // sampling: mode 1, interval 100
	10, 0, 0, 1, // srcaddr
	10, 0, 0, 2, // dstaddr
	10, 0, 0, 254, // nexthop
	0x00, 0x01, // input
	0xff, 0xfd, // output 65533 (OVS drop)
	0x00, 0x00, 0x00, 0x05, // dPkts
	0x00, 0x00, 0x01, 0x40, // dOctets 320
	0x00, 0x00, 0x13, 0x88, // First 5000
	0x00, 0x00, 0x23, 0x28, // Last 9000
	0x04, 0x00, // srcport 1024
	0x13, 0x89, // dstport 5001
	0x00,       // pad1
	0x12,       // tcp_flags SYN|ACK
	0x06,       // prot TCP
	0xb8,       // tos (DSCP 46)
	0xfd, 0xe8, // src_as 65000
	0xfd, 0xe9, // dst_as 65001
	24,         // src_mask
	16,         // dst_mask
	0x00, 0x00, // pad2
}

var v5Want = V5Record{
	SrcAddr: netip.MustParseAddr("10.0.0.1"), DstAddr: netip.MustParseAddr("10.0.0.2"),
	NextHop: netip.MustParseAddr("10.0.0.254"), Input: 1, Output: OVSOutputDrop,
	Packets: 5, Octets: 320, First: 5000, Last: 9000, SrcPort: 1024, DstPort: 5001,
	TCPFlags: 0x12, Protocol: 6, ToS: 0xb8, SrcAS: 65000, DstAS: 65001, SrcMask: 24, DstMask: 16,
}

var v5WantHeader = V5Header{Count: 1, SysUptime: 10000, UnixSecs: 0x60000000, UnixNsecs: 1000,
	FlowSequence: 29, EngineType: 7, EngineID: 8, SamplingInterval: 0x4064}

func TestV5Parse(t *testing.T) {
	var p V5Parser
	h, err := p.Start(v5Datagram)
	if err != nil {
		t.Fatalf("Start() error %v", err)
	}
	if diff := cmp.Diff(v5WantHeader, h); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	if !p.Next() {
		t.Fatalf("Next() = false, want a record")
	}
	rec := p.Record()
	if diff := cmp.Diff(v5Want, rec, cmp.Comparer(func(a, b netip.Addr) bool { return a == b })); diff != "" {
		t.Errorf("record (-want +got):\n%s", diff)
	}
	if p.Next() || p.Err() != nil {
		t.Errorf("second Next() = true or Err() = %v, want end without error", p.Err())
	}
	if h.SamplingMode() != 1 || h.SamplingRate() != 100 {
		t.Errorf("sampling = %d/%d, want 1/100", h.SamplingMode(), h.SamplingRate())
	}
	if got, want := h.UptimeTime(5000), time.Unix(0x60000000, 1000).Add(-5*time.Second); !got.Equal(want) {
		t.Errorf("UptimeTime(5000) = %v, want %v", got, want)
	}
	// Re-encoding gives the same bytes.
	b, err := AppendV5(nil, h, []V5Record{rec})
	if err != nil || string(b) != string(v5Datagram) {
		t.Errorf("AppendV5() = % x, %v, want % x", b, err, v5Datagram)
	}
}

func TestV5Errors(t *testing.T) {
	full := func(count int) []byte {
		b, _ := AppendV5(nil, V5Header{}, make([]V5Record, count))
		return b
	}
	bad := func(b []byte, off int, v byte) []byte { b = append([]byte(nil), b...); b[off] = v; return b }
	tests := []struct {
		name string
		b    []byte
		err  error
		off  int
	}{
		{"nil", nil, ErrTruncated, 0},
		{"empty", []byte{}, ErrTruncated, 0},
		{"short header", full(0)[:23], ErrTruncated, 23},
		{"version 9", bad(full(1), 1, 9), ErrVersion, 0},
		{"count 31", bad(full(30), 3, 31), ErrMalformed, 2},
		{"count 65535", bad(bad(full(1), 2, 0xff), 3, 0xff), ErrMalformed, 2},
		{"missing record", full(2)[:V5HeaderLen+V5RecordLen], ErrTruncated, V5HeaderLen + V5RecordLen},
		{"half record", full(1)[:V5HeaderLen+20], ErrTruncated, V5HeaderLen},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p V5Parser
			_, err := p.Start(tt.b)
			if !errors.Is(err, tt.err) {
				t.Fatalf("Start() error %v, want %v", err, tt.err)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Offset != tt.off {
				t.Errorf("Start() error %#v, want a *ParseError at offset %d", err, tt.off)
			}
			if p.Next() || p.Err() != err {
				t.Errorf("after failed Start: Next() true or Err() = %v", p.Err())
			}
		})
	}
}

func TestV5Builder(t *testing.T) {
	buf := make([]byte, 0, V5MaxLen)
	b := NewV5Builder(buf, V5Header{FlowSequence: V5OVSSequence(0, 30), EngineID: 3})
	for i := 0; i < V5MaxRecords; i++ {
		r := v5Want
		r.SrcPort = uint16(i)
		if err := b.Add(r); err != nil {
			t.Fatalf("Add(%d) error %v", i, err)
		}
	}
	if err := b.Add(v5Want); !errors.Is(err, ErrLimit) {
		t.Errorf("Add(31st) error %v, want ErrLimit", err)
	}
	out := b.Finish()
	if len(out) != V5MaxLen || V5Len(out) != V5MaxLen {
		t.Fatalf("Finish() length %d, V5Len %d, want %d", len(out), V5Len(out), V5MaxLen)
	}
	var p V5Parser
	h, err := p.Start(out)
	if err != nil || h.Count != 30 || h.FlowSequence != 29 || h.EngineID != 3 {
		t.Fatalf("Start() = %+v, %v", h, err)
	}
	n := 0
	for p.Next() {
		r := p.Record()
		if r.SrcPort != uint16(n) {
			t.Errorf("record %d SrcPort = %d", n, r.SrcPort)
		}
		n++
	}
	if n != 30 {
		t.Errorf("decoded %d records, want 30", n)
	}
	if _, err := AppendV5(nil, V5Header{}, make([]V5Record, 31)); !errors.Is(err, ErrLimit) {
		t.Errorf("AppendV5(31 records) error %v, want ErrLimit", err)
	}
}

func TestV5RoundTrip(t *testing.T) {
	recs := []V5Record{v5Want, {
		SrcAddr: netip.MustParseAddr("255.255.255.255"), DstAddr: netip.MustParseAddr("0.0.0.0"),
		NextHop: netip.MustParseAddr("192.0.2.1"), Input: 0xffff, Output: 0xfffe, Packets: 0xffffffff,
		Octets: 0xffffffff, First: 1, Last: 0xffffffff, SrcPort: 0xffff, DstPort: 0x0800, TCPFlags: 0xff,
		Protocol: 1, ToS: 0xfc, SrcAS: 1, DstAS: 0xffff, SrcMask: 32, DstMask: 0,
	}}
	h := V5Header{SysUptime: 1, UnixSecs: 2, UnixNsecs: 3, FlowSequence: 4, EngineType: 5, EngineID: 6, SamplingInterval: 7}
	b, err := AppendV5(nil, h, recs)
	if err != nil {
		t.Fatal(err)
	}
	var p V5Parser
	got, err := p.Start(b)
	h.Count = 2
	if err != nil || got != h {
		t.Fatalf("Start() = %+v, %v, want %+v", got, err, h)
	}
	for i := 0; p.Next(); i++ {
		if p.Record() != recs[i] {
			t.Errorf("record %d = %+v, want %+v", i, p.Record(), recs[i])
		}
	}
}

func TestOVSHelpers(t *testing.T) {
	// Observed on OVS 3.1 (see doc): engine_id 7, dropped flow → 4093.
	if got := OVSInterface(7, OVSOutputDrop); got != 4093 {
		t.Errorf("OVSInterface(7, 65533) = %d, want 4093", got)
	}
	if e, p := SplitOVSInterface(OVSInterface(7, 3)); e != 7 || p != 3 {
		t.Errorf("SplitOVSInterface(OVSInterface(7, 3)) = %d, %d", e, p)
	}
	if got := V5OVSSequence(30, 30); got != 59 {
		t.Errorf("V5OVSSequence(30, 30) = %d, want 59", got)
	}
	if got := V5Sequence(30); got != 30 {
		t.Errorf("V5Sequence(30) = %d, want 30", got)
	}
}
