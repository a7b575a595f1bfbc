package netflow

import (
	"encoding/binary"
	"net/netip"
	"time"

	"github.com/ovsflow/ovsflow/internal/wire"
)

// NetFlow v5 wire sizes and limits.
const (
	// V5HeaderLen is the length of a NetFlow v5 header in bytes.
	V5HeaderLen = 24
	// V5RecordLen is the length of a NetFlow v5 flow record in bytes.
	V5RecordLen = 48
	// V5MaxRecords is the largest record count a v5 datagram may carry.
	V5MaxRecords = 30
	// V5MaxLen is the length of a v5 datagram holding V5MaxRecords records.
	V5MaxLen = V5HeaderLen + V5MaxRecords*V5RecordLen
)

// Output interface values that Open vSwitch writes into [V5Record.Output]
// instead of an OpenFlow port number.
//
// OVSOutputMultiple has the same value as OpenFlow's OFPP_LOCAL, so a flow
// sent only to the bridge's local port cannot be told apart from a flow
// sent to several ports.
const (
	// OVSOutputDrop marks a flow that was dropped or had no output
	// action. Traffic of OVN, where every packet is recirculated through
	// conntrack before an output action, carries it almost always.
	OVSOutputDrop uint16 = 65533
	// OVSOutputMultiple marks a flow output to more than one port.
	OVSOutputMultiple uint16 = 65534
	// OVSOutputFlood marks a flow that was flooded (FLOOD, ALL, or
	// NORMAL flooding an unknown destination).
	OVSOutputFlood uint16 = 65535
)

// V5Header is the 24-byte header of a NetFlow v5 datagram.
//
// Open vSwitch fills it as follows: SysUptime counts milliseconds since
// the bridge's NetFlow exporter was created (not since the host booted);
// UnixSecs and UnixNsecs are the wall clock when the first record of the
// datagram was added; FlowSequence is the zero-based index of the LAST
// record in the datagram over the exporter's life (see [V5OVSSequence]),
// where Cisco sends the number of records exported before this datagram
// (see [V5Sequence]); EngineType and EngineID are the configured
// NetFlow.engine_type and engine_id, or a per-datapath default;
// SamplingInterval is always 0.
type V5Header struct {
	// Count is the number of records (0 to 30). Decoding fills it from
	// the wire; [V5Builder] sets it, [V5Header.AppendTo] writes it as is.
	Count uint16
	// SysUptime is the exporter's uptime in milliseconds.
	SysUptime uint32
	// UnixSecs and UnixNsecs are the export time.
	UnixSecs  uint32
	UnixNsecs uint32
	// FlowSequence is the sequence number; its meaning depends on the
	// exporter (see the type's doc).
	FlowSequence uint32
	// EngineType and EngineID identify the flow-switching engine.
	EngineType uint8
	EngineID   uint8
	// SamplingInterval holds the sampling mode in its top 2 bits and the
	// interval in its low 14 bits; see SamplingMode and SamplingRate.
	SamplingInterval uint16
}

// Time returns the export time UnixSecs/UnixNsecs.
func (h V5Header) Time() time.Time { return time.Unix(int64(h.UnixSecs), int64(h.UnixNsecs)) }

// UptimeTime converts a time stamp in exporter uptime milliseconds, such
// as [V5Record.First] and [V5Record.Last], to wall-clock time, using the
// header's SysUptime and export time. The uptime counter is taken to wrap
// at 2^32 ms.
func (h V5Header) UptimeTime(ms uint32) time.Time {
	return h.Time().Add(-time.Duration(h.SysUptime-ms) * time.Millisecond)
}

// SamplingMode returns the top 2 bits of SamplingInterval.
func (h V5Header) SamplingMode() uint8 { return uint8(h.SamplingInterval >> 14) }

// SamplingRate returns the low 14 bits of SamplingInterval: 1 out of this
// many packets was sampled (0 means not sampled).
func (h V5Header) SamplingRate() uint16 { return h.SamplingInterval & 0x3fff }

// AppendTo appends the 24-byte wire form of h (version 5) to b.
func (h V5Header) AppendTo(b []byte) []byte {
	b = append(b, 0, 5, byte(h.Count>>8), byte(h.Count))
	b = binary.BigEndian.AppendUint32(b, h.SysUptime)
	b = binary.BigEndian.AppendUint32(b, h.UnixSecs)
	b = binary.BigEndian.AppendUint32(b, h.UnixNsecs)
	b = binary.BigEndian.AppendUint32(b, h.FlowSequence)
	return append(b, h.EngineType, h.EngineID, byte(h.SamplingInterval>>8), byte(h.SamplingInterval))
}

// AppendBinary implements [encoding.BinaryAppender]; it never fails.
func (h V5Header) AppendBinary(b []byte) ([]byte, error) { return h.AppendTo(b), nil }

// MarshalBinary implements [encoding.BinaryMarshaler].
func (h V5Header) MarshalBinary() ([]byte, error) {
	return h.AppendTo(make([]byte, 0, V5HeaderLen)), nil
}

// V5Record is one 48-byte NetFlow v5 flow record. The two padding fields of
// the wire format are not kept; encoding writes them as zero.
//
// Open vSwitch fills it as follows: only IPv4 flows are exported; NextHop,
// SrcAS, DstAS, SrcMask and DstMask are 0; Input and Output are OpenFlow
// port numbers (not ifindexes), Output may be one of [OVSOutputDrop],
// [OVSOutputMultiple] or [OVSOutputFlood], and with the bridge option
// add_id_to_interface both carry the engine ID as well (see
// [OVSInterface]); Octets counts whole Ethernet frames including the
// 802.1Q tag but not the FCS; First keeps the time the flow was first seen
// across active-timeout exports; ToS has its ECN bits cleared; for ICMP
// SrcPort is 0 and DstPort is type<<8 | code.
type V5Record struct {
	// SrcAddr, DstAddr and NextHop are IPv4 addresses.
	SrcAddr netip.Addr
	DstAddr netip.Addr
	NextHop netip.Addr
	// Input and Output are SNMP interface indexes (OpenFlow ports for OVS).
	Input  uint16
	Output uint16
	// Packets and Octets are the packet and byte counts (dPkts, dOctets).
	Packets uint32
	Octets  uint32
	// First and Last are the exporter's SysUptime, in milliseconds, at the
	// first and last packet of the flow; see [V5Header.UptimeTime].
	First uint32
	Last  uint32
	// SrcPort and DstPort are the transport ports.
	SrcPort uint16
	DstPort uint16
	// TCPFlags is the OR of the TCP flags seen.
	TCPFlags uint8
	// Protocol is the IP protocol number.
	Protocol uint8
	// ToS is the IP type-of-service byte.
	ToS uint8
	// SrcAS and DstAS are autonomous system numbers.
	SrcAS uint16
	DstAS uint16
	// SrcMask and DstMask are prefix lengths.
	SrcMask uint8
	DstMask uint8
}

// AppendTo appends the 48-byte wire form of r to b. An address that is not
// IPv4 (or IPv4-mapped IPv6) is written as 0.0.0.0.
func (r V5Record) AppendTo(b []byte) []byte {
	b = wire.AppendAddr4(b, r.SrcAddr)
	b = wire.AppendAddr4(b, r.DstAddr)
	b = wire.AppendAddr4(b, r.NextHop)
	b = append(b, byte(r.Input>>8), byte(r.Input), byte(r.Output>>8), byte(r.Output))
	b = binary.BigEndian.AppendUint32(b, r.Packets)
	b = binary.BigEndian.AppendUint32(b, r.Octets)
	b = binary.BigEndian.AppendUint32(b, r.First)
	b = binary.BigEndian.AppendUint32(b, r.Last)
	b = append(b, byte(r.SrcPort>>8), byte(r.SrcPort), byte(r.DstPort>>8), byte(r.DstPort),
		0, r.TCPFlags, r.Protocol, r.ToS,
		byte(r.SrcAS>>8), byte(r.SrcAS), byte(r.DstAS>>8), byte(r.DstAS),
		r.SrcMask, r.DstMask, 0, 0)
	return b
}

// AppendBinary implements [encoding.BinaryAppender]; it never fails.
func (r V5Record) AppendBinary(b []byte) ([]byte, error) { return r.AppendTo(b), nil }

// MarshalBinary implements [encoding.BinaryMarshaler].
func (r V5Record) MarshalBinary() ([]byte, error) {
	return r.AppendTo(make([]byte, 0, V5RecordLen)), nil
}

// V5Parser decodes NetFlow v5 datagrams. Its zero value is ready to use;
// reuse one parser for many datagrams:
//
//	var p netflow.V5Parser
//	hdr, err := p.Start(pkt)
//	for p.Next() {
//		rec := p.Record()
//		…
//	}
//
// Start checks the whole datagram (version, count ≤ 30, length), so once
// it succeeds Next cannot fail and Err stays nil. Bytes after the last
// record are ignored. Records are values and do not alias the datagram. A
// V5Parser is safe to copy (the copy continues independently) but not for
// concurrent use.
type V5Parser struct {
	recs []byte // the records, a multiple of 48 bytes
	// next is the offset in recs of the record after the current one:
	// the current record is recs[next-48:next] when 48 <= next <=
	// len(recs) (0 before the first Next, past len(recs) after the last).
	next int
	err  error
}

// Start begins decoding pkt and returns its header. It fails with an error
// wrapping [ErrTruncated], [ErrVersion] or [ErrMalformed] (count above 30),
// and then Next returns false and Err returns the same error.
func (p *V5Parser) Start(pkt []byte) (V5Header, error) {
	*p = V5Parser{}
	if len(pkt) < V5HeaderLen {
		p.err = &ParseError{Offset: len(pkt), Field: "netflow: v5 header", Err: ErrTruncated}
		return V5Header{}, p.err
	}
	be := binary.BigEndian
	if v := be.Uint16(pkt); v != 5 {
		p.err = &ParseError{Offset: 0, Field: "netflow: v5 version", Err: wire.Detailf("version", int64(v), "!= 5", ErrVersion)}
		return V5Header{}, p.err
	}
	h := V5Header{
		Count:            be.Uint16(pkt[2:]),
		SysUptime:        be.Uint32(pkt[4:]),
		UnixSecs:         be.Uint32(pkt[8:]),
		UnixNsecs:        be.Uint32(pkt[12:]),
		FlowSequence:     be.Uint32(pkt[16:]),
		EngineType:       pkt[20],
		EngineID:         pkt[21],
		SamplingInterval: be.Uint16(pkt[22:]),
	}
	if h.Count > V5MaxRecords {
		p.err = &ParseError{Offset: 2, Field: "netflow: v5 count", Err: wire.Detailf("count", int64(h.Count), "> 30", ErrMalformed)}
		return h, p.err
	}
	n := int(h.Count) * V5RecordLen
	if rest := len(pkt) - V5HeaderLen; rest < n {
		p.err = &ParseError{Offset: V5HeaderLen + rest/V5RecordLen*V5RecordLen,
			Field: "netflow: v5 record", Err: ErrTruncated}
		return h, p.err
	}
	p.recs = pkt[V5HeaderLen : V5HeaderLen+n]
	return h, nil
}

// Next advances to the next record and reports whether there was one.
func (p *V5Parser) Next() bool {
	// Only an integer changes: no pointer stores.
	n := p.next + V5RecordLen
	if n <= len(p.recs) {
		p.next = n
		return true
	}
	if p.next <= len(p.recs) {
		p.next = len(p.recs) + V5RecordLen // no current record
	}
	return false
}

// Record decodes the current record; it returns the zero V5Record before
// the first Next and after Next returned false.
func (p *V5Parser) Record() (r V5Record) {
	n := p.next
	if n < V5RecordLen || n > len(p.recs) {
		return r
	}
	b := (*[V5RecordLen]byte)(p.recs[n-V5RecordLen : n])
	// Written straight into the result: no temporary to zero and copy.
	be := binary.BigEndian
	r.SrcAddr = netip.AddrFrom4([4]byte(b[0:4]))
	r.DstAddr = netip.AddrFrom4([4]byte(b[4:8]))
	r.NextHop = netip.AddrFrom4([4]byte(b[8:12]))
	r.Input = be.Uint16(b[12:14])
	r.Output = be.Uint16(b[14:16])
	r.Packets = be.Uint32(b[16:20])
	r.Octets = be.Uint32(b[20:24])
	r.First = be.Uint32(b[24:28])
	r.Last = be.Uint32(b[28:32])
	r.SrcPort = be.Uint16(b[32:34])
	r.DstPort = be.Uint16(b[34:36])
	r.TCPFlags = b[37]
	r.Protocol = b[38]
	r.ToS = b[39]
	r.SrcAS = be.Uint16(b[40:42])
	r.DstAS = be.Uint16(b[42:44])
	r.SrcMask = b[44]
	r.DstMask = b[45]
	return r
}

// Err returns the error of the last Start, or nil.
func (p *V5Parser) Err() error { return p.err }

// V5Len returns the length of the v5 datagram that pkt starts with, taken
// from its count field, or 0 if pkt is too short to tell or not version 5.
// It splits captures holding several datagrams back to back.
func V5Len(pkt []byte) int {
	if len(pkt) < 4 || binary.BigEndian.Uint16(pkt) != 5 {
		return 0
	}
	return V5HeaderLen + int(binary.BigEndian.Uint16(pkt[2:]))*V5RecordLen
}

// AppendV5 appends a complete v5 datagram with header h and records recs
// to dst; the header's Count is set to len(recs). It fails with [ErrLimit]
// if recs holds more than 30 records, and then returns dst unchanged.
func AppendV5(dst []byte, h V5Header, recs []V5Record) ([]byte, error) {
	if len(recs) > V5MaxRecords {
		return dst, wire.Detailf("netflow: v5 datagram of", int64(len(recs)), "records > 30", ErrLimit)
	}
	h.Count = uint16(len(recs))
	dst = h.AppendTo(dst)
	for i := range recs {
		dst = recs[i].AppendTo(dst)
	}
	return dst, nil
}

// V5Builder builds one v5 datagram in a caller-owned buffer: NewV5Builder
// writes the header, Add appends records, Finish back-patches the count.
// The caller chooses the header's FlowSequence (see [V5Sequence] and
// [V5OVSSequence]). With a buffer of capacity [V5MaxLen] nothing allocates.
type V5Builder struct {
	buf   []byte
	start int
	count int
}

// NewV5Builder starts a datagram with header h at the end of dst.
func NewV5Builder(dst []byte, h V5Header) V5Builder {
	h.Count = 0
	return V5Builder{buf: h.AppendTo(dst), start: len(dst)}
}

// Add appends a record. It fails with [ErrLimit] once the datagram holds
// 30 records.
func (b *V5Builder) Add(r V5Record) error {
	if b.count >= V5MaxRecords {
		return errV5Full
	}
	b.buf = r.AppendTo(b.buf)
	b.count++
	return nil
}

var errV5Full = &wire.Detail{Msg: "netflow: v5 datagram already holds 30 records", Err: ErrLimit}

// Count returns the number of records added so far.
func (b *V5Builder) Count() int { return b.count }

// Finish sets the header's count and returns the buffer with the datagram
// appended.
func (b *V5Builder) Finish() []byte {
	wire.PutUint16(b.buf, b.start+2, uint16(b.count))
	return b.buf
}

// V5Sequence returns the flow_sequence of the Cisco convention: the number
// of records the exporter sent before this datagram.
func V5Sequence(recordsBefore uint32) uint32 { return recordsBefore }

// V5OVSSequence returns the flow_sequence Open vSwitch writes: the
// zero-based index of the datagram's last record, that is recordsBefore +
// count − 1 (modulo 2^32).
func V5OVSSequence(recordsBefore uint32, count int) uint32 {
	return recordsBefore + uint32(count) - 1
}

// OVSInterface returns the value Open vSwitch writes into Input and Output
// when the bridge's NetFlow option add_id_to_interface is true: the low 7
// bits of the engine ID in the top 7 bits, the low 9 bits of the port
// below them.
func OVSInterface(engineID uint8, port uint16) uint16 {
	return uint16(engineID&0x7f)<<9 | port&0x1ff
}

// SplitOVSInterface is the inverse of [OVSInterface]. The port's high bits
// and the engine ID's top bit are lost in encoding.
func SplitOVSInterface(v uint16) (engineID uint8, port uint16) {
	return uint8(v >> 9), v & 0x1ff
}
