package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"time"
)

// maxFrame bounds a captured frame we accept (a bigger length is taken as
// corruption rather than a reason to allocate).
const maxFrame = 256 << 10

// maxBlock bounds a pcapng block.
const maxBlock = 16 << 20

// errFormat reports a file that is neither pcap nor pcapng, or is corrupt.
var errFormat = errors.New("not a valid pcap or pcapng file")

// captureReader reads frames from a classic pcap or a pcapng file. Next
// reuses one buffer, so reading does not allocate per frame.
type captureReader struct {
	r      *bufio.Reader
	ng     bool
	order  binary.ByteOrder
	nanos  bool // pcap: nanosecond timestamps
	link   uint32
	ifaces []ngIface
	buf    []byte
	hdr    [28]byte

	// Current frame.
	Time  time.Time
	Iface int // pcapng interface ID; 0 for classic pcap
	Frame []byte
	Orig  int // original length
}

type ngIface struct {
	link    uint16
	tsUnits uint64 // timestamp units per second
	name    string
}

func newCaptureReader(r io.Reader) (*captureReader, error) {
	c := &captureReader{r: bufio.NewReaderSize(r, 1<<20)}
	magic, err := c.r.Peek(4)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errFormat, err)
	}
	switch binary.LittleEndian.Uint32(magic) {
	case 0xa1b2c3d4, 0xa1b23c4d:
		c.order = binary.LittleEndian
	case 0xd4c3b2a1, 0x4d3cb2a1:
		c.order = binary.BigEndian
	case 0x0a0d0d0a:
		c.ng = true
		if err := c.readSHB(); err != nil {
			return nil, err
		}
		return c, nil
	default:
		return nil, errFormat
	}
	var h [24]byte
	if _, err := io.ReadFull(c.r, h[:]); err != nil {
		return nil, fmt.Errorf("%w: header: %v", errFormat, err)
	}
	c.nanos = c.order.Uint32(h[0:]) == 0xa1b23c4d
	c.link = c.order.Uint32(h[20:])
	if c.link != 1 {
		return nil, fmt.Errorf("%w: link type %d, want Ethernet (1)", errFormat, c.link)
	}
	return c, nil
}

// Next reads the next Ethernet frame; it returns io.EOF at the end.
func (c *captureReader) Next() error {
	if c.ng {
		return c.nextNG()
	}
	if _, err := io.ReadFull(c.r, c.hdr[:16]); err != nil {
		if err == io.ErrUnexpectedEOF {
			return fmt.Errorf("%w: truncated record header", errFormat)
		}
		return err
	}
	sec, frac := c.order.Uint32(c.hdr[0:]), c.order.Uint32(c.hdr[4:])
	incl, orig := c.order.Uint32(c.hdr[8:]), c.order.Uint32(c.hdr[12:])
	if incl > maxFrame {
		return fmt.Errorf("%w: record of %d bytes", errFormat, incl)
	}
	if err := c.read(int(incl)); err != nil {
		return err
	}
	ns := int64(frac) * 1000
	if c.nanos {
		ns = int64(frac)
	}
	c.Time = time.Unix(int64(sec), ns)
	c.Iface, c.Orig = 0, int(orig)
	return nil
}

func (c *captureReader) read(n int) error {
	if cap(c.buf) < n {
		c.buf = make([]byte, n)
	}
	c.buf = c.buf[:n]
	if _, err := io.ReadFull(c.r, c.buf); err != nil {
		return fmt.Errorf("%w: truncated record", errFormat)
	}
	c.Frame = c.buf
	return nil
}

// readSHB reads a section header block, which fixes the byte order.
func (c *captureReader) readSHB() error {
	var h [12]byte
	if _, err := io.ReadFull(c.r, h[:]); err != nil {
		return fmt.Errorf("%w: section header: %v", errFormat, err)
	}
	switch binary.LittleEndian.Uint32(h[8:]) {
	case 0x1a2b3c4d:
		c.order = binary.LittleEndian
	case 0x4d3c2b1a:
		c.order = binary.BigEndian
	default:
		return fmt.Errorf("%w: byte-order magic", errFormat)
	}
	n := c.order.Uint32(h[4:])
	if n < 28 || n > maxBlock || n%4 != 0 {
		return fmt.Errorf("%w: section header length %d", errFormat, n)
	}
	c.ifaces = c.ifaces[:0]
	_, err := c.r.Discard(int(n) - 12)
	if err != nil {
		return fmt.Errorf("%w: section header: %v", errFormat, err)
	}
	return nil
}

func (c *captureReader) nextNG() error {
	for {
		var h [8]byte
		if _, err := io.ReadFull(c.r, h[:]); err != nil {
			if err == io.ErrUnexpectedEOF {
				return fmt.Errorf("%w: truncated block header", errFormat)
			}
			return err
		}
		typ, n := c.order.Uint32(h[0:]), c.order.Uint32(h[4:])
		if typ == 0x0a0d0d0a {
			// A new section: reread its header (byte order may change).
			if err := c.unreadSHB(h); err != nil {
				return err
			}
			continue
		}
		if n < 12 || n > maxBlock || n%4 != 0 {
			return fmt.Errorf("%w: block length %d", errFormat, n)
		}
		if err := c.read(int(n) - 8); err != nil {
			return err
		}
		body := c.buf[:len(c.buf)-4] // drop the trailing length
		switch typ {
		case 1: // interface description
			if len(body) < 8 {
				return fmt.Errorf("%w: interface block", errFormat)
			}
			ifc := ngIface{link: c.order.Uint16(body), tsUnits: 1_000_000}
			opts := body[8:]
			for len(opts) >= 4 {
				code, l := c.order.Uint16(opts), int(c.order.Uint16(opts[2:]))
				if code == 0 || 4+l > len(opts) {
					break
				}
				v := opts[4 : 4+l]
				switch code {
				case 2: // if_name
					ifc.name = string(v)
				case 9: // if_tsresol
					if l == 1 {
						if v[0]&0x80 == 0 && v[0] <= 18 {
							ifc.tsUnits = pow(10, v[0])
						} else if v[0]&0x80 != 0 && v[0]&0x7f <= 62 {
							ifc.tsUnits = 1 << (v[0] & 0x7f)
						}
					}
				}
				opts = opts[4+l+(4-l&3)&3:]
			}
			if len(c.ifaces) >= 4096 {
				return fmt.Errorf("%w: too many interfaces", errFormat)
			}
			c.ifaces = append(c.ifaces, ifc)
		case 6: // enhanced packet
			if len(body) < 20 {
				return fmt.Errorf("%w: packet block", errFormat)
			}
			id := c.order.Uint32(body)
			if int(id) >= len(c.ifaces) {
				return fmt.Errorf("%w: packet on undeclared interface %d", errFormat, id)
			}
			ifc := c.ifaces[id]
			if ifc.link != 1 {
				continue // not Ethernet
			}
			ts := uint64(c.order.Uint32(body[4:]))<<32 | uint64(c.order.Uint32(body[8:]))
			incl, orig := c.order.Uint32(body[12:]), c.order.Uint32(body[16:])
			if int(incl) > len(body)-20 {
				return fmt.Errorf("%w: packet data beyond its block", errFormat)
			}
			c.Frame = body[20 : 20+incl]
			sec := ts / ifc.tsUnits
			rem := ts % ifc.tsUnits
			hi, lo := bits.Mul64(rem, 1_000_000_000)
			ns, _ := bits.Div64(hi, lo, ifc.tsUnits) // rem < tsUnits, so hi < tsUnits
			c.Time = time.Unix(int64(sec), int64(ns))
			c.Iface, c.Orig = int(id), int(orig)
			return nil
		case 3: // simple packet: interface 0, no timestamp
			if len(body) < 4 || len(c.ifaces) == 0 {
				return fmt.Errorf("%w: simple packet block", errFormat)
			}
			orig := c.order.Uint32(body)
			c.Frame = body[4:min(len(body), 4+int(orig))]
			c.Iface, c.Orig = 0, int(orig)
			return nil
		}
	}
}

// unreadSHB finishes reading a section header whose first 8 bytes were
// read as a block header.
func (c *captureReader) unreadSHB(h [8]byte) error {
	var bom [4]byte
	if _, err := io.ReadFull(c.r, bom[:]); err != nil {
		return fmt.Errorf("%w: section header", errFormat)
	}
	switch binary.LittleEndian.Uint32(bom[:]) {
	case 0x1a2b3c4d:
		c.order = binary.LittleEndian
	case 0x4d3c2b1a:
		c.order = binary.BigEndian
	default:
		return fmt.Errorf("%w: byte-order magic", errFormat)
	}
	n := c.order.Uint32(h[4:])
	if n < 28 || n > maxBlock || n%4 != 0 {
		return fmt.Errorf("%w: section header length %d", errFormat, n)
	}
	c.ifaces = c.ifaces[:0]
	if _, err := c.r.Discard(int(n) - 12); err != nil {
		return fmt.Errorf("%w: section header", errFormat)
	}
	return nil
}

// IfaceName returns the pcapng name of interface id ("" if none).
func (c *captureReader) IfaceName(id int) string {
	if id < len(c.ifaces) {
		return c.ifaces[id].name
	}
	return ""
}

func pow(b uint64, e uint8) uint64 {
	v := uint64(1)
	for range e {
		v *= b
	}
	return v
}
