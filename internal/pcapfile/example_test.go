package pcapfile_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"log"

	"github.com/ovsflow/ovsflow/internal/pcapfile"
)

// capture returns a classic pcap file holding one Ethernet frame with a
// UDP datagram from 127.0.0.1:49152 to 127.0.0.2:2055.
func capture() []byte {
	udp := []byte{0xc0, 0x00, 0x08, 0x07, 0x00, 0x0b, 0x00, 0x00, 'h', 'e', 'y'}
	ip := []byte{0x45, 0, 0, byte(20 + len(udp)), 0, 0, 0, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 2}
	frame := append([]byte{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00}, append(ip, udp...)...)
	le := binary.LittleEndian
	b := le.AppendUint32(nil, 0xa1b2c3d4) // magic: microseconds
	b = le.AppendUint16(b, 2)
	b = le.AppendUint16(b, 4)
	b = append(b, make([]byte, 8)...)  // thiszone, sigfigs
	b = le.AppendUint32(b, 65535)      // snaplen
	b = le.AppendUint32(b, 1)          // Ethernet
	b = le.AppendUint32(b, 1700000000) // ts_sec
	b = le.AppendUint32(b, 250000)     // ts_usec
	b = le.AppendUint32(b, uint32(len(frame)))
	b = le.AppendUint32(b, uint32(len(frame)))
	return append(b, frame...)
}

func ExampleReader() {
	r, err := pcapfile.NewReader(bytes.NewReader(capture()))
	if err != nil {
		log.Fatal(err)
	}
	for {
		p, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err) // e.g. "pcap: packet data at offset 40: truncated"
		}
		// p.Data is reused by the next call: copy it to keep it.
		fmt.Println(r.Format(), p.Time.UTC().Format("15:04:05.000"), p.LinkType, len(p.Data), p.OrigLen)
	}
	// Output:
	// pcap 22:13:20.250 1 45 45
}

func ExampleUDPPayload() {
	r, err := pcapfile.NewReader(bytes.NewReader(capture()))
	if err != nil {
		log.Fatal(err)
	}
	p, err := r.Next()
	if err != nil {
		log.Fatal(err)
	}
	if src, dst, payload, ok := pcapfile.UDPPayload(p.LinkType, p.Data); ok {
		fmt.Printf("%v -> %v %q\n", src, dst, payload)
	}
	// Output:
	// 127.0.0.1:49152 -> 127.0.0.2:2055 "hey"
}
