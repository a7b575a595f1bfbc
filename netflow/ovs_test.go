package netflow

import (
	"encoding/binary"
	"net/netip"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/internal/testenv"
	"github.com/ovsflow/ovsflow/internal/udpcollect"
)

// ovsFrame builds an Ethernet/IPv4 frame of exactly size bytes, with an
// optional 802.1Q tag, carrying UDP, TCP or ICMP.
func ovsFrame(size int, vlan bool, proto uint8, src, dst netip.Addr, sport, dport uint16, tos uint8) []byte {
	f := []byte{0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01}
	if vlan {
		f = append(f, 0x81, 0x00, 0x00, 0x0a) // VLAN 10
	}
	f = append(f, 0x08, 0x00)
	ipStart := len(f)
	s4, d4 := src.As4(), dst.As4()
	ipLen := size - ipStart
	f = append(f, 0x45, tos, byte(ipLen>>8), byte(ipLen), 0, 0, 0x40, 0, 64, proto, 0, 0)
	f = append(f, s4[:]...)
	f = append(f, d4[:]...)
	switch proto {
	case 17:
		f = binary.BigEndian.AppendUint16(f, sport)
		f = binary.BigEndian.AppendUint16(f, dport)
		f = binary.BigEndian.AppendUint16(f, uint16(ipLen-20))
		f = append(f, 0, 0)
	case 6:
		f = binary.BigEndian.AppendUint16(f, sport)
		f = binary.BigEndian.AppendUint16(f, dport)
		f = append(f, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0) // SYN
	case 1:
		f = append(f, byte(dport>>8), byte(dport), 0, 0, 0, 1, 0, 1) // type, code
	}
	return append(f, make([]byte, size-len(f))...)
}

type ovsFlow struct {
	name       string
	inPort     string
	vlan       bool
	proto      uint8
	src, dst   netip.Addr
	sport      uint16
	dport      uint16 // for ICMP: type<<8 | code
	tos        uint8
	size, n    int
	wantOutput uint16
}

// TestRealOVSNetFlowV5 makes real ovs-vswitchd export NetFlow v5 for
// injected traffic and checks every decoded record against it: flow keys,
// packets, bytes as OVS counts them (whole Ethernet frames, VLAN tag
// included), output ports and the drop sentinel, engine IDs, and OVS's
// flow_sequence rule.
// With add_id_to_interface=true the ports carry the engine ID as well.
func TestRealOVSNetFlowV5(t *testing.T) {
	testenv.RequireBinary(t, "ovs-vswitchd", "openvswitch-switch")
	for _, addID := range []bool{false, true} {
		t.Run("add_id_to_interface="+strconv.FormatBool(addID), func(t *testing.T) { realOVSNetFlowV5(t, addID) })
	}
}

func realOVSNetFlowV5(t *testing.T, addID bool) {
	col := udpcollect.Listen(t, "udp4")
	_, sw := ovstest.StartBridge(t, "br0", nil,
		ovstest.Port{Name: "p1", OFPort: 1, IfIndex: 11},
		ovstest.Port{Name: "p2", OFPort: 2, IfIndex: 12},
		ovstest.Port{Name: "p3", OFPort: 3, IfIndex: 13},
	)
	// Port 1 forwards to 2; port 3 has no flow, so its traffic is dropped.
	sw.AddFlows(t, "br0", "in_port=1,actions=output:2")
	sw.Vsctl(t, "--", "--id=@nf", "create", "netflow", `targets="`+col.Target()+`"`,
		"active_timeout=60", "engine_type=9", "engine_id=7", "add_id_to_interface="+strconv.FormatBool(addID),
		"--", "set", "bridge", "br0", "netflow=@nf")

	a := netip.MustParseAddr
	flows := []ovsFlow{
		{"udp", "p1", false, 17, a("10.0.0.1"), a("10.0.0.2"), 1000, 5001, 0, 64, 5, 2},
		{"udp big", "p1", false, 17, a("10.0.0.1"), a("10.0.0.2"), 1001, 5001, 0, 1000, 3, 2},
		{"tcp dscp", "p1", false, 6, a("10.0.0.3"), a("10.0.0.4"), 40000, 443, 0xb8 | 0x01, 128, 4, 2},
		{"icmp echo", "p1", false, 1, a("10.0.0.5"), a("10.0.0.6"), 0, 8 << 8, 0, 98, 2, 2},
		{"udp vlan", "p1", true, 17, a("10.1.0.1"), a("10.1.0.2"), 2000, 53, 0, 80, 6, 2},
		{"dropped", "p3", false, 17, a("10.9.0.1"), a("10.9.0.2"), 3000, 9, 0, 70, 7, OVSOutputDrop},
	}
	for _, f := range flows {
		var frames [][]byte
		for i := 0; i < f.n; i++ {
			frames = append(frames, ovsFrame(f.size, f.vlan, f.proto, f.src, f.dst, f.sport, f.dport, f.tos))
		}
		sw.Inject(t, f.inPort, frames...)
	}
	// Deleting the datapath flows makes OVS export their counts.
	sw.Appctl(t, "revalidator/purge")
	col.WaitN(t, 1, 10*time.Second)
	dgrams := col.WaitQuiet(500 * time.Millisecond)

	var recs []V5Record
	var p V5Parser
	sent := uint32(0)
	for _, d := range dgrams {
		h, err := p.Start(d.Data)
		if err != nil {
			t.Fatalf("datagram from %v: %v", d.From, err)
		}
		if h.EngineType != 9 || h.EngineID != 7 || h.SamplingInterval != 0 {
			t.Errorf("header engine %d/%d sampling %d, want 9/7/0", h.EngineType, h.EngineID, h.SamplingInterval)
		}
		if want := V5OVSSequence(sent, int(h.Count)); h.FlowSequence != want {
			t.Errorf("flow_sequence %d, want %d (index of the last record)", h.FlowSequence, want)
		}
		sent += uint32(h.Count)
		for p.Next() {
			recs = append(recs, p.Record())
		}
	}
	key := func(src netip.Addr, sport uint16) string { return src.String() + ":" + strconv.Itoa(int(sport)) }
	byKey := map[string]V5Record{}
	for _, r := range recs {
		k := key(r.SrcAddr, r.SrcPort)
		if old, dup := byKey[k]; dup {
			// A key may be split over records; add them up.
			r.Packets += old.Packets
			r.Octets += old.Octets
		}
		byKey[k] = r
	}
	for _, f := range flows {
		r, ok := byKey[key(f.src, f.sport)]
		if !ok {
			t.Errorf("%s: no record (got %d records)", f.name, len(recs))
			continue
		}
		want := V5Record{
			SrcAddr: f.src, DstAddr: f.dst, NextHop: a("0.0.0.0"),
			Input: map[string]uint16{"p1": 1, "p3": 3}[f.inPort], Output: f.wantOutput,
			Packets: uint32(f.n), Octets: uint32(f.n * f.size),
			SrcPort: f.sport, DstPort: f.dport, Protocol: f.proto, ToS: f.tos &^ 3,
			First: r.First, Last: r.Last,
		}
		if addID {
			want.Input = OVSInterface(7, want.Input)
			want.Output = OVSInterface(7, want.Output)
		}
		if f.proto == 6 {
			want.TCPFlags = 0x02
		}
		if r != want {
			t.Errorf("%s: record\n%+v\nwant\n%+v", f.name, r, want)
		}
		if r.Last < r.First {
			t.Errorf("%s: Last %d < First %d", f.name, r.Last, r.First)
		}
	}
	if len(byKey) != len(flows) {
		keys := make([]string, 0, len(byKey))
		for k := range byKey {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		t.Errorf("%d flow keys exported, want %d: %v", len(byKey), len(flows), keys)
	}
	t.Logf("%d datagrams, %d records", len(dgrams), len(recs))
}
