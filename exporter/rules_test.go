package exporter

import (
	"encoding/binary"
	"net/netip"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// TestNetFlowSplit checks OVS's 32-bit splitting: counts above 2^32-1
// bytes go out as several records sharing packets and bytes evenly, and
// an impossible count (>= 176·2^32 bytes) sends nothing.
func TestNetFlowSplit(t *testing.T) {
	dial, rec := recordAll()
	cfg := allFormats(flowexport.IPFIX{})
	cfg.SFlow, cfg.IPFIX = nil, nil
	cfg.Dial = dial
	x, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	nf := x.nf
	f := &nfFlow{key: nfKey{inPort: 1, proto: 17}, output: 2, live: true}
	f.packets, f.bytes = 10_000_001, 3*0xFFFFFFFF+7
	nf.expire(f)
	nf.send()
	_, recs := decodeNetFlow(t, rec[NetFlow].got[0])
	if len(recs) != 4 {
		t.Fatalf("%d records, want 4", len(recs))
	}
	var pk, by uint64
	for _, r := range recs {
		pk += uint64(r.Pkts)
		by += uint64(r.Octets)
	}
	if pk != 10_000_001 || by != 3*0xFFFFFFFF+7 {
		t.Errorf("split sums to %d packets %d bytes", pk, by)
	}
	f.packets, f.bytes = 5, 176<<32
	n := len(rec[NetFlow].got)
	nf.expire(f)
	nf.send()
	if len(rec[NetFlow].got) != n || f.packets != 0 || f.bytes != 0 {
		t.Error("impossible byte count was exported or not reset")
	}
}

// TestSFlowDatagramSize checks the 1400-byte limit: with full 128-byte
// headers (216-byte samples) six samples fit a datagram, and the
// datagram is sent before the seventh.
func TestSFlowDatagramSize(t *testing.T) {
	dial, rec := recordAll()
	cfg := allFormats(flowexport.IPFIX{})
	cfg.NetFlow, cfg.IPFIX = nil, nil
	cfg.SFlow.Polling = flowexport.Ptr(0)
	cfg.Dial = dial
	x, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	frame := buildFrame(frameSpec{dst: mac(2), src: mac(1), vlan: -1, ethType: 0x0800, src4: v4("10.0.0.1"), dst4: v4("10.0.0.2"), proto: 17, sport: 1, dport: 2, ttl: 64, payload: 400})
	for range 13 {
		x.Observe(&Packet{Frame: frame, In: testPorts[0], Out: testPorts[1:2]})
	}
	got := rec[SFlow].got
	if len(got) != 2 {
		t.Fatalf("%d datagrams sent before the tick, want 2", len(got))
	}
	for i, b := range got {
		d := decodeSFlow(t, b)
		if len(d.Samples) != 6 || len(b) != 28+6*216 || d.Seq != uint32(i+1) {
			t.Errorf("datagram %d: %d samples, %d bytes, seq %d", i, len(d.Samples), len(b), d.Seq)
		}
		if r := d.Samples[0].Records[1]; binary.BigEndian.Uint32(hexBytes(t, r.Data)[12:]) != 128 {
			t.Errorf("header length not limited to 128")
		}
	}
}

func hexBytes(t *testing.T, s string) []byte {
	t.Helper()
	b := make([]byte, len(s)/2)
	for i := range b {
		var v byte
		for _, c := range s[2*i : 2*i+2] {
			v <<= 4
			switch {
			case c >= '0' && c <= '9':
				v |= byte(c - '0')
			default:
				v |= byte(c-'a') + 10
			}
		}
		b[i] = v
	}
	return b
}

// TestTunnelIngress checks packets received on a tunnel port: sFlow adds
// the VNI-ingress and IPv4-tunnel-ingress records after [switch, header],
// and IPFIX uses the tunnelled ingress template with the tunnel fields.
func TestTunnelIngress(t *testing.T) {
	dial, rec := recordAll()
	cfg := allFormats(flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(1), OtherConfig: map[string]string{"enable-output-sampling": "true" /* OVS reads it inverted: "true" turns egress sampling off */}})
	cfg.NetFlow = nil
	cfg.SFlow.Polling = flowexport.Ptr(0)
	cfg.Dial = dial
	clock := NewManualClock(time.Unix(1_700_000_000, 0))
	cfg.Clock = clock
	x, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	vxlan := Port{OFPort: 9, Name: "vxlan0", Tunnel: TunnelVXLAN}
	tun := &Tunnel{Src: netip.MustParseAddr("192.0.2.1"), Dst: netip.MustParseAddr("192.0.2.2"), SrcPort: 51000, DstPort: 4789, TOS: 0, TTL: 64, Key: 0x123456}
	frame := buildFrame(frameSpec{dst: mac(2), src: mac(1), vlan: -1, ethType: 0x0800, src4: v4("10.0.0.1"), dst4: v4("10.0.0.2"), proto: 6, sport: 1, dport: 2, flags: 2, ttl: 64})
	x.Observe(&Packet{Frame: frame, In: vxlan, Out: testPorts[1:2], Tunnel: tun})
	clock.Advance(time.Second)
	x.Flush()
	d := decodeSFlow(t, rec[SFlow].got[0])
	var tags []uint32
	for _, r := range d.Samples[0].Records {
		tags = append(tags, r.Tag)
	}
	if len(tags) != 4 || tags[0] != 1001 || tags[1] != 1 || tags[2] != 1030 || tags[3] != 1024 {
		t.Errorf("sFlow records %v, want [1001 1 1030 1024]", tags)
	}
	if got := d.Samples[0].Records[2].Data; got != "00123456" {
		t.Errorf("VNI ingress %s", got)
	}
	if got := d.Samples[0].Records[3].Data; got != "0000000000000011c0000201c00002020000c738000012b50000000000000000" {
		t.Errorf("tunnel ingress %s", got)
	}
	var dec ipfixDecoder
	var data ipfixMsg
	for _, m := range rec[IPFIX].got {
		if msg := dec.decode(t, m); msg.SetID >= 256 {
			data = msg
		}
	}
	if want := templateID(l2Eth, l3IPv4, l4TCP, 1, 0); data.SetID != want {
		t.Fatalf("IPFIX template %d, want %d", data.SetID, want)
	}
	want := map[uint16]string{893: "c0000201", 894: "c0000202", 895: "11", 896: "c738", 897: "12b5", 891: "01", 892: "123456", 10: "00000000", 82: "76786c616e30"}
	for _, f := range data.Fields {
		if w, ok := want[f.ID]; ok && f.Value != w {
			t.Errorf("IPFIX field %d = %s, want %s", f.ID, f.Value, w)
		}
	}
}

// TestSFlowIPv6Agent checks the 40-byte datagram header of an IPv6 agent.
func TestSFlowIPv6Agent(t *testing.T) {
	dial, rec := recordAll()
	cfg := allFormats(flowexport.IPFIX{})
	cfg.NetFlow, cfg.IPFIX = nil, nil
	cfg.SFlow.Agent = flowexport.Ptr("fd00::1")
	cfg.SFlow.Polling = flowexport.Ptr(0)
	cfg.Dial = dial
	x, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	frame := trafficMix(1)[0].frame
	x.Observe(&Packet{Frame: frame, In: testPorts[0]})
	x.Flush()
	x.Close()
	b := rec[SFlow].got[0]
	d := decodeSFlow(t, b)
	if d.AddrType != 2 || d.Agent != "fd000000000000000000000000000001" || len(b) != 40+88+len(frame)+wirePad4(len(frame)) {
		t.Errorf("agent type %d %s, %d bytes", d.AddrType, d.Agent, len(b))
	}
	if d.Samples[0].Out != sfOutDiscard {
		t.Errorf("dropped packet output %#x, want 0x40000100", d.Samples[0].Out)
	}
}
