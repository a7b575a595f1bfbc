package exporter

import (
	"encoding/binary"
	"net/netip"
)

// Frame builders for tests. Checksums are left zero: neither OVS nor the
// exporter checks them.

type frameSpec struct {
	dst, src [6]byte
	vlan     int // -1 none, else VID (PCP 3)
	ethType  uint16
	src4     netip.Addr
	dst4     netip.Addr
	tos, ttl uint8
	proto    uint8
	sport    uint16
	dport    uint16
	flags    uint8 // TCP
	icmpType uint8
	icmpCode uint8
	payload  int
}

func mac(b byte) [6]byte { return [6]byte{0x02, 0, 0, 0, 0, b} }

var bcastMAC = [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
var mcastMAC = [6]byte{0x01, 0x00, 0x5e, 0x00, 0x00, 0x01}

func buildFrame(s frameSpec) []byte {
	b := append([]byte(nil), s.dst[:]...)
	b = append(b, s.src[:]...)
	if s.vlan >= 0 {
		b = binary.BigEndian.AppendUint16(b, 0x8100)
		b = binary.BigEndian.AppendUint16(b, uint16(3<<13|s.vlan))
	}
	b = binary.BigEndian.AppendUint16(b, s.ethType)
	var l4 []byte
	switch s.proto {
	case 6:
		l4 = binary.BigEndian.AppendUint16(l4, s.sport)
		l4 = binary.BigEndian.AppendUint16(l4, s.dport)
		l4 = append(l4, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, s.flags, 0xff, 0xff, 0, 0, 0, 0)
	case 17:
		l4 = binary.BigEndian.AppendUint16(l4, s.sport)
		l4 = binary.BigEndian.AppendUint16(l4, s.dport)
		l4 = binary.BigEndian.AppendUint16(l4, uint16(8+s.payload))
		l4 = append(l4, 0, 0)
	case 1, 58:
		l4 = append(l4, s.icmpType, s.icmpCode, 0, 0, 0, 0, 0, 1)
	}
	for i := range s.payload {
		l4 = append(l4, byte(i))
	}
	switch s.ethType {
	case 0x0800:
		tot := 20 + len(l4)
		b = append(b, 0x45, s.tos)
		b = binary.BigEndian.AppendUint16(b, uint16(tot))
		b = append(b, 0, 1, 0x40, 0, s.ttl, s.proto, 0, 0)
		a, d := s.src4.As4(), s.dst4.As4()
		b = append(b, a[:]...)
		b = append(b, d[:]...)
		b = append(b, l4...)
	case 0x86dd:
		b = append(b, 0x60|s.tos>>4, s.tos<<4, 0x12, 0x34)
		b = binary.BigEndian.AppendUint16(b, uint16(len(l4)))
		b = append(b, s.proto, s.ttl)
		a, d := s.src4.As16(), s.dst4.As16()
		b = append(b, a[:]...)
		b = append(b, d[:]...)
		b = append(b, l4...)
	case 0x0806:
		b = append(b, 0, 1, 8, 0, 6, 4, 0, 1)
		b = append(b, s.src[:]...)
		a, d := s.src4.As4(), s.dst4.As4()
		b = append(b, a[:]...)
		b = append(b, 0, 0, 0, 0, 0, 0)
		b = append(b, d[:]...)
	}
	for len(b) < 60 {
		b = append(b, 0) // Ethernet minimum
	}
	return b
}

func v4(s string) netip.Addr { return netip.MustParseAddr(s) }

// trafficFrame is one test frame and the port it arrives on.
type trafficFrame struct {
	port  int // index into testPorts
	frame []byte
}

// testPorts are the dummy ports of the parity bridge.
var testPorts = []Port{
	{OFPort: 1, IfIndex: 11, Name: "p1"},
	{OFPort: 2, IfIndex: 12, Name: "p2"},
	{OFPort: 3, IfIndex: 13, Name: "p3"},
}

// testFlows is the OpenFlow table given to OVS; testForward mirrors it.
var testFlows = []string{
	"priority=10,in_port=1,ip,nw_dst=10.0.0.2,actions=output:2",
	"priority=10,in_port=1,ip,nw_dst=10.0.0.3,actions=output:2,output:3",
	"priority=10,in_port=1,ipv6,actions=output:3",
	"priority=10,in_port=1,arp,actions=output:2",
	"priority=10,in_port=2,actions=drop",
	"priority=10,in_port=3,ip,actions=output:1",
	"priority=0,actions=drop",
}

func testForward(in int, frame []byte) []Port {
	et := binary.BigEndian.Uint16(frame[12:])
	off := 14
	if et == 0x8100 {
		et = binary.BigEndian.Uint16(frame[16:])
		off = 18
	}
	switch in {
	case 0:
		switch et {
		case 0x0800:
			dst := netip.AddrFrom4([4]byte(frame[off+16 : off+20]))
			switch dst {
			case v4("10.0.0.2"):
				return []Port{testPorts[1]}
			case v4("10.0.0.3"):
				return []Port{testPorts[1], testPorts[2]}
			}
		case 0x86dd:
			return []Port{testPorts[2]}
		case 0x0806:
			return []Port{testPorts[1]}
		}
	case 2:
		if et == 0x0800 {
			return []Port{testPorts[0]}
		}
	}
	return nil
}

// trafficMix returns a mix of frames: TCP conversations with several flag
// combinations, UDP, ICMP, IPv6, ARP, VLAN-tagged, multicast and broadcast
// destinations, ToS/ECN variants and dropped traffic.
func trafficMix(rounds int) []trafficFrame {
	var out []trafficFrame
	add := func(port int, s frameSpec) {
		if s.ttl == 0 {
			s.ttl = 64
		}
		out = append(out, trafficFrame{port, buildFrame(s)})
	}
	for r := 0; r < rounds; r++ {
		// TCP 10.0.0.1:40000+r%3 -> 10.0.0.2:80, SYN, ACK, PSH|ACK, FIN|ACK
		for _, fl := range []uint8{0x02, 0x10, 0x18, 0x11} {
			add(0, frameSpec{dst: mac(2), src: mac(1), vlan: -1, ethType: 0x0800, src4: v4("10.0.0.1"), dst4: v4("10.0.0.2"), proto: 6, sport: uint16(40000 + r%3), dport: 80, flags: fl, payload: 100 * r % 700})
		}
		// UDP to two outputs, with DSCP and ECN bits.
		add(0, frameSpec{dst: mac(3), src: mac(1), vlan: -1, ethType: 0x0800, src4: v4("10.0.0.1"), dst4: v4("10.0.0.3"), tos: 0xb8 | uint8(r%2), proto: 17, sport: 5353, dport: 53, payload: 32})
		// ICMP echo request and reply (reply from p3 goes back to p1).
		add(0, frameSpec{dst: mac(2), src: mac(1), vlan: -1, ethType: 0x0800, src4: v4("10.0.0.1"), dst4: v4("10.0.0.2"), proto: 1, icmpType: 8, payload: 56})
		add(2, frameSpec{dst: mac(1), src: mac(3), vlan: -1, ethType: 0x0800, src4: v4("10.0.0.3"), dst4: v4("10.0.0.1"), proto: 1, icmpType: 0, payload: 56})
		// Dropped: anything from p2.
		add(1, frameSpec{dst: mac(1), src: mac(2), vlan: -1, ethType: 0x0800, src4: v4("10.0.0.2"), dst4: v4("10.0.0.1"), proto: 17, sport: 123, dport: 123, payload: 48})
		// IPv6 TCP and UDP.
		add(0, frameSpec{dst: mac(3), src: mac(1), vlan: -1, ethType: 0x86dd, src4: netip.MustParseAddr("fd00::1"), dst4: netip.MustParseAddr("fd00::3"), proto: 6, sport: 50000, dport: 443, flags: 0x18, payload: 200, ttl: 64})
		add(0, frameSpec{dst: mcastMAC, src: mac(1), vlan: -1, ethType: 0x86dd, src4: netip.MustParseAddr("fd00::1"), dst4: netip.MustParseAddr("ff02::fb"), proto: 17, sport: 5353, dport: 5353, payload: 40, ttl: 255})
		// VLAN-tagged IPv4 UDP, broadcast ARP.
		add(0, frameSpec{dst: mac(2), src: mac(1), vlan: 100, ethType: 0x0800, src4: v4("10.0.0.1"), dst4: v4("10.0.0.2"), proto: 17, sport: 9999, dport: 4789, payload: 64})
		add(0, frameSpec{dst: bcastMAC, src: mac(1), vlan: -1, ethType: 0x0806, src4: v4("10.0.0.1"), dst4: v4("10.0.0.2")})
		// Multicast IPv4 UDP to 10.0.0.3 (two outputs).
		add(0, frameSpec{dst: mcastMAC, src: mac(1), vlan: -1, ethType: 0x0800, src4: v4("10.0.0.1"), dst4: v4("10.0.0.3"), proto: 17, sport: 7000, dport: 7000, payload: 300})
	}
	return out
}
