package netflow_test

import (
	"fmt"
	"net/netip"

	"github.com/ovsflow/ovsflow/netflow"
)

func ExampleV5Parser() {
	b := netflow.NewV5Builder(nil, netflow.V5Header{UnixSecs: 1700000000, FlowSequence: netflow.V5OVSSequence(0, 1)})
	b.Add(netflow.V5Record{
		SrcAddr: netip.MustParseAddr("10.0.0.1"), DstAddr: netip.MustParseAddr("10.0.0.2"),
		Input: 1, Output: netflow.OVSOutputDrop, Packets: 5, Octets: 320,
		SrcPort: 1000, DstPort: 5001, Protocol: 17,
	})
	pkt := b.Finish()

	var p netflow.V5Parser
	hdr, err := p.Start(pkt)
	if err != nil {
		panic(err)
	}
	fmt.Println("records:", hdr.Count, "sequence:", hdr.FlowSequence)
	for p.Next() {
		r := p.Record()
		fmt.Printf("%v:%d -> %v:%d proto %d, %d packets, %d bytes, output %d\n",
			r.SrcAddr, r.SrcPort, r.DstAddr, r.DstPort, r.Protocol, r.Packets, r.Octets, r.Output)
	}
	// Output:
	// records: 1 sequence: 0
	// 10.0.0.1:1000 -> 10.0.0.2:5001 proto 17, 5 packets, 320 bytes, output 65533
}

func ExampleV9Parser() {
	// An exporter's packet: a template and two records for it.
	b := netflow.NewV9Builder(nil, netflow.V9Header{UnixSecs: 1700000000, SourceID: 7}, 1400)
	b.AddTemplate(256, []netflow.TemplateField{
		{Type: netflow.FieldSourceIPv4Address, Length: 4},
		{Type: netflow.FieldOctetDeltaCount, Length: 4},
	})
	b.AddRecord(256, []byte{10, 0, 0, 1, 0, 0, 0x05, 0xdc})
	b.AddRecord(256, []byte{10, 0, 0, 2, 0, 0, 0x00, 0x40})
	pkt := b.Finish()

	s := netflow.NewSession(nil)
	from := netip.MustParseAddrPort("192.0.2.1:2055")
	var p netflow.V9Parser
	if _, err := p.Start(s, from, pkt); err != nil {
		panic(err)
	}
	for p.Next() {
		switch p.Kind() {
		case netflow.V9Template:
			fmt.Println("template", p.Template().ID(), "with", p.Template().NumFields(), "fields")
		case netflow.V9Data:
			r := p.Record()
			it := r.Fields()
			sep := ""
			for it.Next() {
				f := it.Field()
				if a, ok := f.Addr(); ok && f.Type.DataType() == netflow.DataIPv4Address {
					fmt.Printf("%s%s=%v", sep, f.Name(), a)
				} else if v, ok := f.Uint(); ok {
					fmt.Printf("%s%s=%d", sep, f.Name(), v)
				}
				sep = " "
			}
			fmt.Println()
		}
	}
	if err := p.Err(); err != nil {
		panic(err)
	}
	// Output:
	// template 256 with 2 fields
	// sourceIPv4Address=10.0.0.1 octetDeltaCount=1500
	// sourceIPv4Address=10.0.0.2 octetDeltaCount=64
}

func ExampleV9Builder() {
	// Split records into packets of at most 100 bytes.
	var packets [][]byte
	seq := uint32(0)
	b := netflow.NewV9Builder(nil, netflow.V9Header{Sequence: seq}, 100)
	for i := 0; i < 10; i++ {
		rec := []byte{10, 0, 0, byte(i), 0, 0, 0, 1}
		if err := b.AddRecord(256, rec); err != nil { // ErrLimit: packet full
			packets = append(packets, b.Finish())
			seq++ // RFC 3954: one more per packet
			b = netflow.NewV9Builder(nil, netflow.V9Header{Sequence: seq}, 100)
			b.AddRecord(256, rec)
		}
	}
	packets = append(packets, b.Finish())
	for _, p := range packets {
		fmt.Println(len(p), "bytes")
	}
	// Output:
	// 96 bytes
	// 32 bytes
}

func ExampleV9Parser_StartFlowSet() {
	from := netip.MustParseAddrPort("192.0.2.1:2055")
	fields := []netflow.TemplateField{{Type: netflow.FieldPacketDeltaCount, Length: 4}}
	// The data arrives before its template.
	b := netflow.NewV9Builder(nil, netflow.V9Header{SourceID: 1}, 0)
	b.AddRecord(256, []byte{0, 0, 0, 42})
	data := b.Finish()
	b = netflow.NewV9Builder(nil, netflow.V9Header{SourceID: 1}, 0)
	b.AddTemplate(256, fields)
	tpl := b.Finish()

	s := netflow.NewSession(nil)
	var p netflow.V9Parser
	hdr, _ := p.Start(s, from, data)
	var kept []byte
	for p.Next() {
		if p.Kind() == netflow.V9UnknownTemplate {
			fmt.Println(p.FlowSet().Err())
			kept = append(kept, p.FlowSet().Bytes...) // copy: the packet buffer is reused
		}
	}
	fmt.Println("unknown:", s.Stats().UnknownTemplate)

	p.Start(s, from, tpl)
	for p.Next() {
	}
	if err := p.StartFlowSet(s, from, hdr, kept); err != nil {
		panic(err)
	}
	for p.Next() {
		n, _ := p.Record().Uint(netflow.FieldPacketDeltaCount)
		fmt.Println("packets:", n)
	}
	// Output:
	// netflow: v9 data flowset at offset 20: template 256 not defined (netflow: unknown template)
	// unknown: 1
	// packets: 42
}
