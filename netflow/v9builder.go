package netflow

import (
	"github.com/ovsflow/ovsflow/internal/wire"
)

var (
	errV9Full      = &wire.Detail{Msg: "netflow: v9 packet would exceed its maximum length", Err: ErrLimit}
	errV9Template  = &wire.Detail{Msg: "netflow: v9 template id < 256 or invalid field list", Err: ErrMalformed}
	errV9RecordLen = &wire.Detail{Msg: "netflow: v9 data record is empty", Err: ErrMalformed}
)

// V9Builder builds one NetFlow v9 export packet in a caller-owned buffer.
// NewV9Builder writes the header; AddTemplate, AddOptionsTemplate and
// AddRecord append records, opening a FlowSet of the right ID when the
// previous item was of another kind; Finish pads and closes the last
// FlowSet and back-patches the header count.
//
// The builder keeps the packet within the maximum length given to
// NewV9Builder: an Add that would exceed it returns an error wrapping
// [ErrLimit] and leaves the packet as it was, so the caller finishes this
// packet, starts the next one (with the next sequence number) and adds the
// item again. The header's Sequence is the caller's: RFC 3954 counts the
// packets an exporter sent (per source ID), so add 1 per packet; see
// [V9Sequencer].
//
// With a buffer of enough capacity nothing allocates.
type V9Builder struct {
	buf    []byte
	start  int
	max    int
	set    int // offset of the open FlowSet's header, or -1
	setID  uint16
	minRec int // shortest record in the open data FlowSet
	count  int
}

// NewV9Builder starts a packet with header h at the end of dst. maxLen
// bounds the packet's length in bytes (for example 1400 to stay within an
// Ethernet MTU); 0 or anything above 65535 means 65535.
func NewV9Builder(dst []byte, h V9Header, maxLen int) V9Builder {
	if maxLen <= 0 || maxLen > 65535 {
		maxLen = 65535
	}
	h.Count = 0
	return V9Builder{buf: h.AppendTo(dst), start: len(dst), max: maxLen, set: -1}
}

// Len returns the current length of the packet, padding of the open
// FlowSet not included.
func (b *V9Builder) Len() int { return len(b.buf) - b.start }

// Count returns the number of records added.
func (b *V9Builder) Count() int { return b.count }

// fits reports whether n more bytes of a record in a FlowSet of this ID
// (with a new FlowSet header if needed, and the padding of the FlowSets
// closed on the way) stay within the limit.
func (b *V9Builder) fits(id uint16, n int) bool {
	total := b.Len()
	setLen, minRec := 0, n
	if b.set >= 0 && b.setID == id && id != OptionsTemplateFlowSetID {
		setLen = len(b.buf) - b.set
		if b.minRec > 0 && b.minRec < minRec {
			minRec = b.minRec
		}
	} else {
		if b.set >= 0 {
			total += b.padding(b.setID, len(b.buf)-b.set, b.minRec)
		}
		total += V9FlowSetHeaderLen
		setLen = V9FlowSetHeaderLen
	}
	setLen += n
	total += n + b.padding(id, setLen, minRec)
	return total <= b.max
}

// padding returns the padding that closes a FlowSet of this ID and
// length. It is left out of a data FlowSet whose records are so short
// that a decoder would read the padding as a record.
func (b *V9Builder) padding(id uint16, setLen, minRec int) int {
	pad := wire.Pad4(setLen)
	if id >= MinDataFlowSetID && pad >= minRec {
		return 0
	}
	return pad
}

func (b *V9Builder) open(id uint16) {
	if b.set >= 0 && b.setID == id {
		return
	}
	b.closeSet()
	b.set = len(b.buf)
	b.setID = id
	b.minRec = 0
	b.buf = append(b.buf, byte(id>>8), byte(id), 0, 0)
}

// closeSet pads the open FlowSet to a multiple of 4 bytes and writes its
// length.
func (b *V9Builder) closeSet() {
	if b.set < 0 {
		return
	}
	b.buf = wire.AppendZeros(b.buf, b.padding(b.setID, len(b.buf)-b.set, b.minRec))
	wire.PutUint16(b.buf, b.set+2, uint16(len(b.buf)-b.set))
	b.set = -1
}

func validFields(fields []TemplateField, options bool) bool {
	total, scopes := 0, 0
	for i, f := range fields {
		if f.Scope {
			if !options || i != scopes {
				return false // scope fields only in options templates, first
			}
			scopes++
		}
		if f.Length == VariableLength {
			total++
		} else {
			total += int(f.Length)
		}
	}
	return len(fields) > 0 && total > 0
}

// AddTemplate adds a template record. fields must not be empty, must not
// be scope fields, and must describe records of at least 1 byte.
func (b *V9Builder) AddTemplate(id uint16, fields []TemplateField) error {
	if id < MinDataFlowSetID || !validFields(fields, false) {
		return errV9Template
	}
	n := 4 + 4*len(fields)
	if !b.fits(TemplateFlowSetID, n) {
		return errV9Full
	}
	b.open(TemplateFlowSetID)
	b.buf = append(b.buf, byte(id>>8), byte(id), byte(len(fields)>>8), byte(len(fields)))
	for _, f := range fields {
		b.buf = append(b.buf, byte(f.Type>>8), byte(f.Type), byte(f.Length>>8), byte(f.Length))
	}
	b.count++
	return nil
}

// AddOptionsTemplate adds an options template record. Its scope fields
// (Scope true, Type a [ScopeType]) come first in fields.
func (b *V9Builder) AddOptionsTemplate(id uint16, fields []TemplateField) error {
	if id < MinDataFlowSetID || !validFields(fields, true) {
		return errV9Template
	}
	scopes := 0
	for _, f := range fields {
		if f.Scope {
			scopes++
		}
	}
	n := 6 + 4*len(fields)
	if !b.fits(OptionsTemplateFlowSetID, n) {
		return errV9Full
	}
	// One options template per FlowSet keeps its padding unambiguous.
	b.closeSet()
	b.open(OptionsTemplateFlowSetID)
	sl, ol := 4*scopes, 4*(len(fields)-scopes)
	b.buf = append(b.buf, byte(id>>8), byte(id), byte(sl>>8), byte(sl), byte(ol>>8), byte(ol))
	for _, f := range fields {
		b.buf = append(b.buf, byte(f.Type>>8), byte(f.Type), byte(f.Length>>8), byte(f.Length))
	}
	b.closeSet()
	b.count++
	return nil
}

// AddRecord adds a data record laid out by template templateID: rec holds
// the field values back to back, as [V9Record.Bytes] returns them.
func (b *V9Builder) AddRecord(templateID uint16, rec []byte) error {
	if templateID < MinDataFlowSetID || len(rec) == 0 {
		return errV9RecordLen
	}
	if !b.fits(templateID, len(rec)) {
		return errV9Full
	}
	b.open(templateID)
	if b.minRec == 0 || len(rec) < b.minRec {
		b.minRec = len(rec)
	}
	b.buf = append(b.buf, rec...)
	b.count++
	return nil
}

// Finish closes the open FlowSet, sets the header count to the number of
// records and returns the buffer with the packet appended.
func (b *V9Builder) Finish() []byte {
	b.closeSet()
	wire.PutUint16(b.buf, b.start+2, uint16(b.count))
	return b.buf
}

// V9Sequencer numbers packets the way RFC 3954 section 5.1 asks: an
// incremental counter of the export packets sent for one source ID,
// starting at 0 and wrapping at 2^32. Use one per source ID and pass
// Next() as the header's Sequence. The zero value starts at 0.
type V9Sequencer struct{ sent uint32 }

// Next returns the sequence number of the next packet and counts it.
func (s *V9Sequencer) Next() uint32 {
	n := s.sent
	s.sent++
	return n
}
