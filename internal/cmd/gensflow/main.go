// Command gensflow writes sflow/records.go (record types, decoders, encoders,
// Record and Decoder accessors, Builder methods) and sflow/table_test.go
// (the test table of every record type) from the record list below.
//
// Run it with go generate in package sflow.
package main

import (
	"bytes"
	"fmt"
	gofmt "go/format"
	"log"
	"os"
	"strings"
)

type format struct {
	Const string // Go constant name
	Num   int    // format number (enterprise 0)
	Add   string // Builder method suffix
	Name  string // short name
}

type record struct {
	Type    string
	Doc     string
	Counter bool
	Formats []format
	Fields  string // "Name:type ..."; a trailing ? marks a field absent in older layouts
}

// Field types: u32, u64, f32 (XDR float), mac (6 bytes + 2 padding),
// addr4, addr16, addr (sFlow address: type then 0/4/16 bytes), uuid
// (16 bytes), bytes (XDR opaque/string), u32list, aspath, adapters, hproto.
var records = []record{
	{"SampledHeader", "is the raw packet header record (0:1): the first bytes of the sampled frame.", false, []format{{"FormatSampledHeader", 1, "SampledHeader", "sampled header"}}, "Protocol:hproto FrameLength:u32 Stripped:u32 Header:bytes"},
	{"EthernetFrame", "is the Ethernet frame data record (0:2).", false, []format{{"FormatEthernetFrame", 2, "EthernetFrame", "ethernet frame data"}}, "Length:u32 Src:mac Dst:mac Type:u32"},
	{"SampledIPv4", "is the IPv4 data record (0:3), also the layout of the IPv4 tunnel egress and ingress records (0:1023, 0:1024).", false, []format{{"FormatSampledIPv4", 3, "SampledIPv4", "ipv4 data"}, {"FormatIPv4TunnelEgress", 1023, "IPv4TunnelEgress", "ipv4 tunnel egress"}, {"FormatIPv4TunnelIngress", 1024, "IPv4TunnelIngress", "ipv4 tunnel ingress"}}, "Length:u32 Protocol:u32 Src:addr4 Dst:addr4 SrcPort:u32 DstPort:u32 TCPFlags:u32 TOS:u32"},
	{"SampledIPv6", "is the IPv6 data record (0:4), also the layout of the IPv6 tunnel egress and ingress records (0:1025, 0:1026).", false, []format{{"FormatSampledIPv6", 4, "SampledIPv6", "ipv6 data"}, {"FormatIPv6TunnelEgress", 1025, "IPv6TunnelEgress", "ipv6 tunnel egress"}, {"FormatIPv6TunnelIngress", 1026, "IPv6TunnelIngress", "ipv6 tunnel ingress"}}, "Length:u32 Protocol:u32 Src:addr16 Dst:addr16 SrcPort:u32 DstPort:u32 TCPFlags:u32 Priority:u32"},
	{"ExtendedSwitch", "is the extended switch record (0:1001): VLANs and 802.1p priorities at ingress and egress.", false, []format{{"FormatExtendedSwitch", 1001, "ExtendedSwitch", "extended switch"}}, "SrcVLAN:u32 SrcPriority:u32 DstVLAN:u32 DstPriority:u32"},
	{"ExtendedRouter", "is the extended router record (0:1002).", false, []format{{"FormatExtendedRouter", 1002, "ExtendedRouter", "extended router"}}, "NextHop:addr SrcMaskLen:u32 DstMaskLen:u32"},
	{"ExtendedGateway", "is the extended gateway record (0:1003): BGP next hop, AS numbers, AS path and communities.", false, []format{{"FormatExtendedGateway", 1003, "ExtendedGateway", "extended gateway"}}, "NextHop:addr AS:u32 SrcAS:u32 SrcPeerAS:u32 ASPath:aspath Communities:u32list LocalPref:u32"},
	{"ExtendedUser", "is the extended user record (0:1004).", false, []format{{"FormatExtendedUser", 1004, "ExtendedUser", "extended user"}}, "SrcCharset:u32 SrcUser:bytes DstCharset:u32 DstUser:bytes"},
	{"ExtendedURL", "is the extended URL record (0:1005). Host is absent (empty) in records written before it was added.", false, []format{{"FormatExtendedURL", 1005, "ExtendedURL", "extended url"}}, "Direction:u32 URL:bytes Host:bytes?"},
	{"ExtendedMPLS", "is the extended MPLS record (0:1006).", false, []format{{"FormatExtendedMPLS", 1006, "ExtendedMPLS", "extended mpls"}}, "NextHop:addr InStack:u32list OutStack:u32list"},
	{"ExtendedNAT", "is the extended NAT record (0:1007).", false, []format{{"FormatExtendedNAT", 1007, "ExtendedNAT", "extended nat"}}, "Src:addr Dst:addr"},
	{"ExtendedMPLSTunnel", "is the extended MPLS tunnel record (0:1008).", false, []format{{"FormatExtendedMPLSTunnel", 1008, "ExtendedMPLSTunnel", "extended mpls tunnel"}}, "Name:bytes ID:u32 COS:u32"},
	{"ExtendedMPLSVC", "is the extended MPLS virtual-circuit record (0:1009).", false, []format{{"FormatExtendedMPLSVC", 1009, "ExtendedMPLSVC", "extended mpls vc"}}, "Name:bytes ID:u32 LabelCOS:u32"},
	{"ExtendedMPLSFTN", "is the extended MPLS FEC-to-NHLFE record (0:1010).", false, []format{{"FormatExtendedMPLSFTN", 1010, "ExtendedMPLSFTN", "extended mpls ftn"}}, "Descr:bytes Mask:u32"},
	{"ExtendedMPLSLDPFEC", "is the extended MPLS LDP FEC record (0:1011).", false, []format{{"FormatExtendedMPLSLDPFEC", 1011, "ExtendedMPLSLDPFEC", "extended mpls ldp fec"}}, "PrefixLength:u32"},
	{"ExtendedVLANTunnel", "is the extended VLAN tunnel record (0:1012): the stack of 802.1Q tags (TPID<<16 | TCI), outermost first.", false, []format{{"FormatExtendedVLANTunnel", 1012, "ExtendedVLANTunnel", "extended vlan tunnel"}}, "Stack:u32list"},
	{"ExtendedDecap", "is the extended decapsulation egress or ingress record (0:1027, 0:1028): the offset of the inner header in the sampled header.", false, []format{{"FormatDecapEgress", 1027, "DecapEgress", "extended decap egress"}, {"FormatDecapIngress", 1028, "DecapIngress", "extended decap ingress"}}, "InnerHeaderOffset:u32"},
	{"ExtendedVNI", "is the extended VNI egress or ingress record (0:1029, 0:1030).", false, []format{{"FormatVNIEgress", 1029, "VNIEgress", "extended vni egress"}, {"FormatVNIIngress", 1030, "VNIIngress", "extended vni ingress"}}, "VNI:u32"},
	{"GenericInterface", "is the generic interface counters record (0:1).", true, []format{{"FormatGenericInterface", 1, "GenericInterface", "generic interface counters"}}, "IfIndex:u32 IfType:u32 IfSpeed:u64 IfDirection:u32 IfStatus:u32 InOctets:u64 InUcastPkts:u32 InMulticastPkts:u32 InBroadcastPkts:u32 InDiscards:u32 InErrors:u32 InUnknownProtos:u32 OutOctets:u64 OutUcastPkts:u32 OutMulticastPkts:u32 OutBroadcastPkts:u32 OutDiscards:u32 OutErrors:u32 PromiscuousMode:u32"},
	{"EthernetCounters", "is the Ethernet interface counters record (0:2), the dot3Stats objects.", true, []format{{"FormatEthernetCounters", 2, "EthernetCounters", "ethernet counters"}}, "AlignmentErrors:u32 FCSErrors:u32 SingleCollisionFrames:u32 MultipleCollisionFrames:u32 SQETestErrors:u32 DeferredTransmissions:u32 LateCollisions:u32 ExcessiveCollisions:u32 InternalMacTransmitErrors:u32 CarrierSenseErrors:u32 FrameTooLongs:u32 InternalMacReceiveErrors:u32 SymbolErrors:u32"},
	{"TokenRingCounters", "is the token ring counters record (0:3), the dot5Stats objects.", true, []format{{"FormatTokenRingCounters", 3, "TokenRingCounters", "token ring counters"}}, "LineErrors:u32 BurstErrors:u32 ACErrors:u32 AbortTransErrors:u32 InternalErrors:u32 LostFrameErrors:u32 ReceiveCongestions:u32 FrameCopiedErrors:u32 TokenErrors:u32 SoftErrors:u32 HardErrors:u32 SignalLoss:u32 TransmitBeacons:u32 Recoverys:u32 LobeWires:u32 Removes:u32 Singles:u32 FreqErrors:u32"},
	{"VGCounters", "is the 100BaseVG interface counters record (0:4), the dot12 objects.", true, []format{{"FormatVGCounters", 4, "VGCounters", "100basevg counters"}}, "InHighPriorityFrames:u32 InHighPriorityOctets:u64 InNormPriorityFrames:u32 InNormPriorityOctets:u64 InIPMErrors:u32 InOversizeFrameErrors:u32 InDataErrors:u32 InNullAddressedFrames:u32 OutHighPriorityFrames:u32 OutHighPriorityOctets:u64 TransitionIntoTrainings:u32 HCInHighPriorityOctets:u64 HCInNormPriorityOctets:u64 HCOutHighPriorityOctets:u64"},
	{"VLANCounters", "is the VLAN counters record (0:5).", true, []format{{"FormatVLANCounters", 5, "VLANCounters", "vlan counters"}}, "VLANID:u32 Octets:u64 UcastPkts:u32 MulticastPkts:u32 BroadcastPkts:u32 Discards:u32"},
	{"IEEE80211Counters", "is the IEEE 802.11 counters record (0:6), the dot11 objects.", true, []format{{"FormatIEEE80211Counters", 6, "IEEE80211Counters", "ieee 802.11 counters"}}, "TransmittedFragmentCount:u32 MulticastTransmittedFrameCount:u32 FailedCount:u32 RetryCount:u32 MultipleRetryCount:u32 FrameDuplicateCount:u32 RTSSuccessCount:u32 RTSFailureCount:u32 ACKFailureCount:u32 ReceivedFragmentCount:u32 MulticastReceivedFrameCount:u32 FCSErrorCount:u32 TransmittedFrameCount:u32 WEPUndecryptableCount:u32 QoSDiscardedFragmentCount:u32 AssociatedStationCount:u32 QoSCFPollsReceivedCount:u32 QoSCFPollsUnusedCount:u32 QoSCFPollsUnusableCount:u32 QoSCFPollsLostCount:u32"},
	{"LACPCounters", "is the IEEE 802.3ad LAG port counters record (0:7). PortState holds actor admin, actor oper, partner admin and partner oper state bytes, in that order from the most significant.", true, []format{{"FormatLACPCounters", 7, "LACPCounters", "lacp counters"}}, "ActorSystemID:mac PartnerSystemID:mac AttachedAggID:u32 PortState:u32 LACPDUsRx:u32 MarkerPDUsRx:u32 MarkerResponsePDUsRx:u32 UnknownRx:u32 IllegalRx:u32 LACPDUsTx:u32 MarkerPDUsTx:u32 MarkerResponsePDUsTx:u32"},
	{"ProcessorCounters", "is the processor information record (0:1001). CPU percentages are in hundredths of a percent.", true, []format{{"FormatProcessorCounters", 1001, "ProcessorCounters", "processor"}}, "CPU5s:u32 CPU1m:u32 CPU5m:u32 TotalMemory:u64 FreeMemory:u64"},
	{"RadioUtilization", "is the 802.11 radio utilization record (0:1002), times in milliseconds.", true, []format{{"FormatRadioUtilization", 1002, "RadioUtilization", "radio utilization"}}, "ElapsedTime:u32 OnChannelTime:u32 OnChannelBusyTime:u32"},
	{"OpenFlowPort", "is the OpenFlow port record (0:1004): datapath ID and port number.", true, []format{{"FormatOpenFlowPort", 1004, "OpenFlowPort", "openflow port"}}, "DatapathID:u64 PortNo:u32"},
	{"PortName", "is the port name record (0:1005).", true, []format{{"FormatPortName", 1005, "PortName", "port name"}}, "Name:bytes"},
	{"HostDescr", "is the host description record (0:2000).", true, []format{{"FormatHostDescr", 2000, "HostDescr", "host description"}}, "Hostname:bytes UUID:uuid MachineType:u32 OSName:u32 OSRelease:bytes"},
	{"HostAdapters", "is the host adapters record (0:2001): each adapter's ifIndex and MAC addresses.", true, []format{{"FormatHostAdapters", 2001, "HostAdapters", "host adapters"}}, "Adapters:adapters"},
	{"HostParent", "is the host parent record (0:2002): the container of a virtual host.", true, []format{{"FormatHostParent", 2002, "HostParent", "host parent"}}, "ContainerType:u32 ContainerIndex:u32"},
	{"HostCPU", "is the host CPU record (0:2003). The last three fields are absent (zero) in the original 68-byte layout.", true, []format{{"FormatHostCPU", 2003, "HostCPU", "host cpu"}}, "LoadOne:f32 LoadFive:f32 LoadFifteen:f32 ProcRun:u32 ProcTotal:u32 CPUNum:u32 CPUSpeed:u32 Uptime:u32 CPUUser:u32 CPUNice:u32 CPUSystem:u32 CPUIdle:u32 CPUWio:u32 CPUIntr:u32 CPUSintr:u32 Interrupts:u32 Contexts:u32 CPUSteal:u32? CPUGuest:u32? CPUGuestNice:u32?"},
	{"HostMemory", "is the host memory record (0:2004), bytes and page counts.", true, []format{{"FormatHostMemory", 2004, "HostMemory", "host memory"}}, "MemTotal:u64 MemFree:u64 MemShared:u64 MemBuffers:u64 MemCached:u64 SwapTotal:u64 SwapFree:u64 PageIn:u32 PageOut:u32 SwapIn:u32 SwapOut:u32"},
	{"HostDiskIO", "is the host disk I/O record (0:2005). PartMaxUsed is in hundredths of a percent.", true, []format{{"FormatHostDiskIO", 2005, "HostDiskIO", "host disk io"}}, "DiskTotal:u64 DiskFree:u64 PartMaxUsed:u32 Reads:u32 BytesRead:u64 ReadTime:u32 Writes:u32 BytesWritten:u64 WriteTime:u32"},
	{"NetIO", "is the host network I/O record (0:2006) and the virtual network I/O record (0:2104).", true, []format{{"FormatHostNetIO", 2006, "HostNetIO", "host net io"}, {"FormatVirtNetIO", 2104, "VirtNetIO", "virt net io"}}, "BytesIn:u64 PktsIn:u32 ErrsIn:u32 DropsIn:u32 BytesOut:u64 PktsOut:u32 ErrsOut:u32 DropsOut:u32"},
	{"VirtNode", "is the hypervisor node record (0:2100).", true, []format{{"FormatVirtNode", 2100, "VirtNode", "virt node"}}, "MHz:u32 CPUs:u32 Memory:u64 MemoryFree:u64 NumDomains:u32"},
	{"VirtCPU", "is the virtual domain CPU record (0:2101).", true, []format{{"FormatVirtCPU", 2101, "VirtCPU", "virt cpu"}}, "State:u32 CPUTime:u32 NrVirtCPU:u32"},
	{"VirtMemory", "is the virtual domain memory record (0:2102).", true, []format{{"FormatVirtMemory", 2102, "VirtMemory", "virt memory"}}, "Memory:u64 MaxMemory:u64"},
	{"VirtDiskIO", "is the virtual domain disk I/O record (0:2103).", true, []format{{"FormatVirtDiskIO", 2103, "VirtDiskIO", "virt disk io"}}, "Capacity:u64 Allocation:u64 Available:u64 RdReq:u32 RdBytes:u64 WrReq:u32 WrBytes:u64 Errs:u32"},
	{"AppResources", "is the application resources record (0:2203); Open vSwitch sends it for the bridge. Times are in milliseconds.", true, []format{{"FormatAppResources", 2203, "AppResources", "app resources"}}, "UserTime:u32 SystemTime:u32 MemUsed:u64 MemMax:u64 FDOpen:u32 FDMax:u32 ConnOpen:u32 ConnMax:u32"},
	{"OVSDatapath", "is the Open vSwitch datapath record (0:2207): datapath flow-cache statistics summed over all datapaths.", true, []format{{"FormatOVSDatapath", 2207, "OVSDatapath", "ovs datapath"}}, "Hit:u32 Missed:u32 Lost:u32 MaskHit:u32 Flows:u32 Masks:u32"},
}

type field struct {
	Name, Type string
	Optional   bool
}

func (r record) fields() []field {
	var fs []field
	for _, f := range strings.Fields(r.Fields) {
		name, typ, _ := strings.Cut(f, ":")
		opt := strings.HasSuffix(typ, "?")
		fs = append(fs, field{name, strings.TrimSuffix(typ, "?"), opt})
	}
	return fs
}

var goType = map[string]string{
	"u32": "uint32", "u64": "uint64", "f32": "float32", "mac": "[6]byte", "addr4": "netip.Addr",
	"addr16": "netip.Addr", "addr": "netip.Addr", "uuid": "[16]byte", "bytes": "[]byte",
	"u32list": "U32List", "aspath": "ASPath", "adapters": "HostAdapterList", "hproto": "HeaderProtocol",
}

// fixedSize is the wire size of fixed-size field types.
var fixedSize = map[string]int{"u32": 4, "u64": 8, "f32": 4, "mac": 8, "addr4": 4, "addr16": 16, "uuid": 16, "hproto": 4}

// customFast names the records with a hand-written fast decoder (fast.go).
var customFast = map[string]bool{"SampledHeader": true, "ExtendedRouter": true}

func decodeExpr(typ, field string) string {
	f := `"sflow: ` + field + `"`
	switch typ {
	case "u32":
		return "r.Uint32(" + f + ")"
	case "u64":
		return "r.Uint64(" + f + ")"
	case "f32":
		return "math.Float32frombits(r.Uint32(" + f + "))"
	case "mac":
		return "readMAC8(r, " + f + ")"
	case "addr4":
		return "r.Addr4(" + f + ")"
	case "addr16":
		return "r.Addr16(" + f + ")"
	case "addr":
		return "readAddress(r, " + f + ")"
	case "bytes":
		return "readOpaque(r, " + f + ")"
	case "u32list":
		return "readU32List(r, " + f + ")"
	case "aspath":
		return "readASPath(r, " + f + ")"
	case "adapters":
		return "readAdapters(r, " + f + ")"
	case "hproto":
		return "HeaderProtocol(r.Uint32(" + f + "))"
	case "uuid":
		return "" // written as a statement by genRecords
	}
	log.Fatalf("no decoder for %s", typ)
	return ""
}

func encodeStmt(typ, name string) string {
	v := "v." + name
	switch typ {
	case "u32":
		return "b = wire.AppendUint32(b, " + v + ")"
	case "u64":
		return "b = wire.AppendUint64(b, " + v + ")"
	case "f32":
		return "b = wire.AppendUint32(b, math.Float32bits(" + v + "))"
	case "mac":
		return fmt.Sprintf("b = append(b, %[1]s[0], %[1]s[1], %[1]s[2], %[1]s[3], %[1]s[4], %[1]s[5], 0, 0)", v)
	case "addr4":
		return "b = wire.AppendAddr4(b, " + v + ")"
	case "addr16":
		return "b = wire.AppendAddr16(b, " + v + ")"
	case "addr":
		return "b = appendAddress(b, " + v + ")"
	case "uuid":
		return "b = append(b, " + v + "[:]...)"
	case "bytes":
		return "b = appendOpaque(b, " + v + ")"
	case "u32list", "aspath", "adapters":
		return "b = " + v + ".appendXDR(b)"
	case "hproto":
		return "b = wire.AppendUint32(b, uint32(" + v + "))"
	}
	log.Fatalf("no encoder for %s", typ)
	return ""
}

func sizeExpr(typ, name string) string {
	if n, ok := fixedSize[typ]; ok {
		return fmt.Sprint(n)
	}
	v := "v." + name
	switch typ {
	case "addr":
		return "addressSize(" + v + ")"
	case "bytes":
		return "4 + len(" + v + ") + wire.Pad4(len(" + v + "))"
	}
	return v + ".xdrSize()"
}

func fastExpr(typ string, off int) string {
	switch typ {
	case "u32":
		return fmt.Sprintf("binary.BigEndian.Uint32(b[%d:])", off)
	case "u64":
		return fmt.Sprintf("binary.BigEndian.Uint64(b[%d:])", off)
	case "f32":
		return fmt.Sprintf("math.Float32frombits(binary.BigEndian.Uint32(b[%d:]))", off)
	case "mac":
		return fmt.Sprintf("[6]byte(b[%d:%d])", off, off+6)
	case "addr4":
		return fmt.Sprintf("netip.AddrFrom4([4]byte(b[%d:%d]))", off, off+4)
	case "addr16":
		return fmt.Sprintf("netip.AddrFrom16([16]byte(b[%d:%d]))", off, off+16)
	case "uuid":
		return fmt.Sprintf("[16]byte(b[%d:%d])", off, off+16)
	case "hproto":
		return fmt.Sprintf("HeaderProtocol(binary.BigEndian.Uint32(b[%d:]))", off)
	}
	log.Fatalf("no fast decoder for %s", typ)
	return ""
}

// allFixed returns the wire size of a record whose fields are all fixed.
func allFixed(fs []field) (int, bool) {
	n := 0
	for _, f := range fs {
		s, ok := fixedSize[f.Type]
		if !ok || f.Optional {
			return 0, false
		}
		n += s
	}
	return n, true
}

func join(fs []format, f func(format) string, sep string) string {
	var parts []string
	for _, x := range fs {
		parts = append(parts, f(x))
	}
	return strings.Join(parts, sep)
}

func genRecords() []byte {
	var w bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&w, format, args...) }
	p("// Code generated by internal/cmd/gensflow; DO NOT EDIT.\n\n")
	p("package sflow\n\nimport (\n\t\"encoding/binary\"\n\t\"math\"\n\t\"net/netip\"\n\n\t\"github.com/ovsflow/ovsflow/internal/wire\"\n)\n\n")
	for _, kind := range []bool{false, true} {
		if kind {
			p("// Counter record formats (enterprise 0).\nconst (\n")
		} else {
			p("// Flow record formats (enterprise 0).\nconst (\n")
		}
		for _, r := range records {
			if r.Counter == kind {
				for _, f := range r.Formats {
					p("\t%s Format = %d // %s\n", f.Const, f.Num, f.Name)
				}
			}
		}
		p(")\n\n")
	}
	for _, kind := range []bool{false, true} {
		fn, what := "FlowRecordName", "flow"
		if kind {
			fn, what = "CounterRecordName", "counter"
		}
		p("// %s returns the short name of a %s record format (\"extended switch\"), or \"\" if\n// this package does not know it.\nfunc %s(f Format) string {\n\tswitch f {\n", fn, what, fn)
		for _, r := range records {
			if r.Counter == kind {
				for _, f := range r.Formats {
					p("\tcase %s:\n\t\treturn %q\n", f.Const, f.Name)
				}
			}
		}
		p("\t}\n\treturn \"\"\n}\n\n")
	}
	type fastRec struct {
		t  string
		n  int
		fs []field
	}
	var fasts []fastRec
	for _, r := range records {
		t, fs := r.Type, r.fields()
		p("// %s %s\ntype %s struct {\n", t, r.Doc, t)
		for _, f := range fs {
			p("\t%s %s\n", f.Name, goType[f.Type])
		}
		p("}\n\n")
		label := r.Formats[0].Name
		p("func decode%s(r *wire.Reader) (v %s) {\n", t, t)
		for _, f := range fs {
			line := fmt.Sprintf("v.%s = %s", f.Name, decodeExpr(f.Type, label+" "+f.Name))
			if f.Type == "uuid" {
				line = fmt.Sprintf("if u := r.Bytes(16, \"sflow: %s %s\"); u != nil {\n\t\tv.%s = [16]byte(u)\n\t}", label, f.Name, f.Name)
			}
			if f.Optional {
				p("\tif r.Len() > 0 {\n\t\t%s\n\t}\n", line)
			} else {
				p("\t%s\n", line)
			}
		}
		p("\treturn v\n}\n\n")
		var sizes []string
		for _, f := range fs {
			sizes = append(sizes, sizeExpr(f.Type, f.Name))
		}
		p("func (v %s) size() int {\n\treturn %s\n}\n\n", t, strings.Join(sizes, " + "))
		p("func (v %s) append(b []byte) []byte {\n", t)
		for _, f := range fs {
			p("\t%s\n", encodeStmt(f.Type, f.Name))
		}
		p("\treturn b\n}\n\n")
		fl := join(r.Formats, func(f format) string { return "r.Format == " + f.Const }, " || ")
		fl2 := join(r.Formats, func(f format) string { return "d.recFmt == " + f.Const }, " || ")
		names := join(r.Formats, func(f format) string { return fmt.Sprint(f.Num) }, ", ")
		ck, ckd, ckr := "false", "!d.counter", "r.Counter"
		if r.Counter {
			ck, ckd, ckr = "true", "d.counter", "!r.Counter"
		}
		p("// %s decodes the record as a %s (formats %s). The result aliases the datagram.\nfunc (r Record) %s() (%s, error) {\n", t, t, names, t, t)
		p("\tif !(%s) || %s {\n\t\treturn %s{}, r.formatError(%q)\n\t}\n", fl, ckr, t, t)
		n, fixed := allFixed(fs)
		switch {
		case fixed:
			p("\tif len(r.Data) >= %d {\n\t\treturn fast%s(r.Data), nil\n\t}\n", n, t)
			fasts = append(fasts, fastRec{t, n, fs})
		case customFast[t]:
			p("\tif fast%sOK(r.Data) {\n\t\treturn fast%s(r.Data), nil\n\t}\n", t, t)
		}
		p("\trr := r.reader()\n\tv := decode%s(&rr)\n\treturn v, rr.Err()\n}\n\n", t)
		p("// %s decodes the current record as a %s; on failure it returns the\n// zero value and records the error (see [Decoder.Err]).\nfunc (d *Decoder) %s() %s {\n", t, t, t, t)
		switch {
		case fixed:
			p("\tif (%s) && %s && len(d.rec) >= %d {\n\t\treturn fast%s(d.rec)\n\t}\n", fl2, ckd, n, t)
		case customFast[t]:
			p("\tif (%s) && %s && fast%sOK(d.rec) {\n\t\treturn fast%s(d.rec)\n\t}\n", fl2, ckd, t, t)
		}
		if fixed || customFast[t] {
			// The fast path stays small; the error path lives apart.
			p("\treturn d.slow%s()\n}\n\nfunc (d *Decoder) slow%s() %s {\n", t, t, t)
		}
		p("\tv, err := d.Record().%s()\n\tif err != nil {\n\t\td.fail(err)\n\t\treturn %s{}\n\t}\n\treturn v\n}\n\n", t, t)
		for _, f := range r.Formats {
			kind := "flow"
			if r.Counter {
				kind = "counter"
			}
			p("// Add%s appends a %s record (%s) to the current %s sample.\nfunc (b *Builder) Add%s(v %s) {\n\tif !b.startRecord(%s, %s, v.size()) {\n\t\treturn\n\t}\n\tb.buf = v.append(b.buf)\n}\n\n",
				f.Add, f.Name, f.Const, kind, f.Add, t, f.Const, ck)
		}
	}
	for _, f := range fasts {
		p("// fast%s decodes a %s from at least %d bytes with constant offsets.\nfunc fast%s(b []byte) (v %s) {\n\tb = b[:%d]\n", f.t, f.t, f.n, f.t, f.t, f.n)
		off := 0
		for _, x := range f.fs {
			p("\tv.%s = %s\n", x.Name, fastExpr(x.Type, off))
			off += fixedSize[x.Type]
		}
		p("\treturn v\n}\n\n")
	}
	return w.Bytes()
}

func genTable() []byte {
	var w bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&w, format, args...) }
	p("// Code generated by internal/cmd/gensflow; DO NOT EDIT.\n\n")
	p("package sflow\n\n// recordTable lists every record type with its Builder method and accessor.\nvar recordTable = []struct {\n\tformat  Format\n\tcounter bool\n\tname    string\n\tadd     func(b *Builder, v any)\n\tdecode  func(r Record) (any, error)\n\tdecoder func(d *Decoder) any\n\tslow    func(r Record) (any, error)\n\tzero    any\n}{\n")
	for _, r := range records {
		for _, f := range r.Formats {
			p("\t{%s, %v, %q, func(b *Builder, v any) { b.Add%s(v.(%s)) }, func(r Record) (any, error) { return r.%s() }, func(d *Decoder) any { return d.%s() }, func(r Record) (any, error) { rr := r.reader(); v := decode%s(&rr); return v, rr.Err() }, %s{}},\n",
				f.Const, r.Counter, f.Add, f.Add, r.Type, r.Type, r.Type, r.Type, r.Type)
		}
	}
	p("}\n\n// touchRecord decodes the current record with its typed Decoder accessor\n// (no boxing: used by the allocation tests and benchmarks).\nfunc touchRecord(d *Decoder) {\n\tr := d.Record()\n\tif r.Counter {\n\t\tswitch r.Format {\n")
	for _, r := range records {
		if r.Counter {
			p("\t\tcase %s:\n\t\t\tsink%s = d.%s()\n", join(r.Formats, func(f format) string { return f.Const }, ", "), r.Type, r.Type)
		}
	}
	p("\t\t}\n\t\treturn\n\t}\n\tswitch r.Format {\n")
	for _, r := range records {
		if !r.Counter {
			p("\tcase %s:\n\t\tsink%s = d.%s()\n", join(r.Formats, func(f format) string { return f.Const }, ", "), r.Type, r.Type)
		}
	}
	p("\t}\n}\n\nvar (\n")
	for _, r := range records {
		p("\tsink%s %s\n", r.Type, r.Type)
	}
	p(")\n")
	return w.Bytes()
}

func write(name string, src []byte) {
	out, err := gofmt.Source(src)
	if err != nil {
		log.Fatalf("%s: %v", name, err)
	}
	if err := os.WriteFile(name, out, 0o644); err != nil {
		log.Fatal(err)
	}
}

func main() {
	write("records.go", genRecords())
	write("table_test.go", genTable())
}
