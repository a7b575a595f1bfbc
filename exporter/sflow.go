package exporter

import (
	"errors"
	"math/rand/v2"
	"net"
	"net/netip"
	"slices"
	"time"

	"github.com/ovsflow/ovsflow/internal/packet"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
	"github.com/ovsflow/ovsflow/sflow"
)

// sFlow constants OVS uses.
const (
	sfMaxDatagram   = sflow.DefaultMaxDatagramSize // SFL_DEFAULT_DATAGRAM_SIZE; samples above half are dropped
	sfDSClassEntity = 2                            // source-id class of the bridge sampler/poller
	sfDSIndexBase   = 1000                         // + sub-agent ID
	sfOutDiscard    = 0x40000100                   // compact output of a dropped packet (format 1, reason 256)
	sfTick          = 1000                         // ms between agent ticks
	allOnes32       = 0xFFFFFFFF
	allOnes64       = ^uint64(0)
)

// sfPoller is a counter poller: one per port with an ifindex plus the
// bridge's global poller.
type sfPoller struct {
	global    bool
	port      int    // index into Exporter.pstats
	name      []byte // the port's name, for the port-name record
	sourceID  uint32
	countdown uint32
	seq       uint32
}

// sfExporter is OVS's dpif_sflow with its agent, one sampler, the pollers
// and one receiver.
type sfExporter struct {
	e       *Exporter
	out     *fanout
	agent   netip.Addr
	sub     uint32
	rate    uint32
	prob    uint32
	header  int
	polling uint32
	rnd     *rand.Rand

	bootSec  int64 // agent boot, whole wall seconds
	nowSec   int64 // agent now, whole wall seconds, advanced on ticks
	nextTick time.Time

	// bld encodes the samples and splits them into datagrams as OVS's
	// agent does (1400 bytes, samples above 700 dropped).
	bld sflow.Builder

	fsSeq   uint32
	pool    uint32
	pollers []sfPoller

	records, sampled, dropped uint64
}

func newSFlow(e *Exporter, row flowexport.SFlow, cfg Config, seed uint64) (*sfExporter, error) {
	if len(row.Targets) == 0 {
		return nil, errors.New("exporter: sFlow row has no targets")
	}
	rate := row.EffectiveSampling()
	if rate == 0 {
		return nil, nil // sampling 0 disables sFlow
	}
	sf := &sfExporter{
		e:       e,
		sub:     cfg.Env.SubAgentID,
		rate:    uint32(rate),
		header:  row.EffectiveHeader(),
		polling: uint32(row.EffectivePolling()),
		rnd:     rand.New(rand.NewPCG(seed, seed^0x5f1f)),
	}
	sf.prob = max(1, allOnes32/sf.rate)
	// Agent address: an IP literal, else the agent device's address, else
	// the source address of the route to the first collector.
	if row.Agent != nil {
		if a, err := netip.ParseAddr(*row.Agent); err == nil {
			sf.agent = a
		}
	}
	if !sf.agent.IsValid() {
		sf.agent = cfg.Env.AgentAddr
	}
	if !sf.agent.IsValid() {
		sf.agent = routeSource(row.Targets)
	}
	if !sf.agent.IsValid() {
		return nil, errors.New("exporter: sFlow has no agent address (set sFlow.agent or Env.AgentAddr)")
	}
	sf.agent = sf.agent.Unmap()
	// Room for a full datagram and the sample that overflows it.
	sf.bld = sflow.NewBuilder(make([]byte, 0, 2*sfMaxDatagram+64), sflow.Header{Agent: sf.agent, SubAgentID: sf.sub, Sequence: 1})
	sf.bld.SetMaxSize(sfMaxDatagram)
	now := e.epoch
	sf.bootSec = now.Unix()
	sf.nowSec = sf.bootSec
	sf.nextTick = now
	if sf.polling > 0 {
		for i, pc := range e.pstats {
			if pc.port.IfIndex != 0 {
				sf.pollers = append(sf.pollers, sfPoller{port: i, sourceID: pc.port.IfIndex, name: []byte(pc.port.Name)})
			}
		}
		sf.pollers = append(sf.pollers, sfPoller{global: true, sourceID: sfSourceID(sf.sub)})
		// The agent keeps its pollers sorted by data source, highest first.
		slices.SortFunc(sf.pollers, func(a, b sfPoller) int {
			switch {
			case a.sourceID > b.sourceID:
				return -1
			case a.sourceID < b.sourceID:
				return 1
			}
			return 0
		})
		for i := range sf.pollers {
			// First poll after a random 1..polling ticks.
			sf.pollers[i].countdown = 1 + sf.rnd.Uint32N(sf.polling)
		}
	}
	out, err := openFanout(SFlow, row.Targets, cfg.Dial)
	sf.out = out
	return sf, err
}

// routeSource returns the local address the kernel would use to reach the
// first target that parses (connecting a UDP socket sends nothing).
func routeSource(targets []string) netip.Addr {
	for _, t := range targets {
		ap, err := ParseTarget(SFlow, t)
		if err != nil {
			continue
		}
		c, err := net.DialUDP("udp", nil, net.UDPAddrFromAddrPort(ap))
		if err != nil {
			continue
		}
		a := c.LocalAddr().(*net.UDPAddr).AddrPort().Addr()
		c.Close()
		return a
	}
	return netip.Addr{}
}

// observe runs the ingress sampler on one packet.
func (sf *sfExporter) observe(p *Packet, pp *packet.Parsed, now time.Time) {
	if sf.prob != allOnes32 && sf.rnd.Uint32() >= sf.prob {
		return
	}
	sf.sampled++
	sf.pool += sf.rate
	sf.fsSeq++

	hlen := min(len(p.Frame), sf.header)
	b := &sf.bld
	b.StartFlowSample(sflow.FlowSample{
		Sequence:     sf.fsSeq,
		Source:       sflow.DataSourceFromCompact(sfSourceID(sf.sub)),
		SamplingRate: sf.rate,
		SamplePool:   sf.pool,
		Input:        sflow.InterfaceFromCompact(p.In.IfIndex), // OVS writes the ifindex as it is
		Output:       sfOutput(p),
	})
	var vid, pcp uint32
	if pp.HasVLAN {
		vid, pcp = uint32(pp.VLANID), uint32(pp.VLANPCP)
	}
	b.AddExtendedSwitch(sflow.ExtendedSwitch{SrcVLAN: vid, SrcPriority: pcp, DstVLAN: vid, DstPriority: pcp})
	b.AddSampledHeader(sflow.SampledHeader{
		Protocol:    sflow.HeaderEthernet,
		FrameLength: uint32(len(p.Frame) + 4),
		Stripped:    4, // the FCS
		Header:      p.Frame[:hlen],
	})
	if t := p.Tunnel; t != nil {
		if t.Key != 0 {
			b.AddVNIIngress(sflow.ExtendedVNI{VNI: uint32(t.Key)})
		}
		if t.Dst.IsValid() {
			var proto uint32
			switch p.In.Tunnel {
			case TunnelVXLAN, TunnelGeneve:
				proto = 17
			case TunnelGRE:
				proto = 47
			}
			b.AddIPv4TunnelIngress(sflow.SampledIPv4{
				Protocol: proto,
				Src:      t.Src,
				Dst:      t.Dst,
				SrcPort:  uint32(t.SrcPort),
				DstPort:  uint32(t.DstPort),
				TOS:      uint32(t.TOS),
			})
		}
	}
	sf.endSample()
}

// endSample ends the sample being built: it is counted, or dropped when
// larger than half a datagram; a datagram it does not fit in is sent.
func (sf *sfExporter) endSample() {
	full, err := sf.bld.EndSample()
	if full != nil {
		sf.out.send(full)
	}
	if err != nil {
		// Only ErrLimit is possible: the values given to the Builder
		// always fit their fields (compact forms are split from 32-bit
		// values and rebuilt unchanged).
		sf.dropped++
		return
	}
	sf.records++
}

// sfSourceID is the compact source ID of the bridge's sampler and
// global poller: class 2, index 1000 + sub-agent ID (an index beyond 24
// bits is ORed into the class bits).
func sfSourceID(sub uint32) uint32 { return sfDSClassEntity<<24 | (sfDSIndexBase + sub) }

// sfOutput is the output interface of a flow sample.
func sfOutput(p *Packet) sflow.Interface {
	switch {
	case len(p.Out) == 0:
		return sflow.Interface{Format: sflow.InterfaceDiscarded, Value: uint32(sflow.DiscardUnknown)}
	case len(p.Out) == 1 && p.Out[0].IfIndex != 0: // also a flood that reached one port
		return sflow.InterfaceFromCompact(p.Out[0].IfIndex) // the ifindex as it is
	}
	return sflow.Interface{Format: sflow.InterfaceMultiple, Value: uint32(len(p.Out))}
}

// run performs the agent ticks that are due: counter polls, then the
// flush of pending samples.
func (sf *sfExporter) run(now time.Time) {
	if now.Before(sf.nextTick) {
		return
	}
	sf.nextTick = now.Add(sfTick * time.Millisecond)
	sf.nowSec = now.Unix()
	sf.bld.SetUptime(uint32((sf.nowSec - sf.bootSec) * 1000))
	for i := range sf.pollers {
		pl := &sf.pollers[i]
		pl.countdown--
		if pl.countdown == 0 {
			sf.poll(pl)
			pl.countdown = sf.polling
		}
	}
	if dg, _ := sf.bld.Flush(); dg != nil {
		sf.out.send(dg)
	}
}

// poll writes one counter sample.
func (sf *sfExporter) poll(pl *sfPoller) {
	pl.seq++
	b := &sf.bld
	b.StartCounterSample(sflow.CounterSample{Sequence: pl.seq, Source: sflow.DataSourceFromCompact(pl.sourceID)})
	if pl.global {
		user, sys, rss := resourceUsage()
		b.AddAppResources(sflow.AppResources{UserTime: user, SystemTime: sys, MemUsed: rss})
		b.AddOVSDatapath(sflow.OVSDatapath{
			Hit:     uint32(sf.e.packets), // every packet, as if cached
			MaskHit: allOnes32,            // unknown
			Masks:   allOnes32,            // unknown
		})
	} else {
		pc := &sf.e.pstats[pl.port]
		c := sf.e.counters(pc)
		b.AddEthernetCounters(sflow.EthernetCounters{
			AlignmentErrors:           uint32(c.RxFrameErrors),
			FCSErrors:                 uint32(c.RxCRCErrors),
			SingleCollisionFrames:     allOnes32,
			MultipleCollisionFrames:   allOnes32,
			SQETestErrors:             allOnes32,
			DeferredTransmissions:     allOnes32,
			LateCollisions:            allOnes32,
			ExcessiveCollisions:       allOnes32,
			InternalMacTransmitErrors: allOnes32,
			CarrierSenseErrors:        allOnes32,
			FrameTooLongs:             uint32(c.RxOverErrors),
			InternalMacReceiveErrors:  allOnes32,
			SymbolErrors:              allOnes32,
		})
		b.AddOpenFlowPort(sflow.OpenFlowPort{DatapathID: sf.e.env.DatapathID, PortNo: uint32(pc.port.OFPort)})
		b.AddPortName(sflow.PortName{Name: pl.name})
		speed := c.Speed
		if speed == 0 {
			speed = 100000000
		}
		b.AddGenericInterface(sflow.GenericInterface{
			IfIndex:          pc.port.IfIndex,
			IfType:           6, // ethernetCsmacd
			IfSpeed:          speed,
			IfDirection:      c.Duplex,
			IfStatus:         c.Status,
			InOctets:         c.RxBytes,
			InUcastPkts:      uint32(c.RxPackets),
			InMulticastPkts:  uint32(c.RxMulticast),
			InBroadcastPkts:  uint32(c.RxBroadcast),
			InDiscards:       uint32(c.RxDropped),
			InErrors:         uint32(c.RxErrors),
			InUnknownProtos:  allOnes32,
			OutOctets:        c.TxBytes,
			OutUcastPkts:     uint32(c.TxPackets),
			OutMulticastPkts: uint32(c.TxMulticast),
			OutBroadcastPkts: uint32(c.TxBroadcast),
			OutDiscards:      uint32(c.TxDropped),
			OutErrors:        uint32(c.TxErrors),
		})
	}
	sf.endSample()
}

// counters returns the interface counters of a port: the caller's, or the
// exporter's own packet and byte counts with everything else unknown (what
// OVS's dummy and many virtual devices report).
func (e *Exporter) counters(pc *portCount) PortCounters {
	if e.env.PortCounters != nil {
		return e.env.PortCounters(pc.port)
	}
	return PortCounters{
		RxPackets: pc.rxPkts, RxBytes: pc.rxBytes,
		TxPackets: pc.txPkts, TxBytes: pc.txBytes,
		RxMulticast: allOnes64, RxBroadcast: allOnes64, RxDropped: allOnes64, RxErrors: allOnes64,
		TxMulticast: allOnes64, TxBroadcast: allOnes64, TxDropped: allOnes64, TxErrors: allOnes64,
		RxFrameErrors: allOnes64, RxCRCErrors: allOnes64, RxOverErrors: allOnes64,
		Status: 3,
	}
}

func (sf *sfExporter) stats(s *FormatStats) {
	s.Enabled = true
	sf.out.stats(s)
	s.Records = sf.records
	s.Sampled = sf.sampled
}
