package sflow

import "github.com/ovsflow/ovsflow/internal/wire"

// DefaultMaxDatagramSize is the datagram size limit of Open vSwitch's sFlow
// agent (SFL_DEFAULT_DATAGRAM_SIZE), the Builder's default.
const DefaultMaxDatagramSize = 1400

// Builder encodes sFlow v5 datagrams into a caller-owned buffer, splitting
// samples over datagrams the way Open vSwitch does:
//
//	b := sflow.NewBuilder(buf[:0], sflow.Header{Agent: agent, Sequence: 1})
//	b.StartFlowSample(sflow.FlowSample{...})
//	b.AddExtendedSwitch(sflow.ExtendedSwitch{...})
//	b.AddSampledHeader(sflow.SampledHeader{...})
//	if full, err := b.EndSample(); full != nil {
//		send(full) // before the next call to b
//	}
//	...
//	if last, _ := b.Flush(); last != nil {
//		send(last)
//	}
//
// With a maximum size m (default [DefaultMaxDatagramSize]), EndSample
// drops a sample larger than m/2 bytes with an error wrapping [ErrLimit],
// and when the pending datagram's length plus the sample's reaches m, it
// returns the pending datagram (without the new sample) for sending; the
// new sample starts the next datagram, whose sequence number is one more.
// Datagrams returned alias the Builder's buffer and stay valid until the
// next call on the Builder.
//
// Misuse (a record outside a sample, a flow record in a counter sample, a
// value that does not fit the compact encoding) records a sticky error
// returned by EndSample, Flush and Finish. Encoding does not allocate
// once the buffer has room for two maximum-size datagrams.
type Builder struct {
	buf       []byte
	start     int // offset of the current datagram in buf
	hdr       Header
	nSamples  uint32
	max       int
	inSample  bool
	counter   bool
	sampleOff int
	nrecOff   int
	nRecs     uint32
	sent      bool // the datagram at start was handed out
	carry     [2]int
	err       error
}

// NewBuilder returns a Builder appending datagrams to dst, the first one
// with header h (h.NumSamples is ignored).
func NewBuilder(dst []byte, h Header) Builder {
	b := Builder{buf: dst, start: len(dst), hdr: h, max: DefaultMaxDatagramSize}
	b.writeHeader()
	return b
}

// SetMaxSize sets the maximum datagram size; 0 disables splitting.
func (b *Builder) SetMaxSize(n int) { b.max = n }

// Sequence returns the sequence number of the datagram being built.
func (b *Builder) Sequence() uint32 { return b.hdr.Sequence }

// SetUptime sets the uptime of the datagram being built and of later ones.
func (b *Builder) SetUptime(ms uint32) {
	b.settle()
	b.hdr.Uptime = ms
	wire.PutUint32(b.buf, b.start+b.hdr.Size()-8, ms)
}

// Err returns the sticky error, if any.
func (b *Builder) Err() error { return b.err }

func (b *Builder) fail(field string, err error) {
	if b.err == nil {
		b.err = &ParseError{Offset: len(b.buf) - b.start, Field: field, Err: err}
	}
}

func (b *Builder) writeHeader() {
	b.buf = b.buf[:b.start]
	b.buf = wire.AppendUint32(b.buf, Version)
	b.buf = appendAddress(b.buf, b.hdr.Agent)
	b.buf = wire.AppendUint32(b.buf, b.hdr.SubAgentID)
	b.buf = wire.AppendUint32(b.buf, b.hdr.Sequence)
	b.buf = wire.AppendUint32(b.buf, b.hdr.Uptime)
	b.buf = wire.AppendUint32(b.buf, 0)
	b.nSamples = 0
}

// settle starts the next datagram after one was handed out, moving a
// carried sample into it.
func (b *Builder) settle() {
	if b.sent {
		b.next()
	}
}

// next is settle's slow path (kept apart so that settle inlines).
func (b *Builder) next() {
	b.sent = false
	b.hdr.Sequence++
	cs, ce := b.carry[0], b.carry[1]
	b.carry = [2]int{}
	b.writeHeader()
	if ce > cs {
		// The carried sample lies after the new header; append copies
		// it down with memmove semantics.
		b.buf = append(b.buf, b.buf[cs:ce]...)
		b.nSamples = 1
	}
}

func (b *Builder) startSample(f Format, counter bool) bool {
	b.settle()
	if b.inSample {
		b.fail("sflow: sample", &wire.Detail{Msg: "sample started before EndSample", Err: ErrMalformed})
		return false
	}
	b.inSample, b.counter = true, counter
	b.sampleOff = len(b.buf)
	b.nRecs = 0
	buf := wire.AppendUint32(b.buf, uint32(f))
	b.buf = wire.AppendUint32(buf, 0) // length, patched by EndSample
	return true
}

// StartFlowSample begins a compact flow sample (0:1). The source must fit
// 8+24 bits and the interfaces 2+30 bits.
func (b *Builder) StartFlowSample(s FlowSample) {
	src, ok1 := s.Source.Compact()
	in, ok2 := s.Input.Compact()
	out, ok3 := s.Output.Compact()
	if !ok1 || !ok2 || !ok3 {
		b.fail("sflow: flow sample", &wire.Detail{Msg: "source or interface does not fit the compact form", Err: ErrMalformed})
		return
	}
	if !b.startSample(FormatFlowSample, false) {
		return
	}
	buf := wire.AppendUint32(b.buf, s.Sequence)
	buf = wire.AppendUint32(buf, src)
	buf = wire.AppendUint32(buf, s.SamplingRate)
	buf = wire.AppendUint32(buf, s.SamplePool)
	buf = wire.AppendUint32(buf, s.Drops)
	buf = wire.AppendUint32(buf, in)
	buf = wire.AppendUint32(buf, out)
	b.nrecOff = len(buf)
	b.buf = wire.AppendUint32(buf, 0)
}

// StartExpandedFlowSample begins an expanded flow sample (0:3).
func (b *Builder) StartExpandedFlowSample(s FlowSample) {
	if !b.startSample(FormatExpandedFlowSample, false) {
		return
	}
	b.buf = wire.AppendUint32(b.buf, s.Sequence)
	b.buf = wire.AppendUint32(b.buf, uint32(s.Source.Class))
	b.buf = wire.AppendUint32(b.buf, s.Source.Index)
	b.buf = wire.AppendUint32(b.buf, s.SamplingRate)
	b.buf = wire.AppendUint32(b.buf, s.SamplePool)
	b.buf = wire.AppendUint32(b.buf, s.Drops)
	b.buf = wire.AppendUint32(b.buf, uint32(s.Input.Format))
	b.buf = wire.AppendUint32(b.buf, s.Input.Value)
	b.buf = wire.AppendUint32(b.buf, uint32(s.Output.Format))
	b.buf = wire.AppendUint32(b.buf, s.Output.Value)
	b.nrecOff = len(b.buf)
	b.buf = wire.AppendUint32(b.buf, 0)
}

// StartCounterSample begins a compact counter sample (0:2).
func (b *Builder) StartCounterSample(s CounterSample) {
	src, ok := s.Source.Compact()
	if !ok {
		b.fail("sflow: counter sample", &wire.Detail{Msg: "source does not fit the compact form", Err: ErrMalformed})
		return
	}
	if !b.startSample(FormatCounterSample, true) {
		return
	}
	b.buf = wire.AppendUint32(b.buf, s.Sequence)
	b.buf = wire.AppendUint32(b.buf, src)
	b.nrecOff = len(b.buf)
	b.buf = wire.AppendUint32(b.buf, 0)
}

// StartExpandedCounterSample begins an expanded counter sample (0:4).
func (b *Builder) StartExpandedCounterSample(s CounterSample) {
	if !b.startSample(FormatExpandedCounterSample, true) {
		return
	}
	b.buf = wire.AppendUint32(b.buf, s.Sequence)
	b.buf = wire.AppendUint32(b.buf, uint32(s.Source.Class))
	b.buf = wire.AppendUint32(b.buf, s.Source.Index)
	b.nrecOff = len(b.buf)
	b.buf = wire.AppendUint32(b.buf, 0)
}

// StartDiscardedPacket begins a discarded-packet sample (0:5); its records
// are flow records.
func (b *Builder) StartDiscardedPacket(s DiscardedPacket) {
	if !b.startSample(FormatDiscardedPacket, false) {
		return
	}
	b.buf = wire.AppendUint32(b.buf, s.Sequence)
	b.buf = wire.AppendUint32(b.buf, uint32(s.Source.Class))
	b.buf = wire.AppendUint32(b.buf, s.Source.Index)
	b.buf = wire.AppendUint32(b.buf, s.Drops)
	b.buf = wire.AppendUint32(b.buf, s.Input)
	b.buf = wire.AppendUint32(b.buf, s.Output)
	b.buf = wire.AppendUint32(b.buf, uint32(s.Reason))
	b.nrecOff = len(b.buf)
	b.buf = wire.AppendUint32(b.buf, 0)
}

// AddRawSample appends a complete sample of any format with the given
// data (padded to 4 bytes), for example one copied from a decoded
// datagram. It ends like [Builder.EndSample].
func (b *Builder) AddRawSample(f Format, data []byte) ([]byte, error) {
	if !b.startSample(f, false) {
		return nil, b.err
	}
	b.buf = append(b.buf, data...)
	b.buf = wire.AppendPad4(b.buf, len(data))
	b.nrecOff = -1
	wire.PutUint32(b.buf, b.sampleOff+4, uint32(len(data)))
	return b.endSample(true)
}

// startRecord writes a record header for a record of size bytes.
func (b *Builder) startRecord(f Format, counter bool, size int) bool {
	if !b.inSample || b.nrecOff < 0 {
		b.fail("sflow: record", &wire.Detail{Msg: "record outside a sample", Err: ErrMalformed})
		return false
	}
	if counter != b.counter {
		b.fail("sflow: record", &wire.Detail{Msg: "flow record in a counter sample or counter record in a flow sample", Err: ErrMalformed})
		return false
	}
	b.nRecs++
	buf := wire.AppendUint32(b.buf, uint32(f))
	b.buf = wire.AppendUint32(buf, uint32(size))
	return true
}

// AddRecord appends a record of any format with raw data (padded to 4
// bytes), for formats this package does not model. counter must say
// whether the current sample is a counter sample.
func (b *Builder) AddRecord(f Format, counter bool, data []byte) {
	if !b.startRecord(f, counter, len(data)) {
		return
	}
	b.buf = append(b.buf, data...)
	b.buf = wire.AppendPad4(b.buf, len(data))
}

// EndSample finishes the current sample. If the pending datagram must be
// sent first (see [Builder]), it returns that datagram; send it before the
// next call on b. A sample larger than half the maximum datagram size is
// dropped and reported with an error wrapping [ErrLimit]; later samples
// are unaffected.
func (b *Builder) EndSample() ([]byte, error) {
	if b.err != nil {
		return nil, b.err
	}
	if !b.inSample {
		b.fail("sflow: sample", &wire.Detail{Msg: "EndSample without a sample", Err: ErrMalformed})
		return nil, b.err
	}
	return b.endSample(false)
}

func (b *Builder) endSample(raw bool) ([]byte, error) {
	b.inSample = false
	size := len(b.buf) - b.sampleOff
	if !raw {
		wire.PutUint32(b.buf, b.sampleOff+4, uint32(size-8))
		wire.PutUint32(b.buf, b.nrecOff, b.nRecs)
	}
	if b.max > 0 && size > b.max/2 {
		b.buf = b.buf[:b.sampleOff]
		return nil, &ParseError{Offset: b.sampleOff - b.start, Field: "sflow: sample",
			Err: wire.Detailf("sample of", int64(size), "bytes exceeds half the maximum datagram size", ErrLimit)}
	}
	if b.max > 0 && b.nSamples > 0 && b.sampleOff-b.start+size >= b.max {
		out := b.seal(b.sampleOff)
		b.carry = [2]int{b.sampleOff, len(b.buf)}
		return out, nil
	}
	b.nSamples++
	return nil, nil
}

// seal patches the sample count and hands out the datagram up to end.
func (b *Builder) seal(end int) []byte {
	wire.PutUint32(b.buf, b.start+b.hdr.Size()-4, b.nSamples)
	b.sent = true
	return b.buf[b.start:end:end]
}

// Flush returns the pending datagram if it holds samples (nil otherwise,
// as Open vSwitch sends nothing then); the next sample goes into a new
// datagram with the next sequence number. It fails if a sample is open.
func (b *Builder) Flush() ([]byte, error) {
	b.settle()
	if b.err != nil {
		return nil, b.err
	}
	if b.inSample {
		b.fail("sflow: sample", &wire.Detail{Msg: "Flush inside a sample", Err: ErrMalformed})
		return nil, b.err
	}
	if b.nSamples == 0 {
		return nil, nil
	}
	return b.seal(len(b.buf)), nil
}

// Finish is Flush that returns the datagram even when it holds no samples.
func (b *Builder) Finish() ([]byte, error) {
	b.settle()
	if b.err != nil {
		return nil, b.err
	}
	if b.inSample {
		b.fail("sflow: sample", &wire.Detail{Msg: "Finish inside a sample", Err: ErrMalformed})
		return nil, b.err
	}
	return b.seal(len(b.buf)), nil
}
