package exporter

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/golden from the current encoders")

// goldenScenario is a fixed, deterministic run of the exporter (manual
// clock, fixed seed) whose every datagram is kept in testdata/golden. It
// pins the wire encoding byte for byte: the encoders may be rewritten, the
// bytes may not change.
type goldenScenario struct {
	name string
	cfg  func() Config
	run  func(x *Exporter, clock *ManualClock)
}

// goldenPorts have names of every length modulo 4 (sFlow port-name
// padding) and a VXLAN and a GRE tunnel port without an ifindex.
var goldenPorts = []Port{
	{OFPort: 1, IfIndex: 21, Name: "eth-a"},
	{OFPort: 2, IfIndex: 22, Name: "eth-bb"},
	{OFPort: 3, IfIndex: 23, Name: "eth-ccc"},
	{OFPort: 4, IfIndex: 0x7fff_fff0, Name: "eth-dddd"}, // beyond the compact 30 bits
	{OFPort: 9, Name: "vxlan0", Tunnel: TunnelVXLAN},
	{OFPort: 10, Name: "gre0", Tunnel: TunnelGRE},
	{OFPort: 11, IfIndex: 31, Name: strings.Repeat("long-port-name/", 40)}, // too long for a counter sample
}

// manyFlows returns n distinct IPv4 UDP frames from port 0 (enough keys to
// fill NetFlow datagrams and the IPFIX cache), of growing payloads.
func manyFlows(n int) []trafficFrame {
	var out []trafficFrame
	for i := range n {
		out = append(out, trafficFrame{0, buildFrame(frameSpec{dst: mac(2), src: mac(1), vlan: -1, ethType: 0x0800,
			src4: v4("10.0.1.1"), dst4: v4("10.0.0.2"), ttl: 64, proto: 17, sport: uint16(20000 + i), dport: 4000, payload: (i * 37) % 900})})
	}
	return out
}

// oddFrames returns SCTP, ICMPv6 and a jumbo frame.
func oddFrames() []trafficFrame {
	return []trafficFrame{
		{0, buildFrame(frameSpec{dst: mac(2), src: mac(1), vlan: -1, ethType: 0x0800, src4: v4("10.0.3.1"), dst4: v4("10.0.0.2"), ttl: 64, proto: 132, payload: 64})},
		{0, buildFrame(frameSpec{dst: mac(3), src: mac(1), vlan: 12, ethType: 0x86dd, src4: netip.MustParseAddr("fd00::1"), dst4: netip.MustParseAddr("fd00::3"), ttl: 64, proto: 58, icmpType: 128, payload: 24})},
		{2, buildFrame(frameSpec{dst: mac(1), src: mac(3), vlan: -1, ethType: 0x0800, src4: v4("10.0.0.3"), dst4: v4("10.0.0.1"), ttl: 64, proto: 17, sport: 1, dport: 2, payload: 1400})},
	}
}

// tcpFlagsMix returns TCP frames carrying every flag IPFIX counts.
func tcpFlagsMix() []trafficFrame {
	var out []trafficFrame
	for _, fl := range []uint8{0x02, 0x12, 0x10, 0x18, 0x01, 0x04, 0x20, 0x3f} {
		out = append(out, trafficFrame{0, buildFrame(frameSpec{dst: mac(2), src: mac(1), vlan: 7, ethType: 0x0800,
			src4: v4("10.0.2.1"), dst4: v4("10.0.0.2"), tos: 0x28, ttl: 32, proto: 6, sport: 33000, dport: 22, flags: fl, payload: 10})})
	}
	return out
}

var goldenScenarios = []goldenScenario{
	{
		// Bridge mode everywhere: NetFlow with add_id_to_interface, sFlow
		// 1-in-1 with an IPv4 agent and polling every second, IPFIX
		// without a cache (one record per sample, reason 5).
		name: "bridge",
		cfg: func() Config {
			return Config{
				NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:2055"}, ActiveTimeout: 30, EngineType: flowexport.Ptr(1), EngineID: flowexport.Ptr(130), AddIDToInterface: true},
				SFlow:   &flowexport.SFlow{Targets: []string{"127.0.0.1:6343"}, Sampling: flowexport.Ptr(1), Polling: flowexport.Ptr(1), Agent: flowexport.Ptr("127.0.0.1")},
				IPFIX:   &flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(1), ObsDomainID: flowexport.Ptr(5), ObsPointID: flowexport.Ptr(7)},
				Env:     Env{Ports: testPorts, SubAgentID: 3, DatapathID: 0x0000_5e00_5300_0001},
				Seed:    42,
			}
		},
		run: func(x *Exporter, clock *ManualClock) {
			frames := append(trafficMix(2), manyFlows(40)...)
			frames = append(frames, tcpFlagsMix()...)
			frames = append(frames, oddFrames()...)
			for round := range 2 {
				for i, f := range frames {
					clock.Advance(7 * time.Millisecond)
					p := &Packet{Frame: f.frame, In: testPorts[f.port], Out: testForward(f.port, f.frame)}
					if i%17 == 5 {
						p.Out, p.Flood = testPorts, true
					}
					x.Observe(p)
					if i%25 == 24 {
						x.Flush()
					}
				}
				clock.Advance(time.Duration(31+round*200) * time.Second)
				x.Flush()
				clock.Advance(11 * time.Second)
				x.Flush()
			}
			clock.Advance(11 * time.Minute) // template and statistics refresh
			for _, f := range frames[:20] {
				clock.Advance(time.Millisecond)
				x.Observe(&Packet{Frame: f.frame, In: testPorts[f.port], Out: testForward(f.port, f.frame)})
			}
			clock.Advance(time.Second)
			x.Flush()
		},
	},
	{
		// Flow-based IPFIX through two collector sets with sample()
		// actions in both directions, a bridge IPFIX exporter with a small
		// cache (reasons 2, 5 and, on Close, 4), virtual_obs_id and tunnel
		// sampling; sFlow with an IPv6 agent, a header limit that drops
		// large samples, tunnel records and caller-supplied port counters;
		// NetFlow with the datapath's engine IDs.
		name: "flowbased",
		cfg: func() Config {
			return Config{
				NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:2055"}, ActiveTimeout: 5},
				SFlow:   &flowexport.SFlow{Targets: []string{"[::1]:6343"}, Sampling: flowexport.Ptr(2), Polling: flowexport.Ptr(3), Header: flowexport.Ptr(1000), Agent: flowexport.Ptr("fd00::1")},
				IPFIX: &flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(1), ObsDomainID: flowexport.Ptr(1),
					CacheActiveTimeout: flowexport.Ptr(2), CacheMaxFlows: flowexport.Ptr(4),
					OtherConfig: map[string]string{"virtual_obs_id": "golden-vobs", "enable-tunnel-sampling": "true"}},
				CollectorSets: []CollectorSet{
					{ID: 10, IPFIX: flowexport.IPFIX{Targets: []string{"127.0.0.1:4740"}}},
					{ID: 11, IPFIX: flowexport.IPFIX{Targets: []string{"127.0.0.1:4741"}, CacheActiveTimeout: flowexport.Ptr(3), CacheMaxFlows: flowexport.Ptr(100)}, ExporterID: 77},
				},
				Env: Env{Ports: goldenPorts, NetFlowEngineType: 7, NetFlowEngineID: 9, SubAgentID: 1, DatapathID: 0xfedc_ba98_7654_3210, ExporterID: 3,
					PortCounters: func(p Port) PortCounters {
						v := uint64(p.IfIndex)
						return PortCounters{RxPackets: v * 1000, RxBytes: v << 33, RxMulticast: v, RxBroadcast: 2 * v, RxDropped: 3, RxErrors: 4,
							TxPackets: v * 900, TxBytes: v << 31, TxMulticast: 5, TxBroadcast: 6, TxDropped: 7, TxErrors: 8,
							RxFrameErrors: 9, RxCRCErrors: 10, RxOverErrors: 11, Speed: 10_000_000_000, Duplex: 1, Status: 3}
					}},
				Seed: 7,
			}
		},
		run: func(x *Exporter, clock *ManualClock) {
			frames := append(trafficMix(3), manyFlows(24)...)
			frames = append(frames, tcpFlagsMix()...)
			frames = append(frames, oddFrames()...)
			vx := &Tunnel{Src: v4("192.0.2.1"), Dst: v4("192.0.2.2"), SrcPort: 51000, DstPort: 4789, TOS: 0x10, TTL: 64, Key: 0x123456}
			gre := &Tunnel{Src: v4("198.51.100.1"), Dst: v4("198.51.100.2"), TTL: 9, Key: 0xdeadbeef}
			out2 := goldenPorts[1]
			for round := range 4 {
				for i, f := range frames {
					clock.Advance(13 * time.Millisecond)
					p := &Packet{Frame: f.frame, In: goldenPorts[f.port], Out: nil}
					for _, o := range testForward(f.port, f.frame) {
						p.Out = append(p.Out, goldenPorts[o.OFPort-1])
					}
					switch i % 7 {
					case 1:
						p.In, p.Tunnel = goldenPorts[4], vx
					case 2:
						p.In, p.Tunnel = goldenPorts[5], gre
					case 3:
						p.Out = append(p.Out, goldenPorts[3], goldenPorts[6])
					case 4:
						p.Flood = true
						p.Out = goldenPorts[:4]
					}
					switch i % 5 {
					case 0:
						p.Samples = []Sample{{CollectorSetID: 10, Probability: 65535, ObsDomainID: 100, ObsPointID: 1}}
					case 1:
						p.Samples = []Sample{{CollectorSetID: 10, Probability: 65535, ObsDomainID: 101, ObsPointID: 2, Direction: SampleEgress, Port: &out2},
							{CollectorSetID: 11, Probability: 30000, ObsDomainID: 200, ObsPointID: 3, Direction: SampleIngress}}
					case 2:
						p.Samples = []Sample{{CollectorSetID: 11, Probability: 65535, ObsDomainID: 200, ObsPointID: 4, Port: &goldenPorts[6]}}
					case 3:
						p.Samples = []Sample{{CollectorSetID: 11, Probability: 65535, ObsDomainID: 201, Direction: SampleEgress}}
					}
					x.Observe(p)
					if i%9 == 8 {
						x.Flush()
					}
				}
				clock.Advance(time.Duration(1+round*300) * time.Second)
				x.Flush()
				clock.Advance(6 * time.Second)
				x.Flush()
			}
			clock.Advance(1500 * time.Millisecond)
			for _, f := range frames[:15] {
				x.Observe(&Packet{Frame: f.frame, In: goldenPorts[f.port], Samples: []Sample{{CollectorSetID: 11, Probability: 65535, ObsDomainID: 202}}})
			}
		},
	},
	{
		// Open vSwitch 3.2+ rules: stats_interval and template_interval
		// honoured, statistics before templates.
		name: "newer",
		cfg: func() Config {
			return Config{
				IPFIX: &flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(2),
					StatsInterval: flowexport.Ptr(5), TemplateInterval: flowexport.Ptr(8), CacheActiveTimeout: flowexport.Ptr(1), CacheMaxFlows: flowexport.Ptr(50)},
				Env:      Env{Ports: testPorts},
				NewerOVS: true,
				Seed:     3,
			}
		},
		run: func(x *Exporter, clock *ManualClock) {
			frames := trafficMix(2)
			for range 6 {
				for _, f := range frames {
					clock.Advance(100 * time.Millisecond)
					x.Observe(&Packet{Frame: f.frame, In: testPorts[f.port], Out: testForward(f.port, f.frame)})
					x.Flush()
				}
				clock.Advance(3 * time.Second)
				x.Flush()
			}
		},
	},
}

// keyedRecorder keeps the datagrams of every collector target apart.
type keyedRecorder struct {
	order []string
	got   map[string]*recorder
}

func (k *keyedRecorder) dial(f Format, target string) (io.Writer, error) {
	key := f.String() + "-" + target
	if k.got == nil {
		k.got = map[string]*recorder{}
	}
	if r, ok := k.got[key]; ok {
		return r, nil
	}
	r := &recorder{}
	k.got[key] = r
	k.order = append(k.order, key)
	return r, nil
}

// maskRusage zeroes the values of sFlow app-resources records (CPU times
// and resident set of this process), the only output that depends on the
// host rather than on the input.
func maskRusage(tb testing.TB, b []byte) []byte {
	tb.Helper()
	b = bytes.Clone(b)
	be := binary.BigEndian
	off := 8 + 4
	if be.Uint32(b[4:]) == 2 {
		off = 8 + 16
	}
	n := be.Uint32(b[off+12:])
	off += 16
	for range n {
		f, l := be.Uint32(b[off:]), int(be.Uint32(b[off+4:]))
		d := b[off+8 : off+8+l]
		if f == 2 {
			nrec := be.Uint32(d[8:])
			r := d[12:]
			for range nrec {
				rf, rl := be.Uint32(r), int(be.Uint32(r[4:]))
				if rf == 2203 {
					clear(r[8 : 8+16])
				}
				r = r[8+rl:]
			}
		}
		off += 8 + l
	}
	return b
}

func runGolden(tb testing.TB, sc goldenScenario) (*keyedRecorder, Stats) {
	tb.Helper()
	var k keyedRecorder
	cfg := sc.cfg()
	cfg.Dial = k.dial
	clock := NewManualClock(time.Date(2026, 11, 25, 12, 0, 0, 123_456_789, time.UTC))
	cfg.Clock = clock
	x, err := New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	sc.run(x, clock)
	st := x.Stats()
	if err := x.Close(); err != nil {
		tb.Fatal(err)
	}
	return &k, st
}

// TestGolden runs each golden scenario and compares every datagram of
// every collector with testdata/golden/<scenario>.<format>-<target>.hex
// (one datagram per line, in hex). go test -run TestGolden -update
// rewrites the files; do that only for an intended change of output.
func TestGolden(t *testing.T) {
	for _, sc := range goldenScenarios {
		t.Run(sc.name, func(t *testing.T) {
			k, st := runGolden(t, sc)
			if st.NetFlow.Enabled && st.NetFlow.Records == 0 || st.SFlow.Enabled && st.SFlow.Records == 0 || st.IPFIX.Enabled && st.IPFIX.Records == 0 {
				t.Fatalf("scenario exports nothing: %+v", st)
			}
			for _, key := range k.order {
				var buf bytes.Buffer
				for _, d := range k.got[key].got {
					if strings.HasPrefix(key, "sflow") {
						d = maskRusage(t, d)
					}
					buf.WriteString(hex.EncodeToString(d))
					buf.WriteByte('\n')
				}
				name := sc.name + "." + strings.NewReplacer(":", "_", "[", "", "]", "").Replace(key) + ".hex"
				path := filepath.Join("testdata", "golden", name)
				if *updateGolden {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -run TestGolden -update)", err)
				}
				compareGolden(t, name, buf.Bytes(), want)
			}
		})
	}
}

// compareGolden reports the first differing datagram and byte.
func compareGolden(t *testing.T, name string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	g := bufio.NewScanner(bytes.NewReader(got))
	w := bufio.NewScanner(bytes.NewReader(want))
	g.Buffer(nil, 1<<20)
	w.Buffer(nil, 1<<20)
	for i := 0; ; i++ {
		gok, wok := g.Scan(), w.Scan()
		if !gok || !wok {
			t.Errorf("%s: datagram %d: got more=%v, want more=%v", name, i, gok, wok)
			return
		}
		if gl, wl := g.Text(), w.Text(); gl != wl {
			j := 0
			for j < len(gl) && j < len(wl) && gl[j] == wl[j] {
				j++
			}
			t.Errorf("%s: datagram %d differs at byte %d (lengths %d, %d)", name, i, j/2, len(gl)/2, len(wl)/2)
			return
		}
	}
}

// BenchmarkGoldenScenario measures whole export cycles: the bridge
// scenario, from New to Close, with every datagram encoded.
func BenchmarkGoldenScenario(b *testing.B) {
	sc := goldenScenarios[0]
	b.ReportAllocs()
	for b.Loop() {
		cfg := sc.cfg()
		cfg.Dial = func(Format, string) (io.Writer, error) { return discard{}, nil }
		clock := NewManualClock(time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC))
		cfg.Clock = clock
		x, err := New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		sc.run(x, clock)
		x.Close()
	}
}

// BenchmarkFlushCycle measures Flush when it has work: every iteration
// observes the traffic mix (sFlow 1-in-64, IPFIX with a 1 s cache), then
// advances the clock by a second and flushes (NetFlow sweep and datagram,
// the sFlow tick with its counter polls and datagram, the IPFIX cache walk
// exporting every flow).
func BenchmarkFlushCycle(b *testing.B) {
	cfg := allFormats(flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(1), CacheActiveTimeout: flowexport.Ptr(1), CacheMaxFlows: flowexport.Ptr(10000)})
	cfg.SFlow.Sampling = flowexport.Ptr(64)
	cfg.Dial = func(Format, string) (io.Writer, error) { return discard{}, nil }
	clock := NewManualClock(time.Unix(1_700_000_000, 0))
	cfg.Clock = clock
	x, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	frames := trafficMix(3)
	outs := make([][]Port, len(frames))
	for i, f := range frames {
		outs[i] = testForward(f.port, f.frame)
	}
	var p Packet
	cycle := func() {
		observeAll(x, frames, outs, &p)
		clock.Advance(time.Second)
		x.Flush()
	}
	for range 3 {
		cycle()
	}
	b.ReportAllocs()
	for b.Loop() {
		cycle()
	}
}
