package exporter

import (
	"errors"
	"net/netip"
	"time"

	"github.com/ovsflow/ovsflow/internal/packet"
	"github.com/ovsflow/ovsflow/netflow"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// NetFlow timing constants OVS uses.
const (
	defaultIdle  = 10 * time.Second
	nfSweepEvery = 1000 // ms between active-timeout sweeps
)

// nfKey is OVS's NetFlow aggregation key.
type nfKey struct {
	inPort       uint16
	src, dst     [4]byte
	tos, proto   uint8
	sport, dport uint16
}

// nfFlow mirrors OVS's struct netflow_flow; times are ms on the
// exporter's monotonic scale (see nfExporter.ms).
type nfFlow struct {
	key         nfKey
	output      uint16
	created     int64
	used        int64
	lastExpired int64
	packets     uint64
	bytes       uint64
	tcpFlags    uint16
	live        bool
}

// nfExporter is OVS's struct netflow for one bridge.
type nfExporter struct {
	e          *Exporter
	out        *fanout
	engineType uint8
	engineID   uint8
	addID      bool
	active     int64 // ms
	maxIdle    int64 // ms

	boot        int64
	nextTimeout int64
	seq         uint32 // netflow_cnt
	flows       []nfFlow
	index       map[nfKey]int32
	free        []int32

	// The pending datagram: its header (set when the first record is
	// added) and its records, encoded after the header's room in pkt.
	hdr     netflow.V5Header
	seq0    uint32 // netflow_cnt at the datagram's first record
	pkt     [netflow.V5MaxLen]byte
	pktLen  int
	records uint64
}

func newNetFlow(e *Exporter, row flowexport.NetFlow, cfg Config) (*nfExporter, error) {
	if len(row.Targets) == 0 {
		return nil, errors.New("exporter: NetFlow row has no targets")
	}
	nf := &nfExporter{
		e:          e,
		engineType: cfg.Env.NetFlowEngineType,
		engineID:   cfg.Env.NetFlowEngineID,
		addID:      row.AddIDToInterface,
		active:     int64(row.EffectiveActiveTimeout()) * 1000,
		maxIdle:    cfg.Env.MaxIdle.Milliseconds(),
		index:      make(map[nfKey]int32),
	}
	if row.EngineType != nil {
		nf.engineType = uint8(*row.EngineType)
	}
	if row.EngineID != nil {
		nf.engineID = uint8(*row.EngineID)
	}
	if nf.maxIdle <= 0 {
		nf.maxIdle = defaultIdle.Milliseconds()
	}
	nf.boot = nf.ms(e.epoch)
	out, err := openFanout(NetFlow, row.Targets, cfg.Dial)
	nf.out = out
	return nf, err
}

// ms maps t to OVS's time_msec() scale: milliseconds since the exporter
// was created, plus one second so that no real time is 0 ("unset").
func (nf *nfExporter) ms(t time.Time) int64 {
	return t.Sub(nf.e.epoch).Milliseconds() + 1000
}

// observe is netflow_flow_update with one packet's statistics.
func (nf *nfExporter) observe(p *Packet, pp *packet.Parsed, at, now time.Time) {
	if pp.EtherType != packet.EtherTypeIPv4 || pp.IPVersion != 4 {
		return // NetFlow reports IPv4 only
	}
	// OVS keys on the DSCP bits only: ECN variants share a record.
	k := nfKey{inPort: p.In.OFPort, tos: pp.TOS & 0xfc, proto: pp.Protocol}
	if pp.Src.Is4() && pp.Dst.Is4() { // a truncated header leaves them unset, as in OVS's flow
		k.src, k.dst = pp.Src.As4(), pp.Dst.As4()
	}
	switch pp.Protocol {
	case packet.ProtoICMP:
		k.sport, k.dport = uint16(pp.ICMPType), uint16(pp.ICMPCode)
	case packet.ProtoTCP, packet.ProtoUDP, packet.ProtoSCTP:
		k.sport, k.dport = pp.SrcPort, pp.DstPort
	}
	output := nfOutput(p)
	used := nf.ms(at)
	tnow := nf.ms(now)

	i, ok := nf.index[k]
	if !ok {
		if n := len(nf.free); n > 0 {
			i = nf.free[n-1]
			nf.free = nf.free[:n-1]
		} else {
			nf.flows = append(nf.flows, nfFlow{})
			i = int32(len(nf.flows) - 1)
		}
		nf.flows[i] = nfFlow{key: k, created: used, output: output, live: true}
		nf.index[k] = i
	}
	f := &nf.flows[i]
	if f.output != output {
		nf.expire(f)
		f.created = tnow
		f.output = output
	}
	f.packets++
	f.bytes += uint64(len(p.Frame))
	if pp.Protocol == packet.ProtoTCP {
		f.tcpFlags |= pp.TCPFlags
	}
	u := max(f.used, used)
	if f.used != u {
		f.used = u
		if f.lastExpired == 0 {
			// Keep the time updated to prevent a flood of expiration.
			f.lastExpired = tnow
		}
	}
}

// nfOutput is the output interface OVS's translation records.
func nfOutput(p *Packet) uint16 {
	switch {
	case p.Flood:
		return netflow.OVSOutputFlood
	case len(p.Out) == 0:
		return netflow.OVSOutputDrop
	case len(p.Out) == 1:
		return p.Out[0].OFPort
	}
	return netflow.OVSOutputMultiple
}

// expire is netflow_expire__: export the key's counts (split to fit 32-bit
// counters) and reset them.
func (nf *nfExporter) expire(f *nfFlow) {
	pkts, bytes := f.packets, f.bytes
	f.lastExpired += nf.active
	if pkts == 0 {
		return
	}
	if bytes>>32 <= 175 {
		for bytes > 0 {
			n := (bytes + 0xFFFFFFFE) / 0xFFFFFFFF
			pc := uint32(pkts / n)
			bc := uint32(bytes / n)
			nf.record(f, pc, bc)
			pkts -= uint64(pc)
			bytes -= uint64(bc)
		}
	}
	// else: an impossible byte count (OVS logs a warning and sends nothing).
	f.packets, f.bytes, f.tcpFlags = 0, 0, 0
}

// record is gen_netflow_rec: add one record to the pending datagram,
// sending it once it holds 30.
func (nf *nfExporter) record(f *nfFlow, pkts, bytes uint32) {
	if nf.pktLen == 0 {
		// The header's time stamps are those of the datagram's first
		// record; OVS rewrites count and flow_sequence on every record,
		// which send does once.
		now := nf.e.clock.Now()
		nf.hdr = netflow.V5Header{
			SysUptime:  uint32(nf.ms(now) - nf.boot),
			UnixSecs:   uint32(now.Unix()),
			UnixNsecs:  uint32(now.Nanosecond()),
			EngineType: nf.engineType,
			EngineID:   nf.engineID,
		}
		nf.seq0 = nf.seq
		nf.pktLen = netflow.V5HeaderLen
	}
	nf.hdr.Count++
	nf.seq++

	in, out := f.key.inPort, f.output
	if nf.addID {
		in = netflow.OVSInterface(nf.engineID, in)
		out = netflow.OVSInterface(nf.engineID, out)
	}
	r := netflow.V5Record{
		SrcAddr:  netip.AddrFrom4(f.key.src),
		DstAddr:  netip.AddrFrom4(f.key.dst),
		Input:    in,
		Output:   out,
		Packets:  pkts,
		Octets:   bytes,
		First:    uint32(f.created - nf.boot),
		Last:     uint32(max(f.created, f.used) - nf.boot),
		SrcPort:  f.key.sport,
		DstPort:  f.key.dport,
		TCPFlags: uint8(f.tcpFlags),
		Protocol: f.key.proto,
		ToS:      f.key.tos & 0xfc,
	}
	if f.key.proto == packet.ProtoICMP {
		r.SrcPort, r.DstPort = 0, uint16(uint8(f.key.sport))<<8|uint16(uint8(f.key.dport))
	}
	nf.pktLen = len(r.AppendTo(nf.pkt[:nf.pktLen]))
	nf.records++
	if nf.hdr.Count >= netflow.V5MaxRecords {
		nf.send()
	}
}

// send completes the pending datagram's header (count, and OVS's
// flow_sequence: the index of the last record) and sends it.
func (nf *nfExporter) send() {
	if nf.pktLen == 0 {
		return
	}
	nf.hdr.FlowSequence = netflow.V5OVSSequence(nf.seq0, int(nf.hdr.Count))
	nf.hdr.AppendTo(nf.pkt[:0])
	nf.out.send(nf.pkt[:nf.pktLen])
	nf.pktLen = 0
}

// run is netflow_run: send the pending datagram, then at most once a
// second export keys whose active timeout passed (forgetting idle ones).
// It also models the revalidator deleting datapath flows idle for longer
// than max-idle, which exports and forgets their keys (netflow_flow_clear).
func (nf *nfExporter) run(now time.Time) {
	t := nf.ms(now)
	nf.send()
	// Datapath flow deletion after max-idle: netflow_flow_clear.
	for i := range nf.flows {
		f := &nf.flows[i]
		if f.live && t-f.used > nf.maxIdle {
			nf.expire(f)
			nf.forget(int32(i))
		}
	}
	if t >= nf.nextTimeout {
		nf.nextTimeout = t + nfSweepEvery
		for i := range nf.flows {
			f := &nf.flows[i]
			if !f.live || t <= f.lastExpired+nf.active {
				continue
			}
			idle := f.used < f.lastExpired
			nf.expire(f)
			if idle {
				nf.forget(int32(i))
			}
		}
	}
	nf.send()
}

func (nf *nfExporter) forget(i int32) {
	f := &nf.flows[i]
	delete(nf.index, f.key)
	f.live = false
	nf.free = append(nf.free, i)
}

func (nf *nfExporter) stats(s *FormatStats) {
	s.Enabled = true
	nf.out.stats(s)
	s.Records = nf.records
	s.Flows = len(nf.index)
}
