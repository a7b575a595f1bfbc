package exporter

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/maphash"
	"math/rand/v2"
	"time"

	"github.com/ovsflow/ovsflow/internal/packet"
	"github.com/ovsflow/ovsflow/internal/wire"
	"github.com/ovsflow/ovsflow/ipfix"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// Lengths of the fixed-layout non-key fields of every data record: the
// time deltas, packet counters and flowEndReason; the octet counters of
// records with an IP header; the TCP flag counters.
const (
	ipfixCountersLen    = 4 + 4 + 13*8 + 1
	ipfixL3CountersLen  = 10 * 8
	ipfixTCPCountersLen = 6 * 8
)

// IPFIX flowEndReason values OVS produces.
const (
	reasonActiveTimeout = 2
	reasonForcedEnd     = 4
	reasonLackResources = 5
)

// ipfixTotals are the exporter-wide running totals OVS exports in every
// *TotalCount field.
type ipfixTotals struct {
	pkt, dropPkt, inU, inM, inB, outU, outB, postM, l2 uint64
	dropOct, oct, sumsq, postMOct                      uint64
	ack, fin, psh, rst, syn, urg                       uint64
}

// ipfixEntry is one flow-cache entry (or one sample on its way out).
type ipfixEntry struct {
	// key is the scratch entry's key: domain(4) template(2) key fields
	// (template order, in their wire form: export copies them into the
	// data record as they are). Cache entries keep theirs inline (kin, klen), in
	// the same cache line as the counters, or, when longer, in kext.
	key      []byte
	kin      [104]byte
	klen     uint8
	kext     []byte
	l3, l4   int
	start    int64 // µs
	end      int64
	pkt      uint64
	l2       uint64
	dropPkt  uint64
	postMPkt uint64
	oct      uint64
	dropOct  uint64
	sumsq    uint64
	postMOct uint64
	minLen   uint64
	maxLen   uint64
	tot      ipfixTotals
	prev     int32
	next     int32
	hash     uint64
	chain    int32 // next entry with the same hash, -1 at the end
	live     bool
}

// keyBytes returns the entry's key: the scratch entry's key slice, or a
// cache entry's inline or slab-held copy.
func (en *ipfixEntry) keyBytes() []byte {
	switch {
	case en.kext != nil:
		return en.kext
	case en.klen > 0:
		return en.kin[:en.klen]
	}
	return en.key
}

func (en *ipfixEntry) domain() uint32   { return binary.BigEndian.Uint32(en.keyBytes()) }
func (en *ipfixEntry) template() uint16 { return binary.BigEndian.Uint16(en.keyBytes()[4:]) }

// ipfixExporter is one OVS IPFIX exporter: the bridge's, or one per
// flow-based collector set.
type ipfixExporter struct {
	e          *Exporter
	out        *fanout
	flowBased  bool
	setID      uint32
	exporterID uint32
	rnd        *rand.Rand

	prob                 uint32 // bridge mode
	delta                uint64
	obsDomain, obsPoint  uint32
	input, output, tunnl bool
	virtualObsID         string
	hasVirtual           bool

	activeUS    int64
	maxFlows    uint64
	statsIvl    int64 // s
	templateIvl int64 // s
	newer       bool

	seq          uint32
	lastStats    int64
	statsSent    bool
	lastTemplate map[uint32]int64
	templates    *templateMsgs // OVS's catalogue, encoded
	tmsg         []byte        // a template message being sent

	tot     ipfixTotals
	entries []ipfixEntry
	index   map[uint64]int32 // maphash of the key → first entry of its chain
	seed    maphash.Seed
	count   int
	free    []int32
	head    int32 // oldest
	tail    int32
	scratch ipfixEntry
	keybuf  []byte
	slab    []byte
	// bld encodes every message, started by StartMessage with OVS's
	// header; its flush function sends each one as it is completed and
	// the Builder reuses the space.
	bld ipfix.Builder

	records, sampled uint64
}

func newIPFIX(e *Exporter, row flowexport.IPFIX, flowBased bool, exporterID uint32, cfg Config, seed uint64) (*ipfixExporter, error) {
	targets := row.AllTargets()
	if len(targets) == 0 {
		// OVS ignores a row without targets.
		return nil, nil
	}
	x := &ipfixExporter{
		e:            e,
		flowBased:    flowBased,
		exporterID:   exporterID,
		rnd:          rand.New(rand.NewPCG(seed, seed^0x1f1f)),
		obsDomain:    uint32(row.EffectiveObsDomainID()),
		obsPoint:     uint32(row.EffectiveObsPointID()),
		input:        row.OVSInputSampling(), // inverted like OVS; see its doc
		output:       row.OVSOutputSampling(),
		tunnl:        row.EnableTunnelSampling(),
		activeUS:     int64(row.EffectiveCacheActiveTimeout()) * 1e6,
		maxFlows:     uint64(row.EffectiveCacheMaxFlows()),
		statsIvl:     600,
		templateIvl:  600,
		newer:        cfg.NewerOVS,
		lastTemplate: make(map[uint32]int64),
		index:        make(map[uint64]int32),
		seed:         maphash.MakeSeed(),
		seq:          1, // the sequence counter starts at 1
		head:         -1,
		tail:         -1,
		keybuf:       make([]byte, 0, 512),
		tmsg:         make([]byte, 0, 2048),
	}
	if cfg.NewerOVS {
		x.statsIvl = int64(row.EffectiveStatsInterval())
		x.templateIvl = int64(row.EffectiveTemplateInterval())
	}
	x.virtualObsID, x.hasVirtual = row.VirtualObsID()
	if len(x.virtualObsID) > flowexport.MaxVirtualObsIDLen {
		return nil, errors.New("exporter: IPFIX virtual_obs_id longer than 254 bytes disables the exporter")
	}
	rate := uint64(row.EffectiveSampling())
	if rate == 0 {
		rate = 1
	}
	x.prob = uint32(max(1, uint64(allOnes32)/rate))
	x.delta = uint64(allOnes32) / uint64(x.prob)
	x.templates = templateMessagesFor(x.hasVirtual)
	if x.maxFlows > 0 {
		n := int(min(x.maxFlows+1, 1<<16))
		x.entries = make([]ipfixEntry, 0, n)
		x.index = make(map[uint64]int32, n)
	}
	x.scratch.key = make([]byte, 0, 512)
	out, err := openFanout(IPFIX, targets, cfg.Dial)
	x.out = out
	x.resetBuilder()
	return x, err
}

// usec is OVS's wall-clock timestamp: microseconds at ms resolution.
func usec(t time.Time) int64 { return t.UnixMilli() * 1000 }

// observeBridge runs the per-bridge ingress and egress samplers.
func (x *ipfixExporter) observeBridge(p *Packet, pp *packet.Parsed, at, now time.Time) {
	if pp.Protocol == packet.ProtoUDP && (pp.DstPort == 3784 || pp.DstPort == 3785) {
		return // BFD is never sampled
	}
	dropped := len(p.Out) == 0
	if x.input && x.take(x.prob) {
		x.sample(p, pp, nil, x.obsDomain, x.obsPoint, 0, x.delta, dropped, at, now)
	}
	if x.output {
		for i := range p.Out {
			if x.take(x.prob) {
				x.sample(p, pp, &p.Out[i], x.obsDomain, x.obsPoint, 1, x.delta, dropped, at, now)
			}
		}
	}
}

// observeSample handles one sample() action for this collector set.
func (x *ipfixExporter) observeSample(p *Packet, pp *packet.Parsed, s *Sample, at, now time.Time) {
	if s.Probability == 0 {
		return
	}
	prob := uint32(s.Probability)<<16 | uint32(s.Probability)
	if !x.take(prob) {
		return
	}
	dir := 0
	switch s.Direction {
	case SampleEgress:
		dir = 1
	case SampleDefault:
		if s.Port != nil {
			dir = 1
		}
	}
	out := s.Port
	if dir == 1 && out == nil {
		out = &Port{} // egress without a known port: zero interface data
	}
	if dir == 0 {
		out = nil
	}
	x.sample(p, pp, out, s.ObsDomainID, s.ObsPointID, dir, uint64(65535/uint32(s.Probability)), len(p.Out) == 0, at, now)
}

func (x *ipfixExporter) take(prob uint32) bool {
	return prob == allOnes32 || x.rnd.Uint32() < prob
}

// sample builds one sample's entry and puts it through the flow cache.
func (x *ipfixExporter) sample(p *Packet, pp *packet.Parsed, out *Port, domain, point uint32, dir int, delta uint64, dropped bool, at, now time.Time) {
	x.sampled++
	l2 := l2Eth
	ethLen := uint64(14)
	if pp.HasVLAN {
		l2, ethLen = l2VLAN, 18
	}
	l3, l4 := l3None, l4None
	switch {
	case pp.EtherType == packet.EtherTypeIPv4 && pp.IPVersion == 4:
		l3 = l3IPv4
	case pp.EtherType == packet.EtherTypeIPv6 && pp.IPVersion == 6:
		l3 = l3IPv6
	}
	if l3 != l3None {
		switch pp.Protocol {
		case packet.ProtoTCP:
			l4 = l4TCP
		case packet.ProtoUDP:
			l4 = l4UDP
		case packet.ProtoSCTP:
			l4 = l4SCTP
		case packet.ProtoICMP:
			if l3 == l3IPv4 {
				l4 = l4ICMP
			}
		case packet.ProtoICMPv6:
			if l3 == l3IPv6 {
				l4 = l4ICMP
			}
		}
	}
	tun := 0
	if dir == 0 && x.tunnl && p.Tunnel != nil && p.In.Tunnel != TunnelNone && p.Tunnel.Dst.Is4() {
		tun = 1
	}
	id := templateID(l2, l3, l4, tun, dir)

	en := &x.scratch
	k := en.key[:0]
	k = wire.AppendUint32(k, domain)
	k = wire.AppendUint16(k, id)
	k = wire.AppendUint32(k, point)
	k = append(k, byte(dir))
	k = append(k, pp.SrcMAC[:]...)
	k = append(k, pp.DstMAC[:]...)
	k = wire.AppendUint16(k, pp.EtherType)
	k = append(k, byte(ethLen))
	k = appendIface(k, &p.In)
	if dir == 1 {
		k = appendIface(k, out)
	}
	if l2 == l2VLAN {
		k = wire.AppendUint16(k, pp.VLANID)
		k = wire.AppendUint16(k, pp.VLANID)
		k = append(k, pp.VLANPCP)
	}
	if l3 != l3None {
		k = append(k, pp.IPVersion, pp.TTL, pp.Protocol, pp.TOS>>2, pp.TOS>>5, pp.TOS)
		if l3 == l3IPv4 {
			k = wire.AppendAddr4(k, pp.Src)
			k = wire.AppendAddr4(k, pp.Dst)
		} else {
			s, d := pp.Src.As16(), pp.Dst.As16()
			k = append(k, s[:]...)
			k = append(k, d[:]...)
			k = wire.AppendUint32(k, pp.FlowLabel)
		}
		switch l4 {
		case l4TCP, l4UDP, l4SCTP:
			k = wire.AppendUint16(k, pp.SrcPort)
			k = wire.AppendUint16(k, pp.DstPort)
		case l4ICMP:
			k = append(k, pp.ICMPType, pp.ICMPCode)
		}
	}
	if tun == 1 {
		t := p.Tunnel
		k = wire.AppendAddr4(k, t.Src)
		k = wire.AppendAddr4(k, t.Dst)
		var proto uint8 = 17
		keyLen := 3
		if p.In.Tunnel == TunnelGRE {
			proto, keyLen = 47, 4
		}
		k = append(k, proto)
		k = wire.AppendUint16(k, t.SrcPort)
		k = wire.AppendUint16(k, t.DstPort)
		k = append(k, byte(p.In.Tunnel))
		k = append(k, byte(keyLen))
		k = wire.AppendUintN(k, t.Key, keyLen)
	}
	if x.hasVirtual {
		k = append(k, byte(len(x.virtualObsID)))
		k = append(k, x.virtualObsID...)
	}
	en.key = k
	en.l3, en.l4 = l3, l4

	// Non-key values and the exporter-wide totals.
	ts := usec(at)
	en.start, en.end = ts, ts
	frame := uint64(len(p.Frame))
	en.pkt = delta
	en.l2 = delta * frame
	en.dropPkt, en.postMPkt, en.oct, en.dropOct, en.sumsq, en.postMOct, en.minLen, en.maxLen = 0, 0, 0, 0, 0, 0, 0, 0
	t := &x.tot
	t.pkt += delta
	t.l2 += en.l2
	if dropped {
		en.dropPkt = delta
		t.dropPkt += delta
	}
	bcast := pp.DstMAC == [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	mcast := !bcast && pp.DstMAC[0]&1 != 0
	if dir == 0 {
		switch {
		case bcast:
			t.inB += delta
		case mcast:
			t.inM += delta
		default:
			t.inU += delta
		}
	} else {
		switch {
		case bcast:
			t.outB += delta
		case mcast:
			en.postMPkt = delta
			t.postM += delta
		default:
			t.outU += delta
		}
	}
	if l3 != l3None {
		ipLen := frame - ethLen
		en.oct = delta * ipLen
		en.sumsq = delta * ipLen * ipLen
		en.minLen, en.maxLen = ipLen, ipLen
		t.oct += en.oct
		t.sumsq += en.sumsq
		if dropped {
			en.dropOct = en.oct
			t.dropOct += en.oct
		}
		if dir == 1 && mcast {
			en.postMOct = en.oct
			t.postMOct += en.oct
		}
	}
	if l4 == l4TCP {
		f := pp.TCPFlags
		if f&0x10 != 0 {
			t.ack += delta
		}
		if f&0x01 != 0 {
			t.fin += delta
		}
		if f&0x08 != 0 {
			t.psh += delta
		}
		if f&0x04 != 0 {
			t.rst += delta
		}
		if f&0x02 != 0 {
			t.syn += delta
		}
		if f&0x20 != 0 {
			t.urg += delta
		}
	}
	en.tot = *t

	nowUS := usec(now)
	if x.maxFlows == 0 {
		// No cache: the insert makes the cache overflow at once, and the
		// walk exports this very sample.
		reason := uint8(reasonLackResources)
		if en.start <= nowUS-x.activeUS {
			reason = reasonActiveTimeout
		}
		x.export(en, reason, now)
		return
	}
	x.update(en, now)
}

// appendIface appends the wire form of an interface's key fields:
// interface, interfaceType, interfaceName and interfaceDescription (the
// variable-length ones, at most 64 bytes, in the 1-byte length form).
func appendIface(k []byte, p *Port) []byte {
	k = wire.AppendUint32(k, p.IfIndex)
	k = wire.AppendUint32(k, 0) // interface type: 0 for Linux network devices
	name := p.Name
	if len(name) > 64 {
		name = name[:64]
	}
	k = append(k, byte(len(name)))
	k = append(k, name...)
	return append(k, 0) // empty description
}

// update merges the scratch entry into the cache (ipfix_cache_update).
func (x *ipfixExporter) update(en *ipfixEntry, now time.Time) {
	h := maphash.Bytes(x.seed, en.key)
	first, ok := x.index[h]
	if ok {
		for i := first; i >= 0; i = x.entries[i].chain {
			c := &x.entries[i]
			if !bytes.Equal(c.keyBytes(), en.key) {
				continue
			}
			c.start = min(c.start, en.start)
			c.end = max(c.end, en.end)
			c.pkt += en.pkt
			c.l2 += en.l2
			c.dropPkt += en.dropPkt
			c.postMPkt += en.postMPkt
			c.oct += en.oct
			c.dropOct += en.dropOct
			c.sumsq += en.sumsq
			c.postMOct += en.postMOct
			if en.minLen != 0 && (c.minLen == 0 || en.minLen < c.minLen) {
				c.minLen = en.minLen
			}
			c.maxLen = max(c.maxLen, en.maxLen)
			c.tot = en.tot
			return
		}
	}
	var i int32
	if n := len(x.free); n > 0 {
		i = x.free[n-1]
		x.free = x.free[:n-1]
	} else {
		x.entries = append(x.entries, ipfixEntry{})
		i = int32(len(x.entries) - 1)
	}
	c := &x.entries[i]
	kext := c.kext
	*c = *en
	c.key, c.kext, c.klen = nil, nil, 0
	if len(en.key) <= len(c.kin) {
		c.klen = uint8(copy(c.kin[:], en.key))
	} else {
		if cap(kext) < len(en.key) {
			kext = x.keySlab(len(en.key))
		}
		c.kext = append(kext[:0], en.key...)
	}
	c.live = true
	c.hash = h
	c.chain = -1
	if ok {
		c.chain = first
	}
	x.index[h] = i
	x.count++
	c.prev, c.next = x.tail, -1
	if x.tail >= 0 {
		x.entries[x.tail].next = i
	} else {
		x.head = i
	}
	x.tail = i
	if uint64(x.count) > x.maxFlows {
		x.expire(false, now)
	}
}

// keySlab returns an empty slice of capacity n for a cache key, cut from a
// shared slab so that new flows do not each cost an allocation.
func (x *ipfixExporter) keySlab(n int) []byte {
	n = (n + 63) &^ 63 // room for longer keys when the slot is reused
	if len(x.slab)+n > cap(x.slab) {
		x.slab = make([]byte, 0, max(64<<10, n))
	}
	k := x.slab[len(x.slab) : len(x.slab) : len(x.slab)+n]
	x.slab = x.slab[:len(x.slab)+n]
	return k
}

// unlink removes entry i from its hash chain.
func (x *ipfixExporter) unlink(i int32) {
	c := &x.entries[i]
	first := x.index[c.hash]
	if first == i {
		if c.chain >= 0 {
			x.index[c.hash] = c.chain
		} else {
			delete(x.index, c.hash)
		}
	} else {
		for j := first; j >= 0; j = x.entries[j].chain {
			if x.entries[j].chain == i {
				x.entries[j].chain = c.chain
				break
			}
		}
	}
	x.count--
}

// expire walks the cache oldest first (ipfix_cache_expire).
func (x *ipfixExporter) expire(forced bool, now time.Time) {
	nowUS := usec(now)
	for x.head >= 0 {
		i := x.head
		c := &x.entries[i]
		var reason uint8
		switch {
		case forced:
			reason = reasonForcedEnd
		case c.start <= nowUS-x.activeUS:
			reason = reasonActiveTimeout
		case uint64(x.count) > x.maxFlows:
			reason = reasonLackResources
		default:
			return
		}
		x.head = c.next
		if x.head >= 0 {
			x.entries[x.head].prev = -1
		} else {
			x.tail = -1
		}
		x.unlink(i)
		c.live = false
		x.free = append(x.free, i)
		x.export(c, reason, now)
	}
}

// run is the exporter's part of the main loop: expire the cache.
func (x *ipfixExporter) run(now time.Time) {
	if x.head >= 0 {
		x.expire(false, now)
	}
}

// forceFlush exports every cached flow with reason 4 (forced end).
func (x *ipfixExporter) forceFlush(now time.Time) {
	x.expire(true, now)
}

// exportSec is OVS's export time: wall-clock seconds rounded up.
func exportSec(now time.Time) int64 {
	us := usec(now)
	return (us + 999999) / 1000000
}

// sendMessage is the Builder's flush function: every message goes to
// every collector.
func (x *ipfixExporter) sendMessage(msg []byte) error {
	x.out.send(msg)
	return nil
}

// header is the message header OVS writes: the export time, the
// exporter's sequence counter (data records sent before) and the domain.
func (x *ipfixExporter) header(sec int64, domain uint32) ipfix.Header {
	return ipfix.Header{ExportTime: uint32(sec), SequenceNumber: x.seq, ObservationDomainID: domain}
}

// export sends one data record in its own message, preceded by the
// templates and the exporter statistics when they are due.
func (x *ipfixExporter) export(en *ipfixEntry, reason uint8, now time.Time) {
	sec := exportSec(now)
	domain := en.domain()
	if x.newer {
		x.maybeStats(sec)
		x.maybeTemplates(sec, domain)
	} else {
		// OVS 3.1 sends the templates first, then the statistics.
		x.maybeTemplates(sec, domain)
		x.maybeStats(sec)
	}
	b := &x.bld
	b.StartMessage(x.header(sec, domain))
	b.StartDataSet(en.template())
	b.StartRecord()
	b.Bytes(en.keyBytes()[6:]) // the key fields, already in wire form
	// The non-key fields have a fixed layout: written through Grow.
	n := ipfixCountersLen
	if en.l3 != l3None {
		n += ipfixL3CountersLen
	}
	if en.l4 == l4TCP {
		n += ipfixTCPCountersLen
	}
	r := b.Grow(n)
	be := binary.BigEndian
	nowUS := sec * 1000000
	t := &en.tot
	be.PutUint32(r[0:], uint32(nowUS-en.start)) // flowStartDeltaMicroseconds
	be.PutUint32(r[4:], uint32(nowUS-en.end))   // flowEndDeltaMicroseconds
	c := r[8:ipfixCountersLen]
	be.PutUint64(c[0:], en.dropPkt)
	be.PutUint64(c[8:], t.dropPkt)
	be.PutUint64(c[16:], en.pkt)
	be.PutUint64(c[24:], t.pkt)
	be.PutUint64(c[32:], t.inU)
	be.PutUint64(c[40:], t.inM)
	be.PutUint64(c[48:], t.inB)
	be.PutUint64(c[56:], t.outU)
	be.PutUint64(c[64:], t.outB)
	be.PutUint64(c[72:], en.postMPkt)
	be.PutUint64(c[80:], t.postM)
	be.PutUint64(c[88:], en.l2)
	be.PutUint64(c[96:], t.l2)
	c[104] = reason
	r = r[ipfixCountersLen:]
	if en.l3 != l3None {
		c := r[:ipfixL3CountersLen]
		be.PutUint64(c[0:], en.dropOct)
		be.PutUint64(c[8:], t.dropOct)
		be.PutUint64(c[16:], en.oct)
		be.PutUint64(c[24:], t.oct)
		be.PutUint64(c[32:], en.sumsq)
		be.PutUint64(c[40:], t.sumsq)
		be.PutUint64(c[48:], en.minLen)
		be.PutUint64(c[56:], en.maxLen)
		be.PutUint64(c[64:], en.postMOct)
		be.PutUint64(c[72:], t.postMOct)
		r = r[ipfixL3CountersLen:]
	}
	if en.l4 == l4TCP {
		c := r[:ipfixTCPCountersLen]
		be.PutUint64(c[0:], t.ack)
		be.PutUint64(c[8:], t.fin)
		be.PutUint64(c[16:], t.psh)
		be.PutUint64(c[24:], t.rst)
		be.PutUint64(c[32:], t.syn)
		be.PutUint64(c[40:], t.urg)
	}
	b.EndRecord()
	x.finish()
	x.seq++
	x.records++
}

// finish completes the Builder's message, which its flush function sends
// (the Builder then reuses the message's space for the next one).
func (x *ipfixExporter) finish() {
	if _, err := x.bld.Finish(); err != nil {
		// Unreachable (the records are well formed and small); a
		// Builder error is sticky, so start afresh.
		x.resetBuilder()
	}
}

// resetBuilder points the Builder at the exporter's message buffer, its
// flush function sending every message it completes.
func (x *ipfixExporter) resetBuilder() {
	x.bld.SetFlush(x.sendMessage)
	x.bld.Reset(make([]byte, 0, 2048), ipfix.Header{})
	x.bld.Finish() // close the empty message: each message starts with StartMessage
}

func (x *ipfixExporter) maybeStats(sec int64) {
	if x.statsSent && x.lastStats+x.statsIvl > sec {
		return
	}
	x.statsSent = true
	x.lastStats = sec
	b := &x.bld
	b.StartMessage(x.header(sec, 0))
	b.StartDataSet(ipfixOptionsID)
	b.StartRecord()
	b.Uint32(x.exporterID)   // exportingProcessId
	b.Uint64(x.out.failures) // notSentPacketTotalCount
	b.EndRecord()
	x.finish()
	x.seq++
}

func (x *ipfixExporter) maybeTemplates(sec int64, domain uint32) {
	if last, ok := x.lastTemplate[domain]; ok && last+x.templateIvl > sec {
		return
	}
	x.lastTemplate[domain] = sec
	for _, m := range x.templates.catalog {
		x.sendTemplate(m, sec, domain)
	}
	// Options template for the exporter statistics, domain 0.
	x.sendTemplate(x.templates.options, sec, 0)
}

// sendTemplate sends a copy of an encoded template message with the
// header OVS writes (templates do not advance the sequence counter).
func (x *ipfixExporter) sendTemplate(m []byte, sec int64, domain uint32) {
	b := append(x.tmsg[:0], m...)
	h := x.header(sec, domain)
	h.Version, h.Length = ipfix.Version, uint16(len(b))
	h.PutTo(b)
	x.tmsg = b
	x.out.send(b)
}

func (x *ipfixExporter) stats(s *FormatStats) {
	s.Enabled = true
	x.out.stats(s)
	s.Records = x.records
	s.Sampled = x.sampled
	s.Flows = x.count
}
