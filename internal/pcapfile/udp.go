package pcapfile

import (
	"encoding/binary"
	"net/netip"

	"github.com/ovsflow/ovsflow/internal/packet"
)

// UDPPayload finds the UDP datagram in a captured frame whose link-layer
// header is linkType and returns its source and destination and its
// payload, which aliases frame (with its capacity cut to its length). ok is
// false for anything else: a link type other than the LinkType* constants
// of this package, a frame that is not IPv4 or IPv6 carrying UDP, a
// fragment other than the first, or a frame cut inside the IP or UDP
// header.
//
// Ethernet frames may carry 802.1Q, 802.1ad and pre-standard (0x9100) VLAN
// tags, an 802.3 LLC/SNAP header or an MPLS label stack; IPv6 extension
// headers are walked. The payload ends where the UDP length says, or where
// the IP length says, or at the end of the frame, whichever comes first; a
// UDP length of 0 (an IPv6 jumbogram) or below 8 is taken as "to the end".
// Tunnels are not entered: a VXLAN or Geneve datagram is returned as the
// outer UDP payload.
//
// UDPPayload does not allocate.
func UDPPayload(linkType LinkType, frame []byte) (src, dst netip.AddrPort, payload []byte, ok bool) {
	var p packet.Parsed
	var l3 int
	switch linkType {
	case LinkTypeEthernet:
		p.DecodeOuter(frame)
		return udpOf(&p, frame, -1)
	case LinkTypeRaw, LinkTypeLegacyRaw, LinkTypeIPv4, LinkTypeIPv6:
		l3 = 0
	case LinkTypeNull, LinkTypeLoop:
		l3 = 4
	case LinkTypeLinuxSLL:
		l3 = 16
	case LinkTypeLinuxSLL2:
		l3 = 20
	default:
		return
	}
	if len(frame) < l3 {
		return
	}
	// The IP version nibble decides, as for Ethernet's EtherType: the
	// address family of the loopback headers differs between systems.
	ip := frame[l3:]
	p.DecodeIP(ip)
	return udpOf(&p, ip, outerUDP(&p, ip))
}

// outerUDP returns the offset of the outer UDP header when DecodeIP
// descended into a VXLAN or Geneve tunnel (the fields of p then describe
// the inner packet), -1 when there was no tunnel and -2 when the outer
// packet is not UDP (GRE) or its UDP header cannot be located.
func outerUDP(p *packet.Parsed, ip []byte) int {
	t := &p.Tunnel
	switch t.Type {
	case packet.TunnelNone:
		return -1
	case packet.TunnelVXLAN:
		return t.Offset - 16 // UDP header, 8-byte VXLAN header, inner frame
	case packet.TunnelGeneve:
		// The Geneve header is 8 bytes plus its options (a length the
		// header itself holds), so find the UDP header from the front:
		// right after an IPv4 header, or an IPv6 one without extension
		// headers; else search back from the inner packet for the one
		// consistent start.
		switch ip[0] >> 4 {
		case 4:
			return int(ip[0]&0x0f) * 4
		case 6:
			if ip[6] == packet.ProtoUDP {
				return 40
			}
		}
		for k := 63; k >= 0; k-- {
			o := t.Offset - 16 - 4*k
			if o >= 40 && int(ip[o+8]&0x3f) == k && ip[o+8]>>6 == 0 &&
				binary.BigEndian.Uint16(ip[o:]) == t.SrcPort &&
				binary.BigEndian.Uint16(ip[o+2:]) == t.DstPort {
				return o
			}
		}
	}
	return -2
}

// udpOf returns the UDP datagram of a decoded packet. b is the buffer p was
// decoded from; udpOff is the offset of the UDP header when a tunnel was
// entered (see outerUDP), -1 to use p's own fields.
func udpOf(p *packet.Parsed, b []byte, udpOff int) (src, dst netip.AddrPort, payload []byte, ok bool) {
	var sa, da netip.Addr
	var sp, dp uint16
	l3 := p.L3Offset
	switch {
	case udpOff == -1:
		if p.Protocol != packet.ProtoUDP || p.L4Offset == 0 || p.FragFlags&packet.FragLater != 0 {
			return
		}
		udpOff = p.L4Offset
		sa, da, sp, dp = p.Src, p.Dst, p.SrcPort, p.DstPort
	case udpOff >= 0:
		// Raw IP with a UDP tunnel: the outer header starts at 0.
		l3 = 0
		sa, da, sp, dp = p.Tunnel.Src, p.Tunnel.Dst, p.Tunnel.SrcPort, p.Tunnel.DstPort
	default:
		return
	}
	end := len(b)
	// The IP length bounds the datagram when it is shorter than the
	// capture (Ethernet padding); a full header is present since the
	// transport header was found.
	var ipEnd int
	if b[l3]>>4 == 4 {
		ipEnd = l3 + int(binary.BigEndian.Uint16(b[l3+2:]))
	} else if pl := int(binary.BigEndian.Uint16(b[l3+4:])); pl > 0 {
		ipEnd = l3 + 40 + pl
	}
	if ipEnd >= udpOff && ipEnd < end {
		end = ipEnd
	}
	if end-udpOff < 8 {
		return
	}
	if n := int(binary.BigEndian.Uint16(b[udpOff+4:])); n >= 8 && n <= end-udpOff {
		end = udpOff + n
	}
	return netip.AddrPortFrom(sa, sp), netip.AddrPortFrom(da, dp), b[udpOff+8 : end : end], true
}
