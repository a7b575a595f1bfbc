package main

import (
	"time"

	"github.com/ovsflow/ovsflow/internal/packet"
	"github.com/ovsflow/ovsflow/sflow"
)

func init() { register(newSFlow) }

// sflowDecoder decodes sFlow v5 datagrams. Each flow sample (and each
// discarded-packet sample) is one record; counter samples are not flow
// records and are not printed. The sampled packet header is parsed into
// IANA flow-key elements.
type sflowDecoder struct {
	dec sflow.Decoder
	pkt packet.Parsed
}

func newSFlow(*options) decoder { return &sflowDecoder{} }

func (s *sflowDecoder) match(pkt []byte) bool {
	// Version 5 as a 32-bit word, then an address type of 1 or 2.
	return len(pkt) >= 8 && pkt[0] == 0 && pkt[1] == 0 && pkt[2] == 0 && pkt[3] == 5 &&
		pkt[4] == 0 && pkt[5] == 0 && pkt[6] == 0 && (pkt[7] == 1 || pkt[7] == 2)
}

func (s *sflowDecoder) flush(*output) {}

func (s *sflowDecoder) decode(d datagram, out *output) error {
	h, err := s.dec.Start(d.data)
	if err != nil {
		return err
	}
	at := d.at
	if at.IsZero() {
		at = time.Now()
	}
	for s.dec.NextSample() {
		smp := s.dec.Sample()
		if !smp.IsFlow() && smp.Format != sflow.FormatDiscardedPacket {
			continue
		}
		rec := out.begin("sflow5", d.from)
		rec.add("seq", juint(uint64(h.Sequence)))
		rec.add("time", jtime(at, 9))
		if h.Agent.IsValid() {
			if h.Agent.Is4() {
				rec.add("exporterIPv4Address", jaddr(h.Agent))
			} else {
				rec.add("exporterIPv6Address", jaddr(h.Agent))
			}
		}
		if smp.IsFlow() {
			rec.add("samplingPacketInterval", juint(uint64(smp.SamplingRate)))
		}
		if i, ok := smp.Input.IfIndex(); ok {
			rec.add("ingressInterface", juint(uint64(i)))
		}
		if i, ok := smp.Output.IfIndex(); ok {
			rec.add("egressInterface", juint(uint64(i)))
		}
		for s.dec.NextRecord() {
			r := s.dec.Record()
			if r.Counter {
				continue
			}
			switch r.Format {
			case sflow.FormatSampledHeader:
				sh, err := r.SampledHeader()
				if err != nil {
					return err
				}
				rec.add("dataLinkFrameSize", juint(uint64(sh.FrameLength)))
				rec.add("dataLinkFrameSection", jhex(sh.Header))
				if sh.Protocol == sflow.HeaderEthernet {
					s.pkt.DecodeOuter(sh.Header)
					s.addParsed(rec)
				}
			case sflow.FormatEthernetFrame:
				ef, err := r.EthernetFrame()
				if err != nil {
					return err
				}
				rec.add("sourceMacAddress", jmac(ef.Src))
				rec.add("destinationMacAddress", jmac(ef.Dst))
				rec.add("ethernetType", juint(uint64(ef.Type)))
			case sflow.FormatSampledIPv4, sflow.FormatSampledIPv6:
				var proto, sport, dport, flags, tos uint64
				if r.Format == sflow.FormatSampledIPv4 {
					v, err := r.SampledIPv4()
					if err != nil {
						return err
					}
					rec.add("sourceIPv4Address", jaddr(v.Src))
					rec.add("destinationIPv4Address", jaddr(v.Dst))
					proto, sport, dport, flags, tos = uint64(v.Protocol), uint64(v.SrcPort), uint64(v.DstPort), uint64(v.TCPFlags), uint64(v.TOS)
				} else {
					v, err := r.SampledIPv6()
					if err != nil {
						return err
					}
					rec.add("sourceIPv6Address", jaddr(v.Src))
					rec.add("destinationIPv6Address", jaddr(v.Dst))
					proto, sport, dport, flags, tos = uint64(v.Protocol), uint64(v.SrcPort), uint64(v.DstPort), uint64(v.TCPFlags), uint64(v.Priority)
				}
				rec.add("protocolIdentifier", juint(proto))
				rec.add("sourceTransportPort", juint(sport))
				rec.add("destinationTransportPort", juint(dport))
				rec.add("tcpControlBits", juint(flags))
				rec.add("ipClassOfService", juint(tos))
			case sflow.FormatExtendedSwitch:
				sw, err := r.ExtendedSwitch()
				if err != nil {
					return err
				}
				rec.add("vlanId", juint(uint64(sw.SrcVLAN)))
				rec.add("postVlanId", juint(uint64(sw.DstVLAN)))
			}
		}
		out.emit()
	}
	return s.dec.Err()
}

// addParsed adds the flow keys of a parsed sampled header.
func (s *sflowDecoder) addParsed(rec *record) {
	p := &s.pkt
	rec.add("sourceMacAddress", jmac(p.SrcMAC))
	rec.add("destinationMacAddress", jmac(p.DstMAC))
	if p.HasVLAN {
		rec.add("dot1qVlanId", juint(uint64(p.VLANID)))
	}
	rec.add("ethernetType", juint(uint64(p.EtherType)))
	switch p.IPVersion {
	case 4:
		rec.add("sourceIPv4Address", jaddr(p.Src))
		rec.add("destinationIPv4Address", jaddr(p.Dst))
	case 6:
		rec.add("sourceIPv6Address", jaddr(p.Src))
		rec.add("destinationIPv6Address", jaddr(p.Dst))
		rec.add("flowLabelIPv6", juint(uint64(p.FlowLabel)))
	default:
		return
	}
	rec.add("protocolIdentifier", juint(uint64(p.Protocol)))
	rec.add("ipClassOfService", juint(uint64(p.TOS)))
	rec.add("ipTTL", juint(uint64(p.TTL)))
	switch p.Protocol {
	case packet.ProtoTCP, packet.ProtoUDP, packet.ProtoSCTP:
		rec.add("sourceTransportPort", juint(uint64(p.SrcPort)))
		rec.add("destinationTransportPort", juint(uint64(p.DstPort)))
		if p.Protocol == packet.ProtoTCP {
			rec.add("tcpControlBits", juint(uint64(p.TCPFlags)))
		}
	case packet.ProtoICMP:
		rec.add("icmpTypeIPv4", juint(uint64(p.ICMPType)))
		rec.add("icmpCodeIPv4", juint(uint64(p.ICMPCode)))
	case packet.ProtoICMPv6:
		rec.add("icmpTypeIPv6", juint(uint64(p.ICMPType)))
		rec.add("icmpCodeIPv6", juint(uint64(p.ICMPCode)))
	}
}
