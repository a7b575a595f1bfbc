package sflow

import (
	"encoding/binary"
	"net/netip"

	"github.com/ovsflow/ovsflow/internal/wire"
)

// Version is the sFlow version this package decodes and encodes.
const Version = 5

// Header is the header of an sFlow v5 datagram.
type Header struct {
	// Agent is the agent address: IPv4 (address type 1), IPv6 (type 2),
	// or the zero Addr (type 0, unknown).
	Agent netip.Addr
	// SubAgentID distinguishes the sub-agents of one agent.
	SubAgentID uint32
	// Sequence is the datagram sequence number.
	Sequence uint32
	// Uptime is the agent's uptime in milliseconds.
	Uptime uint32
	// NumSamples is the number of samples (set by the decoder; the
	// [Builder] computes it).
	NumSamples uint32
}

// Size returns the encoded size of the header: 28 bytes with an IPv4
// agent, 40 with IPv6, 24 with none.
func (h Header) Size() int { return 20 + addressSize(h.Agent) }

// Sample is a decoded sample header. Which fields are set depends on
// Format: flow samples (0:1, 0:3) fill everything but Reason; counter
// samples (0:2, 0:4) fill Sequence, Source and NumRecords; discarded
// packets (0:5) fill Sequence, Source, Drops, Input and Output (as
// [InterfaceSingle] ifIndexes), Reason and NumRecords. A sample of an
// unknown format has only Format, Offset and Data.
type Sample struct {
	Format Format
	// Offset is the offset of the sample data in the datagram and Data
	// the sample data (after its format and length words), aliasing the
	// datagram.
	Offset int
	Data   []byte

	Sequence     uint32
	Source       DataSource
	SamplingRate uint32
	SamplePool   uint32
	Drops        uint32
	Input        Interface
	Output       Interface
	Reason       DiscardReason
	NumRecords   uint32
}

// IsFlow reports whether the sample is a flow sample (compact or expanded).
func (s *Sample) IsFlow() bool {
	return s.Format == FormatFlowSample || s.Format == FormatExpandedFlowSample
}

// IsCounter reports whether the sample is a counter sample (compact or
// expanded).
func (s *Sample) IsCounter() bool {
	return s.Format == FormatCounterSample || s.Format == FormatExpandedCounterSample
}

// HasRecords reports whether the sample carries records (flow, counter or
// discarded-packet samples): its records hold flow records unless
// IsCounter.
func (s *Sample) HasRecords() bool {
	return s.Format >= FormatFlowSample && s.Format <= FormatDiscardedPacket
}

// FlowSample returns the fields of a flow sample.
func (s *Sample) FlowSample() FlowSample {
	return FlowSample{Sequence: s.Sequence, Source: s.Source, SamplingRate: s.SamplingRate,
		SamplePool: s.SamplePool, Drops: s.Drops, Input: s.Input, Output: s.Output}
}

// CounterSample returns the fields of a counter sample.
func (s *Sample) CounterSample() CounterSample {
	return CounterSample{Sequence: s.Sequence, Source: s.Source}
}

// DiscardedPacket returns the fields of a discarded-packet sample.
func (s *Sample) DiscardedPacket() DiscardedPacket {
	return DiscardedPacket{Sequence: s.Sequence, Source: s.Source, Drops: s.Drops,
		Input: s.Input.Value, Output: s.Output.Value, Reason: s.Reason}
}

// FlowSample holds the fields of a flow sample (0:1 or expanded 0:3).
type FlowSample struct {
	Sequence     uint32
	Source       DataSource
	SamplingRate uint32
	SamplePool   uint32
	Drops        uint32
	Input        Interface
	Output       Interface
}

// CounterSample holds the fields of a counter sample (0:2 or expanded 0:4).
type CounterSample struct {
	Sequence uint32
	Source   DataSource
}

// DiscardedPacket holds the fields of a discarded-packet sample (0:5).
// Input and Output are ifIndexes (0 unknown).
type DiscardedPacket struct {
	Sequence uint32
	Source   DataSource
	Drops    uint32
	Input    uint32
	Output   uint32
	Reason   DiscardReason
}

// Record is one flow or counter record, its data aliasing the datagram.
// Decode it with the method named after its type ([Record.SampledHeader],
// [Record.GenericInterface], …); a record of a format this package does
// not know is still returned, for its raw Data.
type Record struct {
	Format Format
	// Counter reports that the record belongs to a counter sample (the
	// same format number means different records in flow and counter
	// samples).
	Counter bool
	// Offset is the offset of Data in the datagram.
	Offset int
	// Data is the record data (after its format and length words).
	Data []byte
}

// Name returns the record's short name, or "" for an unknown format.
func (r Record) Name() string {
	if r.Counter {
		return CounterRecordName(r.Format)
	}
	return FlowRecordName(r.Format)
}

func (r Record) reader() wire.Reader { return wire.NewReaderAt(r.Data, r.Offset) }

func (r Record) formatError(want string) error {
	kind := "flow"
	if r.Counter {
		kind = "counter"
	}
	return &ParseError{Offset: r.Offset - 8, Field: "sflow: " + kind + " record format",
		Err: wire.Detailf("format", int64(r.Format), "is not "+want, wire.ErrMalformed)}
}

// Decoder walks an sFlow v5 datagram: [Decoder.Start], then
// [Decoder.NextSample] and, within each sample, [Decoder.NextRecord] with
// the typed accessors. The zero value is ready to use; reuse one Decoder
// for many datagrams. The first error is sticky: every Next method then
// returns false and [Decoder.Err] reports it, a [*ParseError] naming the
// field and offset. Everything returned aliases the datagram and is valid
// as long as the datagram bytes are.
//
// A Decoder is not safe for concurrent use; it is safe to copy (the copy
// keeps the walking position).
type Decoder struct {
	b       []byte // the datagram
	off     int    // offset of the next sample
	hdr     Header
	left    uint32
	sample  Sample // without Data; valid when !lazy
	lazy    bool   // the current sample is a compact flow or counter sample decoded on demand
	sFmt    Format
	sData   int // offset of the current sample's data
	recOff  int // offset of the next record
	recEnd  int // end of the current sample's data
	recLeft uint32
	counter bool
	recFmt  Format
	recData int    // offset of the current record's data
	rec     []byte // the current record's data, capacity capped; b[0:0:0] when none
	err     error
}

// Start begins decoding datagram b and returns its header.
func (d *Decoder) Start(b []byte) (Header, error) {
	d.b, d.off, d.left, d.recLeft, d.err = b, 0, 0, 0, nil
	d.sample, d.lazy, d.sFmt = Sample{}, false, 0
	d.recFmt, d.recData, d.rec = 0, 0, b[0:0:0]
	// Fast path: an IPv4 agent and a plausible sample count.
	if len(b) >= 28 && binary.BigEndian.Uint32(b) == Version && binary.BigEndian.Uint32(b[4:]) == addrIPv4 {
		h := Header{
			Agent:      netip.AddrFrom4([4]byte(b[8:12])),
			SubAgentID: binary.BigEndian.Uint32(b[12:]),
			Sequence:   binary.BigEndian.Uint32(b[16:]),
			Uptime:     binary.BigEndian.Uint32(b[20:]),
			NumSamples: binary.BigEndian.Uint32(b[24:]),
		}
		if uint64(h.NumSamples)*8 <= uint64(len(b)-28) {
			d.hdr, d.off, d.left = h, 28, h.NumSamples
			return h, nil
		}
	}
	r := wire.NewReader(b)
	if v := r.Uint32("sflow: version"); v != Version && !r.Failed() {
		r.FailAt(0, "sflow: version", wire.Detailf("version", int64(v), "is not 5", ErrVersion))
	}
	h := Header{
		Agent:      readAddress(&r, "sflow: agent address"),
		SubAgentID: r.Uint32("sflow: sub-agent id"),
		Sequence:   r.Uint32("sflow: sequence number"),
		Uptime:     r.Uint32("sflow: uptime"),
		NumSamples: r.Uint32("sflow: sample count"),
	}
	if uint64(h.NumSamples)*8 > uint64(r.Len()) && !r.Failed() {
		countError(&r, "sflow: sample count", h.NumSamples)
	}
	if err := r.Err(); err != nil {
		d.err = err
		d.hdr = Header{}
		return Header{}, err
	}
	d.hdr, d.off, d.left = h, r.Offset(), h.NumSamples
	return h, nil
}

// Header returns the header of the datagram being decoded.
func (d *Decoder) Header() Header { return d.hdr }

// Err returns the first error met, or nil.
func (d *Decoder) Err() error { return d.err }

func (d *Decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
	d.left, d.recLeft = 0, 0
}

// NextSample advances to the next sample, skipping any records of the
// current one that were not read. It returns false at the end of the
// datagram or on error.
func (d *Decoder) NextSample() bool {
	d.recLeft = 0
	// No current record until NextRecord.
	d.recFmt, d.recData, d.rec = 0, 0, d.b[0:0:0]
	if d.left == 0 { // fail zeroes left and recLeft
		return false
	}
	d.left--
	if d.fastSample() {
		return true
	}
	return d.slowSample()
}

// fastSample decodes a well-formed sample with one length check per
// structure; it reports false, changing nothing, for anything else.
func (d *Decoder) fastSample() bool {
	b, off := d.b, d.off
	if uint(off) > uint(len(b)) || len(b)-off < 8 {
		return false
	}
	h := (*[8]byte)(b[off : off+8])
	n := binary.BigEndian.Uint32(h[4:8])
	start := off + 8
	p := pad4u(n)
	if uint64(n)+uint64(p) > uint64(len(b)-start) {
		return false
	}
	end := start + int(n)
	f := Format(binary.BigEndian.Uint32(h[0:4]))
	var hl int
	var nrec uint32
	switch f {
	case FormatFlowSample:
		if n < 32 {
			return false
		}
		hl, nrec = 32, binary.BigEndian.Uint32(b[start+28:start+32])
	case FormatCounterSample:
		if n < 12 {
			return false
		}
		hl, nrec = 12, binary.BigEndian.Uint32(b[start+8:start+12])
	default:
		return false
	}
	if uint64(nrec)*8 > uint64(int(n)-hl) {
		return false
	}
	// The sample's fields are decoded by Sample, on demand.
	d.lazy = true
	d.sFmt = f
	d.off = end + int(p)
	d.counter = f == FormatCounterSample
	d.sData, d.recOff, d.recEnd, d.recLeft = start, start+hl, end, nrec
	return true
}

func (d *Decoder) slowSample() bool {
	r := wire.NewReaderAt(d.b[d.off:], d.off)
	f := Format(r.Uint32("sflow: sample format"))
	n := r.Uint32("sflow: sample length")
	off := r.Offset()
	data := r.BytesU32(n, "sflow: sample data")
	r.Pad4(len(data), "sflow: sample padding")
	if err := r.Err(); err != nil {
		d.fail(err)
		return false
	}
	d.off = r.Offset()
	d.lazy = false
	d.sample = Sample{Format: f, Offset: off}
	d.sData, d.recEnd = off, off+len(data)
	s := &d.sample
	rs := wire.NewReaderAt(data, off)
	sr := &rs
	switch f {
	case FormatFlowSample:
		s.Sequence = sr.Uint32("sflow: flow sample sequence number")
		s.Source = DataSourceFromCompact(sr.Uint32("sflow: flow sample source id"))
		s.SamplingRate = sr.Uint32("sflow: flow sample sampling rate")
		s.SamplePool = sr.Uint32("sflow: flow sample sample pool")
		s.Drops = sr.Uint32("sflow: flow sample drops")
		s.Input = InterfaceFromCompact(sr.Uint32("sflow: flow sample input"))
		s.Output = InterfaceFromCompact(sr.Uint32("sflow: flow sample output"))
		s.NumRecords = sr.Uint32("sflow: flow sample record count")
	case FormatCounterSample:
		s.Sequence = sr.Uint32("sflow: counter sample sequence number")
		s.Source = DataSourceFromCompact(sr.Uint32("sflow: counter sample source id"))
		s.NumRecords = sr.Uint32("sflow: counter sample record count")
	case FormatExpandedFlowSample:
		s.Sequence = sr.Uint32("sflow: expanded flow sample sequence number")
		s.Source.Class = SourceClass(sr.Uint32("sflow: expanded flow sample source class"))
		s.Source.Index = sr.Uint32("sflow: expanded flow sample source index")
		s.SamplingRate = sr.Uint32("sflow: expanded flow sample sampling rate")
		s.SamplePool = sr.Uint32("sflow: expanded flow sample sample pool")
		s.Drops = sr.Uint32("sflow: expanded flow sample drops")
		s.Input.Format = InterfaceFormat(sr.Uint32("sflow: expanded flow sample input format"))
		s.Input.Value = sr.Uint32("sflow: expanded flow sample input value")
		s.Output.Format = InterfaceFormat(sr.Uint32("sflow: expanded flow sample output format"))
		s.Output.Value = sr.Uint32("sflow: expanded flow sample output value")
		s.NumRecords = sr.Uint32("sflow: expanded flow sample record count")
	case FormatExpandedCounterSample:
		s.Sequence = sr.Uint32("sflow: expanded counter sample sequence number")
		s.Source.Class = SourceClass(sr.Uint32("sflow: expanded counter sample source class"))
		s.Source.Index = sr.Uint32("sflow: expanded counter sample source index")
		s.NumRecords = sr.Uint32("sflow: expanded counter sample record count")
	case FormatDiscardedPacket:
		s.Sequence = sr.Uint32("sflow: discarded packet sequence number")
		s.Source.Class = SourceClass(sr.Uint32("sflow: discarded packet source class"))
		s.Source.Index = sr.Uint32("sflow: discarded packet source index")
		s.Drops = sr.Uint32("sflow: discarded packet drops")
		s.Input.Value = sr.Uint32("sflow: discarded packet input")
		s.Output.Value = sr.Uint32("sflow: discarded packet output")
		s.Reason = DiscardReason(sr.Uint32("sflow: discarded packet reason"))
		s.NumRecords = sr.Uint32("sflow: discarded packet record count")
	default:
		return true // unknown sample: exposed raw, no records
	}
	if uint64(s.NumRecords)*8 > uint64(sr.Len()) && !sr.Failed() {
		countError(sr, "sflow: sample record count", s.NumRecords)
	}
	if err := sr.Err(); err != nil {
		d.fail(err)
		return false
	}
	d.counter = s.IsCounter()
	d.recOff, d.recLeft = sr.Offset(), s.NumRecords
	return true
}

// SampleFormat returns the format of the current sample, a cheaper
// [Decoder.Sample] for switching on the kind of sample.
func (d *Decoder) SampleFormat() Format {
	if d.lazy {
		return d.sFmt
	}
	return d.sample.Format
}

// FlowSample returns the fields of the current sample as a flow sample
// (zero fields for other kinds), without building the whole [Sample].
func (d *Decoder) FlowSample() FlowSample {
	if off := d.sData; d.lazy && d.sFmt == FormatFlowSample && uint(off) <= uint(len(d.b)) && len(d.b)-off >= 32 {
		data := (*[32]byte)(d.b[off : off+32])
		return FlowSample{
			Sequence:     binary.BigEndian.Uint32(data[0:4]),
			Source:       DataSourceFromCompact(binary.BigEndian.Uint32(data[4:8])),
			SamplingRate: binary.BigEndian.Uint32(data[8:12]),
			SamplePool:   binary.BigEndian.Uint32(data[12:16]),
			Drops:        binary.BigEndian.Uint32(data[16:20]),
			Input:        InterfaceFromCompact(binary.BigEndian.Uint32(data[20:24])),
			Output:       InterfaceFromCompact(binary.BigEndian.Uint32(data[24:28])),
		}
	}
	return d.slowFlowSample()
}

func (d *Decoder) slowFlowSample() FlowSample {
	s := d.Sample()
	return s.FlowSample()
}

// Sample returns the current sample.
func (d *Decoder) Sample() Sample {
	data := d.b[d.sData:d.recEnd:d.recEnd]
	if !d.lazy {
		s := d.sample
		s.Data = data
		return s
	}
	if d.sFmt == FormatFlowSample && len(data) >= 32 {
		return Sample{Format: FormatFlowSample, Offset: d.sData, Data: data,
			Sequence:     binary.BigEndian.Uint32(data),
			Source:       DataSourceFromCompact(binary.BigEndian.Uint32(data[4:])),
			SamplingRate: binary.BigEndian.Uint32(data[8:]),
			SamplePool:   binary.BigEndian.Uint32(data[12:]),
			Drops:        binary.BigEndian.Uint32(data[16:]),
			Input:        InterfaceFromCompact(binary.BigEndian.Uint32(data[20:])),
			Output:       InterfaceFromCompact(binary.BigEndian.Uint32(data[24:])),
			NumRecords:   binary.BigEndian.Uint32(data[28:]),
		}
	}
	if d.sFmt == FormatCounterSample && len(data) >= 12 {
		return Sample{Format: FormatCounterSample, Offset: d.sData, Data: data,
			Sequence:   binary.BigEndian.Uint32(data),
			Source:     DataSourceFromCompact(binary.BigEndian.Uint32(data[4:])),
			NumRecords: binary.BigEndian.Uint32(data[8:]),
		}
	}
	return Sample{} // not reached: fastSample checked the lengths
}

// NextRecord advances to the next record of the current sample. It
// returns false after the last one or on error.
func (d *Decoder) NextRecord() bool {
	if d.recLeft == 0 { // fail zeroes recLeft
		return false
	}
	return d.nextRecord()
}

// nextRecord is NextRecord once a record is known to be left.
func (d *Decoder) nextRecord() bool {
	off, end, b := d.recOff, d.recEnd, d.b
	if uint(end) <= uint(len(b)) && uint(off)+8 <= uint(end) {
		h := (*[8]byte)(b[off : off+8])
		n := binary.BigEndian.Uint32(h[4:8])
		start := off + 8
		if p := pad4u(n); uint64(n)+uint64(p) <= uint64(end-start) {
			stop := start + int(n)
			d.recLeft--
			d.recFmt = Format(binary.BigEndian.Uint32(h[0:4]))
			d.rec = b[start:stop:stop]
			d.recData = start
			d.recOff = stop + int(p)
			return true
		}
	}
	return d.nextRecordSlow()
}

// nextRecordSlow reads a record header that the fast path of NextRecord rejected and
// records the precise error.
func (d *Decoder) nextRecordSlow() bool {
	d.recLeft--
	b := d.b[:d.recEnd]
	off := d.recOff
	r := wire.NewReaderAt(b[off:], off)
	f := Format(r.Uint32("sflow: record format"))
	n := r.Uint32("sflow: record length")
	start := r.Offset()
	data := r.BytesU32(n, "sflow: record data")
	r.Pad4(len(data), "sflow: record padding")
	if err := r.Err(); err != nil {
		d.fail(err)
		return false
	}
	d.recFmt, d.recData, d.rec = f, start, data[:len(data):len(data)]
	d.recOff = r.Offset()
	return true
}

// Record returns the current record: valid after NextRecord returned true.
// The typed accessors ([Decoder.SampledHeader], …) decode it.
func (d *Decoder) Record() Record {
	return Record{Format: d.recFmt, Counter: d.counter, Offset: d.recData, Data: d.rec}
}

// RecordFormat returns the format of the current record and whether it
// belongs to a counter sample: a cheaper [Decoder.Record] for switching on
// the format before calling a typed accessor.
func (d *Decoder) RecordFormat() (f Format, counter bool) { return d.recFmt, d.counter }
