package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"time"
)

// readRaw reads a file of raw export packets back to back. NetFlow v5 and
// IPFIX packets are split by their own lengths; anything else is one
// datagram. The exporter is 0.0.0.0:0 and the time the file's
// modification time.
func readRaw(name string, handle func(datagram)) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	var at time.Time
	if st, err := os.Stat(name); err == nil {
		at = st.ModTime()
	}
	from := netip.AddrPortFrom(netip.IPv4Unspecified(), 0)
	for len(b) > 0 {
		n := len(b)
		if len(b) >= 4 && b[0] == 0 {
			switch b[1] {
			case 5:
				if l := 24 + 48*int(binary.BigEndian.Uint16(b[2:])); l <= len(b) {
					n = l
				}
			case 10:
				if l := int(binary.BigEndian.Uint16(b[2:])); l >= 16 && l <= len(b) {
					n = l
				}
			}
		}
		handle(datagram{from: from, at: at, data: b[:n:n]})
		b = b[n:]
	}
	return nil
}

// readCapture reads the UDP datagrams of a pcap or pcapng file.
func readCapture(name string, handle func(datagram)) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := readCaptureFrom(f, handle); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// readCaptureFrom reads a pcap or pcapng stream.
func readCaptureFrom(rd io.Reader, handle func(datagram)) error {
	r := bufio.NewReaderSize(rd, 1<<16)
	magic, err := r.Peek(4)
	if err != nil {
		return err
	}
	if binary.LittleEndian.Uint32(magic) == 0x0a0d0d0a {
		return readPcapng(r, handle)
	}
	return readPcap(r, handle)
}

var errFormat = errors.New("not a pcap or pcapng file")

func readPcap(r io.Reader, handle func(datagram)) error {
	var hdr [24]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return err
	}
	var bo binary.ByteOrder
	nano := false
	switch binary.LittleEndian.Uint32(hdr[:]) {
	case 0xa1b2c3d4:
		bo = binary.LittleEndian
	case 0xa1b23c4d:
		bo, nano = binary.LittleEndian, true
	case 0xd4c3b2a1:
		bo = binary.BigEndian
	case 0x4d3cb2a1:
		bo, nano = binary.BigEndian, true
	default:
		return errFormat
	}
	link := bo.Uint32(hdr[20:]) & 0x0fffffff
	var rec [16]byte
	buf := make([]byte, 0, 65536)
	for {
		if _, err := io.ReadFull(r, rec[:]); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		sec, frac := bo.Uint32(rec[0:]), bo.Uint32(rec[4:])
		incl := bo.Uint32(rec[8:])
		if incl > 1<<18 {
			return fmt.Errorf("record of %d bytes", incl)
		}
		if int(incl) > cap(buf) {
			buf = make([]byte, incl)
		}
		buf = buf[:incl]
		if _, err := io.ReadFull(r, buf); err != nil {
			return err
		}
		ns := int64(frac) * 1000
		if nano {
			ns = int64(frac)
		}
		deliver(link, buf, time.Unix(int64(sec), ns), handle)
	}
}

func readPcapng(r io.Reader, handle func(datagram)) error {
	type iface struct {
		link uint32
		res  float64 // seconds per timestamp unit
	}
	var bo binary.ByteOrder = binary.LittleEndian
	var ifaces []iface
	var head [8]byte
	for {
		if _, err := io.ReadFull(r, head[:]); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		typ := binary.LittleEndian.Uint32(head[:])
		if typ == 0x0a0d0d0a {
			// Section header: the byte-order magic decides the order.
			var bom [4]byte
			if _, err := io.ReadFull(r, bom[:]); err != nil {
				return err
			}
			switch binary.LittleEndian.Uint32(bom[:]) {
			case 0x1a2b3c4d:
				bo = binary.LittleEndian
			case 0x4d3c2b1a:
				bo = binary.BigEndian
			default:
				return errFormat
			}
			n := bo.Uint32(head[4:])
			if n < 16 || n > 1<<24 {
				return fmt.Errorf("section header of %d bytes", n)
			}
			if _, err := io.CopyN(io.Discard, r, int64(n-12)); err != nil {
				return err
			}
			ifaces = ifaces[:0]
			continue
		}
		typ = bo.Uint32(head[:])
		n := bo.Uint32(head[4:])
		if n < 12 || n > 1<<24 || n%4 != 0 {
			return fmt.Errorf("block of %d bytes", n)
		}
		body := make([]byte, n-8)
		if _, err := io.ReadFull(r, body); err != nil {
			return err
		}
		body = body[:len(body)-4] // trailing length
		switch typ {
		case 1: // interface description
			if len(body) < 8 {
				return errors.New("short interface description block")
			}
			ifc := iface{link: uint32(bo.Uint16(body)), res: 1e-6}
			opts := body[8:]
			for len(opts) >= 4 {
				code, l := bo.Uint16(opts), int(bo.Uint16(opts[2:]))
				if code == 0 || 4+l > len(opts) {
					break
				}
				if code == 9 && l >= 1 { // if_tsresol
					v := opts[4]
					if v&0x80 != 0 {
						ifc.res = 1 / float64(uint64(1)<<(v&0x7f))
					} else {
						ifc.res = 1
						for i := 0; i < int(v); i++ {
							ifc.res /= 10
						}
					}
				}
				opts = opts[4+(l+3)&^3:]
			}
			ifaces = append(ifaces, ifc)
		case 6: // enhanced packet
			if len(body) < 20 {
				return errors.New("short enhanced packet block")
			}
			id := bo.Uint32(body)
			if int(id) >= len(ifaces) {
				return fmt.Errorf("packet on undeclared interface %d", id)
			}
			ts := uint64(bo.Uint32(body[4:]))<<32 | uint64(bo.Uint32(body[8:]))
			capLen := bo.Uint32(body[12:])
			if int(capLen) > len(body)-20 {
				return fmt.Errorf("packet of %d bytes in a block of %d", capLen, len(body))
			}
			secs := float64(ts) * ifaces[id].res
			at := time.Unix(0, 0).Add(time.Duration(secs * 1e9))
			if ifaces[id].res == 1e-6 {
				at = time.UnixMicro(int64(ts))
			} else if ifaces[id].res == 1e-9 {
				at = time.Unix(0, int64(ts))
			}
			deliver(ifaces[id].link, body[20:20+capLen], at, handle)
		case 3: // simple packet
			if len(ifaces) == 0 || len(body) < 4 {
				return errors.New("simple packet block without interface")
			}
			deliver(ifaces[0].link, body[4:], time.Time{}, handle)
		}
	}
}

// Link types.
const (
	linkNull     = 0
	linkEthernet = 1
	linkRaw      = 101
	linkRaw2     = 12
	linkLoop     = 108
	linkSLL      = 113
	linkSLL2     = 276
	linkIPv4     = 228
	linkIPv6     = 229
)

// deliver finds the UDP payload of a frame and hands it on. Frames that
// are not UDP, and IP fragments other than the first, are skipped.
func deliver(link uint32, frame []byte, at time.Time, handle func(datagram)) {
	var ip []byte
	switch link {
	case linkEthernet:
		if len(frame) < 14 {
			return
		}
		et := binary.BigEndian.Uint16(frame[12:])
		p := frame[14:]
		for (et == 0x8100 || et == 0x88a8) && len(p) >= 4 {
			et = binary.BigEndian.Uint16(p[2:])
			p = p[4:]
		}
		if et != 0x0800 && et != 0x86dd {
			return
		}
		ip = p
	case linkRaw, linkRaw2, linkIPv4, linkIPv6:
		ip = frame
	case linkNull, linkLoop:
		if len(frame) < 4 {
			return
		}
		ip = frame[4:]
	case linkSLL:
		if len(frame) < 16 {
			return
		}
		ip = frame[16:]
	case linkSLL2:
		if len(frame) < 20 {
			return
		}
		ip = frame[20:]
	default:
		return
	}
	src, udp, ok := ipPayload(ip)
	if !ok || len(udp) < 8 {
		return
	}
	end := int(binary.BigEndian.Uint16(udp[4:]))
	if end < 8 || end > len(udp) {
		end = len(udp) // length 0 (jumbograms) or a capture cut short
	}
	from := netip.AddrPortFrom(src, binary.BigEndian.Uint16(udp))
	handle(datagram{from: from, at: at, data: udp[8:end:end]})
}

// ipPayload returns the source address and UDP header+payload of an IPv4
// or IPv6 packet.
func ipPayload(ip []byte) (netip.Addr, []byte, bool) {
	if len(ip) < 1 {
		return netip.Addr{}, nil, false
	}
	switch ip[0] >> 4 {
	case 4:
		if len(ip) < 20 {
			return netip.Addr{}, nil, false
		}
		ihl := int(ip[0]&15) * 4
		total := int(binary.BigEndian.Uint16(ip[2:]))
		if ihl < 20 || ihl > len(ip) || ip[9] != 17 {
			return netip.Addr{}, nil, false
		}
		if binary.BigEndian.Uint16(ip[6:])&0x1fff != 0 {
			return netip.Addr{}, nil, false // not the first fragment
		}
		if total >= ihl && total < len(ip) {
			ip = ip[:total]
		}
		return netip.AddrFrom4([4]byte(ip[12:16])), ip[ihl:], true
	case 6:
		if len(ip) < 40 {
			return netip.Addr{}, nil, false
		}
		src := netip.AddrFrom16([16]byte(ip[8:24]))
		if pl := int(binary.BigEndian.Uint16(ip[4:])); pl > 0 && 40+pl < len(ip) {
			ip = ip[:40+pl]
		}
		next, p := ip[6], ip[40:]
		for {
			switch next {
			case 17:
				return src, p, true
			case 0, 43, 60: // hop-by-hop, routing, destination options
				if len(p) < 8 {
					return netip.Addr{}, nil, false
				}
				l := 8 + int(p[1])*8
				if l > len(p) {
					return netip.Addr{}, nil, false
				}
				next, p = p[0], p[l:]
			case 44: // fragment
				if len(p) < 8 || binary.BigEndian.Uint16(p[2:])&0xfff8 != 0 {
					return netip.Addr{}, nil, false
				}
				next, p = p[0], p[8:]
			default:
				return netip.Addr{}, nil, false
			}
		}
	}
	return netip.Addr{}, nil, false
}
