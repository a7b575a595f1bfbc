package packet

import (
	"encoding/binary"
	"net/netip"
)

// EtherType values the parser understands.
const (
	EtherTypeIPv4       = 0x0800
	EtherTypeARP        = 0x0806
	EtherTypeVLAN       = 0x8100 // IEEE 802.1Q customer tag
	EtherTypeQinQ       = 0x88a8 // IEEE 802.1ad service tag
	EtherTypeQinQOld    = 0x9100 // pre-standard QinQ tag
	EtherTypeIPv6       = 0x86dd
	EtherTypeMPLS       = 0x8847
	EtherTypeMPLSMcast  = 0x8848
	EtherTypeTransBridg = 0x6558 // transparent Ethernet bridging (GRE, Geneve)
)

// IP protocol numbers the parser understands.
const (
	ProtoICMP     = 1
	ProtoTCP      = 6
	ProtoUDP      = 17
	ProtoGRE      = 47
	ProtoICMPv6   = 58
	ProtoSCTP     = 132
	protoHopOpts  = 0
	protoRouting  = 43
	protoFragment = 44
	protoESP      = 50
	protoAH       = 51
	protoNoNext   = 59
	protoDstOpts  = 60
	protoMobility = 135
	protoHIP      = 139
	protoShim6    = 140
)

// Well-known UDP ports of the tunnel encapsulations the parser descends into.
const (
	PortVXLAN  = 4789
	PortGeneve = 6081
)

// Limits that bound the work done on one frame.
const (
	// MaxVLANTags is the most VLAN tags read before giving up.
	MaxVLANTags = 8
	// MaxMPLSLabels is the most MPLS labels read before giving up; only
	// the first len(Parsed.MPLSLabels) are kept.
	MaxMPLSLabels = 16
	// MaxIPv6ExtHeaders is the most IPv6 extension headers walked.
	MaxIPv6ExtHeaders = 16
	// MaxTunnelDepth is the most tunnel encapsulations descended into.
	MaxTunnelDepth = 2
)

// TunnelType names a tunnel encapsulation.
type TunnelType uint8

// Tunnel encapsulations.
const (
	TunnelNone TunnelType = iota
	TunnelVXLAN
	TunnelGeneve
	TunnelGRE
)

// String returns the encapsulation's name.
func (t TunnelType) String() string {
	switch t {
	case TunnelNone:
		return "none"
	case TunnelVXLAN:
		return "vxlan"
	case TunnelGeneve:
		return "geneve"
	case TunnelGRE:
		return "gre"
	}
	return "unknown"
}

// Fragment flag bits of [Parsed.FragFlags].
const (
	// FragDontFragment is IPv4's DF bit.
	FragDontFragment = 1 << iota
	// FragMoreFragments is IPv4's MF bit or the IPv6 fragment header's M bit.
	FragMoreFragments
	// FragIsFragment is set when the packet is a fragment: MF set, a
	// non-zero offset, or an IPv6 fragment header.
	FragIsFragment
	// FragLater is set when the fragment offset is not zero: the transport
	// header is not in this fragment.
	FragLater
)

// Tunnel is the outer header of an encapsulated packet.
type Tunnel struct {
	Type TunnelType
	// Src and Dst are the outer IP addresses.
	Src, Dst netip.Addr
	// Protocol is the outer IP protocol (17 for VXLAN and Geneve, 47 for GRE).
	Protocol uint8
	// TTL and TOS are the outer IPv4 TTL and ToS (or IPv6 hop limit and
	// traffic class).
	TTL, TOS uint8
	// SrcPort and DstPort are the outer UDP ports (0 for GRE).
	SrcPort, DstPort uint16
	// VNI is the VXLAN or Geneve network identifier or the GRE key.
	VNI uint32
	// HasVNI reports whether VNI was present (a GRE header without the key
	// bit has none).
	HasVNI bool
	// Offset is the offset in the frame of the encapsulated packet.
	Offset int
}

// Parsed is a decoded packet header. Its fields describe the innermost
// packet decoded; when the frame is a VXLAN, Geneve or GRE encapsulation,
// Tunnel holds the outer header (see [Parsed.Decode]). Parsed holds no
// slices: it never aliases the frame and is comparable with ==.
//
// Fields the frame does not carry are zero.
type Parsed struct {
	// FrameLen is the length of the decoded bytes (len(frame)).
	FrameLen int
	// Truncated reports that the frame ended inside a header the parser
	// was reading (typical of sampled headers, cut at 128 bytes): the fields
	// before the cut are filled, the rest are zero.
	Truncated bool

	// DstMAC and SrcMAC are the Ethernet addresses.
	DstMAC, SrcMAC [6]byte
	// HasVLAN reports that at least one 802.1Q/802.1ad tag was present.
	HasVLAN bool
	// VLANID and VLANPCP come from the outermost tag.
	VLANID  uint16
	VLANPCP uint8
	// InnerVLANID is the VLAN ID of the second tag (QinQ), if any.
	InnerVLANID uint16
	// VLANTags is the number of tags read.
	VLANTags uint8
	// EtherType is the type after the VLAN tags (0x8847 for MPLS; 0 for an
	// 802.3 frame without SNAP).
	EtherType uint16

	// MPLSLabels holds the first MPLS label stack entries (label<<12 |
	// TC<<9 | S<<8 | TTL), top first; MPLSCount is how many were read.
	MPLSLabels [3]uint32
	MPLSCount  uint8

	// IPVersion is 4, 6 or 0 (no IP header).
	IPVersion uint8
	// TTL is the IPv4 TTL or IPv6 hop limit.
	TTL uint8
	// TOS is the IPv4 type of service or IPv6 traffic class.
	TOS uint8
	// FlowLabel is the IPv6 flow label.
	FlowLabel uint32
	// Protocol is the IPv4 protocol or the IPv6 upper-layer next header
	// (after extension headers).
	Protocol uint8
	// Src and Dst are the IP addresses.
	Src, Dst netip.Addr
	// IPLength is the IPv4 total length or IPv6 payload length + 40, as
	// the header says (not what was captured).
	IPLength uint16
	// FragFlags holds the Frag* bits; FragOffset is in bytes and FragID is
	// the IPv4 identification or IPv6 fragment identification.
	FragFlags  uint8
	FragOffset uint16
	FragID     uint32

	// SrcPort and DstPort are the TCP, UDP or SCTP ports.
	SrcPort, DstPort uint16
	// ICMPType and ICMPCode are set for ICMP and ICMPv6.
	ICMPType, ICMPCode uint8
	// TCPFlags holds the nine TCP flag bits (NS CWR ECE URG ACK PSH RST SYN FIN).
	TCPFlags uint16

	// L3Offset and L4Offset are the offsets of the (innermost) IP and
	// transport headers, 0 when absent.
	L3Offset, L4Offset int

	// Tunnel is the outermost encapsulation; Tunnel.Type is TunnelNone for
	// plain packets.
	Tunnel Tunnel
}

// Decode resets p and fills it from an Ethernet frame, descending into
// VXLAN (UDP 4789), Geneve (UDP 6081) and GRE encapsulations: the outer IP
// and UDP fields move to p.Tunnel and the main fields describe the inner
// packet (an encapsulated Ethernet frame replaces the MACs and VLAN fields).
// Decode never fails: a frame that ends early sets p.Truncated and keeps
// what was read; an unknown EtherType or protocol simply ends the walk. It
// does not allocate.
func (p *Parsed) Decode(frame []byte) {
	*p = Parsed{FrameLen: len(frame)}
	p.ethernet(frame, 0, MaxTunnelDepth)
}

// DecodeOuter is [Parsed.Decode] without descending into tunnels: the main
// fields describe the outer packet, as a switch keys a frame that did not
// arrive on a tunnel port, and p.Tunnel stays zero.
func (p *Parsed) DecodeOuter(frame []byte) {
	*p = Parsed{FrameLen: len(frame)}
	p.ethernet(frame, 0, 0)
}

// DecodeIP resets p and fills it from a packet that starts with an IPv4 or
// IPv6 header (sFlow header protocols 11 and 12), chosen by the version
// nibble.
func (p *Parsed) DecodeIP(pkt []byte) {
	*p = Parsed{FrameLen: len(pkt)}
	p.ip(pkt, 0, MaxTunnelDepth)
}

// resetL2 zeroes the fields ethernet fills but the MACs, before an
// encapsulated frame is decoded over an outer one.
func (p *Parsed) resetL2() {
	p.HasVLAN, p.VLANID, p.VLANPCP, p.InnerVLANID, p.VLANTags = false, 0, 0, 0, 0
	p.MPLSLabels, p.MPLSCount, p.EtherType = [3]uint32{}, 0, 0
}

// ethernet expects the L2 fields but the MACs to be zero, as they are
// from Decode; the tunnel paths call resetL2 first.
func (p *Parsed) ethernet(b []byte, off, depth int) {
	if len(b)-off < 14 {
		p.Truncated = true
		if len(b)-off >= 12 {
			p.DstMAC = [6]byte(b[off:])
			p.SrcMAC = [6]byte(b[off+6:])
		}
		return
	}
	eh := (*[14]byte)(b[off : off+14])
	p.DstMAC = [6]byte(eh[0:6])
	p.SrcMAC = [6]byte(eh[6:12])
	et := binary.BigEndian.Uint16(eh[12:14])
	off += 14
	for et == EtherTypeVLAN || et == EtherTypeQinQ || et == EtherTypeQinQOld {
		if p.VLANTags == MaxVLANTags {
			return
		}
		if len(b)-off < 4 {
			p.Truncated = true
			return
		}
		tci := binary.BigEndian.Uint16(b[off:])
		switch p.VLANTags {
		case 0:
			p.HasVLAN = true
			p.VLANID = tci & 0x0fff
			p.VLANPCP = uint8(tci >> 13)
		case 1:
			p.InnerVLANID = tci & 0x0fff
		}
		p.VLANTags++
		et = binary.BigEndian.Uint16(b[off+2:])
		off += 4
	}
	if et < 0x0600 {
		// 802.3 length field: look for LLC/SNAP with an EtherType.
		if len(b)-off < 8 {
			if len(b)-off < 3 || b[off] == 0xaa && b[off+1] == 0xaa && b[off+2] == 0x03 {
				p.Truncated = true
			}
			p.EtherType = 0
			return
		}
		if b[off] != 0xaa || b[off+1] != 0xaa || b[off+2] != 0x03 {
			p.EtherType = 0
			return
		}
		et = binary.BigEndian.Uint16(b[off+6:])
		off += 8
	}
	p.EtherType = et
	switch et {
	case EtherTypeIPv4, EtherTypeIPv6:
		if et == EtherTypeIPv4 && p.ipv4Fast(b, off, depth) {
			return
		}
		p.ip(b, off, depth)
	case EtherTypeMPLS, EtherTypeMPLSMcast:
		p.mpls(b, off, depth)
	}
}

func (p *Parsed) mpls(b []byte, off, depth int) {
	for i := 0; ; i++ {
		if i == MaxMPLSLabels {
			return
		}
		if len(b)-off < 4 {
			p.Truncated = true
			return
		}
		e := binary.BigEndian.Uint32(b[off:])
		if int(p.MPLSCount) < len(p.MPLSLabels) {
			p.MPLSLabels[p.MPLSCount] = e
		}
		if p.MPLSCount < 255 {
			p.MPLSCount++
		}
		off += 4
		if e&0x100 != 0 { // bottom of stack
			break
		}
	}
	// No protocol field after the stack: guess IP by the version nibble.
	if len(b)-off < 1 {
		p.Truncated = true
		return
	}
	switch b[off] >> 4 {
	case 4, 6:
		p.ip(b, off, depth)
	}
}

// ip decodes an IPv4 or IPv6 header chosen by its version nibble.
func (p *Parsed) ip(b []byte, off, depth int) {
	if len(b)-off < 1 {
		p.Truncated = true
		return
	}
	switch b[off] >> 4 {
	case 4:
		p.ipv4(b, off, depth)
	case 6:
		p.ipv6(b, off, depth)
	}
}

func (p *Parsed) resetL3() {
	p.IPVersion, p.TTL, p.TOS, p.FlowLabel, p.Protocol = 0, 0, 0, 0, 0
	p.Src, p.Dst = netip.Addr{}, netip.Addr{}
	p.IPLength, p.FragFlags, p.FragOffset, p.FragID = 0, 0, 0, 0
	p.SrcPort, p.DstPort, p.ICMPType, p.ICMPCode, p.TCPFlags = 0, 0, 0, 0, 0
	p.L3Offset, p.L4Offset = 0, 0
}

// ipv4 and ipv6 expect the L3 and L4 fields to be zero: Decode starts
// from a zero Parsed and the tunnel paths call resetL3 before descending.
func (p *Parsed) ipv4(b []byte, off, depth int) {
	p.L3Offset = off
	p.IPVersion = 4
	h := b[off:]
	if len(h) < 20 {
		p.Truncated = true
		if len(h) >= 2 {
			p.TOS = h[1]
		}
		if len(h) >= 9 {
			p.TTL = h[8]
		}
		if len(h) >= 10 {
			p.Protocol = h[9]
		}
		if len(h) >= 16 {
			p.Src = netip.AddrFrom4([4]byte(h[12:16]))
		}
		return
	}
	ihl := int(h[0]&0x0f) * 4
	p.TOS = h[1]
	p.IPLength = binary.BigEndian.Uint16(h[2:])
	p.FragID = uint32(binary.BigEndian.Uint16(h[4:]))
	ff := binary.BigEndian.Uint16(h[6:])
	p.TTL = h[8]
	p.Protocol = h[9]
	p.Src = netip.AddrFrom4([4]byte(h[12:16]))
	p.Dst = netip.AddrFrom4([4]byte(h[16:20]))
	p.FragOffset = (ff & 0x1fff) * 8
	if ff&0x4000 != 0 {
		p.FragFlags |= FragDontFragment
	}
	if ff&0x2000 != 0 {
		p.FragFlags |= FragMoreFragments | FragIsFragment
	}
	if p.FragOffset != 0 {
		p.FragFlags |= FragIsFragment | FragLater
	}
	if ihl < 20 {
		return // malformed header length: no transport header to find
	}
	if len(h) < ihl {
		p.Truncated = true
		return
	}
	if p.FragFlags&FragLater != 0 {
		return
	}
	p.transport(b, off+ihl, depth)
}

// ipv4Fast is ipv4 for the common case, an IPv4 header without options
// that is not a fragment, followed by at least 20 bytes: one length check
// instead of one per header, and a TCP header decoded in place. It fills
// exactly what ipv4 and transport would; it reports false, changing
// nothing, for any other packet.
func (p *Parsed) ipv4Fast(b []byte, off, depth int) bool {
	if off < 0 || off > len(b) || len(b)-off < 40 {
		return false
	}
	h := (*[40]byte)(b[off : off+40])
	ff := binary.BigEndian.Uint16(h[6:8])
	if h[0] != 0x45 || ff&0x3fff != 0 {
		return false
	}
	p.L3Offset = off
	p.IPVersion = 4
	p.TOS = h[1]
	p.IPLength = binary.BigEndian.Uint16(h[2:4])
	p.FragID = uint32(binary.BigEndian.Uint16(h[4:6]))
	p.TTL = h[8]
	p.Protocol = h[9]
	p.Src = netip.AddrFrom4([4]byte(h[12:16]))
	p.Dst = netip.AddrFrom4([4]byte(h[16:20]))
	if ff&0x4000 != 0 {
		p.FragFlags = FragDontFragment
	}
	if h[9] != ProtoTCP {
		p.transport(b, off+20, depth)
		return true
	}
	p.L4Offset = off + 20
	p.SrcPort = binary.BigEndian.Uint16(h[20:22])
	p.DstPort = binary.BigEndian.Uint16(h[22:24])
	p.TCPFlags = uint16(h[32]&1)<<8 | uint16(h[33])
	if len(b)-off-20 < int(h[32]>>4)*4 {
		p.Truncated = true
	}
	return true
}

func (p *Parsed) ipv6(b []byte, off, depth int) {
	p.L3Offset = off
	p.IPVersion = 6
	h := b[off:]
	if len(h) < 40 {
		p.Truncated = true
		if len(h) >= 4 {
			w := binary.BigEndian.Uint32(h)
			p.TOS = uint8(w >> 20)
			p.FlowLabel = w & 0xfffff
		}
		if len(h) >= 7 {
			p.Protocol = h[6]
		}
		if len(h) >= 8 {
			p.TTL = h[7]
		}
		if len(h) >= 24 {
			p.Src = netip.AddrFrom16([16]byte(h[8:24]))
		}
		return
	}
	w := binary.BigEndian.Uint32(h)
	p.TOS = uint8(w >> 20)
	p.FlowLabel = w & 0xfffff
	p.IPLength = binary.BigEndian.Uint16(h[4:]) + 40
	next := h[6]
	p.TTL = h[7]
	p.Src = netip.AddrFrom16([16]byte(h[8:24]))
	p.Dst = netip.AddrFrom16([16]byte(h[24:40]))
	p.Protocol = next
	off += 40
	for i := 0; ; i++ {
		switch next {
		case protoHopOpts, protoRouting, protoDstOpts, protoMobility, protoHIP, protoShim6:
			if i == MaxIPv6ExtHeaders {
				return
			}
			if len(b)-off < 2 {
				p.Truncated = true
				return
			}
			n := (int(b[off+1]) + 1) * 8
			next = b[off]
			p.Protocol = next
			if len(b)-off < n {
				p.Truncated = true
				return
			}
			off += n
		case protoAH:
			if i == MaxIPv6ExtHeaders {
				return
			}
			if len(b)-off < 2 {
				p.Truncated = true
				return
			}
			n := (int(b[off+1]) + 2) * 4
			next = b[off]
			p.Protocol = next
			if len(b)-off < n {
				p.Truncated = true
				return
			}
			off += n
		case protoFragment:
			if i == MaxIPv6ExtHeaders {
				return
			}
			if len(b)-off < 8 {
				p.Truncated = true
				if len(b)-off >= 1 {
					p.Protocol = b[off]
				}
				p.FragFlags |= FragIsFragment
				return
			}
			next = b[off]
			p.Protocol = next
			fo := binary.BigEndian.Uint16(b[off+2:])
			p.FragOffset = fo &^ 7
			p.FragFlags |= FragIsFragment
			if fo&1 != 0 {
				p.FragFlags |= FragMoreFragments
			}
			if p.FragOffset != 0 {
				p.FragFlags |= FragLater
			}
			p.FragID = binary.BigEndian.Uint32(b[off+4:])
			off += 8
			if p.FragOffset != 0 {
				return
			}
		default:
			p.transport(b, off, depth)
			return
		}
	}
}

// transport decodes the header of p.Protocol at off.
func (p *Parsed) transport(b []byte, off, depth int) {
	h := b[off:]
	switch p.Protocol {
	case ProtoTCP:
		p.L4Offset = off
		if len(h) >= 4 {
			p.SrcPort = binary.BigEndian.Uint16(h)
			p.DstPort = binary.BigEndian.Uint16(h[2:])
		}
		if len(h) >= 14 {
			p.TCPFlags = uint16(h[12]&1)<<8 | uint16(h[13])
		}
		if len(h) < 20 || len(h) < int(h[12]>>4)*4 {
			p.Truncated = true
		}
	case ProtoUDP:
		p.L4Offset = off
		if len(h) >= 4 {
			p.SrcPort = binary.BigEndian.Uint16(h)
			p.DstPort = binary.BigEndian.Uint16(h[2:])
		}
		if len(h) < 8 {
			p.Truncated = true
			return
		}
		if depth > 0 {
			switch p.DstPort {
			case PortVXLAN:
				p.vxlan(b, off+8, depth)
			case PortGeneve:
				p.geneve(b, off+8, depth)
			}
		}
	case ProtoSCTP:
		p.L4Offset = off
		if len(h) >= 4 {
			p.SrcPort = binary.BigEndian.Uint16(h)
			p.DstPort = binary.BigEndian.Uint16(h[2:])
		}
		if len(h) < 12 {
			p.Truncated = true
		}
	case ProtoICMP, ProtoICMPv6:
		p.L4Offset = off
		if len(h) >= 2 {
			p.ICMPType = h[0]
			p.ICMPCode = h[1]
		}
		if len(h) < 8 { // type, code, checksum, rest of header
			p.Truncated = true
		}
	case ProtoGRE:
		p.L4Offset = off
		if depth > 0 {
			p.gre(b, off, depth)
		}
	}
}

// enter moves the outer IP/UDP fields to p.Tunnel (the outermost
// encapsulation wins) before the inner packet is decoded.
func (p *Parsed) enter(t TunnelType, vni uint32, hasVNI bool, inner int) {
	if p.Tunnel.Type != TunnelNone {
		return
	}
	p.Tunnel = Tunnel{
		Type: t, Src: p.Src, Dst: p.Dst, Protocol: p.Protocol, TTL: p.TTL, TOS: p.TOS,
		SrcPort: p.SrcPort, DstPort: p.DstPort, VNI: vni, HasVNI: hasVNI, Offset: inner,
	}
}

func (p *Parsed) vxlan(b []byte, off, depth int) {
	if len(b)-off < 8 {
		p.Truncated = true
		return
	}
	if b[off]&0x08 == 0 { // I flag: not VXLAN as we know it
		return
	}
	vni := binary.BigEndian.Uint32(b[off+4:]) >> 8
	p.enter(TunnelVXLAN, vni, true, off+8)
	p.resetL3()
	p.resetL2()
	p.ethernet(b, off+8, depth-1)
}

func (p *Parsed) geneve(b []byte, off, depth int) {
	if len(b)-off < 8 {
		p.Truncated = true
		return
	}
	if b[off]>>6 != 0 { // version 0 only
		return
	}
	optLen := int(b[off]&0x3f) * 4
	proto := binary.BigEndian.Uint16(b[off+2:])
	vni := binary.BigEndian.Uint32(b[off+4:]) >> 8
	inner := off + 8 + optLen
	if len(b) < inner {
		p.Truncated = true
		return
	}
	p.encapsulated(TunnelGeneve, proto, vni, true, b, inner, depth)
}

func (p *Parsed) gre(b []byte, off, depth int) {
	if len(b)-off < 4 {
		p.Truncated = true
		return
	}
	fl := binary.BigEndian.Uint16(b[off:])
	if fl&0x7 != 0 { // version 0 only (1 is PPTP's enhanced GRE)
		return
	}
	proto := binary.BigEndian.Uint16(b[off+2:])
	n := off + 4
	if fl&0x8000 != 0 { // checksum present
		n += 4
	}
	var key uint32
	hasKey := fl&0x2000 != 0
	if hasKey {
		if len(b)-n < 4 {
			p.Truncated = true
			return
		}
		key = binary.BigEndian.Uint32(b[n:])
		n += 4
	}
	if fl&0x1000 != 0 { // sequence number present
		n += 4
	}
	if len(b) < n {
		p.Truncated = true
		return
	}
	p.encapsulated(TunnelGRE, proto, key, hasKey, b, n, depth)
}

// encapsulated decodes a payload identified by an EtherType (GRE, Geneve).
func (p *Parsed) encapsulated(t TunnelType, proto uint16, vni uint32, hasVNI bool, b []byte, inner, depth int) {
	switch proto {
	case EtherTypeTransBridg:
		p.enter(t, vni, hasVNI, inner)
		p.resetL3()
		p.resetL2()
		p.ethernet(b, inner, depth-1)
	case EtherTypeIPv4, EtherTypeIPv6:
		p.enter(t, vni, hasVNI, inner)
		p.EtherType = proto
		p.resetL3()
		p.ip(b, inner, depth-1)
	case EtherTypeMPLS, EtherTypeMPLSMcast:
		p.enter(t, vni, hasVNI, inner)
		p.resetL3()
		p.MPLSLabels, p.MPLSCount, p.EtherType = [3]uint32{}, 0, proto
		p.mpls(b, inner, depth-1)
	}
}
