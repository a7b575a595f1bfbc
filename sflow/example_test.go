package sflow_test

import (
	"fmt"
	"net/netip"

	"github.com/ovsflow/ovsflow/sflow"
)

// ExampleBuilder encodes an Open vSwitch-style flow sample and counter
// sample into one datagram.
func ExampleBuilder() {
	buf := make([]byte, 0, 2*sflow.DefaultMaxDatagramSize)
	b := sflow.NewBuilder(buf, sflow.Header{Agent: netip.MustParseAddr("192.0.2.1"), Sequence: 1, Uptime: 5000})
	b.StartFlowSample(sflow.FlowSample{
		Sequence: 1, Source: sflow.DataSource{Class: sflow.SourcePhysicalEntity, Index: 1000},
		SamplingRate: 400, SamplePool: 400,
		Input:  sflow.Interface{Value: 11},
		Output: sflow.Interface{Format: sflow.InterfaceDiscarded, Value: uint32(sflow.DiscardUnknown)},
	})
	b.AddExtendedSwitch(sflow.ExtendedSwitch{SrcVLAN: 10, DstVLAN: 10})
	b.AddSampledHeader(sflow.SampledHeader{Protocol: sflow.HeaderEthernet, FrameLength: 68, Stripped: 4, Header: make([]byte, 64)})
	if _, err := b.EndSample(); err != nil {
		panic(err)
	}
	b.StartCounterSample(sflow.CounterSample{Sequence: 1, Source: sflow.DataSource{Index: 11}})
	b.AddPortName(sflow.PortName{Name: []byte("eth0")})
	b.EndSample()
	dg, err := b.Flush()
	fmt.Println(len(dg), err)
	// Output: 216 <nil>
}

// ExampleDecoder walks a datagram and decodes its records.
func ExampleDecoder() {
	b := sflow.NewBuilder(nil, sflow.Header{Agent: netip.MustParseAddr("192.0.2.1"), Sequence: 7})
	b.StartFlowSample(sflow.FlowSample{Sequence: 1, SamplingRate: 1, Input: sflow.Interface{Value: 3}, Output: sflow.Interface{Value: 4}})
	b.AddExtendedSwitch(sflow.ExtendedSwitch{SrcVLAN: 100, SrcPriority: 3})
	b.EndSample()
	b.StartCounterSample(sflow.CounterSample{Sequence: 1, Source: sflow.DataSource{Index: 3}})
	b.AddOpenFlowPort(sflow.OpenFlowPort{DatapathID: 0xc67b487b694b, PortNo: 1})
	b.AddRecord(sflow.MakeFormat(4413, 9), true, []byte{1, 2, 3, 4}) // a vendor record
	b.EndSample()
	dg, _ := b.Flush()

	var d sflow.Decoder
	hdr, _ := d.Start(dg)
	fmt.Println("agent", hdr.Agent, "sequence", hdr.Sequence, "samples", hdr.NumSamples)
	for d.NextSample() {
		s := d.Sample()
		fmt.Println(sflow.SampleName(s.Format), "input", s.Input.Value, "output", s.Output.Value)
		for d.NextRecord() {
			r := d.Record()
			switch {
			case !r.Counter && r.Format == sflow.FormatExtendedSwitch:
				sw := d.ExtendedSwitch()
				fmt.Println(" ", r.Name(), "vlan", sw.SrcVLAN, "priority", sw.SrcPriority)
			case r.Counter && r.Format == sflow.FormatOpenFlowPort:
				of := d.OpenFlowPort()
				fmt.Printf("  %s dpid %016x port %d\n", r.Name(), of.DatapathID, of.PortNo)
			default:
				fmt.Printf("  unknown record %d:%d, %d bytes\n", r.Format.Enterprise(), r.Format.Number(), len(r.Data))
			}
		}
	}
	fmt.Println("err", d.Err())
	// Output:
	// agent 192.0.2.1 sequence 7 samples 2
	// flow sample input 3 output 4
	//   extended switch vlan 100 priority 3
	// counter sample input 0 output 0
	//   openflow port dpid 0000c67b487b694b port 1
	//   unknown record 4413:9, 4 bytes
	// err <nil>
}
