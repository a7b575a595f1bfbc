package netflow

import (
	"encoding/binary"
	"net/netip"
	"time"

	"github.com/ovsflow/ovsflow/internal/wire"
)

// NetFlow v9 wire sizes.
const (
	// V9HeaderLen is the length of a NetFlow v9 packet header.
	V9HeaderLen = 20
	// V9FlowSetHeaderLen is the length of a FlowSet header (ID, length).
	V9FlowSetHeaderLen = 4
)

// FlowSet IDs of RFC 3954 section 5. IDs 2–255 are reserved; 256 and
// above are data FlowSets named by their template ID.
const (
	TemplateFlowSetID        uint16 = 0
	OptionsTemplateFlowSetID uint16 = 1
	MinDataFlowSetID         uint16 = 256
)

// V9Header is the 20-byte header of a NetFlow v9 export packet.
type V9Header struct {
	// Count is the number of records (templates, options templates and
	// data records) in the packet, as the exporter wrote it.
	Count uint16
	// SysUptime is the exporter's uptime in milliseconds.
	SysUptime uint32
	// UnixSecs is the export time in seconds since 1970.
	UnixSecs uint32
	// Sequence is the exporter's packet sequence number (RFC 3954: packets
	// sent by this exporter for this source ID).
	Sequence uint32
	// SourceID identifies the exporter's observation domain.
	SourceID uint32
}

// Time returns the export time.
func (h V9Header) Time() time.Time { return time.Unix(int64(h.UnixSecs), 0) }

// UptimeTime converts a time stamp in exporter uptime milliseconds (such
// as the value of [FieldFlowStartSysUpTime]) to wall-clock time using
// the header's SysUptime and export time.
func (h V9Header) UptimeTime(ms uint32) time.Time {
	return h.Time().Add(-time.Duration(h.SysUptime-ms) * time.Millisecond)
}

// AppendTo appends the 20-byte wire form of h (version 9) to b.
func (h V9Header) AppendTo(b []byte) []byte {
	b = append(b, 0, 9, byte(h.Count>>8), byte(h.Count))
	b = binary.BigEndian.AppendUint32(b, h.SysUptime)
	b = binary.BigEndian.AppendUint32(b, h.UnixSecs)
	b = binary.BigEndian.AppendUint32(b, h.Sequence)
	return binary.BigEndian.AppendUint32(b, h.SourceID)
}

// AppendBinary implements [encoding.BinaryAppender]; it never fails.
func (h V9Header) AppendBinary(b []byte) ([]byte, error) { return h.AppendTo(b), nil }

// MarshalBinary implements [encoding.BinaryMarshaler].
func (h V9Header) MarshalBinary() ([]byte, error) {
	return h.AppendTo(make([]byte, 0, V9HeaderLen)), nil
}

// V9Kind says what [V9Parser.Next] stopped at.
type V9Kind uint8

// Kinds of items a [V9Parser] delivers.
const (
	// V9None: no item (before Next, or after it returned false).
	V9None V9Kind = iota
	// V9Template: a template record; see [V9Parser.Template]. The session
	// already holds it.
	V9Template
	// V9OptionsTemplate: an options template record; see
	// [V9Parser.Template].
	V9OptionsTemplate
	// V9Data: a data record; see [V9Parser.Record].
	V9Data
	// V9UnknownTemplate: a whole data FlowSet whose template the session
	// does not hold; see [V9Parser.FlowSet]. Its records are not
	// delivered. Copy the FlowSet's bytes to retry it later with
	// [V9Parser.StartFlowSet].
	V9UnknownTemplate
)

var kindNames = [...]string{"none", "template", "options template", "data", "unknown template"}

// String returns a lower-case name of k.
func (k V9Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid kind"
}

// V9FlowSet is a raw FlowSet: its ID and its bytes, 4-byte FlowSet header
// included, aliasing the packet.
type V9FlowSet struct {
	ID     uint16
	Offset int    // offset of the FlowSet in the packet
	Bytes  []byte // the whole FlowSet, header included
}

// Err returns an error wrapping [ErrUnknownTemplate] that names the
// FlowSet's template ID and offset. It allocates; call it only to report.
func (f V9FlowSet) Err() error {
	return &ParseError{Offset: f.Offset, Field: "netflow: v9 data flowset",
		Err: wire.Detailf("template", int64(f.ID), "not defined", ErrUnknownTemplate)}
}

// V9Parser walks the FlowSets and records of NetFlow v9 packets. Its zero
// value is ready to use; reuse one parser for many packets:
//
//	var p netflow.V9Parser
//	hdr, err := p.Start(session, exporter, pkt)
//	for p.Next() {
//		switch p.Kind() {
//		case netflow.V9Data:
//			rec := p.Record()
//			…
//		case netflow.V9UnknownTemplate:
//			keep(p.FlowSet())
//		}
//	}
//	if err := p.Err(); err != nil { … }
//
// Templates are installed in the [Session] as the parser reaches them, so
// data FlowSets later in the same packet can use them. Records and FlowSets
// alias the packet and are valid as long as its bytes are; templates
// belong to the session. Padding inside FlowSets and zero bytes after the
// last FlowSet are skipped. The parser checks the header's record count
// when the packet is done: it must equal the number of records (RFC 3954)
// or the number of FlowSets (what several exporters send); a count above
// both is reported as [ErrTruncated], any other mismatch as
// [ErrMalformed]; [Config.IgnoreCount] turns the check off. Records
// delivered before an error stay valid.
//
// A V9Parser is not safe for concurrent use, and neither is the Session it
// is given.
type V9Parser struct {
	s    *Session
	exp  netip.AddrPort
	hdr  V9Header
	pkt  []byte
	base int // offset of pkt[0] in the datagram

	next      int // offset of the next FlowSet
	setID     uint16
	setOff    int // offset of the current FlowSet
	cur, end  int // cursor and end within the current FlowSet
	tmpl      *Template
	kind      V9Kind
	item      *Template
	recOff    int // bounds in pkt of the current data record (kind V9Data)
	recEnd    int
	records   int
	sets      int
	countable bool
	err       error
}

// Start begins parsing pkt, a NetFlow v9 packet sent by exporter, with the
// templates of s. A nil s parses templates without keeping them, so every
// data FlowSet is reported as [V9UnknownTemplate]. Start fails on a short
// header or a version other than 9; then Next returns false.
func (p *V9Parser) Start(s *Session, exporter netip.AddrPort, pkt []byte) (V9Header, error) {
	*p = V9Parser{s: s, exp: exporter, pkt: pkt, countable: s == nil || !s.cfg.IgnoreCount}
	if len(pkt) < V9HeaderLen {
		p.err = &ParseError{Offset: len(pkt), Field: "netflow: v9 header", Err: ErrTruncated}
		return V9Header{}, p.err
	}
	be := binary.BigEndian
	if v := be.Uint16(pkt); v != 9 {
		p.err = &ParseError{Offset: 0, Field: "netflow: v9 version", Err: wire.Detailf("version", int64(v), "!= 9", ErrVersion)}
		return V9Header{}, p.err
	}
	p.hdr = V9Header{
		Count:     be.Uint16(pkt[2:]),
		SysUptime: be.Uint32(pkt[4:]),
		UnixSecs:  be.Uint32(pkt[8:]),
		Sequence:  be.Uint32(pkt[12:]),
		SourceID:  be.Uint32(pkt[16:]),
	}
	p.next = V9HeaderLen
	return p.hdr, nil
}

// StartFlowSet begins parsing one FlowSet (4-byte header included) as if
// it came in a packet with header h from exporter; use it to retry a
// FlowSet that was reported as [V9UnknownTemplate] once its template has
// arrived. If the template is still unknown it returns an error wrapping
// [ErrUnknownTemplate] (and Next returns false). Offsets in errors count
// from the start of set. The header count is not checked.
func (p *V9Parser) StartFlowSet(s *Session, exporter netip.AddrPort, h V9Header, set []byte) error {
	*p = V9Parser{s: s, exp: exporter, hdr: h, pkt: set}
	ok := p.nextFlowSet()
	if p.err != nil {
		return p.err
	}
	if !ok {
		p.err = &ParseError{Offset: 0, Field: "netflow: v9 flowset", Err: ErrTruncated}
		return p.err
	}
	if p.kind == V9UnknownTemplate {
		p.err = p.FlowSet().Err()
		p.kind = V9None
		return p.err
	}
	p.kind = V9None
	return nil
}

// Header returns the header of the current packet.
func (p *V9Parser) Header() V9Header { return p.hdr }

// Kind returns the kind of the current item.
func (p *V9Parser) Kind() V9Kind { return p.kind }

// Template returns the current template (kinds V9Template and
// V9OptionsTemplate), or the template of the current data record.
func (p *V9Parser) Template() *Template {
	if p.kind == V9Data {
		return p.tmpl
	}
	return p.item
}

// Record returns the current data record (kind V9Data).
func (p *V9Parser) Record() V9Record {
	a, b := p.recOff, p.recEnd
	if p.kind != V9Data || a < 0 || a > b || b > len(p.pkt) {
		return V9Record{}
	}
	return V9Record{t: p.tmpl, data: p.pkt[a:b:b], off: p.base + a}
}

// FlowSet returns the current FlowSet.
func (p *V9Parser) FlowSet() V9FlowSet {
	if p.setOff+4 > len(p.pkt) || p.end > len(p.pkt) {
		return V9FlowSet{}
	}
	return V9FlowSet{ID: p.setID, Offset: p.base + p.setOff, Bytes: p.pkt[p.setOff:p.end]}
}

// Err returns the first error met, or nil.
func (p *V9Parser) Err() error { return p.err }

func (p *V9Parser) fail(off int, field string, err error) bool {
	if p.err == nil {
		p.err = &ParseError{Offset: p.base + off, Field: field, Err: err}
	}
	p.kind = V9None
	p.recOff, p.recEnd = 0, 0
	p.item = nil
	return false
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// Next advances to the next item and reports whether there is one.
func (p *V9Parser) Next() bool {
	if p.err != nil {
		return false
	}
	for {
		if p.cur < p.end {
			switch p.setID {
			case TemplateFlowSetID:
				if p.end-p.cur < 4 || allZero(p.pkt[p.cur:p.end]) {
					p.cur = p.end
					continue
				}
				return p.template(false)
			case OptionsTemplateFlowSetID:
				if p.end-p.cur < 6 || allZero(p.pkt[p.cur:p.end]) {
					p.cur = p.end
					continue
				}
				return p.template(true)
			default:
				// A record of a fixed-length template, in place (data()
				// does the same, and the rest).
				if t := p.tmpl; t != nil && t.recLen > 0 && p.end-p.cur >= t.recLen {
					p.recOff, p.recEnd = p.cur, p.cur+t.recLen
					p.cur += t.recLen
					p.kind = V9Data
					p.records++
					return true
				}
				if p.data() {
					return true
				}
				if p.err != nil {
					return false
				}
				continue
			}
		}
		if !p.nextFlowSet() {
			return false
		}
		if p.kind == V9UnknownTemplate {
			return true
		}
	}
}

// data delivers the next data record of the current FlowSet, or skips
// its padding and returns false.
func (p *V9Parser) data() bool {
	t := p.tmpl
	rest := p.end - p.cur
	if rest < t.minLen {
		p.cur = p.end // padding
		return false
	}
	n := t.recLen
	if n < 0 {
		n = t.varLen(p.pkt[p.cur:p.end])
		if n < 0 {
			return p.fail(p.cur, "netflow: v9 data record", wire.Detailf("variable-length field of template", int64(t.id), "runs past the flowset", ErrMalformed))
		}
	}
	p.recOff, p.recEnd = p.cur, p.cur+n // within the FlowSet: minLen or varLen checked it
	p.cur += n
	p.kind = V9Data
	p.records++
	return true
}

// nextFlowSet reads the next FlowSet header. It returns false at the end
// of the packet or on error.
func (p *V9Parser) nextFlowSet() bool {
	p.kind = V9None
	p.recOff, p.recEnd = 0, 0
	p.item = nil
	off := p.next
	rest := len(p.pkt) - off
	if rest <= 0 || allZero(p.pkt[off:]) {
		p.cur, p.end = len(p.pkt), len(p.pkt)
		p.next = len(p.pkt)
		return p.finish()
	}
	if rest < V9FlowSetHeaderLen {
		return p.fail(off, "netflow: v9 flowset header", ErrTruncated)
	}
	id := binary.BigEndian.Uint16(p.pkt[off:])
	n := int(binary.BigEndian.Uint16(p.pkt[off+2:]))
	if n < V9FlowSetHeaderLen {
		return p.fail(off+2, "netflow: v9 flowset length", wire.Detailf("flowset length", int64(n), "< 4", ErrMalformed))
	}
	if n > rest {
		return p.fail(off, "netflow: v9 flowset", ErrTruncated)
	}
	p.setID, p.setOff = id, off
	p.sets++
	p.cur, p.end = off+V9FlowSetHeaderLen, off+n
	p.next = off + n
	p.tmpl = nil
	if id >= MinDataFlowSetID {
		var t *Template
		if p.s != nil {
			if e := p.s.exporter(p.exp); e != nil {
				t = e.lookup(tkey{p.hdr.SourceID, id})
			}
		}
		if t == nil {
			if p.s != nil {
				p.s.stats.UnknownTemplate++
			}
			p.countable = false
			p.kind = V9UnknownTemplate
			p.cur = p.end
			return true
		}
		p.tmpl = t
	} else if id > OptionsTemplateFlowSetID {
		p.cur = p.end // reserved FlowSet ID: skip
	}
	return true
}

// finish checks the header count at the end of the packet. RFC 3954
// defines it as the number of records, but several exporters (Fortigate,
// Streamcore, Cisco WLC, nProbe among the corpus) write the number of
// FlowSets instead, so either is accepted. Any other count means a packet
// cut short (count above both) or an inconsistent one.
func (p *V9Parser) finish() bool {
	if !p.countable {
		return false
	}
	p.countable = false
	c := int(p.hdr.Count)
	switch {
	case c == p.records || c == p.sets:
	case c > p.sets:
		return p.fail(len(p.pkt), "netflow: v9 header count", wire.Detailf("packet ended after", int64(p.records), "records, fewer than its header count", ErrTruncated))
	default:
		return p.fail(2, "netflow: v9 header count", wire.Detailf("header count", int64(c), "matches neither the records nor the flowsets of the packet", ErrMalformed))
	}
	return false
}

// template parses one template or options template record.
func (p *V9Parser) template(options bool) bool {
	b := p.pkt[p.cur:p.end]
	at := p.cur
	be := binary.BigEndian
	id := be.Uint16(b)
	var scopeN, fieldN, hdr int
	if options {
		sl, ol := int(be.Uint16(b[2:])), int(be.Uint16(b[4:]))
		if sl%4 != 0 || ol%4 != 0 {
			return p.fail(at+2, "netflow: v9 options template", wire.Detailf("scope and option lengths of template", int64(id), "are not multiples of 4", ErrMalformed))
		}
		scopeN, fieldN, hdr = sl/4, (sl+ol)/4, 6
	} else {
		fieldN, hdr = int(be.Uint16(b[2:])), 4
	}
	field := "netflow: v9 template"
	if options {
		field = "netflow: v9 options template"
	}
	if id < MinDataFlowSetID {
		return p.fail(at, field, wire.Detailf("template id", int64(id), "< 256", ErrMalformed))
	}
	if fieldN > (len(b)-hdr)/4 {
		return p.fail(at+2, field, wire.Detailf("field count", int64(fieldN), "exceeds the flowset", ErrMalformed))
	}
	raw := b[hdr : hdr+4*fieldN]
	p.cur += hdr + 4*fieldN
	if options {
		p.kind = V9OptionsTemplate
	} else {
		p.kind = V9Template
	}
	p.records++
	max := DefaultMaxFields
	if p.s != nil {
		max = p.s.maxFields()
	}
	if fieldN > max {
		if p.s != nil {
			p.s.stats.Rejected++
		}
		return p.fail(at+2, field, wire.Detailf("field count", int64(fieldN), "exceeds the session's MaxFields", ErrLimit))
	}
	key := tkey{p.hdr.SourceID, id}
	if p.s != nil {
		if e := p.s.exporter(p.exp); e != nil {
			if old := e.templates[key]; old != nil && old.sameFields(options, scopeN, raw) {
				p.s.refresh(old)
				p.item = old
				return true
			}
		}
	}
	t := &Template{id: id, sourceID: p.hdr.SourceID, options: options, scopes: scopeN, key: key,
		plan: make([]planField, fieldN)}
	for i := range t.plan {
		t.plan[i] = planField{typ: FieldType(be.Uint16(raw[4*i:])), length: be.Uint16(raw[4*i+2:]), scope: i < scopeN}
	}
	if !t.compile() {
		if p.s != nil {
			p.s.stats.Rejected++
		}
		return p.fail(at, field, wire.Detailf("records of template", int64(id), "would be 0 bytes long", ErrMalformed))
	}
	if p.s != nil {
		t = p.s.install(p.exp, t)
	}
	p.item = t
	return true
}

// varLen returns the length of the record at the start of b for a
// template with variable-length fields, or -1 if it does not fit.
func (t *Template) varLen(b []byte) int {
	off := 0
	for i := range t.plan {
		n := int(t.plan[i].length)
		if n == VariableLength {
			if off >= len(b) {
				return -1
			}
			n = int(b[off])
			off++
			if n == 255 {
				if len(b)-off < 2 {
					return -1
				}
				n = int(binary.BigEndian.Uint16(b[off:]))
				off += 2
			}
		}
		if n > len(b)-off {
			return -1
		}
		off += n
	}
	return off
}
