package exporter

import (
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"net"
	"net/netip"
	"slices"
	"time"

	"github.com/ovsflow/ovsflow/internal/packet"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// sFlow constants OVS uses.
const (
	sfMaxDatagram   = 1400       // SFL_DEFAULT_DATAGRAM_SIZE
	sfMaxSample     = 700        // larger samples are dropped
	sfDSClassEntity = 2          // source-id class of the bridge sampler/poller
	sfDSIndexBase   = 1000       // + sub-agent ID
	sfOutDiscard    = 0x40000100 // dropped, reason 256
	sfOutMulti      = 0x80000000 // | number of outputs
	sfTick          = 1000       // ms between agent ticks
	allOnes32       = 0xFFFFFFFF
	allOnes64       = ^uint64(0)
)

// sfPoller is a counter poller: one per port with an ifindex plus the
// bridge's global poller.
type sfPoller struct {
	global    bool
	port      int // index into Exporter.pstats
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

	dgSeq    uint32
	buf      [sfMaxDatagram + 64]byte
	n        int
	nSamples uint32
	hdrLen   int

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
	sf.hdrLen = 28
	if sf.agent.Is6() {
		sf.hdrLen = 40
	}
	sf.n = sf.hdrLen
	now := e.epoch
	sf.bootSec = now.Unix()
	sf.nowSec = sf.bootSec
	sf.nextTick = now
	if sf.polling > 0 {
		for i, pc := range e.pstats {
			if pc.port.IfIndex != 0 {
				sf.pollers = append(sf.pollers, sfPoller{port: i, sourceID: pc.port.IfIndex})
			}
		}
		sf.pollers = append(sf.pollers, sfPoller{global: true, sourceID: sfDSClassEntity<<24 | (sfDSIndexBase + sf.sub)})
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
	nrec := uint32(2)
	size := 8 + 32 + (8 + 16) + (8 + 16 + hlen + wirePad4(hlen))
	var tunProto uint8
	if t := p.Tunnel; t != nil {
		if t.Key != 0 {
			nrec++
			size += 8 + 4
		}
		if t.Dst.IsValid() {
			nrec++
			size += 8 + 32
		}
		switch p.In.Tunnel {
		case TunnelVXLAN, TunnelGeneve:
			tunProto = 17
		case TunnelGRE:
			tunProto = 47
		}
	}
	if size > sfMaxSample {
		sf.dropped++
		return
	}
	if sf.n+size >= sfMaxDatagram {
		sf.send()
	}
	b := sf.buf[:sf.n]
	b = be32(b, 1) // flow sample, enterprise 0 format 1
	b = be32(b, uint32(size-8))
	b = be32(b, sf.fsSeq)
	b = be32(b, sfDSClassEntity<<24|(sfDSIndexBase+sf.sub))
	b = be32(b, sf.rate)
	b = be32(b, sf.pool)
	b = be32(b, 0) // drops
	b = be32(b, p.In.IfIndex)
	b = be32(b, sfOutput(p))
	b = be32(b, nrec)
	// extended switch
	b = be32(b, 1001)
	b = be32(b, 16)
	var vid, pcp uint32
	if pp.HasVLAN {
		vid, pcp = uint32(pp.VLANID), uint32(pp.VLANPCP)
	}
	b = be32(b, vid)
	b = be32(b, pcp)
	b = be32(b, vid)
	b = be32(b, pcp)
	// sampled header
	b = be32(b, 1)
	b = be32(b, uint32(16+hlen+wirePad4(hlen)))
	b = be32(b, 1) // Ethernet
	b = be32(b, uint32(len(p.Frame)+4))
	b = be32(b, 4)
	b = be32(b, uint32(hlen))
	b = append(b, p.Frame[:hlen]...)
	b = append(b, zeros4[:wirePad4(hlen)]...)
	if t := p.Tunnel; t != nil {
		if t.Key != 0 { // VNI ingress
			b = be32(b, 1030)
			b = be32(b, 4)
			b = be32(b, uint32(t.Key))
		}
		if t.Dst.IsValid() { // IPv4 tunnel ingress
			b = be32(b, 1024)
			b = be32(b, 32)
			b = be32(b, 0)
			b = be32(b, uint32(tunProto))
			b = append4(b, t.Src)
			b = append4(b, t.Dst)
			b = be32(b, uint32(t.SrcPort))
			b = be32(b, uint32(t.DstPort))
			b = be32(b, 0)
			b = be32(b, uint32(t.TOS))
		}
	}
	sf.n = len(b)
	sf.nSamples++
	sf.records++
}

// sfOutput encodes the output interface of a flow sample.
func sfOutput(p *Packet) uint32 {
	switch {
	case len(p.Out) == 0:
		return sfOutDiscard
	case len(p.Out) == 1 && p.Out[0].IfIndex != 0: // also a flood that reached one port
		return p.Out[0].IfIndex
	}
	return sfOutMulti | uint32(len(p.Out))
}

// run performs the agent ticks that are due: counter polls, then the
// flush of pending samples.
func (sf *sfExporter) run(now time.Time) {
	if now.Before(sf.nextTick) {
		return
	}
	sf.nextTick = now.Add(sfTick * time.Millisecond)
	sf.nowSec = now.Unix()
	for i := range sf.pollers {
		pl := &sf.pollers[i]
		pl.countdown--
		if pl.countdown == 0 {
			sf.poll(pl)
			pl.countdown = sf.polling
		}
	}
	if sf.nSamples > 0 {
		sf.send()
	}
}

// poll writes one counter sample.
func (sf *sfExporter) poll(pl *sfPoller) {
	pl.seq++
	var size int
	if pl.global {
		size = 8 + 12 + (8 + 40) + (8 + 24)
	} else {
		name := sf.e.pstats[pl.port].port.Name
		size = 8 + 12 + (8 + 52) + (8 + 12) + (8 + 4 + len(name) + wirePad4(len(name))) + (8 + 88)
	}
	if size > sfMaxSample {
		sf.dropped++
		return
	}
	if sf.n+size >= sfMaxDatagram {
		sf.send()
	}
	b := sf.buf[:sf.n]
	b = be32(b, 2) // counter sample, enterprise 0 format 2
	b = be32(b, uint32(size-8))
	b = be32(b, pl.seq)
	b = be32(b, pl.sourceID)
	if pl.global {
		b = be32(b, 2)
		user, sys, rss := resourceUsage()
		b = be32(b, 2203)
		b = be32(b, 40)
		b = be32(b, user)
		b = be32(b, sys)
		b = be64(b, rss)
		b = be64(b, 0)
		b = append(b, zeros4[:]...)
		b = append(b, zeros4[:]...)
		b = append(b, zeros4[:]...)
		b = append(b, zeros4[:]...)
		b = be32(b, 2207)
		b = be32(b, 24)
		b = be32(b, uint32(sf.e.packets)) // n_hit: every packet, as if cached
		b = be32(b, 0)                    // n_missed
		b = be32(b, 0)                    // n_lost
		b = be32(b, allOnes32)            // n_mask_hit: unknown
		b = be32(b, 0)                    // n_flows
		b = be32(b, allOnes32)            // n_masks: unknown
	} else {
		pc := &sf.e.pstats[pl.port]
		c := sf.e.counters(pc)
		b = be32(b, 4)
		b = be32(b, 2) // ethernet
		b = be32(b, 52)
		for i := range 13 {
			v := uint32(allOnes32)
			switch i {
			case 0:
				v = uint32(c.RxFrameErrors)
			case 1:
				v = uint32(c.RxCRCErrors)
			case 10:
				v = uint32(c.RxOverErrors)
			}
			b = be32(b, v)
		}
		b = be32(b, 1004) // OpenFlow port
		b = be32(b, 12)
		b = be64(b, sf.e.env.DatapathID)
		b = be32(b, uint32(pc.port.OFPort))
		name := pc.port.Name
		b = be32(b, 1005) // port name
		b = be32(b, uint32(4+len(name)+wirePad4(len(name))))
		b = be32(b, uint32(len(name)))
		b = append(b, name...)
		b = append(b, zeros4[:wirePad4(len(name))]...)
		b = be32(b, 1) // generic interface
		b = be32(b, 88)
		b = be32(b, pc.port.IfIndex)
		b = be32(b, 6)
		speed := c.Speed
		if speed == 0 {
			speed = 100000000
		}
		b = be64(b, speed)
		b = be32(b, c.Duplex)
		b = be32(b, c.Status)
		b = be64(b, c.RxBytes)
		b = be32(b, uint32(c.RxPackets))
		b = be32(b, uint32(c.RxMulticast))
		b = be32(b, uint32(c.RxBroadcast))
		b = be32(b, uint32(c.RxDropped))
		b = be32(b, uint32(c.RxErrors))
		b = be32(b, allOnes32) // unknown protos
		b = be64(b, c.TxBytes)
		b = be32(b, uint32(c.TxPackets))
		b = be32(b, uint32(c.TxMulticast))
		b = be32(b, uint32(c.TxBroadcast))
		b = be32(b, uint32(c.TxDropped))
		b = be32(b, uint32(c.TxErrors))
		b = be32(b, 0) // promiscuous
	}
	sf.n = len(b)
	sf.nSamples++
	sf.records++
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

// send fills in the datagram header and sends the pending samples.
func (sf *sfExporter) send() {
	sf.dgSeq++
	b := sf.buf[:0]
	b = be32(b, 5)
	if sf.agent.Is6() {
		b = be32(b, 2)
		a := sf.agent.As16()
		b = append(b, a[:]...)
	} else {
		b = be32(b, 1)
		b = append4(b, sf.agent)
	}
	b = be32(b, sf.sub)
	b = be32(b, sf.dgSeq)
	b = be32(b, uint32((sf.nowSec-sf.bootSec)*1000))
	b = be32(b, sf.nSamples)
	sf.out.send(sf.buf[:sf.n])
	sf.n = sf.hdrLen
	sf.nSamples = 0
	_ = b
}

func (sf *sfExporter) stats(s *FormatStats) {
	s.Enabled = true
	sf.out.stats(s)
	s.Records = sf.records
	s.Sampled = sf.sampled
}

var zeros4 [4]byte

func wirePad4(n int) int { return (4 - n&3) & 3 }

func be32(b []byte, v uint32) []byte { return binary.BigEndian.AppendUint32(b, v) }
func be64(b []byte, v uint64) []byte { return binary.BigEndian.AppendUint64(b, v) }
func be16(b []byte, v uint16) []byte { return binary.BigEndian.AppendUint16(b, v) }

func append4(b []byte, a netip.Addr) []byte {
	a = a.Unmap()
	if !a.Is4() {
		return append(b, 0, 0, 0, 0)
	}
	v := a.As4()
	return append(b, v[:]...)
}
