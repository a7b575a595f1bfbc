package exporter

import (
	"encoding/binary"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/internal/udpcollect"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// vsctlCreate renders a flow-export row as the ovs-vsctl arguments that
// create it and attach it to bridge, so OVS and the exporter are
// configured from the same value.
func vsctlCreate(bridge string, nf *flowexport.NetFlow, sf *flowexport.SFlow, ip *flowexport.IPFIX) []string {
	targets := func(ts []string) string {
		q := make([]string, len(ts))
		for i, t := range ts {
			q[i] = strconv.Quote(t)
		}
		return "targets=[" + strings.Join(q, ",") + "]"
	}
	opt := func(name string, v *int) []string {
		if v == nil {
			return nil
		}
		return []string{name + "=" + strconv.Itoa(*v)}
	}
	var args []string
	if nf != nil {
		args = append(args, "--", "--id=@nf", "create", "netflow", targets(nf.Targets), "active_timeout="+strconv.Itoa(nf.ActiveTimeout), "add_id_to_interface="+strconv.FormatBool(nf.AddIDToInterface))
		args = append(args, opt("engine_type", nf.EngineType)...)
		args = append(args, opt("engine_id", nf.EngineID)...)
		args = append(args, "--", "set", "bridge", bridge, "netflow=@nf")
	}
	if sf != nil {
		args = append(args, "--", "--id=@sf", "create", "sflow", targets(sf.Targets))
		args = append(args, opt("sampling", sf.Sampling)...)
		args = append(args, opt("polling", sf.Polling)...)
		args = append(args, opt("header", sf.Header)...)
		if sf.Agent != nil {
			args = append(args, "agent="+strconv.Quote(*sf.Agent))
		}
		args = append(args, "--", "set", "bridge", bridge, "sflow=@sf")
	}
	if ip != nil {
		args = append(args, "--", "--id=@ip", "create", "ipfix", targets(ip.Targets))
		args = append(args, opt("sampling", ip.Sampling)...)
		args = append(args, opt("obs_domain_id", ip.ObsDomainID)...)
		args = append(args, opt("obs_point_id", ip.ObsPointID)...)
		args = append(args, opt("cache_active_timeout", ip.CacheActiveTimeout)...)
		args = append(args, opt("cache_max_flows", ip.CacheMaxFlows)...)
		for _, k := range slices.Sorted(maps.Keys(ip.OtherConfig)) {
			args = append(args, "other_config:"+k+"="+strconv.Quote(ip.OtherConfig[k]))
		}
		args = append(args, "--", "set", "bridge", bridge, "ipfix=@ip")
	}
	return args
}

// TestParityWithOVS gives the same frames, ports and flows to real
// ovs-vswitchd (dummy datapath) and to the exporter, decodes every
// datagram of every type on both sides and compares them field by field.
//
// Allowed differences, each still checked against its rule:
//   - NetFlow: sys_uptime, unix_secs/nsecs, First and Last depend on when
//     OVS ran (First <= Last <= sys_uptime is checked); how records are
//     grouped into datagrams depends on revalidator timing, so the
//     multiset of records is compared and each datagram's header
//     arithmetic is checked (count <= 30, flow_sequence = index of its
//     last record, engine ids, sampling_interval 0).
//   - sFlow: datagram boundaries and uptime depend on the 1-s tick
//     relative to the traffic; flow samples are compared in order across
//     datagrams, datagram sequence numbers must run 1,2,3..., uptime must
//     be a non-decreasing multiple of 1000 and no datagram exceeds 1400
//     bytes. The number of counter polls depends on how many ticks ran:
//     each poller's sequence numbers must run 1,2,3..., and the last
//     sample of every port poller must equal ours record for record. The
//     bridge poller's app-resources (0:2203) values and datapath hit
//     counters (0:2207) are process state: only their presence and order
//     are compared. Sampled-header padding is not compared (OVS leaves
//     stale buffer bytes there).
//   - IPFIX: export_time (must not decrease) and flowStart/EndDelta-
//     Microseconds (start delta >= end delta, both below 2^31) depend on
//     the wall clock. Everything else — message order, lengths, sequence
//     numbers, domains, template sets byte for byte, options template,
//     exporter statistics, every data field, flowEndReason and the
//     exporter-wide totals — must be equal.
func TestParityWithOVS(t *testing.T) {
	runParity(t, scenario{
		flows:   testFlows,
		frames:  trafficMix(12),
		forward: testForward,
		nf: func(target string) *flowexport.NetFlow {
			return &flowexport.NetFlow{Targets: []string{target}, ActiveTimeout: 60, EngineType: flowexport.Ptr(1), EngineID: flowexport.Ptr(2)}
		},
		sf: func(target string) *flowexport.SFlow {
			return &flowexport.SFlow{Targets: []string{target}, Sampling: flowexport.Ptr(1), Polling: flowexport.Ptr(1), Header: flowexport.Ptr(128), Agent: flowexport.Ptr("127.0.0.1")}
		},
		ip: func(target string) *flowexport.IPFIX {
			return &flowexport.IPFIX{Targets: []string{target}, Sampling: flowexport.Ptr(1)}
		},
	})
}

// scenario is one parity run: an OpenFlow table, the frames, the same
// table as Go (forward, samples) and the rows configuring both sides.
type scenario struct {
	flows   []string
	frames  []trafficFrame
	forward func(in int, frame []byte) []Port
	flood   func(in int, frame []byte) bool
	samples func(in int, frame []byte) []Sample
	nf      func(target string) *flowexport.NetFlow
	sf      func(target string) *flowexport.SFlow
	ip      func(target string) *flowexport.IPFIX
	// setID and setIP add a flow-based IPFIX collector set.
	setID int
	setIP func(target string) *flowexport.IPFIX
	// setExporterID is the exportingProcessId OVS gives the set.
	setExporterID uint32
}

func runParity(t *testing.T, sc scenario) {
	db := ovstest.StartDB(t, nil)
	sw := ovstest.StartSwitch(t, db)

	var cols [8]*udpcollect.Collector
	for i := range cols {
		cols[i] = udpcollect.Listen(t, "udp4")
	}
	ovsNF, ovsSF, ovsIP, ovsSet, ourNF, ourSF, ourIP, ourSet := cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7]

	var ports []ovstest.Port
	for _, p := range testPorts {
		ports = append(ports, ovstest.Port{Name: p.Name, OFPort: int(p.OFPort), IfIndex: int(p.IfIndex)})
	}
	sw.AddBridge(t, "br0", ports...)
	sw.DelFlows(t, "br0")
	sw.AddFlows(t, "br0", sc.flows...)
	dpidText := strings.Trim(strings.TrimSpace(sw.Vsctl(t, "get", "bridge", "br0", "datapath_id")), `"`)
	dpid, err := strconv.ParseUint(dpidText, 16, 64)
	if err != nil {
		t.Fatalf("datapath_id %q: %v", dpidText, err)
	}
	sw.Vsctl(t, vsctlCreate("br0", sc.nf(ovsNF.Target()), sc.sf(ovsSF.Target()), sc.ip(ovsIP.Target()))...)
	var sets []CollectorSet
	if sc.setIP != nil {
		row := sc.setIP(ovsSet.Target())
		args := []string{"--", "--id=@br", "get", "bridge", "br0", "--", "--id=@sip", "create", "ipfix", vsctlTargets(row.Targets)}
		if v, ok := row.OtherConfig["virtual_obs_id"]; ok {
			args = append(args, "other_config:virtual_obs_id="+strconv.Quote(v))
		}
		args = append(args, "--", "create", "flow_sample_collector_set", "id="+strconv.Itoa(sc.setID), "bridge=@br", "ipfix=@sip")
		sw.Vsctl(t, args...)
		sets = append(sets, CollectorSet{ID: uint32(sc.setID), IPFIX: *sc.setIP(ourSet.Target()), ExporterID: sc.setExporterID})
	}

	frames := sc.frames
	// Real OVS: inject in order (consecutive frames of one port per call),
	// then warp 20 s so NetFlow's datapath flows expire.
	for i := 0; i < len(frames); {
		j := i
		var batch [][]byte
		for j < len(frames) && frames[j].port == frames[i].port {
			batch = append(batch, frames[j].frame)
			j++
		}
		sw.Inject(t, testPorts[frames[i].port].Name, batch...)
		i = j
	}
	sw.WarpStep(t, 20000, 500)
	time.Sleep(1500 * time.Millisecond)
	sw.WarpStep(t, 2000, 500)
	ovsNF.WaitQuiet(300 * time.Millisecond)
	ovsIP.WaitQuiet(300 * time.Millisecond)
	sw.Stop()

	// The exporter, on an injected clock.
	clock := NewManualClock(time.Now())
	x, err := New(Config{
		NetFlow: sc.nf(ourNF.Target()), SFlow: sc.sf(ourSF.Target()), IPFIX: sc.ip(ourIP.Target()),
		CollectorSets: sets,
		Env:           Env{DatapathID: dpid, Ports: testPorts},
		Clock:         clock, Seed: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	x.Flush()
	for _, f := range frames {
		clock.Advance(time.Millisecond)
		p := Packet{Frame: f.frame, In: testPorts[f.port], Out: sc.forward(f.port, f.frame)}
		if sc.flood != nil {
			p.Flood = sc.flood(f.port, f.frame)
		}
		if sc.samples != nil {
			p.Samples = sc.samples(f.port, f.frame)
		}
		if err := x.Observe(&p); err != nil {
			t.Fatal(err)
		}
	}
	for range 44 {
		clock.Advance(500 * time.Millisecond)
		x.Flush()
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	for _, c := range cols[4:] {
		c.WaitQuiet(200 * time.Millisecond)
	}
	nf := sc.nf("")
	t.Run("NetFlow", func(t *testing.T) {
		compareNetFlow(t, payloads(ovsNF), payloads(ourNF), uint8(*nf.EngineType), uint8(*nf.EngineID))
	})
	t.Run("sFlow", func(t *testing.T) { compareSFlow(t, payloads(ovsSF), payloads(ourSF)) })
	t.Run("IPFIX", func(t *testing.T) { compareIPFIX(t, payloads(ovsIP), payloads(ourIP)) })
	if sc.setIP != nil {
		t.Run("IPFIX-flow-based", func(t *testing.T) { compareIPFIX(t, payloads(ovsSet), payloads(ourSet)) })
	}
}

func vsctlTargets(ts []string) string {
	q := make([]string, len(ts))
	for i, t := range ts {
		q[i] = strconv.Quote(t)
	}
	return "targets=[" + strings.Join(q, ",") + "]"
}

func payloads(c *udpcollect.Collector) [][]byte {
	var out [][]byte
	for _, d := range c.Datagrams() {
		out = append(out, d.Data)
	}
	return out
}

func compareNetFlow(t *testing.T, ovs, ours [][]byte, engineType, engineID uint8) {
	collect := func(side string, dgs [][]byte) []string {
		var recs []string
		var seen uint32
		for i, d := range dgs {
			h, rs := decodeNetFlow(t, d)
			if h.Version != 5 || h.Count == 0 || h.Count > 30 || h.EngineType != engineType || h.EngineID != engineID || h.Sampling != 0 {
				t.Errorf("%s datagram %d: header %+v", side, i, h)
			}
			if want := seen + uint32(h.Count) - 1; h.Seq != want {
				t.Errorf("%s datagram %d: flow_sequence %d, want %d (index of its last record)", side, i, h.Seq, want)
			}
			seen += uint32(h.Count)
			for _, r := range rs {
				if r.First > r.Last || r.Last > h.Uptime {
					t.Errorf("%s: First %d, Last %d, sys_uptime %d", side, r.First, r.Last, h.Uptime)
				}
				recs = append(recs, fmt.Sprintf("%+v", r.key()))
			}
		}
		slices.Sort(recs)
		return recs
	}
	o, u := collect("ovs", ovs), collect("ours", ours)
	if len(o) == 0 {
		t.Fatal("OVS sent no NetFlow records")
	}
	if diff := cmp.Diff(o, u); diff != "" {
		t.Errorf("NetFlow records differ (-ovs +ours):\n%s", diff)
	}
	t.Logf("NetFlow: %d records in %d datagrams (ovs), %d in %d (ours)", len(o), len(ovs), len(u), len(ours))
}

func compareSFlow(t *testing.T, ovs, ours [][]byte) {
	type side struct {
		flows    []sfSample
		counters map[uint32][]sfSample
	}
	collect := func(name string, dgs [][]byte) side {
		s := side{counters: map[uint32][]sfSample{}}
		var lastUp uint32
		for i, b := range dgs {
			d := decodeSFlow(t, b)
			if d.Version != 5 || d.Agent != "127.0.0.1" || d.Sub != 0 || d.Seq != uint32(i+1) || d.Uptime%1000 != 0 || d.Uptime < lastUp || d.Len > 1400 {
				t.Errorf("%s datagram %d: version %d agent %s sub %d seq %d uptime %d (prev %d) len %d", name, i, d.Version, d.Agent, d.Sub, d.Seq, d.Uptime, lastUp, d.Len)
			}
			lastUp = d.Uptime
			for _, smp := range d.Samples {
				if smp.Format == 1 {
					s.flows = append(s.flows, smp)
				} else {
					s.counters[smp.Source] = append(s.counters[smp.Source], smp)
				}
			}
		}
		return s
	}
	o, u := collect("ovs", ovs), collect("ours", ours)
	if len(o.flows) == 0 {
		t.Fatal("OVS sent no flow samples")
	}
	if diff := cmp.Diff(o.flows, u.flows); diff != "" {
		t.Errorf("flow samples differ (-ovs +ours):\n%s", diff)
	}
	srcs := func(m map[uint32][]sfSample) []uint32 {
		var k []uint32
		for s := range m {
			k = append(k, s)
		}
		slices.Sort(k)
		return k
	}
	if diff := cmp.Diff(srcs(o.counters), srcs(u.counters)); diff != "" {
		t.Fatalf("counter sources differ (-ovs +ours):\n%s", diff)
	}
	for src, os := range o.counters {
		us := u.counters[src]
		for _, l := range [][]sfSample{os, us} {
			for i, smp := range l {
				if smp.Seq != uint32(i+1) {
					t.Errorf("source %x: counter sample %d has sequence %d", src, i, smp.Seq)
				}
			}
		}
		ol, ul := os[len(os)-1], us[len(us)-1]
		ol.Seq, ul.Seq = 0, 0
		if src>>24 == 2 {
			// Bridge poller: process state; compare the record tags.
			tags := func(s sfSample) []uint32 {
				var t []uint32
				for _, r := range s.Records {
					t = append(t, r.Tag)
				}
				return t
			}
			if diff := cmp.Diff(tags(ol), tags(ul)); diff != "" {
				t.Errorf("bridge counter records differ (-ovs +ours):\n%s", diff)
			}
			continue
		}
		if diff := cmp.Diff(ol, ul); diff != "" {
			t.Errorf("last counter sample of source %d differs (-ovs +ours):\n%s", src, diff)
		}
	}
	t.Logf("sFlow: %d flow samples; %d datagrams (ovs), %d (ours)", len(o.flows), len(ovs), len(ours))
}

func compareIPFIX(t *testing.T, ovs, ours [][]byte) {
	var od, ud ipfixDecoder
	if len(ovs) == 0 {
		t.Fatal("OVS sent no IPFIX")
	}
	if len(ovs) != len(ours) {
		t.Errorf("%d IPFIX messages from OVS, %d from us", len(ovs), len(ours))
	}
	var lastO, lastU uint32
	bad, allowedDrops := 0, 0
	if testing.Verbose() {
		var d ipfixDecoder
		for i, b := range ovs {
			m := d.decode(t, b)
			var dir, drop string
			for _, f := range m.Fields {
				switch f.ID {
				case 61:
					dir = f.Value
				case 133:
					drop = f.Value
				}
			}
			t.Logf("ovs ipfix %d: seq %d set %d dir %s dropped %s", i, m.Seq, m.SetID, dir, drop)
		}
	}
	for i := range min(len(ovs), len(ours)) {
		o, u := od.decode(t, ovs[i]), ud.decode(t, ours[i])
		if o.ExportTime < lastO || u.ExportTime < lastU {
			t.Errorf("message %d: export time went backwards", i)
		}
		lastO, lastU = o.ExportTime, u.ExportTime
		// OVS 3.1 on the userspace (dummy/netdev) datapath reports a sample
		// as dropped when the packet hit an installed datapath flow: the
		// userspace-action upcall of dpif-netdev carries no actions, so
		// OVS cannot see the output. That depends on its datapath flow
		// cache. Rule: a sample we report as dropped must be dropped for
		// OVS too (same value), and our dropped totals never exceed OVS's.
		if len(o.Fields) == len(u.Fields) {
			for j := range o.Fields {
				of, uf := &o.Fields[j], &u.Fields[j]
				if of.ID != uf.ID || of.Value == uf.Value {
					continue
				}
				ov, _ := strconv.ParseUint(of.Value, 16, 64)
				uv, _ := strconv.ParseUint(uf.Value, 16, 64)
				switch of.ID {
				case 132, 133: // dropped{Octet,Packet}DeltaCount
					if uv == 0 {
						of.Value = uf.Value
						allowedDrops++
					}
				case 134, 135: // dropped{Octet,Packet}TotalCount
					if uv <= ov {
						of.Value = uf.Value
					}
				}
			}
		}
		for _, m := range []*ipfixMsg{&o, &u} {
			m.ExportTime = 0
			for j := range m.Fields {
				if f := &m.Fields[j]; f.ID == 158 || f.ID == 159 {
					v, _ := strconv.ParseUint(f.Value, 16, 32)
					if v >= 1<<31 {
						t.Errorf("message %d: flow delta %d", i, v)
					}
					f.Value = ""
				}
			}
			if m.SetID >= 256 {
				m.Raw = nil
			}
		}
		if diff := cmp.Diff(o, u); diff != "" {
			t.Errorf("IPFIX message %d differs (-ovs +ours):\n%s", i, diff)
			if bad++; bad > 3 {
				t.FailNow()
			}
		}
	}
	t.Logf("IPFIX: %d messages (ovs), %d (ours); %d dropped-delta fields OVS's dummy datapath reported as dropped for forwarded packets", len(ovs), len(ours), allowedDrops)
}

// localPort is the bridge's own (internal) port, which floods reach.
var localPort = Port{OFPort: 65534, Name: "br0"}

// TestParityWithOVSFloodAndSampleActions runs a second configuration
// against real OVS: flooding, a flow-based IPFIX collector set fed by an
// OpenFlow sample() action, NetFlow's add_id_to_interface, IPFIX
// observation domain/point IDs and virtual_obs_id (longer templates, so a
// different split into template messages) and a short sFlow header.
func TestParityWithOVSFloodAndSampleActions(t *testing.T) {
	sample := Sample{CollectorSetID: 5, Probability: 65535, ObsDomainID: 7, ObsPointID: 9}
	var frames []trafficFrame
	for r := range 6 {
		frames = append(frames,
			trafficFrame{0, buildFrame(frameSpec{dst: mac(2), src: mac(1), vlan: -1, ethType: 0x0800, src4: v4("10.0.0.1"), dst4: v4("10.0.0.4"), proto: 6, sport: 3333, dport: 8080, flags: 0x18, ttl: 64, payload: 100 + 50*r})},
			trafficFrame{0, buildFrame(frameSpec{dst: mac(2), src: mac(1), vlan: 7, ethType: 0x0800, src4: v4("10.0.0.1"), dst4: v4("10.0.0.4"), proto: 17, sport: 1000, dport: 2000, ttl: 9, payload: 20})},
			trafficFrame{0, buildFrame(frameSpec{dst: bcastMAC, src: mac(1), vlan: -1, ethType: 0x0806, src4: v4("10.0.0.1"), dst4: v4("10.0.0.9")})},
			trafficFrame{0, buildFrame(frameSpec{dst: mac(3), src: mac(1), vlan: -1, ethType: 0x0800, src4: v4("10.0.0.1"), dst4: v4("10.0.0.9"), proto: 1, icmpType: 3, icmpCode: 3, ttl: 64, payload: 28})},
			trafficFrame{0, buildFrame(frameSpec{dst: mac(3), src: mac(1), vlan: -1, ethType: 0x86dd, src4: netip.MustParseAddr("fd00::1"), dst4: netip.MustParseAddr("fd00::9"), proto: 58, icmpType: 128, ttl: 64, payload: 16})},
			trafficFrame{1, buildFrame(frameSpec{dst: mac(1), src: mac(2), vlan: -1, ethType: 0x0800, src4: v4("10.0.0.2"), dst4: v4("10.0.0.1"), proto: 6, sport: 80, dport: 3333, flags: 0x04, ttl: 64})},
		)
	}
	isIPTo := func(frame []byte, dst string) bool {
		et := binary.BigEndian.Uint16(frame[12:])
		off := 14
		if et == 0x8100 {
			et, off = binary.BigEndian.Uint16(frame[16:]), 18
		}
		return et == 0x0800 && netip.AddrFrom4([4]byte(frame[off+16:off+20])) == v4(dst)
	}
	isARP := func(frame []byte) bool { return binary.BigEndian.Uint16(frame[12:]) == 0x0806 }
	runParity(t, scenario{
		flows: []string{
			"priority=20,in_port=1,ip,nw_dst=10.0.0.4,actions=sample(probability=65535,collector_set_id=5,obs_domain_id=7,obs_point_id=9),output:2",
			"priority=20,in_port=1,arp,actions=flood",
			"priority=10,in_port=1,actions=output:3",
			"priority=0,actions=drop",
		},
		frames: frames,
		forward: func(in int, frame []byte) []Port {
			switch {
			case in != 0:
				return nil
			case isIPTo(frame, "10.0.0.4"):
				return []Port{testPorts[1]}
			case isARP(frame):
				return []Port{localPort, testPorts[1], testPorts[2]} // OVS floods to LOCAL first
			}
			return []Port{testPorts[2]}
		},
		flood: func(in int, frame []byte) bool { return in == 0 && isARP(frame) },
		samples: func(in int, frame []byte) []Sample {
			if in == 0 && isIPTo(frame, "10.0.0.4") {
				return []Sample{sample}
			}
			return nil
		},
		nf: func(target string) *flowexport.NetFlow {
			return &flowexport.NetFlow{Targets: []string{target}, ActiveTimeout: 30, EngineType: flowexport.Ptr(9), EngineID: flowexport.Ptr(5), AddIDToInterface: true}
		},
		sf: func(target string) *flowexport.SFlow {
			return &flowexport.SFlow{Targets: []string{target}, Sampling: flowexport.Ptr(1), Polling: flowexport.Ptr(1), Header: flowexport.Ptr(64), Agent: flowexport.Ptr("127.0.0.1")}
		},
		ip: func(target string) *flowexport.IPFIX {
			return &flowexport.IPFIX{Targets: []string{target}, Sampling: flowexport.Ptr(1), ObsDomainID: flowexport.Ptr(3), ObsPointID: flowexport.Ptr(4),
				OtherConfig: map[string]string{"virtual_obs_id": "obs-7"}}
		},
		setID:         5,
		setIP:         func(target string) *flowexport.IPFIX { return &flowexport.IPFIX{Targets: []string{target}} },
		setExporterID: 2,
	})
}

// TestParityWithOVSSamplingOptions checks IPFIX's enable-input-sampling and
// enable-output-sampling as OVS 3.1 applies them: inverted, so "false"
// keeps ingress sampling on and "true" turns egress sampling off.
func TestParityWithOVSSamplingOptions(t *testing.T) {
	runParity(t, scenario{
		flows:   testFlows,
		frames:  trafficMix(2),
		forward: testForward,
		nf: func(target string) *flowexport.NetFlow {
			return &flowexport.NetFlow{Targets: []string{target}, EngineType: flowexport.Ptr(0), EngineID: flowexport.Ptr(0)}
		},
		sf: func(target string) *flowexport.SFlow {
			return &flowexport.SFlow{Targets: []string{target}, Sampling: flowexport.Ptr(1), Polling: flowexport.Ptr(1), Agent: flowexport.Ptr("127.0.0.1")}
		},
		ip: func(target string) *flowexport.IPFIX {
			return &flowexport.IPFIX{Targets: []string{target}, Sampling: flowexport.Ptr(1),
				OtherConfig: map[string]string{"enable-input-sampling": "false", "enable-output-sampling": "true"}}
		},
	})
}
