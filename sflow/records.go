package sflow

import (
	"encoding/binary"
	"math"
	"net/netip"

	"github.com/ovsflow/ovsflow/internal/wire"
)

// Flow record formats (enterprise 0).
const (
	FormatSampledHeader      Format = 1    // sampled header
	FormatEthernetFrame      Format = 2    // ethernet frame data
	FormatSampledIPv4        Format = 3    // ipv4 data
	FormatIPv4TunnelEgress   Format = 1023 // ipv4 tunnel egress
	FormatIPv4TunnelIngress  Format = 1024 // ipv4 tunnel ingress
	FormatSampledIPv6        Format = 4    // ipv6 data
	FormatIPv6TunnelEgress   Format = 1025 // ipv6 tunnel egress
	FormatIPv6TunnelIngress  Format = 1026 // ipv6 tunnel ingress
	FormatExtendedSwitch     Format = 1001 // extended switch
	FormatExtendedRouter     Format = 1002 // extended router
	FormatExtendedGateway    Format = 1003 // extended gateway
	FormatExtendedUser       Format = 1004 // extended user
	FormatExtendedURL        Format = 1005 // extended url
	FormatExtendedMPLS       Format = 1006 // extended mpls
	FormatExtendedNAT        Format = 1007 // extended nat
	FormatExtendedMPLSTunnel Format = 1008 // extended mpls tunnel
	FormatExtendedMPLSVC     Format = 1009 // extended mpls vc
	FormatExtendedMPLSFTN    Format = 1010 // extended mpls ftn
	FormatExtendedMPLSLDPFEC Format = 1011 // extended mpls ldp fec
	FormatExtendedVLANTunnel Format = 1012 // extended vlan tunnel
	FormatDecapEgress        Format = 1027 // extended decap egress
	FormatDecapIngress       Format = 1028 // extended decap ingress
	FormatVNIEgress          Format = 1029 // extended vni egress
	FormatVNIIngress         Format = 1030 // extended vni ingress
)

// Counter record formats (enterprise 0).
const (
	FormatGenericInterface  Format = 1    // generic interface counters
	FormatEthernetCounters  Format = 2    // ethernet counters
	FormatTokenRingCounters Format = 3    // token ring counters
	FormatVGCounters        Format = 4    // 100basevg counters
	FormatVLANCounters      Format = 5    // vlan counters
	FormatIEEE80211Counters Format = 6    // ieee 802.11 counters
	FormatLACPCounters      Format = 7    // lacp counters
	FormatProcessorCounters Format = 1001 // processor
	FormatRadioUtilization  Format = 1002 // radio utilization
	FormatOpenFlowPort      Format = 1004 // openflow port
	FormatPortName          Format = 1005 // port name
	FormatHostDescr         Format = 2000 // host description
	FormatHostAdapters      Format = 2001 // host adapters
	FormatHostParent        Format = 2002 // host parent
	FormatHostCPU           Format = 2003 // host cpu
	FormatHostMemory        Format = 2004 // host memory
	FormatHostDiskIO        Format = 2005 // host disk io
	FormatHostNetIO         Format = 2006 // host net io
	FormatVirtNetIO         Format = 2104 // virt net io
	FormatVirtNode          Format = 2100 // virt node
	FormatVirtCPU           Format = 2101 // virt cpu
	FormatVirtMemory        Format = 2102 // virt memory
	FormatVirtDiskIO        Format = 2103 // virt disk io
	FormatAppResources      Format = 2203 // app resources
	FormatOVSDatapath       Format = 2207 // ovs datapath
)

// FlowRecordName returns the short name of a flow record format ("extended switch"), or "" if
// this package does not know it.
func FlowRecordName(f Format) string {
	switch f {
	case FormatSampledHeader:
		return "sampled header"
	case FormatEthernetFrame:
		return "ethernet frame data"
	case FormatSampledIPv4:
		return "ipv4 data"
	case FormatIPv4TunnelEgress:
		return "ipv4 tunnel egress"
	case FormatIPv4TunnelIngress:
		return "ipv4 tunnel ingress"
	case FormatSampledIPv6:
		return "ipv6 data"
	case FormatIPv6TunnelEgress:
		return "ipv6 tunnel egress"
	case FormatIPv6TunnelIngress:
		return "ipv6 tunnel ingress"
	case FormatExtendedSwitch:
		return "extended switch"
	case FormatExtendedRouter:
		return "extended router"
	case FormatExtendedGateway:
		return "extended gateway"
	case FormatExtendedUser:
		return "extended user"
	case FormatExtendedURL:
		return "extended url"
	case FormatExtendedMPLS:
		return "extended mpls"
	case FormatExtendedNAT:
		return "extended nat"
	case FormatExtendedMPLSTunnel:
		return "extended mpls tunnel"
	case FormatExtendedMPLSVC:
		return "extended mpls vc"
	case FormatExtendedMPLSFTN:
		return "extended mpls ftn"
	case FormatExtendedMPLSLDPFEC:
		return "extended mpls ldp fec"
	case FormatExtendedVLANTunnel:
		return "extended vlan tunnel"
	case FormatDecapEgress:
		return "extended decap egress"
	case FormatDecapIngress:
		return "extended decap ingress"
	case FormatVNIEgress:
		return "extended vni egress"
	case FormatVNIIngress:
		return "extended vni ingress"
	}
	return ""
}

// CounterRecordName returns the short name of a counter record format ("extended switch"), or "" if
// this package does not know it.
func CounterRecordName(f Format) string {
	switch f {
	case FormatGenericInterface:
		return "generic interface counters"
	case FormatEthernetCounters:
		return "ethernet counters"
	case FormatTokenRingCounters:
		return "token ring counters"
	case FormatVGCounters:
		return "100basevg counters"
	case FormatVLANCounters:
		return "vlan counters"
	case FormatIEEE80211Counters:
		return "ieee 802.11 counters"
	case FormatLACPCounters:
		return "lacp counters"
	case FormatProcessorCounters:
		return "processor"
	case FormatRadioUtilization:
		return "radio utilization"
	case FormatOpenFlowPort:
		return "openflow port"
	case FormatPortName:
		return "port name"
	case FormatHostDescr:
		return "host description"
	case FormatHostAdapters:
		return "host adapters"
	case FormatHostParent:
		return "host parent"
	case FormatHostCPU:
		return "host cpu"
	case FormatHostMemory:
		return "host memory"
	case FormatHostDiskIO:
		return "host disk io"
	case FormatHostNetIO:
		return "host net io"
	case FormatVirtNetIO:
		return "virt net io"
	case FormatVirtNode:
		return "virt node"
	case FormatVirtCPU:
		return "virt cpu"
	case FormatVirtMemory:
		return "virt memory"
	case FormatVirtDiskIO:
		return "virt disk io"
	case FormatAppResources:
		return "app resources"
	case FormatOVSDatapath:
		return "ovs datapath"
	}
	return ""
}

// SampledHeader is the raw packet header record (0:1): the first bytes of the sampled frame.
type SampledHeader struct {
	Protocol    HeaderProtocol
	FrameLength uint32
	Stripped    uint32
	Header      []byte
}

func decodeSampledHeader(r *wire.Reader) (v SampledHeader) {
	v.Protocol = HeaderProtocol(r.Uint32("sflow: sampled header Protocol"))
	v.FrameLength = r.Uint32("sflow: sampled header FrameLength")
	v.Stripped = r.Uint32("sflow: sampled header Stripped")
	v.Header = readOpaque(r, "sflow: sampled header Header")
	return v
}

func (v SampledHeader) size() int {
	return 4 + 4 + 4 + 4 + len(v.Header) + wire.Pad4(len(v.Header))
}

func (v SampledHeader) append(b []byte) []byte {
	b = wire.AppendUint32(b, uint32(v.Protocol))
	b = wire.AppendUint32(b, v.FrameLength)
	b = wire.AppendUint32(b, v.Stripped)
	b = appendOpaque(b, v.Header)
	return b
}

// SampledHeader decodes the record as a SampledHeader (formats 1). The result aliases the datagram.
func (r Record) SampledHeader() (SampledHeader, error) {
	if !(r.Format == FormatSampledHeader) || r.Counter {
		return SampledHeader{}, r.formatError("SampledHeader")
	}
	if v, ok := fastSampledHeader(r.Data); ok {
		return v, nil
	}
	rr := r.reader()
	v := decodeSampledHeader(&rr)
	return v, rr.Err()
}

// SampledHeader decodes the current record as a SampledHeader; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) SampledHeader() SampledHeader {
	if (d.recFmt == FormatSampledHeader) && !d.counter {
		if v, ok := fastSampledHeader(d.b[d.recData:d.recDEnd:d.recDEnd]); ok {
			return v
		}
	}
	v, err := d.Record().SampledHeader()
	if err != nil {
		d.fail(err)
		return SampledHeader{}
	}
	return v
}

// AddSampledHeader appends a sampled header record (FormatSampledHeader) to the current flow sample.
func (b *Builder) AddSampledHeader(v SampledHeader) {
	if !b.startRecord(FormatSampledHeader, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// EthernetFrame is the Ethernet frame data record (0:2).
type EthernetFrame struct {
	Length uint32
	Src    [6]byte
	Dst    [6]byte
	Type   uint32
}

func decodeEthernetFrame(r *wire.Reader) (v EthernetFrame) {
	v.Length = r.Uint32("sflow: ethernet frame data Length")
	v.Src = readMAC8(r, "sflow: ethernet frame data Src")
	v.Dst = readMAC8(r, "sflow: ethernet frame data Dst")
	v.Type = r.Uint32("sflow: ethernet frame data Type")
	return v
}

func (v EthernetFrame) size() int {
	return 4 + 8 + 8 + 4
}

func (v EthernetFrame) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.Length)
	b = append(b, v.Src[0], v.Src[1], v.Src[2], v.Src[3], v.Src[4], v.Src[5], 0, 0)
	b = append(b, v.Dst[0], v.Dst[1], v.Dst[2], v.Dst[3], v.Dst[4], v.Dst[5], 0, 0)
	b = wire.AppendUint32(b, v.Type)
	return b
}

// EthernetFrame decodes the record as a EthernetFrame (formats 2). The result aliases the datagram.
func (r Record) EthernetFrame() (EthernetFrame, error) {
	if !(r.Format == FormatEthernetFrame) || r.Counter {
		return EthernetFrame{}, r.formatError("EthernetFrame")
	}
	if len(r.Data) >= 24 {
		return fastEthernetFrame(r.Data), nil
	}
	rr := r.reader()
	v := decodeEthernetFrame(&rr)
	return v, rr.Err()
}

// EthernetFrame decodes the current record as a EthernetFrame; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) EthernetFrame() EthernetFrame {
	if (d.recFmt == FormatEthernetFrame) && !d.counter && d.recDEnd-d.recData >= 24 {
		return fastEthernetFrame(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().EthernetFrame()
	if err != nil {
		d.fail(err)
		return EthernetFrame{}
	}
	return v
}

// AddEthernetFrame appends a ethernet frame data record (FormatEthernetFrame) to the current flow sample.
func (b *Builder) AddEthernetFrame(v EthernetFrame) {
	if !b.startRecord(FormatEthernetFrame, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// SampledIPv4 is the IPv4 data record (0:3), also the layout of the IPv4 tunnel egress and ingress records (0:1023, 0:1024).
type SampledIPv4 struct {
	Length   uint32
	Protocol uint32
	Src      netip.Addr
	Dst      netip.Addr
	SrcPort  uint32
	DstPort  uint32
	TCPFlags uint32
	TOS      uint32
}

func decodeSampledIPv4(r *wire.Reader) (v SampledIPv4) {
	v.Length = r.Uint32("sflow: ipv4 data Length")
	v.Protocol = r.Uint32("sflow: ipv4 data Protocol")
	v.Src = r.Addr4("sflow: ipv4 data Src")
	v.Dst = r.Addr4("sflow: ipv4 data Dst")
	v.SrcPort = r.Uint32("sflow: ipv4 data SrcPort")
	v.DstPort = r.Uint32("sflow: ipv4 data DstPort")
	v.TCPFlags = r.Uint32("sflow: ipv4 data TCPFlags")
	v.TOS = r.Uint32("sflow: ipv4 data TOS")
	return v
}

func (v SampledIPv4) size() int {
	return 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4
}

func (v SampledIPv4) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.Length)
	b = wire.AppendUint32(b, v.Protocol)
	b = wire.AppendAddr4(b, v.Src)
	b = wire.AppendAddr4(b, v.Dst)
	b = wire.AppendUint32(b, v.SrcPort)
	b = wire.AppendUint32(b, v.DstPort)
	b = wire.AppendUint32(b, v.TCPFlags)
	b = wire.AppendUint32(b, v.TOS)
	return b
}

// SampledIPv4 decodes the record as a SampledIPv4 (formats 3, 1023, 1024). The result aliases the datagram.
func (r Record) SampledIPv4() (SampledIPv4, error) {
	if !(r.Format == FormatSampledIPv4 || r.Format == FormatIPv4TunnelEgress || r.Format == FormatIPv4TunnelIngress) || r.Counter {
		return SampledIPv4{}, r.formatError("SampledIPv4")
	}
	if len(r.Data) >= 32 {
		return fastSampledIPv4(r.Data), nil
	}
	rr := r.reader()
	v := decodeSampledIPv4(&rr)
	return v, rr.Err()
}

// SampledIPv4 decodes the current record as a SampledIPv4; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) SampledIPv4() SampledIPv4 {
	if (d.recFmt == FormatSampledIPv4 || d.recFmt == FormatIPv4TunnelEgress || d.recFmt == FormatIPv4TunnelIngress) && !d.counter && d.recDEnd-d.recData >= 32 {
		return fastSampledIPv4(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().SampledIPv4()
	if err != nil {
		d.fail(err)
		return SampledIPv4{}
	}
	return v
}

// AddSampledIPv4 appends a ipv4 data record (FormatSampledIPv4) to the current flow sample.
func (b *Builder) AddSampledIPv4(v SampledIPv4) {
	if !b.startRecord(FormatSampledIPv4, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// AddIPv4TunnelEgress appends a ipv4 tunnel egress record (FormatIPv4TunnelEgress) to the current flow sample.
func (b *Builder) AddIPv4TunnelEgress(v SampledIPv4) {
	if !b.startRecord(FormatIPv4TunnelEgress, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// AddIPv4TunnelIngress appends a ipv4 tunnel ingress record (FormatIPv4TunnelIngress) to the current flow sample.
func (b *Builder) AddIPv4TunnelIngress(v SampledIPv4) {
	if !b.startRecord(FormatIPv4TunnelIngress, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// SampledIPv6 is the IPv6 data record (0:4), also the layout of the IPv6 tunnel egress and ingress records (0:1025, 0:1026).
type SampledIPv6 struct {
	Length   uint32
	Protocol uint32
	Src      netip.Addr
	Dst      netip.Addr
	SrcPort  uint32
	DstPort  uint32
	TCPFlags uint32
	Priority uint32
}

func decodeSampledIPv6(r *wire.Reader) (v SampledIPv6) {
	v.Length = r.Uint32("sflow: ipv6 data Length")
	v.Protocol = r.Uint32("sflow: ipv6 data Protocol")
	v.Src = r.Addr16("sflow: ipv6 data Src")
	v.Dst = r.Addr16("sflow: ipv6 data Dst")
	v.SrcPort = r.Uint32("sflow: ipv6 data SrcPort")
	v.DstPort = r.Uint32("sflow: ipv6 data DstPort")
	v.TCPFlags = r.Uint32("sflow: ipv6 data TCPFlags")
	v.Priority = r.Uint32("sflow: ipv6 data Priority")
	return v
}

func (v SampledIPv6) size() int {
	return 4 + 4 + 16 + 16 + 4 + 4 + 4 + 4
}

func (v SampledIPv6) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.Length)
	b = wire.AppendUint32(b, v.Protocol)
	b = wire.AppendAddr16(b, v.Src)
	b = wire.AppendAddr16(b, v.Dst)
	b = wire.AppendUint32(b, v.SrcPort)
	b = wire.AppendUint32(b, v.DstPort)
	b = wire.AppendUint32(b, v.TCPFlags)
	b = wire.AppendUint32(b, v.Priority)
	return b
}

// SampledIPv6 decodes the record as a SampledIPv6 (formats 4, 1025, 1026). The result aliases the datagram.
func (r Record) SampledIPv6() (SampledIPv6, error) {
	if !(r.Format == FormatSampledIPv6 || r.Format == FormatIPv6TunnelEgress || r.Format == FormatIPv6TunnelIngress) || r.Counter {
		return SampledIPv6{}, r.formatError("SampledIPv6")
	}
	if len(r.Data) >= 56 {
		return fastSampledIPv6(r.Data), nil
	}
	rr := r.reader()
	v := decodeSampledIPv6(&rr)
	return v, rr.Err()
}

// SampledIPv6 decodes the current record as a SampledIPv6; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) SampledIPv6() SampledIPv6 {
	if (d.recFmt == FormatSampledIPv6 || d.recFmt == FormatIPv6TunnelEgress || d.recFmt == FormatIPv6TunnelIngress) && !d.counter && d.recDEnd-d.recData >= 56 {
		return fastSampledIPv6(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().SampledIPv6()
	if err != nil {
		d.fail(err)
		return SampledIPv6{}
	}
	return v
}

// AddSampledIPv6 appends a ipv6 data record (FormatSampledIPv6) to the current flow sample.
func (b *Builder) AddSampledIPv6(v SampledIPv6) {
	if !b.startRecord(FormatSampledIPv6, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// AddIPv6TunnelEgress appends a ipv6 tunnel egress record (FormatIPv6TunnelEgress) to the current flow sample.
func (b *Builder) AddIPv6TunnelEgress(v SampledIPv6) {
	if !b.startRecord(FormatIPv6TunnelEgress, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// AddIPv6TunnelIngress appends a ipv6 tunnel ingress record (FormatIPv6TunnelIngress) to the current flow sample.
func (b *Builder) AddIPv6TunnelIngress(v SampledIPv6) {
	if !b.startRecord(FormatIPv6TunnelIngress, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ExtendedSwitch is the extended switch record (0:1001): VLANs and 802.1p priorities at ingress and egress.
type ExtendedSwitch struct {
	SrcVLAN     uint32
	SrcPriority uint32
	DstVLAN     uint32
	DstPriority uint32
}

func decodeExtendedSwitch(r *wire.Reader) (v ExtendedSwitch) {
	v.SrcVLAN = r.Uint32("sflow: extended switch SrcVLAN")
	v.SrcPriority = r.Uint32("sflow: extended switch SrcPriority")
	v.DstVLAN = r.Uint32("sflow: extended switch DstVLAN")
	v.DstPriority = r.Uint32("sflow: extended switch DstPriority")
	return v
}

func (v ExtendedSwitch) size() int {
	return 4 + 4 + 4 + 4
}

func (v ExtendedSwitch) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.SrcVLAN)
	b = wire.AppendUint32(b, v.SrcPriority)
	b = wire.AppendUint32(b, v.DstVLAN)
	b = wire.AppendUint32(b, v.DstPriority)
	return b
}

// ExtendedSwitch decodes the record as a ExtendedSwitch (formats 1001). The result aliases the datagram.
func (r Record) ExtendedSwitch() (ExtendedSwitch, error) {
	if !(r.Format == FormatExtendedSwitch) || r.Counter {
		return ExtendedSwitch{}, r.formatError("ExtendedSwitch")
	}
	if len(r.Data) >= 16 {
		return fastExtendedSwitch(r.Data), nil
	}
	rr := r.reader()
	v := decodeExtendedSwitch(&rr)
	return v, rr.Err()
}

// ExtendedSwitch decodes the current record as a ExtendedSwitch; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ExtendedSwitch() ExtendedSwitch {
	if (d.recFmt == FormatExtendedSwitch) && !d.counter && d.recDEnd-d.recData >= 16 {
		return fastExtendedSwitch(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().ExtendedSwitch()
	if err != nil {
		d.fail(err)
		return ExtendedSwitch{}
	}
	return v
}

// AddExtendedSwitch appends a extended switch record (FormatExtendedSwitch) to the current flow sample.
func (b *Builder) AddExtendedSwitch(v ExtendedSwitch) {
	if !b.startRecord(FormatExtendedSwitch, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ExtendedRouter is the extended router record (0:1002).
type ExtendedRouter struct {
	NextHop    netip.Addr
	SrcMaskLen uint32
	DstMaskLen uint32
}

func decodeExtendedRouter(r *wire.Reader) (v ExtendedRouter) {
	v.NextHop = readAddress(r, "sflow: extended router NextHop")
	v.SrcMaskLen = r.Uint32("sflow: extended router SrcMaskLen")
	v.DstMaskLen = r.Uint32("sflow: extended router DstMaskLen")
	return v
}

func (v ExtendedRouter) size() int {
	return addressSize(v.NextHop) + 4 + 4
}

func (v ExtendedRouter) append(b []byte) []byte {
	b = appendAddress(b, v.NextHop)
	b = wire.AppendUint32(b, v.SrcMaskLen)
	b = wire.AppendUint32(b, v.DstMaskLen)
	return b
}

// ExtendedRouter decodes the record as a ExtendedRouter (formats 1002). The result aliases the datagram.
func (r Record) ExtendedRouter() (ExtendedRouter, error) {
	if !(r.Format == FormatExtendedRouter) || r.Counter {
		return ExtendedRouter{}, r.formatError("ExtendedRouter")
	}
	if v, ok := fastExtendedRouter(r.Data); ok {
		return v, nil
	}
	rr := r.reader()
	v := decodeExtendedRouter(&rr)
	return v, rr.Err()
}

// ExtendedRouter decodes the current record as a ExtendedRouter; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ExtendedRouter() ExtendedRouter {
	if (d.recFmt == FormatExtendedRouter) && !d.counter {
		if v, ok := fastExtendedRouter(d.b[d.recData:d.recDEnd:d.recDEnd]); ok {
			return v
		}
	}
	v, err := d.Record().ExtendedRouter()
	if err != nil {
		d.fail(err)
		return ExtendedRouter{}
	}
	return v
}

// AddExtendedRouter appends a extended router record (FormatExtendedRouter) to the current flow sample.
func (b *Builder) AddExtendedRouter(v ExtendedRouter) {
	if !b.startRecord(FormatExtendedRouter, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ExtendedGateway is the extended gateway record (0:1003): BGP next hop, AS numbers, AS path and communities.
type ExtendedGateway struct {
	NextHop     netip.Addr
	AS          uint32
	SrcAS       uint32
	SrcPeerAS   uint32
	ASPath      ASPath
	Communities U32List
	LocalPref   uint32
}

func decodeExtendedGateway(r *wire.Reader) (v ExtendedGateway) {
	v.NextHop = readAddress(r, "sflow: extended gateway NextHop")
	v.AS = r.Uint32("sflow: extended gateway AS")
	v.SrcAS = r.Uint32("sflow: extended gateway SrcAS")
	v.SrcPeerAS = r.Uint32("sflow: extended gateway SrcPeerAS")
	v.ASPath = readASPath(r, "sflow: extended gateway ASPath")
	v.Communities = readU32List(r, "sflow: extended gateway Communities")
	v.LocalPref = r.Uint32("sflow: extended gateway LocalPref")
	return v
}

func (v ExtendedGateway) size() int {
	return addressSize(v.NextHop) + 4 + 4 + 4 + v.ASPath.xdrSize() + v.Communities.xdrSize() + 4
}

func (v ExtendedGateway) append(b []byte) []byte {
	b = appendAddress(b, v.NextHop)
	b = wire.AppendUint32(b, v.AS)
	b = wire.AppendUint32(b, v.SrcAS)
	b = wire.AppendUint32(b, v.SrcPeerAS)
	b = v.ASPath.appendXDR(b)
	b = v.Communities.appendXDR(b)
	b = wire.AppendUint32(b, v.LocalPref)
	return b
}

// ExtendedGateway decodes the record as a ExtendedGateway (formats 1003). The result aliases the datagram.
func (r Record) ExtendedGateway() (ExtendedGateway, error) {
	if !(r.Format == FormatExtendedGateway) || r.Counter {
		return ExtendedGateway{}, r.formatError("ExtendedGateway")
	}
	rr := r.reader()
	v := decodeExtendedGateway(&rr)
	return v, rr.Err()
}

// ExtendedGateway decodes the current record as a ExtendedGateway; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ExtendedGateway() ExtendedGateway {
	v, err := d.Record().ExtendedGateway()
	if err != nil {
		d.fail(err)
		return ExtendedGateway{}
	}
	return v
}

// AddExtendedGateway appends a extended gateway record (FormatExtendedGateway) to the current flow sample.
func (b *Builder) AddExtendedGateway(v ExtendedGateway) {
	if !b.startRecord(FormatExtendedGateway, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ExtendedUser is the extended user record (0:1004).
type ExtendedUser struct {
	SrcCharset uint32
	SrcUser    []byte
	DstCharset uint32
	DstUser    []byte
}

func decodeExtendedUser(r *wire.Reader) (v ExtendedUser) {
	v.SrcCharset = r.Uint32("sflow: extended user SrcCharset")
	v.SrcUser = readOpaque(r, "sflow: extended user SrcUser")
	v.DstCharset = r.Uint32("sflow: extended user DstCharset")
	v.DstUser = readOpaque(r, "sflow: extended user DstUser")
	return v
}

func (v ExtendedUser) size() int {
	return 4 + 4 + len(v.SrcUser) + wire.Pad4(len(v.SrcUser)) + 4 + 4 + len(v.DstUser) + wire.Pad4(len(v.DstUser))
}

func (v ExtendedUser) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.SrcCharset)
	b = appendOpaque(b, v.SrcUser)
	b = wire.AppendUint32(b, v.DstCharset)
	b = appendOpaque(b, v.DstUser)
	return b
}

// ExtendedUser decodes the record as a ExtendedUser (formats 1004). The result aliases the datagram.
func (r Record) ExtendedUser() (ExtendedUser, error) {
	if !(r.Format == FormatExtendedUser) || r.Counter {
		return ExtendedUser{}, r.formatError("ExtendedUser")
	}
	rr := r.reader()
	v := decodeExtendedUser(&rr)
	return v, rr.Err()
}

// ExtendedUser decodes the current record as a ExtendedUser; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ExtendedUser() ExtendedUser {
	v, err := d.Record().ExtendedUser()
	if err != nil {
		d.fail(err)
		return ExtendedUser{}
	}
	return v
}

// AddExtendedUser appends a extended user record (FormatExtendedUser) to the current flow sample.
func (b *Builder) AddExtendedUser(v ExtendedUser) {
	if !b.startRecord(FormatExtendedUser, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ExtendedURL is the extended URL record (0:1005). Host is absent (empty) in records written before it was added.
type ExtendedURL struct {
	Direction uint32
	URL       []byte
	Host      []byte
}

func decodeExtendedURL(r *wire.Reader) (v ExtendedURL) {
	v.Direction = r.Uint32("sflow: extended url Direction")
	v.URL = readOpaque(r, "sflow: extended url URL")
	if r.Len() > 0 {
		v.Host = readOpaque(r, "sflow: extended url Host")
	}
	return v
}

func (v ExtendedURL) size() int {
	return 4 + 4 + len(v.URL) + wire.Pad4(len(v.URL)) + 4 + len(v.Host) + wire.Pad4(len(v.Host))
}

func (v ExtendedURL) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.Direction)
	b = appendOpaque(b, v.URL)
	b = appendOpaque(b, v.Host)
	return b
}

// ExtendedURL decodes the record as a ExtendedURL (formats 1005). The result aliases the datagram.
func (r Record) ExtendedURL() (ExtendedURL, error) {
	if !(r.Format == FormatExtendedURL) || r.Counter {
		return ExtendedURL{}, r.formatError("ExtendedURL")
	}
	rr := r.reader()
	v := decodeExtendedURL(&rr)
	return v, rr.Err()
}

// ExtendedURL decodes the current record as a ExtendedURL; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ExtendedURL() ExtendedURL {
	v, err := d.Record().ExtendedURL()
	if err != nil {
		d.fail(err)
		return ExtendedURL{}
	}
	return v
}

// AddExtendedURL appends a extended url record (FormatExtendedURL) to the current flow sample.
func (b *Builder) AddExtendedURL(v ExtendedURL) {
	if !b.startRecord(FormatExtendedURL, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ExtendedMPLS is the extended MPLS record (0:1006).
type ExtendedMPLS struct {
	NextHop  netip.Addr
	InStack  U32List
	OutStack U32List
}

func decodeExtendedMPLS(r *wire.Reader) (v ExtendedMPLS) {
	v.NextHop = readAddress(r, "sflow: extended mpls NextHop")
	v.InStack = readU32List(r, "sflow: extended mpls InStack")
	v.OutStack = readU32List(r, "sflow: extended mpls OutStack")
	return v
}

func (v ExtendedMPLS) size() int {
	return addressSize(v.NextHop) + v.InStack.xdrSize() + v.OutStack.xdrSize()
}

func (v ExtendedMPLS) append(b []byte) []byte {
	b = appendAddress(b, v.NextHop)
	b = v.InStack.appendXDR(b)
	b = v.OutStack.appendXDR(b)
	return b
}

// ExtendedMPLS decodes the record as a ExtendedMPLS (formats 1006). The result aliases the datagram.
func (r Record) ExtendedMPLS() (ExtendedMPLS, error) {
	if !(r.Format == FormatExtendedMPLS) || r.Counter {
		return ExtendedMPLS{}, r.formatError("ExtendedMPLS")
	}
	rr := r.reader()
	v := decodeExtendedMPLS(&rr)
	return v, rr.Err()
}

// ExtendedMPLS decodes the current record as a ExtendedMPLS; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ExtendedMPLS() ExtendedMPLS {
	v, err := d.Record().ExtendedMPLS()
	if err != nil {
		d.fail(err)
		return ExtendedMPLS{}
	}
	return v
}

// AddExtendedMPLS appends a extended mpls record (FormatExtendedMPLS) to the current flow sample.
func (b *Builder) AddExtendedMPLS(v ExtendedMPLS) {
	if !b.startRecord(FormatExtendedMPLS, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ExtendedNAT is the extended NAT record (0:1007).
type ExtendedNAT struct {
	Src netip.Addr
	Dst netip.Addr
}

func decodeExtendedNAT(r *wire.Reader) (v ExtendedNAT) {
	v.Src = readAddress(r, "sflow: extended nat Src")
	v.Dst = readAddress(r, "sflow: extended nat Dst")
	return v
}

func (v ExtendedNAT) size() int {
	return addressSize(v.Src) + addressSize(v.Dst)
}

func (v ExtendedNAT) append(b []byte) []byte {
	b = appendAddress(b, v.Src)
	b = appendAddress(b, v.Dst)
	return b
}

// ExtendedNAT decodes the record as a ExtendedNAT (formats 1007). The result aliases the datagram.
func (r Record) ExtendedNAT() (ExtendedNAT, error) {
	if !(r.Format == FormatExtendedNAT) || r.Counter {
		return ExtendedNAT{}, r.formatError("ExtendedNAT")
	}
	rr := r.reader()
	v := decodeExtendedNAT(&rr)
	return v, rr.Err()
}

// ExtendedNAT decodes the current record as a ExtendedNAT; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ExtendedNAT() ExtendedNAT {
	v, err := d.Record().ExtendedNAT()
	if err != nil {
		d.fail(err)
		return ExtendedNAT{}
	}
	return v
}

// AddExtendedNAT appends a extended nat record (FormatExtendedNAT) to the current flow sample.
func (b *Builder) AddExtendedNAT(v ExtendedNAT) {
	if !b.startRecord(FormatExtendedNAT, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ExtendedMPLSTunnel is the extended MPLS tunnel record (0:1008).
type ExtendedMPLSTunnel struct {
	Name []byte
	ID   uint32
	COS  uint32
}

func decodeExtendedMPLSTunnel(r *wire.Reader) (v ExtendedMPLSTunnel) {
	v.Name = readOpaque(r, "sflow: extended mpls tunnel Name")
	v.ID = r.Uint32("sflow: extended mpls tunnel ID")
	v.COS = r.Uint32("sflow: extended mpls tunnel COS")
	return v
}

func (v ExtendedMPLSTunnel) size() int {
	return 4 + len(v.Name) + wire.Pad4(len(v.Name)) + 4 + 4
}

func (v ExtendedMPLSTunnel) append(b []byte) []byte {
	b = appendOpaque(b, v.Name)
	b = wire.AppendUint32(b, v.ID)
	b = wire.AppendUint32(b, v.COS)
	return b
}

// ExtendedMPLSTunnel decodes the record as a ExtendedMPLSTunnel (formats 1008). The result aliases the datagram.
func (r Record) ExtendedMPLSTunnel() (ExtendedMPLSTunnel, error) {
	if !(r.Format == FormatExtendedMPLSTunnel) || r.Counter {
		return ExtendedMPLSTunnel{}, r.formatError("ExtendedMPLSTunnel")
	}
	rr := r.reader()
	v := decodeExtendedMPLSTunnel(&rr)
	return v, rr.Err()
}

// ExtendedMPLSTunnel decodes the current record as a ExtendedMPLSTunnel; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ExtendedMPLSTunnel() ExtendedMPLSTunnel {
	v, err := d.Record().ExtendedMPLSTunnel()
	if err != nil {
		d.fail(err)
		return ExtendedMPLSTunnel{}
	}
	return v
}

// AddExtendedMPLSTunnel appends a extended mpls tunnel record (FormatExtendedMPLSTunnel) to the current flow sample.
func (b *Builder) AddExtendedMPLSTunnel(v ExtendedMPLSTunnel) {
	if !b.startRecord(FormatExtendedMPLSTunnel, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ExtendedMPLSVC is the extended MPLS virtual-circuit record (0:1009).
type ExtendedMPLSVC struct {
	Name     []byte
	ID       uint32
	LabelCOS uint32
}

func decodeExtendedMPLSVC(r *wire.Reader) (v ExtendedMPLSVC) {
	v.Name = readOpaque(r, "sflow: extended mpls vc Name")
	v.ID = r.Uint32("sflow: extended mpls vc ID")
	v.LabelCOS = r.Uint32("sflow: extended mpls vc LabelCOS")
	return v
}

func (v ExtendedMPLSVC) size() int {
	return 4 + len(v.Name) + wire.Pad4(len(v.Name)) + 4 + 4
}

func (v ExtendedMPLSVC) append(b []byte) []byte {
	b = appendOpaque(b, v.Name)
	b = wire.AppendUint32(b, v.ID)
	b = wire.AppendUint32(b, v.LabelCOS)
	return b
}

// ExtendedMPLSVC decodes the record as a ExtendedMPLSVC (formats 1009). The result aliases the datagram.
func (r Record) ExtendedMPLSVC() (ExtendedMPLSVC, error) {
	if !(r.Format == FormatExtendedMPLSVC) || r.Counter {
		return ExtendedMPLSVC{}, r.formatError("ExtendedMPLSVC")
	}
	rr := r.reader()
	v := decodeExtendedMPLSVC(&rr)
	return v, rr.Err()
}

// ExtendedMPLSVC decodes the current record as a ExtendedMPLSVC; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ExtendedMPLSVC() ExtendedMPLSVC {
	v, err := d.Record().ExtendedMPLSVC()
	if err != nil {
		d.fail(err)
		return ExtendedMPLSVC{}
	}
	return v
}

// AddExtendedMPLSVC appends a extended mpls vc record (FormatExtendedMPLSVC) to the current flow sample.
func (b *Builder) AddExtendedMPLSVC(v ExtendedMPLSVC) {
	if !b.startRecord(FormatExtendedMPLSVC, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ExtendedMPLSFTN is the extended MPLS FEC-to-NHLFE record (0:1010).
type ExtendedMPLSFTN struct {
	Descr []byte
	Mask  uint32
}

func decodeExtendedMPLSFTN(r *wire.Reader) (v ExtendedMPLSFTN) {
	v.Descr = readOpaque(r, "sflow: extended mpls ftn Descr")
	v.Mask = r.Uint32("sflow: extended mpls ftn Mask")
	return v
}

func (v ExtendedMPLSFTN) size() int {
	return 4 + len(v.Descr) + wire.Pad4(len(v.Descr)) + 4
}

func (v ExtendedMPLSFTN) append(b []byte) []byte {
	b = appendOpaque(b, v.Descr)
	b = wire.AppendUint32(b, v.Mask)
	return b
}

// ExtendedMPLSFTN decodes the record as a ExtendedMPLSFTN (formats 1010). The result aliases the datagram.
func (r Record) ExtendedMPLSFTN() (ExtendedMPLSFTN, error) {
	if !(r.Format == FormatExtendedMPLSFTN) || r.Counter {
		return ExtendedMPLSFTN{}, r.formatError("ExtendedMPLSFTN")
	}
	rr := r.reader()
	v := decodeExtendedMPLSFTN(&rr)
	return v, rr.Err()
}

// ExtendedMPLSFTN decodes the current record as a ExtendedMPLSFTN; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ExtendedMPLSFTN() ExtendedMPLSFTN {
	v, err := d.Record().ExtendedMPLSFTN()
	if err != nil {
		d.fail(err)
		return ExtendedMPLSFTN{}
	}
	return v
}

// AddExtendedMPLSFTN appends a extended mpls ftn record (FormatExtendedMPLSFTN) to the current flow sample.
func (b *Builder) AddExtendedMPLSFTN(v ExtendedMPLSFTN) {
	if !b.startRecord(FormatExtendedMPLSFTN, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ExtendedMPLSLDPFEC is the extended MPLS LDP FEC record (0:1011).
type ExtendedMPLSLDPFEC struct {
	PrefixLength uint32
}

func decodeExtendedMPLSLDPFEC(r *wire.Reader) (v ExtendedMPLSLDPFEC) {
	v.PrefixLength = r.Uint32("sflow: extended mpls ldp fec PrefixLength")
	return v
}

func (v ExtendedMPLSLDPFEC) size() int {
	return 4
}

func (v ExtendedMPLSLDPFEC) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.PrefixLength)
	return b
}

// ExtendedMPLSLDPFEC decodes the record as a ExtendedMPLSLDPFEC (formats 1011). The result aliases the datagram.
func (r Record) ExtendedMPLSLDPFEC() (ExtendedMPLSLDPFEC, error) {
	if !(r.Format == FormatExtendedMPLSLDPFEC) || r.Counter {
		return ExtendedMPLSLDPFEC{}, r.formatError("ExtendedMPLSLDPFEC")
	}
	if len(r.Data) >= 4 {
		return fastExtendedMPLSLDPFEC(r.Data), nil
	}
	rr := r.reader()
	v := decodeExtendedMPLSLDPFEC(&rr)
	return v, rr.Err()
}

// ExtendedMPLSLDPFEC decodes the current record as a ExtendedMPLSLDPFEC; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ExtendedMPLSLDPFEC() ExtendedMPLSLDPFEC {
	if (d.recFmt == FormatExtendedMPLSLDPFEC) && !d.counter && d.recDEnd-d.recData >= 4 {
		return fastExtendedMPLSLDPFEC(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().ExtendedMPLSLDPFEC()
	if err != nil {
		d.fail(err)
		return ExtendedMPLSLDPFEC{}
	}
	return v
}

// AddExtendedMPLSLDPFEC appends a extended mpls ldp fec record (FormatExtendedMPLSLDPFEC) to the current flow sample.
func (b *Builder) AddExtendedMPLSLDPFEC(v ExtendedMPLSLDPFEC) {
	if !b.startRecord(FormatExtendedMPLSLDPFEC, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ExtendedVLANTunnel is the extended VLAN tunnel record (0:1012): the stack of 802.1Q tags (TPID<<16 | TCI), outermost first.
type ExtendedVLANTunnel struct {
	Stack U32List
}

func decodeExtendedVLANTunnel(r *wire.Reader) (v ExtendedVLANTunnel) {
	v.Stack = readU32List(r, "sflow: extended vlan tunnel Stack")
	return v
}

func (v ExtendedVLANTunnel) size() int {
	return v.Stack.xdrSize()
}

func (v ExtendedVLANTunnel) append(b []byte) []byte {
	b = v.Stack.appendXDR(b)
	return b
}

// ExtendedVLANTunnel decodes the record as a ExtendedVLANTunnel (formats 1012). The result aliases the datagram.
func (r Record) ExtendedVLANTunnel() (ExtendedVLANTunnel, error) {
	if !(r.Format == FormatExtendedVLANTunnel) || r.Counter {
		return ExtendedVLANTunnel{}, r.formatError("ExtendedVLANTunnel")
	}
	rr := r.reader()
	v := decodeExtendedVLANTunnel(&rr)
	return v, rr.Err()
}

// ExtendedVLANTunnel decodes the current record as a ExtendedVLANTunnel; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ExtendedVLANTunnel() ExtendedVLANTunnel {
	v, err := d.Record().ExtendedVLANTunnel()
	if err != nil {
		d.fail(err)
		return ExtendedVLANTunnel{}
	}
	return v
}

// AddExtendedVLANTunnel appends a extended vlan tunnel record (FormatExtendedVLANTunnel) to the current flow sample.
func (b *Builder) AddExtendedVLANTunnel(v ExtendedVLANTunnel) {
	if !b.startRecord(FormatExtendedVLANTunnel, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ExtendedDecap is the extended decapsulation egress or ingress record (0:1027, 0:1028): the offset of the inner header in the sampled header.
type ExtendedDecap struct {
	InnerHeaderOffset uint32
}

func decodeExtendedDecap(r *wire.Reader) (v ExtendedDecap) {
	v.InnerHeaderOffset = r.Uint32("sflow: extended decap egress InnerHeaderOffset")
	return v
}

func (v ExtendedDecap) size() int {
	return 4
}

func (v ExtendedDecap) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.InnerHeaderOffset)
	return b
}

// ExtendedDecap decodes the record as a ExtendedDecap (formats 1027, 1028). The result aliases the datagram.
func (r Record) ExtendedDecap() (ExtendedDecap, error) {
	if !(r.Format == FormatDecapEgress || r.Format == FormatDecapIngress) || r.Counter {
		return ExtendedDecap{}, r.formatError("ExtendedDecap")
	}
	if len(r.Data) >= 4 {
		return fastExtendedDecap(r.Data), nil
	}
	rr := r.reader()
	v := decodeExtendedDecap(&rr)
	return v, rr.Err()
}

// ExtendedDecap decodes the current record as a ExtendedDecap; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ExtendedDecap() ExtendedDecap {
	if (d.recFmt == FormatDecapEgress || d.recFmt == FormatDecapIngress) && !d.counter && d.recDEnd-d.recData >= 4 {
		return fastExtendedDecap(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().ExtendedDecap()
	if err != nil {
		d.fail(err)
		return ExtendedDecap{}
	}
	return v
}

// AddDecapEgress appends a extended decap egress record (FormatDecapEgress) to the current flow sample.
func (b *Builder) AddDecapEgress(v ExtendedDecap) {
	if !b.startRecord(FormatDecapEgress, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// AddDecapIngress appends a extended decap ingress record (FormatDecapIngress) to the current flow sample.
func (b *Builder) AddDecapIngress(v ExtendedDecap) {
	if !b.startRecord(FormatDecapIngress, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ExtendedVNI is the extended VNI egress or ingress record (0:1029, 0:1030).
type ExtendedVNI struct {
	VNI uint32
}

func decodeExtendedVNI(r *wire.Reader) (v ExtendedVNI) {
	v.VNI = r.Uint32("sflow: extended vni egress VNI")
	return v
}

func (v ExtendedVNI) size() int {
	return 4
}

func (v ExtendedVNI) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.VNI)
	return b
}

// ExtendedVNI decodes the record as a ExtendedVNI (formats 1029, 1030). The result aliases the datagram.
func (r Record) ExtendedVNI() (ExtendedVNI, error) {
	if !(r.Format == FormatVNIEgress || r.Format == FormatVNIIngress) || r.Counter {
		return ExtendedVNI{}, r.formatError("ExtendedVNI")
	}
	if len(r.Data) >= 4 {
		return fastExtendedVNI(r.Data), nil
	}
	rr := r.reader()
	v := decodeExtendedVNI(&rr)
	return v, rr.Err()
}

// ExtendedVNI decodes the current record as a ExtendedVNI; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ExtendedVNI() ExtendedVNI {
	if (d.recFmt == FormatVNIEgress || d.recFmt == FormatVNIIngress) && !d.counter && d.recDEnd-d.recData >= 4 {
		return fastExtendedVNI(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().ExtendedVNI()
	if err != nil {
		d.fail(err)
		return ExtendedVNI{}
	}
	return v
}

// AddVNIEgress appends a extended vni egress record (FormatVNIEgress) to the current flow sample.
func (b *Builder) AddVNIEgress(v ExtendedVNI) {
	if !b.startRecord(FormatVNIEgress, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// AddVNIIngress appends a extended vni ingress record (FormatVNIIngress) to the current flow sample.
func (b *Builder) AddVNIIngress(v ExtendedVNI) {
	if !b.startRecord(FormatVNIIngress, false, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// GenericInterface is the generic interface counters record (0:1).
type GenericInterface struct {
	IfIndex          uint32
	IfType           uint32
	IfSpeed          uint64
	IfDirection      uint32
	IfStatus         uint32
	InOctets         uint64
	InUcastPkts      uint32
	InMulticastPkts  uint32
	InBroadcastPkts  uint32
	InDiscards       uint32
	InErrors         uint32
	InUnknownProtos  uint32
	OutOctets        uint64
	OutUcastPkts     uint32
	OutMulticastPkts uint32
	OutBroadcastPkts uint32
	OutDiscards      uint32
	OutErrors        uint32
	PromiscuousMode  uint32
}

func decodeGenericInterface(r *wire.Reader) (v GenericInterface) {
	v.IfIndex = r.Uint32("sflow: generic interface counters IfIndex")
	v.IfType = r.Uint32("sflow: generic interface counters IfType")
	v.IfSpeed = r.Uint64("sflow: generic interface counters IfSpeed")
	v.IfDirection = r.Uint32("sflow: generic interface counters IfDirection")
	v.IfStatus = r.Uint32("sflow: generic interface counters IfStatus")
	v.InOctets = r.Uint64("sflow: generic interface counters InOctets")
	v.InUcastPkts = r.Uint32("sflow: generic interface counters InUcastPkts")
	v.InMulticastPkts = r.Uint32("sflow: generic interface counters InMulticastPkts")
	v.InBroadcastPkts = r.Uint32("sflow: generic interface counters InBroadcastPkts")
	v.InDiscards = r.Uint32("sflow: generic interface counters InDiscards")
	v.InErrors = r.Uint32("sflow: generic interface counters InErrors")
	v.InUnknownProtos = r.Uint32("sflow: generic interface counters InUnknownProtos")
	v.OutOctets = r.Uint64("sflow: generic interface counters OutOctets")
	v.OutUcastPkts = r.Uint32("sflow: generic interface counters OutUcastPkts")
	v.OutMulticastPkts = r.Uint32("sflow: generic interface counters OutMulticastPkts")
	v.OutBroadcastPkts = r.Uint32("sflow: generic interface counters OutBroadcastPkts")
	v.OutDiscards = r.Uint32("sflow: generic interface counters OutDiscards")
	v.OutErrors = r.Uint32("sflow: generic interface counters OutErrors")
	v.PromiscuousMode = r.Uint32("sflow: generic interface counters PromiscuousMode")
	return v
}

func (v GenericInterface) size() int {
	return 4 + 4 + 8 + 4 + 4 + 8 + 4 + 4 + 4 + 4 + 4 + 4 + 8 + 4 + 4 + 4 + 4 + 4 + 4
}

func (v GenericInterface) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.IfIndex)
	b = wire.AppendUint32(b, v.IfType)
	b = wire.AppendUint64(b, v.IfSpeed)
	b = wire.AppendUint32(b, v.IfDirection)
	b = wire.AppendUint32(b, v.IfStatus)
	b = wire.AppendUint64(b, v.InOctets)
	b = wire.AppendUint32(b, v.InUcastPkts)
	b = wire.AppendUint32(b, v.InMulticastPkts)
	b = wire.AppendUint32(b, v.InBroadcastPkts)
	b = wire.AppendUint32(b, v.InDiscards)
	b = wire.AppendUint32(b, v.InErrors)
	b = wire.AppendUint32(b, v.InUnknownProtos)
	b = wire.AppendUint64(b, v.OutOctets)
	b = wire.AppendUint32(b, v.OutUcastPkts)
	b = wire.AppendUint32(b, v.OutMulticastPkts)
	b = wire.AppendUint32(b, v.OutBroadcastPkts)
	b = wire.AppendUint32(b, v.OutDiscards)
	b = wire.AppendUint32(b, v.OutErrors)
	b = wire.AppendUint32(b, v.PromiscuousMode)
	return b
}

// GenericInterface decodes the record as a GenericInterface (formats 1). The result aliases the datagram.
func (r Record) GenericInterface() (GenericInterface, error) {
	if !(r.Format == FormatGenericInterface) || !r.Counter {
		return GenericInterface{}, r.formatError("GenericInterface")
	}
	if len(r.Data) >= 88 {
		return fastGenericInterface(r.Data), nil
	}
	rr := r.reader()
	v := decodeGenericInterface(&rr)
	return v, rr.Err()
}

// GenericInterface decodes the current record as a GenericInterface; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) GenericInterface() GenericInterface {
	if (d.recFmt == FormatGenericInterface) && d.counter && d.recDEnd-d.recData >= 88 {
		return fastGenericInterface(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().GenericInterface()
	if err != nil {
		d.fail(err)
		return GenericInterface{}
	}
	return v
}

// AddGenericInterface appends a generic interface counters record (FormatGenericInterface) to the current counter sample.
func (b *Builder) AddGenericInterface(v GenericInterface) {
	if !b.startRecord(FormatGenericInterface, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// EthernetCounters is the Ethernet interface counters record (0:2), the dot3Stats objects.
type EthernetCounters struct {
	AlignmentErrors           uint32
	FCSErrors                 uint32
	SingleCollisionFrames     uint32
	MultipleCollisionFrames   uint32
	SQETestErrors             uint32
	DeferredTransmissions     uint32
	LateCollisions            uint32
	ExcessiveCollisions       uint32
	InternalMacTransmitErrors uint32
	CarrierSenseErrors        uint32
	FrameTooLongs             uint32
	InternalMacReceiveErrors  uint32
	SymbolErrors              uint32
}

func decodeEthernetCounters(r *wire.Reader) (v EthernetCounters) {
	v.AlignmentErrors = r.Uint32("sflow: ethernet counters AlignmentErrors")
	v.FCSErrors = r.Uint32("sflow: ethernet counters FCSErrors")
	v.SingleCollisionFrames = r.Uint32("sflow: ethernet counters SingleCollisionFrames")
	v.MultipleCollisionFrames = r.Uint32("sflow: ethernet counters MultipleCollisionFrames")
	v.SQETestErrors = r.Uint32("sflow: ethernet counters SQETestErrors")
	v.DeferredTransmissions = r.Uint32("sflow: ethernet counters DeferredTransmissions")
	v.LateCollisions = r.Uint32("sflow: ethernet counters LateCollisions")
	v.ExcessiveCollisions = r.Uint32("sflow: ethernet counters ExcessiveCollisions")
	v.InternalMacTransmitErrors = r.Uint32("sflow: ethernet counters InternalMacTransmitErrors")
	v.CarrierSenseErrors = r.Uint32("sflow: ethernet counters CarrierSenseErrors")
	v.FrameTooLongs = r.Uint32("sflow: ethernet counters FrameTooLongs")
	v.InternalMacReceiveErrors = r.Uint32("sflow: ethernet counters InternalMacReceiveErrors")
	v.SymbolErrors = r.Uint32("sflow: ethernet counters SymbolErrors")
	return v
}

func (v EthernetCounters) size() int {
	return 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4
}

func (v EthernetCounters) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.AlignmentErrors)
	b = wire.AppendUint32(b, v.FCSErrors)
	b = wire.AppendUint32(b, v.SingleCollisionFrames)
	b = wire.AppendUint32(b, v.MultipleCollisionFrames)
	b = wire.AppendUint32(b, v.SQETestErrors)
	b = wire.AppendUint32(b, v.DeferredTransmissions)
	b = wire.AppendUint32(b, v.LateCollisions)
	b = wire.AppendUint32(b, v.ExcessiveCollisions)
	b = wire.AppendUint32(b, v.InternalMacTransmitErrors)
	b = wire.AppendUint32(b, v.CarrierSenseErrors)
	b = wire.AppendUint32(b, v.FrameTooLongs)
	b = wire.AppendUint32(b, v.InternalMacReceiveErrors)
	b = wire.AppendUint32(b, v.SymbolErrors)
	return b
}

// EthernetCounters decodes the record as a EthernetCounters (formats 2). The result aliases the datagram.
func (r Record) EthernetCounters() (EthernetCounters, error) {
	if !(r.Format == FormatEthernetCounters) || !r.Counter {
		return EthernetCounters{}, r.formatError("EthernetCounters")
	}
	if len(r.Data) >= 52 {
		return fastEthernetCounters(r.Data), nil
	}
	rr := r.reader()
	v := decodeEthernetCounters(&rr)
	return v, rr.Err()
}

// EthernetCounters decodes the current record as a EthernetCounters; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) EthernetCounters() EthernetCounters {
	if (d.recFmt == FormatEthernetCounters) && d.counter && d.recDEnd-d.recData >= 52 {
		return fastEthernetCounters(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().EthernetCounters()
	if err != nil {
		d.fail(err)
		return EthernetCounters{}
	}
	return v
}

// AddEthernetCounters appends a ethernet counters record (FormatEthernetCounters) to the current counter sample.
func (b *Builder) AddEthernetCounters(v EthernetCounters) {
	if !b.startRecord(FormatEthernetCounters, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// TokenRingCounters is the token ring counters record (0:3), the dot5Stats objects.
type TokenRingCounters struct {
	LineErrors         uint32
	BurstErrors        uint32
	ACErrors           uint32
	AbortTransErrors   uint32
	InternalErrors     uint32
	LostFrameErrors    uint32
	ReceiveCongestions uint32
	FrameCopiedErrors  uint32
	TokenErrors        uint32
	SoftErrors         uint32
	HardErrors         uint32
	SignalLoss         uint32
	TransmitBeacons    uint32
	Recoverys          uint32
	LobeWires          uint32
	Removes            uint32
	Singles            uint32
	FreqErrors         uint32
}

func decodeTokenRingCounters(r *wire.Reader) (v TokenRingCounters) {
	v.LineErrors = r.Uint32("sflow: token ring counters LineErrors")
	v.BurstErrors = r.Uint32("sflow: token ring counters BurstErrors")
	v.ACErrors = r.Uint32("sflow: token ring counters ACErrors")
	v.AbortTransErrors = r.Uint32("sflow: token ring counters AbortTransErrors")
	v.InternalErrors = r.Uint32("sflow: token ring counters InternalErrors")
	v.LostFrameErrors = r.Uint32("sflow: token ring counters LostFrameErrors")
	v.ReceiveCongestions = r.Uint32("sflow: token ring counters ReceiveCongestions")
	v.FrameCopiedErrors = r.Uint32("sflow: token ring counters FrameCopiedErrors")
	v.TokenErrors = r.Uint32("sflow: token ring counters TokenErrors")
	v.SoftErrors = r.Uint32("sflow: token ring counters SoftErrors")
	v.HardErrors = r.Uint32("sflow: token ring counters HardErrors")
	v.SignalLoss = r.Uint32("sflow: token ring counters SignalLoss")
	v.TransmitBeacons = r.Uint32("sflow: token ring counters TransmitBeacons")
	v.Recoverys = r.Uint32("sflow: token ring counters Recoverys")
	v.LobeWires = r.Uint32("sflow: token ring counters LobeWires")
	v.Removes = r.Uint32("sflow: token ring counters Removes")
	v.Singles = r.Uint32("sflow: token ring counters Singles")
	v.FreqErrors = r.Uint32("sflow: token ring counters FreqErrors")
	return v
}

func (v TokenRingCounters) size() int {
	return 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4
}

func (v TokenRingCounters) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.LineErrors)
	b = wire.AppendUint32(b, v.BurstErrors)
	b = wire.AppendUint32(b, v.ACErrors)
	b = wire.AppendUint32(b, v.AbortTransErrors)
	b = wire.AppendUint32(b, v.InternalErrors)
	b = wire.AppendUint32(b, v.LostFrameErrors)
	b = wire.AppendUint32(b, v.ReceiveCongestions)
	b = wire.AppendUint32(b, v.FrameCopiedErrors)
	b = wire.AppendUint32(b, v.TokenErrors)
	b = wire.AppendUint32(b, v.SoftErrors)
	b = wire.AppendUint32(b, v.HardErrors)
	b = wire.AppendUint32(b, v.SignalLoss)
	b = wire.AppendUint32(b, v.TransmitBeacons)
	b = wire.AppendUint32(b, v.Recoverys)
	b = wire.AppendUint32(b, v.LobeWires)
	b = wire.AppendUint32(b, v.Removes)
	b = wire.AppendUint32(b, v.Singles)
	b = wire.AppendUint32(b, v.FreqErrors)
	return b
}

// TokenRingCounters decodes the record as a TokenRingCounters (formats 3). The result aliases the datagram.
func (r Record) TokenRingCounters() (TokenRingCounters, error) {
	if !(r.Format == FormatTokenRingCounters) || !r.Counter {
		return TokenRingCounters{}, r.formatError("TokenRingCounters")
	}
	if len(r.Data) >= 72 {
		return fastTokenRingCounters(r.Data), nil
	}
	rr := r.reader()
	v := decodeTokenRingCounters(&rr)
	return v, rr.Err()
}

// TokenRingCounters decodes the current record as a TokenRingCounters; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) TokenRingCounters() TokenRingCounters {
	if (d.recFmt == FormatTokenRingCounters) && d.counter && d.recDEnd-d.recData >= 72 {
		return fastTokenRingCounters(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().TokenRingCounters()
	if err != nil {
		d.fail(err)
		return TokenRingCounters{}
	}
	return v
}

// AddTokenRingCounters appends a token ring counters record (FormatTokenRingCounters) to the current counter sample.
func (b *Builder) AddTokenRingCounters(v TokenRingCounters) {
	if !b.startRecord(FormatTokenRingCounters, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// VGCounters is the 100BaseVG interface counters record (0:4), the dot12 objects.
type VGCounters struct {
	InHighPriorityFrames    uint32
	InHighPriorityOctets    uint64
	InNormPriorityFrames    uint32
	InNormPriorityOctets    uint64
	InIPMErrors             uint32
	InOversizeFrameErrors   uint32
	InDataErrors            uint32
	InNullAddressedFrames   uint32
	OutHighPriorityFrames   uint32
	OutHighPriorityOctets   uint64
	TransitionIntoTrainings uint32
	HCInHighPriorityOctets  uint64
	HCInNormPriorityOctets  uint64
	HCOutHighPriorityOctets uint64
}

func decodeVGCounters(r *wire.Reader) (v VGCounters) {
	v.InHighPriorityFrames = r.Uint32("sflow: 100basevg counters InHighPriorityFrames")
	v.InHighPriorityOctets = r.Uint64("sflow: 100basevg counters InHighPriorityOctets")
	v.InNormPriorityFrames = r.Uint32("sflow: 100basevg counters InNormPriorityFrames")
	v.InNormPriorityOctets = r.Uint64("sflow: 100basevg counters InNormPriorityOctets")
	v.InIPMErrors = r.Uint32("sflow: 100basevg counters InIPMErrors")
	v.InOversizeFrameErrors = r.Uint32("sflow: 100basevg counters InOversizeFrameErrors")
	v.InDataErrors = r.Uint32("sflow: 100basevg counters InDataErrors")
	v.InNullAddressedFrames = r.Uint32("sflow: 100basevg counters InNullAddressedFrames")
	v.OutHighPriorityFrames = r.Uint32("sflow: 100basevg counters OutHighPriorityFrames")
	v.OutHighPriorityOctets = r.Uint64("sflow: 100basevg counters OutHighPriorityOctets")
	v.TransitionIntoTrainings = r.Uint32("sflow: 100basevg counters TransitionIntoTrainings")
	v.HCInHighPriorityOctets = r.Uint64("sflow: 100basevg counters HCInHighPriorityOctets")
	v.HCInNormPriorityOctets = r.Uint64("sflow: 100basevg counters HCInNormPriorityOctets")
	v.HCOutHighPriorityOctets = r.Uint64("sflow: 100basevg counters HCOutHighPriorityOctets")
	return v
}

func (v VGCounters) size() int {
	return 4 + 8 + 4 + 8 + 4 + 4 + 4 + 4 + 4 + 8 + 4 + 8 + 8 + 8
}

func (v VGCounters) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.InHighPriorityFrames)
	b = wire.AppendUint64(b, v.InHighPriorityOctets)
	b = wire.AppendUint32(b, v.InNormPriorityFrames)
	b = wire.AppendUint64(b, v.InNormPriorityOctets)
	b = wire.AppendUint32(b, v.InIPMErrors)
	b = wire.AppendUint32(b, v.InOversizeFrameErrors)
	b = wire.AppendUint32(b, v.InDataErrors)
	b = wire.AppendUint32(b, v.InNullAddressedFrames)
	b = wire.AppendUint32(b, v.OutHighPriorityFrames)
	b = wire.AppendUint64(b, v.OutHighPriorityOctets)
	b = wire.AppendUint32(b, v.TransitionIntoTrainings)
	b = wire.AppendUint64(b, v.HCInHighPriorityOctets)
	b = wire.AppendUint64(b, v.HCInNormPriorityOctets)
	b = wire.AppendUint64(b, v.HCOutHighPriorityOctets)
	return b
}

// VGCounters decodes the record as a VGCounters (formats 4). The result aliases the datagram.
func (r Record) VGCounters() (VGCounters, error) {
	if !(r.Format == FormatVGCounters) || !r.Counter {
		return VGCounters{}, r.formatError("VGCounters")
	}
	if len(r.Data) >= 80 {
		return fastVGCounters(r.Data), nil
	}
	rr := r.reader()
	v := decodeVGCounters(&rr)
	return v, rr.Err()
}

// VGCounters decodes the current record as a VGCounters; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) VGCounters() VGCounters {
	if (d.recFmt == FormatVGCounters) && d.counter && d.recDEnd-d.recData >= 80 {
		return fastVGCounters(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().VGCounters()
	if err != nil {
		d.fail(err)
		return VGCounters{}
	}
	return v
}

// AddVGCounters appends a 100basevg counters record (FormatVGCounters) to the current counter sample.
func (b *Builder) AddVGCounters(v VGCounters) {
	if !b.startRecord(FormatVGCounters, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// VLANCounters is the VLAN counters record (0:5).
type VLANCounters struct {
	VLANID        uint32
	Octets        uint64
	UcastPkts     uint32
	MulticastPkts uint32
	BroadcastPkts uint32
	Discards      uint32
}

func decodeVLANCounters(r *wire.Reader) (v VLANCounters) {
	v.VLANID = r.Uint32("sflow: vlan counters VLANID")
	v.Octets = r.Uint64("sflow: vlan counters Octets")
	v.UcastPkts = r.Uint32("sflow: vlan counters UcastPkts")
	v.MulticastPkts = r.Uint32("sflow: vlan counters MulticastPkts")
	v.BroadcastPkts = r.Uint32("sflow: vlan counters BroadcastPkts")
	v.Discards = r.Uint32("sflow: vlan counters Discards")
	return v
}

func (v VLANCounters) size() int {
	return 4 + 8 + 4 + 4 + 4 + 4
}

func (v VLANCounters) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.VLANID)
	b = wire.AppendUint64(b, v.Octets)
	b = wire.AppendUint32(b, v.UcastPkts)
	b = wire.AppendUint32(b, v.MulticastPkts)
	b = wire.AppendUint32(b, v.BroadcastPkts)
	b = wire.AppendUint32(b, v.Discards)
	return b
}

// VLANCounters decodes the record as a VLANCounters (formats 5). The result aliases the datagram.
func (r Record) VLANCounters() (VLANCounters, error) {
	if !(r.Format == FormatVLANCounters) || !r.Counter {
		return VLANCounters{}, r.formatError("VLANCounters")
	}
	if len(r.Data) >= 28 {
		return fastVLANCounters(r.Data), nil
	}
	rr := r.reader()
	v := decodeVLANCounters(&rr)
	return v, rr.Err()
}

// VLANCounters decodes the current record as a VLANCounters; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) VLANCounters() VLANCounters {
	if (d.recFmt == FormatVLANCounters) && d.counter && d.recDEnd-d.recData >= 28 {
		return fastVLANCounters(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().VLANCounters()
	if err != nil {
		d.fail(err)
		return VLANCounters{}
	}
	return v
}

// AddVLANCounters appends a vlan counters record (FormatVLANCounters) to the current counter sample.
func (b *Builder) AddVLANCounters(v VLANCounters) {
	if !b.startRecord(FormatVLANCounters, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// IEEE80211Counters is the IEEE 802.11 counters record (0:6), the dot11 objects.
type IEEE80211Counters struct {
	TransmittedFragmentCount       uint32
	MulticastTransmittedFrameCount uint32
	FailedCount                    uint32
	RetryCount                     uint32
	MultipleRetryCount             uint32
	FrameDuplicateCount            uint32
	RTSSuccessCount                uint32
	RTSFailureCount                uint32
	ACKFailureCount                uint32
	ReceivedFragmentCount          uint32
	MulticastReceivedFrameCount    uint32
	FCSErrorCount                  uint32
	TransmittedFrameCount          uint32
	WEPUndecryptableCount          uint32
	QoSDiscardedFragmentCount      uint32
	AssociatedStationCount         uint32
	QoSCFPollsReceivedCount        uint32
	QoSCFPollsUnusedCount          uint32
	QoSCFPollsUnusableCount        uint32
	QoSCFPollsLostCount            uint32
}

func decodeIEEE80211Counters(r *wire.Reader) (v IEEE80211Counters) {
	v.TransmittedFragmentCount = r.Uint32("sflow: ieee 802.11 counters TransmittedFragmentCount")
	v.MulticastTransmittedFrameCount = r.Uint32("sflow: ieee 802.11 counters MulticastTransmittedFrameCount")
	v.FailedCount = r.Uint32("sflow: ieee 802.11 counters FailedCount")
	v.RetryCount = r.Uint32("sflow: ieee 802.11 counters RetryCount")
	v.MultipleRetryCount = r.Uint32("sflow: ieee 802.11 counters MultipleRetryCount")
	v.FrameDuplicateCount = r.Uint32("sflow: ieee 802.11 counters FrameDuplicateCount")
	v.RTSSuccessCount = r.Uint32("sflow: ieee 802.11 counters RTSSuccessCount")
	v.RTSFailureCount = r.Uint32("sflow: ieee 802.11 counters RTSFailureCount")
	v.ACKFailureCount = r.Uint32("sflow: ieee 802.11 counters ACKFailureCount")
	v.ReceivedFragmentCount = r.Uint32("sflow: ieee 802.11 counters ReceivedFragmentCount")
	v.MulticastReceivedFrameCount = r.Uint32("sflow: ieee 802.11 counters MulticastReceivedFrameCount")
	v.FCSErrorCount = r.Uint32("sflow: ieee 802.11 counters FCSErrorCount")
	v.TransmittedFrameCount = r.Uint32("sflow: ieee 802.11 counters TransmittedFrameCount")
	v.WEPUndecryptableCount = r.Uint32("sflow: ieee 802.11 counters WEPUndecryptableCount")
	v.QoSDiscardedFragmentCount = r.Uint32("sflow: ieee 802.11 counters QoSDiscardedFragmentCount")
	v.AssociatedStationCount = r.Uint32("sflow: ieee 802.11 counters AssociatedStationCount")
	v.QoSCFPollsReceivedCount = r.Uint32("sflow: ieee 802.11 counters QoSCFPollsReceivedCount")
	v.QoSCFPollsUnusedCount = r.Uint32("sflow: ieee 802.11 counters QoSCFPollsUnusedCount")
	v.QoSCFPollsUnusableCount = r.Uint32("sflow: ieee 802.11 counters QoSCFPollsUnusableCount")
	v.QoSCFPollsLostCount = r.Uint32("sflow: ieee 802.11 counters QoSCFPollsLostCount")
	return v
}

func (v IEEE80211Counters) size() int {
	return 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4
}

func (v IEEE80211Counters) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.TransmittedFragmentCount)
	b = wire.AppendUint32(b, v.MulticastTransmittedFrameCount)
	b = wire.AppendUint32(b, v.FailedCount)
	b = wire.AppendUint32(b, v.RetryCount)
	b = wire.AppendUint32(b, v.MultipleRetryCount)
	b = wire.AppendUint32(b, v.FrameDuplicateCount)
	b = wire.AppendUint32(b, v.RTSSuccessCount)
	b = wire.AppendUint32(b, v.RTSFailureCount)
	b = wire.AppendUint32(b, v.ACKFailureCount)
	b = wire.AppendUint32(b, v.ReceivedFragmentCount)
	b = wire.AppendUint32(b, v.MulticastReceivedFrameCount)
	b = wire.AppendUint32(b, v.FCSErrorCount)
	b = wire.AppendUint32(b, v.TransmittedFrameCount)
	b = wire.AppendUint32(b, v.WEPUndecryptableCount)
	b = wire.AppendUint32(b, v.QoSDiscardedFragmentCount)
	b = wire.AppendUint32(b, v.AssociatedStationCount)
	b = wire.AppendUint32(b, v.QoSCFPollsReceivedCount)
	b = wire.AppendUint32(b, v.QoSCFPollsUnusedCount)
	b = wire.AppendUint32(b, v.QoSCFPollsUnusableCount)
	b = wire.AppendUint32(b, v.QoSCFPollsLostCount)
	return b
}

// IEEE80211Counters decodes the record as a IEEE80211Counters (formats 6). The result aliases the datagram.
func (r Record) IEEE80211Counters() (IEEE80211Counters, error) {
	if !(r.Format == FormatIEEE80211Counters) || !r.Counter {
		return IEEE80211Counters{}, r.formatError("IEEE80211Counters")
	}
	if len(r.Data) >= 80 {
		return fastIEEE80211Counters(r.Data), nil
	}
	rr := r.reader()
	v := decodeIEEE80211Counters(&rr)
	return v, rr.Err()
}

// IEEE80211Counters decodes the current record as a IEEE80211Counters; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) IEEE80211Counters() IEEE80211Counters {
	if (d.recFmt == FormatIEEE80211Counters) && d.counter && d.recDEnd-d.recData >= 80 {
		return fastIEEE80211Counters(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().IEEE80211Counters()
	if err != nil {
		d.fail(err)
		return IEEE80211Counters{}
	}
	return v
}

// AddIEEE80211Counters appends a ieee 802.11 counters record (FormatIEEE80211Counters) to the current counter sample.
func (b *Builder) AddIEEE80211Counters(v IEEE80211Counters) {
	if !b.startRecord(FormatIEEE80211Counters, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// LACPCounters is the IEEE 802.3ad LAG port counters record (0:7). PortState holds actor admin, actor oper, partner admin and partner oper state bytes, in that order from the most significant.
type LACPCounters struct {
	ActorSystemID        [6]byte
	PartnerSystemID      [6]byte
	AttachedAggID        uint32
	PortState            uint32
	LACPDUsRx            uint32
	MarkerPDUsRx         uint32
	MarkerResponsePDUsRx uint32
	UnknownRx            uint32
	IllegalRx            uint32
	LACPDUsTx            uint32
	MarkerPDUsTx         uint32
	MarkerResponsePDUsTx uint32
}

func decodeLACPCounters(r *wire.Reader) (v LACPCounters) {
	v.ActorSystemID = readMAC8(r, "sflow: lacp counters ActorSystemID")
	v.PartnerSystemID = readMAC8(r, "sflow: lacp counters PartnerSystemID")
	v.AttachedAggID = r.Uint32("sflow: lacp counters AttachedAggID")
	v.PortState = r.Uint32("sflow: lacp counters PortState")
	v.LACPDUsRx = r.Uint32("sflow: lacp counters LACPDUsRx")
	v.MarkerPDUsRx = r.Uint32("sflow: lacp counters MarkerPDUsRx")
	v.MarkerResponsePDUsRx = r.Uint32("sflow: lacp counters MarkerResponsePDUsRx")
	v.UnknownRx = r.Uint32("sflow: lacp counters UnknownRx")
	v.IllegalRx = r.Uint32("sflow: lacp counters IllegalRx")
	v.LACPDUsTx = r.Uint32("sflow: lacp counters LACPDUsTx")
	v.MarkerPDUsTx = r.Uint32("sflow: lacp counters MarkerPDUsTx")
	v.MarkerResponsePDUsTx = r.Uint32("sflow: lacp counters MarkerResponsePDUsTx")
	return v
}

func (v LACPCounters) size() int {
	return 8 + 8 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4
}

func (v LACPCounters) append(b []byte) []byte {
	b = append(b, v.ActorSystemID[0], v.ActorSystemID[1], v.ActorSystemID[2], v.ActorSystemID[3], v.ActorSystemID[4], v.ActorSystemID[5], 0, 0)
	b = append(b, v.PartnerSystemID[0], v.PartnerSystemID[1], v.PartnerSystemID[2], v.PartnerSystemID[3], v.PartnerSystemID[4], v.PartnerSystemID[5], 0, 0)
	b = wire.AppendUint32(b, v.AttachedAggID)
	b = wire.AppendUint32(b, v.PortState)
	b = wire.AppendUint32(b, v.LACPDUsRx)
	b = wire.AppendUint32(b, v.MarkerPDUsRx)
	b = wire.AppendUint32(b, v.MarkerResponsePDUsRx)
	b = wire.AppendUint32(b, v.UnknownRx)
	b = wire.AppendUint32(b, v.IllegalRx)
	b = wire.AppendUint32(b, v.LACPDUsTx)
	b = wire.AppendUint32(b, v.MarkerPDUsTx)
	b = wire.AppendUint32(b, v.MarkerResponsePDUsTx)
	return b
}

// LACPCounters decodes the record as a LACPCounters (formats 7). The result aliases the datagram.
func (r Record) LACPCounters() (LACPCounters, error) {
	if !(r.Format == FormatLACPCounters) || !r.Counter {
		return LACPCounters{}, r.formatError("LACPCounters")
	}
	if len(r.Data) >= 56 {
		return fastLACPCounters(r.Data), nil
	}
	rr := r.reader()
	v := decodeLACPCounters(&rr)
	return v, rr.Err()
}

// LACPCounters decodes the current record as a LACPCounters; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) LACPCounters() LACPCounters {
	if (d.recFmt == FormatLACPCounters) && d.counter && d.recDEnd-d.recData >= 56 {
		return fastLACPCounters(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().LACPCounters()
	if err != nil {
		d.fail(err)
		return LACPCounters{}
	}
	return v
}

// AddLACPCounters appends a lacp counters record (FormatLACPCounters) to the current counter sample.
func (b *Builder) AddLACPCounters(v LACPCounters) {
	if !b.startRecord(FormatLACPCounters, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// ProcessorCounters is the processor information record (0:1001). CPU percentages are in hundredths of a percent.
type ProcessorCounters struct {
	CPU5s       uint32
	CPU1m       uint32
	CPU5m       uint32
	TotalMemory uint64
	FreeMemory  uint64
}

func decodeProcessorCounters(r *wire.Reader) (v ProcessorCounters) {
	v.CPU5s = r.Uint32("sflow: processor CPU5s")
	v.CPU1m = r.Uint32("sflow: processor CPU1m")
	v.CPU5m = r.Uint32("sflow: processor CPU5m")
	v.TotalMemory = r.Uint64("sflow: processor TotalMemory")
	v.FreeMemory = r.Uint64("sflow: processor FreeMemory")
	return v
}

func (v ProcessorCounters) size() int {
	return 4 + 4 + 4 + 8 + 8
}

func (v ProcessorCounters) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.CPU5s)
	b = wire.AppendUint32(b, v.CPU1m)
	b = wire.AppendUint32(b, v.CPU5m)
	b = wire.AppendUint64(b, v.TotalMemory)
	b = wire.AppendUint64(b, v.FreeMemory)
	return b
}

// ProcessorCounters decodes the record as a ProcessorCounters (formats 1001). The result aliases the datagram.
func (r Record) ProcessorCounters() (ProcessorCounters, error) {
	if !(r.Format == FormatProcessorCounters) || !r.Counter {
		return ProcessorCounters{}, r.formatError("ProcessorCounters")
	}
	if len(r.Data) >= 28 {
		return fastProcessorCounters(r.Data), nil
	}
	rr := r.reader()
	v := decodeProcessorCounters(&rr)
	return v, rr.Err()
}

// ProcessorCounters decodes the current record as a ProcessorCounters; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) ProcessorCounters() ProcessorCounters {
	if (d.recFmt == FormatProcessorCounters) && d.counter && d.recDEnd-d.recData >= 28 {
		return fastProcessorCounters(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().ProcessorCounters()
	if err != nil {
		d.fail(err)
		return ProcessorCounters{}
	}
	return v
}

// AddProcessorCounters appends a processor record (FormatProcessorCounters) to the current counter sample.
func (b *Builder) AddProcessorCounters(v ProcessorCounters) {
	if !b.startRecord(FormatProcessorCounters, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// RadioUtilization is the 802.11 radio utilization record (0:1002), times in milliseconds.
type RadioUtilization struct {
	ElapsedTime       uint32
	OnChannelTime     uint32
	OnChannelBusyTime uint32
}

func decodeRadioUtilization(r *wire.Reader) (v RadioUtilization) {
	v.ElapsedTime = r.Uint32("sflow: radio utilization ElapsedTime")
	v.OnChannelTime = r.Uint32("sflow: radio utilization OnChannelTime")
	v.OnChannelBusyTime = r.Uint32("sflow: radio utilization OnChannelBusyTime")
	return v
}

func (v RadioUtilization) size() int {
	return 4 + 4 + 4
}

func (v RadioUtilization) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.ElapsedTime)
	b = wire.AppendUint32(b, v.OnChannelTime)
	b = wire.AppendUint32(b, v.OnChannelBusyTime)
	return b
}

// RadioUtilization decodes the record as a RadioUtilization (formats 1002). The result aliases the datagram.
func (r Record) RadioUtilization() (RadioUtilization, error) {
	if !(r.Format == FormatRadioUtilization) || !r.Counter {
		return RadioUtilization{}, r.formatError("RadioUtilization")
	}
	if len(r.Data) >= 12 {
		return fastRadioUtilization(r.Data), nil
	}
	rr := r.reader()
	v := decodeRadioUtilization(&rr)
	return v, rr.Err()
}

// RadioUtilization decodes the current record as a RadioUtilization; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) RadioUtilization() RadioUtilization {
	if (d.recFmt == FormatRadioUtilization) && d.counter && d.recDEnd-d.recData >= 12 {
		return fastRadioUtilization(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().RadioUtilization()
	if err != nil {
		d.fail(err)
		return RadioUtilization{}
	}
	return v
}

// AddRadioUtilization appends a radio utilization record (FormatRadioUtilization) to the current counter sample.
func (b *Builder) AddRadioUtilization(v RadioUtilization) {
	if !b.startRecord(FormatRadioUtilization, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// OpenFlowPort is the OpenFlow port record (0:1004): datapath ID and port number.
type OpenFlowPort struct {
	DatapathID uint64
	PortNo     uint32
}

func decodeOpenFlowPort(r *wire.Reader) (v OpenFlowPort) {
	v.DatapathID = r.Uint64("sflow: openflow port DatapathID")
	v.PortNo = r.Uint32("sflow: openflow port PortNo")
	return v
}

func (v OpenFlowPort) size() int {
	return 8 + 4
}

func (v OpenFlowPort) append(b []byte) []byte {
	b = wire.AppendUint64(b, v.DatapathID)
	b = wire.AppendUint32(b, v.PortNo)
	return b
}

// OpenFlowPort decodes the record as a OpenFlowPort (formats 1004). The result aliases the datagram.
func (r Record) OpenFlowPort() (OpenFlowPort, error) {
	if !(r.Format == FormatOpenFlowPort) || !r.Counter {
		return OpenFlowPort{}, r.formatError("OpenFlowPort")
	}
	if len(r.Data) >= 12 {
		return fastOpenFlowPort(r.Data), nil
	}
	rr := r.reader()
	v := decodeOpenFlowPort(&rr)
	return v, rr.Err()
}

// OpenFlowPort decodes the current record as a OpenFlowPort; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) OpenFlowPort() OpenFlowPort {
	if (d.recFmt == FormatOpenFlowPort) && d.counter && d.recDEnd-d.recData >= 12 {
		return fastOpenFlowPort(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().OpenFlowPort()
	if err != nil {
		d.fail(err)
		return OpenFlowPort{}
	}
	return v
}

// AddOpenFlowPort appends a openflow port record (FormatOpenFlowPort) to the current counter sample.
func (b *Builder) AddOpenFlowPort(v OpenFlowPort) {
	if !b.startRecord(FormatOpenFlowPort, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// PortName is the port name record (0:1005).
type PortName struct {
	Name []byte
}

func decodePortName(r *wire.Reader) (v PortName) {
	v.Name = readOpaque(r, "sflow: port name Name")
	return v
}

func (v PortName) size() int {
	return 4 + len(v.Name) + wire.Pad4(len(v.Name))
}

func (v PortName) append(b []byte) []byte {
	b = appendOpaque(b, v.Name)
	return b
}

// PortName decodes the record as a PortName (formats 1005). The result aliases the datagram.
func (r Record) PortName() (PortName, error) {
	if !(r.Format == FormatPortName) || !r.Counter {
		return PortName{}, r.formatError("PortName")
	}
	rr := r.reader()
	v := decodePortName(&rr)
	return v, rr.Err()
}

// PortName decodes the current record as a PortName; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) PortName() PortName {
	v, err := d.Record().PortName()
	if err != nil {
		d.fail(err)
		return PortName{}
	}
	return v
}

// AddPortName appends a port name record (FormatPortName) to the current counter sample.
func (b *Builder) AddPortName(v PortName) {
	if !b.startRecord(FormatPortName, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// HostDescr is the host description record (0:2000).
type HostDescr struct {
	Hostname    []byte
	UUID        [16]byte
	MachineType uint32
	OSName      uint32
	OSRelease   []byte
}

func decodeHostDescr(r *wire.Reader) (v HostDescr) {
	v.Hostname = readOpaque(r, "sflow: host description Hostname")
	if u := r.Bytes(16, "sflow: host description UUID"); u != nil {
		v.UUID = [16]byte(u)
	}
	v.MachineType = r.Uint32("sflow: host description MachineType")
	v.OSName = r.Uint32("sflow: host description OSName")
	v.OSRelease = readOpaque(r, "sflow: host description OSRelease")
	return v
}

func (v HostDescr) size() int {
	return 4 + len(v.Hostname) + wire.Pad4(len(v.Hostname)) + 16 + 4 + 4 + 4 + len(v.OSRelease) + wire.Pad4(len(v.OSRelease))
}

func (v HostDescr) append(b []byte) []byte {
	b = appendOpaque(b, v.Hostname)
	b = append(b, v.UUID[:]...)
	b = wire.AppendUint32(b, v.MachineType)
	b = wire.AppendUint32(b, v.OSName)
	b = appendOpaque(b, v.OSRelease)
	return b
}

// HostDescr decodes the record as a HostDescr (formats 2000). The result aliases the datagram.
func (r Record) HostDescr() (HostDescr, error) {
	if !(r.Format == FormatHostDescr) || !r.Counter {
		return HostDescr{}, r.formatError("HostDescr")
	}
	rr := r.reader()
	v := decodeHostDescr(&rr)
	return v, rr.Err()
}

// HostDescr decodes the current record as a HostDescr; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) HostDescr() HostDescr {
	v, err := d.Record().HostDescr()
	if err != nil {
		d.fail(err)
		return HostDescr{}
	}
	return v
}

// AddHostDescr appends a host description record (FormatHostDescr) to the current counter sample.
func (b *Builder) AddHostDescr(v HostDescr) {
	if !b.startRecord(FormatHostDescr, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// HostAdapters is the host adapters record (0:2001): each adapter's ifIndex and MAC addresses.
type HostAdapters struct {
	Adapters HostAdapterList
}

func decodeHostAdapters(r *wire.Reader) (v HostAdapters) {
	v.Adapters = readAdapters(r, "sflow: host adapters Adapters")
	return v
}

func (v HostAdapters) size() int {
	return v.Adapters.xdrSize()
}

func (v HostAdapters) append(b []byte) []byte {
	b = v.Adapters.appendXDR(b)
	return b
}

// HostAdapters decodes the record as a HostAdapters (formats 2001). The result aliases the datagram.
func (r Record) HostAdapters() (HostAdapters, error) {
	if !(r.Format == FormatHostAdapters) || !r.Counter {
		return HostAdapters{}, r.formatError("HostAdapters")
	}
	rr := r.reader()
	v := decodeHostAdapters(&rr)
	return v, rr.Err()
}

// HostAdapters decodes the current record as a HostAdapters; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) HostAdapters() HostAdapters {
	v, err := d.Record().HostAdapters()
	if err != nil {
		d.fail(err)
		return HostAdapters{}
	}
	return v
}

// AddHostAdapters appends a host adapters record (FormatHostAdapters) to the current counter sample.
func (b *Builder) AddHostAdapters(v HostAdapters) {
	if !b.startRecord(FormatHostAdapters, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// HostParent is the host parent record (0:2002): the container of a virtual host.
type HostParent struct {
	ContainerType  uint32
	ContainerIndex uint32
}

func decodeHostParent(r *wire.Reader) (v HostParent) {
	v.ContainerType = r.Uint32("sflow: host parent ContainerType")
	v.ContainerIndex = r.Uint32("sflow: host parent ContainerIndex")
	return v
}

func (v HostParent) size() int {
	return 4 + 4
}

func (v HostParent) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.ContainerType)
	b = wire.AppendUint32(b, v.ContainerIndex)
	return b
}

// HostParent decodes the record as a HostParent (formats 2002). The result aliases the datagram.
func (r Record) HostParent() (HostParent, error) {
	if !(r.Format == FormatHostParent) || !r.Counter {
		return HostParent{}, r.formatError("HostParent")
	}
	if len(r.Data) >= 8 {
		return fastHostParent(r.Data), nil
	}
	rr := r.reader()
	v := decodeHostParent(&rr)
	return v, rr.Err()
}

// HostParent decodes the current record as a HostParent; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) HostParent() HostParent {
	if (d.recFmt == FormatHostParent) && d.counter && d.recDEnd-d.recData >= 8 {
		return fastHostParent(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().HostParent()
	if err != nil {
		d.fail(err)
		return HostParent{}
	}
	return v
}

// AddHostParent appends a host parent record (FormatHostParent) to the current counter sample.
func (b *Builder) AddHostParent(v HostParent) {
	if !b.startRecord(FormatHostParent, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// HostCPU is the host CPU record (0:2003). The last three fields are absent (zero) in the original 68-byte layout.
type HostCPU struct {
	LoadOne      float32
	LoadFive     float32
	LoadFifteen  float32
	ProcRun      uint32
	ProcTotal    uint32
	CPUNum       uint32
	CPUSpeed     uint32
	Uptime       uint32
	CPUUser      uint32
	CPUNice      uint32
	CPUSystem    uint32
	CPUIdle      uint32
	CPUWio       uint32
	CPUIntr      uint32
	CPUSintr     uint32
	Interrupts   uint32
	Contexts     uint32
	CPUSteal     uint32
	CPUGuest     uint32
	CPUGuestNice uint32
}

func decodeHostCPU(r *wire.Reader) (v HostCPU) {
	v.LoadOne = math.Float32frombits(r.Uint32("sflow: host cpu LoadOne"))
	v.LoadFive = math.Float32frombits(r.Uint32("sflow: host cpu LoadFive"))
	v.LoadFifteen = math.Float32frombits(r.Uint32("sflow: host cpu LoadFifteen"))
	v.ProcRun = r.Uint32("sflow: host cpu ProcRun")
	v.ProcTotal = r.Uint32("sflow: host cpu ProcTotal")
	v.CPUNum = r.Uint32("sflow: host cpu CPUNum")
	v.CPUSpeed = r.Uint32("sflow: host cpu CPUSpeed")
	v.Uptime = r.Uint32("sflow: host cpu Uptime")
	v.CPUUser = r.Uint32("sflow: host cpu CPUUser")
	v.CPUNice = r.Uint32("sflow: host cpu CPUNice")
	v.CPUSystem = r.Uint32("sflow: host cpu CPUSystem")
	v.CPUIdle = r.Uint32("sflow: host cpu CPUIdle")
	v.CPUWio = r.Uint32("sflow: host cpu CPUWio")
	v.CPUIntr = r.Uint32("sflow: host cpu CPUIntr")
	v.CPUSintr = r.Uint32("sflow: host cpu CPUSintr")
	v.Interrupts = r.Uint32("sflow: host cpu Interrupts")
	v.Contexts = r.Uint32("sflow: host cpu Contexts")
	if r.Len() > 0 {
		v.CPUSteal = r.Uint32("sflow: host cpu CPUSteal")
	}
	if r.Len() > 0 {
		v.CPUGuest = r.Uint32("sflow: host cpu CPUGuest")
	}
	if r.Len() > 0 {
		v.CPUGuestNice = r.Uint32("sflow: host cpu CPUGuestNice")
	}
	return v
}

func (v HostCPU) size() int {
	return 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 4
}

func (v HostCPU) append(b []byte) []byte {
	b = wire.AppendUint32(b, math.Float32bits(v.LoadOne))
	b = wire.AppendUint32(b, math.Float32bits(v.LoadFive))
	b = wire.AppendUint32(b, math.Float32bits(v.LoadFifteen))
	b = wire.AppendUint32(b, v.ProcRun)
	b = wire.AppendUint32(b, v.ProcTotal)
	b = wire.AppendUint32(b, v.CPUNum)
	b = wire.AppendUint32(b, v.CPUSpeed)
	b = wire.AppendUint32(b, v.Uptime)
	b = wire.AppendUint32(b, v.CPUUser)
	b = wire.AppendUint32(b, v.CPUNice)
	b = wire.AppendUint32(b, v.CPUSystem)
	b = wire.AppendUint32(b, v.CPUIdle)
	b = wire.AppendUint32(b, v.CPUWio)
	b = wire.AppendUint32(b, v.CPUIntr)
	b = wire.AppendUint32(b, v.CPUSintr)
	b = wire.AppendUint32(b, v.Interrupts)
	b = wire.AppendUint32(b, v.Contexts)
	b = wire.AppendUint32(b, v.CPUSteal)
	b = wire.AppendUint32(b, v.CPUGuest)
	b = wire.AppendUint32(b, v.CPUGuestNice)
	return b
}

// HostCPU decodes the record as a HostCPU (formats 2003). The result aliases the datagram.
func (r Record) HostCPU() (HostCPU, error) {
	if !(r.Format == FormatHostCPU) || !r.Counter {
		return HostCPU{}, r.formatError("HostCPU")
	}
	rr := r.reader()
	v := decodeHostCPU(&rr)
	return v, rr.Err()
}

// HostCPU decodes the current record as a HostCPU; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) HostCPU() HostCPU {
	v, err := d.Record().HostCPU()
	if err != nil {
		d.fail(err)
		return HostCPU{}
	}
	return v
}

// AddHostCPU appends a host cpu record (FormatHostCPU) to the current counter sample.
func (b *Builder) AddHostCPU(v HostCPU) {
	if !b.startRecord(FormatHostCPU, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// HostMemory is the host memory record (0:2004), bytes and page counts.
type HostMemory struct {
	MemTotal   uint64
	MemFree    uint64
	MemShared  uint64
	MemBuffers uint64
	MemCached  uint64
	SwapTotal  uint64
	SwapFree   uint64
	PageIn     uint32
	PageOut    uint32
	SwapIn     uint32
	SwapOut    uint32
}

func decodeHostMemory(r *wire.Reader) (v HostMemory) {
	v.MemTotal = r.Uint64("sflow: host memory MemTotal")
	v.MemFree = r.Uint64("sflow: host memory MemFree")
	v.MemShared = r.Uint64("sflow: host memory MemShared")
	v.MemBuffers = r.Uint64("sflow: host memory MemBuffers")
	v.MemCached = r.Uint64("sflow: host memory MemCached")
	v.SwapTotal = r.Uint64("sflow: host memory SwapTotal")
	v.SwapFree = r.Uint64("sflow: host memory SwapFree")
	v.PageIn = r.Uint32("sflow: host memory PageIn")
	v.PageOut = r.Uint32("sflow: host memory PageOut")
	v.SwapIn = r.Uint32("sflow: host memory SwapIn")
	v.SwapOut = r.Uint32("sflow: host memory SwapOut")
	return v
}

func (v HostMemory) size() int {
	return 8 + 8 + 8 + 8 + 8 + 8 + 8 + 4 + 4 + 4 + 4
}

func (v HostMemory) append(b []byte) []byte {
	b = wire.AppendUint64(b, v.MemTotal)
	b = wire.AppendUint64(b, v.MemFree)
	b = wire.AppendUint64(b, v.MemShared)
	b = wire.AppendUint64(b, v.MemBuffers)
	b = wire.AppendUint64(b, v.MemCached)
	b = wire.AppendUint64(b, v.SwapTotal)
	b = wire.AppendUint64(b, v.SwapFree)
	b = wire.AppendUint32(b, v.PageIn)
	b = wire.AppendUint32(b, v.PageOut)
	b = wire.AppendUint32(b, v.SwapIn)
	b = wire.AppendUint32(b, v.SwapOut)
	return b
}

// HostMemory decodes the record as a HostMemory (formats 2004). The result aliases the datagram.
func (r Record) HostMemory() (HostMemory, error) {
	if !(r.Format == FormatHostMemory) || !r.Counter {
		return HostMemory{}, r.formatError("HostMemory")
	}
	if len(r.Data) >= 72 {
		return fastHostMemory(r.Data), nil
	}
	rr := r.reader()
	v := decodeHostMemory(&rr)
	return v, rr.Err()
}

// HostMemory decodes the current record as a HostMemory; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) HostMemory() HostMemory {
	if (d.recFmt == FormatHostMemory) && d.counter && d.recDEnd-d.recData >= 72 {
		return fastHostMemory(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().HostMemory()
	if err != nil {
		d.fail(err)
		return HostMemory{}
	}
	return v
}

// AddHostMemory appends a host memory record (FormatHostMemory) to the current counter sample.
func (b *Builder) AddHostMemory(v HostMemory) {
	if !b.startRecord(FormatHostMemory, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// HostDiskIO is the host disk I/O record (0:2005). PartMaxUsed is in hundredths of a percent.
type HostDiskIO struct {
	DiskTotal    uint64
	DiskFree     uint64
	PartMaxUsed  uint32
	Reads        uint32
	BytesRead    uint64
	ReadTime     uint32
	Writes       uint32
	BytesWritten uint64
	WriteTime    uint32
}

func decodeHostDiskIO(r *wire.Reader) (v HostDiskIO) {
	v.DiskTotal = r.Uint64("sflow: host disk io DiskTotal")
	v.DiskFree = r.Uint64("sflow: host disk io DiskFree")
	v.PartMaxUsed = r.Uint32("sflow: host disk io PartMaxUsed")
	v.Reads = r.Uint32("sflow: host disk io Reads")
	v.BytesRead = r.Uint64("sflow: host disk io BytesRead")
	v.ReadTime = r.Uint32("sflow: host disk io ReadTime")
	v.Writes = r.Uint32("sflow: host disk io Writes")
	v.BytesWritten = r.Uint64("sflow: host disk io BytesWritten")
	v.WriteTime = r.Uint32("sflow: host disk io WriteTime")
	return v
}

func (v HostDiskIO) size() int {
	return 8 + 8 + 4 + 4 + 8 + 4 + 4 + 8 + 4
}

func (v HostDiskIO) append(b []byte) []byte {
	b = wire.AppendUint64(b, v.DiskTotal)
	b = wire.AppendUint64(b, v.DiskFree)
	b = wire.AppendUint32(b, v.PartMaxUsed)
	b = wire.AppendUint32(b, v.Reads)
	b = wire.AppendUint64(b, v.BytesRead)
	b = wire.AppendUint32(b, v.ReadTime)
	b = wire.AppendUint32(b, v.Writes)
	b = wire.AppendUint64(b, v.BytesWritten)
	b = wire.AppendUint32(b, v.WriteTime)
	return b
}

// HostDiskIO decodes the record as a HostDiskIO (formats 2005). The result aliases the datagram.
func (r Record) HostDiskIO() (HostDiskIO, error) {
	if !(r.Format == FormatHostDiskIO) || !r.Counter {
		return HostDiskIO{}, r.formatError("HostDiskIO")
	}
	if len(r.Data) >= 52 {
		return fastHostDiskIO(r.Data), nil
	}
	rr := r.reader()
	v := decodeHostDiskIO(&rr)
	return v, rr.Err()
}

// HostDiskIO decodes the current record as a HostDiskIO; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) HostDiskIO() HostDiskIO {
	if (d.recFmt == FormatHostDiskIO) && d.counter && d.recDEnd-d.recData >= 52 {
		return fastHostDiskIO(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().HostDiskIO()
	if err != nil {
		d.fail(err)
		return HostDiskIO{}
	}
	return v
}

// AddHostDiskIO appends a host disk io record (FormatHostDiskIO) to the current counter sample.
func (b *Builder) AddHostDiskIO(v HostDiskIO) {
	if !b.startRecord(FormatHostDiskIO, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// NetIO is the host network I/O record (0:2006) and the virtual network I/O record (0:2104).
type NetIO struct {
	BytesIn  uint64
	PktsIn   uint32
	ErrsIn   uint32
	DropsIn  uint32
	BytesOut uint64
	PktsOut  uint32
	ErrsOut  uint32
	DropsOut uint32
}

func decodeNetIO(r *wire.Reader) (v NetIO) {
	v.BytesIn = r.Uint64("sflow: host net io BytesIn")
	v.PktsIn = r.Uint32("sflow: host net io PktsIn")
	v.ErrsIn = r.Uint32("sflow: host net io ErrsIn")
	v.DropsIn = r.Uint32("sflow: host net io DropsIn")
	v.BytesOut = r.Uint64("sflow: host net io BytesOut")
	v.PktsOut = r.Uint32("sflow: host net io PktsOut")
	v.ErrsOut = r.Uint32("sflow: host net io ErrsOut")
	v.DropsOut = r.Uint32("sflow: host net io DropsOut")
	return v
}

func (v NetIO) size() int {
	return 8 + 4 + 4 + 4 + 8 + 4 + 4 + 4
}

func (v NetIO) append(b []byte) []byte {
	b = wire.AppendUint64(b, v.BytesIn)
	b = wire.AppendUint32(b, v.PktsIn)
	b = wire.AppendUint32(b, v.ErrsIn)
	b = wire.AppendUint32(b, v.DropsIn)
	b = wire.AppendUint64(b, v.BytesOut)
	b = wire.AppendUint32(b, v.PktsOut)
	b = wire.AppendUint32(b, v.ErrsOut)
	b = wire.AppendUint32(b, v.DropsOut)
	return b
}

// NetIO decodes the record as a NetIO (formats 2006, 2104). The result aliases the datagram.
func (r Record) NetIO() (NetIO, error) {
	if !(r.Format == FormatHostNetIO || r.Format == FormatVirtNetIO) || !r.Counter {
		return NetIO{}, r.formatError("NetIO")
	}
	if len(r.Data) >= 40 {
		return fastNetIO(r.Data), nil
	}
	rr := r.reader()
	v := decodeNetIO(&rr)
	return v, rr.Err()
}

// NetIO decodes the current record as a NetIO; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) NetIO() NetIO {
	if (d.recFmt == FormatHostNetIO || d.recFmt == FormatVirtNetIO) && d.counter && d.recDEnd-d.recData >= 40 {
		return fastNetIO(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().NetIO()
	if err != nil {
		d.fail(err)
		return NetIO{}
	}
	return v
}

// AddHostNetIO appends a host net io record (FormatHostNetIO) to the current counter sample.
func (b *Builder) AddHostNetIO(v NetIO) {
	if !b.startRecord(FormatHostNetIO, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// AddVirtNetIO appends a virt net io record (FormatVirtNetIO) to the current counter sample.
func (b *Builder) AddVirtNetIO(v NetIO) {
	if !b.startRecord(FormatVirtNetIO, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// VirtNode is the hypervisor node record (0:2100).
type VirtNode struct {
	MHz        uint32
	CPUs       uint32
	Memory     uint64
	MemoryFree uint64
	NumDomains uint32
}

func decodeVirtNode(r *wire.Reader) (v VirtNode) {
	v.MHz = r.Uint32("sflow: virt node MHz")
	v.CPUs = r.Uint32("sflow: virt node CPUs")
	v.Memory = r.Uint64("sflow: virt node Memory")
	v.MemoryFree = r.Uint64("sflow: virt node MemoryFree")
	v.NumDomains = r.Uint32("sflow: virt node NumDomains")
	return v
}

func (v VirtNode) size() int {
	return 4 + 4 + 8 + 8 + 4
}

func (v VirtNode) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.MHz)
	b = wire.AppendUint32(b, v.CPUs)
	b = wire.AppendUint64(b, v.Memory)
	b = wire.AppendUint64(b, v.MemoryFree)
	b = wire.AppendUint32(b, v.NumDomains)
	return b
}

// VirtNode decodes the record as a VirtNode (formats 2100). The result aliases the datagram.
func (r Record) VirtNode() (VirtNode, error) {
	if !(r.Format == FormatVirtNode) || !r.Counter {
		return VirtNode{}, r.formatError("VirtNode")
	}
	if len(r.Data) >= 28 {
		return fastVirtNode(r.Data), nil
	}
	rr := r.reader()
	v := decodeVirtNode(&rr)
	return v, rr.Err()
}

// VirtNode decodes the current record as a VirtNode; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) VirtNode() VirtNode {
	if (d.recFmt == FormatVirtNode) && d.counter && d.recDEnd-d.recData >= 28 {
		return fastVirtNode(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().VirtNode()
	if err != nil {
		d.fail(err)
		return VirtNode{}
	}
	return v
}

// AddVirtNode appends a virt node record (FormatVirtNode) to the current counter sample.
func (b *Builder) AddVirtNode(v VirtNode) {
	if !b.startRecord(FormatVirtNode, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// VirtCPU is the virtual domain CPU record (0:2101).
type VirtCPU struct {
	State     uint32
	CPUTime   uint32
	NrVirtCPU uint32
}

func decodeVirtCPU(r *wire.Reader) (v VirtCPU) {
	v.State = r.Uint32("sflow: virt cpu State")
	v.CPUTime = r.Uint32("sflow: virt cpu CPUTime")
	v.NrVirtCPU = r.Uint32("sflow: virt cpu NrVirtCPU")
	return v
}

func (v VirtCPU) size() int {
	return 4 + 4 + 4
}

func (v VirtCPU) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.State)
	b = wire.AppendUint32(b, v.CPUTime)
	b = wire.AppendUint32(b, v.NrVirtCPU)
	return b
}

// VirtCPU decodes the record as a VirtCPU (formats 2101). The result aliases the datagram.
func (r Record) VirtCPU() (VirtCPU, error) {
	if !(r.Format == FormatVirtCPU) || !r.Counter {
		return VirtCPU{}, r.formatError("VirtCPU")
	}
	if len(r.Data) >= 12 {
		return fastVirtCPU(r.Data), nil
	}
	rr := r.reader()
	v := decodeVirtCPU(&rr)
	return v, rr.Err()
}

// VirtCPU decodes the current record as a VirtCPU; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) VirtCPU() VirtCPU {
	if (d.recFmt == FormatVirtCPU) && d.counter && d.recDEnd-d.recData >= 12 {
		return fastVirtCPU(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().VirtCPU()
	if err != nil {
		d.fail(err)
		return VirtCPU{}
	}
	return v
}

// AddVirtCPU appends a virt cpu record (FormatVirtCPU) to the current counter sample.
func (b *Builder) AddVirtCPU(v VirtCPU) {
	if !b.startRecord(FormatVirtCPU, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// VirtMemory is the virtual domain memory record (0:2102).
type VirtMemory struct {
	Memory    uint64
	MaxMemory uint64
}

func decodeVirtMemory(r *wire.Reader) (v VirtMemory) {
	v.Memory = r.Uint64("sflow: virt memory Memory")
	v.MaxMemory = r.Uint64("sflow: virt memory MaxMemory")
	return v
}

func (v VirtMemory) size() int {
	return 8 + 8
}

func (v VirtMemory) append(b []byte) []byte {
	b = wire.AppendUint64(b, v.Memory)
	b = wire.AppendUint64(b, v.MaxMemory)
	return b
}

// VirtMemory decodes the record as a VirtMemory (formats 2102). The result aliases the datagram.
func (r Record) VirtMemory() (VirtMemory, error) {
	if !(r.Format == FormatVirtMemory) || !r.Counter {
		return VirtMemory{}, r.formatError("VirtMemory")
	}
	if len(r.Data) >= 16 {
		return fastVirtMemory(r.Data), nil
	}
	rr := r.reader()
	v := decodeVirtMemory(&rr)
	return v, rr.Err()
}

// VirtMemory decodes the current record as a VirtMemory; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) VirtMemory() VirtMemory {
	if (d.recFmt == FormatVirtMemory) && d.counter && d.recDEnd-d.recData >= 16 {
		return fastVirtMemory(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().VirtMemory()
	if err != nil {
		d.fail(err)
		return VirtMemory{}
	}
	return v
}

// AddVirtMemory appends a virt memory record (FormatVirtMemory) to the current counter sample.
func (b *Builder) AddVirtMemory(v VirtMemory) {
	if !b.startRecord(FormatVirtMemory, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// VirtDiskIO is the virtual domain disk I/O record (0:2103).
type VirtDiskIO struct {
	Capacity   uint64
	Allocation uint64
	Available  uint64
	RdReq      uint32
	RdBytes    uint64
	WrReq      uint32
	WrBytes    uint64
	Errs       uint32
}

func decodeVirtDiskIO(r *wire.Reader) (v VirtDiskIO) {
	v.Capacity = r.Uint64("sflow: virt disk io Capacity")
	v.Allocation = r.Uint64("sflow: virt disk io Allocation")
	v.Available = r.Uint64("sflow: virt disk io Available")
	v.RdReq = r.Uint32("sflow: virt disk io RdReq")
	v.RdBytes = r.Uint64("sflow: virt disk io RdBytes")
	v.WrReq = r.Uint32("sflow: virt disk io WrReq")
	v.WrBytes = r.Uint64("sflow: virt disk io WrBytes")
	v.Errs = r.Uint32("sflow: virt disk io Errs")
	return v
}

func (v VirtDiskIO) size() int {
	return 8 + 8 + 8 + 4 + 8 + 4 + 8 + 4
}

func (v VirtDiskIO) append(b []byte) []byte {
	b = wire.AppendUint64(b, v.Capacity)
	b = wire.AppendUint64(b, v.Allocation)
	b = wire.AppendUint64(b, v.Available)
	b = wire.AppendUint32(b, v.RdReq)
	b = wire.AppendUint64(b, v.RdBytes)
	b = wire.AppendUint32(b, v.WrReq)
	b = wire.AppendUint64(b, v.WrBytes)
	b = wire.AppendUint32(b, v.Errs)
	return b
}

// VirtDiskIO decodes the record as a VirtDiskIO (formats 2103). The result aliases the datagram.
func (r Record) VirtDiskIO() (VirtDiskIO, error) {
	if !(r.Format == FormatVirtDiskIO) || !r.Counter {
		return VirtDiskIO{}, r.formatError("VirtDiskIO")
	}
	if len(r.Data) >= 52 {
		return fastVirtDiskIO(r.Data), nil
	}
	rr := r.reader()
	v := decodeVirtDiskIO(&rr)
	return v, rr.Err()
}

// VirtDiskIO decodes the current record as a VirtDiskIO; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) VirtDiskIO() VirtDiskIO {
	if (d.recFmt == FormatVirtDiskIO) && d.counter && d.recDEnd-d.recData >= 52 {
		return fastVirtDiskIO(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().VirtDiskIO()
	if err != nil {
		d.fail(err)
		return VirtDiskIO{}
	}
	return v
}

// AddVirtDiskIO appends a virt disk io record (FormatVirtDiskIO) to the current counter sample.
func (b *Builder) AddVirtDiskIO(v VirtDiskIO) {
	if !b.startRecord(FormatVirtDiskIO, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// AppResources is the application resources record (0:2203); Open vSwitch sends it for the bridge. Times are in milliseconds.
type AppResources struct {
	UserTime   uint32
	SystemTime uint32
	MemUsed    uint64
	MemMax     uint64
	FDOpen     uint32
	FDMax      uint32
	ConnOpen   uint32
	ConnMax    uint32
}

func decodeAppResources(r *wire.Reader) (v AppResources) {
	v.UserTime = r.Uint32("sflow: app resources UserTime")
	v.SystemTime = r.Uint32("sflow: app resources SystemTime")
	v.MemUsed = r.Uint64("sflow: app resources MemUsed")
	v.MemMax = r.Uint64("sflow: app resources MemMax")
	v.FDOpen = r.Uint32("sflow: app resources FDOpen")
	v.FDMax = r.Uint32("sflow: app resources FDMax")
	v.ConnOpen = r.Uint32("sflow: app resources ConnOpen")
	v.ConnMax = r.Uint32("sflow: app resources ConnMax")
	return v
}

func (v AppResources) size() int {
	return 4 + 4 + 8 + 8 + 4 + 4 + 4 + 4
}

func (v AppResources) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.UserTime)
	b = wire.AppendUint32(b, v.SystemTime)
	b = wire.AppendUint64(b, v.MemUsed)
	b = wire.AppendUint64(b, v.MemMax)
	b = wire.AppendUint32(b, v.FDOpen)
	b = wire.AppendUint32(b, v.FDMax)
	b = wire.AppendUint32(b, v.ConnOpen)
	b = wire.AppendUint32(b, v.ConnMax)
	return b
}

// AppResources decodes the record as a AppResources (formats 2203). The result aliases the datagram.
func (r Record) AppResources() (AppResources, error) {
	if !(r.Format == FormatAppResources) || !r.Counter {
		return AppResources{}, r.formatError("AppResources")
	}
	if len(r.Data) >= 40 {
		return fastAppResources(r.Data), nil
	}
	rr := r.reader()
	v := decodeAppResources(&rr)
	return v, rr.Err()
}

// AppResources decodes the current record as a AppResources; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) AppResources() AppResources {
	if (d.recFmt == FormatAppResources) && d.counter && d.recDEnd-d.recData >= 40 {
		return fastAppResources(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().AppResources()
	if err != nil {
		d.fail(err)
		return AppResources{}
	}
	return v
}

// AddAppResources appends a app resources record (FormatAppResources) to the current counter sample.
func (b *Builder) AddAppResources(v AppResources) {
	if !b.startRecord(FormatAppResources, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// OVSDatapath is the Open vSwitch datapath record (0:2207): datapath flow-cache statistics summed over all datapaths.
type OVSDatapath struct {
	Hit     uint32
	Missed  uint32
	Lost    uint32
	MaskHit uint32
	Flows   uint32
	Masks   uint32
}

func decodeOVSDatapath(r *wire.Reader) (v OVSDatapath) {
	v.Hit = r.Uint32("sflow: ovs datapath Hit")
	v.Missed = r.Uint32("sflow: ovs datapath Missed")
	v.Lost = r.Uint32("sflow: ovs datapath Lost")
	v.MaskHit = r.Uint32("sflow: ovs datapath MaskHit")
	v.Flows = r.Uint32("sflow: ovs datapath Flows")
	v.Masks = r.Uint32("sflow: ovs datapath Masks")
	return v
}

func (v OVSDatapath) size() int {
	return 4 + 4 + 4 + 4 + 4 + 4
}

func (v OVSDatapath) append(b []byte) []byte {
	b = wire.AppendUint32(b, v.Hit)
	b = wire.AppendUint32(b, v.Missed)
	b = wire.AppendUint32(b, v.Lost)
	b = wire.AppendUint32(b, v.MaskHit)
	b = wire.AppendUint32(b, v.Flows)
	b = wire.AppendUint32(b, v.Masks)
	return b
}

// OVSDatapath decodes the record as a OVSDatapath (formats 2207). The result aliases the datagram.
func (r Record) OVSDatapath() (OVSDatapath, error) {
	if !(r.Format == FormatOVSDatapath) || !r.Counter {
		return OVSDatapath{}, r.formatError("OVSDatapath")
	}
	if len(r.Data) >= 24 {
		return fastOVSDatapath(r.Data), nil
	}
	rr := r.reader()
	v := decodeOVSDatapath(&rr)
	return v, rr.Err()
}

// OVSDatapath decodes the current record as a OVSDatapath; on failure it returns the
// zero value and records the error (see [Decoder.Err]).
func (d *Decoder) OVSDatapath() OVSDatapath {
	if (d.recFmt == FormatOVSDatapath) && d.counter && d.recDEnd-d.recData >= 24 {
		return fastOVSDatapath(d.b[d.recData:d.recDEnd])
	}
	v, err := d.Record().OVSDatapath()
	if err != nil {
		d.fail(err)
		return OVSDatapath{}
	}
	return v
}

// AddOVSDatapath appends a ovs datapath record (FormatOVSDatapath) to the current counter sample.
func (b *Builder) AddOVSDatapath(v OVSDatapath) {
	if !b.startRecord(FormatOVSDatapath, true, v.size()) {
		return
	}
	b.buf = v.append(b.buf)
}

// fastEthernetFrame decodes a EthernetFrame from at least 24 bytes with constant offsets.
func fastEthernetFrame(b []byte) (v EthernetFrame) {
	b = b[:24]
	v.Length = binary.BigEndian.Uint32(b[0:])
	v.Src = [6]byte(b[4:10])
	v.Dst = [6]byte(b[12:18])
	v.Type = binary.BigEndian.Uint32(b[20:])
	return v
}

// fastSampledIPv4 decodes a SampledIPv4 from at least 32 bytes with constant offsets.
func fastSampledIPv4(b []byte) (v SampledIPv4) {
	b = b[:32]
	v.Length = binary.BigEndian.Uint32(b[0:])
	v.Protocol = binary.BigEndian.Uint32(b[4:])
	v.Src = netip.AddrFrom4([4]byte(b[8:12]))
	v.Dst = netip.AddrFrom4([4]byte(b[12:16]))
	v.SrcPort = binary.BigEndian.Uint32(b[16:])
	v.DstPort = binary.BigEndian.Uint32(b[20:])
	v.TCPFlags = binary.BigEndian.Uint32(b[24:])
	v.TOS = binary.BigEndian.Uint32(b[28:])
	return v
}

// fastSampledIPv6 decodes a SampledIPv6 from at least 56 bytes with constant offsets.
func fastSampledIPv6(b []byte) (v SampledIPv6) {
	b = b[:56]
	v.Length = binary.BigEndian.Uint32(b[0:])
	v.Protocol = binary.BigEndian.Uint32(b[4:])
	v.Src = netip.AddrFrom16([16]byte(b[8:24]))
	v.Dst = netip.AddrFrom16([16]byte(b[24:40]))
	v.SrcPort = binary.BigEndian.Uint32(b[40:])
	v.DstPort = binary.BigEndian.Uint32(b[44:])
	v.TCPFlags = binary.BigEndian.Uint32(b[48:])
	v.Priority = binary.BigEndian.Uint32(b[52:])
	return v
}

// fastExtendedSwitch decodes a ExtendedSwitch from at least 16 bytes with constant offsets.
func fastExtendedSwitch(b []byte) (v ExtendedSwitch) {
	b = b[:16]
	v.SrcVLAN = binary.BigEndian.Uint32(b[0:])
	v.SrcPriority = binary.BigEndian.Uint32(b[4:])
	v.DstVLAN = binary.BigEndian.Uint32(b[8:])
	v.DstPriority = binary.BigEndian.Uint32(b[12:])
	return v
}

// fastExtendedMPLSLDPFEC decodes a ExtendedMPLSLDPFEC from at least 4 bytes with constant offsets.
func fastExtendedMPLSLDPFEC(b []byte) (v ExtendedMPLSLDPFEC) {
	b = b[:4]
	v.PrefixLength = binary.BigEndian.Uint32(b[0:])
	return v
}

// fastExtendedDecap decodes a ExtendedDecap from at least 4 bytes with constant offsets.
func fastExtendedDecap(b []byte) (v ExtendedDecap) {
	b = b[:4]
	v.InnerHeaderOffset = binary.BigEndian.Uint32(b[0:])
	return v
}

// fastExtendedVNI decodes a ExtendedVNI from at least 4 bytes with constant offsets.
func fastExtendedVNI(b []byte) (v ExtendedVNI) {
	b = b[:4]
	v.VNI = binary.BigEndian.Uint32(b[0:])
	return v
}

// fastGenericInterface decodes a GenericInterface from at least 88 bytes with constant offsets.
func fastGenericInterface(b []byte) (v GenericInterface) {
	b = b[:88]
	v.IfIndex = binary.BigEndian.Uint32(b[0:])
	v.IfType = binary.BigEndian.Uint32(b[4:])
	v.IfSpeed = binary.BigEndian.Uint64(b[8:])
	v.IfDirection = binary.BigEndian.Uint32(b[16:])
	v.IfStatus = binary.BigEndian.Uint32(b[20:])
	v.InOctets = binary.BigEndian.Uint64(b[24:])
	v.InUcastPkts = binary.BigEndian.Uint32(b[32:])
	v.InMulticastPkts = binary.BigEndian.Uint32(b[36:])
	v.InBroadcastPkts = binary.BigEndian.Uint32(b[40:])
	v.InDiscards = binary.BigEndian.Uint32(b[44:])
	v.InErrors = binary.BigEndian.Uint32(b[48:])
	v.InUnknownProtos = binary.BigEndian.Uint32(b[52:])
	v.OutOctets = binary.BigEndian.Uint64(b[56:])
	v.OutUcastPkts = binary.BigEndian.Uint32(b[64:])
	v.OutMulticastPkts = binary.BigEndian.Uint32(b[68:])
	v.OutBroadcastPkts = binary.BigEndian.Uint32(b[72:])
	v.OutDiscards = binary.BigEndian.Uint32(b[76:])
	v.OutErrors = binary.BigEndian.Uint32(b[80:])
	v.PromiscuousMode = binary.BigEndian.Uint32(b[84:])
	return v
}

// fastEthernetCounters decodes a EthernetCounters from at least 52 bytes with constant offsets.
func fastEthernetCounters(b []byte) (v EthernetCounters) {
	b = b[:52]
	v.AlignmentErrors = binary.BigEndian.Uint32(b[0:])
	v.FCSErrors = binary.BigEndian.Uint32(b[4:])
	v.SingleCollisionFrames = binary.BigEndian.Uint32(b[8:])
	v.MultipleCollisionFrames = binary.BigEndian.Uint32(b[12:])
	v.SQETestErrors = binary.BigEndian.Uint32(b[16:])
	v.DeferredTransmissions = binary.BigEndian.Uint32(b[20:])
	v.LateCollisions = binary.BigEndian.Uint32(b[24:])
	v.ExcessiveCollisions = binary.BigEndian.Uint32(b[28:])
	v.InternalMacTransmitErrors = binary.BigEndian.Uint32(b[32:])
	v.CarrierSenseErrors = binary.BigEndian.Uint32(b[36:])
	v.FrameTooLongs = binary.BigEndian.Uint32(b[40:])
	v.InternalMacReceiveErrors = binary.BigEndian.Uint32(b[44:])
	v.SymbolErrors = binary.BigEndian.Uint32(b[48:])
	return v
}

// fastTokenRingCounters decodes a TokenRingCounters from at least 72 bytes with constant offsets.
func fastTokenRingCounters(b []byte) (v TokenRingCounters) {
	b = b[:72]
	v.LineErrors = binary.BigEndian.Uint32(b[0:])
	v.BurstErrors = binary.BigEndian.Uint32(b[4:])
	v.ACErrors = binary.BigEndian.Uint32(b[8:])
	v.AbortTransErrors = binary.BigEndian.Uint32(b[12:])
	v.InternalErrors = binary.BigEndian.Uint32(b[16:])
	v.LostFrameErrors = binary.BigEndian.Uint32(b[20:])
	v.ReceiveCongestions = binary.BigEndian.Uint32(b[24:])
	v.FrameCopiedErrors = binary.BigEndian.Uint32(b[28:])
	v.TokenErrors = binary.BigEndian.Uint32(b[32:])
	v.SoftErrors = binary.BigEndian.Uint32(b[36:])
	v.HardErrors = binary.BigEndian.Uint32(b[40:])
	v.SignalLoss = binary.BigEndian.Uint32(b[44:])
	v.TransmitBeacons = binary.BigEndian.Uint32(b[48:])
	v.Recoverys = binary.BigEndian.Uint32(b[52:])
	v.LobeWires = binary.BigEndian.Uint32(b[56:])
	v.Removes = binary.BigEndian.Uint32(b[60:])
	v.Singles = binary.BigEndian.Uint32(b[64:])
	v.FreqErrors = binary.BigEndian.Uint32(b[68:])
	return v
}

// fastVGCounters decodes a VGCounters from at least 80 bytes with constant offsets.
func fastVGCounters(b []byte) (v VGCounters) {
	b = b[:80]
	v.InHighPriorityFrames = binary.BigEndian.Uint32(b[0:])
	v.InHighPriorityOctets = binary.BigEndian.Uint64(b[4:])
	v.InNormPriorityFrames = binary.BigEndian.Uint32(b[12:])
	v.InNormPriorityOctets = binary.BigEndian.Uint64(b[16:])
	v.InIPMErrors = binary.BigEndian.Uint32(b[24:])
	v.InOversizeFrameErrors = binary.BigEndian.Uint32(b[28:])
	v.InDataErrors = binary.BigEndian.Uint32(b[32:])
	v.InNullAddressedFrames = binary.BigEndian.Uint32(b[36:])
	v.OutHighPriorityFrames = binary.BigEndian.Uint32(b[40:])
	v.OutHighPriorityOctets = binary.BigEndian.Uint64(b[44:])
	v.TransitionIntoTrainings = binary.BigEndian.Uint32(b[52:])
	v.HCInHighPriorityOctets = binary.BigEndian.Uint64(b[56:])
	v.HCInNormPriorityOctets = binary.BigEndian.Uint64(b[64:])
	v.HCOutHighPriorityOctets = binary.BigEndian.Uint64(b[72:])
	return v
}

// fastVLANCounters decodes a VLANCounters from at least 28 bytes with constant offsets.
func fastVLANCounters(b []byte) (v VLANCounters) {
	b = b[:28]
	v.VLANID = binary.BigEndian.Uint32(b[0:])
	v.Octets = binary.BigEndian.Uint64(b[4:])
	v.UcastPkts = binary.BigEndian.Uint32(b[12:])
	v.MulticastPkts = binary.BigEndian.Uint32(b[16:])
	v.BroadcastPkts = binary.BigEndian.Uint32(b[20:])
	v.Discards = binary.BigEndian.Uint32(b[24:])
	return v
}

// fastIEEE80211Counters decodes a IEEE80211Counters from at least 80 bytes with constant offsets.
func fastIEEE80211Counters(b []byte) (v IEEE80211Counters) {
	b = b[:80]
	v.TransmittedFragmentCount = binary.BigEndian.Uint32(b[0:])
	v.MulticastTransmittedFrameCount = binary.BigEndian.Uint32(b[4:])
	v.FailedCount = binary.BigEndian.Uint32(b[8:])
	v.RetryCount = binary.BigEndian.Uint32(b[12:])
	v.MultipleRetryCount = binary.BigEndian.Uint32(b[16:])
	v.FrameDuplicateCount = binary.BigEndian.Uint32(b[20:])
	v.RTSSuccessCount = binary.BigEndian.Uint32(b[24:])
	v.RTSFailureCount = binary.BigEndian.Uint32(b[28:])
	v.ACKFailureCount = binary.BigEndian.Uint32(b[32:])
	v.ReceivedFragmentCount = binary.BigEndian.Uint32(b[36:])
	v.MulticastReceivedFrameCount = binary.BigEndian.Uint32(b[40:])
	v.FCSErrorCount = binary.BigEndian.Uint32(b[44:])
	v.TransmittedFrameCount = binary.BigEndian.Uint32(b[48:])
	v.WEPUndecryptableCount = binary.BigEndian.Uint32(b[52:])
	v.QoSDiscardedFragmentCount = binary.BigEndian.Uint32(b[56:])
	v.AssociatedStationCount = binary.BigEndian.Uint32(b[60:])
	v.QoSCFPollsReceivedCount = binary.BigEndian.Uint32(b[64:])
	v.QoSCFPollsUnusedCount = binary.BigEndian.Uint32(b[68:])
	v.QoSCFPollsUnusableCount = binary.BigEndian.Uint32(b[72:])
	v.QoSCFPollsLostCount = binary.BigEndian.Uint32(b[76:])
	return v
}

// fastLACPCounters decodes a LACPCounters from at least 56 bytes with constant offsets.
func fastLACPCounters(b []byte) (v LACPCounters) {
	b = b[:56]
	v.ActorSystemID = [6]byte(b[0:6])
	v.PartnerSystemID = [6]byte(b[8:14])
	v.AttachedAggID = binary.BigEndian.Uint32(b[16:])
	v.PortState = binary.BigEndian.Uint32(b[20:])
	v.LACPDUsRx = binary.BigEndian.Uint32(b[24:])
	v.MarkerPDUsRx = binary.BigEndian.Uint32(b[28:])
	v.MarkerResponsePDUsRx = binary.BigEndian.Uint32(b[32:])
	v.UnknownRx = binary.BigEndian.Uint32(b[36:])
	v.IllegalRx = binary.BigEndian.Uint32(b[40:])
	v.LACPDUsTx = binary.BigEndian.Uint32(b[44:])
	v.MarkerPDUsTx = binary.BigEndian.Uint32(b[48:])
	v.MarkerResponsePDUsTx = binary.BigEndian.Uint32(b[52:])
	return v
}

// fastProcessorCounters decodes a ProcessorCounters from at least 28 bytes with constant offsets.
func fastProcessorCounters(b []byte) (v ProcessorCounters) {
	b = b[:28]
	v.CPU5s = binary.BigEndian.Uint32(b[0:])
	v.CPU1m = binary.BigEndian.Uint32(b[4:])
	v.CPU5m = binary.BigEndian.Uint32(b[8:])
	v.TotalMemory = binary.BigEndian.Uint64(b[12:])
	v.FreeMemory = binary.BigEndian.Uint64(b[20:])
	return v
}

// fastRadioUtilization decodes a RadioUtilization from at least 12 bytes with constant offsets.
func fastRadioUtilization(b []byte) (v RadioUtilization) {
	b = b[:12]
	v.ElapsedTime = binary.BigEndian.Uint32(b[0:])
	v.OnChannelTime = binary.BigEndian.Uint32(b[4:])
	v.OnChannelBusyTime = binary.BigEndian.Uint32(b[8:])
	return v
}

// fastOpenFlowPort decodes a OpenFlowPort from at least 12 bytes with constant offsets.
func fastOpenFlowPort(b []byte) (v OpenFlowPort) {
	b = b[:12]
	v.DatapathID = binary.BigEndian.Uint64(b[0:])
	v.PortNo = binary.BigEndian.Uint32(b[8:])
	return v
}

// fastHostParent decodes a HostParent from at least 8 bytes with constant offsets.
func fastHostParent(b []byte) (v HostParent) {
	b = b[:8]
	v.ContainerType = binary.BigEndian.Uint32(b[0:])
	v.ContainerIndex = binary.BigEndian.Uint32(b[4:])
	return v
}

// fastHostMemory decodes a HostMemory from at least 72 bytes with constant offsets.
func fastHostMemory(b []byte) (v HostMemory) {
	b = b[:72]
	v.MemTotal = binary.BigEndian.Uint64(b[0:])
	v.MemFree = binary.BigEndian.Uint64(b[8:])
	v.MemShared = binary.BigEndian.Uint64(b[16:])
	v.MemBuffers = binary.BigEndian.Uint64(b[24:])
	v.MemCached = binary.BigEndian.Uint64(b[32:])
	v.SwapTotal = binary.BigEndian.Uint64(b[40:])
	v.SwapFree = binary.BigEndian.Uint64(b[48:])
	v.PageIn = binary.BigEndian.Uint32(b[56:])
	v.PageOut = binary.BigEndian.Uint32(b[60:])
	v.SwapIn = binary.BigEndian.Uint32(b[64:])
	v.SwapOut = binary.BigEndian.Uint32(b[68:])
	return v
}

// fastHostDiskIO decodes a HostDiskIO from at least 52 bytes with constant offsets.
func fastHostDiskIO(b []byte) (v HostDiskIO) {
	b = b[:52]
	v.DiskTotal = binary.BigEndian.Uint64(b[0:])
	v.DiskFree = binary.BigEndian.Uint64(b[8:])
	v.PartMaxUsed = binary.BigEndian.Uint32(b[16:])
	v.Reads = binary.BigEndian.Uint32(b[20:])
	v.BytesRead = binary.BigEndian.Uint64(b[24:])
	v.ReadTime = binary.BigEndian.Uint32(b[32:])
	v.Writes = binary.BigEndian.Uint32(b[36:])
	v.BytesWritten = binary.BigEndian.Uint64(b[40:])
	v.WriteTime = binary.BigEndian.Uint32(b[48:])
	return v
}

// fastNetIO decodes a NetIO from at least 40 bytes with constant offsets.
func fastNetIO(b []byte) (v NetIO) {
	b = b[:40]
	v.BytesIn = binary.BigEndian.Uint64(b[0:])
	v.PktsIn = binary.BigEndian.Uint32(b[8:])
	v.ErrsIn = binary.BigEndian.Uint32(b[12:])
	v.DropsIn = binary.BigEndian.Uint32(b[16:])
	v.BytesOut = binary.BigEndian.Uint64(b[20:])
	v.PktsOut = binary.BigEndian.Uint32(b[28:])
	v.ErrsOut = binary.BigEndian.Uint32(b[32:])
	v.DropsOut = binary.BigEndian.Uint32(b[36:])
	return v
}

// fastVirtNode decodes a VirtNode from at least 28 bytes with constant offsets.
func fastVirtNode(b []byte) (v VirtNode) {
	b = b[:28]
	v.MHz = binary.BigEndian.Uint32(b[0:])
	v.CPUs = binary.BigEndian.Uint32(b[4:])
	v.Memory = binary.BigEndian.Uint64(b[8:])
	v.MemoryFree = binary.BigEndian.Uint64(b[16:])
	v.NumDomains = binary.BigEndian.Uint32(b[24:])
	return v
}

// fastVirtCPU decodes a VirtCPU from at least 12 bytes with constant offsets.
func fastVirtCPU(b []byte) (v VirtCPU) {
	b = b[:12]
	v.State = binary.BigEndian.Uint32(b[0:])
	v.CPUTime = binary.BigEndian.Uint32(b[4:])
	v.NrVirtCPU = binary.BigEndian.Uint32(b[8:])
	return v
}

// fastVirtMemory decodes a VirtMemory from at least 16 bytes with constant offsets.
func fastVirtMemory(b []byte) (v VirtMemory) {
	b = b[:16]
	v.Memory = binary.BigEndian.Uint64(b[0:])
	v.MaxMemory = binary.BigEndian.Uint64(b[8:])
	return v
}

// fastVirtDiskIO decodes a VirtDiskIO from at least 52 bytes with constant offsets.
func fastVirtDiskIO(b []byte) (v VirtDiskIO) {
	b = b[:52]
	v.Capacity = binary.BigEndian.Uint64(b[0:])
	v.Allocation = binary.BigEndian.Uint64(b[8:])
	v.Available = binary.BigEndian.Uint64(b[16:])
	v.RdReq = binary.BigEndian.Uint32(b[24:])
	v.RdBytes = binary.BigEndian.Uint64(b[28:])
	v.WrReq = binary.BigEndian.Uint32(b[36:])
	v.WrBytes = binary.BigEndian.Uint64(b[40:])
	v.Errs = binary.BigEndian.Uint32(b[48:])
	return v
}

// fastAppResources decodes a AppResources from at least 40 bytes with constant offsets.
func fastAppResources(b []byte) (v AppResources) {
	b = b[:40]
	v.UserTime = binary.BigEndian.Uint32(b[0:])
	v.SystemTime = binary.BigEndian.Uint32(b[4:])
	v.MemUsed = binary.BigEndian.Uint64(b[8:])
	v.MemMax = binary.BigEndian.Uint64(b[16:])
	v.FDOpen = binary.BigEndian.Uint32(b[24:])
	v.FDMax = binary.BigEndian.Uint32(b[28:])
	v.ConnOpen = binary.BigEndian.Uint32(b[32:])
	v.ConnMax = binary.BigEndian.Uint32(b[36:])
	return v
}

// fastOVSDatapath decodes a OVSDatapath from at least 24 bytes with constant offsets.
func fastOVSDatapath(b []byte) (v OVSDatapath) {
	b = b[:24]
	v.Hit = binary.BigEndian.Uint32(b[0:])
	v.Missed = binary.BigEndian.Uint32(b[4:])
	v.Lost = binary.BigEndian.Uint32(b[8:])
	v.MaskHit = binary.BigEndian.Uint32(b[12:])
	v.Flows = binary.BigEndian.Uint32(b[16:])
	v.Masks = binary.BigEndian.Uint32(b[20:])
	return v
}
