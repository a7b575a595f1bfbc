package sflow

// recordTable lists every record type with its Builder method and accessor.
var recordTable = []struct {
	format  Format
	counter bool
	name    string
	add     func(b *Builder, v any)
	decode  func(r Record) (any, error)
	decoder func(d *Decoder) any
	slow    func(r Record) (any, error)
	zero    any
}{
	{FormatSampledHeader, false, "SampledHeader", func(b *Builder, v any) { b.AddSampledHeader(v.(SampledHeader)) }, func(r Record) (any, error) { return r.SampledHeader() }, func(d *Decoder) any { return d.SampledHeader() }, func(r Record) (any, error) { rr := r.reader(); v := decodeSampledHeader(&rr); return v, rr.Err() }, SampledHeader{}},
	{FormatEthernetFrame, false, "EthernetFrame", func(b *Builder, v any) { b.AddEthernetFrame(v.(EthernetFrame)) }, func(r Record) (any, error) { return r.EthernetFrame() }, func(d *Decoder) any { return d.EthernetFrame() }, func(r Record) (any, error) { rr := r.reader(); v := decodeEthernetFrame(&rr); return v, rr.Err() }, EthernetFrame{}},
	{FormatSampledIPv4, false, "SampledIPv4", func(b *Builder, v any) { b.AddSampledIPv4(v.(SampledIPv4)) }, func(r Record) (any, error) { return r.SampledIPv4() }, func(d *Decoder) any { return d.SampledIPv4() }, func(r Record) (any, error) { rr := r.reader(); v := decodeSampledIPv4(&rr); return v, rr.Err() }, SampledIPv4{}},
	{FormatIPv4TunnelEgress, false, "IPv4TunnelEgress", func(b *Builder, v any) { b.AddIPv4TunnelEgress(v.(SampledIPv4)) }, func(r Record) (any, error) { return r.SampledIPv4() }, func(d *Decoder) any { return d.SampledIPv4() }, func(r Record) (any, error) { rr := r.reader(); v := decodeSampledIPv4(&rr); return v, rr.Err() }, SampledIPv4{}},
	{FormatIPv4TunnelIngress, false, "IPv4TunnelIngress", func(b *Builder, v any) { b.AddIPv4TunnelIngress(v.(SampledIPv4)) }, func(r Record) (any, error) { return r.SampledIPv4() }, func(d *Decoder) any { return d.SampledIPv4() }, func(r Record) (any, error) { rr := r.reader(); v := decodeSampledIPv4(&rr); return v, rr.Err() }, SampledIPv4{}},
	{FormatSampledIPv6, false, "SampledIPv6", func(b *Builder, v any) { b.AddSampledIPv6(v.(SampledIPv6)) }, func(r Record) (any, error) { return r.SampledIPv6() }, func(d *Decoder) any { return d.SampledIPv6() }, func(r Record) (any, error) { rr := r.reader(); v := decodeSampledIPv6(&rr); return v, rr.Err() }, SampledIPv6{}},
	{FormatIPv6TunnelEgress, false, "IPv6TunnelEgress", func(b *Builder, v any) { b.AddIPv6TunnelEgress(v.(SampledIPv6)) }, func(r Record) (any, error) { return r.SampledIPv6() }, func(d *Decoder) any { return d.SampledIPv6() }, func(r Record) (any, error) { rr := r.reader(); v := decodeSampledIPv6(&rr); return v, rr.Err() }, SampledIPv6{}},
	{FormatIPv6TunnelIngress, false, "IPv6TunnelIngress", func(b *Builder, v any) { b.AddIPv6TunnelIngress(v.(SampledIPv6)) }, func(r Record) (any, error) { return r.SampledIPv6() }, func(d *Decoder) any { return d.SampledIPv6() }, func(r Record) (any, error) { rr := r.reader(); v := decodeSampledIPv6(&rr); return v, rr.Err() }, SampledIPv6{}},
	{FormatExtendedSwitch, false, "ExtendedSwitch", func(b *Builder, v any) { b.AddExtendedSwitch(v.(ExtendedSwitch)) }, func(r Record) (any, error) { return r.ExtendedSwitch() }, func(d *Decoder) any { return d.ExtendedSwitch() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedSwitch(&rr); return v, rr.Err() }, ExtendedSwitch{}},
	{FormatExtendedRouter, false, "ExtendedRouter", func(b *Builder, v any) { b.AddExtendedRouter(v.(ExtendedRouter)) }, func(r Record) (any, error) { return r.ExtendedRouter() }, func(d *Decoder) any { return d.ExtendedRouter() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedRouter(&rr); return v, rr.Err() }, ExtendedRouter{}},
	{FormatExtendedGateway, false, "ExtendedGateway", func(b *Builder, v any) { b.AddExtendedGateway(v.(ExtendedGateway)) }, func(r Record) (any, error) { return r.ExtendedGateway() }, func(d *Decoder) any { return d.ExtendedGateway() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedGateway(&rr); return v, rr.Err() }, ExtendedGateway{}},
	{FormatExtendedUser, false, "ExtendedUser", func(b *Builder, v any) { b.AddExtendedUser(v.(ExtendedUser)) }, func(r Record) (any, error) { return r.ExtendedUser() }, func(d *Decoder) any { return d.ExtendedUser() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedUser(&rr); return v, rr.Err() }, ExtendedUser{}},
	{FormatExtendedURL, false, "ExtendedURL", func(b *Builder, v any) { b.AddExtendedURL(v.(ExtendedURL)) }, func(r Record) (any, error) { return r.ExtendedURL() }, func(d *Decoder) any { return d.ExtendedURL() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedURL(&rr); return v, rr.Err() }, ExtendedURL{}},
	{FormatExtendedMPLS, false, "ExtendedMPLS", func(b *Builder, v any) { b.AddExtendedMPLS(v.(ExtendedMPLS)) }, func(r Record) (any, error) { return r.ExtendedMPLS() }, func(d *Decoder) any { return d.ExtendedMPLS() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedMPLS(&rr); return v, rr.Err() }, ExtendedMPLS{}},
	{FormatExtendedNAT, false, "ExtendedNAT", func(b *Builder, v any) { b.AddExtendedNAT(v.(ExtendedNAT)) }, func(r Record) (any, error) { return r.ExtendedNAT() }, func(d *Decoder) any { return d.ExtendedNAT() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedNAT(&rr); return v, rr.Err() }, ExtendedNAT{}},
	{FormatExtendedMPLSTunnel, false, "ExtendedMPLSTunnel", func(b *Builder, v any) { b.AddExtendedMPLSTunnel(v.(ExtendedMPLSTunnel)) }, func(r Record) (any, error) { return r.ExtendedMPLSTunnel() }, func(d *Decoder) any { return d.ExtendedMPLSTunnel() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedMPLSTunnel(&rr); return v, rr.Err() }, ExtendedMPLSTunnel{}},
	{FormatExtendedMPLSVC, false, "ExtendedMPLSVC", func(b *Builder, v any) { b.AddExtendedMPLSVC(v.(ExtendedMPLSVC)) }, func(r Record) (any, error) { return r.ExtendedMPLSVC() }, func(d *Decoder) any { return d.ExtendedMPLSVC() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedMPLSVC(&rr); return v, rr.Err() }, ExtendedMPLSVC{}},
	{FormatExtendedMPLSFTN, false, "ExtendedMPLSFTN", func(b *Builder, v any) { b.AddExtendedMPLSFTN(v.(ExtendedMPLSFTN)) }, func(r Record) (any, error) { return r.ExtendedMPLSFTN() }, func(d *Decoder) any { return d.ExtendedMPLSFTN() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedMPLSFTN(&rr); return v, rr.Err() }, ExtendedMPLSFTN{}},
	{FormatExtendedMPLSLDPFEC, false, "ExtendedMPLSLDPFEC", func(b *Builder, v any) { b.AddExtendedMPLSLDPFEC(v.(ExtendedMPLSLDPFEC)) }, func(r Record) (any, error) { return r.ExtendedMPLSLDPFEC() }, func(d *Decoder) any { return d.ExtendedMPLSLDPFEC() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedMPLSLDPFEC(&rr); return v, rr.Err() }, ExtendedMPLSLDPFEC{}},
	{FormatExtendedVLANTunnel, false, "ExtendedVLANTunnel", func(b *Builder, v any) { b.AddExtendedVLANTunnel(v.(ExtendedVLANTunnel)) }, func(r Record) (any, error) { return r.ExtendedVLANTunnel() }, func(d *Decoder) any { return d.ExtendedVLANTunnel() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedVLANTunnel(&rr); return v, rr.Err() }, ExtendedVLANTunnel{}},
	{FormatDecapEgress, false, "DecapEgress", func(b *Builder, v any) { b.AddDecapEgress(v.(ExtendedDecap)) }, func(r Record) (any, error) { return r.ExtendedDecap() }, func(d *Decoder) any { return d.ExtendedDecap() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedDecap(&rr); return v, rr.Err() }, ExtendedDecap{}},
	{FormatDecapIngress, false, "DecapIngress", func(b *Builder, v any) { b.AddDecapIngress(v.(ExtendedDecap)) }, func(r Record) (any, error) { return r.ExtendedDecap() }, func(d *Decoder) any { return d.ExtendedDecap() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedDecap(&rr); return v, rr.Err() }, ExtendedDecap{}},
	{FormatVNIEgress, false, "VNIEgress", func(b *Builder, v any) { b.AddVNIEgress(v.(ExtendedVNI)) }, func(r Record) (any, error) { return r.ExtendedVNI() }, func(d *Decoder) any { return d.ExtendedVNI() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedVNI(&rr); return v, rr.Err() }, ExtendedVNI{}},
	{FormatVNIIngress, false, "VNIIngress", func(b *Builder, v any) { b.AddVNIIngress(v.(ExtendedVNI)) }, func(r Record) (any, error) { return r.ExtendedVNI() }, func(d *Decoder) any { return d.ExtendedVNI() }, func(r Record) (any, error) { rr := r.reader(); v := decodeExtendedVNI(&rr); return v, rr.Err() }, ExtendedVNI{}},
	{FormatGenericInterface, true, "GenericInterface", func(b *Builder, v any) { b.AddGenericInterface(v.(GenericInterface)) }, func(r Record) (any, error) { return r.GenericInterface() }, func(d *Decoder) any { return d.GenericInterface() }, func(r Record) (any, error) { rr := r.reader(); v := decodeGenericInterface(&rr); return v, rr.Err() }, GenericInterface{}},
	{FormatEthernetCounters, true, "EthernetCounters", func(b *Builder, v any) { b.AddEthernetCounters(v.(EthernetCounters)) }, func(r Record) (any, error) { return r.EthernetCounters() }, func(d *Decoder) any { return d.EthernetCounters() }, func(r Record) (any, error) { rr := r.reader(); v := decodeEthernetCounters(&rr); return v, rr.Err() }, EthernetCounters{}},
	{FormatTokenRingCounters, true, "TokenRingCounters", func(b *Builder, v any) { b.AddTokenRingCounters(v.(TokenRingCounters)) }, func(r Record) (any, error) { return r.TokenRingCounters() }, func(d *Decoder) any { return d.TokenRingCounters() }, func(r Record) (any, error) { rr := r.reader(); v := decodeTokenRingCounters(&rr); return v, rr.Err() }, TokenRingCounters{}},
	{FormatVGCounters, true, "VGCounters", func(b *Builder, v any) { b.AddVGCounters(v.(VGCounters)) }, func(r Record) (any, error) { return r.VGCounters() }, func(d *Decoder) any { return d.VGCounters() }, func(r Record) (any, error) { rr := r.reader(); v := decodeVGCounters(&rr); return v, rr.Err() }, VGCounters{}},
	{FormatVLANCounters, true, "VLANCounters", func(b *Builder, v any) { b.AddVLANCounters(v.(VLANCounters)) }, func(r Record) (any, error) { return r.VLANCounters() }, func(d *Decoder) any { return d.VLANCounters() }, func(r Record) (any, error) { rr := r.reader(); v := decodeVLANCounters(&rr); return v, rr.Err() }, VLANCounters{}},
	{FormatIEEE80211Counters, true, "IEEE80211Counters", func(b *Builder, v any) { b.AddIEEE80211Counters(v.(IEEE80211Counters)) }, func(r Record) (any, error) { return r.IEEE80211Counters() }, func(d *Decoder) any { return d.IEEE80211Counters() }, func(r Record) (any, error) { rr := r.reader(); v := decodeIEEE80211Counters(&rr); return v, rr.Err() }, IEEE80211Counters{}},
	{FormatLACPCounters, true, "LACPCounters", func(b *Builder, v any) { b.AddLACPCounters(v.(LACPCounters)) }, func(r Record) (any, error) { return r.LACPCounters() }, func(d *Decoder) any { return d.LACPCounters() }, func(r Record) (any, error) { rr := r.reader(); v := decodeLACPCounters(&rr); return v, rr.Err() }, LACPCounters{}},
	{FormatProcessorCounters, true, "ProcessorCounters", func(b *Builder, v any) { b.AddProcessorCounters(v.(ProcessorCounters)) }, func(r Record) (any, error) { return r.ProcessorCounters() }, func(d *Decoder) any { return d.ProcessorCounters() }, func(r Record) (any, error) { rr := r.reader(); v := decodeProcessorCounters(&rr); return v, rr.Err() }, ProcessorCounters{}},
	{FormatRadioUtilization, true, "RadioUtilization", func(b *Builder, v any) { b.AddRadioUtilization(v.(RadioUtilization)) }, func(r Record) (any, error) { return r.RadioUtilization() }, func(d *Decoder) any { return d.RadioUtilization() }, func(r Record) (any, error) { rr := r.reader(); v := decodeRadioUtilization(&rr); return v, rr.Err() }, RadioUtilization{}},
	{FormatOpenFlowPort, true, "OpenFlowPort", func(b *Builder, v any) { b.AddOpenFlowPort(v.(OpenFlowPort)) }, func(r Record) (any, error) { return r.OpenFlowPort() }, func(d *Decoder) any { return d.OpenFlowPort() }, func(r Record) (any, error) { rr := r.reader(); v := decodeOpenFlowPort(&rr); return v, rr.Err() }, OpenFlowPort{}},
	{FormatPortName, true, "PortName", func(b *Builder, v any) { b.AddPortName(v.(PortName)) }, func(r Record) (any, error) { return r.PortName() }, func(d *Decoder) any { return d.PortName() }, func(r Record) (any, error) { rr := r.reader(); v := decodePortName(&rr); return v, rr.Err() }, PortName{}},
	{FormatHostDescr, true, "HostDescr", func(b *Builder, v any) { b.AddHostDescr(v.(HostDescr)) }, func(r Record) (any, error) { return r.HostDescr() }, func(d *Decoder) any { return d.HostDescr() }, func(r Record) (any, error) { rr := r.reader(); v := decodeHostDescr(&rr); return v, rr.Err() }, HostDescr{}},
	{FormatHostAdapters, true, "HostAdapters", func(b *Builder, v any) { b.AddHostAdapters(v.(HostAdapters)) }, func(r Record) (any, error) { return r.HostAdapters() }, func(d *Decoder) any { return d.HostAdapters() }, func(r Record) (any, error) { rr := r.reader(); v := decodeHostAdapters(&rr); return v, rr.Err() }, HostAdapters{}},
	{FormatHostParent, true, "HostParent", func(b *Builder, v any) { b.AddHostParent(v.(HostParent)) }, func(r Record) (any, error) { return r.HostParent() }, func(d *Decoder) any { return d.HostParent() }, func(r Record) (any, error) { rr := r.reader(); v := decodeHostParent(&rr); return v, rr.Err() }, HostParent{}},
	{FormatHostCPU, true, "HostCPU", func(b *Builder, v any) { b.AddHostCPU(v.(HostCPU)) }, func(r Record) (any, error) { return r.HostCPU() }, func(d *Decoder) any { return d.HostCPU() }, func(r Record) (any, error) { rr := r.reader(); v := decodeHostCPU(&rr); return v, rr.Err() }, HostCPU{}},
	{FormatHostMemory, true, "HostMemory", func(b *Builder, v any) { b.AddHostMemory(v.(HostMemory)) }, func(r Record) (any, error) { return r.HostMemory() }, func(d *Decoder) any { return d.HostMemory() }, func(r Record) (any, error) { rr := r.reader(); v := decodeHostMemory(&rr); return v, rr.Err() }, HostMemory{}},
	{FormatHostDiskIO, true, "HostDiskIO", func(b *Builder, v any) { b.AddHostDiskIO(v.(HostDiskIO)) }, func(r Record) (any, error) { return r.HostDiskIO() }, func(d *Decoder) any { return d.HostDiskIO() }, func(r Record) (any, error) { rr := r.reader(); v := decodeHostDiskIO(&rr); return v, rr.Err() }, HostDiskIO{}},
	{FormatHostNetIO, true, "HostNetIO", func(b *Builder, v any) { b.AddHostNetIO(v.(NetIO)) }, func(r Record) (any, error) { return r.NetIO() }, func(d *Decoder) any { return d.NetIO() }, func(r Record) (any, error) { rr := r.reader(); v := decodeNetIO(&rr); return v, rr.Err() }, NetIO{}},
	{FormatVirtNetIO, true, "VirtNetIO", func(b *Builder, v any) { b.AddVirtNetIO(v.(NetIO)) }, func(r Record) (any, error) { return r.NetIO() }, func(d *Decoder) any { return d.NetIO() }, func(r Record) (any, error) { rr := r.reader(); v := decodeNetIO(&rr); return v, rr.Err() }, NetIO{}},
	{FormatVirtNode, true, "VirtNode", func(b *Builder, v any) { b.AddVirtNode(v.(VirtNode)) }, func(r Record) (any, error) { return r.VirtNode() }, func(d *Decoder) any { return d.VirtNode() }, func(r Record) (any, error) { rr := r.reader(); v := decodeVirtNode(&rr); return v, rr.Err() }, VirtNode{}},
	{FormatVirtCPU, true, "VirtCPU", func(b *Builder, v any) { b.AddVirtCPU(v.(VirtCPU)) }, func(r Record) (any, error) { return r.VirtCPU() }, func(d *Decoder) any { return d.VirtCPU() }, func(r Record) (any, error) { rr := r.reader(); v := decodeVirtCPU(&rr); return v, rr.Err() }, VirtCPU{}},
	{FormatVirtMemory, true, "VirtMemory", func(b *Builder, v any) { b.AddVirtMemory(v.(VirtMemory)) }, func(r Record) (any, error) { return r.VirtMemory() }, func(d *Decoder) any { return d.VirtMemory() }, func(r Record) (any, error) { rr := r.reader(); v := decodeVirtMemory(&rr); return v, rr.Err() }, VirtMemory{}},
	{FormatVirtDiskIO, true, "VirtDiskIO", func(b *Builder, v any) { b.AddVirtDiskIO(v.(VirtDiskIO)) }, func(r Record) (any, error) { return r.VirtDiskIO() }, func(d *Decoder) any { return d.VirtDiskIO() }, func(r Record) (any, error) { rr := r.reader(); v := decodeVirtDiskIO(&rr); return v, rr.Err() }, VirtDiskIO{}},
	{FormatAppResources, true, "AppResources", func(b *Builder, v any) { b.AddAppResources(v.(AppResources)) }, func(r Record) (any, error) { return r.AppResources() }, func(d *Decoder) any { return d.AppResources() }, func(r Record) (any, error) { rr := r.reader(); v := decodeAppResources(&rr); return v, rr.Err() }, AppResources{}},
	{FormatOVSDatapath, true, "OVSDatapath", func(b *Builder, v any) { b.AddOVSDatapath(v.(OVSDatapath)) }, func(r Record) (any, error) { return r.OVSDatapath() }, func(d *Decoder) any { return d.OVSDatapath() }, func(r Record) (any, error) { rr := r.reader(); v := decodeOVSDatapath(&rr); return v, rr.Err() }, OVSDatapath{}},
}

// touchRecord decodes the current record with its typed Decoder accessor
// (no boxing: used by the allocation tests and benchmarks).
func touchRecord(d *Decoder) {
	r := d.Record()
	if r.Counter {
		switch r.Format {
		case FormatGenericInterface:
			sinkGenericInterface = d.GenericInterface()
		case FormatEthernetCounters:
			sinkEthernetCounters = d.EthernetCounters()
		case FormatTokenRingCounters:
			sinkTokenRingCounters = d.TokenRingCounters()
		case FormatVGCounters:
			sinkVGCounters = d.VGCounters()
		case FormatVLANCounters:
			sinkVLANCounters = d.VLANCounters()
		case FormatIEEE80211Counters:
			sinkIEEE80211Counters = d.IEEE80211Counters()
		case FormatLACPCounters:
			sinkLACPCounters = d.LACPCounters()
		case FormatProcessorCounters:
			sinkProcessorCounters = d.ProcessorCounters()
		case FormatRadioUtilization:
			sinkRadioUtilization = d.RadioUtilization()
		case FormatOpenFlowPort:
			sinkOpenFlowPort = d.OpenFlowPort()
		case FormatPortName:
			sinkPortName = d.PortName()
		case FormatHostDescr:
			sinkHostDescr = d.HostDescr()
		case FormatHostAdapters:
			sinkHostAdapters = d.HostAdapters()
		case FormatHostParent:
			sinkHostParent = d.HostParent()
		case FormatHostCPU:
			sinkHostCPU = d.HostCPU()
		case FormatHostMemory:
			sinkHostMemory = d.HostMemory()
		case FormatHostDiskIO:
			sinkHostDiskIO = d.HostDiskIO()
		case FormatHostNetIO, FormatVirtNetIO:
			sinkNetIO = d.NetIO()
		case FormatVirtNode:
			sinkVirtNode = d.VirtNode()
		case FormatVirtCPU:
			sinkVirtCPU = d.VirtCPU()
		case FormatVirtMemory:
			sinkVirtMemory = d.VirtMemory()
		case FormatVirtDiskIO:
			sinkVirtDiskIO = d.VirtDiskIO()
		case FormatAppResources:
			sinkAppResources = d.AppResources()
		case FormatOVSDatapath:
			sinkOVSDatapath = d.OVSDatapath()
		}
		return
	}
	switch r.Format {
	case FormatSampledHeader:
		sinkSampledHeader = d.SampledHeader()
	case FormatEthernetFrame:
		sinkEthernetFrame = d.EthernetFrame()
	case FormatSampledIPv4, FormatIPv4TunnelEgress, FormatIPv4TunnelIngress:
		sinkSampledIPv4 = d.SampledIPv4()
	case FormatSampledIPv6, FormatIPv6TunnelEgress, FormatIPv6TunnelIngress:
		sinkSampledIPv6 = d.SampledIPv6()
	case FormatExtendedSwitch:
		sinkExtendedSwitch = d.ExtendedSwitch()
	case FormatExtendedRouter:
		sinkExtendedRouter = d.ExtendedRouter()
	case FormatExtendedGateway:
		sinkExtendedGateway = d.ExtendedGateway()
	case FormatExtendedUser:
		sinkExtendedUser = d.ExtendedUser()
	case FormatExtendedURL:
		sinkExtendedURL = d.ExtendedURL()
	case FormatExtendedMPLS:
		sinkExtendedMPLS = d.ExtendedMPLS()
	case FormatExtendedNAT:
		sinkExtendedNAT = d.ExtendedNAT()
	case FormatExtendedMPLSTunnel:
		sinkExtendedMPLSTunnel = d.ExtendedMPLSTunnel()
	case FormatExtendedMPLSVC:
		sinkExtendedMPLSVC = d.ExtendedMPLSVC()
	case FormatExtendedMPLSFTN:
		sinkExtendedMPLSFTN = d.ExtendedMPLSFTN()
	case FormatExtendedMPLSLDPFEC:
		sinkExtendedMPLSLDPFEC = d.ExtendedMPLSLDPFEC()
	case FormatExtendedVLANTunnel:
		sinkExtendedVLANTunnel = d.ExtendedVLANTunnel()
	case FormatDecapEgress, FormatDecapIngress:
		sinkExtendedDecap = d.ExtendedDecap()
	case FormatVNIEgress, FormatVNIIngress:
		sinkExtendedVNI = d.ExtendedVNI()
	}
}

var (
	sinkSampledHeader      SampledHeader
	sinkEthernetFrame      EthernetFrame
	sinkSampledIPv4        SampledIPv4
	sinkSampledIPv6        SampledIPv6
	sinkExtendedSwitch     ExtendedSwitch
	sinkExtendedRouter     ExtendedRouter
	sinkExtendedGateway    ExtendedGateway
	sinkExtendedUser       ExtendedUser
	sinkExtendedURL        ExtendedURL
	sinkExtendedMPLS       ExtendedMPLS
	sinkExtendedNAT        ExtendedNAT
	sinkExtendedMPLSTunnel ExtendedMPLSTunnel
	sinkExtendedMPLSVC     ExtendedMPLSVC
	sinkExtendedMPLSFTN    ExtendedMPLSFTN
	sinkExtendedMPLSLDPFEC ExtendedMPLSLDPFEC
	sinkExtendedVLANTunnel ExtendedVLANTunnel
	sinkExtendedDecap      ExtendedDecap
	sinkExtendedVNI        ExtendedVNI
	sinkGenericInterface   GenericInterface
	sinkEthernetCounters   EthernetCounters
	sinkTokenRingCounters  TokenRingCounters
	sinkVGCounters         VGCounters
	sinkVLANCounters       VLANCounters
	sinkIEEE80211Counters  IEEE80211Counters
	sinkLACPCounters       LACPCounters
	sinkProcessorCounters  ProcessorCounters
	sinkRadioUtilization   RadioUtilization
	sinkOpenFlowPort       OpenFlowPort
	sinkPortName           PortName
	sinkHostDescr          HostDescr
	sinkHostAdapters       HostAdapters
	sinkHostParent         HostParent
	sinkHostCPU            HostCPU
	sinkHostMemory         HostMemory
	sinkHostDiskIO         HostDiskIO
	sinkNetIO              NetIO
	sinkVirtNode           VirtNode
	sinkVirtCPU            VirtCPU
	sinkVirtMemory         VirtMemory
	sinkVirtDiskIO         VirtDiskIO
	sinkAppResources       AppResources
	sinkOVSDatapath        OVSDatapath
)
