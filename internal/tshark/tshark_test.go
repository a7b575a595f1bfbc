package tshark

import (
	"encoding/binary"
	"strings"
	"testing"
)

// v5 builds a NetFlow v5 datagram whose header announces count records and
// that holds n 48-byte records.
func v5(count, n int) []byte {
	b := []byte{0, 5, 0, byte(count)}
	b = binary.BigEndian.AppendUint32(b, 1000)       // sys_uptime
	b = binary.BigEndian.AppendUint32(b, 1700000000) // unix_secs
	b = binary.BigEndian.AppendUint32(b, 0)          // unix_nsecs
	b = binary.BigEndian.AppendUint32(b, 0)          // flow_sequence
	b = append(b, 0, 0, 0, 0)                        // engine type/id, sampling
	for i := 0; i < n; i++ {
		r := make([]byte, 48)
		copy(r[0:], []byte{10, 0, 0, 1})
		copy(r[4:], []byte{10, 0, 0, byte(2 + i)})
		binary.BigEndian.PutUint32(r[16:], 3)   // dPkts
		binary.BigEndian.PutUint32(r[20:], 180) // dOctets
		binary.BigEndian.PutUint16(r[32:], 1234)
		binary.BigEndian.PutUint16(r[34:], 80)
		r[38] = 6
		b = append(b, r...)
	}
	return b
}

func TestDecodeNetFlow(t *testing.T) {
	pkts := Decode(t, [][]byte{v5(2, 2)}, "cflow")
	if len(pkts) != 1 {
		t.Fatalf("got %d packets, want 1", len(pkts))
	}
	CheckClean(t, pkts)
	cflow := pkts[0].Root.Find("cflow")
	if cflow == nil {
		t.Fatalf("no cflow layer:\n%s", pkts[0].Root)
	}
	if got := strings.Join(cflow.Values("cflow.dstaddr"), ","); got != "10.0.0.2,10.0.0.3" {
		t.Errorf("cflow.dstaddr = %q, want 10.0.0.2,10.0.0.3 (document order)", got)
	}
	if got := cflow.Values("cflow.octets"); len(got) != 2 || got[0] != "180" {
		t.Errorf("cflow.octets = %q", got)
	}
}

// TestDecodeMalformed checks that a datagram tshark cannot decode is
// reported as an error, so CheckClean can catch encoder bugs. (tshark does
// not flag a NetFlow v5 datagram whose records are missing, so the case is an
// sFlow datagram announcing a sample that is not there.)
func TestDecodeMalformed(t *testing.T) {
	d := []byte{
		0, 0, 0, 5, // version
		0, 0, 0, 1, // agent address type IPv4
		127, 0, 0, 1, // agent
		0, 0, 0, 0, // sub-agent id
		0, 0, 0, 1, // sequence
		0, 0, 0x03, 0xe8, // uptime
		0, 0, 0, 1, // one sample ...
		0, 0, 0, 1, // ... of format 0:1 ...
		0, 0, 0, 40, // ... 40 bytes long, which are missing
	}
	pkts := Decode(t, [][]byte{d}, "sflow")
	if len(pkts) != 1 {
		t.Fatalf("got %d packets, want 1", len(pkts))
	}
	if len(pkts[0].Errors()) == 0 {
		t.Fatalf("no error for a truncated sFlow sample; expert %+v\n%s", pkts[0].Expert, pkts[0].Root)
	}
}

func TestDecodeSFlow(t *testing.T) {
	// sFlow v5 header with an IPv4 agent and no samples.
	d := []byte{
		0, 0, 0, 5, // version
		0, 0, 0, 1, // agent address type IPv4
		127, 0, 0, 1, // agent
		0, 0, 0, 0, // sub-agent id
		0, 0, 0, 1, // sequence
		0, 0, 0x03, 0xe8, // uptime
		0, 0, 0, 0, // samples
	}
	pkts := Decode(t, [][]byte{d}, "sflow")
	CheckClean(t, pkts)
	if v, ok := pkts[0].Root.Value1("sflow_245.agent"); !ok || v != "127.0.0.1" {
		t.Errorf("sflow_245.agent = %q, %v\n%s", v, ok, pkts[0].Root)
	}
}

func TestParseOrder(t *testing.T) {
	js := `[{"_source":{"layers":{"a":{"x":["1","2"],"y":"3","x2":{"x":"4"}},
	"_ws.malformed":{"_ws.expert":{"_ws.expert.message":"boom","_ws.expert.severity":"8388608","_ws.expert.group":"117440512"}}}}}]`
	pkts, err := Parse([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(pkts[0].Root.Values("x"), ","); got != "1,2,4" {
		t.Errorf("Values(x) = %q, want 1,2,4", got)
	}
	if errs := pkts[0].Errors(); len(errs) != 2 || errs[0].Group != "Malformed" || errs[0].Message != "boom" {
		t.Errorf("Errors() = %+v", errs)
	}
	if _, err := Parse([]byte(`[{"_source":`)); err == nil {
		t.Error("Parse of truncated JSON succeeded")
	}
}
