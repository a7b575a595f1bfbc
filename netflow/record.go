package netflow

import (
	"encoding/binary"
	"math"
	"net/netip"
	"time"
)

// V9Record is one NetFlow v9 data record: its bytes, aliasing the packet,
// and the template that lays them out. Walk its fields with Fields, or
// pick one by type with Get and the typed accessors.
type V9Record struct {
	t    *Template
	data []byte
	off  int
}

// Template returns the record's template.
func (r V9Record) Template() *Template { return r.t }

// Bytes returns the record's bytes. They alias the packet.
func (r V9Record) Bytes() []byte { return r.data }

// Offset returns the offset of the record in its packet.
func (r V9Record) Offset() int { return r.off }

// Fields returns a cursor over the record's fields in template order.
func (r V9Record) Fields() FieldIter {
	if r.t == nil {
		return FieldIter{i: -1}
	}
	it := FieldIter{plan: r.t.plan, data: r.data, i: -1}
	if r.t.recLen >= 0 && len(r.data) == r.t.recLen {
		it.nfixed = len(r.t.plan)
	}
	return it
}

// Get returns the first non-scope field of type typ.
func (r V9Record) Get(typ FieldType) (Field, bool) {
	t := r.t
	if t == nil {
		return Field{}, false
	}
	if t.recLen >= 0 {
		if typ < 128 {
			i := t.first[typ]
			if i == noIndex {
				return Field{}, false
			}
			f := &t.plan[i]
			return Field{Type: f.typ, Value: r.data[f.off : int(f.off)+int(f.length)]}, true
		}
		for i := range t.plan {
			f := &t.plan[i]
			if f.typ == typ && !f.scope {
				return Field{Type: f.typ, Value: r.data[f.off : int(f.off)+int(f.length)]}, true
			}
		}
		return Field{}, false
	}
	it := r.Fields()
	for it.Next() {
		if f := it.Field(); f.Type == typ && !f.Scope {
			return f, true
		}
	}
	return Field{}, false
}

// Scope returns the first scope field of type s.
func (r V9Record) Scope(s ScopeType) (Field, bool) {
	it := r.Fields()
	for it.Next() {
		if f := it.Field(); f.Scope && f.Type == FieldType(s) {
			return f, true
		}
	}
	return Field{}, false
}

// Uint returns the first field of type typ as an unsigned integer; see
// [Field.Uint].
func (r V9Record) Uint(typ FieldType) (uint64, bool) {
	f, ok := r.Get(typ)
	if !ok {
		return 0, false
	}
	return f.Uint()
}

// Addr returns the first field of type typ as an address; see
// [Field.Addr].
func (r V9Record) Addr(typ FieldType) (netip.Addr, bool) {
	f, ok := r.Get(typ)
	if !ok {
		return netip.Addr{}, false
	}
	return f.Addr()
}

// FieldIter is a cursor over the fields of a [V9Record]:
//
//	it := rec.Fields()
//	for it.Next() {
//		f := it.Field()
//		…
//	}
type FieldIter struct {
	plan []planField
	data []byte
	i    int
	// nfixed is len(plan) when every field's offset is in the plan
	// (templates without variable-length fields, whose records the parser
	// cut to exactly the template's length), else 0. Fields below nfixed
	// take their bounds from the plan; the others from start and end.
	nfixed     int
	start, end int // bounds of the current value in data when i >= nfixed
}

// Next advances to the next field and reports whether there is one.
func (it *FieldIter) Next() bool {
	// Small enough to inline: the fixed-layout case only moves the index,
	// Field and Offset read the bounds from the plan.
	it.i++
	if it.i < it.nfixed {
		return true
	}
	return it.next()
}

// next is Next for the fields whose bounds are not in the plan; it.i has
// already been advanced.
func (it *FieldIter) next() bool {
	if it.i >= len(it.plan) || it.i < 0 {
		return it.stop()
	}
	pf := &it.plan[it.i]
	n := int(pf.length)
	off := it.end
	if n == VariableLength {
		// The record was measured when it was decoded, so these reads
		// stay in bounds; check anyway.
		if off >= len(it.data) {
			return it.stop()
		}
		n = int(it.data[off])
		off++
		if n == 255 {
			if len(it.data)-off < 2 {
				return it.stop()
			}
			n = int(binary.BigEndian.Uint16(it.data[off:]))
			off += 2
		}
	}
	if n > len(it.data)-off {
		return it.stop()
	}
	it.start, it.end = off, off+n
	return true
}

// stop ends the walk: the index moves past the last field, and in the
// fixed layout start and end keep the last field's bounds, as Offset
// reports them.
func (it *FieldIter) stop() bool {
	if it.nfixed > 0 && it.i >= it.nfixed {
		pf := &it.plan[it.nfixed-1]
		it.start, it.end = int(pf.off), int(pf.off)+int(pf.length)
		it.nfixed = 0
	}
	if it.plan == nil {
		it.i-- // no template: the index stays where it was
	} else {
		it.i = len(it.plan)
	}
	return false
}

// Field returns the current field, or the zero Field before the first
// Next and after Next returned false.
func (it *FieldIter) Field() Field {
	i := it.i
	if uint(i) >= uint(len(it.plan)) {
		return Field{}
	}
	pf := &it.plan[i]
	s, e := it.start, it.end
	if i < it.nfixed {
		s, e = int(pf.off), int(pf.end)
	}
	return Field{Type: pf.typ, Scope: pf.scope, Value: it.data[s:e:e]}
}

// Offset returns the offset of the current field's value within the
// record (after the length prefix of a variable-length field).
func (it *FieldIter) Offset() int {
	if uint(it.i) < uint(it.nfixed) {
		return int(it.plan[it.i].off)
	}
	return it.start
}

// Index returns the position of the current field in the template.
func (it *FieldIter) Index() int { return it.i }

// Field is one field value of a data record. For a scope field (Scope
// true) Type holds a [ScopeType] number. Value aliases the packet.
type Field struct {
	Type  FieldType
	Scope bool
	Value []byte
}

// Name returns the field's IANA name, a scope name such as
// "scopeInterface", or "" if unknown.
func (f Field) Name() string {
	if f.Scope {
		return ScopeType(f.Type).Name()
	}
	return f.Type.Name()
}

// Uint returns the value as a big-endian unsigned integer of 1 to 8 bytes
// (NetFlow v9 allows counters and identifiers of any of these lengths).
func (f Field) Uint() (uint64, bool) {
	v := f.Value
	switch len(v) {
	case 1:
		return uint64(v[0]), true
	case 2:
		return uint64(binary.BigEndian.Uint16(v)), true
	case 4:
		return uint64(binary.BigEndian.Uint32(v)), true
	case 8:
		return binary.BigEndian.Uint64(v), true
	case 3, 5, 6, 7:
		var x uint64
		for _, c := range v {
			x = x<<8 | uint64(c)
		}
		return x, true
	}
	return 0, false
}

// Int returns the value as a big-endian two's-complement integer of 1 to
// 8 bytes.
func (f Field) Int() (int64, bool) {
	u, ok := f.Uint()
	if !ok {
		return 0, false
	}
	shift := 64 - 8*uint(len(f.Value))
	return int64(u<<shift) >> shift, true
}

// Float returns a 4- or 8-byte IEEE 754 value.
func (f Field) Float() (float64, bool) {
	switch len(f.Value) {
	case 4:
		return float64(math.Float32frombits(binary.BigEndian.Uint32(f.Value))), true
	case 8:
		return math.Float64frombits(binary.BigEndian.Uint64(f.Value)), true
	}
	return 0, false
}

// Addr returns a 4-byte value as an IPv4 address or a 16-byte value as an
// IPv6 address.
func (f Field) Addr() (netip.Addr, bool) {
	switch len(f.Value) {
	case 4:
		return netip.AddrFrom4([4]byte(f.Value)), true
	case 16:
		return netip.AddrFrom16([16]byte(f.Value)), true
	}
	return netip.Addr{}, false
}

// MAC returns a 6-byte value as a MAC address.
func (f Field) MAC() ([6]byte, bool) {
	if len(f.Value) != 6 {
		return [6]byte{}, false
	}
	return [6]byte(f.Value), true
}

// Time returns the value of a time field as wall-clock time: the IPFIX
// dateTime types by their [DataType], and the NetFlow v9 uptime stamps
// (types 21, 22 and other sysUpTime fields of 4 bytes) through h. It
// reports false for other fields.
func (f Field) Time(h V9Header) (time.Time, bool) {
	if f.Scope {
		return time.Time{}, false
	}
	switch f.Type {
	case FieldFlowEndSysUpTime, FieldFlowStartSysUpTime:
		u, ok := f.Uint()
		if !ok || u > math.MaxUint32 {
			return time.Time{}, false
		}
		return h.UptimeTime(uint32(u)), true
	}
	u, ok := f.Uint()
	if !ok {
		return time.Time{}, false
	}
	switch f.Type.DataType() {
	case DataDateTimeSeconds:
		return time.Unix(int64(u), 0), true
	case DataDateTimeMilliseconds:
		return time.UnixMilli(int64(u)), true
	case DataDateTimeMicroseconds, DataDateTimeNanoseconds:
		// RFC 7011 section 6.1.9: NTP format, seconds since 1900 and a
		// binary fraction; microseconds ignore the low 11 bits.
		if len(f.Value) != 8 {
			return time.Time{}, false
		}
		frac := u & 0xffffffff
		if f.Type.DataType() == DataDateTimeMicroseconds {
			frac &^= 0x7ff
		}
		sec := int64(u>>32) - 2208988800
		return time.Unix(sec, int64((frac*1e9)>>32)), true
	}
	return time.Time{}, false
}
