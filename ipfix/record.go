package ipfix

import (
	"encoding/binary"
	"iter"
	"math"
	"net/netip"
	"time"
)

// Record is one data record: its template and bytes (aliasing the
// message). Fields are read by index ([Record.Field], indexes from
// [Plan.Index]), by element ([Record.Get]) or in order ([Record.Fields]).
type Record struct {
	plan  *Plan
	data  []byte
	base  int
	depth uint8
}

// Template returns the record's template.
func (r *Record) Template() *Plan { return r.plan }

// Bytes returns the record's bytes.
func (r *Record) Bytes() []byte { return r.data }

// NumFields returns the number of fields.
func (r *Record) NumFields() int { return len(r.plan.fields) }

// Field returns field i (0 ≤ i < NumFields). Fields before the first
// variable-length field are found in constant time, later ones by walking
// the lengths.
func (r *Record) Field(i int) Field {
	p := r.plan
	pf := &p.fields[i]
	if i < p.firstVar {
		off := pf.off
		return r.field(pf, off, off+int(pf.spec.Length))
	}
	off := p.varOff
	for j := p.firstVar; ; j++ {
		start, end := fieldBounds(r.data, off, p.fields[j].spec.Length)
		if j == i {
			return r.field(pf, start, end)
		}
		off = end
	}
}

// fieldBounds returns the value bounds of a field at off of a record
// whose length was already checked by recordLen.
func fieldBounds(b []byte, off int, l uint16) (int, int) {
	if l != VarLen {
		return off, off + int(l)
	}
	n := int(b[off])
	off++
	if n == 255 {
		n = int(b[off])<<8 | int(b[off+1])
		off += 2
	}
	return off, off + n
}

func (r *Record) field(pf *planField, start, end int) Field {
	return Field{
		Spec:   pf.spec,
		Info:   pf.ie,
		Type:   pf.typ,
		Raw:    r.data[start:end:end],
		Offset: r.base + start,
		dom:    r.plan.dom,
		depth:  r.depth,
	}
}

// Get returns the first field for element id of enterprise ent.
func (r *Record) Get(ent uint32, id uint16) (Field, bool) {
	i := r.plan.Index(ent, id)
	if i < 0 {
		return Field{}, false
	}
	return r.Field(i), true
}

// Fields returns a cursor over the fields in template order.
func (r *Record) Fields() FieldIter { return FieldIter{r: r, i: -1} }

// All yields every field in template order.
func (r *Record) All() iter.Seq[Field] {
	return func(yield func(Field) bool) {
		it := r.Fields()
		for it.Next() {
			if !yield(it.f) {
				return
			}
		}
	}
}

// FieldIter walks the fields of a record in order, in linear time
// whatever the variable-length fields.
type FieldIter struct {
	r   *Record
	i   int
	off int
	f   Field
}

// Next moves to the next field.
func (it *FieldIter) Next() bool {
	p := it.r.plan
	it.i++
	if it.i >= len(p.fields) {
		return false
	}
	pf := &p.fields[it.i]
	start, end := fieldBounds(it.r.data, it.off, pf.spec.Length)
	it.off = end
	it.f = it.r.field(pf, start, end)
	return true
}

// Index returns the index of the current field.
func (it *FieldIter) Index() int { return it.i }

// Field returns the current field.
func (it *FieldIter) Field() Field { return it.f }

// Field is one field value of a record (or an element of a basicList):
// the specifier, the registry entry (nil if unknown), the decode type and
// the raw bytes (aliasing the message). The typed accessors read Raw per
// Type; an accessor that does not fit the type returns the zero value.
type Field struct {
	Spec   FieldSpecifier
	Info   *InfoElement
	Type   DataType // the registry type, or OctetArray if unknown or the length does not fit it
	Raw    []byte
	Offset int // offset of Raw in the message
	dom    *domain
	depth  uint8
}

// Name returns the element's registry name, or "" if unknown.
func (f Field) Name() string {
	if f.Info == nil {
		return ""
	}
	return f.Info.Name
}

// Uint returns an unsigned integer of any length up to 8 (reduced size
// included), big-endian; dateTime and float bits too.
func (f Field) Uint() uint64 { return beUint(f.Raw) }

// Int returns a signed integer of any length up to 8, sign-extended.
func (f Field) Int() int64 {
	n := len(f.Raw)
	if n == 0 || n > 8 {
		return 0
	}
	shift := 64 - 8*uint(n)
	return int64(f.Uint()<<shift) >> shift
}

// Float returns a float32 or float64 value (by length).
func (f Field) Float() float64 {
	switch len(f.Raw) {
	case 4:
		return float64(math.Float32frombits(binary.BigEndian.Uint32(f.Raw)))
	case 8:
		return math.Float64frombits(binary.BigEndian.Uint64(f.Raw))
	}
	return 0
}

// Bool returns a boolean: true only for the value 1 (RFC 7011 §6.1.5).
func (f Field) Bool() bool { return len(f.Raw) == 1 && f.Raw[0] == 1 }

// MAC returns a macAddress.
func (f Field) MAC() [6]byte {
	if len(f.Raw) != 6 {
		return [6]byte{}
	}
	return [6]byte(f.Raw)
}

// Addr returns an ipv4Address or ipv6Address (by length).
func (f Field) Addr() netip.Addr {
	switch len(f.Raw) {
	case 4:
		return netip.AddrFrom4([4]byte(f.Raw))
	case 16:
		return netip.AddrFrom16([16]byte(f.Raw))
	}
	return netip.Addr{}
}

// Time returns a dateTimeSeconds, dateTimeMilliseconds,
// dateTimeMicroseconds or dateTimeNanoseconds value (per Type), in UTC.
// The micro- and nanosecond types are NTP timestamps (RFC 7011 §6.1.9);
// microseconds ignore the 11 low bits of the fraction and round to the
// nearest microsecond.
func (f Field) Time() time.Time {
	switch f.Type {
	case DateTimeSeconds:
		if len(f.Raw) == 4 {
			return time.Unix(int64(binary.BigEndian.Uint32(f.Raw)), 0).UTC()
		}
	case DateTimeMilliseconds:
		if len(f.Raw) == 8 {
			return time.UnixMilli(int64(binary.BigEndian.Uint64(f.Raw))).UTC()
		}
	case DateTimeMicroseconds, DateTimeNanoseconds:
		if len(f.Raw) == 8 {
			sec := int64(binary.BigEndian.Uint32(f.Raw)) - ntpEpochOffset
			frac := uint64(binary.BigEndian.Uint32(f.Raw[4:]))
			if f.Type == DateTimeMicroseconds {
				frac &^= 0x7FF
				us := (frac*1e6 + 1<<31) >> 32
				return time.Unix(sec, int64(us)*1000).UTC()
			}
			ns := (frac*1e9 + 1<<31) >> 32
			return time.Unix(sec, int64(ns)).UTC()
		}
	}
	return time.Time{}
}

// IsList reports whether the field is a structured data list.
func (f Field) IsList() bool {
	return f.Type == BasicList || f.Type == SubTemplateList || f.Type == SubTemplateMultiList
}

// raw returns the bytes of field i.
func (r *Record) raw(i int) []byte {
	p := r.plan
	if uint(i) < uint(p.firstVar) {
		pf := &p.fields[i]
		return r.data[pf.off:pf.end]
	}
	return r.rawSlow(i)
}

//go:noinline
func (r *Record) rawSlow(i int) []byte { return r.Field(i).Raw }

// Raw returns the bytes of field i, aliasing the message.
func (r *Record) Raw(i int) []byte { return r.raw(i) }

// Uint returns field i as an unsigned integer (any length up to 8).
func (r *Record) Uint(i int) uint64 {
	// A fixed-offset field at least 8 bytes into the record: one 8-byte
	// load ending at the field's end, masked to its length.
	if fix := r.plan.fix; uint(i) < uint(len(fix)) {
		f := &fix[i]
		if e := int(f.end); e >= 8 && e <= len(r.data) {
			return binary.BigEndian.Uint64(r.data[e-8:e]) & f.mask
		}
	}
	return r.uintSlow(i)
}

func (r *Record) uintSlow(i int) uint64 {
	if fix := r.plan.fix; uint(i) < uint(len(fix)) {
		f := fix[i]
		return beUint(r.data[f.off:f.end])
	}
	return beUint(r.rawSlow(i))
}

// Int returns field i as a sign-extended integer (any length up to 8).
func (r *Record) Int(i int) int64 {
	b := r.raw(i)
	n := len(b)
	if n == 0 || n > 8 {
		return 0
	}
	shift := 64 - 8*uint(n)
	return int64(beUint(b)<<shift) >> shift
}

// Addr returns field i as an IPv4 (4 bytes) or IPv6 (16 bytes) address.
func (r *Record) Addr(i int) netip.Addr {
	var b []byte
	if fix := r.plan.fix; uint(i) < uint(len(fix)) {
		f := fix[i]
		b = r.data[f.off:f.end]
	} else {
		b = r.rawSlow(i)
	}
	switch len(b) {
	case 4:
		return netip.AddrFrom4([4]byte(b))
	case 16:
		return netip.AddrFrom16([16]byte(b))
	}
	return netip.Addr{}
}

func beUint(b []byte) uint64 {
	switch len(b) {
	case 1:
		return uint64(b[0])
	case 2:
		return uint64(binary.BigEndian.Uint16(b))
	case 4:
		return uint64(binary.BigEndian.Uint32(b))
	case 8:
		return binary.BigEndian.Uint64(b)
	}
	if len(b) > 8 {
		return 0
	}
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v
}
