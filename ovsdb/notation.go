package ovsdb

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"math"
	"slices"
	"strconv"

	"github.com/ovsflow/ovsflow/ovsdb/internal/jsonx"
)

// UUID is an RFC 7047 <uuid>. Its JSON form is ["uuid","8-4-4-4-12"].
// The zero UUID is all zeros.
type UUID [16]byte

// NewUUID returns a random (version 4) UUID, usable as the explicit "uuid"
// of an insert operation.
func NewUUID() UUID {
	var u UUID
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u
}

// ParseUUID parses the 36-character textual form.
func ParseUUID(s string) (UUID, error) {
	var u UUID
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, errors.New("ovsdb: invalid uuid " + strconv.Quote(s))
	}
	j := 0
	for i := 0; i < 36; {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			i++
			continue
		}
		hi, ok1 := unhex(s[i])
		lo, ok2 := unhex(s[i+1])
		if !ok1 || !ok2 {
			return UUID{}, errors.New("ovsdb: invalid uuid " + strconv.Quote(s))
		}
		u[j] = hi<<4 | lo
		j++
		i += 2
	}
	return u, nil
}

// MustParseUUID is ParseUUID that panics on error, for constants in tests.
func MustParseUUID(s string) UUID {
	u, err := ParseUUID(s)
	if err != nil {
		panic(err)
	}
	return u
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// AppendText appends the 36-character textual form.
func (u UUID) AppendText(b []byte) ([]byte, error) { return u.appendText(b), nil }

func (u UUID) appendText(b []byte) []byte {
	var buf [36]byte
	hex.Encode(buf[0:8], u[0:4])
	buf[8] = '-'
	hex.Encode(buf[9:13], u[4:6])
	buf[13] = '-'
	hex.Encode(buf[14:18], u[6:8])
	buf[18] = '-'
	hex.Encode(buf[19:23], u[8:10])
	buf[23] = '-'
	hex.Encode(buf[24:], u[10:])
	return append(b, buf[:]...)
}

// String returns the textual form.
func (u UUID) String() string { return string(u.appendText(nil)) }

// IsZero reports whether u is all zeros.
func (u UUID) IsZero() bool { return u == UUID{} }

// MarshalJSON returns ["uuid","…"].
func (u UUID) MarshalJSON() ([]byte, error) { return appendUUIDJSON(nil, u), nil }

func appendUUIDJSON(b []byte, u UUID) []byte {
	b = append(b, `["uuid","`...)
	b = u.appendText(b)
	return append(b, `"]`...)
}

// UnmarshalJSON parses ["uuid","…"].
func (u *UUID) UnmarshalJSON(b []byte) error {
	d := jsonx.NewDecoder(b)
	var a atom
	if err := decodeAtom(d, &a); err != nil {
		return err
	}
	if err := d.End(); err != nil {
		return decodeErr("uuid", d, err)
	}
	if a.kind != kindUUID {
		return &DecodeError{What: "uuid", Err: jsonx.ErrType}
	}
	*u = a.u
	return nil
}

// NamedUUID is an RFC 7047 <named-uuid>: a name, valid only inside one
// transaction, that stands for the UUID of a row inserted with that
// uuid-name. Its JSON form is ["named-uuid","name"].
type NamedUUID string

// Valid reports whether n matches [a-zA-Z_][a-zA-Z0-9_]*.
func (n NamedUUID) Valid() bool {
	if n == "" {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9') {
			continue
		}
		return false
	}
	return true
}

// MarshalJSON returns ["named-uuid","name"].
func (n NamedUUID) MarshalJSON() ([]byte, error) {
	if !n.Valid() {
		return nil, errors.New("ovsdb: invalid named-uuid " + strconv.Quote(string(n)))
	}
	b := append([]byte(nil), `["named-uuid",`...)
	b = jsonx.AppendString(b, string(n))
	return append(b, ']'), nil
}

// UnmarshalJSON parses ["named-uuid","name"].
func (n *NamedUUID) UnmarshalJSON(b []byte) error {
	d := jsonx.NewDecoder(b)
	var a atom
	if err := decodeAtom(d, &a); err != nil {
		return err
	}
	if err := d.End(); err != nil {
		return decodeErr("named-uuid", d, err)
	}
	if a.kind != kindNamedUUID {
		return &DecodeError{What: "named-uuid", Err: jsonx.ErrType}
	}
	*n = NamedUUID(a.s)
	return nil
}

// Atomic is the set of Go types that hold one RFC 7047 <atom>: integer,
// real, boolean, string, uuid and named-uuid.
type Atomic interface {
	int64 | float64 | bool | string | UUID | NamedUUID
}

type atomKind uint8

const (
	kindNone atomKind = iota
	kindInteger
	kindReal
	kindBoolean
	kindString
	kindUUID
	kindNamedUUID
)

func (k atomKind) String() string {
	return [...]string{"none", "integer", "real", "boolean", "string", "uuid", "named-uuid"}[k]
}

// atom is the internal, untyped form of one atom.
type atom struct {
	kind atomKind
	i    int64
	f    float64
	s    string // string or named-uuid
	u    UUID
}

func (a *atom) appendJSON(b []byte) []byte {
	switch a.kind {
	case kindInteger:
		return strconv.AppendInt(b, a.i, 10)
	case kindReal:
		return jsonx.AppendFloat(b, a.f)
	case kindBoolean:
		return strconv.AppendBool(b, a.i != 0)
	case kindString:
		return jsonx.AppendString(b, a.s)
	case kindUUID:
		return appendUUIDJSON(b, a.u)
	case kindNamedUUID:
		b = append(b, `["named-uuid",`...)
		b = jsonx.AppendString(b, a.s)
		return append(b, ']')
	}
	return append(b, "null"...)
}

func (a *atom) less(o *atom) bool {
	if a.kind != o.kind {
		return a.kind < o.kind
	}
	switch a.kind {
	case kindInteger, kindBoolean:
		return a.i < o.i
	case kindReal:
		return a.f < o.f
	case kindString, kindNamedUUID:
		return a.s < o.s
	case kindUUID:
		return string(a.u[:]) < string(o.u[:])
	}
	return false
}

func decodeErr(what string, d *jsonx.Decoder, err error) error {
	var se *jsonx.SyntaxError
	if errors.As(err, &se) {
		return &DecodeError{What: what, Offset: se.Offset, Err: se.Err}
	}
	return &DecodeError{What: what, Offset: d.Offset(), Err: err}
}

var errBadAtom = errors.New("not an atom")

// decodeAtom reads one atom of any type.
func decodeAtom(d *jsonx.Decoder, a *atom) error { return decodeAtomMode(d, a, true) }

// decodeAtomMode is decodeAtom; with keep false, strings are checked but
// not copied out (a.s stays empty), for validation passes.
func decodeAtomMode(d *jsonx.Decoder, a *atom, keep bool) error {
	switch d.Peek() {
	case jsonx.String:
		a.kind = kindString
		if sb := d.StringBytes(); keep {
			a.s = string(sb)
		}
	case jsonx.Bool:
		a.kind = kindBoolean
		a.i = 0
		if d.Bool() {
			a.i = 1
		}
	case jsonx.Number:
		n := d.NumberBytes()
		if n == nil {
			break
		}
		if v, ok := parseIntBytes(n); ok {
			a.kind, a.i = kindInteger, v
		} else {
			f, err := strconv.ParseFloat(string(n), 64)
			if err != nil {
				d.Fail(jsonx.ErrSyntax)
				break
			}
			a.kind, a.f = kindReal, f
		}
	case jsonx.Array:
		d.BeginArray()
		if !d.More() {
			d.Fail(errBadAtom)
			break
		}
		tag := d.StringBytes()
		if !d.More() {
			d.Fail(errBadAtom)
			break
		}
		switch string(tag) {
		case "uuid":
			s := d.StringBytes()
			if d.Err() != nil {
				break
			}
			u, err := parseUUIDBytes(s)
			if err != nil {
				d.Fail(err)
				break
			}
			a.kind, a.u = kindUUID, u
		case "named-uuid":
			s := d.StringBytes()
			a.kind, a.s = kindNamedUUID, string(s)
			if d.Err() == nil && !NamedUUID(a.s).Valid() {
				d.Fail(errors.New("invalid named-uuid"))
			}
		default:
			d.Fail(errBadAtom)
		}
		if d.More() {
			d.Fail(errBadAtom)
		}
	default:
		if d.Err() == nil {
			d.Fail(errBadAtom)
		}
	}
	if err := d.Err(); err != nil {
		return decodeErr("atom", d, err)
	}
	return nil
}

func parseIntBytes(n []byte) (int64, bool) {
	if !jsonx.IsInt(n) {
		return 0, false
	}
	v, err := strconv.ParseInt(string(n), 10, 64)
	return v, err == nil
}

func parseUUIDBytes(s []byte) (UUID, error) {
	var u UUID
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, errors.New("invalid uuid")
	}
	j := 0
	for i := 0; i < 36; {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			i++
			continue
		}
		hi, ok1 := unhex(s[i])
		lo, ok2 := unhex(s[i+1])
		if !ok1 || !ok2 {
			return UUID{}, errors.New("invalid uuid")
		}
		u[j] = hi<<4 | lo
		j++
		i += 2
	}
	return u, nil
}

// datum is the untyped form of a full <value>: an atom, a set or a map.
type datum struct {
	isMap bool
	keys  []atom
	vals  []atom
}

func (dt *datum) appendJSON(b []byte) []byte {
	if dt.isMap {
		b = append(b, `["map",[`...)
		for i := range dt.keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = dt.keys[i].appendJSON(b)
			b = append(b, ',')
			b = dt.vals[i].appendJSON(b)
			b = append(b, ']')
		}
		return append(b, "]]"...)
	}
	if len(dt.keys) == 1 {
		return dt.keys[0].appendJSON(b)
	}
	b = append(b, `["set",[`...)
	for i := range dt.keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = dt.keys[i].appendJSON(b)
	}
	return append(b, "]]"...)
}

// toAtom converts a typed atomic value.
func toAtom[T Atomic](v T, a *atom) {
	switch x := any(v).(type) {
	case int64:
		*a = atom{kind: kindInteger, i: x}
	case float64:
		*a = atom{kind: kindReal, f: x}
	case bool:
		*a = atom{kind: kindBoolean}
		if x {
			a.i = 1
		}
	case string:
		*a = atom{kind: kindString, s: x}
	case UUID:
		*a = atom{kind: kindUUID, u: x}
	case NamedUUID:
		*a = atom{kind: kindNamedUUID, s: string(x)}
	}
}

// fromAtom converts an atom into T, accepting an integer for a real.
func fromAtom[T Atomic](a *atom, out *T) bool {
	switch p := any(out).(type) {
	case *int64:
		if a.kind == kindInteger {
			*p = a.i
			return true
		}
	case *float64:
		switch a.kind {
		case kindReal:
			*p = a.f
			return true
		case kindInteger:
			*p = float64(a.i)
			return true
		}
	case *bool:
		if a.kind == kindBoolean {
			*p = a.i != 0
			return true
		}
	case *string:
		if a.kind == kindString {
			*p = a.s
			return true
		}
	case *UUID:
		if a.kind == kindUUID {
			*p = a.u
			return true
		}
	case *NamedUUID:
		if a.kind == kindNamedUUID {
			*p = NamedUUID(a.s)
			return true
		}
	}
	return false
}

func kindOf[T Atomic]() atomKind {
	var z T
	switch any(z).(type) {
	case int64:
		return kindInteger
	case float64:
		return kindReal
	case bool:
		return kindBoolean
	case string:
		return kindString
	case UUID:
		return kindUUID
	case NamedUUID:
		return kindNamedUUID
	}
	return kindNone
}

func appendAtomic[T Atomic](b []byte, v T) []byte {
	switch x := any(v).(type) {
	case int64:
		return strconv.AppendInt(b, x, 10)
	case float64:
		return jsonx.AppendFloat(b, x)
	case bool:
		return strconv.AppendBool(b, x)
	case string:
		return jsonx.AppendString(b, x)
	case UUID:
		return appendUUIDJSON(b, x)
	case NamedUUID:
		b = append(b, `["named-uuid",`...)
		b = jsonx.AppendString(b, string(x))
		return append(b, ']')
	}
	return b
}

func typeErr(want atomKind, got *atom) error {
	return &DecodeError{What: want.String(), Err: errors.New("got " + got.kind.String())}
}

// Value is one RFC 7047 <value> (an atom, a set or a map) held in its JSON
// encoding. Build one with [AtomOf], [SetOf], [MapOf], [OptionalOf] or
// [EmptySet]; read one with [DecodeAtom], [DecodeSet], [DecodeMap] or
// [DecodeOptional]. The zero Value is "absent" and marshals as an empty set.
// A Value decoded from a message aliases that message's buffer, which is
// never reused.
type Value struct {
	raw []byte
}

// RawValue returns a Value holding JSON text b, checking that it is a valid
// <value>.
func RawValue(b []byte) (Value, error) {
	var dt datum
	if err := decodeDatumRaw2(b, &dt); err != nil {
		return Value{}, err
	}
	return Value{raw: b}, nil
}

func decodeDatumRaw2(b []byte, dt *datum) error {
	dt.keys, dt.vals, dt.isMap = dt.keys[:0], dt.vals[:0], false
	isMap, err := walkValue(b, func(k, v atom, pair bool) error {
		dt.keys = append(dt.keys, k)
		if pair {
			dt.vals = append(dt.vals, v)
		}
		return nil
	})
	dt.isMap = isMap
	return err
}

// IsZero reports whether v is the zero (absent) Value.
func (v Value) IsZero() bool { return len(v.raw) == 0 }

// Bytes returns the JSON text. The caller must not modify it.
func (v Value) Bytes() []byte {
	if len(v.raw) == 0 {
		return []byte(`["set",[]]`)
	}
	return v.raw
}

// String returns the JSON text.
func (v Value) String() string { return string(v.Bytes()) }

// Equal reports whether v and o denote the same value (sets and maps
// compared regardless of order).
func (v Value) Equal(o Value) bool {
	var a, b datum
	if decodeDatumRaw2(v.Bytes(), &a) != nil || decodeDatumRaw2(o.Bytes(), &b) != nil {
		return string(v.raw) == string(o.raw)
	}
	a.normalize()
	b.normalize()
	if a.isMap != b.isMap && len(a.keys) > 0 {
		return false
	}
	if len(a.keys) != len(b.keys) {
		return false
	}
	for i := range a.keys {
		if a.keys[i] != b.keys[i] {
			return false
		}
		if a.isMap && a.vals[i] != b.vals[i] {
			return false
		}
	}
	return true
}

func (dt *datum) normalize() {
	idx := make([]int, len(dt.keys))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(x, y int) int {
		if dt.keys[x].less(&dt.keys[y]) {
			return -1
		}
		if dt.keys[y].less(&dt.keys[x]) {
			return 1
		}
		return 0
	})
	k := make([]atom, len(idx))
	var v []atom
	if dt.isMap {
		v = make([]atom, len(idx))
	}
	for i, j := range idx {
		k[i] = dt.keys[j]
		if dt.isMap {
			v[i] = dt.vals[j]
		}
	}
	dt.keys, dt.vals = k, v
}

// MarshalJSON returns the JSON text (an empty set for the zero Value).
func (v Value) MarshalJSON() ([]byte, error) { return v.Bytes(), nil }

// UnmarshalJSON checks and keeps a copy of b.
func (v *Value) UnmarshalJSON(b []byte) error {
	nv, err := RawValue(append([]byte(nil), b...))
	if err != nil {
		return err
	}
	*v = nv
	return nil
}

// AtomOf returns the Value of one atom (equivalently, a one-element set).
func AtomOf[T Atomic](x T) Value { return Value{raw: appendAtomic(nil, x)} }

// SetOf returns the Value of a set; one element is encoded bare, as
// ovsdb-server does. Duplicates are the caller's responsibility (the server
// rejects them).
func SetOf[T Atomic](elems ...T) Value {
	if len(elems) == 1 {
		return AtomOf(elems[0])
	}
	b := append(make([]byte, 0, 10+len(elems)*8), `["set",[`...)
	for i, e := range elems {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendAtomic(b, e)
	}
	return Value{raw: append(b, "]]"...)}
}

// EmptySet returns the empty set, which clears an optional, set or map column.
func EmptySet() Value { return Value{raw: []byte(`["set",[]]`)} }

// OptionalOf returns a one-element set for a non-nil p and the empty set for nil.
func OptionalOf[T Atomic](p *T) Value {
	if p == nil {
		return EmptySet()
	}
	return AtomOf(*p)
}

// MapOf returns the Value of a map, pairs sorted by key for a deterministic
// encoding.
func MapOf[K, V Atomic](m map[K]V) Value {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compareAtomic[K])
	b := append(make([]byte, 0, 10+len(m)*16), `["map",[`...)
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendAtomic(b, k)
		b = append(b, ',')
		b = appendAtomic(b, m[k])
		b = append(b, ']')
	}
	return Value{raw: append(b, "]]"...)}
}

func compareAtomic[T Atomic](x, y T) int {
	var a, b atom
	toAtom(x, &a)
	toAtom(y, &b)
	if a.less(&b) {
		return -1
	}
	if b.less(&a) {
		return 1
	}
	return 0
}

// walkValue decodes the <value> raw without building intermediate slices,
// calling fn for each set element (v nil) or map pair. It returns whether
// raw was a map. fn returns false to stop with errStop.
func walkValue(raw []byte, fn func(k, v atom, pair bool) error) (bool, error) {
	return walkValueMode(raw, fn, true)
}

// checkValue verifies that raw is a well-formed <value> without copying
// anything out of it.
func checkValue(raw []byte) error {
	_, err := walkValueMode(raw, func(atom, atom, bool) error { return nil }, false)
	return err
}

func walkValueMode(raw []byte, fn func(k, v atom, pair bool) error, keep bool) (bool, error) {
	var d jsonx.Decoder
	d.Reset(raw)
	isMap, err := walkDecoder(&d, fn, keep)
	if err != nil {
		return isMap, err
	}
	if err := d.End(); err != nil {
		return isMap, decodeErr("value", &d, err)
	}
	return isMap, nil
}

func walkDecoder(d *jsonx.Decoder, fn func(k, v atom, pair bool) error, keep bool) (bool, error) {
	var k, v atom
	if d.Peek() != jsonx.Array {
		if err := decodeAtomMode(d, &k, keep); err != nil {
			return false, err
		}
		return false, fn(k, v, false)
	}
	// Look at the tag on a copy of the decoder state.
	save := *d
	d.BeginArray()
	if !d.More() {
		return false, decodeErr("value", d, errBadAtom)
	}
	tag := d.StringBytes()
	if !d.More() {
		return false, decodeErr("value", d, errBadAtom)
	}
	switch string(tag) {
	case "uuid", "named-uuid":
		*d = save
		if err := decodeAtomMode(d, &k, keep); err != nil {
			return false, err
		}
		return false, fn(k, v, false)
	case "set":
		if !d.BeginArray() {
			return false, decodeErr("set", d, d.Err())
		}
		for d.More() {
			if err := decodeAtomMode(d, &k, keep); err != nil {
				return false, err
			}
			if err := fn(k, v, false); err != nil {
				return false, err
			}
		}
	case "map":
		if !d.BeginArray() {
			return true, decodeErr("map", d, d.Err())
		}
		for d.More() {
			d.BeginArray()
			if !d.More() {
				return true, decodeErr("map pair", d, errBadAtom)
			}
			if err := decodeAtomMode(d, &k, keep); err != nil {
				return true, err
			}
			if !d.More() {
				return true, decodeErr("map pair", d, errBadAtom)
			}
			if err := decodeAtomMode(d, &v, keep); err != nil {
				return true, err
			}
			if d.More() {
				return true, decodeErr("map pair", d, errBadAtom)
			}
			if err := fn(k, v, true); err != nil {
				return true, err
			}
		}
	default:
		return false, decodeErr("value", d, errBadAtom)
	}
	if d.More() {
		return false, decodeErr("value", d, errBadAtom)
	}
	if d.Err() != nil {
		return false, decodeErr("value", d, d.Err())
	}
	return string(tag) == "map", nil
}

var errNotSet = errors.New("got a map")

// DecodeAtom reads v as a single atom of type T. An integer is accepted for
// a real.
func DecodeAtom[T Atomic](v Value) (T, error) {
	var out T
	n := 0
	var terr error
	isMap, err := walkValue(v.Bytes(), func(k, _ atom, _ bool) error {
		n++
		if n == 1 && !fromAtom(&k, &out) {
			terr = typeErr(kindOf[T](), &k)
		}
		return nil
	})
	if err != nil {
		return out, err
	}
	if isMap || n != 1 {
		return out, &DecodeError{What: kindOf[T]().String(), Err: errors.New("not a single atom: " + strconv.Itoa(n) + " elements")}
	}
	return out, terr
}

// DecodeSet reads v as a set of T, accepting the bare single-element form.
func DecodeSet[T Atomic](v Value) ([]T, error) {
	var out []T
	isMap, err := walkValue(v.Bytes(), func(k, _ atom, _ bool) error {
		var x T
		if !fromAtom(&k, &x) {
			return typeErr(kindOf[T](), &k)
		}
		out = append(out, x)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if isMap && len(out) > 0 {
		return nil, &DecodeError{What: "set", Err: errNotSet}
	}
	return out, nil
}

// DecodeOptional reads v as a set of zero or one T: nil for the empty set.
func DecodeOptional[T Atomic](v Value) (*T, error) {
	var out *T
	n := 0
	isMap, err := walkValue(v.Bytes(), func(k, _ atom, _ bool) error {
		n++
		if n > 1 {
			return &DecodeError{What: "optional " + kindOf[T]().String(), Err: errTooMany}
		}
		out = new(T)
		if !fromAtom(&k, out) {
			return typeErr(kindOf[T](), &k)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if isMap && n > 0 {
		return nil, &DecodeError{What: "optional", Err: errNotSet}
	}
	return out, nil
}

// DecodeMap reads v as a map from K to V. An empty set is accepted as the
// empty map; an empty map decodes to nil.
func DecodeMap[K, V Atomic](v Value) (map[K]V, error) {
	var out map[K]V
	isMap, err := walkValue(v.Bytes(), func(k, val atom, pair bool) error {
		if !pair {
			return &DecodeError{What: "map", Err: errors.New("got a set")}
		}
		var x K
		var y V
		if !fromAtom(&k, &x) {
			return typeErr(kindOf[K](), &k)
		}
		if !fromAtom(&val, &y) {
			return typeErr(kindOf[V](), &val)
		}
		if out == nil {
			out = make(map[K]V)
		}
		out[x] = y
		return nil
	})
	_ = isMap
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Set is a typed RFC 7047 <set>. It marshals a single element bare and
// unmarshals both forms.
type Set[T Atomic] []T

// MarshalJSON encodes the set.
func (s Set[T]) MarshalJSON() ([]byte, error) { return SetOf(s...).raw, nil }

// UnmarshalJSON decodes a set or a bare atom.
func (s *Set[T]) UnmarshalJSON(b []byte) error {
	v, err := DecodeSet[T](Value{raw: b})
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Value returns s as a [Value].
func (s Set[T]) Value() Value { return SetOf(s...) }

// Map is a typed RFC 7047 <map>.
type Map[K, V Atomic] map[K]V

// MarshalJSON encodes the map, pairs sorted by key.
func (m Map[K, V]) MarshalJSON() ([]byte, error) { return MapOf(m).raw, nil }

// UnmarshalJSON decodes a map.
func (m *Map[K, V]) UnmarshalJSON(b []byte) error {
	v, err := DecodeMap[K, V](Value{raw: b})
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Value returns m as a [Value].
func (m Map[K, V]) Value() Value { return MapOf(m) }

// checkReal rejects NaN and infinities, which JSON cannot carry.
func checkReal(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
