package ipfix

import "encoding/binary"

// List is a cursor over a structured data list (RFC 6313): the elements of
// a basicList, or the records of a subTemplateList or
// subTemplateMultiList (whose templates come from the same exporter and
// observation domain). Lists nest at most 16 deep; deeper lists fail with
// ErrLimit.
type List struct {
	Type     DataType // BasicList, SubTemplateList or SubTemplateMultiList
	Semantic Semantic
	// Elem is the element of a basicList.
	Elem FieldSpecifier
	// TemplateID is the template of a subTemplateList, or of the current
	// entry of a subTemplateMultiList.
	TemplateID uint16

	b     []byte
	base  int
	off   int
	end   int // end of the current subTemplateMultiList entry
	dom   *domain
	depth uint8
	ie    *InfoElement
	typ   DataType
	plan  *Plan
	field Field
	rec   Record
	err   error
}

// List returns a cursor over the list in f (see [Field.IsList]).
func (f Field) List() (List, error) {
	l := List{Type: f.Type, b: f.Raw, base: f.Offset, dom: f.dom, depth: f.depth + 1}
	if !f.IsList() {
		return l, errAt(f.Offset, "ipfix: list", ErrMalformed)
	}
	if l.depth > maxListDepth {
		return l, errAt(f.Offset, "ipfix: list nesting", ErrLimit)
	}
	b := f.Raw
	if len(b) < 1 {
		return l, errAt(f.Offset, "ipfix: list semantic", ErrTruncated)
	}
	l.Semantic = Semantic(b[0])
	switch f.Type {
	case BasicList:
		if len(b) < 5 {
			return l, errAt(f.Offset+1, "ipfix: basicList field specifier", ErrTruncated)
		}
		id := binary.BigEndian.Uint16(b[1:])
		l.Elem = FieldSpecifier{ID: id &^ EnterpriseBit, Length: binary.BigEndian.Uint16(b[3:])}
		l.off = 5
		if id&EnterpriseBit != 0 {
			if len(b) < 9 {
				return l, errAt(f.Offset+5, "ipfix: basicList enterprise number", ErrTruncated)
			}
			l.Elem.Enterprise = binary.BigEndian.Uint32(b[5:])
			l.off = 9
		}
		if l.Elem.Length == 0 {
			return l, errAt(f.Offset+3, "ipfix: basicList element length", ErrMalformed)
		}
		l.ie = Lookup(l.Elem.Enterprise, l.Elem.ID)
		l.typ = OctetArray
		if l.ie != nil {
			l.typ = l.ie.Type
			if l.Elem.Length == VarLen {
				if l.typ.naturalLen() != 0 {
					l.typ = OctetArray
				}
			} else if !l.typ.lenValid(int(l.Elem.Length)) {
				l.typ = OctetArray
			}
		}
	case SubTemplateList:
		if len(b) < 3 {
			return l, errAt(f.Offset+1, "ipfix: subTemplateList template ID", ErrTruncated)
		}
		l.TemplateID = binary.BigEndian.Uint16(b[1:])
		l.off = 3
		if l.plan = l.template(l.TemplateID); l.plan == nil {
			return l, errAt(f.Offset+1, "ipfix: subTemplateList template ID", ErrUnknownTemplate)
		}
		l.end = len(b)
	case SubTemplateMultiList:
		l.off = 1
		l.end = 1
	}
	return l, nil
}

func (l *List) template(id uint16) *Plan {
	if l.dom == nil || l.dom.templates == nil {
		return nil
	}
	return l.dom.templates[id]
}

// Err returns the error that stopped Next.
func (l *List) Err() error { return l.err }

// Next moves to the next element (basicList) or record (sub-template
// lists).
func (l *List) Next() bool {
	if l.err != nil {
		return false
	}
	switch l.Type {
	case BasicList:
		return l.nextElem()
	case SubTemplateList, SubTemplateMultiList:
		return l.nextRecord()
	}
	return false
}

func (l *List) nextElem() bool {
	b := l.b
	if l.off >= len(b) {
		return false
	}
	start, end := l.off, 0
	if l.Elem.Length == VarLen {
		n := int(b[start])
		start++
		if n == 255 {
			if start+2 > len(b) {
				l.err = errAt(l.base+start, "ipfix: basicList element length", ErrTruncated)
				return false
			}
			n = int(b[start])<<8 | int(b[start+1])
			start += 2
		}
		end = start + n
	} else {
		end = start + int(l.Elem.Length)
	}
	if end > len(b) {
		l.err = errAt(l.base+start, "ipfix: basicList element", ErrTruncated)
		return false
	}
	l.off = end
	l.field = Field{Spec: l.Elem, Info: l.ie, Type: l.typ, Raw: b[start:end:end], Offset: l.base + start, dom: l.dom, depth: l.depth}
	return true
}

func (l *List) nextRecord() bool {
	b := l.b
	for {
		if l.plan != nil {
			rest := l.end - l.off
			if rest >= l.plan.minLen && rest > 0 {
				n, ok := l.plan.recordLen(b[l.off:l.end])
				if !ok {
					l.err = errAt(l.base+l.off, "ipfix: list record", ErrTruncated)
					return false
				}
				l.rec = Record{plan: l.plan, data: b[l.off : l.off+n : l.off+n], base: l.base + l.off, depth: l.depth}
				l.off += n
				return true
			}
		}
		if l.Type != SubTemplateMultiList {
			return false
		}
		// Next subTemplateMultiList entry.
		l.off = l.end
		if l.off >= len(b) {
			return false
		}
		if l.off+4 > len(b) {
			l.err = errAt(l.base+l.off, "ipfix: subTemplateMultiList entry header", ErrTruncated)
			return false
		}
		l.TemplateID = binary.BigEndian.Uint16(b[l.off:])
		n := int(binary.BigEndian.Uint16(b[l.off+2:]))
		if n < 4 {
			l.err = errAt(l.base+l.off+2, "ipfix: subTemplateMultiList entry length", ErrMalformed)
			return false
		}
		if l.off+n > len(b) {
			l.err = errAt(l.base+l.off+2, "ipfix: subTemplateMultiList entry length", ErrTruncated)
			return false
		}
		if l.plan = l.template(l.TemplateID); l.plan == nil {
			l.err = errAt(l.base+l.off, "ipfix: subTemplateMultiList template ID", ErrUnknownTemplate)
			return false
		}
		l.end = l.off + n
		l.off += 4
	}
}

// Field returns the current basicList element.
func (l *List) Field() Field { return l.field }

// Record returns the current record of a sub-template list; it is valid
// until the next call of Next.
func (l *List) Record() *Record { return &l.rec }
