package sflow

import (
	"encoding/binary"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/packet"
)

// walkTyped walks a datagram decoding every record with its typed
// accessor and every Ethernet sampled header to its flow key, without
// boxing: the zero-allocation path.
func walkTyped(d *Decoder, b []byte, p *packet.Parsed) (records int, err error) {
	if _, err := d.Start(b); err != nil {
		return 0, err
	}
	for d.NextSample() {
		if d.SampleFormat() == FormatFlowSample {
			sinkFlowSample = d.FlowSample()
		}
		for d.NextRecord() {
			records++
			r := d.Record()
			if !r.Counter && r.Format == FormatSampledHeader {
				h := d.SampledHeader()
				if h.Protocol == HeaderEthernet {
					p.Decode(h.Header)
				}
				continue
			}
			touchRecord(d)
		}
	}
	return records, d.Err()
}

var sinkFlowSample FlowSample

// checkBounded runs the walk on b and checks that it fails with want,
// quickly, allocating only a few small error values.
func checkBounded(t *testing.T, name string, b []byte, want error) {
	t.Helper()
	var d Decoder
	var p packet.Parsed
	start := time.Now()
	_, err := walkTyped(&d, b, &p)
	if !errors.Is(err, want) {
		t.Fatalf("%s: err = %v, want %v", name, err, want)
	}
	t.Logf("%s: %v (%v)", name, err, time.Since(start))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 100 {
		walkTyped(&d, b, &p)
	}
	runtime.ReadMemStats(&after)
	perRun := (after.TotalAlloc - before.TotalAlloc) / 100
	if perRun > uint64(len(b))+512 {
		t.Errorf("%s: %d bytes allocated per decode of a %d-byte datagram", name, perRun, len(b))
	}
}

func TestHostile(t *testing.T) {
	// An expanded flow sample claiming 2^32-1 records.
	b := NewBuilder(nil, Header{Agent: agent4})
	b.StartExpandedFlowSample(FlowSample{Sequence: 1})
	b.AddExtendedSwitch(ExtendedSwitch{SrcVLAN: 1})
	b.EndSample()
	dg, _ := b.Finish()
	nrecOff := 28 + 8 + 40 // header, sample format+length, 10 words
	binary.BigEndian.PutUint32(dg[nrecOff:], 1<<32-1)
	checkBounded(t, "flow sample with 2^32-1 records", dg, ErrTruncated)

	// A counter sample claiming 10^6 records.
	b = NewBuilder(nil, Header{Agent: agent4})
	b.StartCounterSample(CounterSample{Sequence: 1})
	b.AddOVSDatapath(OVSDatapath{Hit: 1})
	b.EndSample()
	dg, _ = b.Finish()
	binary.BigEndian.PutUint32(dg[28+8+8:], 1000000)
	checkBounded(t, "counter sample with 10^6 records", dg, ErrTruncated)

	// A gateway record whose AS path claims 2^32-1 segments.
	b = NewBuilder(nil, Header{Agent: agent4})
	b.StartFlowSample(FlowSample{Sequence: 1})
	b.AddExtendedGateway(ExtendedGateway{NextHop: agent4, ASPath: ASPath{}.Append(ASPathSequence, 1, 2)})
	b.EndSample()
	dg, _ = b.Finish()
	pathOff := 28 + 8 + 32 + 8 + 8 + 12 // header, sample hdr, flow fields, record hdr, next hop, 3 AS words
	if binary.BigEndian.Uint32(dg[pathOff:]) != 1 {
		t.Fatalf("AS path count not at %d", pathOff)
	}
	binary.BigEndian.PutUint32(dg[pathOff:], 1<<32-1)
	checkBounded(t, "gateway AS path count 2^32-1", dg, ErrTruncated)
	// ... and a segment claiming 2^32-1 AS numbers.
	binary.BigEndian.PutUint32(dg[pathOff:], 1)
	binary.BigEndian.PutUint32(dg[pathOff+8:], 1<<32-1)
	checkBounded(t, "gateway AS segment with 2^32-1 ASNs", dg, ErrTruncated)

	// A record whose length runs past the end of its sample.
	b = NewBuilder(nil, Header{Agent: agent4})
	b.StartFlowSample(FlowSample{Sequence: 1})
	b.AddExtendedSwitch(ExtendedSwitch{SrcVLAN: 1})
	b.EndSample()
	b.StartCounterSample(CounterSample{Sequence: 2})
	b.AddOVSDatapath(OVSDatapath{Hit: 1})
	b.EndSample()
	dg, _ = b.Finish()
	recLenOff := 28 + 8 + 32 + 4
	binary.BigEndian.PutUint32(dg[recLenOff:], 200) // the next sample lies beyond, but not inside this one
	checkBounded(t, "record length past sample end", dg, ErrTruncated)

	// A sample length of 2^32-1.
	binary.BigEndian.PutUint32(dg[recLenOff:], 16)
	binary.BigEndian.PutUint32(dg[28+4:], 1<<32-1)
	checkBounded(t, "sample length 2^32-1", dg, ErrTruncated)

	// A datagram claiming 2^32-1 samples.
	binary.BigEndian.PutUint32(dg[28+4:], 56)
	binary.BigEndian.PutUint32(dg[24:], 1<<32-1)
	checkBounded(t, "2^32-1 samples", dg, ErrTruncated)
}

func TestRecordPastSampleEndMessage(t *testing.T) {
	b := NewBuilder(nil, Header{Agent: agent4})
	b.StartFlowSample(FlowSample{Sequence: 1})
	b.AddExtendedSwitch(ExtendedSwitch{SrcVLAN: 1})
	b.EndSample()
	dg, _ := b.Finish()
	binary.BigEndian.PutUint32(dg[28+8+32+4:], 17)
	var d Decoder
	var p packet.Parsed
	_, err := walkTyped(&d, dg, &p)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Field != "sflow: record data" || pe.Offset != 28+8+32+8 {
		t.Errorf("err = %#v, want a ParseError on the record data at offset 76", err)
	}
}
