package sflow

import (
	"bytes"
	"errors"
	"testing"
)

// ovsFlowSample appends an OVS-shaped flow sample: [extended switch,
// sampled header of hlen bytes]; its size is 88 + hlen rounded up to 4.
func ovsFlowSample(b *Builder, seq uint32, hlen int) ([]byte, error) {
	b.StartFlowSample(FlowSample{Sequence: seq, Source: DataSource{SourcePhysicalEntity, 1000}, SamplingRate: 1, SamplePool: seq,
		Input: Interface{Value: 1}, Output: Interface{Value: 2}})
	b.AddExtendedSwitch(ExtendedSwitch{})
	b.AddSampledHeader(SampledHeader{Protocol: HeaderEthernet, FrameLength: uint32(hlen + 4), Stripped: 4, Header: bytes.Repeat([]byte{byte(seq)}, hlen)})
	return b.EndSample()
}

func TestSplitLikeOVS(t *testing.T) {
	var sent [][]byte
	b := NewBuilder(make([]byte, 0, 4096), Header{Agent: agent4, Sequence: 1})
	for seq := uint32(1); seq <= 20; seq++ {
		out, err := ovsFlowSample(&b, seq, 128) // 216-byte samples
		if err != nil {
			t.Fatal(err)
		}
		if out != nil {
			sent = append(sent, bytes.Clone(out))
		}
	}
	if out, _ := b.Flush(); out != nil {
		sent = append(sent, bytes.Clone(out))
	}
	if out, _ := b.Flush(); out != nil {
		t.Errorf("second Flush returned %d bytes, want nil", len(out))
	}
	// 28 + 6*216 = 1324; a 7th sample would reach 1540 >= 1400.
	wantCounts := []uint32{6, 6, 6, 2}
	if len(sent) != len(wantCounts) {
		t.Fatalf("sent %d datagrams, want %d", len(sent), len(wantCounts))
	}
	next := uint32(1)
	for i, dg := range sent {
		w, err := walk(dg)
		if err != nil {
			t.Fatalf("datagram %d: %v", i, err)
		}
		if w.Header.Sequence != uint32(i+1) || w.Header.NumSamples != wantCounts[i] || len(dg) > DefaultMaxDatagramSize {
			t.Errorf("datagram %d: seq %d, %d samples, %d bytes", i, w.Header.Sequence, w.Header.NumSamples, len(dg))
		}
		for _, s := range w.Samples {
			if s.Sample.Sequence != next {
				t.Errorf("datagram %d: sample %d, want %d", i, s.Sample.Sequence, next)
			}
			h := s.Records[1].Value.(SampledHeader)
			if len(h.Header) != 128 || h.Header[0] != byte(next) {
				t.Errorf("sample %d: header corrupted after the move", next)
			}
			next++
		}
	}
}

func TestSplitBoundary(t *testing.T) {
	// Samples of 684 and 688 bytes: 28 + 684 + 688 == 1400 flushes first (>=).
	b := NewBuilder(nil, Header{Agent: agent4})
	if out, err := ovsFlowSample(&b, 1, 596); out != nil || err != nil {
		t.Fatalf("first sample: %d bytes, %v", len(out), err)
	}
	out, err := ovsFlowSample(&b, 2, 600)
	if err != nil || len(out) != 28+684 {
		t.Fatalf("second sample of 688 bytes: flushed %d bytes, err %v; want 712", len(out), err)
	}
	if out, _ := b.Flush(); len(out) != 28+688 {
		t.Errorf("Flush = %d bytes, want 716", len(out))
	}
	// Two 684-byte samples: 28 + 684 + 684 = 1396 < 1400 stay together.
	b = NewBuilder(nil, Header{Agent: agent4})
	ovsFlowSample(&b, 1, 596)
	if out, err := ovsFlowSample(&b, 2, 596); out != nil || err != nil {
		t.Fatalf("684-byte samples: flushed %d bytes, %v", len(out), err)
	}
	if out, _ := b.Flush(); len(out) != 1396 {
		t.Errorf("Flush = %d bytes, want 1396", len(out))
	}
}

func TestSampleTooBig(t *testing.T) {
	b := NewBuilder(nil, Header{Agent: agent4, Sequence: 9})
	ovsFlowSample(&b, 1, 100)
	// 88 + 616 = 704 > 700: dropped.
	if _, err := ovsFlowSample(&b, 2, 613); !errors.Is(err, ErrLimit) {
		t.Fatalf("704-byte sample: err = %v, want ErrLimit", err)
	}
	// Exactly 700 is kept.
	if _, err := ovsFlowSample(&b, 3, 612); err != nil {
		t.Fatalf("700-byte sample: %v", err)
	}
	out, err := b.Flush()
	if err != nil {
		t.Fatal(err)
	}
	w, err := walk(out)
	if err != nil || len(w.Samples) != 2 || w.Samples[1].Sample.Sequence != 3 || w.Header.Sequence != 9 {
		t.Fatalf("after a dropped sample: %+v, %v", w.Header, err)
	}
}

func TestBuilderMisuse(t *testing.T) {
	b := NewBuilder(nil, Header{})
	b.AddExtendedSwitch(ExtendedSwitch{})
	if _, err := b.Finish(); !errors.Is(err, ErrMalformed) {
		t.Errorf("record outside a sample: %v", err)
	}
	b = NewBuilder(nil, Header{})
	b.StartCounterSample(CounterSample{})
	b.AddExtendedSwitch(ExtendedSwitch{})
	if _, err := b.EndSample(); !errors.Is(err, ErrMalformed) {
		t.Errorf("flow record in a counter sample: %v", err)
	}
	b = NewBuilder(nil, Header{})
	b.StartFlowSample(FlowSample{Source: DataSource{Index: 1 << 24}})
	if _, err := b.EndSample(); !errors.Is(err, ErrMalformed) {
		t.Errorf("compact source too large: %v", err)
	}
	b = NewBuilder(nil, Header{})
	b.StartFlowSample(FlowSample{})
	if _, err := b.Flush(); !errors.Is(err, ErrMalformed) {
		t.Errorf("Flush inside a sample: %v", err)
	}
}

func TestHeaderSizes(t *testing.T) {
	for _, h := range []Header{{}, {Agent: agent4}, {Agent: ipv6Agent}} {
		b := NewBuilder(nil, h)
		out, _ := b.Finish()
		if len(out) != h.Size() {
			t.Errorf("header with agent %v: %d bytes, want %d", h.Agent, len(out), h.Size())
		}
		got, err := walk(out)
		if err != nil || got.Header != h {
			t.Errorf("header round trip: %+v, %v", got.Header, err)
		}
	}
}
