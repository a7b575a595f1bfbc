package pcapfile

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"testing"
)

func TestUDPPayload(t *testing.T) {
	pay := []byte("payload")
	u := udpDatagram(1000, 2055, pay)
	v4 := ipv4(17, a4src, a4dst, 0, u)
	v6 := ipv6(17, a6src, a6dst, u)
	s4, d4 := netip.AddrPortFrom(a4src, 1000), netip.AddrPortFrom(a4dst, 2055)
	s6, d6 := netip.AddrPortFrom(a6src, 1000), netip.AddrPortFrom(a6dst, 2055)

	// IPv4 with a 4-byte option (IHL 6).
	v4opt := ipv4(17, a4src, a4dst, 0, append([]byte{1, 1, 1, 0}, u...))
	v4opt[0] = 0x46
	// UDP length larger than the IP packet: the IP length wins.
	longUDP := bytes.Clone(v4)
	binary.BigEndian.PutUint16(longUDP[24:], 200)
	// UDP length 0 (as in an IPv6 jumbogram): to the end of the IP packet.
	zeroUDP := bytes.Clone(v6)
	binary.BigEndian.PutUint16(zeroUDP[44:], 0)
	// IPv6 with hop-by-hop and destination options before UDP.
	ext := append([]byte{60, 0, 1, 4, 0, 0, 0, 0}, 17, 0, 1, 4, 0, 0, 0, 0)
	v6ext := ipv6(0, a6src, a6dst, append(ext, u...))
	// IPv6 fragment header: first fragment (M=1, offset 0), and a later one.
	v6frag1 := ipv6(44, a6src, a6dst, append([]byte{17, 0, 0, 1, 0, 0, 0, 7}, u...))
	v6frag2 := ipv6(44, a6src, a6dst, append([]byte{17, 0, 0, 8, 0, 0, 0, 7}, u...))
	// VXLAN over raw IPv4 and Geneve (with 4 bytes of options) over raw
	// IPv6 with a hop-by-hop header: the outer datagram is returned.
	inner := ether(0x0800, v4)
	vx := append([]byte{0x08, 0, 0, 0, 0, 0, 42, 0}, inner...)
	vxlan := ipv4(17, a4src, a4dst, 0, udpDatagram(3333, 4789, vx))
	gn := append([]byte{0x01, 0, 0x65, 0x58, 0, 0, 42, 0, 1, 2, 3, 4}, inner...)
	geneve6 := ipv6(0, a6src, a6dst, append([]byte{17, 0, 1, 4, 0, 0, 0, 0}, udpDatagram(3334, 6081, gn)...))
	geneve4 := ipv4(17, a4src, a4dst, 0, udpDatagram(3335, 6081, gn))
	gre := ipv4(47, a4src, a4dst, 0, append([]byte{0, 0, 0x08, 0x00}, v4...))
	padded := append(ether(0x0800, ipv4(17, a4src, a4dst, 0, udpDatagram(1000, 2055, []byte{9}))), make([]byte, 20)...)

	tests := []struct {
		name     string
		link     LinkType
		frame    []byte
		src, dst netip.AddrPort
		payload  []byte // nil: ok is false
	}{
		{"ethernet ipv4", LinkTypeEthernet, ether(0x0800, v4), s4, d4, pay},
		{"ethernet ipv6", LinkTypeEthernet, ether(0x86dd, v6), s6, d6, pay},
		{"802.1Q", LinkTypeEthernet, ether(0x0800, v4, 0x8100, 7), s4, d4, pay},
		{"QinQ 802.1ad", LinkTypeEthernet, ether(0x86dd, v6, 0x88a8, 7, 0x8100, 8), s6, d6, pay},
		{"QinQ 0x9100", LinkTypeEthernet, ether(0x0800, v4, 0x9100, 7, 0x8100, 8), s4, d4, pay},
		{"ethernet padding", LinkTypeEthernet, padded, s4, d4, []byte{9}},
		{"MPLS", LinkTypeEthernet, ether(0x8847, append([]byte{0, 0x01, 0x01, 0x40}, v4...)), s4, d4, pay},
		{"ethernet VXLAN not entered", LinkTypeEthernet, ether(0x0800, vxlan), netip.AddrPortFrom(a4src, 3333), netip.AddrPortFrom(a4dst, 4789), vx},
		{"ipv4 options", LinkTypeRaw, v4opt, s4, d4, pay},
		{"udp length beyond ip", LinkTypeRaw, longUDP, s4, d4, pay},
		{"udp length 0", LinkTypeRaw, zeroUDP, s6, d6, pay},
		{"ipv4 first fragment", LinkTypeRaw, ipv4(17, a4src, a4dst, 0x2000, u), s4, d4, pay},
		{"ipv4 later fragment", LinkTypeRaw, ipv4(17, a4src, a4dst, 0x0010, u), s4, d4, nil},
		{"ipv4 ihl 4", LinkTypeRaw, append([]byte{0x44}, v4[1:]...), s4, d4, nil},
		{"ipv6 extension headers", LinkTypeRaw, v6ext, s6, d6, pay},
		{"ipv6 first fragment", LinkTypeRaw, v6frag1, s6, d6, pay},
		{"ipv6 later fragment", LinkTypeRaw, v6frag2, s6, d6, nil},
		{"tcp", LinkTypeRaw, ipv4(6, a4src, a4dst, 0, make([]byte, 20)), s4, d4, nil},
		{"udp header cut", LinkTypeRaw, v4[:25], s4, d4, nil},
		{"ipv4 header cut", LinkTypeRaw, v4[:19], s4, d4, nil},
		{"arp", LinkTypeEthernet, ether(0x0806, make([]byte, 28)), s4, d4, nil},
		{"ethernet cut", LinkTypeEthernet, ether(0x0800, v4)[:13], s4, d4, nil},
		{"empty", LinkTypeRaw, nil, s4, d4, nil},
		{"raw VXLAN", LinkTypeRaw, vxlan, netip.AddrPortFrom(a4src, 3333), netip.AddrPortFrom(a4dst, 4789), vx},
		{"raw Geneve ipv4", LinkTypeRaw, geneve4, netip.AddrPortFrom(a4src, 3335), netip.AddrPortFrom(a4dst, 6081), gn},
		{"raw Geneve ipv6 hop-by-hop", LinkTypeRaw, geneve6, netip.AddrPortFrom(a6src, 3334), netip.AddrPortFrom(a6dst, 6081), gn},
		{"raw GRE", LinkTypeRaw, gre, s4, d4, nil},
		{"legacy raw", LinkTypeLegacyRaw, v4, s4, d4, pay},
		{"ipv4 link", LinkTypeIPv4, v4, s4, d4, pay},
		{"ipv6 link", LinkTypeIPv6, v6, s6, d6, pay},
		{"null", LinkTypeNull, append([]byte{2, 0, 0, 0}, v4...), s4, d4, pay},
		{"loop", LinkTypeLoop, append([]byte{0, 0, 0, 24}, v6...), s6, d6, pay},
		{"null cut", LinkTypeNull, []byte{2, 0, 0}, s4, d4, nil},
		{"linux sll", LinkTypeLinuxSLL, append([]byte{0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00}, v4...), s4, d4, pay},
		{"linux sll2", LinkTypeLinuxSLL2, append([]byte{0x86, 0xdd, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0}, v6...), s6, d6, pay},
		{"linux sll2 cut", LinkTypeLinuxSLL2, make([]byte, 19), s4, d4, nil},
		{"unknown link type", 147, v4, s4, d4, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, dst, payload, ok := UDPPayload(tt.link, tt.frame)
			if ok != (tt.payload != nil) {
				t.Fatalf("UDPPayload(%d, % x) ok = %v, want %v", tt.link, tt.frame, ok, tt.payload != nil)
			}
			if !ok {
				return
			}
			if src != tt.src || dst != tt.dst || !bytes.Equal(payload, tt.payload) {
				t.Errorf("UDPPayload = %v, %v, %q; want %v, %v, %q", src, dst, payload, tt.src, tt.dst, tt.payload)
			}
			if cap(payload) != len(payload) {
				t.Errorf("cap(payload) = %d, want %d", cap(payload), len(payload))
			}
		})
	}
}
