package netflow

// VariableLength is the template field length that announces a
// variable-length field. RFC 3954 has no such thing, but some exporters
// borrow it from IPFIX (RFC 7011 section 7): each value is then preceded
// by a 1-byte length, or by 255 and a 2-byte length.
const VariableLength = 65535

// TemplateField is one field specifier of a template: a type and a length
// in bytes. Scope marks the scope fields of an options template, whose
// Type is a [ScopeType] number.
type TemplateField struct {
	Type   FieldType
	Length uint16
	Scope  bool
}

// planField is a TemplateField compiled for decoding.
type planField struct {
	typ    FieldType
	length uint16
	off    uint16 // offset within a record when the template has no variable-length field before it
	end    uint16 // off + length, with off
	scope  bool
}

// noIndex marks a field type absent from Template.first.
const noIndex = 0xffff

// Template is a NetFlow v9 template or options template, compiled into a
// decode plan when it is defined. Templates are immutable once created:
// a redefinition makes a new Template, so records already decoded keep
// the one they were decoded with.
type Template struct {
	id       uint16
	sourceID uint32
	options  bool
	scopes   int
	plan     []planField
	recLen   int // record length, or -1 if the template has variable-length fields
	minLen   int // smallest record length (variable-length fields count 1 byte)
	first    [128]uint16

	// Session bookkeeping.
	key        tkey
	exp        *exporterState
	prev, next *Template
	definedAt  int64 // unix nanoseconds
}

// ID returns the template ID (256–65535).
func (t *Template) ID() uint16 { return t.id }

// SourceID returns the source ID of the datagram that defined the template.
func (t *Template) SourceID() uint32 { return t.sourceID }

// IsOptions reports whether t is an options template.
func (t *Template) IsOptions() bool { return t.options }

// NumFields returns the number of fields, scope fields included.
func (t *Template) NumFields() int { return len(t.plan) }

// NumScopes returns the number of scope fields; they come first.
func (t *Template) NumScopes() int { return t.scopes }

// Field returns field i (0 ≤ i < NumFields).
func (t *Template) Field(i int) TemplateField {
	f := t.plan[i]
	return TemplateField{Type: f.typ, Length: f.length, Scope: f.scope}
}

// RecordLen returns the length of a data record in bytes, or -1 if the
// template has variable-length fields.
func (t *Template) RecordLen() int { return t.recLen }

// AppendFields appends t's fields to dst.
func (t *Template) AppendFields(dst []TemplateField) []TemplateField {
	for i := range t.plan {
		dst = append(dst, t.Field(i))
	}
	return dst
}

// compile fills the decode plan; fields must already be in t.plan.
// It returns false if the records would be 0 bytes long.
func (t *Template) compile() bool {
	for i := range t.first {
		t.first[i] = noIndex
	}
	off, fixed := 0, true
	for i := range t.plan {
		f := &t.plan[i]
		if fixed {
			f.off = uint16(off)
			f.end = uint16(off + int(f.length)) // a fixed template is at most 65535 bytes long
		} else {
			f.off = noIndex
		}
		if f.length == VariableLength {
			fixed = false
			t.minLen++
		} else {
			off += int(f.length)
			t.minLen += int(f.length)
		}
		if !f.scope && f.typ < 128 && t.first[f.typ] == noIndex {
			t.first[f.typ] = uint16(i)
		}
	}
	if fixed {
		t.recLen = off
	} else {
		t.recLen = -1
	}
	return t.minLen > 0 && t.minLen <= 65535
}

// sameFields reports whether t has exactly these fields.
func (t *Template) sameFields(options bool, scopes int, raw []byte) bool {
	if t.options != options || t.scopes != scopes || len(raw) != 4*len(t.plan) {
		return false
	}
	for i := range t.plan {
		f := &t.plan[i]
		if uint16(f.typ) != uint16(raw[4*i])<<8|uint16(raw[4*i+1]) ||
			f.length != uint16(raw[4*i+2])<<8|uint16(raw[4*i+3]) {
			return false
		}
	}
	return true
}
