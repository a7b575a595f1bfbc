// Package sflow compares ovsflow's sflow decoder with goflow2, cloudflare's
// goflow and gopacket on one datagram: 5 flow samples, each with a 128-byte
// sampled Ethernet/IPv4/TCP header, an extended switch and an extended
// router record, plus one counter sample (generic interface and ethernet
// counters).
//
// What each library does with the datagram, as it comes:
//   - ovsflow: walks every sample and record with sflow.Decoder, decodes each
//     sample header and each record with its typed accessor and parses every sampled header to its
//     flow key with internal/packet (MACs, VLAN, addresses, ports, flags).
//   - goflow2 v2 and goflow v3: decode every sample and record into their
//     structs; the sampled header stays raw bytes.
//   - gopacket: SFlowDatagram.DecodeFromBytes, which also decodes each
//     sampled header into a gopacket.Packet.
package sflow

import (
	"bytes"
	"net/netip"
	"testing"

	goflow "github.com/cloudflare/goflow/v3/decoders/sflow"
	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
	goflow2 "github.com/netsampler/goflow2/v2/decoders/sflow"

	"github.com/ovsflow/ovsflow/internal/packet"
	"github.com/ovsflow/ovsflow/sflow"
)

var agent = netip.MustParseAddr("192.0.2.10")

func datagram(tb testing.TB) []byte {
	tb.Helper()
	frame := make([]byte, 128)
	copy(frame, []byte{
		0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, 0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, 0x08, 0x00, // Ethernet
		0x45, 0x00, 0x05, 0xdc, 0x00, 0x01, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00, // IPv4, TCP
		192, 0, 2, 1, 198, 51, 100, 2,
		0x30, 0x39, 0x01, 0xbb, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0, // TCP PSH ACK
	})
	b := sflow.NewBuilder(nil, sflow.Header{Agent: agent, Sequence: 1, Uptime: 5000})
	b.SetMaxSize(0)
	for i := range uint32(5) {
		b.StartFlowSample(sflow.FlowSample{Sequence: i + 1, Source: sflow.DataSource{Index: 3}, SamplingRate: 512,
			SamplePool: 512 * (i + 1), Input: sflow.Interface{Value: 3}, Output: sflow.Interface{Value: 4}})
		b.AddSampledHeader(sflow.SampledHeader{Protocol: sflow.HeaderEthernet, FrameLength: 1518, Stripped: 4, Header: frame})
		b.AddExtendedSwitch(sflow.ExtendedSwitch{SrcVLAN: 10, DstVLAN: 20})
		b.AddExtendedRouter(sflow.ExtendedRouter{NextHop: agent, SrcMaskLen: 24, DstMaskLen: 16})
		if _, err := b.EndSample(); err != nil {
			tb.Fatal(err)
		}
	}
	b.StartCounterSample(sflow.CounterSample{Sequence: 1, Source: sflow.DataSource{Index: 3}})
	b.AddGenericInterface(sflow.GenericInterface{IfIndex: 3, IfType: 6, IfSpeed: 1e9, IfDirection: 1, IfStatus: 3, InOctets: 1 << 40})
	b.AddEthernetCounters(sflow.EthernetCounters{FCSErrors: 2})
	if _, err := b.EndSample(); err != nil {
		tb.Fatal(err)
	}
	out, err := b.Finish()
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// summary is what the ovsflow walk extracts, checked once so the benchmark
// cannot pass by doing nothing.
type summary struct {
	flows, counters int
	ports           uint32
	vlans, masks    uint32
	octets          uint64
	inputs          uint32
}

func decodeOvsflow(d *sflow.Decoder, p *packet.Parsed, dg []byte) (s summary, err error) {
	if _, err := d.Start(dg); err != nil {
		return s, err
	}
	for d.NextSample() {
		if d.SampleFormat() == sflow.FormatFlowSample {
			s.inputs += d.FlowSample().Input.Value
		}
		for d.NextRecord() {
			f, counter := d.RecordFormat()
			if counter {
				switch f {
				case sflow.FormatGenericInterface:
					s.octets += d.GenericInterface().InOctets
					s.counters++
				case sflow.FormatEthernetCounters:
					s.counters += int(d.EthernetCounters().FCSErrors)
				}
				continue
			}
			switch f {
			case sflow.FormatSampledHeader:
				p.Decode(d.SampledHeader().Header)
				s.ports += uint32(p.SrcPort) + uint32(p.DstPort)
				s.flows++
			case sflow.FormatExtendedSwitch:
				s.vlans += d.ExtendedSwitch().DstVLAN
			case sflow.FormatExtendedRouter:
				s.masks += d.ExtendedRouter().DstMaskLen
			}
		}
	}
	return s, d.Err()
}

func TestSameDatagram(t *testing.T) {
	dg := datagram(t)
	var d sflow.Decoder
	var p packet.Parsed
	s, err := decodeOvsflow(&d, &p, dg)
	want := summary{flows: 5, counters: 3, ports: 5 * (12345 + 443), vlans: 100, masks: 80, octets: 1 << 40, inputs: 15}
	if err != nil || s != want {
		t.Fatalf("ovsflow: %+v, %v; want %+v", s, err, want)
	}
	var g2 goflow2.Packet
	if err := goflow2.DecodeMessageVersion(bytes.NewBuffer(dg), &g2); err != nil || len(g2.Samples) != 6 {
		t.Fatalf("goflow2: %d samples, %v", len(g2.Samples), err)
	}
	g, err := goflow.DecodeMessage(bytes.NewBuffer(dg))
	if err != nil || len(g.(goflow.Packet).Samples) != 6 {
		t.Fatalf("goflow: %v", err)
	}
	var gp layers.SFlowDatagram
	if err := gp.DecodeFromBytes(dg, gopacket.NilDecodeFeedback); err != nil || len(gp.FlowSamples) != 5 || len(gp.CounterSamples) != 1 {
		t.Fatalf("gopacket: %d flow samples, %v", len(gp.FlowSamples), err)
	}
}

func BenchmarkSFlowDecode(b *testing.B) {
	dg := datagram(b)
	b.Run("lib=ovsflow", func(b *testing.B) {
		var d sflow.Decoder
		var p packet.Parsed
		b.ReportAllocs()
		b.SetBytes(int64(len(dg)))
		for b.Loop() {
			if _, err := decodeOvsflow(&d, &p, dg); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lib=goflow2", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(dg)))
		for b.Loop() {
			var pkt goflow2.Packet
			if err := goflow2.DecodeMessageVersion(bytes.NewBuffer(dg), &pkt); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lib=goflow", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(dg)))
		for b.Loop() {
			if _, err := goflow.DecodeMessage(bytes.NewBuffer(dg)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lib=gopacket", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(dg)))
		for b.Loop() {
			var d layers.SFlowDatagram
			if err := d.DecodeFromBytes(dg, gopacket.NilDecodeFeedback); err != nil {
				b.Fatal(err)
			}
		}
	})
}
