package pcapfile

import (
	"bufio"
	"encoding/binary"
	"io"
	"math/bits"
	"strconv"
	"time"

	"github.com/ovsflow/ovsflow/internal/wire"
)

// LinkType is a link-layer header type from the tcpdump.org registry
// (LINKTYPE_*): the first bytes of every captured frame are that header.
type LinkType uint16

// Link types [UDPPayload] understands.
const (
	LinkTypeNull      LinkType = 0   // BSD loopback: 4-byte address family in host order
	LinkTypeEthernet  LinkType = 1   // Ethernet II / 802.3
	LinkTypeLegacyRaw LinkType = 12  // DLT_RAW as some libpcap versions wrote it: raw IPv4 or IPv6
	LinkTypeRaw       LinkType = 101 // raw IPv4 or IPv6
	LinkTypeLoop      LinkType = 108 // OpenBSD loopback: 4-byte address family in network order
	LinkTypeLinuxSLL  LinkType = 113 // Linux "cooked" capture, 16-byte header
	LinkTypeIPv4      LinkType = 228 // raw IPv4
	LinkTypeIPv6      LinkType = 229 // raw IPv6
	LinkTypeLinuxSLL2 LinkType = 276 // Linux "cooked" capture v2, 20-byte header
)

// Format is the container format of a capture file.
type Format uint8

// Container formats.
const (
	FormatPcap   Format = 1 // classic libpcap format
	FormatPcapng Format = 2 // pcapng (draft-ietf-opsawg-pcapng)
)

// String returns "pcap" or "pcapng".
func (f Format) String() string {
	switch f {
	case FormatPcap:
		return "pcap"
	case FormatPcapng:
		return "pcapng"
	}
	return "unknown"
}

// Limits.
const (
	// DefaultMaxRecord is the default of [Config.MaxRecord]: 256 KiB,
	// tcpdump's default snap length (262144) and four times the largest IP
	// datagram.
	DefaultMaxRecord = 256 << 10
	// DefaultMaxInterfaces is the default of [Config.MaxInterfaces].
	DefaultMaxInterfaces = 4096
	// MaxInterfaceName is the longest if_name option accepted, in bytes.
	MaxInterfaceName = 256
)

// Config holds the limits of a [Reader]. The zero value, and a nil
// *Config, mean the defaults.
type Config struct {
	// MaxRecord bounds the captured length of one packet and the size of a
	// pcapng interface description block, the only things read into
	// memory; a larger one is an error wrapping [ErrLimit]. Other blocks and
	// options are skipped without buffering. 0 means [DefaultMaxRecord].
	MaxRecord int
	// MaxInterfaces bounds the interfaces one pcapng section may declare.
	// 0 means [DefaultMaxInterfaces].
	MaxInterfaces int
	// BufferSize is the size of the input buffer; 0 means 64 KiB, values
	// below 512 mean 512. Records larger than the buffer are read past it.
	BufferSize int
}

// Interface describes a pcapng interface (from its interface description
// block) or, for a classic pcap file, the file's single link.
type Interface struct {
	// LinkType is the link-layer header type of the interface's frames.
	LinkType LinkType
	// Name is the if_name option ("" when absent).
	Name string
	// SnapLen is the interface's snap length (0: unlimited).
	SnapLen uint32
	// TSUnits is the number of timestamp units per second (if_tsresol;
	// 1e6 by default).
	TSUnits uint64
	// TSOffset is the if_tsoffset option: seconds added to every timestamp.
	TSOffset int64
}

// time converts a timestamp in the interface's units.
func (ifc *Interface) time(ts uint64) time.Time {
	u := ifc.TSUnits
	switch u {
	case 1_000_000:
		return time.Unix(ifc.TSOffset+int64(ts/u), int64(ts%u)*1000)
	case 1_000_000_000:
		return time.Unix(ifc.TSOffset+int64(ts/u), int64(ts%u))
	}
	sec, rem := ts/u, ts%u
	hi, lo := bits.Mul64(rem, 1_000_000_000)
	ns, _ := bits.Div64(hi, lo, u) // rem < u, so hi < u: no overflow
	return time.Unix(ifc.TSOffset+int64(sec), int64(ns))
}

// Packet is one captured frame.
type Packet struct {
	// Time is the capture time (in the local time zone, as time.Unix
	// returns it); zero for a pcapng simple packet block, which has none.
	Time time.Time
	// Data is the captured bytes. It aliases the Reader's buffer and is
	// valid until the next call of [Reader.Next].
	Data []byte
	// OrigLen is the length of the frame on the wire (at least len(Data)
	// in a well-formed file).
	OrigLen int
	// LinkType is the link-layer header type of Data.
	LinkType LinkType
	// Interface is the pcapng interface ID within its section; 0 for
	// classic pcap.
	Interface int
	// InterfaceName is the interface's if_name option, "" when absent or
	// for classic pcap.
	InterfaceName string
}

// Reader reads packets from a classic pcap or a pcapng stream. It buffers
// its input and reuses one packet buffer, so [Reader.Next] does not
// allocate once the buffer has grown to the largest packet. A Reader is not
// safe for concurrent use.
type Reader struct {
	br     *bufio.Reader
	off    int64 // offset of the next unread byte
	maxRec int
	maxIf  int
	format Format
	be     bool // byte order of the file or current section
	pcapIf Interface
	ifaces []Interface // current pcapng section
	buf    []byte
	hdr    [32]byte
	err    error // sticky
}

// NewReader reads the file header of a pcap or pcapng stream (chosen by its
// magic number) and returns a Reader positioned at the first packet, with
// the default limits. See [NewReaderConfig].
func NewReader(r io.Reader) (*Reader, error) { return NewReaderConfig(r, nil) }

// NewReaderConfig is [NewReader] with the limits of cfg (nil means the
// defaults). Errors are [*ParseError] values naming the field and offset.
func NewReaderConfig(r io.Reader, cfg *Config) (*Reader, error) {
	rd := &Reader{maxRec: DefaultMaxRecord, maxIf: DefaultMaxInterfaces}
	size := 64 << 10
	if cfg != nil {
		if cfg.BufferSize > 0 {
			size = max(cfg.BufferSize, 512)
		}
		if cfg.MaxRecord > 0 {
			rd.maxRec = cfg.MaxRecord
		}
		if cfg.MaxInterfaces > 0 {
			rd.maxIf = cfg.MaxInterfaces
		}
	}
	rd.br = bufio.NewReaderSize(r, size)
	if err := rd.fill(rd.hdr[:4], "pcapfile: magic number", false); err != nil {
		return nil, err
	}
	nanos := false
	switch binary.LittleEndian.Uint32(rd.hdr[:]) {
	case 0xa1b2c3d4:
	case 0xa1b23c4d:
		nanos = true
	case 0xd4c3b2a1:
		rd.be = true
	case 0x4d3cb2a1:
		rd.be, nanos = true, true
	case blockSHB:
		rd.format = FormatPcapng
		if err := rd.section(0); err != nil {
			return nil, err
		}
		return rd, nil
	default:
		return nil, &ParseError{Offset: 0, Field: "pcapfile: magic number", Err: errNotCapture}
	}
	rd.format = FormatPcap
	h := rd.hdr[4:24]
	if err := rd.fill(h, "pcap: file header", false); err != nil {
		return nil, err
	}
	if v := rd.u16(h[0:]); v != 2 {
		return nil, &ParseError{Offset: 4, Field: "pcap: major version", Err: wire.Detailf("version", int64(v), "", ErrVersion)}
	}
	rd.pcapIf = Interface{LinkType: LinkType(rd.u32(h[16:])), SnapLen: rd.u32(h[12:]), TSUnits: 1_000_000}
	if nanos {
		rd.pcapIf.TSUnits = 1_000_000_000
	}
	return rd, nil
}

var errNotCapture = &wire.Detail{Msg: "not a pcap or pcapng file", Err: ErrVersion}

// pcapng block types.
const (
	blockIDB = 0x00000001
	blockPB  = 0x00000002 // obsolete packet block
	blockSPB = 0x00000003
	blockEPB = 0x00000006
	blockSHB = 0x0a0d0d0a // the same in both byte orders
)

// Format returns the container format.
func (r *Reader) Format() Format { return r.format }

// LinkType returns the link type of a classic pcap file, or the link type
// of interface 0 of the current pcapng section (0 when it has none yet).
func (r *Reader) LinkType() LinkType {
	if r.format == FormatPcap {
		return r.pcapIf.LinkType
	}
	if len(r.ifaces) > 0 {
		return r.ifaces[0].LinkType
	}
	return 0
}

// Interfaces returns the interfaces declared so far in the current pcapng
// section (nil for classic pcap). The slice is the Reader's own: do not
// modify it; it changes as [Reader.Next] reads more blocks.
func (r *Reader) Interfaces() []Interface { return r.ifaces }

// Offset returns the offset in the stream of the next unread byte.
func (r *Reader) Offset() int64 { return r.off }

// Next returns the next packet. At the end of the stream, on a record
// boundary, it returns io.EOF; a stream that ends inside a record returns a
// [*ParseError] wrapping [ErrTruncated]. Errors are sticky: once Next
// fails, it keeps returning the same error. pcapng blocks other than
// packets, interface descriptions and section headers are skipped.
func (r *Reader) Next() (Packet, error) {
	if r.err != nil {
		return Packet{}, r.err
	}
	var p Packet
	var err error
	if r.format == FormatPcap {
		p, err = r.nextPcap()
	} else {
		p, err = r.nextPcapng()
	}
	if err != nil {
		r.err = err
		return Packet{}, err
	}
	return p, nil
}

func (r *Reader) u16(b []byte) uint16 {
	if r.be {
		return binary.BigEndian.Uint16(b)
	}
	return binary.LittleEndian.Uint16(b)
}

func (r *Reader) u32(b []byte) uint32 {
	if r.be {
		return binary.BigEndian.Uint32(b)
	}
	return binary.LittleEndian.Uint32(b)
}

// fill reads exactly len(b) bytes. With eofOK, an end of stream before the
// first byte is returned as io.EOF; any other shortfall is ErrTruncated at
// the offset where field starts.
func (r *Reader) fill(b []byte, field string, eofOK bool) error {
	start := r.off
	n, err := io.ReadFull(r.br, b)
	r.off += int64(n)
	switch {
	case err == nil:
		return nil
	case err == io.EOF && eofOK:
		return io.EOF
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		err = ErrTruncated
	}
	return &ParseError{Offset: int(start), Field: field, Err: err}
}

// skip discards n bytes.
func (r *Reader) skip(n uint64, field string) error {
	start := r.off
	for n > 0 {
		k := int(min(n, 1<<30))
		d, err := r.br.Discard(k)
		r.off += int64(d)
		n -= uint64(d)
		if err != nil {
			if err == io.EOF {
				err = ErrTruncated
			}
			return &ParseError{Offset: int(start), Field: field, Err: err}
		}
	}
	return nil
}

// data returns the packet buffer resized to n bytes, n <= r.maxRec.
func (r *Reader) data(n int) []byte {
	if cap(r.buf) < n {
		c := min(max(n, 2*cap(r.buf), 2048), r.maxRec)
		r.buf = make([]byte, n, max(c, n))
	}
	return r.buf[:n]
}

// limit returns the error for a length v above max.
func limit(off int64, field string, v uint64, max int) error {
	b := make([]byte, 0, 48)
	b = strconv.AppendUint(b, v, 10)
	b = append(b, " > limit "...)
	b = strconv.AppendInt(b, int64(max), 10)
	return &ParseError{Offset: int(off), Field: field, Err: &wire.Detail{Msg: string(b), Err: ErrLimit}}
}

func malformed(off int64, field string, msg string, v uint64) error {
	b := make([]byte, 0, len(msg)+24)
	b = append(b, msg...)
	b = append(b, ' ')
	b = strconv.AppendUint(b, v, 10)
	return &ParseError{Offset: int(off), Field: field, Err: &wire.Detail{Msg: string(b), Err: ErrMalformed}}
}

func (r *Reader) nextPcap() (Packet, error) {
	start := r.off
	h := r.hdr[:16]
	if err := r.fill(h, "pcap: record header", true); err != nil {
		return Packet{}, err
	}
	sec, frac := r.u32(h[0:]), r.u32(h[4:])
	incl, orig := r.u32(h[8:]), r.u32(h[12:])
	if uint64(incl) > uint64(r.maxRec) {
		return Packet{}, limit(start+8, "pcap: record captured length", uint64(incl), r.maxRec)
	}
	d := r.data(int(incl))
	if err := r.fill(d, "pcap: packet data", false); err != nil {
		return Packet{}, err
	}
	ns := int64(frac)
	if r.pcapIf.TSUnits == 1_000_000 {
		ns *= 1000
	}
	return Packet{
		Time:     time.Unix(int64(sec), ns),
		Data:     d,
		OrigLen:  int(orig),
		LinkType: r.pcapIf.LinkType,
	}, nil
}

// section reads a section header block whose type (4 bytes) at offset start
// has been read: the byte-order magic sets the byte order of the section.
func (r *Reader) section(start int64) error {
	h := r.hdr[4:16]
	if err := r.fill(h[:8], "pcapng: section header", false); err != nil {
		return err
	}
	switch binary.LittleEndian.Uint32(h[4:]) {
	case 0x1a2b3c4d:
		r.be = false
	case 0x4d3c2b1a:
		r.be = true
	default:
		return &ParseError{Offset: int(start + 8), Field: "pcapng: byte-order magic", Err: errNotCapture}
	}
	n := r.u32(h[0:])
	if n < 28 || n%4 != 0 {
		return malformed(start+4, "pcapng: section header length", "length", uint64(n))
	}
	if err := r.fill(h[8:12], "pcapng: section header version", false); err != nil {
		return err
	}
	if v := r.u16(h[8:]); v != 1 {
		return &ParseError{Offset: int(start + 12), Field: "pcapng: section major version", Err: wire.Detailf("version", int64(v), "", ErrVersion)}
	}
	r.ifaces = r.ifaces[:0]
	// The section length (8 bytes) and the options are not needed.
	return r.endBlock(start, n, 16)
}

// endBlock skips the rest of a block of total length n starting at start,
// of which used bytes have been read, and checks its trailing length.
func (r *Reader) endBlock(start int64, n uint32, used uint32) error {
	if err := r.skip(uint64(n-used-4), "pcapng: block body"); err != nil {
		return err
	}
	t := r.hdr[28:32]
	if err := r.fill(t, "pcapng: trailing block length", false); err != nil {
		return err
	}
	if v := r.u32(t); v != n {
		return malformed(start+int64(n)-4, "pcapng: trailing block length", "length differs from the leading one:", uint64(v))
	}
	return nil
}

func (r *Reader) nextPcapng() (Packet, error) {
	for {
		start := r.off
		h := r.hdr[:8]
		if err := r.fill(h[:4], "pcapng: block type", true); err != nil {
			return Packet{}, err
		}
		if binary.LittleEndian.Uint32(h) == blockSHB {
			if err := r.section(start); err != nil {
				return Packet{}, err
			}
			continue
		}
		if err := r.fill(h[4:8], "pcapng: block total length", false); err != nil {
			return Packet{}, err
		}
		typ, n := r.u32(h), r.u32(h[4:])
		if n < 12 || n%4 != 0 {
			return Packet{}, malformed(start+4, "pcapng: block total length", "length", uint64(n))
		}
		switch typ {
		case blockIDB:
			if err := r.interfaceBlock(start, n); err != nil {
				return Packet{}, err
			}
		case blockEPB, blockPB:
			return r.packetBlock(start, typ, n)
		case blockSPB:
			return r.simpleBlock(start, n)
		default:
			if err := r.endBlock(start, n, 8); err != nil {
				return Packet{}, err
			}
		}
	}
}

func (r *Reader) interfaceBlock(start int64, n uint32) error {
	if n < 20 {
		return malformed(start+4, "pcapng: interface description length", "length", uint64(n))
	}
	if uint64(n-12) > uint64(r.maxRec) {
		return limit(start+4, "pcapng: interface description length", uint64(n), r.maxRec)
	}
	if len(r.ifaces) >= r.maxIf {
		return limit(start, "pcapng: interface description", uint64(len(r.ifaces)+1), r.maxIf)
	}
	body := r.data(int(n - 12))
	if err := r.fill(body, "pcapng: interface description", false); err != nil {
		return err
	}
	ifc := Interface{LinkType: LinkType(r.u16(body)), SnapLen: r.u32(body[4:]), TSUnits: 1_000_000}
	base := start + 16 // offset of the first option
	opts := body[8:]
	for len(opts) >= 4 {
		code, l := r.u16(opts), int(r.u16(opts[2:]))
		if code == 0 { // opt_endofopt
			break
		}
		if l > len(opts)-4 {
			return malformed(base+2, "pcapng: interface option length", "length", uint64(l))
		}
		v := opts[4 : 4+l]
		switch code {
		case 2: // if_name
			if l > MaxInterfaceName {
				return limit(base+2, "pcapng: if_name option length", uint64(l), MaxInterfaceName)
			}
			for len(v) > 0 && v[len(v)-1] == 0 {
				v = v[:len(v)-1]
			}
			ifc.Name = string(v)
		case 9: // if_tsresol
			if l < 1 {
				return malformed(base+2, "pcapng: if_tsresol option length", "length", uint64(l))
			}
			e := v[0]
			switch {
			case e&0x80 != 0 && e&0x7f <= 63:
				ifc.TSUnits = 1 << (e & 0x7f)
			case e&0x80 == 0 && e <= 19:
				ifc.TSUnits = 1
				for range e {
					ifc.TSUnits *= 10
				}
			default:
				return malformed(base+4, "pcapng: if_tsresol option", "resolution", uint64(e))
			}
		case 14: // if_tsoffset
			if l != 8 {
				return malformed(base+2, "pcapng: if_tsoffset option length", "length", uint64(l))
			}
			if r.be {
				ifc.TSOffset = int64(binary.BigEndian.Uint64(v))
			} else {
				ifc.TSOffset = int64(binary.LittleEndian.Uint64(v))
			}
		}
		adv := 4 + l + wire.Pad4(l)
		if adv > len(opts) {
			break // last option without its padding
		}
		opts = opts[adv:]
		base += int64(adv)
	}
	r.ifaces = append(r.ifaces, ifc)
	t := r.hdr[28:32]
	if err := r.fill(t, "pcapng: trailing block length", false); err != nil {
		return err
	}
	if v := r.u32(t); v != n {
		return malformed(start+int64(n)-4, "pcapng: trailing block length", "length differs from the leading one:", uint64(v))
	}
	return nil
}

// iface returns interface id of the current section.
func (r *Reader) iface(off int64, field string, id uint32) (*Interface, error) {
	if uint64(id) >= uint64(len(r.ifaces)) {
		return nil, malformed(off, field, "undeclared interface", uint64(id))
	}
	return &r.ifaces[id], nil
}

// blockFields names the fields of an enhanced or obsolete packet block
// (constant strings: building them per packet would allocate).
type blockFields struct{ length, header, id, caplen, data string }

var (
	epbFields = blockFields{
		"pcapng: enhanced packet length", "pcapng: enhanced packet header", "pcapng: enhanced packet interface ID",
		"pcapng: enhanced packet captured length", "pcapng: enhanced packet data",
	}
	pbFields = blockFields{
		"pcapng: packet block length", "pcapng: packet block header", "pcapng: packet block interface ID",
		"pcapng: packet block captured length", "pcapng: packet block data",
	}
)

// packetBlock reads an enhanced packet block or an obsolete packet block.
func (r *Reader) packetBlock(start int64, typ, n uint32) (Packet, error) {
	f := &epbFields
	if typ == blockPB {
		f = &pbFields
	}
	if n < 32 {
		return Packet{}, malformed(start+4, f.length, "length", uint64(n))
	}
	h := r.hdr[8:28]
	if err := r.fill(h, f.header, false); err != nil {
		return Packet{}, err
	}
	var id uint32
	if typ == blockEPB {
		id = r.u32(h)
	} else {
		id = uint32(r.u16(h))
	}
	ifc, err := r.iface(start+8, f.id, id)
	if err != nil {
		return Packet{}, err
	}
	ts := uint64(r.u32(h[4:]))<<32 | uint64(r.u32(h[8:]))
	incl, orig := r.u32(h[12:]), r.u32(h[16:])
	if uint64(incl) > uint64(r.maxRec) {
		return Packet{}, limit(start+20, f.caplen, uint64(incl), r.maxRec)
	}
	padded := uint64(incl) + uint64(wire.Pad4(int(incl)))
	if padded > uint64(n-32) {
		return Packet{}, malformed(start+20, f.caplen, "beyond its block: length", uint64(incl))
	}
	d := r.data(int(incl))
	if err := r.fill(d, f.data, false); err != nil {
		return Packet{}, err
	}
	if err := r.endBlock(start, n, 28+uint32(incl)); err != nil {
		return Packet{}, err
	}
	return Packet{
		Time:          ifc.time(ts),
		Data:          d,
		OrigLen:       int(orig),
		LinkType:      ifc.LinkType,
		Interface:     int(id),
		InterfaceName: ifc.Name,
	}, nil
}

// simpleBlock reads a simple packet block: interface 0, no timestamp, and
// a captured length implied by the block length, the original length and
// the snap length.
func (r *Reader) simpleBlock(start int64, n uint32) (Packet, error) {
	if n < 16 {
		return Packet{}, malformed(start+4, "pcapng: simple packet length", "length", uint64(n))
	}
	h := r.hdr[8:12]
	if err := r.fill(h, "pcapng: simple packet original length", false); err != nil {
		return Packet{}, err
	}
	ifc, err := r.iface(start, "pcapng: simple packet interface", 0)
	if err != nil {
		return Packet{}, err
	}
	orig := r.u32(h)
	incl := min(orig, n-16)
	if ifc.SnapLen != 0 {
		incl = min(incl, ifc.SnapLen)
	}
	if uint64(incl) > uint64(r.maxRec) {
		return Packet{}, limit(start+8, "pcapng: simple packet captured length", uint64(incl), r.maxRec)
	}
	d := r.data(int(incl))
	if err := r.fill(d, "pcapng: simple packet data", false); err != nil {
		return Packet{}, err
	}
	if err := r.endBlock(start, n, 12+incl); err != nil {
		return Packet{}, err
	}
	return Packet{Data: d, OrigLen: int(orig), LinkType: ifc.LinkType, InterfaceName: ifc.Name}, nil
}
