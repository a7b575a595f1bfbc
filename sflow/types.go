package sflow

import (
	"encoding/binary"
	"net/netip"

	"github.com/ovsflow/ovsflow/internal/wire"
)

// Format is an sFlow data format: enterprise<<12 | format number, as it
// appears on the wire in sample and record headers. The same number means
// different things for samples, flow records and counter records.
type Format uint32

// MakeFormat returns the Format of an enterprise and a format number.
func MakeFormat(enterprise, format uint32) Format { return Format(enterprise<<12 | format&0xfff) }

// Enterprise returns the enterprise number (0 for sFlow.org structures).
func (f Format) Enterprise() uint32 { return uint32(f) >> 12 }

// Number returns the format number within the enterprise.
func (f Format) Number() uint32 { return uint32(f) & 0xfff }

// Sample formats (enterprise 0).
const (
	FormatFlowSample            Format = 1 // flow sample
	FormatCounterSample         Format = 2 // counter sample
	FormatExpandedFlowSample    Format = 3 // expanded flow sample
	FormatExpandedCounterSample Format = 4 // expanded counter sample
	FormatDiscardedPacket       Format = 5 // discarded packet
)

// SampleName returns the short name of a sample format ("flow sample"), or
// "" if this package does not know it.
func SampleName(f Format) string {
	switch f {
	case FormatFlowSample:
		return "flow sample"
	case FormatCounterSample:
		return "counter sample"
	case FormatExpandedFlowSample:
		return "expanded flow sample"
	case FormatExpandedCounterSample:
		return "expanded counter sample"
	case FormatDiscardedPacket:
		return "discarded packet"
	}
	return ""
}

// HeaderProtocol is the header_protocol of a sampled header record.
type HeaderProtocol uint32

// Header protocols from the sFlow v5 specification.
const (
	HeaderEthernet   HeaderProtocol = 1  // Ethernet (ISO 8802-3)
	HeaderTokenBus   HeaderProtocol = 2  // ISO 8802-4
	HeaderTokenRing  HeaderProtocol = 3  // ISO 8802-5
	HeaderFDDI       HeaderProtocol = 4  // FDDI
	HeaderFrameRelay HeaderProtocol = 5  // frame relay
	HeaderX25        HeaderProtocol = 6  // X.25
	HeaderPPP        HeaderProtocol = 7  // PPP
	HeaderSMDS       HeaderProtocol = 8  // SMDS
	HeaderAAL5       HeaderProtocol = 9  // AAL5
	HeaderAAL5IP     HeaderProtocol = 10 // AAL5 with IP
	HeaderIPv4       HeaderProtocol = 11 // IPv4 packet
	HeaderIPv6       HeaderProtocol = 12 // IPv6 packet
	HeaderMPLS       HeaderProtocol = 13 // MPLS
	HeaderPOS        HeaderProtocol = 14 // POS (RFC 1662, 2615)
	Header80211MAC   HeaderProtocol = 15 // 802.11 MAC
	Header80211AMPDU HeaderProtocol = 16 // 802.11 A-MPDU
	Header80211AMSDU HeaderProtocol = 17 // 802.11 A-MSDU
)

// SourceClass is the class of an sFlow data source.
type SourceClass uint32

// Data source classes.
const (
	SourceIfIndex        SourceClass = 0 // an interface, by ifIndex
	SourceVLAN           SourceClass = 1 // a VLAN
	SourcePhysicalEntity SourceClass = 2 // a physical entity (Open vSwitch uses 2:1000+sub-agent)
	SourceLogicalEntity  SourceClass = 3 // a logical entity
)

// DataSource identifies what a sample describes. In the compact sample
// formats the class is 8 bits and the index 24 bits; the expanded formats
// carry 32 bits of each.
type DataSource struct {
	Class SourceClass
	Index uint32
}

// Compact returns the 32-bit form class<<24 | index, and false if the
// source does not fit it.
func (s DataSource) Compact() (uint32, bool) {
	if s.Class > 0xff || s.Index > 0xffffff {
		return 0, false
	}
	return uint32(s.Class)<<24 | s.Index, true
}

// DataSourceFromCompact splits a compact source ID.
func DataSourceFromCompact(v uint32) DataSource {
	return DataSource{Class: SourceClass(v >> 24), Index: v & 0xffffff}
}

// InterfaceFormat is the format of a flow sample's input or output
// interface value.
type InterfaceFormat uint32

// Interface formats.
const (
	// InterfaceSingle: Value is an ifIndex (0 unknown, 0x3fffffff
	// internal to the agent).
	InterfaceSingle InterfaceFormat = 0
	// InterfaceDiscarded: the packet was dropped; Value is a
	// [DiscardReason].
	InterfaceDiscarded InterfaceFormat = 1
	// InterfaceMultiple: the packet went out of several interfaces; Value
	// is their number (0 unknown).
	InterfaceMultiple InterfaceFormat = 2
)

// DiscardReason is the reason code of a discarded packet in the output
// interface field (format 1) of a flow sample: an ICMP unreachable code
// (0-15) or one of the values below.
type DiscardReason uint32

// Discard reasons beyond the ICMP codes.
const (
	DiscardUnknown       DiscardReason = 256 // reason unknown (Open vSwitch's 0x40000100)
	DiscardTTLExceeded   DiscardReason = 257
	DiscardACL           DiscardReason = 258
	DiscardNoBufferSpace DiscardReason = 259
	DiscardRED           DiscardReason = 260
	DiscardTrafficShape  DiscardReason = 261
	DiscardPacketTooBig  DiscardReason = 262
)

// Interface is a decoded input or output interface of a flow sample.
type Interface struct {
	Format InterfaceFormat
	Value  uint32
}

// IfIndex returns the ifIndex for [InterfaceSingle].
func (i Interface) IfIndex() (uint32, bool) { return i.Value, i.Format == InterfaceSingle }

// Discarded returns the discard reason for [InterfaceDiscarded].
func (i Interface) Discarded() (DiscardReason, bool) {
	return DiscardReason(i.Value), i.Format == InterfaceDiscarded
}

// Multiple returns the number of output interfaces for
// [InterfaceMultiple] (0 means unknown).
func (i Interface) Multiple() (uint32, bool) { return i.Value, i.Format == InterfaceMultiple }

// Compact returns the 32-bit form format<<30 | value used by the compact
// flow sample, and false if it does not fit.
func (i Interface) Compact() (uint32, bool) {
	if i.Format > 3 || i.Value > 0x3fffffff {
		return 0, false
	}
	return uint32(i.Format)<<30 | i.Value, true
}

// InterfaceFromCompact splits a compact interface value.
func InterfaceFromCompact(v uint32) Interface {
	return Interface{Format: InterfaceFormat(v >> 30), Value: v & 0x3fffffff}
}

// U32List is an XDR array of 32-bit values (MPLS label stacks, BGP
// communities, VLAN stacks), aliasing the datagram when decoded.
type U32List struct {
	b []byte // 4 bytes per element, without the count
}

// MakeU32List returns a list holding vals (it allocates; for building).
func MakeU32List(vals ...uint32) U32List {
	b := make([]byte, 0, 4*len(vals))
	for _, v := range vals {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	return U32List{b: b}
}

// Len returns the number of elements.
func (l U32List) Len() int { return len(l.b) / 4 }

// At returns element i; it panics if i is out of range, like a slice.
func (l U32List) At(i int) uint32 { return binary.BigEndian.Uint32(l.b[4*i:]) }

// AppendTo appends the elements to dst.
func (l U32List) AppendTo(dst []uint32) []uint32 {
	for i := 0; i+4 <= len(l.b); i += 4 {
		dst = append(dst, binary.BigEndian.Uint32(l.b[i:]))
	}
	return dst
}

func (l U32List) xdrSize() int { return 4 + len(l.b) }

func (l U32List) appendXDR(b []byte) []byte {
	b = wire.AppendUint32(b, uint32(len(l.b)/4))
	return append(b, l.b...)
}

// AS path segment types.
const (
	ASPathSet      = 1 // AS_SET
	ASPathSequence = 2 // AS_SEQUENCE
)

// ASPath is the AS path of an extended gateway record: a list of segments,
// aliasing the datagram when decoded.
type ASPath struct {
	n int
	b []byte // encoded segments, without the segment count
}

// Append returns the path with one more segment (it may allocate; for
// building).
func (p ASPath) Append(segType uint32, asns ...uint32) ASPath {
	b := p.b[:len(p.b):len(p.b)]
	b = binary.BigEndian.AppendUint32(b, segType)
	b = binary.BigEndian.AppendUint32(b, uint32(len(asns)))
	for _, a := range asns {
		b = binary.BigEndian.AppendUint32(b, a)
	}
	return ASPath{n: p.n + 1, b: b}
}

// Len returns the number of segments.
func (p ASPath) Len() int { return p.n }

// Segments returns an iterator over the segments:
//
//	for it := p.Segments(); it.Next(); {
//		seg := it.Segment()
//	}
func (p ASPath) Segments() ASPathIter { return ASPathIter{b: p.b} }

func (p ASPath) xdrSize() int { return 4 + len(p.b) }

func (p ASPath) appendXDR(b []byte) []byte {
	b = wire.AppendUint32(b, uint32(p.n))
	return append(b, p.b...)
}

// ASPathSegment is one segment of an [ASPath].
type ASPathSegment struct {
	Type uint32 // ASPathSet or ASPathSequence
	ASNs U32List
}

// ASPathIter walks the segments of an [ASPath] (already validated when the
// record was decoded).
type ASPathIter struct {
	b   []byte
	seg ASPathSegment
}

// Next advances to the next segment.
func (it *ASPathIter) Next() bool {
	if len(it.b) < 8 {
		return false
	}
	n := binary.BigEndian.Uint32(it.b[4:])
	if uint64(n)*4 > uint64(len(it.b)-8) {
		return false
	}
	it.seg = ASPathSegment{Type: binary.BigEndian.Uint32(it.b), ASNs: U32List{b: it.b[8 : 8+4*n]}}
	it.b = it.b[8+4*n:]
	return true
}

// Segment returns the current segment.
func (it *ASPathIter) Segment() ASPathSegment { return it.seg }

// HostAdapter is one adapter of a host adapters record.
type HostAdapter struct {
	IfIndex uint32
	MACs    MACList
}

// MACList is a list of MAC addresses, aliasing the datagram when decoded.
type MACList struct {
	b []byte // 8 bytes per address (6 + XDR padding)
}

// Len returns the number of addresses.
func (l MACList) Len() int { return len(l.b) / 8 }

// At returns address i; it panics if i is out of range.
func (l MACList) At(i int) [6]byte { return [6]byte(l.b[8*i:]) }

// HostAdapterList is the adapter list of a host adapters record,
// aliasing the datagram when decoded.
type HostAdapterList struct {
	n int
	b []byte
}

// Append returns the list with one more adapter (it may allocate; for
// building).
func (l HostAdapterList) Append(ifIndex uint32, macs ...[6]byte) HostAdapterList {
	b := l.b[:len(l.b):len(l.b)]
	b = binary.BigEndian.AppendUint32(b, ifIndex)
	b = binary.BigEndian.AppendUint32(b, uint32(len(macs)))
	for _, m := range macs {
		b = append(b, m[0], m[1], m[2], m[3], m[4], m[5], 0, 0)
	}
	return HostAdapterList{n: l.n + 1, b: b}
}

// Len returns the number of adapters.
func (l HostAdapterList) Len() int { return l.n }

// Adapters returns an iterator over the adapters.
func (l HostAdapterList) Adapters() HostAdapterIter { return HostAdapterIter{b: l.b} }

func (l HostAdapterList) xdrSize() int { return 4 + len(l.b) }

func (l HostAdapterList) appendXDR(b []byte) []byte {
	b = wire.AppendUint32(b, uint32(l.n))
	return append(b, l.b...)
}

// HostAdapterIter walks a [HostAdapterList].
type HostAdapterIter struct {
	b   []byte
	cur HostAdapter
}

// Next advances to the next adapter.
func (it *HostAdapterIter) Next() bool {
	if len(it.b) < 8 {
		return false
	}
	n := binary.BigEndian.Uint32(it.b[4:])
	if uint64(n)*8 > uint64(len(it.b)-8) {
		return false
	}
	it.cur = HostAdapter{IfIndex: binary.BigEndian.Uint32(it.b), MACs: MACList{b: it.b[8 : 8+8*n]}}
	it.b = it.b[8+8*n:]
	return true
}

// Adapter returns the current adapter.
func (it *HostAdapterIter) Adapter() HostAdapter { return it.cur }

// Address types of sFlow addresses.
const (
	addrUnknown = 0
	addrIPv4    = 1
	addrIPv6    = 2
)

// readAddress reads an sFlow address: type, then 0, 4 or 16 bytes.
func readAddress(r *wire.Reader, field string) netip.Addr {
	switch r.Uint32(field) {
	case addrUnknown:
		return netip.Addr{}
	case addrIPv4:
		return r.Addr4(field)
	case addrIPv6:
		return r.Addr16(field)
	}
	if !r.Failed() {
		r.FailAt(r.Offset()-4, field, errAddressType)
	}
	return netip.Addr{}
}

var errAddressType = &wire.Detail{Msg: "address type not 0, 1 or 2", Err: wire.ErrMalformed}

// appendAddress writes an sFlow address: an IPv4 address as type 1, any
// other valid address as type 2 (16 bytes), the zero Addr as type 0.
func appendAddress(b []byte, a netip.Addr) []byte {
	switch {
	case a.Is4():
		b = wire.AppendUint32(b, addrIPv4)
		return wire.AppendAddr4(b, a)
	case a.IsValid():
		b = wire.AppendUint32(b, addrIPv6)
		return wire.AppendAddr16(b, a)
	}
	return wire.AppendUint32(b, addrUnknown)
}

func addressSize(a netip.Addr) int {
	switch {
	case a.Is4():
		return 8
	case a.IsValid():
		return 20
	}
	return 4
}

// readOpaque reads a variable-length XDR opaque or string with its padding.
func readOpaque(r *wire.Reader, field string) []byte {
	n := r.Uint32(field)
	b := r.BytesU32(n, field)
	r.Pad4(len(b), field)
	return b
}

func appendOpaque(b, v []byte) []byte {
	b = wire.AppendUint32(b, uint32(len(v)))
	b = append(b, v...)
	return wire.AppendPad4(b, len(v))
}

// readMAC8 reads a MAC address padded to 8 bytes (XDR opaque[6]).
func readMAC8(r *wire.Reader, field string) [6]byte {
	m := r.MAC(field)
	r.Skip(2, field)
	return m
}

// countError records that count elements of at least size bytes cannot
// fit in what remains of r.
func countError(r *wire.Reader, field string, count uint32) {
	r.FailAt(r.Offset()-4, field, wire.Detailf("count", int64(count), "exceeds the bytes left", wire.ErrTruncated))
}

func readU32List(r *wire.Reader, field string) U32List {
	n := r.Uint32(field)
	if uint64(n)*4 > uint64(r.Len()) {
		if !r.Failed() {
			countError(r, field, n)
		}
		return U32List{}
	}
	return U32List{b: r.Bytes(int(n)*4, field)}
}

func readASPath(r *wire.Reader, field string) ASPath {
	n := r.Uint32(field)
	if uint64(n)*8 > uint64(r.Len()) {
		if !r.Failed() {
			countError(r, field, n)
		}
		return ASPath{}
	}
	rest := r.Rest()
	off := 0
	for range n {
		if len(rest)-off < 8 {
			r.FailAt(r.Offset()+off, field, wire.ErrTruncated)
			return ASPath{}
		}
		c := binary.BigEndian.Uint32(rest[off+4:])
		if uint64(c)*4 > uint64(len(rest)-off-8) {
			r.FailAt(r.Offset()+off+4, field, wire.Detailf("AS count", int64(c), "exceeds the bytes left", wire.ErrTruncated))
			return ASPath{}
		}
		off += 8 + int(c)*4
	}
	return ASPath{n: int(n), b: r.Bytes(off, field)}
}

func readAdapters(r *wire.Reader, field string) HostAdapterList {
	n := r.Uint32(field)
	if uint64(n)*8 > uint64(r.Len()) {
		if !r.Failed() {
			countError(r, field, n)
		}
		return HostAdapterList{}
	}
	rest := r.Rest()
	off := 0
	for range n {
		if len(rest)-off < 8 {
			r.FailAt(r.Offset()+off, field, wire.ErrTruncated)
			return HostAdapterList{}
		}
		c := binary.BigEndian.Uint32(rest[off+4:])
		if uint64(c)*8 > uint64(len(rest)-off-8) {
			r.FailAt(r.Offset()+off+4, field, wire.Detailf("MAC count", int64(c), "exceeds the bytes left", wire.ErrTruncated))
			return HostAdapterList{}
		}
		off += 8 + int(c)*8
	}
	return HostAdapterList{n: int(n), b: r.Bytes(off, field)}
}
