package exporter

import (
	"context"
	"errors"
	"io"
	"net/netip"
	"sync"
	"time"

	"github.com/ovsflow/ovsflow/internal/packet"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// Format names one of the three export formats.
type Format uint8

// The export formats.
const (
	NetFlow Format = iota + 1
	SFlow
	IPFIX
)

// String returns "netflow", "sflow" or "ipfix".
func (f Format) String() string {
	switch f {
	case NetFlow:
		return "netflow"
	case SFlow:
		return "sflow"
	case IPFIX:
		return "ipfix"
	}
	return "format(" + itoa(uint64(f)) + ")"
}

// ErrClosed is returned by [Exporter.Observe] after [Exporter.Close].
var ErrClosed = errors.New("exporter: closed")

// Port describes a bridge port as OVS knows it.
type Port struct {
	// OFPort is the OpenFlow port number (NetFlow's interface fields).
	OFPort uint16
	// IfIndex is the kernel ifindex of the port's network device (sFlow and
	// IPFIX interface fields); 0 when the device has none, as for tunnel
	// ports. Only ports with an ifindex get an sFlow counter poller.
	IfIndex uint32
	// Name is the network device name (sFlow port-name counters, IPFIX
	// interfaceName; at most 64 bytes are exported).
	Name string
	// Tunnel is the port's tunnel type, TunnelNone for a regular port.
	Tunnel TunnelType
}

// TunnelType is the encapsulation of a tunnel port.
type TunnelType uint8

// Tunnel port types (the values are OVS's IPFIX tunnelType codes).
const (
	TunnelNone   TunnelType = 0
	TunnelVXLAN  TunnelType = 0x01
	TunnelGRE    TunnelType = 0x02
	TunnelGeneve TunnelType = 0x07
)

// Tunnel is the metadata of a packet received on a tunnel port (after
// decapsulation): the outer header it arrived in.
type Tunnel struct {
	// Src and Dst are the outer IPv4 addresses (IPv6 tunnels are not
	// exported by OVS's IPFIX and sFlow tunnel records).
	Src, Dst netip.Addr
	// SrcPort and DstPort are the outer UDP ports (0 for GRE).
	SrcPort, DstPort uint16
	// TOS and TTL are the outer header's.
	TOS, TTL uint8
	// Key is the tunnel ID: the VNI of VXLAN or Geneve, the GRE key.
	Key uint64
}

// SampleDirection is the direction argument of an OpenFlow sample action.
type SampleDirection uint8

// Sample directions.
const (
	// SampleDefault lets the exporter decide: ingress when the sample has
	// no output port, egress otherwise.
	SampleDefault SampleDirection = iota
	SampleIngress
	SampleEgress
)

// Sample is one OpenFlow sample() action executed for a packet, which
// sends a flow-based IPFIX sample to the collector set it names.
type Sample struct {
	// CollectorSetID selects a [CollectorSet] of the configuration.
	CollectorSetID uint32
	// Probability is the action's 16-bit probability (65535 = always).
	Probability uint16
	// ObsDomainID and ObsPointID are copied into the record.
	ObsDomainID, ObsPointID uint32
	// Direction is the action's direction option.
	Direction SampleDirection
	// Port is the action's sampling_port, nil when not given.
	Port *Port
}

// Packet is one observation: a frame a bridge received and what the bridge
// did with it.
type Packet struct {
	// Time is when the packet was received, and the current time for the
	// work this observation does (NetFlow's output-change export, the IPFIX
	// cache); zero means the clock's now. Timers run by Flush always read
	// the clock.
	Time time.Time
	// Frame is the Ethernet frame as received (no FCS). The exporter reads
	// it during Observe and keeps no reference.
	Frame []byte
	// In is the input port.
	In Port
	// Out lists the ports the packet was sent out of, in action order.
	// Empty (and Flood false) means the packet was dropped.
	Out []Port
	// Flood reports that the outputs came from a FLOOD, ALL or NORMAL
	// flooding action (NetFlow reports output 65535).
	Flood bool
	// Tunnel, when not nil, is the tunnel the packet arrived in; In should
	// then be a tunnel port.
	Tunnel *Tunnel
	// Samples are the OpenFlow sample() actions the packet hit
	// (flow-based IPFIX).
	Samples []Sample
}

// Env holds the facts OVS takes from the host rather than from the
// database.
type Env struct {
	// NetFlowEngineType and NetFlowEngineID are the datapath's defaults,
	// used when the NetFlow row leaves engine_type/engine_id unset (OVS's
	// kernel datapath: the ovs-system ifindex's low byte for both).
	NetFlowEngineType, NetFlowEngineID uint8
	// MaxIdle is how long a datapath flow may be idle before OVS deletes
	// it, which exports its NetFlow record (other_config:max-idle); 0
	// means 10 s.
	MaxIdle time.Duration
	// SubAgentID is the sFlow sub-agent ID: the bridge's index among the
	// bridges that have sFlow (0 on OVN-Kubernetes nodes).
	SubAgentID uint32
	// AgentAddr is the address of the sFlow agent device when sFlow.agent
	// names a device; when sFlow.agent is an IP literal that is used, and
	// when both are unset the source address of the route to the first
	// collector is used (as OVS does).
	AgentAddr netip.Addr
	// DatapathID is the bridge's OpenFlow datapath ID (sFlow OpenFlow port
	// counters).
	DatapathID uint64
	// ExporterID is the IPFIX exportingProcessId of the bridge exporter
	// (OVS counts exporters from 1); 0 means 1.
	ExporterID uint32
	// Ports are the bridge ports; those with an ifindex get an sFlow
	// counter poller. Their counters are kept from the observed packets
	// unless PortCounters is set.
	Ports []Port
	// PortCounters, when set, supplies a port's interface counters for
	// sFlow counter samples instead of the exporter's own counts.
	PortCounters func(Port) PortCounters
}

// PortCounters are the interface counters of one port, as OVS reads them
// from the network device. A field OVS cannot read is all ones.
type PortCounters struct {
	// Receive counters (generic interface record).
	RxPackets, RxBytes, RxMulticast, RxBroadcast, RxDropped, RxErrors uint64
	// Transmit counters (generic interface record).
	TxPackets, TxBytes, TxMulticast, TxBroadcast, TxDropped, TxErrors uint64
	// Ethernet record: alignment, FCS and frame-too-long errors.
	RxFrameErrors, RxCRCErrors, RxOverErrors uint64
	// Speed is the link speed in bit/s; 0 means unknown (reported as
	// 100 Mb/s, like OVS).
	Speed uint64
	// Duplex is 1 full, 2 half, 0 unknown; Status has bit 0 admin up, bit 1
	// carrier up.
	Duplex, Status uint32
}

// CollectorSet is a Flow_Sample_Collector_Set row with IPFIX: the
// collectors that OpenFlow sample() actions naming ID export to.
type CollectorSet struct {
	// ID is the collector_set_id sample() actions name.
	ID uint32
	// IPFIX is the set's IPFIX row.
	IPFIX flowexport.IPFIX
	// ExporterID is the set's IPFIX exportingProcessId; 0 means one more
	// than the bridge exporter's (and than the sets before it).
	ExporterID uint32
}

// Config configures an [Exporter]. The zero value exports nothing; each
// format is enabled by its row, the same value the flow-export API writes
// into the Open_vSwitch database, so one value configures real OVS and the
// exporter alike.
type Config struct {
	// NetFlow, SFlow and IPFIX are the bridge's rows; nil disables the
	// type.
	NetFlow *flowexport.NetFlow
	SFlow   *flowexport.SFlow
	IPFIX   *flowexport.IPFIX
	// CollectorSets enable flow-based IPFIX.
	CollectorSets []CollectorSet
	// Env holds the host facts (engine IDs, agent address, ports, ...).
	Env Env
	// Clock defaults to [SystemClock].
	Clock Clock
	// Seed seeds the random source of sampling and of sFlow's first
	// counter poll; 0 picks a random seed. Equal seeds with equal input
	// give equal output.
	Seed uint64
	// Dial opens the writer for one collector target; nil opens a
	// non-blocking connected UDP socket, as OVS does. Every Write must send
	// one datagram and must not block: a writer that blocks would hold up
	// the others and the packet path. A writer that implements io.Closer is
	// closed by [Exporter.Close].
	Dial func(f Format, target string) (io.Writer, error)
	// TickInterval is how often [Exporter.Run] runs the timers; 0 means
	// 100 ms.
	TickInterval time.Duration
	// NewerOVS models Open vSwitch 3.2 and later where they differ from
	// 3.1, the default: the IPFIX stats_interval and template_interval
	// columns are honoured (3.1 uses 600 s whatever they say) and sFlow's
	// ifSpeed is computed in 32 bits (wrapping at 4295 Mb/s).
	NewerOVS bool
}

// Exporter turns [Packet] observations into NetFlow v5, sFlow v5 and IPFIX
// datagrams as Open vSwitch 3.1 would, and sends each to every collector of
// its type. All methods are safe for concurrent use.
type Exporter struct {
	mu     sync.Mutex
	clock  Clock
	tick   time.Duration
	closed bool
	done   chan struct{}
	epoch  time.Time

	parsed packet.Parsed
	ports  map[uint16]int // OFPort → index in portStats
	pstats []portCount

	nf   *nfExporter
	sf   *sfExporter
	ipfx *ipfixExporter
	sets []*ipfixExporter

	packets uint64
	env     Env
}

type portCount struct {
	port                      Port
	rxPkts, rxBytes, rxM, rxB uint64
	txPkts, txBytes, txM, txB uint64
}

// New builds an exporter and opens its collectors. It starts no goroutine.
// A target that cannot be opened is skipped, as OVS skips it; New then
// returns the exporter together with an error describing the skipped
// targets (a [*TargetError] per target, joined). Each row is validated as
// the flow-export API validates it before writing it to the database (its
// Validate method); a row that fails returns a nil Exporter and the
// validation error.
func New(cfg Config) (*Exporter, error) {
	e := &Exporter{clock: cfg.Clock, tick: cfg.TickInterval, done: make(chan struct{}), env: cfg.Env}
	if e.clock == nil {
		e.clock = SystemClock{}
	}
	if e.tick <= 0 {
		e.tick = 100 * time.Millisecond
	}
	e.epoch = e.clock.Now()
	e.ports = make(map[uint16]int, len(cfg.Env.Ports))
	for _, p := range cfg.Env.Ports {
		if _, dup := e.ports[p.OFPort]; dup {
			continue
		}
		e.ports[p.OFPort] = len(e.pstats)
		e.pstats = append(e.pstats, portCount{port: p})
	}
	seed := cfg.Seed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	var errs []error
	fail := func(err error) (*Exporter, error) {
		e.closeAll()
		return nil, err
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if cfg.NetFlow != nil {
		nf, err := newNetFlow(e, *cfg.NetFlow, cfg)
		if nf == nil {
			return fail(err)
		}
		e.nf = nf
		errs = append(errs, err)
	}
	if cfg.SFlow != nil {
		sf, err := newSFlow(e, *cfg.SFlow, cfg, seed)
		if sf == nil && err != nil {
			return fail(err)
		}
		e.sf = sf
		errs = append(errs, err)
	}
	exporterID := cfg.Env.ExporterID
	if exporterID == 0 {
		exporterID = 1
	}
	if cfg.IPFIX != nil {
		x, err := newIPFIX(e, *cfg.IPFIX, false, exporterID, cfg, seed+1)
		if x == nil && err != nil {
			return fail(err)
		}
		e.ipfx = x
		errs = append(errs, err)
	}
	for i, cs := range cfg.CollectorSets {
		id := cs.ExporterID
		if id == 0 {
			id = exporterID + uint32(i) + 1
		}
		x, err := newIPFIX(e, cs.IPFIX, true, id, cfg, seed+2+uint64(i))
		if x == nil && err != nil {
			return fail(err)
		}
		if x != nil {
			x.setID = cs.ID
			e.sets = append(e.sets, x)
		}
		errs = append(errs, err)
	}
	return e, errors.Join(errs...)
}

// validate checks each row as the flow-export API does before writing it
// (an IPFIX row without targets is left out: OVS ignores it).
func (c *Config) validate() error {
	if c.NetFlow != nil {
		if err := c.NetFlow.Validate(); err != nil {
			return err
		}
	}
	if c.SFlow != nil {
		if err := c.SFlow.Validate(); err != nil {
			return err
		}
	}
	if c.IPFIX != nil && len(c.IPFIX.AllTargets()) > 0 {
		if err := c.IPFIX.Validate(); err != nil {
			return err
		}
	}
	for _, cs := range c.CollectorSets {
		if len(cs.IPFIX.AllTargets()) > 0 {
			if err := cs.IPFIX.Validate(); err != nil {
				return err
			}
		}
	}
	return nil
}

// Observe accounts one packet: NetFlow's flow cache, sFlow's sampler and
// IPFIX's ingress and egress samplers (and the sample actions it names).
// It reads p.Frame only during the call. In steady state it does not
// allocate.
func (e *Exporter) Observe(p *Packet) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return ErrClosed
	}
	at := p.Time
	now := at
	if at.IsZero() {
		now = e.clock.Now()
		at = now
	}
	e.packets++
	e.parsed.DecodeOuter(p.Frame)
	pp := &e.parsed
	e.countPorts(p, pp)
	if e.nf != nil {
		e.nf.observe(p, pp, at, now)
	}
	if e.sf != nil {
		e.sf.observe(p, pp, now)
	}
	if e.ipfx != nil {
		e.ipfx.observeBridge(p, pp, at, now)
	}
	for _, s := range p.Samples {
		for _, x := range e.sets {
			if x.setID == s.CollectorSetID {
				x.observeSample(p, pp, &s, at, now)
			}
		}
	}
	return nil
}

// portIndex returns the index in e.pstats of OpenFlow port of, or -1.
func (e *Exporter) portIndex(of uint16) int {
	if len(e.pstats) <= 16 {
		for i := range e.pstats {
			if e.pstats[i].port.OFPort == of {
				return i
			}
		}
		return -1
	}
	if i, ok := e.ports[of]; ok {
		return i
	}
	return -1
}

// countPorts keeps the port counters sFlow's counter samples report (only
// when something will read them).
func (e *Exporter) countPorts(p *Packet, pp *packet.Parsed) {
	if len(e.pstats) == 0 || e.sf == nil || len(e.sf.pollers) == 0 || e.env.PortCounters != nil {
		return
	}
	n := uint64(len(p.Frame))
	bcast := pp.DstMAC == [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	mcast := !bcast && pp.DstMAC[0]&1 != 0
	if i := e.portIndex(p.In.OFPort); i >= 0 {
		c := &e.pstats[i]
		c.rxPkts++
		c.rxBytes += n
		if bcast {
			c.rxB++
		} else if mcast {
			c.rxM++
		}
	}
	for _, o := range p.Out {
		if i := e.portIndex(o.OFPort); i >= 0 {
			c := &e.pstats[i]
			c.txPkts++
			c.txBytes += n
			if bcast {
				c.txB++
			} else if mcast {
				c.txM++
			}
		}
	}
}

// Flush runs every timer that is due at the clock's current time (NetFlow
// active and idle expiry, the sFlow one-second tick with its counter polls,
// the IPFIX cache) and sends what is pending, as one iteration of OVS's
// main loop does. [Exporter.Run] calls it periodically; without Run, call
// it yourself.
func (e *Exporter) Flush() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return
	}
	now := e.clock.Now()
	if e.nf != nil {
		e.nf.run(now)
	}
	if e.sf != nil {
		e.sf.run(now)
	}
	if e.ipfx != nil {
		e.ipfx.run(now)
	}
	for _, x := range e.sets {
		x.run(now)
	}
}

// Run calls [Exporter.Flush] every Config.TickInterval until ctx is done
// or the exporter is closed. It is the only method that starts timers; it
// returns ctx.Err(), or nil after Close.
func (e *Exporter) Run(ctx context.Context) error {
	t := time.NewTicker(e.tick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-e.done:
			return nil
		case <-t.C:
			e.Flush()
		}
	}
}

// Close tears the exporter down as OVS does when the rows are removed:
// NetFlow drops its pending datagram and unexported counts, sFlow drops
// unsent samples, IPFIX flushes its flow caches with flowEndReason 4
// (forced end) to its collectors. Then it closes the sockets it opened.
// Close is idempotent.
func (e *Exporter) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	close(e.done)
	now := e.clock.Now()
	if e.ipfx != nil {
		e.ipfx.forceFlush(now)
	}
	for _, x := range e.sets {
		x.forceFlush(now)
	}
	return e.closeAll()
}

func (e *Exporter) closeAll() error {
	var errs []error
	if e.nf != nil {
		errs = append(errs, e.nf.out.close())
	}
	if e.sf != nil {
		errs = append(errs, e.sf.out.close())
	}
	if e.ipfx != nil {
		errs = append(errs, e.ipfx.out.close())
	}
	for _, x := range e.sets {
		errs = append(errs, x.out.close())
	}
	return errors.Join(errs...)
}

// Stats is a snapshot of an exporter's counters.
type Stats struct {
	// Packets is the number of observations.
	Packets uint64
	NetFlow FormatStats
	SFlow   FormatStats
	// IPFIX is the bridge exporter; CollectorSets the flow-based ones, in
	// configuration order.
	IPFIX         FormatStats
	CollectorSets []FormatStats
}

// FormatStats counts the work of one export type.
type FormatStats struct {
	// Enabled reports whether the type is configured.
	Enabled bool
	// Collectors is the number of collectors that opened.
	Collectors int
	// Datagrams and Bytes count what was built (each sent to every
	// collector).
	Datagrams, Bytes uint64
	// SendErrors counts failed (datagram, collector) pairs; for IPFIX it
	// is exported as notSentPacketTotalCount.
	SendErrors uint64
	// Records counts NetFlow records, sFlow flow and counter samples, and
	// IPFIX data records.
	Records uint64
	// Sampled counts packets taken by sFlow's or IPFIX's samplers.
	Sampled uint64
	// Flows is the number of entries in the flow cache.
	Flows int
	// PerCollector breaks the sends down by target.
	PerCollector []CollectorStats
}

// CollectorStats counts the sends to one collector.
type CollectorStats struct {
	// Target is the collector as configured.
	Target string
	// Sent and Failed count the datagrams written and the failed writes.
	Sent, Failed uint64
	// LastError is the error of the last failed write, nil if none.
	LastError error
}

// Stats returns a snapshot of the counters.
func (e *Exporter) Stats() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := Stats{Packets: e.packets}
	if e.nf != nil {
		e.nf.stats(&s.NetFlow)
	}
	if e.sf != nil {
		e.sf.stats(&s.SFlow)
	}
	if e.ipfx != nil {
		e.ipfx.stats(&s.IPFIX)
	}
	for _, x := range e.sets {
		var fs FormatStats
		x.stats(&fs)
		s.CollectorSets = append(s.CollectorSets, fs)
	}
	return s
}

func itoa(v uint64) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return string(b[i:])
}
