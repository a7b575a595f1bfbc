package ipfix

import (
	"encoding/binary"
	"errors"
	"net/netip"
	"time"
)

// ErrUnknownTemplate reports a structured data list that refers to a
// template the session does not hold.
var ErrUnknownTemplate = errors.New("unknown template")

// Set describes the set a [Decoder] is on.
type Set struct {
	ID     uint16 // 2 template, 3 options template, ≥ 256 data (the template ID)
	Offset int    // offset of the set header in the message
	Length int    // set length, header included
}

// Decoder is a reusable cursor over one IPFIX message: Reset parses the
// header and learns nothing yet; each NextSet moves to the next set,
// installing or withdrawing templates of template sets in the Session as it
// passes them; NextRecord walks the data records of a data set whose
// template is known. Records and fields alias the message. A Decoder
// allocates nothing once the templates are cached.
//
//	var d ipfix.Decoder
//	hdr, err := d.Reset(sess, from, msg, time.Now())
//	for d.NextSet() {
//		if d.Unknown() { /* keep msg, retry after the template arrives */ }
//		for d.NextRecord() {
//			rec := d.Record()
//			...
//		}
//	}
//	err = d.Err()
//
// Sequence tracking: the expected sequence number of the next message of
// the (exporter, domain) is updated when NextSet reports the end of the
// message; a message not walked to its end leaves it unknown.
type Decoder struct {
	s       *Session
	msg     []byte
	hdr     Header
	dom     *domain
	now     int64
	off     int
	set     Set
	plan    *Plan
	body    []byte
	bodyOff int
	roff    int
	inData  bool
	rec     Record
	records uint32
	unknown bool
	gap     int64
	gapOK   bool
	err     error
	done    bool
	single  bool
	tOff    int // template-set cursor
	trec    TemplateRecord
}

// Reset starts decoding msg, received from exporter from at time now, in
// session s. The zero Time means "no clock": nothing expires, and the
// templates the message installs never expire. It returns the header; errors are for the header (too short,
// version not 10, length not the message length) or ErrLimit when the
// session refuses a new observation domain.
func (d *Decoder) Reset(s *Session, from netip.AddrPort, msg []byte, now time.Time) (Header, error) {
	*d = Decoder{s: s, msg: msg, now: unixNano(now), off: HeaderLen, done: true}
	if len(msg) < HeaderLen {
		d.err = errAt(len(msg), "ipfix: message header", ErrTruncated)
		return Header{}, d.err
	}
	h := Header{
		Version:             binary.BigEndian.Uint16(msg[0:]),
		Length:              binary.BigEndian.Uint16(msg[2:]),
		ExportTime:          binary.BigEndian.Uint32(msg[4:]),
		SequenceNumber:      binary.BigEndian.Uint32(msg[8:]),
		ObservationDomainID: binary.BigEndian.Uint32(msg[12:]),
	}
	d.hdr = h
	if h.Version != Version {
		d.err = errAt(0, "ipfix: version", ErrVersion)
		return h, d.err
	}
	switch {
	case int(h.Length) > len(msg):
		d.err = errAt(2, "ipfix: message length", ErrTruncated)
		return h, d.err
	case h.Length < HeaderLen:
		d.err = errAt(2, "ipfix: message length", ErrMalformed)
		return h, d.err
	}
	d.msg = msg[:h.Length]
	s.expire(d.now)
	d.dom = s.domain(from, h.ObservationDomainID)
	if d.dom == nil {
		d.err = errAt(12, "ipfix: observation domain", ErrLimit)
		return h, d.err
	}
	if d.dom.seqKnown {
		d.gap = int64(int32(h.SequenceNumber - d.dom.nextSeq))
		d.gapOK = true
		if d.gap != 0 {
			s.stats.SequenceGaps++
			if d.gap > 0 {
				s.stats.LostRecords += uint64(d.gap)
			}
		}
	}
	d.done = false
	return h, nil
}

// ResetSet positions d on one set (header included) of a message from
// (from, domain) that was kept because its template was unknown; NextSet
// then yields that set. Sequence numbers are not tracked.
func (d *Decoder) ResetSet(s *Session, from netip.AddrPort, domain uint32, set []byte, now time.Time) error {
	*d = Decoder{s: s, msg: set, now: unixNano(now), single: true, done: true}
	s.expire(d.now)
	d.dom = s.domain(from, domain)
	if d.dom == nil {
		d.err = errAt(0, "ipfix: observation domain", ErrLimit)
		return d.err
	}
	d.hdr.ObservationDomainID = domain
	d.done = false
	return nil
}

// unixNano returns t in nanoseconds since 1970, 0 for the zero Time (and
// 1 for a time that would be 0).
func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	if n := t.UnixNano(); n != 0 {
		return n
	}
	return 1
}

// Header returns the message header.
func (d *Decoder) Header() Header { return d.hdr }

// Err returns the first error met.
func (d *Decoder) Err() error { return d.err }

// SequenceGap returns the difference between the message's sequence
// number and the one expected from the previous message of the same
// (exporter, domain): positive for lost data records, negative for a
// reordered or repeated message. ok is false when nothing was expected
// (first message, or the previous one had data of unknown templates).
func (d *Decoder) SequenceGap() (gap int64, ok bool) { return d.gap, d.gapOK }

// Set returns the current set.
func (d *Decoder) Set() Set { return d.set }

// Template returns the compiled template of the current data set, or nil
// (template and options template sets, unknown templates).
func (d *Decoder) Template() *Plan { return d.plan }

// Unknown reports whether the current set is a data set whose template is
// not known. Keep the message (copy it: it is only borrowed) or just the
// set ([Decoder.SetBytes]) and decode it again with ResetSet once the
// template arrived.
func (d *Decoder) Unknown() bool { return d.inData && d.plan == nil }

// SetBytes returns the current set, header included (aliasing the message).
func (d *Decoder) SetBytes() []byte {
	return d.msg[d.set.Offset : d.set.Offset+d.set.Length]
}

// NextSet moves to the next set, reporting false at the end of the message
// or on error (see Err). Template sets are applied to the session before
// NextSet returns.
func (d *Decoder) NextSet() bool {
	if d.done || d.err != nil {
		return false
	}
	d.finishData()
	if d.err != nil {
		return false
	}
	if d.off >= len(d.msg) {
		d.end()
		return false
	}
	rest := len(d.msg) - d.off
	if rest < 4 {
		d.fail(errAt(d.off, "ipfix: set header", ErrTruncated))
		return false
	}
	id := binary.BigEndian.Uint16(d.msg[d.off:])
	l := int(binary.BigEndian.Uint16(d.msg[d.off+2:]))
	if l < 4 {
		d.fail(errAt(d.off+2, "ipfix: set length", ErrMalformed))
		return false
	}
	if l > rest {
		d.fail(errAt(d.off+2, "ipfix: set length", ErrTruncated))
		return false
	}
	d.set = Set{ID: id, Offset: d.off, Length: l}
	d.body = d.msg[d.off+4 : d.off+l]
	d.bodyOff = d.off + 4
	d.off += l
	d.roff = 0
	d.plan = nil
	d.inData = false
	d.tOff = 0
	switch {
	case id == SetIDTemplate || id == SetIDOptionsTemplate:
		if err := d.applyTemplates(); err != nil {
			d.fail(err)
			return false
		}
	case id >= MinDataSetID:
		d.inData = true
		d.plan = d.s.lookup(d.dom, id, d.now)
		if d.plan == nil {
			d.unknown = true
			d.s.stats.UnknownDataSets++
		}
	}
	// Set IDs 0, 1 and 4–255 are reserved: skipped.
	return true
}

func (d *Decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
	d.done = true
	if d.dom != nil && !d.single {
		d.dom.seqKnown = false
	}
}

// end records the sequence number expected next.
func (d *Decoder) end() {
	d.done = true
	if d.single {
		return
	}
	d.dom.nextSeq = d.hdr.SequenceNumber + d.records
	d.dom.seqKnown = !d.unknown
}

// finishData counts the records of the current data set the caller did
// not walk.
func (d *Decoder) finishData() {
	if d.plan == nil {
		return
	}
	for d.NextRecord() {
	}
	d.plan = nil
}

// NextRecord moves to the next data record of the current data set,
// reporting false at the end of the set (padding) or on error.
func (d *Decoder) NextRecord() bool {
	p := d.plan
	if p == nil || d.err != nil {
		return false
	}
	rest := len(d.body) - d.roff
	if rest < p.minLen || rest == 0 {
		d.plan = nil
		return false
	}
	n, ok := p.fixedLen, p.fixedLen <= rest
	if n < 0 {
		n, ok = p.recordLen(d.body[d.roff:])
	}
	if !ok {
		d.fail(errAt(d.bodyOff+d.roff, "ipfix: data record", ErrTruncated))
		d.plan = nil
		return false
	}
	// Field by field: the plan pointer is stored only when it changes.
	r := &d.rec
	if r.plan != p {
		r.plan = p
	}
	r.data = d.body[d.roff : d.roff+n : d.roff+n]
	r.base, r.depth = d.bodyOff+d.roff, 0
	d.roff += n
	d.records++
	return true
}

// Record returns the current data record; it is valid until the next
// call of NextRecord and aliases the message.
func (d *Decoder) Record() *Record { return &d.rec }

// applyTemplates installs or withdraws every record of the current
// template set.
func (d *Decoder) applyTemplates() error {
	options := d.set.ID == SetIDOptionsTemplate
	b := d.body
	off := 0
	for {
		t, n, err := parseTemplate(b[off:], d.bodyOff+off, options)
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		raw := b[off : off+n]
		off += n
		switch {
		case t.withdrawal && t.ID >= MinDataSetID:
			d.s.withdraw(d.dom, t.ID, options, false)
		case t.withdrawal && t.ID == d.set.ID:
			d.s.withdraw(d.dom, 0, options, true)
		case t.withdrawal || t.ID < MinDataSetID:
			return errAt(d.bodyOff+off-n, "ipfix: template ID", ErrMalformed)
		default:
			d.s.learn(d.dom, raw, t.ID, t.ScopeCount, t.specs, t.NumFields(), d.now)
		}
	}
}

// TemplateRecord is one record of a template or options template set as
// it is on the wire, for listing; see [Decoder.NextTemplate].
type TemplateRecord struct {
	ID         uint16
	ScopeCount uint16
	withdrawal bool
	specs      []byte
	nfields    int
}

// IsWithdrawal reports whether the record withdraws template ID (or, for
// ID 2 and 3, all templates or all options templates of the domain).
func (t *TemplateRecord) IsWithdrawal() bool { return t.withdrawal }

// NumFields returns the field count.
func (t *TemplateRecord) NumFields() int { return t.nfields }

// Spec returns field i. It walks the record: O(i).
func (t *TemplateRecord) Spec(i int) FieldSpecifier {
	b := t.specs
	for {
		id := uint16(b[0])<<8 | uint16(b[1])
		f := FieldSpecifier{ID: id &^ EnterpriseBit, Length: uint16(b[2])<<8 | uint16(b[3])}
		b = b[4:]
		if id&EnterpriseBit != 0 {
			f.Enterprise = binary.BigEndian.Uint32(b)
			b = b[4:]
		}
		if i == 0 {
			return f
		}
		i--
	}
}

// AppendSpecs appends the fields to dst.
func (t *TemplateRecord) AppendSpecs(dst []FieldSpecifier) []FieldSpecifier {
	b := t.specs
	for range t.nfields {
		id := uint16(b[0])<<8 | uint16(b[1])
		f := FieldSpecifier{ID: id &^ EnterpriseBit, Length: uint16(b[2])<<8 | uint16(b[3])}
		b = b[4:]
		if id&EnterpriseBit != 0 {
			f.Enterprise = binary.BigEndian.Uint32(b)
			b = b[4:]
		}
		dst = append(dst, f)
	}
	return dst
}

// parseTemplate parses the template record at the start of b. n is 0 at
// the end of the set (or at padding).
func parseTemplate(b []byte, base int, options bool) (t TemplateRecord, n int, err error) {
	if len(b) < 4 {
		return t, 0, nil // padding
	}
	t.ID = binary.BigEndian.Uint16(b)
	count := int(binary.BigEndian.Uint16(b[2:]))
	if count == 0 {
		if t.ID == 0 && allZero(b) {
			return t, 0, nil // padding
		}
		t.withdrawal = true
		return t, 4, nil
	}
	off := 4
	if options {
		if len(b) < 6 {
			return t, 0, errAt(base+4, "ipfix: scope field count", ErrTruncated)
		}
		t.ScopeCount = binary.BigEndian.Uint16(b[4:])
		if t.ScopeCount == 0 || int(t.ScopeCount) > count {
			return t, 0, errAt(base+4, "ipfix: scope field count", ErrMalformed)
		}
		off = 6
	}
	start := off
	for range count {
		if off+4 > len(b) {
			return t, 0, errAt(base+off, "ipfix: field specifier", ErrTruncated)
		}
		if b[off]&0x80 != 0 {
			off += 8
			if off > len(b) {
				return t, 0, errAt(base+off-4, "ipfix: enterprise number", ErrTruncated)
			}
		} else {
			off += 4
		}
	}
	t.specs = b[start:off]
	t.nfields = count
	return t, off, nil
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// NextTemplate moves to the next record of the current template or
// options template set, for listing (the session already applied them).
func (d *Decoder) NextTemplate() bool {
	if d.set.ID != SetIDTemplate && d.set.ID != SetIDOptionsTemplate || d.err != nil {
		return false
	}
	t, n, err := parseTemplate(d.body[d.tOff:], d.bodyOff+d.tOff, d.set.ID == SetIDOptionsTemplate)
	if err != nil || n == 0 {
		return false
	}
	d.tOff += n
	d.trec = t
	return true
}

// TemplateRecord returns the record NextTemplate moved to.
func (d *Decoder) TemplateRecord() *TemplateRecord { return &d.trec }
