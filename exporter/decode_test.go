package exporter

import (
	"encoding/binary"
	"fmt"
	"testing"
)

// Test-side decoders that turn datagrams into flat, comparable values. They
// are deliberately simple and strict (any inconsistency fails the test), so
// both OVS's bytes and ours go through exactly the same code.

type nfHeader struct {
	Version, Count           uint16
	Uptime, Secs, Nsecs, Seq uint32
	EngineType, EngineID     uint8
	Sampling                 uint16
}

type nfRecord struct {
	Src, Dst, NextHop         [4]byte
	In, Out                   uint16
	Pkts, Octets, First, Last uint32
	SrcPort, DstPort          uint16
	Flags, Proto, TOS         uint8
	SrcAS, DstAS              uint16
	SrcMask, DstMask          uint8
}

// key is the record without its timing fields.
func (r nfRecord) key() nfRecord { r.First, r.Last = 0, 0; return r }

func decodeNetFlow(tb testing.TB, b []byte) (nfHeader, []nfRecord) {
	tb.Helper()
	be := binary.BigEndian
	if len(b) < 24 {
		tb.Fatalf("netflow: %d bytes", len(b))
	}
	h := nfHeader{be.Uint16(b), be.Uint16(b[2:]), be.Uint32(b[4:]), be.Uint32(b[8:]), be.Uint32(b[12:]), be.Uint32(b[16:]), b[20], b[21], be.Uint16(b[22:])}
	if len(b) != 24+48*int(h.Count) {
		tb.Fatalf("netflow: %d bytes for %d records", len(b), h.Count)
	}
	var recs []nfRecord
	for i := 0; i < int(h.Count); i++ {
		r := b[24+48*i:]
		var x nfRecord
		copy(x.Src[:], r[0:4])
		copy(x.Dst[:], r[4:8])
		copy(x.NextHop[:], r[8:12])
		x.In, x.Out = be.Uint16(r[12:]), be.Uint16(r[14:])
		x.Pkts, x.Octets, x.First, x.Last = be.Uint32(r[16:]), be.Uint32(r[20:]), be.Uint32(r[24:]), be.Uint32(r[28:])
		x.SrcPort, x.DstPort = be.Uint16(r[32:]), be.Uint16(r[34:])
		if r[36] != 0 || r[46] != 0 || r[47] != 0 {
			tb.Errorf("netflow record %d: non-zero padding", i)
		}
		x.Flags, x.Proto, x.TOS = r[37], r[38], r[39]
		x.SrcAS, x.DstAS = be.Uint16(r[40:]), be.Uint16(r[42:])
		x.SrcMask, x.DstMask = r[44], r[45]
		recs = append(recs, x)
	}
	return h, recs
}

// sFlow.

type sfDatagram struct {
	Version, AddrType uint32
	Agent             string
	Sub, Seq, Uptime  uint32
	Samples           []sfSample
	Len               int
}

type sfSample struct {
	Format      uint32 // 1 flow, 2 counters
	Seq, Source uint32
	// flow samples
	Rate, Pool, Drops, In, Out uint32
	Records                    []sfRecord
}

type sfRecord struct {
	Tag  uint32
	Data string // hex; for sampled headers the header bytes without padding
}

func decodeSFlow(tb testing.TB, b []byte) sfDatagram {
	tb.Helper()
	be := binary.BigEndian
	off := 0
	u32 := func() uint32 {
		if off+4 > len(b) {
			tb.Fatalf("sflow: truncated at %d", off)
		}
		v := be.Uint32(b[off:])
		off += 4
		return v
	}
	d := sfDatagram{Len: len(b)}
	d.Version, d.AddrType = u32(), u32()
	switch d.AddrType {
	case 1:
		d.Agent = fmt.Sprintf("%d.%d.%d.%d", b[off], b[off+1], b[off+2], b[off+3])
		off += 4
	case 2:
		d.Agent = fmt.Sprintf("%x", b[off:off+16])
		off += 16
	default:
		tb.Fatalf("sflow: address type %d", d.AddrType)
	}
	d.Sub, d.Seq, d.Uptime = u32(), u32(), u32()
	n := u32()
	for range n {
		tag, ln := u32(), u32()
		end := off + int(ln)
		if end > len(b) {
			tb.Fatalf("sflow: sample length %d beyond datagram", ln)
		}
		s := sfSample{Format: tag}
		s.Seq, s.Source = u32(), u32()
		switch tag {
		case 1:
			s.Rate, s.Pool, s.Drops, s.In, s.Out = u32(), u32(), u32(), u32(), u32()
		case 2:
		default:
			tb.Fatalf("sflow: sample format %d", tag)
		}
		nr := u32()
		for range nr {
			rt, rl := u32(), u32()
			if off+int(rl) > end {
				tb.Fatalf("sflow: record %d length %d beyond sample", rt, rl)
			}
			body := b[off : off+int(rl)]
			off += int(rl)
			r := sfRecord{Tag: rt, Data: fmt.Sprintf("%x", body)}
			if tag == 1 && rt == 1 {
				// Sampled header: compare the header bytes, not the XDR
				// padding (OVS leaves whatever was in its buffer there).
				hl := be.Uint32(body[12:])
				r.Data = fmt.Sprintf("%x", body[:16+hl])
			}
			s.Records = append(s.Records, r)
		}
		if off != end {
			tb.Fatalf("sflow: sample ends at %d, records at %d", end, off)
		}
		d.Samples = append(d.Samples, s)
	}
	if off != len(b) {
		tb.Fatalf("sflow: %d trailing bytes", len(b)-off)
	}
	return d
}

// IPFIX.

type ipfixMsg struct {
	Version, Length uint16
	ExportTime      uint32
	Seq, Domain     uint32
	SetID           uint16
	Raw             []byte // whole set, for template sets
	// data sets: one record, as (element id, hex value) in template order
	Fields []ipfixValue
}

type ipfixValue struct {
	ID    uint16
	Value string
}

type ipfixTmpl []ipfixField

// ipfixDecoder keeps templates per domain.
type ipfixDecoder struct {
	tmpl map[[2]uint32]ipfixTmpl
}

func (d *ipfixDecoder) decode(tb testing.TB, b []byte) ipfixMsg {
	tb.Helper()
	be := binary.BigEndian
	if d.tmpl == nil {
		d.tmpl = map[[2]uint32]ipfixTmpl{}
	}
	if len(b) < 20 {
		tb.Fatalf("ipfix: %d bytes", len(b))
	}
	m := ipfixMsg{Version: be.Uint16(b), Length: be.Uint16(b[2:]), ExportTime: be.Uint32(b[4:]), Seq: be.Uint32(b[8:]), Domain: be.Uint32(b[12:])}
	if int(m.Length) != len(b) {
		tb.Fatalf("ipfix: length %d, datagram %d", m.Length, len(b))
	}
	m.SetID = be.Uint16(b[16:])
	sl := int(be.Uint16(b[18:]))
	if 16+sl != len(b) {
		tb.Fatalf("ipfix: one set of %d bytes expected in a %d-byte message", sl, len(b))
	}
	set := b[20:]
	m.Raw = b[16:]
	switch {
	case m.SetID == 2 || m.SetID == 3:
		for len(set) >= 4 {
			id, n := be.Uint16(set), int(be.Uint16(set[2:]))
			set = set[4:]
			if m.SetID == 3 {
				set = set[2:] // scope count
			}
			var t ipfixTmpl
			for range n {
				f := ipfixField{id: be.Uint16(set), length: be.Uint16(set[2:])}
				set = set[4:]
				if f.id&0x8000 != 0 {
					f.enterprise = true
					f.id &^= 0x8000
					set = set[4:]
				}
				t = append(t, f)
			}
			d.tmpl[[2]uint32{m.Domain, uint32(id)}] = t
		}
	case m.SetID >= 256:
		t, ok := d.tmpl[[2]uint32{m.Domain, uint32(m.SetID)}]
		if !ok {
			tb.Fatalf("ipfix: data set %d in domain %d before its template", m.SetID, m.Domain)
		}
		for _, f := range t {
			n := int(f.length)
			if n == 65535 {
				n = int(set[0])
				set = set[1:]
			}
			m.Fields = append(m.Fields, ipfixValue{f.id, fmt.Sprintf("%x", set[:n])})
			set = set[n:]
		}
		if len(set) != 0 {
			tb.Fatalf("ipfix: %d bytes after the record", len(set))
		}
	}
	return m
}
