package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// FuzzCapture feeds arbitrary bytes to the pcap/pcapng reader: it must not
// panic, hang or allocate beyond its limits.
func FuzzCapture(f *testing.F) {
	t0 := time.Unix(1_700_000_000, 0)
	frames := []capFrame{{t0, 0, frame(1, 2, 17, 1, 2, 60)}, {t0.Add(time.Second), 1, frame(2, 1, 6, 3, 4, 100)}}
	f.Add(writePcap(frames))
	f.Add(writePcapng([]string{"p1", "p2"}, frames))
	f.Add([]byte{0xd4, 0xc3, 0xb2, 0xa1})
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := newCaptureReader(bytes.NewReader(b))
		if err != nil {
			return
		}
		for range 10000 {
			if err := c.Next(); err != nil {
				if err == io.EOF {
					return
				}
				return
			}
			if len(c.Frame) > maxFrame {
				t.Fatalf("frame of %d bytes", len(c.Frame))
			}
		}
	})
}

// FuzzFlows feeds arbitrary text to the flows parser.
func FuzzFlows(f *testing.F) {
	f.Add(testFlows)
	f.Add("in_port=1,dl_vlan=5,ipv6,nw_src=fd00::/8,actions=sample(probability=1,collector_set_id=2,sampling_port=3,egress),output:1")
	f.Fuzz(func(t *testing.T, s string) {
		rules, err := parseFlows(strings.NewReader(s))
		if err != nil {
			return
		}
		for i := 1; i < len(rules); i++ {
			if rules[i].priority > rules[i-1].priority {
				t.Fatal("rules not sorted by priority")
			}
		}
	})
}
