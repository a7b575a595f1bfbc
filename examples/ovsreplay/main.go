// Command ovsreplay replays a pcap or pcapng capture through the software
// exporter, forwarding each frame with a small OpenFlow table, and sends
// NetFlow v5, sFlow v5 and IPFIX to the collectors of an export config, as
// Open vSwitch would for the same traffic.
//
//	ovsreplay -r capture.pcapng -flows flows.txt -config export.yaml [-ports 1=eth0:11,2=vm1:12]
//
// The flows file holds one flow per line in a subset of ovs-ofctl syntax
// (see rule); the same file can be given to real OVS with
// "ovs-ofctl add-flows BRIDGE flows.txt". The export config is YAML or
// JSON holding ovsdb/flowexport values under the OVSDB column names:
//
//	netflow: {targets: ["127.0.0.1:2055"], active_timeout: 60}
//	sflow:   {targets: ["127.0.0.1:6343"], sampling: 64, agent: "127.0.0.1"}
//	ipfix:   {targets: ["127.0.0.1:4739"], sampling: 1, cache_max_flows: 10000, cache_active_timeout: 60}
//	flow_sample_collector_sets: [{id: 5, ipfix: {targets: ["127.0.0.1:4740"]}}]
//
// or the cluster operator's patch (what examples/flowconfig reads), whose
// types get the operator's presets; per-type rows given as well replace
// the preset of their type:
//
//	spec: {exportNetworkFlows: {netFlow: {collectors: ["127.0.0.1:2055"]}}}
//
// Frames arrive on the port given by -in-port, or, in a pcapng file, on
// the port whose name is the capture interface's name (else port N+1 for
// interface N). Time follows the capture's timestamps (an injected
// clock), so a long capture replays as fast as the machine allows with
// the exporter's timers running on capture time. Progress goes to stderr.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/ovsflow/ovsflow/exporter"
)

func main() {
	var o options
	flag.StringVar(&o.Capture, "r", "", "pcap or pcapng file to replay (required)")
	flag.StringVar(&o.Flows, "flows", "", "OpenFlow flows file (ovs-ofctl syntax subset); none = drop everything")
	flag.StringVar(&o.Config, "config", "", "export config, YAML or JSON (required)")
	flag.StringVar(&o.Ports, "ports", "1=p1:1,2=p2:2,3=p3:3,4=p4:4", "bridge ports: OFPORT=NAME:IFINDEX,...")
	flag.IntVar(&o.InPort, "in-port", 1, "OpenFlow input port of a classic pcap's frames")
	flag.StringVar(&o.Agent, "agent", "127.0.0.1", "sFlow agent address when the config names none (or names a device)")
	flag.Uint64Var(&o.Seed, "seed", 1, "random seed of the samplers")
	flag.IntVar(&o.Limit, "limit", 0, "stop after this many frames (0 = all)")
	flag.BoolVar(&o.Quiet, "q", false, "no progress on stderr")
	flag.Parse()
	if o.Capture == "" || o.Config == "" {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var progress io.Writer = os.Stderr
	if o.Quiet {
		progress = nil
	}
	st, err := replay(ctx, o, progress)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ovsreplay:", err)
		os.Exit(1)
	}
	st.print(os.Stderr)
}

type options struct {
	Capture, Flows, Config, Ports, Agent string
	InPort                               int
	Seed                                 uint64
	Limit                                int
	Quiet                                bool
	// Dial overrides the UDP sockets (tests).
	Dial func(exporter.Format, string) (io.Writer, error)
}

// parsePorts reads "1=eth0:11,2=vm1:12".
func parsePorts(s string) ([]exporter.Port, error) {
	var ps []exporter.Port
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		of, rest, ok := strings.Cut(f, "=")
		if !ok {
			return nil, fmt.Errorf("port %q: want OFPORT=NAME:IFINDEX", f)
		}
		name, idx, _ := strings.Cut(rest, ":")
		n, err := strconv.ParseUint(of, 10, 16)
		if err != nil {
			return nil, fmt.Errorf("port %q: OpenFlow port: %v", f, err)
		}
		var ifindex uint64
		if idx != "" {
			if ifindex, err = strconv.ParseUint(idx, 10, 32); err != nil {
				return nil, fmt.Errorf("port %q: ifindex: %v", f, err)
			}
		}
		ps = append(ps, exporter.Port{OFPort: uint16(n), Name: name, IfIndex: uint32(ifindex)})
	}
	if len(ps) == 0 {
		return nil, errors.New("no ports")
	}
	return ps, nil
}

// replayStats is what a replay did.
type replayStats struct {
	frames  int
	elapsed time.Duration
	span    time.Duration
	stats   exporter.Stats
}

func (s *replayStats) print(w io.Writer) {
	fps := float64(s.frames) / s.elapsed.Seconds()
	fmt.Fprintf(w, "%d frames (%v of capture) in %v: %.0f frames/s\n", s.frames, s.span.Round(time.Millisecond), s.elapsed.Round(time.Millisecond), fps)
	for _, f := range []struct {
		name string
		s    exporter.FormatStats
	}{{"NetFlow", s.stats.NetFlow}, {"sFlow", s.stats.SFlow}, {"IPFIX", s.stats.IPFIX}} {
		if f.s.Enabled {
			fmt.Fprintf(w, "%-7s %d records, %d datagrams, %d bytes, %d send errors\n", f.name, f.s.Records, f.s.Datagrams, f.s.Bytes, f.s.SendErrors)
		}
	}
	for i, c := range s.stats.CollectorSets {
		fmt.Fprintf(w, "IPFIX set %d: %d records, %d datagrams, %d send errors\n", i, c.Records, c.Datagrams, c.SendErrors)
	}
}

func parseAgent(s string) netip.Addr {
	a, _ := netip.ParseAddr(s)
	return a
}
