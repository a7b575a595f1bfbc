package main

import (
	"bytes"
	"encoding/binary"
	"math"
	"net/netip"
	"strconv"
	"time"

	"github.com/ovsflow/ovsflow/netflow"
)

func init() { register(newNetflow) }

// maxPending bounds the v9 data FlowSets kept while their template is
// missing.
const maxPending = 256

type pendingSet struct {
	from netip.AddrPort
	hdr  netflow.V9Header
	at   time.Time
	set  []byte
}

// netflowDecoder decodes NetFlow v5 and v9. v9 data FlowSets whose
// template has not arrived are kept (a bounded number) and decoded when a
// later packet of the same exporter brings templates.
type netflowDecoder struct {
	opts    *options
	v5      netflow.V5Parser
	v9      netflow.V9Parser
	retry   netflow.V9Parser
	session *netflow.Session
	pending []pendingSet
}

func newNetflow(opts *options) decoder {
	return &netflowDecoder{opts: opts, session: netflow.NewSession(nil)}
}

func (n *netflowDecoder) match(pkt []byte) bool {
	return len(pkt) >= 2 && pkt[0] == 0 && (pkt[1] == 5 || pkt[1] == 9)
}

func (n *netflowDecoder) decode(d datagram, out *output) error {
	if d.data[1] == 5 {
		return n.decodeV5(d, out)
	}
	return n.decodeV9(d, out)
}

// v5 fields, named as IANA elements.
func (n *netflowDecoder) decodeV5(d datagram, out *output) error {
	h, err := n.v5.Start(d.data)
	if err != nil {
		return err
	}
	for n.v5.Next() {
		r := n.v5.Record()
		rec := out.begin("netflow5", d.from)
		rec.add("seq", juint(uint64(h.FlowSequence)))
		rec.add("time", jtime(h.Time(), 9))
		rec.add("sourceIPv4Address", jaddr(r.SrcAddr))
		rec.add("destinationIPv4Address", jaddr(r.DstAddr))
		rec.add("ipNextHopIPv4Address", jaddr(r.NextHop))
		rec.add("ingressInterface", juint(uint64(r.Input)))
		rec.add("egressInterface", juint(uint64(r.Output)))
		rec.add("packetDeltaCount", juint(uint64(r.Packets)))
		rec.add("octetDeltaCount", juint(uint64(r.Octets)))
		rec.add("flowStartSysUpTime", juint(uint64(r.First)))
		rec.add("flowEndSysUpTime", juint(uint64(r.Last)))
		rec.add("sourceTransportPort", juint(uint64(r.SrcPort)))
		rec.add("destinationTransportPort", juint(uint64(r.DstPort)))
		rec.add("tcpControlBits", juint(uint64(r.TCPFlags)))
		rec.add("protocolIdentifier", juint(uint64(r.Protocol)))
		rec.add("ipClassOfService", juint(uint64(r.ToS)))
		rec.add("bgpSourceAsNumber", juint(uint64(r.SrcAS)))
		rec.add("bgpDestinationAsNumber", juint(uint64(r.DstAS)))
		rec.add("sourceIPv4PrefixLength", juint(uint64(r.SrcMask)))
		rec.add("destinationIPv4PrefixLength", juint(uint64(r.DstMask)))
		rec.add("engineType", juint(uint64(h.EngineType)))
		rec.add("engineId", juint(uint64(h.EngineID)))
		rec.add("samplingAlgorithm", juint(uint64(h.SamplingMode())))
		rec.add("samplingInterval", juint(uint64(h.SamplingRate())))
		out.emit()
	}
	return n.v5.Err()
}

func (n *netflowDecoder) decodeV9(d datagram, out *output) error {
	h, err := n.v9.Start(n.session, d.from, d.data)
	if err != nil {
		return err
	}
	templates := false
	for n.v9.Next() {
		switch n.v9.Kind() {
		case netflow.V9Template, netflow.V9OptionsTemplate:
			templates = true
			if n.opts.templates {
				printV9Template(out, d.from, h, n.v9.Template())
			}
		case netflow.V9Data:
			printV9Record(out, d.from, h, n.v9.Record())
		case netflow.V9UnknownTemplate:
			if len(n.pending) >= maxPending {
				n.dropPending(out, 0)
			}
			n.pending = append(n.pending, pendingSet{from: d.from, hdr: h, at: d.at, set: bytes.Clone(n.v9.FlowSet().Bytes)})
		}
	}
	err = n.v9.Err()
	if templates {
		n.retryPending(out, d.from)
	}
	return err
}

// retryPending decodes the kept FlowSets of an exporter whose templates
// have now arrived.
func (n *netflowDecoder) retryPending(out *output, from netip.AddrPort) {
	kept := n.pending[:0]
	for _, p := range n.pending {
		if p.from != from || n.session.Template(from, p.hdr.SourceID, binary.BigEndian.Uint16(p.set)) == nil {
			kept = append(kept, p)
			continue
		}
		if err := n.retry.StartFlowSet(n.session, p.from, p.hdr, p.set); err != nil {
			out.error(p.from, err)
			continue
		}
		for n.retry.Next() {
			printV9Record(out, p.from, p.hdr, n.retry.Record())
		}
		if err := n.retry.Err(); err != nil {
			out.error(p.from, err)
		}
	}
	n.pending = kept
}

func (n *netflowDecoder) dropPending(out *output, i int) {
	p := n.pending[i]
	out.error(p.from, v9FlowSetErr(p))
	n.pending = append(n.pending[:i], n.pending[i+1:]...)
}

func v9FlowSetErr(p pendingSet) error {
	return netflow.V9FlowSet{ID: binary.BigEndian.Uint16(p.set), Bytes: p.set}.Err()
}

func (n *netflowDecoder) flush(out *output) {
	for len(n.pending) > 0 {
		n.dropPending(out, 0)
	}
}

func printV9Template(out *output, from netip.AddrPort, h netflow.V9Header, t *netflow.Template) {
	rec := out.begin("netflow9", from)
	rec.add("domain", juint(uint64(h.SourceID)))
	rec.add("template", juint(uint64(t.ID())))
	rec.add("seq", juint(uint64(h.Sequence)))
	rec.add("time", jtime(h.Time(), 0))
	kind := "template"
	if t.IsOptions() {
		kind = "optionsTemplate"
	}
	rec.add("definition", jstr(kind))
	var b []byte
	b = append(b, '[')
	for i := 0; i < t.NumFields(); i++ {
		f := t.Field(i)
		if i > 0 {
			b = append(b, ',')
		}
		var fr record
		fr.add("id", juint(uint64(f.Type)))
		name := f.Type.Name()
		if f.Scope {
			name = netflow.ScopeType(f.Type).Name()
			fr.add("scope", jbool(true))
		}
		if name != "" {
			fr.add("name", jstr(name))
		}
		if f.Length == netflow.VariableLength {
			fr.add("length", jstr("variable"))
		} else {
			fr.add("length", juint(uint64(f.Length)))
		}
		b = fr.appendJSON(b)
	}
	b = append(b, ']')
	rec.add("fields", b)
	out.emit()
}

func printV9Record(out *output, from netip.AddrPort, h netflow.V9Header, r netflow.V9Record) {
	rec := out.begin("netflow9", from)
	rec.add("domain", juint(uint64(h.SourceID)))
	rec.add("template", juint(uint64(r.Template().ID())))
	rec.add("seq", juint(uint64(h.Sequence)))
	rec.add("time", jtime(h.Time(), 0))
	it := r.Fields()
	for it.Next() {
		f := it.Field()
		if f.Scope {
			name := f.Name()
			if name == "" {
				name = "scope" + strconv.Itoa(int(f.Type))
			}
			v, ok := f.Uint()
			if ok {
				rec.add(name, juint(v))
			} else {
				rec.add(name, jhex(f.Value))
			}
			continue
		}
		name := f.Name()
		if name == "" {
			name = strconv.Itoa(int(f.Type))
		}
		rec.add(name, v9Value(f))
	}
	out.emit()
}

// v9Value renders a field by its IANA data type.
func v9Value(f netflow.Field) []byte {
	v := f.Value
	switch f.Type.DataType() {
	case netflow.DataUnsigned8, netflow.DataUnsigned16, netflow.DataUnsigned32, netflow.DataUnsigned64:
		if u, ok := f.Uint(); ok {
			return juint(u)
		}
	case netflow.DataSigned8, netflow.DataSigned16, netflow.DataSigned32, netflow.DataSigned64:
		if i, ok := f.Int(); ok {
			return jint(i)
		}
	case netflow.DataFloat32, netflow.DataFloat64:
		if x, ok := f.Float(); ok {
			return jfloat(x)
		}
	case netflow.DataBoolean:
		if len(v) == 1 && (v[0] == 1 || v[0] == 2) {
			return jbool(v[0] == 1)
		}
	case netflow.DataMACAddress:
		if m, ok := f.MAC(); ok {
			return jmac(m)
		}
	case netflow.DataString:
		return jstr(string(bytes.TrimRight(v, "\x00")))
	case netflow.DataIPv4Address, netflow.DataIPv6Address:
		if a, ok := f.Addr(); ok {
			return jaddr(a)
		}
	case netflow.DataDateTimeSeconds:
		if u, ok := f.Uint(); ok && u <= math.MaxUint32 {
			return jtime(time.Unix(int64(u), 0), 0)
		}
	case netflow.DataDateTimeMilliseconds:
		if u, ok := f.Uint(); ok && u < 1<<62 {
			return jtime(time.UnixMilli(int64(u)), 3)
		}
	case netflow.DataDateTimeMicroseconds, netflow.DataDateTimeNanoseconds:
		digits := 6
		if f.Type.DataType() == netflow.DataDateTimeNanoseconds {
			digits = 9
		}
		if t, ok := f.Time(netflow.V9Header{}); ok {
			return jtime(t, digits)
		}
	}
	return jhex(v)
}
