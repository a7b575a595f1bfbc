package ipfix

import (
	"encoding/binary"
	"math"
	"net/netip"
	"time"
)

// maxListDepth bounds the nesting of structured data lists, for encoding
// and decoding alike.
const maxListDepth = 16

// Builder appends IPFIX messages to a caller-owned buffer, in the manner of
// dnsmessage.Builder: NewBuilder starts a message; AddTemplate, StartDataSet,
// StartRecord, the field appenders and EndRecord fill it; Finish back-patches
// the lengths and returns the buffer. When a record would push the message
// past the maximum size (see [Builder.SetMaxMessageSize]) the message is
// closed before that record and a new one is started with the same header,
// its sequence number advanced by the data records of the message before
// (RFC 7011 §3.1). Consecutive messages lie back to back in the buffer
// unless a flush function is set ([Builder.SetFlush]); [Messages] splits
// them.
//
// A Builder never allocates once the buffer has enough capacity. Field
// appenders do not check values against the template: the caller writes the
// fields of a record in template order, with the lengths it declared. Errors
// are sticky and reported by EndRecord, AddTemplate and Finish.
type Builder struct {
	buf      []byte
	hdr      Header
	max      int
	flush    func(msg []byte) error
	msgStart int // -1 when no message is open
	setStart int // -1 when no set is open
	setID    uint16
	recStart int    // -1 when no record is open
	records  uint32 // data records in the open message
	total    uint32 // data records since NewBuilder/Reset
	nlists   int
	lists    [maxListDepth + 1]int // offset of each open list's 2-byte length (or STML entry header)
	err      error
}

// NewBuilder returns a Builder that appends to buf, starting a message with
// hdr (Version and Length are filled in).
func NewBuilder(buf []byte, hdr Header) Builder {
	var b Builder
	b.Reset(buf, hdr)
	return b
}

// Reset makes b append to buf and starts a message with hdr, keeping the
// maximum message size and flush function.
func (b *Builder) Reset(buf []byte, hdr Header) {
	max, flush := b.max, b.flush
	*b = Builder{buf: buf, max: max, flush: flush, msgStart: -1, setStart: -1, recStart: -1}
	b.StartMessage(hdr)
}

// SetMaxMessageSize sets the largest message the Builder writes, at most
// and by default 65535. A record that alone does not fit yields ErrTooLarge.
func (b *Builder) SetMaxMessageSize(n int) {
	if n <= 0 || n > 65535 {
		n = 65535
	}
	if n < HeaderLen+8 {
		n = HeaderLen + 8
	}
	b.max = n
}

func (b *Builder) maxSize() int {
	if b.max == 0 {
		return 65535
	}
	return b.max
}

// SetFlush makes the Builder hand every completed message to fn (when a
// message is split, on StartMessage and on Finish) and then reuse its
// space in the buffer, so that a long export needs one message of buffer.
// The slice passed to fn is only valid during the call. An error from fn
// is sticky.
func (b *Builder) SetFlush(fn func(msg []byte) error) { b.flush = fn }

// Header returns the header of the open message.
func (b *Builder) Header() Header { return b.hdr }

// Len returns the length of the open message so far, or 0.
func (b *Builder) Len() int {
	if b.msgStart < 0 {
		return 0
	}
	return len(b.buf) - b.msgStart
}

// DataRecords returns the number of data records written since
// NewBuilder or Reset, for advancing the caller's sequence counter.
func (b *Builder) DataRecords() uint32 { return b.total }

// Err returns the first error.
func (b *Builder) Err() error { return b.err }

// StartMessage closes the open message, if any, and starts a new one with
// hdr. Use it to start a message for another observation domain, or to
// apply a packing rule of one's own (Len tells how full the message is).
func (b *Builder) StartMessage(hdr Header) {
	b.endMessage()
	// Field by field: copying hdr whole after changing two of its fields
	// stalls store forwarding, a measurable cost per message.
	b.hdr.Version, b.hdr.Length = Version, 0
	b.hdr.ExportTime = hdr.ExportTime
	b.hdr.SequenceNumber = hdr.SequenceNumber
	b.hdr.ObservationDomainID = hdr.ObservationDomainID
	b.msgStart = len(b.buf)
	b.records = 0
	buf := append(b.buf, 0, Version, 0, 0)
	buf = binary.BigEndian.AppendUint32(buf, hdr.ExportTime)
	buf = binary.BigEndian.AppendUint32(buf, hdr.SequenceNumber)
	b.buf = binary.BigEndian.AppendUint32(buf, hdr.ObservationDomainID)
}

func (b *Builder) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

// endSet closes the open set (dropping it if empty).
func (b *Builder) endSet() {
	if b.setStart < 0 {
		return
	}
	if b.recStart >= 0 || b.nlists > 0 {
		b.fail(ErrBuilder)
		b.recStart, b.nlists = -1, 0
	}
	n := len(b.buf) - b.setStart
	if n <= 4 {
		b.buf = b.buf[:b.setStart]
	} else {
		binary.BigEndian.PutUint16(b.buf[b.setStart+2:], uint16(n))
	}
	b.setStart = -1
}

// endMessage closes the open message; an empty message (header only) is
// dropped.
func (b *Builder) endMessage() {
	if b.msgStart < 0 {
		return
	}
	b.endSet()
	n := len(b.buf) - b.msgStart
	start := b.msgStart
	b.msgStart = -1
	if n <= HeaderLen {
		b.buf = b.buf[:start]
		return
	}
	binary.BigEndian.PutUint16(b.buf[start+2:], uint16(n))
	if b.flush != nil {
		if err := b.flush(b.buf[start:]); err != nil {
			b.fail(err)
		}
		b.buf = b.buf[:start]
	}
}

// startSet makes sure a set with id is open.
func (b *Builder) startSet(id uint16) {
	if b.msgStart < 0 {
		b.StartMessage(b.hdr)
	}
	if b.setStart >= 0 && b.setID == id {
		return
	}
	b.endSet()
	b.setStart = len(b.buf)
	b.setID = id
	b.buf = append(b.buf, byte(id>>8), byte(id), 0, 4)
}

// commit ends the record that starts at recStart, moving it to a new
// message if the open one would exceed the maximum size.
func (b *Builder) commit(recStart int, data bool) error {
	if b.err != nil {
		b.buf = b.buf[:recStart]
		return b.err
	}
	if len(b.buf)-b.msgStart <= b.maxSize() {
		if data {
			b.records++
			b.total++
		}
		return nil
	}
	n := len(b.buf) - recStart
	if n+HeaderLen+4 > b.maxSize() {
		b.buf = b.buf[:recStart]
		return ErrTooLarge
	}
	// Park the record 20 bytes further on (room for a message and a set
	// header), close the message before it, start a new one with the same
	// set, and move the record behind the new headers.
	rec := recStart
	id := b.setID
	for range HeaderLen + 4 {
		b.buf = append(b.buf, 0)
	}
	park := rec + HeaderLen + 4
	copy(b.buf[park:], b.buf[rec:rec+n])
	b.buf = b.buf[:rec]
	hdr := b.hdr
	hdr.SequenceNumber += b.records
	b.StartMessage(hdr) // flushes or keeps the message before
	b.startSet(id)
	dst := len(b.buf) // at most park: headers are 20 bytes, written at or before rec
	b.buf = b.buf[:dst+n]
	copy(b.buf[dst:], b.buf[park:park+n])
	if data {
		b.records++
		b.total++
	}
	return b.err
}

// AddTemplate writes a template record (an options template record if
// t.ScopeCount > 0) into a Template Set or Options Template Set.
func (b *Builder) AddTemplate(t Template) error {
	if len(t.Fields) == 0 || len(t.Fields) > 0xFFFF || int(t.ScopeCount) > len(t.Fields) || t.ID < MinDataSetID {
		b.fail(ErrBuilder)
		return b.err
	}
	var rec int
	if t.ScopeCount > 0 {
		rec = b.openRecord(SetIDOptionsTemplate)
		b.buf = append(b.buf, byte(t.ID>>8), byte(t.ID), byte(len(t.Fields)>>8), byte(len(t.Fields)),
			byte(t.ScopeCount>>8), byte(t.ScopeCount))
	} else {
		rec = b.openRecord(SetIDTemplate)
		b.buf = append(b.buf, byte(t.ID>>8), byte(t.ID), byte(len(t.Fields)>>8), byte(len(t.Fields)))
	}
	for _, f := range t.Fields {
		b.buf = appendSpec(b.buf, f)
	}
	return b.closeRecord(rec, false)
}

func appendSpec(buf []byte, f FieldSpecifier) []byte {
	if f.Enterprise != 0 {
		id := f.ID | EnterpriseBit
		return append(buf, byte(id>>8), byte(id), byte(f.Length>>8), byte(f.Length),
			byte(f.Enterprise>>24), byte(f.Enterprise>>16), byte(f.Enterprise>>8), byte(f.Enterprise))
	}
	id := f.ID &^ EnterpriseBit
	return append(buf, byte(id>>8), byte(id), byte(f.Length>>8), byte(f.Length))
}

// WithdrawTemplate writes a template withdrawal (RFC 7011 §8.1) for
// template id, into an Options Template Set if options is true.
func (b *Builder) WithdrawTemplate(id uint16, options bool) error {
	set := uint16(SetIDTemplate)
	if options {
		set = SetIDOptionsTemplate
	}
	rec := b.openRecord(set)
	b.buf = append(b.buf, byte(id>>8), byte(id), 0, 0)
	return b.closeRecord(rec, false)
}

// WithdrawAll withdraws every template of the message's observation
// domain (options false) or every options template (options true).
func (b *Builder) WithdrawAll(options bool) error {
	if options {
		return b.WithdrawTemplate(SetIDOptionsTemplate, true)
	}
	return b.WithdrawTemplate(SetIDTemplate, false)
}

// openRecord opens set and marks the start of a record.
func (b *Builder) openRecord(set uint16) int {
	if b.recStart >= 0 {
		b.fail(ErrBuilder)
	}
	b.startSet(set)
	return len(b.buf)
}

// closeRecord commits a record written at rec.
func (b *Builder) closeRecord(rec int, data bool) error {
	if b.err != nil {
		b.buf = b.buf[:rec]
		return b.err
	}
	return b.commit(rec, data)
}

// StartDataSet opens a Data Set for template id (closing the open set,
// unless it is already a Data Set for id).
func (b *Builder) StartDataSet(id uint16) {
	if id < MinDataSetID {
		b.fail(ErrBuilder)
		return
	}
	b.startSet(id)
}

// StartRecord marks the start of a data record in the open Data Set.
func (b *Builder) StartRecord() {
	if b.setStart < 0 || b.setID < MinDataSetID || b.recStart >= 0 {
		b.fail(ErrBuilder)
		return
	}
	b.recStart = len(b.buf)
}

// EndRecord ends the data record begun by StartRecord, splitting the
// message if the record made it too long.
func (b *Builder) EndRecord() error {
	rec := b.recStart
	if rec < 0 || b.nlists != 0 {
		b.fail(ErrBuilder)
		return b.err
	}
	b.recStart = -1
	return b.closeRecord(rec, true)
}

// AppendRecord writes one data record of pre-encoded bytes into the Data
// Set for template id.
func (b *Builder) AppendRecord(id uint16, rec []byte) error {
	b.StartDataSet(id)
	b.StartRecord()
	b.buf = append(b.buf, rec...)
	return b.EndRecord()
}

// Finish closes the open message and returns the buffer with every message
// written since NewBuilder/Reset (or, with a flush function, what remains:
// nothing). After Finish, StartMessage begins another message.
func (b *Builder) Finish() ([]byte, error) {
	if b.recStart >= 0 || b.nlists > 0 {
		b.fail(ErrBuilder)
	}
	b.endMessage()
	return b.buf, b.err
}

// Field appenders. Each appends one field value; integers, floats and
// addresses big-endian, in the length the template declares.

// Uint8 appends an unsigned8 (or any 1-byte) field.
func (b *Builder) Uint8(v uint8) { b.buf = append(b.buf, v) }

// Uint16 appends an unsigned16 field.
func (b *Builder) Uint16(v uint16) { b.buf = binary.BigEndian.AppendUint16(b.buf, v) }

// Uint32 appends an unsigned32 field.
func (b *Builder) Uint32(v uint32) { b.buf = binary.BigEndian.AppendUint32(b.buf, v) }

// Uint64 appends an unsigned64 field.
func (b *Builder) Uint64(v uint64) { b.buf = binary.BigEndian.AppendUint64(b.buf, v) }

// UintN appends the low n bytes (1–8) of v: reduced-size encoding.
func (b *Builder) UintN(v uint64, n int) {
	for i := n - 1; i >= 0; i-- {
		b.buf = append(b.buf, byte(v>>(8*uint(i))))
	}
}

// IntN appends the low n bytes (1–8) of the two's complement of v: a signed
// integer in reduced size.
func (b *Builder) IntN(v int64, n int) { b.UintN(uint64(v), n) }

// Float32 appends a float32 field.
func (b *Builder) Float32(v float32) { b.Uint32(math.Float32bits(v)) }

// Float64 appends a float64 field.
func (b *Builder) Float64(v float64) { b.Uint64(math.Float64bits(v)) }

// Bool appends a boolean field: 1 for true, 2 for false (RFC 7011 §6.1.5).
func (b *Builder) Bool(v bool) {
	if v {
		b.buf = append(b.buf, 1)
	} else {
		b.buf = append(b.buf, 2)
	}
}

// MAC appends a macAddress field.
func (b *Builder) MAC(v [6]byte) { b.buf = append(b.buf, v[:]...) }

// Addr4 appends an ipv4Address field (0.0.0.0 if a is not IPv4).
func (b *Builder) Addr4(a netip.Addr) {
	a = a.Unmap()
	if !a.Is4() {
		b.buf = append(b.buf, 0, 0, 0, 0)
		return
	}
	v := a.As4()
	b.buf = append(b.buf, v[:]...)
}

// Addr16 appends an ipv6Address field (IPv4 as IPv4-mapped, invalid as ::).
func (b *Builder) Addr16(a netip.Addr) {
	if !a.IsValid() {
		b.buf = append(b.buf, make([]byte, 16)...)
		return
	}
	v := a.As16()
	b.buf = append(b.buf, v[:]...)
}

// Grow appends n bytes to the open record and returns them, for a caller
// that fills a fixed layout itself (binary.BigEndian.PutUint32 and the
// like): the fastest way to write records. Their content is unspecified
// until written; every byte must be written.
func (b *Builder) Grow(n int) []byte {
	l := len(b.buf)
	if cap(b.buf)-l < n {
		b.buf = append(b.buf, make([]byte, n)...)
	} else {
		b.buf = b.buf[:l+n]
	}
	return b.buf[l : l+n : l+n]
}

// Bytes appends p as a fixed-length field (the template gives len(p)).
func (b *Builder) Bytes(p []byte) { b.buf = append(b.buf, p...) }

// FixedString appends s in a fixed-length field of n bytes, truncated or
// padded with zero bytes.
func (b *Builder) FixedString(s string, n int) {
	if len(s) > n {
		s = s[:n]
	}
	b.buf = append(b.buf, s...)
	for i := len(s); i < n; i++ {
		b.buf = append(b.buf, 0)
	}
}

// VarBytes appends p as a variable-length field: a 1-byte length below
// 255, else 255 and a 2-byte length (RFC 7011 §7). More than 65535 bytes
// is an error.
func (b *Builder) VarBytes(p []byte) {
	if len(p) > 0xFFFF {
		b.fail(ErrTooLarge)
		return
	}
	if len(p) < 255 {
		b.buf = append(b.buf, byte(len(p)))
	} else {
		b.buf = append(b.buf, 255, byte(len(p)>>8), byte(len(p)))
	}
	b.buf = append(b.buf, p...)
}

// VarString appends s as a variable-length field.
func (b *Builder) VarString(s string) {
	if len(s) > 0xFFFF {
		b.fail(ErrTooLarge)
		return
	}
	if len(s) < 255 {
		b.buf = append(b.buf, byte(len(s)))
	} else {
		b.buf = append(b.buf, 255, byte(len(s)>>8), byte(len(s)))
	}
	b.buf = append(b.buf, s...)
}

// ntpEpochOffset is the number of seconds from 1900-01-01 to 1970-01-01.
const ntpEpochOffset = 2208988800

// DateTimeSeconds appends t as dateTimeSeconds (UNIX seconds, 4 bytes).
func (b *Builder) DateTimeSeconds(t time.Time) { b.Uint32(uint32(t.Unix())) }

// DateTimeMilliseconds appends t as dateTimeMilliseconds (UNIX ms, 8 bytes).
func (b *Builder) DateTimeMilliseconds(t time.Time) { b.Uint64(uint64(t.UnixMilli())) }

// DateTimeMicroseconds appends t as dateTimeMicroseconds: NTP timestamp
// with the 11 low bits of the fraction zero (RFC 7011 §6.1.9).
func (b *Builder) DateTimeMicroseconds(t time.Time) {
	sec, frac := ntpTime(t.Truncate(time.Microsecond))
	b.Uint32(sec)
	b.Uint32(frac &^ 0x7FF)
}

// DateTimeNanoseconds appends t as dateTimeNanoseconds (NTP timestamp).
func (b *Builder) DateTimeNanoseconds(t time.Time) {
	sec, frac := ntpTime(t)
	b.Uint32(sec)
	b.Uint32(frac)
}

// ntpTime converts t to NTP seconds and fraction, rounding the fraction up
// so that decoding rounds back to t's nanosecond.
func ntpTime(t time.Time) (uint32, uint32) {
	s := t.Unix() + ntpEpochOffset
	ns := uint64(t.Nanosecond())
	frac := (ns<<32 + 999999999) / 1e9
	if frac > math.MaxUint32 {
		frac = math.MaxUint32
	}
	return uint32(s), uint32(frac)
}

// Structured data (RFC 6313). Lists are written as variable-length fields
// with the 3-byte length form; End* back-patches the length.

func (b *Builder) pushList() {
	if b.nlists >= maxListDepth {
		b.fail(ErrLimit)
		return
	}
	b.buf = append(b.buf, 255, 0, 0)
	b.lists[b.nlists] = len(b.buf) - 2
	b.nlists++
}

// StartBasicList opens a basicList field of elements described by elem
// (its Length may be VarLen); append the elements, then call EndList.
func (b *Builder) StartBasicList(sem Semantic, elem FieldSpecifier) {
	b.pushList()
	b.buf = append(b.buf, byte(sem))
	b.buf = appendSpec(b.buf, elem)
}

// StartSubTemplateList opens a subTemplateList field of records of
// template id; append the records' fields, then call EndList.
func (b *Builder) StartSubTemplateList(sem Semantic, id uint16) {
	b.pushList()
	b.buf = append(b.buf, byte(sem), byte(id>>8), byte(id))
}

// StartSubTemplateMultiList opens a subTemplateMultiList field; add
// entries with StartEntry/EndEntry, then call EndList.
func (b *Builder) StartSubTemplateMultiList(sem Semantic) {
	b.pushList()
	b.buf = append(b.buf, byte(sem))
}

// StartEntry opens one entry (records of template id) of the open
// subTemplateMultiList.
func (b *Builder) StartEntry(id uint16) {
	if b.nlists >= maxListDepth {
		b.fail(ErrLimit)
		return
	}
	b.buf = append(b.buf, byte(id>>8), byte(id), 0, 0)
	b.lists[b.nlists] = -(len(b.buf) - 2) - 1 // negative marks an entry
	b.nlists++
}

// EndEntry closes the entry opened by StartEntry.
func (b *Builder) EndEntry() {
	if b.nlists == 0 || b.lists[b.nlists-1] >= 0 {
		b.fail(ErrBuilder)
		return
	}
	b.nlists--
	at := -b.lists[b.nlists] - 1
	n := len(b.buf) - at + 2
	if n > 0xFFFF {
		b.fail(ErrTooLarge)
		return
	}
	binary.BigEndian.PutUint16(b.buf[at:], uint16(n))
}

// EndList closes the innermost open list.
func (b *Builder) EndList() {
	if b.nlists == 0 || b.lists[b.nlists-1] < 0 {
		b.fail(ErrBuilder)
		return
	}
	b.nlists--
	at := b.lists[b.nlists]
	n := len(b.buf) - at - 2
	if n > 0xFFFF {
		b.fail(ErrTooLarge)
		return
	}
	binary.BigEndian.PutUint16(b.buf[at:], uint16(n))
}
