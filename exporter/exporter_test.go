package exporter

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/udpcollect"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// recorder is a datagram writer that keeps copies of what it is given.
type recorder struct {
	mu  sync.Mutex
	got [][]byte
}

func (r *recorder) Write(b []byte) (int, error) {
	r.mu.Lock()
	r.got = append(r.got, append([]byte(nil), b...))
	r.mu.Unlock()
	return len(b), nil
}

// recordAll returns a Dial that gives every target its own recorder.
func recordAll() (func(Format, string) (io.Writer, error), map[Format]*recorder) {
	m := map[Format]*recorder{NetFlow: {}, SFlow: {}, IPFIX: {}}
	return func(f Format, _ string) (io.Writer, error) { return m[f], nil }, m
}

type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }

func allFormats(ipfix flowexport.IPFIX) Config {
	return Config{
		NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:2055"}, ActiveTimeout: 60, EngineType: flowexport.Ptr(1), EngineID: flowexport.Ptr(2)},
		SFlow:   &flowexport.SFlow{Targets: []string{"127.0.0.1:6343"}, Sampling: flowexport.Ptr(1), Polling: flowexport.Ptr(1), Agent: flowexport.Ptr("127.0.0.1")},
		IPFIX:   &ipfix,
		Env:     Env{Ports: testPorts},
		Seed:    1,
	}
}

// TestFanout sends to 10 real UDP collectors per type, one of which is
// closed: the other nine receive byte-identical streams, the failures are
// counted and IPFIX exports them as notSentPacketTotalCount.
func TestFanout(t *testing.T) {
	cfg := allFormats(flowexport.IPFIX{Sampling: flowexport.Ptr(1)})
	cols := map[Format][]*udpcollect.Collector{}
	for _, f := range []Format{NetFlow, SFlow, IPFIX} {
		var targets []string
		for range 10 {
			c := udpcollect.Listen(t, "udp4")
			cols[f] = append(cols[f], c)
			targets = append(targets, c.Target())
		}
		switch f {
		case NetFlow:
			cfg.NetFlow.Targets = targets
		case SFlow:
			cfg.SFlow.Targets = targets
		case IPFIX:
			cfg.IPFIX.Targets = targets
		}
		cols[f][3].Close() // unreachable from now on
	}
	clock := NewManualClock(time.Unix(1_700_000_000, 0))
	cfg.Clock = clock
	x, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	frames := trafficMix(3)
	for round := range 3 {
		for i, f := range frames {
			clock.Advance(10 * time.Millisecond)
			x.Observe(&Packet{Frame: f.frame, In: testPorts[f.port], Out: testForward(f.port, f.frame)})
			if i%4 == 3 {
				// Pace the test (not the exporter) so the collectors'
				// socket buffers cannot overflow on a loaded machine.
				time.Sleep(2 * time.Millisecond)
			}
		}
		clock.Advance(11 * time.Minute) // active timeout, idle, IPFIX stats interval
		x.Flush()
		_ = round
	}
	st := x.Stats()
	x.Close()
	for f, cs := range cols {
		var want [][]byte
		for i, c := range cs {
			if i == 3 {
				continue
			}
			c.WaitQuiet(50 * time.Millisecond)
			got := payloads(c)
			if want == nil {
				want = got
				if len(want) == 0 {
					t.Fatalf("%v: collector %d got nothing", f, i)
				}
				continue
			}
			if len(got) != len(want) {
				t.Errorf("%v: collector %d got %d datagrams, collector 0 %d", f, i, len(got), len(want))
				continue
			}
			for j := range got {
				if !bytes.Equal(got[j], want[j]) {
					t.Errorf("%v: collector %d datagram %d differs", f, i, j)
				}
			}
		}
	}
	for _, fs := range []FormatStats{st.NetFlow, st.SFlow, st.IPFIX} {
		if fs.Collectors != 10 || fs.SendErrors == 0 || fs.PerCollector[3].Failed == 0 || fs.PerCollector[0].Failed != 0 {
			t.Errorf("stats %+v: want 10 collectors, failures on the closed one only", fs)
		}
	}
	// The IPFIX statistics records after the first carry the failures.
	var last uint64
	for _, m := range payloads(cols[IPFIX][0]) {
		if binary.BigEndian.Uint16(m[16:]) == ipfixOptionsID {
			last = binary.BigEndian.Uint64(m[24:])
		}
	}
	if last == 0 {
		t.Error("notSentPacketTotalCount stayed 0 with a closed collector")
	}
}

// TestIPFIXTimers checks, on an injected clock, the rules real OVS cannot
// show within a test: templates and exporter statistics go out before the
// first data record and again once 600 s have passed, not before; the
// sequence number counts data and statistics messages only.
func TestIPFIXTimers(t *testing.T) {
	dial, rec := recordAll()
	cfg := allFormats(flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(1), OtherConfig: map[string]string{"enable-output-sampling": "true" /* OVS reads it inverted: "true" turns egress sampling off */}})
	cfg.NetFlow, cfg.SFlow = nil, nil
	cfg.Dial = dial
	t0 := time.Unix(1_700_000_000, 0)
	clock := NewManualClock(t0)
	cfg.Clock = clock
	x, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	frame := trafficMix(1)[0]
	send := func(at time.Duration) []uint16 {
		clock.Set(t0.Add(at))
		n := len(rec[IPFIX].got)
		x.Observe(&Packet{Frame: frame.frame, In: testPorts[0]})
		var sets []uint16
		for _, m := range rec[IPFIX].got[n:] {
			sets = append(sets, binary.BigEndian.Uint16(m[16:]))
		}
		return sets
	}
	count := func(sets []uint16, id uint16) int {
		n := 0
		for _, s := range sets {
			if s == id {
				n++
			}
		}
		return n
	}
	first := send(0)
	if count(first, 2) != 18 || count(first, 3) != 1 || count(first, ipfixOptionsID) != 1 || len(first) != 21 {
		t.Fatalf("first export: sets %v, want 18 templates, options template, statistics, data", first)
	}
	if sets := send(599 * time.Second); len(sets) != 1 {
		t.Errorf("at 599 s: sets %v, want only the data record", sets)
	}
	if sets := send(600 * time.Second); count(sets, 2) != 18 || count(sets, ipfixOptionsID) != 1 || len(sets) != 21 {
		t.Errorf("at 600 s: sets %v, want templates and statistics again", sets)
	}
	// Sequence numbers: templates carry the current value; statistics and
	// data messages increment it.
	var seqs []uint32
	for _, m := range rec[IPFIX].got {
		seqs = append(seqs, binary.BigEndian.Uint32(m[8:]))
	}
	want := []uint32{}
	for range 19 {
		want = append(want, 1)
	}
	want = append(want, 1, 2, 3) // stats, data, data (599 s)
	for range 19 {
		want = append(want, 4)
	}
	want = append(want, 4, 5)
	if len(seqs) != len(want) {
		t.Fatalf("sequence numbers %v, want %v", seqs, want)
	}
	for i := range seqs {
		if seqs[i] != want[i] {
			t.Fatalf("sequence numbers %v, want %v", seqs, want)
		}
	}
}

// TestSFlowFirstPoll checks OVS's counter polling rule with an injected
// clock: each poller's first poll comes after a random 1..polling ticks
// (different pollers differ, the same seed repeats), then every polling
// ticks.
func TestSFlowFirstPoll(t *testing.T) {
	polls := func(seed uint64) map[uint32][]int {
		dial, rec := recordAll()
		cfg := allFormats(flowexport.IPFIX{})
		cfg.NetFlow, cfg.IPFIX = nil, nil
		cfg.SFlow.Polling = flowexport.Ptr(30)
		cfg.Dial, cfg.Seed = dial, seed
		clock := NewManualClock(time.Unix(1_700_000_000, 0))
		cfg.Clock = clock
		x, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		got := map[uint32][]int{}
		for tick := range 100 {
			n := len(rec[SFlow].got)
			x.Flush()
			for _, b := range rec[SFlow].got[n:] {
				d := decodeSFlow(t, b)
				for _, s := range d.Samples {
					got[s.Source] = append(got[s.Source], tick)
				}
			}
			clock.Advance(time.Second)
		}
		x.Close()
		return got
	}
	a, b := polls(7), polls(7)
	if len(a) != 4 {
		t.Fatalf("pollers %v, want 3 ports + bridge", a)
	}
	firsts := map[int]bool{}
	for src, ticks := range a {
		if ticks[0] < 0 || ticks[0] > 29 {
			t.Errorf("source %x: first poll at tick %d, want within the first 30", src, ticks[0])
		}
		firsts[ticks[0]] = true
		for i := 1; i < len(ticks); i++ {
			if ticks[i]-ticks[i-1] != 30 {
				t.Errorf("source %x: polls at %v, want every 30 ticks", src, ticks)
				break
			}
		}
		if len(b[src]) == 0 || b[src][0] != ticks[0] {
			t.Errorf("source %x: same seed gave first polls %d and %v", src, ticks[0], b[src])
		}
	}
	if len(firsts) < 2 {
		t.Errorf("all pollers first polled at the same tick %v; OVS randomises them", firsts)
	}
}

// TestClose checks removal as OVS does it: NetFlow discards pending counts,
// IPFIX flushes its cache with flowEndReason 4; Close is idempotent and
// Observe fails afterwards.
func TestClose(t *testing.T) {
	dial, rec := recordAll()
	cfg := allFormats(flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(1), CacheActiveTimeout: flowexport.Ptr(60), CacheMaxFlows: flowexport.Ptr(100)})
	cfg.SFlow = nil
	cfg.Dial = dial
	clock := NewManualClock(time.Unix(1_700_000_000, 0))
	cfg.Clock = clock
	x, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range trafficMix(2) {
		x.Observe(&Packet{Frame: f.frame, In: testPorts[f.port], Out: testForward(f.port, f.frame)})
	}
	x.Flush()
	if n := len(rec[IPFIX].got); n != 0 {
		t.Fatalf("IPFIX sent %d messages before any timeout", n)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if err := x.Observe(&Packet{Frame: trafficMix(1)[0].frame}); err != ErrClosed {
		t.Errorf("Observe after Close = %v, want ErrClosed", err)
	}
	if n := len(rec[NetFlow].got); n != 0 {
		t.Errorf("NetFlow sent %d datagrams on removal, want none", n)
	}
	var d ipfixDecoder
	data := 0
	for _, m := range rec[IPFIX].got {
		msg := d.decode(t, m)
		for _, f := range msg.Fields {
			if f.ID == 136 {
				data++
				if f.Value != "04" {
					t.Errorf("flowEndReason %s, want 04", f.Value)
				}
			}
		}
	}
	if data == 0 {
		t.Error("IPFIX flushed nothing on Close")
	}
}

// TestNetFlowRules checks NetFlow rules on an injected clock: drift-free
// active timeout keeping First, output-change export, 30 records per
// datagram, flow_sequence and add_id_to_interface.
func TestNetFlowRules(t *testing.T) {
	dial, rec := recordAll()
	cfg := allFormats(flowexport.IPFIX{})
	cfg.SFlow, cfg.IPFIX = nil, nil
	cfg.NetFlow.AddIDToInterface = true
	cfg.NetFlow.EngineID = flowexport.Ptr(7)
	cfg.Dial = dial
	t0 := time.Unix(1_700_000_000, 0)
	clock := NewManualClock(t0)
	cfg.Clock = clock
	x, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	frame := buildFrame(frameSpec{dst: mac(2), src: mac(1), vlan: -1, ethType: 0x0800, src4: v4("10.0.0.1"), dst4: v4("10.0.0.2"), proto: 6, sport: 1, dport: 2, flags: 0x02, ttl: 64})
	// One packet every 5 s for 200 s: active timeout 60 s exports at 60,
	// 120, 180 s (drift-free), First stays at the first packet.
	for i := range 41 {
		clock.Set(t0.Add(time.Duration(i) * 5 * time.Second))
		x.Observe(&Packet{Frame: frame, In: testPorts[0], Out: []Port{testPorts[1]}})
		x.Flush()
	}
	var recs []nfRecord
	for _, d := range rec[NetFlow].got {
		_, rs := decodeNetFlow(t, d)
		recs = append(recs, rs...)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records after 200 s, want 3 active-timeout exports", len(recs))
	}
	for _, r := range recs {
		if r.First != recs[0].First {
			t.Errorf("First moved from %d to %d", recs[0].First, r.First)
		}
		if r.In != 7<<9|1 || r.Out != 7<<9|2 {
			t.Errorf("interfaces %d/%d, want engine 7 in the top bits", r.In, r.Out)
		}
	}
	// Output change exports at once (at the next Flush).
	n := len(rec[NetFlow].got)
	x.Observe(&Packet{Frame: frame, In: testPorts[0]}) // now dropped
	x.Flush()
	if got := rec[NetFlow].got[n:]; len(got) != 1 {
		t.Fatalf("output change: %d datagrams, want 1", len(got))
	} else if _, rs := decodeNetFlow(t, got[0]); rs[0].Out != 7<<9|2 || rs[0].Pkts != 3 {
		// The old counts (packets at 190, 195, 200 s: the last active
		// export ran at 185 s, the first sweep with now > last+60 s) go
		// out with the old output interface.
		t.Errorf("output change record: out %d, %d packets", rs[0].Out, rs[0].Pkts)
	}
	// 65 flows expiring together: 30 + 30 + 5 records, flow_sequence =
	// index of the last record.
	n = len(rec[NetFlow].got)
	for i := range 65 {
		f := buildFrame(frameSpec{dst: mac(2), src: mac(1), vlan: -1, ethType: 0x0800, src4: v4("10.1.0.1"), dst4: v4("10.1.0.2"), proto: 17, sport: uint16(i), dport: 53, ttl: 64})
		x.Observe(&Packet{Frame: f, In: testPorts[0], Out: []Port{testPorts[1]}})
	}
	clock.Advance(11 * time.Second) // datapath idle time
	x.Flush()
	got := rec[NetFlow].got[n:]
	var counts []int
	for _, d := range got {
		h, _ := decodeNetFlow(t, d)
		counts = append(counts, int(h.Count))
	}
	if len(counts) < 3 || counts[0] != 30 || counts[1] != 30 {
		t.Errorf("datagram sizes %v, want 30, 30, ...", counts)
	}
}

// observeAll feeds the traffic mix once.
func observeAll(x *Exporter, frames []trafficFrame, outs [][]Port, p *Packet) {
	for i, f := range frames {
		p.Frame, p.In, p.Out = f.frame, testPorts[f.port], outs[i]
		x.Observe(p)
	}
}

func newBenchExporter(tb testing.TB, ipfix flowexport.IPFIX) (*Exporter, []trafficFrame, [][]Port) {
	cfg := allFormats(ipfix)
	cfg.IPFIX.Targets = []string{"127.0.0.1:4739"}
	cfg.SFlow.Sampling = flowexport.Ptr(64)
	cfg.Dial = func(Format, string) (io.Writer, error) { return discard{}, nil }
	x, err := New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	frames := trafficMix(3)
	outs := make([][]Port, len(frames))
	for i, f := range frames {
		outs[i] = testForward(f.port, f.frame)
	}
	var p Packet
	for range 3 { // warm the caches
		observeAll(x, frames, outs, &p)
		x.Flush()
	}
	return x, frames, outs
}

// TestNoAllocs proves that observing packets, with every format on and
// warm caches, and running the timers do not allocate.
func TestNoAllocs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		ipfix flowexport.IPFIX
	}{
		{"ipfix-no-cache", flowexport.IPFIX{Sampling: flowexport.Ptr(1)}},
		{"ipfix-cache", flowexport.IPFIX{Sampling: flowexport.Ptr(1), CacheActiveTimeout: flowexport.Ptr(60), CacheMaxFlows: flowexport.Ptr(10000)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, frames, outs := newBenchExporter(t, tc.ipfix)
			defer x.Close()
			var p Packet
			if a := testing.AllocsPerRun(100, func() { observeAll(x, frames, outs, &p) }); a != 0 {
				t.Errorf("Observe: %v allocs per run of %d packets, want 0", a, len(frames))
			}
			if a := testing.AllocsPerRun(100, func() { x.Flush() }); a != 0 {
				t.Errorf("Flush: %v allocs, want 0", a)
			}
		})
	}
}

func BenchmarkObserve(b *testing.B) {
	for _, tc := range []struct {
		name  string
		ipfix flowexport.IPFIX
	}{
		{"all-ipfix-no-cache", flowexport.IPFIX{Sampling: flowexport.Ptr(1)}},
		{"all-ipfix-cache", flowexport.IPFIX{Sampling: flowexport.Ptr(1), CacheActiveTimeout: flowexport.Ptr(60), CacheMaxFlows: flowexport.Ptr(10000)}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			x, frames, outs := newBenchExporter(b, tc.ipfix)
			defer x.Close()
			var p Packet
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				f := frames[i%len(frames)]
				p.Frame, p.In, p.Out = f.frame, testPorts[f.port], outs[i%len(frames)]
				x.Observe(&p)
				i++
			}
		})
	}
}

// BenchmarkObserveFormat measures one format at a time with warm caches
// (sFlow at 1-in-1, IPFIX with an aggregating cache).
func BenchmarkObserveFormat(b *testing.B) {
	for _, f := range []Format{NetFlow, SFlow, IPFIX} {
		b.Run(f.String(), func(b *testing.B) {
			cfg := allFormats(flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(1), CacheActiveTimeout: flowexport.Ptr(60), CacheMaxFlows: flowexport.Ptr(10000)})
			if f != NetFlow {
				cfg.NetFlow = nil
			}
			if f != SFlow {
				cfg.SFlow = nil
			}
			if f != IPFIX {
				cfg.IPFIX = nil
			}
			cfg.Dial = func(Format, string) (io.Writer, error) { return discard{}, nil }
			x, err := New(cfg)
			if err != nil {
				b.Fatal(err)
			}
			defer x.Close()
			frames := trafficMix(3)
			outs := make([][]Port, len(frames))
			for i, fr := range frames {
				outs[i] = testForward(fr.port, fr.frame)
			}
			var p Packet
			observeAll(x, frames, outs, &p)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				fr := frames[i%len(frames)]
				p.Frame, p.In, p.Out = fr.frame, testPorts[fr.port], outs[i%len(frames)]
				x.Observe(&p)
				i++
			}
		})
	}
}

// failing is a datagram writer that always fails.
type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errFailing }

var errFailing = errors.New("collector down")

// TestFailingWriter checks that a caller-supplied writer that fails is
// counted and never stops the other collectors of its type.
func TestFailingWriter(t *testing.T) {
	good := &recorder{}
	cfg := allFormats(flowexport.IPFIX{})
	cfg.SFlow, cfg.IPFIX = nil, nil
	cfg.NetFlow.Targets = []string{"127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3"}
	cfg.Dial = func(_ Format, target string) (io.Writer, error) {
		if target == "127.0.0.1:2" {
			return good, nil
		}
		return failing{}, nil
	}
	clock := NewManualClock(time.Unix(1_700_000_000, 0))
	cfg.Clock = clock
	x, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range trafficMix(2) {
		x.Observe(&Packet{Frame: f.frame, In: testPorts[f.port], Out: testForward(f.port, f.frame)})
	}
	clock.Advance(11 * time.Second)
	x.Flush()
	st := x.Stats().NetFlow
	x.Close()
	if len(good.got) == 0 || uint64(len(good.got)) != st.Datagrams {
		t.Errorf("working collector got %d of %d datagrams", len(good.got), st.Datagrams)
	}
	if st.SendErrors != 2*st.Datagrams || !errors.Is(st.PerCollector[0].LastError, errFailing) || st.PerCollector[1].Failed != 0 {
		t.Errorf("stats %+v: want every send to the two failing writers counted", st)
	}
}
