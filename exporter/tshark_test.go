package exporter

import (
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/tshark"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// TestTshark hands the exporter's datagrams to tshark, an independent
// decoder: no errors or malformed packets, and the record counts agree.
// (sFlow counter polling is off here: tshark 4.0 mis-parses OVS's 0:1004
// OpenFlow port record, which the parity test checks against OVS instead.)
func TestTshark(t *testing.T) {
	tshark.Require(t)
	dial, rec := recordAll()
	cfg := allFormats(flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(1)})
	cfg.SFlow.Polling = flowexport.Ptr(0)
	cfg.Dial = dial
	clock := NewManualClock(time.Unix(1_700_000_000, 0))
	cfg.Clock = clock
	x, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range trafficMix(4) {
		clock.Advance(time.Millisecond)
		x.Observe(&Packet{Frame: f.frame, In: testPorts[f.port], Out: testForward(f.port, f.frame)})
	}
	for range 30 {
		clock.Advance(time.Second)
		x.Flush()
	}
	x.Close()
	st := x.Stats()

	nf := tshark.Decode(t, rec[NetFlow].got, "cflow")
	tshark.CheckClean(t, nf)
	n := 0
	for _, p := range nf {
		n += len(p.Root.FindAll("cflow.srcaddr"))
	}
	if uint64(n) != st.NetFlow.Records || n == 0 {
		t.Errorf("tshark found %d NetFlow records, we sent %d", n, st.NetFlow.Records)
	}

	ip := tshark.Decode(t, rec[IPFIX].got, "cflow")
	tshark.CheckClean(t, ip)
	n = 0
	for _, p := range ip {
		n += len(p.Root.FindAll("cflow.packets"))
	}
	if uint64(n) != st.IPFIX.Records || n == 0 {
		t.Errorf("tshark found %d IPFIX packetDeltaCount fields, we sent %d records", n, st.IPFIX.Records)
	}

	sf := tshark.Decode(t, rec[SFlow].got, "sflow")
	tshark.CheckClean(t, sf)
	n = 0
	for _, p := range sf {
		n += len(p.Root.FindAll("sflow.flow_sample.sequence_number"))
	}
	if uint64(n) != st.SFlow.Records || n == 0 {
		t.Errorf("tshark found %d sFlow flow samples, we sent %d", n, st.SFlow.Records)
	}
}
