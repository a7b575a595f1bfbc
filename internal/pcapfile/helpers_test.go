package pcapfile

import (
	"encoding/binary"
	"net/netip"
)

// Test-side writers for pcap and pcapng files, independent of the reader.

func order(be bool) binary.AppendByteOrder {
	if be {
		return binary.BigEndian
	}
	return binary.LittleEndian
}

// rec is a record to write: a timestamp in the file's units, the data and
// the original length (0: len(data)).
type rec struct {
	sec, frac uint32
	data      []byte
	orig      uint32
}

// pcapFile writes a classic pcap file.
func pcapFile(be, nanos bool, link uint32, recs ...rec) []byte {
	o := order(be)
	magic := uint32(0xa1b2c3d4)
	if nanos {
		magic = 0xa1b23c4d
	}
	b := o.AppendUint32(nil, magic)
	b = o.AppendUint16(b, 2)
	b = o.AppendUint16(b, 4)
	b = o.AppendUint32(b, 0)     // thiszone
	b = o.AppendUint32(b, 0)     // sigfigs
	b = o.AppendUint32(b, 65535) // snaplen
	b = o.AppendUint32(b, link)
	for _, r := range recs {
		orig := r.orig
		if orig == 0 {
			orig = uint32(len(r.data))
		}
		b = o.AppendUint32(b, r.sec)
		b = o.AppendUint32(b, r.frac)
		b = o.AppendUint32(b, uint32(len(r.data)))
		b = o.AppendUint32(b, orig)
		b = append(b, r.data...)
	}
	return b
}

// ng builds a pcapng stream.
type ng struct {
	b  []byte
	be bool
}

func (w *ng) o() binary.AppendByteOrder { return order(w.be) }

// block appends a block of type typ with body (padded to 4 bytes).
func (w *ng) block(typ uint32, body []byte) *ng {
	o := w.o()
	n := uint32(12 + len(body) + (4-len(body)&3)&3)
	w.b = o.AppendUint32(w.b, typ)
	w.b = o.AppendUint32(w.b, n)
	w.b = append(w.b, body...)
	w.b = append(w.b, make([]byte, (4-len(body)&3)&3)...)
	w.b = o.AppendUint32(w.b, n)
	return w
}

// option returns an option TLV, padded.
func (w *ng) option(code uint16, v []byte) []byte {
	o := w.o()
	b := o.AppendUint16(nil, code)
	b = o.AppendUint16(b, uint16(len(v)))
	b = append(b, v...)
	return append(b, make([]byte, (4-len(v)&3)&3)...)
}

// shb starts a section in the given byte order, with an shb_userappl option.
func (w *ng) shb(be bool) *ng {
	w.be = be
	o := w.o()
	body := o.AppendUint32(nil, 0x1a2b3c4d)
	body = o.AppendUint16(body, 1)
	body = o.AppendUint16(body, 0)
	body = o.AppendUint64(body, ^uint64(0)) // section length unknown
	body = append(body, w.option(4, []byte("ovsflow test"))...)
	body = append(body, 0, 0, 0, 0) // opt_endofopt
	return w.block(blockSHB, body)
}

// idb declares an interface; tsresol < 0 omits the option.
func (w *ng) idb(link uint16, name string, tsresol int) *ng {
	o := w.o()
	body := o.AppendUint16(nil, link)
	body = o.AppendUint16(body, 0)
	body = o.AppendUint32(body, 0) // snaplen
	if name != "" {
		body = append(body, w.option(2, []byte(name))...)
	}
	if tsresol >= 0 {
		body = append(body, w.option(9, []byte{byte(tsresol)})...)
	}
	if name != "" || tsresol >= 0 {
		body = append(body, 0, 0, 0, 0)
	}
	return w.block(blockIDB, body)
}

// epb appends an enhanced packet block with an opt_comment option.
func (w *ng) epb(id uint32, ts uint64, data []byte, orig uint32) *ng {
	o := w.o()
	body := o.AppendUint32(nil, id)
	body = o.AppendUint32(body, uint32(ts>>32))
	body = o.AppendUint32(body, uint32(ts))
	body = o.AppendUint32(body, uint32(len(data)))
	body = o.AppendUint32(body, orig)
	body = append(body, data...)
	body = append(body, make([]byte, (4-len(data)&3)&3)...)
	body = append(body, w.option(1, []byte("c"))...)
	return w.block(blockEPB, body)
}

// pb appends an obsolete packet block.
func (w *ng) pb(id uint16, ts uint64, data []byte, orig uint32) *ng {
	o := w.o()
	body := o.AppendUint16(nil, id)
	body = o.AppendUint16(body, 0) // drops
	body = o.AppendUint32(body, uint32(ts>>32))
	body = o.AppendUint32(body, uint32(ts))
	body = o.AppendUint32(body, uint32(len(data)))
	body = o.AppendUint32(body, orig)
	body = append(body, data...)
	return w.block(blockPB, body)
}

// spb appends a simple packet block.
func (w *ng) spb(data []byte, orig uint32) *ng {
	body := w.o().AppendUint32(nil, orig)
	return w.block(blockSPB, append(body, data...))
}

// Frame builders (big-endian network headers).

func udpDatagram(sport, dport uint16, payload []byte) []byte {
	b := binary.BigEndian.AppendUint16(nil, sport)
	b = binary.BigEndian.AppendUint16(b, dport)
	b = binary.BigEndian.AppendUint16(b, uint16(8+len(payload)))
	b = binary.BigEndian.AppendUint16(b, 0) // checksum
	return append(b, payload...)
}

func ipv4(proto byte, src, dst netip.Addr, frag uint16, payload []byte) []byte {
	b := []byte{0x45, 0}
	b = binary.BigEndian.AppendUint16(b, uint16(20+len(payload)))
	b = append(b, 0, 1) // identification
	b = binary.BigEndian.AppendUint16(b, frag)
	b = append(b, 64, proto, 0, 0)
	b = append(b, src.AsSlice()...)
	b = append(b, dst.AsSlice()...)
	return append(b, payload...)
}

func ipv6(next byte, src, dst netip.Addr, payload []byte) []byte {
	b := []byte{0x60, 0, 0, 0}
	b = binary.BigEndian.AppendUint16(b, uint16(len(payload)))
	b = append(b, next, 64)
	b = append(b, src.AsSlice()...)
	b = append(b, dst.AsSlice()...)
	return append(b, payload...)
}

// ether prepends an Ethernet header with the given tags (TPID, TCI pairs).
func ether(etype uint16, payload []byte, tags ...uint16) []byte {
	b := []byte{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}
	for i := 0; i+1 < len(tags); i += 2 {
		b = binary.BigEndian.AppendUint16(b, tags[i])
		b = binary.BigEndian.AppendUint16(b, tags[i+1])
	}
	b = binary.BigEndian.AppendUint16(b, etype)
	return append(b, payload...)
}

var (
	a4src = netip.MustParseAddr("127.0.0.1")
	a4dst = netip.MustParseAddr("127.0.0.2")
	a6src = netip.MustParseAddr("::1")
	a6dst = netip.MustParseAddr("fd00::2")
)
