package main

import (
	"cmp"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"time"

	"github.com/ovsflow/ovsflow/internal/packet"
	"github.com/ovsflow/ovsflow/ipfix"
	"github.com/ovsflow/ovsflow/netflow"
	"github.com/ovsflow/ovsflow/sflow"
)

// flowKey names a flow in the summaries.
type flowKey struct {
	src, dst     netip.Addr
	sport, dport uint16
	proto        uint8
}

func (k flowKey) String() string {
	name := map[uint8]string{1: "icmp", 6: "tcp", 17: "udp", 58: "icmp6"}[k.proto]
	if name == "" {
		name = fmt.Sprint("proto ", k.proto)
	}
	if !k.src.IsValid() {
		return "(non-IP)"
	}
	return fmt.Sprintf("%s %s → %s", name, netip.AddrPortFrom(k.src, k.sport), netip.AddrPortFrom(k.dst, k.dport))
}

type counts struct{ packets, bytes uint64 }

// summary is one format's decoded totals.
type summary struct {
	name              string
	datagrams, octets int
	records           int
	extra             string
	flows             map[flowKey]*counts
	errors            int
}

func newSummary(name string) *summary { return &summary{name: name, flows: map[flowKey]*counts{}} }

func (s *summary) add(k flowKey, pkts, bytes uint64) {
	c := s.flows[k]
	if c == nil {
		c = &counts{}
		s.flows[k] = c
	}
	c.packets += pkts
	c.bytes += bytes
}

func (s *summary) print(w io.Writer, what string) {
	fmt.Fprintf(w, "\n%s: %d datagrams, %d bytes, %d %s%s\n", s.name, s.datagrams, s.octets, s.records, what, s.extra)
	if s.errors > 0 {
		fmt.Fprintf(w, "  %d decode errors\n", s.errors)
	}
	type kv struct {
		k flowKey
		c *counts
	}
	var top []kv
	for k, c := range s.flows {
		top = append(top, kv{k, c})
	}
	slices.SortFunc(top, func(a, b kv) int {
		if c := cmp.Compare(b.c.bytes, a.c.bytes); c != 0 {
			return c
		}
		return cmp.Compare(a.k.String(), b.k.String())
	})
	for i, e := range top {
		if i == 5 {
			break
		}
		fmt.Fprintf(w, "  %-58s %10d pkts %12d bytes\n", e.k, e.c.packets, e.c.bytes)
	}
}

func decodeNetFlow(dgs [][]byte) *summary {
	s := newSummary("NetFlow v5")
	var p netflow.V5Parser
	for _, d := range dgs {
		s.datagrams++
		s.octets += len(d)
		if _, err := p.Start(d); err != nil {
			s.errors++
			continue
		}
		for p.Next() {
			r := p.Record()
			s.records++
			s.add(flowKey{r.SrcAddr, r.DstAddr, r.SrcPort, r.DstPort, r.Protocol}, uint64(r.Packets), uint64(r.Octets))
		}
		if p.Err() != nil {
			s.errors++
		}
	}
	return s
}

func decodeSFlow(dgs [][]byte) *summary {
	s := newSummary("sFlow v5")
	var d sflow.Decoder
	var pp packet.Parsed
	counters := 0
	for _, b := range dgs {
		s.datagrams++
		s.octets += len(b)
		if _, err := d.Start(b); err != nil {
			s.errors++
			continue
		}
		for d.NextSample() {
			smp := d.Sample()
			if smp.IsCounter() {
				counters++
				continue
			}
			if !smp.IsFlow() {
				continue
			}
			s.records++
			rate := uint64(smp.FlowSample().SamplingRate)
			for d.NextRecord() {
				r := d.Record()
				if r.Format != sflow.FormatSampledHeader || r.Counter {
					continue
				}
				h, err := r.SampledHeader()
				if err != nil {
					s.errors++
					continue
				}
				pp.Decode(h.Header)
				k := flowKey{src: pp.Src, dst: pp.Dst, sport: pp.SrcPort, dport: pp.DstPort, proto: pp.Protocol}
				if pp.Protocol == packet.ProtoICMP || pp.Protocol == packet.ProtoICMPv6 {
					k.sport, k.dport = 0, uint16(pp.ICMPType)<<8|uint16(pp.ICMPCode)
				}
				// Scale the sample up by the sampling rate: the estimate a
				// collector makes.
				s.add(k, rate, rate*uint64(h.FrameLength))
			}
		}
		if d.Err() != nil {
			s.errors++
		}
	}
	s.extra = fmt.Sprintf(" (+ %d counter samples); top flows estimated from 1-in-N samples", counters)
	return s
}

func decodeIPFIX(msgs [][]byte, from netip.AddrPort) *summary {
	s := newSummary("IPFIX")
	sess := ipfix.NewSession(nil)
	var d ipfix.Decoder
	templates, stats := 0, 0
	reasons := map[uint64]int{}
	for _, m := range msgs {
		s.datagrams++
		s.octets += len(m)
		if _, err := d.Reset(sess, from, m, time.Now()); err != nil {
			s.errors++
			continue
		}
		for d.NextSet() {
			set := d.Set()
			if set.ID < 256 {
				for d.NextTemplate() {
					templates++
				}
				continue
			}
			for d.NextRecord() {
				r := d.Record()
				if set.ID == 462 {
					stats++
					continue
				}
				s.records++
				get := func(id uint16) ipfix.Field { f, _ := r.Get(0, id); return f }
				k := flowKey{sport: uint16(get(7).Uint()), dport: uint16(get(11).Uint()), proto: uint8(get(4).Uint())}
				if f, ok := r.Get(0, 8); ok {
					k.src, _ = netip.AddrFromSlice(f.Raw)
					k.dst, _ = netip.AddrFromSlice(get(12).Raw)
				} else if f, ok := r.Get(0, 27); ok {
					k.src, _ = netip.AddrFromSlice(f.Raw)
					k.dst, _ = netip.AddrFromSlice(get(28).Raw)
				}
				if f, ok := r.Get(0, 176); ok {
					k.dport = uint16(f.Uint())<<8 | uint16(get(177).Uint())
				}
				// Count ingress samples only, so forwarded packets are not
				// counted twice (OVS samples both ends).
				if get(61).Uint() == 0 {
					s.add(k, get(2).Uint(), get(352).Uint())
				}
				reasons[get(136).Uint()]++
			}
		}
		if d.Err() != nil {
			s.errors++
		}
	}
	s.extra = fmt.Sprintf(" (%d templates, %d exporter-stats records; flowEndReason %v)", templates, stats, reasons)
	return s
}

func (r *result) print(w io.Writer) {
	fmt.Fprintf(w, "ovsflow quickstart: %d packets over %v of simulated time, exported as Open vSwitch 3.1 would, in %v\n",
		r.packets, r.simulated, r.taken.Round(time.Millisecond))
	fmt.Fprintf(w, "exporter: NetFlow %d records, sFlow %d samples (%d sampled), IPFIX %d records (%d sampled)\n",
		r.stats.NetFlow.Records, r.stats.SFlow.Records, r.stats.SFlow.Sampled, r.stats.IPFIX.Records, r.stats.IPFIX.Sampled)
	decodeNetFlow(r.netflow).print(w, "flow records")
	decodeSFlow(r.sflow).print(w, "flow samples")
	decodeIPFIX(r.ipfix, netip.MustParseAddrPort("127.0.0.1:4739")).print(w, "data records")
}
