package main

import (
	"encoding/binary"
	"fmt"
	"io"
	"net/netip"
	"os"
	"time"

	"github.com/ovsflow/ovsflow/internal/pcapfile"
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
	r, err := pcapfile.NewReader(rd)
	if err != nil {
		return err
	}
	for {
		p, err := r.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if src, _, payload, ok := pcapfile.UDPPayload(p.LinkType, p.Data); ok {
			handle(datagram{from: src, at: p.Time, data: payload})
		}
	}
}
