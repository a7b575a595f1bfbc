package exporter

import (
	"context"
	"encoding/binary"
	"strconv"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
	"go.uber.org/goleak"
)

// ipfixData decodes the data records of recorded IPFIX messages into
// field maps (element ID → hex value).
func ipfixData(t *testing.T, msgs [][]byte) []map[uint16]string {
	var d ipfixDecoder
	var out []map[uint16]string
	for _, m := range msgs {
		msg := d.decode(t, m)
		if msg.SetID < 256 || msg.SetID == ipfixOptionsID {
			continue
		}
		f := map[uint16]string{}
		for _, v := range msg.Fields {
			if _, dup := f[v.ID]; !dup {
				f[v.ID] = v.Value
			}
		}
		out = append(out, f)
	}
	return out
}

func hexUint(t *testing.T, s string) uint64 {
	v, err := strconv.ParseUint(s, 16, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestIPFIXCache checks the flow cache against OVS's rules: samples of one
// key aggregate (deltas summed, totals from the latest sample), the
// oldest entry goes with reason 5 when the cache overflows, entries older
// than cache_active_timeout go with reason 2, and nothing is exported
// before either happens.
func TestIPFIXCache(t *testing.T) {
	dial, rec := recordAll()
	cfg := allFormats(flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(1), CacheActiveTimeout: flowexport.Ptr(10), CacheMaxFlows: flowexport.Ptr(2),
		OtherConfig: map[string]string{"enable-output-sampling": "true" /* OVS reads it inverted: "true" turns egress sampling off */}})
	cfg.NetFlow, cfg.SFlow = nil, nil
	cfg.Dial = dial
	t0 := time.Unix(1_700_000_000, 0)
	clock := NewManualClock(t0)
	cfg.Clock = clock
	x, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	flow := func(sport uint16) []byte {
		return buildFrame(frameSpec{dst: mac(2), src: mac(1), vlan: -1, ethType: 0x0800, src4: v4("10.0.0.1"), dst4: v4("10.0.0.2"), proto: 17, sport: sport, dport: 53, ttl: 64, payload: 10})
	}
	obs := func(sport uint16) {
		clock.Advance(100 * time.Millisecond)
		x.Observe(&Packet{Frame: flow(sport), In: testPorts[0]})
	}
	obs(1)
	obs(1)
	obs(2)
	if got := ipfixData(t, rec[IPFIX].got); len(got) != 0 {
		t.Fatalf("%d records exported with the cache not full", len(got))
	}
	obs(3) // third key: the oldest (sport 1, two packets) goes, reason 5
	got := ipfixData(t, rec[IPFIX].got)
	if len(got) != 1 {
		t.Fatalf("%d records after overflow, want 1", len(got))
	}
	r := got[0]
	if r[7] != "0001" || r[136] != "05" || hexUint(t, r[2]) != 2 || hexUint(t, r[86]) != 2 {
		t.Errorf("overflow record: sport %s reason %s packets %s total %s; want sport 1, reason 5, 2 packets, total 2", r[7], r[136], r[2], r[86])
	}
	// 10 s later both remaining entries time out (reason 2); the totals
	// are those of each entry's latest sample.
	clock.Advance(10 * time.Second)
	x.Flush()
	got = ipfixData(t, rec[IPFIX].got)
	if len(got) != 3 {
		t.Fatalf("%d records after the active timeout, want 3", len(got))
	}
	for i, want := range []struct {
		sport string
		total uint64
	}{{"0002", 3}, {"0003", 4}} {
		r := got[1+i]
		if r[7] != want.sport || r[136] != "02" || hexUint(t, r[2]) != 1 || hexUint(t, r[86]) != want.total {
			t.Errorf("timeout record %d: sport %s reason %s packets %s total %s", i, r[7], r[136], r[2], r[86])
		}
		if start, end := hexUint(t, r[158]), hexUint(t, r[159]); start < end {
			t.Errorf("flowStartDelta %d < flowEndDelta %d", start, end)
		}
	}
	if st := x.Stats(); st.IPFIX.Flows != 0 || st.IPFIX.Records != 3 {
		t.Errorf("stats: %d flows cached, %d records", st.IPFIX.Flows, st.IPFIX.Records)
	}
	x.Close()
}

// TestNewerOVSOrder checks the OVS >= 3.2 option: statistics before
// templates, and the configured template interval honoured.
func TestNewerOVSOrder(t *testing.T) {
	dial, rec := recordAll()
	cfg := allFormats(flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(1), TemplateInterval: flowexport.Ptr(30),
		OtherConfig: map[string]string{"enable-output-sampling": "true" /* OVS reads it inverted: "true" turns egress sampling off */}})
	cfg.NetFlow, cfg.SFlow = nil, nil
	cfg.Dial, cfg.NewerOVS = dial, true
	clock := NewManualClock(time.Unix(1_700_000_000, 0))
	cfg.Clock = clock
	x, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	frame := trafficMix(1)[0].frame
	x.Observe(&Packet{Frame: frame, In: testPorts[0]})
	clock.Advance(30 * time.Second)
	x.Observe(&Packet{Frame: frame, In: testPorts[0]})
	x.Close()
	var sets []uint16
	for _, m := range rec[IPFIX].got {
		sets = append(sets, binary.BigEndian.Uint16(m[16:]))
	}
	if len(sets) != 21+20 || sets[0] != ipfixOptionsID || sets[1] != 2 || sets[20] < 256 {
		t.Errorf("sets %v: want statistics, 18 templates, options template, data, then templates again after 30 s", sets)
	}
}

// TestRun checks that Run drives the timers, returns after Close or when
// its context ends, and leaves no goroutine behind.
func TestRun(t *testing.T) {
	defer goleak.VerifyNone(t)
	dial, rec := recordAll()
	cfg := allFormats(flowexport.IPFIX{})
	cfg.NetFlow, cfg.IPFIX = nil, nil
	cfg.Dial, cfg.TickInterval = dial, 5*time.Millisecond
	x, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- x.Run(context.Background()) }()
	deadline := time.Now().Add(5 * time.Second)
	for {
		rec[SFlow].mu.Lock()
		n := len(rec[SFlow].got)
		rec[SFlow].mu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("Run sent no sFlow counter datagram")
		}
		time.Sleep(5 * time.Millisecond)
	}
	x.Close()
	if err := <-done; err != nil {
		t.Errorf("Run after Close = %v, want nil", err)
	}
	x2, _ := New(Config{})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { done <- x2.Run(ctx) }()
	cancel()
	if err := <-done; err != context.Canceled {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	x2.Close()
}
