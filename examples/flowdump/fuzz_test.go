package main

import (
	"bufio"
	"bytes"
	"io"
	"testing"

	"github.com/ovsflow/ovsflow/internal/corpus"
	"github.com/ovsflow/ovsflow/internal/tshark"
)

// FuzzCapture feeds arbitrary bytes to the pcap/pcapng reader and every
// datagram it finds to the decoders: no panic, no hang, and every output
// line is a JSON object.
func FuzzCapture(f *testing.F) {
	pkts := append(v9Packets(), v5Packet())
	f.Add(tshark.PCAP(pkts, 2055))
	f.Add(pcapng(pkts))
	f.Fuzz(func(t *testing.T, b []byte) {
		var stdout, stderr bytes.Buffer
		bw := bufio.NewWriter(&stdout)
		c := newCollector(&options{templates: true}, bw, &stderr)
		readCaptureFrom(bytes.NewReader(b), c.handle)
		c.flush()
		decodeLines(t, stdout.Bytes())
		decodeLines(t, stderr.Bytes())
	})
}

// FuzzDatagram sends arbitrary datagrams through format detection and
// every decoder, twice (so templates a datagram defines apply the second
// time).
func FuzzDatagram(f *testing.F) {
	for _, name := range corpus.Names() {
		for _, p := range corpus.Packets(name) {
			f.Add(p)
		}
	}
	f.Add(v5Packet())
	f.Fuzz(func(t *testing.T, b []byte) {
		bw := bufio.NewWriter(io.Discard)
		var stderr bytes.Buffer
		c := newCollector(&options{templates: true}, bw, &stderr)
		c.handleLive(datagram{data: b})
		c.handleLive(datagram{data: b})
		c.flush()
		decodeLines(t, stderr.Bytes())
	})
}
