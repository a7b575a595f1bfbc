package exporter_test

import (
	"encoding/binary"
	"fmt"
	"io"
	"time"

	"github.com/ovsflow/ovsflow/exporter"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// datagrams collects what the exporter sends, per format.
type datagrams map[exporter.Format][][]byte

type writer struct {
	d datagrams
	f exporter.Format
}

func (w writer) Write(b []byte) (int, error) {
	w.d[w.f] = append(w.d[w.f], append([]byte(nil), b...))
	return len(b), nil
}

// Example feeds one TCP packet to an exporter with all three formats on an
// injected clock and shows what each format sends.
func Example() {
	got := datagrams{}
	clock := exporter.NewManualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	ports := []exporter.Port{{OFPort: 1, IfIndex: 11, Name: "eth0"}, {OFPort: 2, IfIndex: 12, Name: "vm1"}}
	x, err := exporter.New(exporter.Config{
		NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:2055"}, ActiveTimeout: 60, EngineType: flowexport.Ptr(0), EngineID: flowexport.Ptr(1)},
		SFlow:   &flowexport.SFlow{Targets: []string{"127.0.0.1:6343"}, Sampling: flowexport.Ptr(1), Polling: flowexport.Ptr(0), Agent: flowexport.Ptr("192.0.2.1")},
		IPFIX:   &flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(1)},
		Env:     exporter.Env{Ports: ports},
		Clock:   clock,
		Seed:    1,
		Dial: func(f exporter.Format, target string) (io.Writer, error) {
			return writer{got, f}, nil
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	frame := []byte{
		0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00, // Ethernet
		0x45, 0, 0, 40, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, // IPv4
		0x9c, 0x40, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0, // TCP SYN
	}
	x.Observe(&exporter.Packet{Frame: frame, In: ports[0], Out: ports[1:]})
	clock.Advance(11 * time.Second) // the datapath flow goes idle: NetFlow exports
	x.Flush()
	x.Close()

	nf := got[exporter.NetFlow][0]
	fmt.Printf("NetFlow: %d datagram, %d record, %d packet, %d bytes, in %d out %d\n",
		len(got[exporter.NetFlow]), binary.BigEndian.Uint16(nf[2:]), binary.BigEndian.Uint32(nf[24+16:]),
		binary.BigEndian.Uint32(nf[24+20:]), binary.BigEndian.Uint16(nf[24+12:]), binary.BigEndian.Uint16(nf[24+14:]))
	fmt.Printf("sFlow: %d datagram of %d bytes\n", len(got[exporter.SFlow]), len(got[exporter.SFlow][0]))
	sets := map[uint16]int{}
	for _, m := range got[exporter.IPFIX] {
		sets[binary.BigEndian.Uint16(m[16:])]++
	}
	fmt.Printf("IPFIX: %d messages: %d template, %d options template, %d statistics, %d data (ingress+egress)\n",
		len(got[exporter.IPFIX]), sets[2], sets[3], sets[462], sets[280]+sets[281])
	// Output:
	// NetFlow: 1 datagram, 1 record, 1 packet, 54 bytes, in 1 out 2
	// sFlow: 1 datagram of 172 bytes
	// IPFIX: 22 messages: 18 template, 1 options template, 1 statistics, 2 data (ingress+egress)
}
