package sflow

import (
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ovsflow/ovsflow/internal/tshark"
)

// tsharkDissects reports whether tshark 4.0 dissects a record format.
// Measured on tshark 4.0.17 (TestTsharkGap): for any other record it reads
// the record header but does not skip the record's data, so every later
// record of the datagram is misread (sometimes flagged Malformed). That
// covers the flow records 0:1023-0:1030 and the counter records 0:1004
// (OpenFlow port), 0:1005 (port name) and the 0:2000 series (host, virtual,
// app resources, OVS datapath), not only 0:1004.
func tsharkDissects(f Format, counter bool) bool {
	if counter {
		return f >= 1 && f <= 7 || f == 1001 || f == 1002
	}
	return f >= 1 && f <= 4 || f >= 1001 && f <= 1012
}

// fullyCompared reports whether the tshark comparison checks every field
// of a record (the records Open vSwitch sends that tshark dissects); for
// other records tshark dissects it checks the format and length, so that
// tshark and we agree on every record boundary.
func fullyCompared(f Format, counter bool) bool {
	if counter {
		return f == FormatGenericInterface || f == FormatEthernetCounters
	}
	return f == FormatSampledHeader || f == FormatExtendedSwitch
}

// stripForTshark removes the records tshark cannot dissect, re-encoding
// the datagram with fixed counts and lengths. It returns the stripped
// datagram and the records removed.
func stripForTshark(t *testing.T, w walked) ([]byte, []walkedRecord) {
	t.Helper()
	var removed []walkedRecord
	for i := range w.Samples {
		var keep []walkedRecord
		for _, r := range w.Samples[i].Records {
			if tsharkDissects(r.Format, r.Counter) {
				keep = append(keep, r)
			} else {
				removed = append(removed, r)
			}
		}
		w.Samples[i].Records = keep
		w.Samples[i].Sample.NumRecords = uint32(len(keep))
	}
	b, err := encode(w)
	if err != nil {
		t.Fatal(err)
	}
	return b, removed
}

// tsharkSamples renders each sample tshark decoded as a sorted list of
// name=value fields per record, the samples sorted (tshark's JSON groups
// samples with the same label, so their order is not the wire order).
func tsharkSamples(p tshark.Packet) (hdr []string, samples []string) {
	root := p.Root.Find("sflow")
	for _, k := range root.Kids {
		if len(k.Kids) == 0 {
			hdr = append(hdr, k.Name+"="+k.Value)
			continue
		}
		if strings.HasPrefix(k.Name, "Unknown") {
			e, _ := k.Value1("sflow.enterprise")
			st, _ := k.Value1("sflow_245.sampletype")
			n, _ := k.Value1("sflow_5.sample_length")
			samples = append(samples, "unknown enterprise="+e+" type="+st+" len="+n)
			continue
		}
		if !strings.HasPrefix(k.Name, "Flow sample") && !strings.HasPrefix(k.Name, "Counters sample") &&
			!strings.HasPrefix(k.Name, "Expanded flow sample") && !strings.HasPrefix(k.Name, "Expanded counters sample") {
			hdr = append(hdr, "unexpected "+k.Name)
			continue
		}
		var parts []string
		for _, f := range k.Kids {
			switch {
			case f.Name == "sflow.flow_sample.output_interface_tree":
				for _, g := range f.Kids {
					parts = append(parts, g.Name+"="+g.Value)
				}
			case len(f.Kids) == 0:
				if f.Name != "sflow.enterprise" && f.Name != "sflow_245.sampletype" && f.Name != "sflow_5.sample_length" {
					parts = append(parts, f.Name+"="+f.Value)
				}
			default:
				var rec []string
				full := false
				for _, g := range f.Kids {
					if g.Name == "sflow_245.flow_record_format" || g.Name == "sflow_245.counters_record_format" {
						n, _ := strconv.Atoi(g.Value)
						full = fullyCompared(Format(n), g.Name == "sflow_245.counters_record_format")
					}
				}
				for _, g := range f.Kids {
					if len(g.Kids) != 0 || g.Name == "sflow.enterprise" {
						continue
					}
					if full || g.Name == "sflow_245.flow_record_format" || g.Name == "sflow_245.counters_record_format" || g.Name == "sflow_5.flow_data_length" {
						rec = append(rec, g.Name+"="+g.Value)
					}
				}
				slices.Sort(rec)
				parts = append(parts, "["+strings.Join(rec, " ")+"]")
			}
		}
		samples = append(samples, strings.Join(parts, " "))
	}
	slices.Sort(hdr)
	slices.Sort(samples)
	return hdr, samples
}

func u(v uint32) string   { return strconv.FormatUint(uint64(v), 10) }
func u64(v uint64) string { return strconv.FormatUint(v, 10) }

// ourSamples renders our decode the way tsharkSamples renders tshark's.
func ourSamples(t *testing.T, w walked) (hdr []string, samples []string) {
	agentType := "1"
	if w.Header.Agent.Is6() {
		agentType = "2"
	}
	hdr = []string{
		"sflow_245.version=5", "sflow_245.agenttype=" + agentType, "sflow_245.agent=" + w.Header.Agent.String(),
		"sflow_245.sub_agent_id=" + u(w.Header.SubAgentID), "sflow_245.sequence_number=" + u(w.Header.Sequence),
		"sflow_245.sysuptime=" + u(w.Header.Uptime), "sflow_245.numsamples=" + u(w.Header.NumSamples),
	}
	slices.Sort(hdr)
	for _, s := range w.Samples {
		var parts []string
		sm := s.Sample
		switch sm.Format {
		case FormatFlowSample:
			in, _ := sm.Input.Compact()
			out, _ := sm.Output.Compact()
			parts = append(parts,
				"sflow.flow_sample.sequence_number="+u(sm.Sequence),
				"sflow.flow_sample.source_id_class="+u(uint32(sm.Source.Class)),
				"sflow.flow_sample.index="+u(sm.Source.Index),
				"sflow.flow_sample.sampling_rate="+u(sm.SamplingRate),
				"sflow.flow_sample.sample_pool="+u(sm.SamplePool),
				"sflow.flow_sample.dropped_packets="+u(sm.Drops),
				"sflow.flow_sample.input_interface="+u(in),
				"sflow.flow_sample.output_interface=0x"+hex8(out),
				"sflow.flow_sample.output_interface_format="+u(uint32(sm.Output.Format)),
				"sflow.flow_sample.output_interface_value="+u(sm.Output.Value),
				"sflow.flow_sample.flow_record="+u(sm.NumRecords))
		case FormatExpandedFlowSample:
			parts = append(parts,
				"sflow.flow_sample.sequence_number="+u(sm.Sequence),
				"sflow.flow_sample.source_id_type="+u(uint32(sm.Source.Class)),
				"sflow.flow_sample.source_id_index="+u(sm.Source.Index),
				"sflow.flow_sample.sampling_rate="+u(sm.SamplingRate),
				"sflow.flow_sample.sample_pool="+u(sm.SamplePool),
				"sflow.flow_sample.dropped_packets="+u(sm.Drops),
				"sflow.flow_sample.input_interface_format="+u(uint32(sm.Input.Format)),
				"sflow.flow_sample.input_interface_value="+u(sm.Input.Value),
				"sflow.flow_sample.output_interface.format="+u(uint32(sm.Output.Format)),
				"sflow.flow_sample.output_interface_value="+u(sm.Output.Value),
				"sflow.flow_sample.flow_record="+u(sm.NumRecords))
		case FormatCounterSample, FormatExpandedCounterSample:
			parts = append(parts,
				"sflow.counters_sample.sequence_number="+u(sm.Sequence),
				"sflow.counters_sample.source_id_type="+u(uint32(sm.Source.Class)),
				"sflow.counters_sample.source_id_index="+u(sm.Source.Index),
				"sflow.counters_sample.counters_records="+u(sm.NumRecords))
		default:
			// tshark 4.0 skips other samples (0:5 included) by their length.
			samples = append(samples, "unknown enterprise="+u(sm.Format.Enterprise())+" type="+u(sm.Format.Number())+" len="+strconv.Itoa(s.Len))
			continue
		}
		for _, r := range s.Records {
			rec := []string{"sflow_5.flow_data_length=" + strconv.Itoa(r.Len)}
			if r.Counter {
				rec = append(rec, "sflow_245.counters_record_format="+u(uint32(r.Format)))
			} else {
				rec = append(rec, "sflow_245.flow_record_format="+u(uint32(r.Format)))
			}
			switch v := r.Value.(type) {
			case ExtendedSwitch:
				rec = append(rec, "sflow_245.vlan.in="+u(v.SrcVLAN), "sflow_245.pri.in="+u(v.SrcPriority),
					"sflow_245.vlan.out="+u(v.DstVLAN), "sflow_245.pri.out="+u(v.DstPriority))
			case SampledHeader:
				rec = append(rec, "sflow_245.header_protocol="+u(uint32(v.Protocol)),
					"sflow_245.header.frame_length="+u(v.FrameLength),
					"sflow_245.header.payload_stripped="+u(v.Stripped),
					"sflow_245.header.sampled_header_length="+strconv.Itoa(len(v.Header)),
					// tshark shows the header with its XDR padding.
					"sflow_245.header="+colonHex(append(slices.Clip(v.Header), make([]byte, (4-len(v.Header)%4)%4)...)))
			case GenericInterface:
				rec = append(rec, "sflow_245.ifindex="+u(v.IfIndex), "sflow_245.iftype="+u(v.IfType),
					"sflow_245.ifspeed="+u64(v.IfSpeed), "sflow_245.ifdirection="+u(v.IfDirection),
					"sflow_245.ifadmin_status="+u(v.IfStatus&1), "sflow_245.ifoper_status="+u(v.IfStatus>>1&1),
					"sflow_245.ifinoct="+u64(v.InOctets), "sflow_245.ifinpkt="+u(v.InUcastPkts),
					"sflow_245.ifinmcast="+u(v.InMulticastPkts), "sflow_245.ifinbcast="+u(v.InBroadcastPkts),
					"sflow_245.ifindisc="+u(v.InDiscards), "sflow_245.ifinerr="+u(v.InErrors),
					"sflow_245.ifinunk="+u(v.InUnknownProtos), "sflow_245.ifoutoct="+u64(v.OutOctets),
					"sflow_245.ifoutpkt="+u(v.OutUcastPkts), "sflow_245.ifoutmcast="+u(v.OutMulticastPkts),
					"sflow_245.ifoutbcast="+u(v.OutBroadcastPkts), "sflow_245.ifoutdisc="+u(v.OutDiscards),
					"sflow_245.ifouterr="+u(v.OutErrors), "sflow_245.ifpromisc="+u(v.PromiscuousMode))
			case EthernetCounters:
				for _, f := range []struct {
					n string
					v uint32
				}{
					{"AlignmentErrors", v.AlignmentErrors}, {"FCSErrors", v.FCSErrors},
					{"SingleCollisionFrames", v.SingleCollisionFrames}, {"MultipleCollisionFrames", v.MultipleCollisionFrames},
					{"SQETestErrors", v.SQETestErrors}, {"DeferredTransmissions", v.DeferredTransmissions},
					{"LateCollisions", v.LateCollisions}, {"ExcessiveCollisions", v.ExcessiveCollisions},
					{"InternalMacTransmitErrors", v.InternalMacTransmitErrors}, {"CarrierSenseErrors", v.CarrierSenseErrors},
					{"FrameTooLongs", v.FrameTooLongs}, {"InternalMacReceiveErrors", v.InternalMacReceiveErrors},
					{"SymbolErrors", v.SymbolErrors},
				} {
					rec = append(rec, "sflow_245.dot3Stats"+f.n+"="+u(f.v))
				}
			default:
				if fullyCompared(r.Format, r.Counter) {
					t.Fatalf("record %d (%T) has no tshark field mapping", r.Format, r.Value)
				}
				// Only the record's format and length (so its boundaries) are compared.
			}
			slices.Sort(rec)
			parts = append(parts, "["+strings.Join(rec, " ")+"]")
		}
		samples = append(samples, strings.Join(parts, " "))
	}
	slices.Sort(samples)
	return hdr, samples
}

func hex8(v uint32) string {
	s := strconv.FormatUint(uint64(v), 16)
	return strings.Repeat("0", 8-len(s)) + s
}

func colonHex(b []byte) string {
	h := hex.EncodeToString(b)
	var sb strings.Builder
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			sb.WriteByte(':')
		}
		sb.WriteString(h[i : i+2])
	}
	return sb.String()
}

// compareWithTshark decodes datagrams (already stripped of records tshark
// cannot dissect) with tshark and with our decoder and requires every
// header, sample and record field to agree, and tshark to report no error.
func compareWithTshark(t *testing.T, dgs [][]byte) {
	t.Helper()
	pkts := tshark.Decode(t, dgs, "sflow")
	if len(pkts) != len(dgs) {
		t.Fatalf("tshark returned %d packets for %d datagrams", len(pkts), len(dgs))
	}
	tshark.CheckClean(t, pkts)
	for i, p := range pkts {
		w, err := walk(dgs[i])
		if err != nil {
			t.Fatalf("datagram %d: %v", i, err)
		}
		th, ts := tsharkSamples(p)
		oh, os := ourSamples(t, w)
		if !slices.Equal(th, oh) {
			t.Errorf("datagram %d header:\ntshark %v\nours   %v", i, th, oh)
		}
		if !slices.Equal(ts, os) {
			for j := range max(len(ts), len(os)) {
				var a, b string
				if j < len(ts) {
					a = ts[j]
				}
				if j < len(os) {
					b = os[j]
				}
				if a != b {
					t.Errorf("datagram %d sample %d:\ntshark %s\nours   %s", i, j, a, b)
				}
			}
		}
	}
}

// TestTsharkEncoder hands tshark the full datagram (every sample and record
// type) with the records tshark 4.0 cannot dissect removed: tshark must
// report no error and agree on every header, sample and record boundary,
// and on every field of the records Open vSwitch sends.
func TestTsharkEncoder(t *testing.T) {
	tshark.Require(t)
	w, _ := fullDatagram(t)
	// tshark 4.0 renders enterprise sample formats its own way; the
	// enterprise sample is left to the round-trip tests.
	var samples []walkedSample
	for _, s := range w.Samples {
		if s.Sample.Format.Enterprise() == 0 {
			samples = append(samples, s)
		}
	}
	w.Samples = samples
	w.Header.NumSamples = uint32(len(samples))
	full, removed := stripForTshark(t, w)
	_, ovsLike := benchDatagramWalked(t)
	compareWithTshark(t, [][]byte{full, ovsLike})
	var gap []string
	for _, r := range removed {
		gap = append(gap, strconv.Itoa(int(r.Format)))
	}
	t.Logf("records tshark 4.0 cannot dissect (round trips only): %s", strings.Join(gap, " "))
}

func benchDatagramWalked(t *testing.T) (walked, []byte) {
	b := benchDatagram(t)
	w, err := walk(b)
	if err != nil {
		t.Fatal(err)
	}
	// Drop the extended router records? No: tshark dissects 0:1002.
	return w, b
}

// TestTsharkGap records the tshark 4.0 limitation the comparisons work
// around: an undissected record's data is not skipped, so the record after
// it is misread. It only logs, so a fixed tshark does not fail the build.
func TestTsharkGap(t *testing.T) {
	tshark.Require(t)
	b := NewBuilder(nil, Header{Agent: agent4, Sequence: 1})
	b.StartCounterSample(CounterSample{Sequence: 1})
	b.AddOpenFlowPort(OpenFlowPort{DatapathID: 0x1234, PortNo: 1})
	b.AddVLANCounters(VLANCounters{VLANID: 777})
	b.EndSample()
	dg, _ := b.Finish()
	p := tshark.Decode(t, [][]byte{dg}, "sflow")[0]
	if v := p.Root.Values("sflow_245.vlan_id"); len(v) == 1 && v[0] == "777" {
		t.Logf("this tshark skips an undissected 0:1004 record correctly")
	} else {
		t.Logf("tshark misreads the record after 0:1004: vlan_id %v, errors %v", v, p.Errors())
	}
}
