package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/pcapfile"
	"github.com/ovsflow/ovsflow/internal/udpcollect"
	"github.com/ovsflow/ovsflow/netflow"
)

// frame builds an IPv4 UDP or TCP frame.
func frame(src, dst byte, proto uint8, sport, dport uint16, size int) []byte {
	b := []byte{2, 0, 0, 0, 0, dst, 2, 0, 0, 0, 0, src, 0x08, 0x00}
	ipLen := size - 14
	b = append(b, 0x45, 0, byte(ipLen>>8), byte(ipLen), 0, 1, 0x40, 0, 64, proto, 0, 0, 10, 0, 0, src, 10, 0, 0, dst)
	b = binary.BigEndian.AppendUint16(b, sport)
	b = binary.BigEndian.AppendUint16(b, dport)
	if proto == 6 {
		b = append(b, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0)
	} else {
		b = append(b, 0, byte(ipLen-20), 0, 0)
	}
	for len(b) < size {
		b = append(b, 0)
	}
	return b
}

type capFrame struct {
	t     time.Time
	iface int
	data  []byte
}

func writePcap(frames []capFrame) []byte {
	b := pcapfile.AppendHeader(nil, pcapfile.LinkTypeEthernet, 65535)
	for _, f := range frames {
		b = pcapfile.AppendRecord(b, f.t, f.data)
	}
	return b
}

func writePcapng(names []string, frames []capFrame) []byte {
	le := binary.LittleEndian
	block := func(b []byte, typ uint32, body []byte) []byte {
		n := uint32(12 + len(body))
		b = le.AppendUint32(b, typ)
		b = le.AppendUint32(b, n)
		b = append(b, body...)
		return le.AppendUint32(b, n)
	}
	shb := le.AppendUint32(nil, 0x1a2b3c4d)
	shb = le.AppendUint16(shb, 1)
	shb = le.AppendUint16(shb, 0)
	shb = le.AppendUint64(shb, ^uint64(0))
	b := block(nil, 0x0a0d0d0a, shb)
	for _, n := range names {
		idb := le.AppendUint16(nil, 1)
		idb = le.AppendUint16(idb, 0)
		idb = le.AppendUint32(idb, 65535)
		idb = le.AppendUint16(idb, 2)
		idb = le.AppendUint16(idb, uint16(len(n)))
		idb = append(idb, n...)
		for len(idb)%4 != 0 {
			idb = append(idb, 0)
		}
		idb = append(idb, 9, 0, 1, 0, 9, 0, 0, 0) // if_tsresol = 10^-9
		idb = append(idb, 0, 0, 0, 0)             // opt_endofopt
		b = block(b, 1, idb)
	}
	for _, f := range frames {
		ts := uint64(f.t.UnixNano())
		epb := le.AppendUint32(nil, uint32(f.iface))
		epb = le.AppendUint32(epb, uint32(ts>>32))
		epb = le.AppendUint32(epb, uint32(ts))
		epb = le.AppendUint32(epb, uint32(len(f.data)))
		epb = le.AppendUint32(epb, uint32(len(f.data)))
		epb = append(epb, f.data...)
		for len(epb)%4 != 0 {
			epb = append(epb, 0)
		}
		b = block(b, 6, epb)
	}
	return b
}

const testFlows = `# forwarding table (ovs-ofctl syntax)
priority=10,in_port=1,udp,nw_dst=10.0.0.2,tp_dst=53,actions=output:2
priority=10,in_port=1,tcp,nw_dst=10.0.0.0/24,actions=sample(probability=65535,collector_set_id=5,obs_domain_id=1,obs_point_id=2),output:3
priority=5,in_port=2,actions=drop
priority=0,actions=flood
`

func TestReplay(t *testing.T) {
	for _, format := range []string{"pcap", "pcapng"} {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			nf, sf, ip, set := udpcollect.Listen(t, "udp4"), udpcollect.Listen(t, "udp4"), udpcollect.Listen(t, "udp4"), udpcollect.Listen(t, "udp4")
			config := "netflow: {targets: [\"" + nf.Target() + "\"], active_timeout: 60, engine_id: 3}\n" +
				"sflow: {targets: [\"" + sf.Target() + "\"], sampling: 1, polling: 10, agent: \"127.0.0.1\"}\n" +
				"ipfix: {targets: [\"" + ip.Target() + "\"], sampling: 1, cache_max_flows: 100, cache_active_timeout: 30}\n" +
				"flow_sample_collector_sets: [{id: 5, ipfix: {targets: [\"" + set.Target() + "\"]}}]\n"
			t0 := time.Unix(1_700_000_000, 0)
			var frames []capFrame
			for i := range 300 {
				at := t0.Add(time.Duration(i) * 100 * time.Millisecond) // 30 s of capture
				frames = append(frames,
					capFrame{at, 0, frame(1, 2, 17, 1000, 53, 80)},
					capFrame{at, 0, frame(1, 3, 6, 2000, 443, 1000)},
					capFrame{at, 1, frame(2, 1, 17, 53, 1000, 120)}, // dropped (pcapng: arrives on p2)
				)
			}
			var data []byte
			if format == "pcap" {
				data = writePcap(frames)
			} else {
				data = writePcapng([]string{"p1", "p2"}, frames)
			}
			files := map[string]string{"cap": string(data), "flows": testFlows, "config.yaml": config}
			for n, c := range files {
				if err := os.WriteFile(filepath.Join(dir, n), []byte(c), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var progress bytes.Buffer
			st, err := replay(context.Background(), options{
				Capture: filepath.Join(dir, "cap"), Flows: filepath.Join(dir, "flows"), Config: filepath.Join(dir, "config.yaml"),
				Ports: "1=p1:11,2=p2:12,3=p3:13", InPort: 1, Seed: 1,
			}, &progress)
			if err != nil {
				t.Fatal(err)
			}
			st.print(&progress)
			t.Log(progress.String())
			if st.frames != 900 {
				t.Fatalf("%d frames replayed, want 900", st.frames)
			}
			// NetFlow: every frame is counted; in a classic pcap all arrive
			// on port 1 (the third kind then floods), in pcapng on p2 (dropped).
			nf.WaitQuiet(100 * time.Millisecond)
			var p netflow.V5Parser
			got := map[uint16]uint64{} // output port -> packets
			for _, d := range nf.Datagrams() {
				if _, err := p.Start(d.Data); err != nil {
					t.Fatal(err)
				}
				for p.Next() {
					r := p.Record()
					got[r.Output] += uint64(r.Packets)
				}
			}
			want := map[uint16]uint64{2: 300, 3: 300}
			if format == "pcap" {
				want[65535] = 300 // flooded
			} else {
				want[65533] = 300 // dropped on p2
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("NetFlow output %d: %d packets, want %d (all: %v)", k, got[k], v, got)
				}
			}
			if st.stats.SFlow.Records == 0 || st.stats.IPFIX.Records == 0 || len(st.stats.CollectorSets) != 1 || st.stats.CollectorSets[0].Records != 300 {
				t.Errorf("stats %+v", st.stats)
			}
			if sf.WaitQuiet(100 * time.Millisecond); sf.Len() == 0 {
				t.Error("no sFlow arrived")
			}
			if !strings.Contains(progress.String(), "frames/s") {
				t.Error("no summary")
			}
		})
	}
}

// TestConfigOperatorPatch reads the operator's patch format: the types get
// ovn-kubernetes' presets, and a per-type row replaces its preset.
func TestConfigOperatorPatch(t *testing.T) {
	cfg, err := loadConfig([]byte(`
spec:
  exportNetworkFlows:
    netFlow: {collectors: ["127.0.0.1:2056"]}
    ipfix: {collectors: ["127.0.0.1:4739"]}
ipfix: {targets: ["127.0.0.1:4740"], sampling: 1}
`), "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.NetFlow == nil || cfg.NetFlow.ActiveTimeout != 60 || cfg.NetFlow.Targets[0] != "127.0.0.1:2056" {
		t.Errorf("NetFlow %+v, want the operator preset", cfg.NetFlow)
	}
	if cfg.IPFIX == nil || cfg.IPFIX.Targets[0] != "127.0.0.1:4740" || *cfg.IPFIX.Sampling != 1 {
		t.Errorf("IPFIX %+v, want the explicit row", cfg.IPFIX)
	}
	if cfg.SFlow != nil {
		t.Error("sFlow configured")
	}
	for _, bad := range []string{"", "netflow: {targets: 5}", "bogus: 1", `{"spec": {"exportNetworkFlows": {"netFlow": {"collectors": []}}}}`} {
		if _, err := loadConfig([]byte(bad), ""); err == nil {
			t.Errorf("loadConfig(%q) succeeded", bad)
		}
	}
}

func TestParseFlows(t *testing.T) {
	rules, err := parseFlows(strings.NewReader(testFlows))
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 4 || rules[0].priority != 10 || rules[3].priority != 0 || !rules[3].flood {
		t.Fatalf("rules %+v", rules)
	}
	s := rules[1].samples
	if len(s) != 1 || s[0].CollectorSetID != 5 || s[0].Probability != 65535 || s[0].ObsPointID != 2 || rules[1].outputs[0] != 3 {
		t.Errorf("sample rule %+v", rules[1])
	}
	for _, bad := range []string{"in_port=1", "in_port=x,actions=drop", "actions=output:99999", "nw_src=1.2.3,actions=drop", "actions=sample(collector_set_id=1)", "foo=1,actions=drop", "actions=resubmit(,1)"} {
		if _, err := parseFlows(strings.NewReader(bad)); err == nil {
			t.Errorf("parseFlows(%q) succeeded", bad)
		}
	}
}
