package exporter

import (
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// FuzzObserve feeds arbitrary frames (and outcomes) to an exporter with
// every format on and a small IPFIX cache: nothing may panic, and every
// datagram sent must decode with the test decoders.
func FuzzObserve(f *testing.F) {
	for _, tf := range trafficMix(1) {
		f.Add(tf.frame, uint8(tf.port), false)
	}
	f.Add([]byte{}, uint8(0), true)
	f.Add(make([]byte, 13), uint8(1), false)
	f.Fuzz(func(t *testing.T, frame []byte, port uint8, flood bool) {
		dial, rec := recordAll()
		cfg := allFormats(flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(1), CacheActiveTimeout: flowexport.Ptr(1), CacheMaxFlows: flowexport.Ptr(2)})
		cfg.Dial = dial
		clock := NewManualClock(time.Unix(1_700_000_000, 0))
		cfg.Clock = clock
		x, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		in := testPorts[int(port)%len(testPorts)]
		var out []Port
		if port&4 != 0 {
			out = testPorts[:2]
		}
		for range 3 {
			x.Observe(&Packet{Frame: frame, In: in, Out: out, Flood: flood})
			clock.Advance(700 * time.Millisecond)
			x.Flush()
		}
		clock.Advance(20 * time.Second)
		x.Flush()
		x.Close()
		for _, b := range rec[NetFlow].got {
			decodeNetFlow(t, b)
		}
		for _, b := range rec[SFlow].got {
			decodeSFlow(t, b)
		}
		var d ipfixDecoder
		for _, b := range rec[IPFIX].got {
			d.decode(t, b)
		}
	})
}
