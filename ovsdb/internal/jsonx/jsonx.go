// Package jsonx is a small, allocation-conscious JSON pull decoder and value
// scanner used by the ovsdb client: it finds the end of concatenated JSON
// values on a stream (framing) and decodes them in one pass without building
// an intermediate tree.
package jsonx

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDepth bounds the nesting of arrays and objects.
const MaxDepth = 256

var (
	// ErrIncomplete reports that the buffer ends before the value does.
	ErrIncomplete = errors.New("jsonx: incomplete value")
	// ErrSyntax reports malformed JSON.
	ErrSyntax = errors.New("jsonx: syntax error")
	// ErrDepth reports nesting deeper than MaxDepth.
	ErrDepth = errors.New("jsonx: nesting too deep")
	// ErrUTF8 reports a string that is not valid UTF-8.
	ErrUTF8 = errors.New("jsonx: invalid UTF-8 in string")
	// ErrType reports a value of another type than the one asked for.
	ErrType = errors.New("jsonx: unexpected value type")
)

// Kind is the type of the next value.
type Kind uint8

// Value kinds.
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Array
	Object
)

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Scan returns the offsets [start,end) of the first complete JSON value in b
// (leading whitespace skipped). It returns ErrIncomplete when b holds only a
// prefix of a value, and ErrSyntax or ErrDepth for malformed input.
func Scan(b []byte) (start, end int, err error) {
	i := 0
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i == len(b) {
		return i, i, ErrIncomplete
	}
	start = i
	depth := 0
	for i < len(b) {
		c := b[i]
		switch {
		case isSpace(c) || c == ',' || c == ':':
			i++
			continue
		case c == '{' || c == '[':
			depth++
			if depth > MaxDepth {
				return start, i, ErrDepth
			}
			i++
		case c == '}' || c == ']':
			depth--
			if depth < 0 {
				return start, i, ErrSyntax
			}
			i++
		case c == '"':
			j := i + 1
			for {
				if j >= len(b) {
					return start, j, ErrIncomplete
				}
				if b[j] == '\\' {
					j += 2
					continue
				}
				if b[j] == '"' {
					break
				}
				if b[j] < 0x20 {
					return start, j, ErrSyntax
				}
				j++
			}
			i = j + 1
		case c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n':
			j := i
			for j < len(b) && isLiteralByte(b[j]) {
				j++
			}
			if j == len(b) && depth == 0 {
				// A bare top-level number or literal can't be framed.
				return start, j, ErrIncomplete
			}
			if j == len(b) {
				return start, j, ErrIncomplete
			}
			i = j
		default:
			return start, i, ErrSyntax
		}
		if depth == 0 {
			return start, i, nil
		}
	}
	return start, i, ErrIncomplete
}

func isLiteralByte(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' || c == '.' || (c >= 'A' && c <= 'Z')
}

// Decoder pulls values out of one complete JSON text held in memory.
// Errors are sticky: after the first one every method returns zero values
// and Err reports it.
type Decoder struct {
	b     []byte
	pos   int
	err   error
	depth int
	// first has bit i set while the container at depth i has not yet
	// produced an element (no comma expected).
	first [MaxDepth/64 + 1]uint64
}

// NewDecoder returns a decoder over b.
func NewDecoder(b []byte) *Decoder { return &Decoder{b: b} }

// Reset makes d decode b from its start.
func (d *Decoder) Reset(b []byte) {
	d.b, d.pos, d.err, d.depth = b, 0, nil, 0
}

// Err returns the first error met.
func (d *Decoder) Err() error { return d.err }

// Offset returns the current byte offset.
func (d *Decoder) Offset() int { return d.pos }

// Fail records err (if none is recorded yet) and returns the recorded error.
func (d *Decoder) Fail(err error) error {
	if d.err == nil {
		d.err = &SyntaxError{Offset: d.pos, Err: err}
	}
	return d.err
}

// SyntaxError is a decode error at a byte offset.
type SyntaxError struct {
	Offset int
	Err    error
}

func (e *SyntaxError) Error() string {
	return "json at offset " + strconv.Itoa(e.Offset) + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *SyntaxError) Unwrap() error { return e.Err }

func (d *Decoder) skipSpace() {
	for d.pos < len(d.b) && isSpace(d.b[d.pos]) {
		d.pos++
	}
}

// Peek returns the kind of the next value without consuming it.
func (d *Decoder) Peek() Kind {
	if d.err != nil {
		return Invalid
	}
	d.skipSpace()
	if d.pos >= len(d.b) {
		return Invalid
	}
	switch c := d.b[d.pos]; {
	case c == 'n':
		return Null
	case c == 't' || c == 'f':
		return Bool
	case c == '"':
		return String
	case c == '[':
		return Array
	case c == '{':
		return Object
	case c == '-' || (c >= '0' && c <= '9'):
		return Number
	}
	return Invalid
}

func (d *Decoder) expect(c byte) bool {
	if d.err != nil {
		return false
	}
	d.skipSpace()
	if d.pos >= len(d.b) {
		d.Fail(ErrIncomplete)
		return false
	}
	if d.b[d.pos] != c {
		d.Fail(ErrSyntax)
		return false
	}
	d.pos++
	return true
}

// BeginArray consumes '['.
func (d *Decoder) BeginArray() bool { return d.begin('[') }

// BeginObject consumes '{'.
func (d *Decoder) BeginObject() bool { return d.begin('{') }

func (d *Decoder) begin(c byte) bool {
	if d.Peek() != Array && d.Peek() != Object {
		if d.err == nil {
			d.Fail(ErrType)
		}
		return false
	}
	if !d.expect(c) {
		return false
	}
	if d.depth >= MaxDepth {
		d.Fail(ErrDepth)
		return false
	}
	d.depth++
	d.first[d.depth/64] |= 1 << (d.depth % 64)
	return true
}

// More reports whether the current array or object has another element,
// consuming the separating comma. When it returns false the closing bracket
// has been consumed.
func (d *Decoder) More() bool {
	if d.err != nil || d.depth == 0 {
		return false
	}
	d.skipSpace()
	if d.pos >= len(d.b) {
		d.Fail(ErrIncomplete)
		return false
	}
	c := d.b[d.pos]
	if c == ']' || c == '}' {
		d.pos++
		d.depth--
		return false
	}
	if bit := uint64(1) << (d.depth % 64); d.first[d.depth/64]&bit != 0 {
		d.first[d.depth/64] &^= bit
		return true
	}
	if c != ',' {
		d.Fail(ErrSyntax)
		return false
	}
	d.pos++
	return true
}

// Key reads an object key and the following colon. The returned bytes alias
// the input when the key has no escapes.
func (d *Decoder) Key() []byte {
	k := d.StringBytes()
	if !d.expect(':') {
		return nil
	}
	return k
}

// StringBytes reads a string. The result aliases the input unless the
// string holds escapes.
func (d *Decoder) StringBytes() []byte {
	if !d.expect('"') {
		return nil
	}
	start := d.pos
	ascii := true
	for d.pos < len(d.b) {
		c := d.b[d.pos]
		if c == '"' {
			s := d.b[start:d.pos]
			if !ascii && !utf8.Valid(s) {
				d.Fail(ErrUTF8)
				return nil
			}
			d.pos++
			return s
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
		if c == '\\' {
			return d.unescape(start)
		}
		if c < 0x20 {
			d.Fail(ErrSyntax)
			return nil
		}
		d.pos++
	}
	d.Fail(ErrIncomplete)
	return nil
}

// String reads a string value.
func (d *Decoder) String() string {
	if d.Peek() != String {
		d.typeErr()
		return ""
	}
	return string(d.StringBytes())
}

func (d *Decoder) typeErr() {
	if d.err == nil {
		if d.pos >= len(d.b) {
			d.Fail(ErrIncomplete)
		} else {
			d.Fail(ErrType)
		}
	}
}

func (d *Decoder) unescape(start int) []byte {
	out := make([]byte, 0, d.pos-start+16)
	out = append(out, d.b[start:d.pos]...)
	for d.pos < len(d.b) {
		c := d.b[d.pos]
		switch {
		case c == '"':
			d.pos++
			if !utf8.Valid(out) {
				d.Fail(ErrUTF8)
				return nil
			}
			return out
		case c < 0x20:
			d.Fail(ErrSyntax)
			return nil
		case c != '\\':
			out = append(out, c)
			d.pos++
			continue
		}
		if d.pos+1 >= len(d.b) {
			d.Fail(ErrIncomplete)
			return nil
		}
		e := d.b[d.pos+1]
		d.pos += 2
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return nil
			}
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if d.pos+1 < len(d.b) && d.b[d.pos] == '\\' && d.b[d.pos+1] == 'u' {
					d.pos += 2
					r2, ok = d.hex4()
					if !ok {
						return nil
					}
				}
				r = utf16.DecodeRune(r, r2)
			}
			out = utf8.AppendRune(out, r)
		default:
			d.Fail(ErrSyntax)
			return nil
		}
	}
	d.Fail(ErrIncomplete)
	return nil
}

func (d *Decoder) hex4() (rune, bool) {
	if d.pos+4 > len(d.b) {
		d.Fail(ErrIncomplete)
		return 0, false
	}
	var r rune
	for _, c := range d.b[d.pos : d.pos+4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			d.Fail(ErrSyntax)
			return 0, false
		}
	}
	d.pos += 4
	return r, true
}

func (d *Decoder) literal() []byte {
	if d.err != nil {
		return nil
	}
	d.skipSpace()
	start := d.pos
	for d.pos < len(d.b) && isLiteralByte(d.b[d.pos]) {
		d.pos++
	}
	if start == d.pos {
		d.typeErr()
		return nil
	}
	if !validLiteral(d.b[start:d.pos]) {
		d.Fail(ErrSyntax)
		return nil
	}
	return d.b[start:d.pos]
}

// Null consumes a null and reports whether the next value was null.
func (d *Decoder) Null() bool {
	if d.Peek() != Null {
		return false
	}
	if string(d.literal()) != "null" {
		d.Fail(ErrSyntax)
		return false
	}
	return true
}

// Bool reads true or false.
func (d *Decoder) Bool() bool {
	if d.Peek() != Bool {
		d.typeErr()
		return false
	}
	switch string(d.literal()) {
	case "true":
		return true
	case "false":
		return false
	}
	d.Fail(ErrSyntax)
	return false
}

// NumberBytes reads a number's text.
func (d *Decoder) NumberBytes() []byte {
	if d.Peek() != Number {
		d.typeErr()
		return nil
	}
	return d.literal()
}

// Int reads an integer (a number without fraction or exponent).
func (d *Decoder) Int() int64 {
	n := d.NumberBytes()
	if n == nil {
		return 0
	}
	v, ok := parseInt(n)
	if !ok {
		d.Fail(ErrType)
		return 0
	}
	return v
}

func parseInt(n []byte) (int64, bool) {
	neg := false
	i := 0
	if len(n) > 0 && n[0] == '-' {
		neg = true
		i = 1
	}
	if i == len(n) || len(n)-i > 19 {
		return 0, false
	}
	var u uint64
	for ; i < len(n); i++ {
		c := n[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		u = u*10 + uint64(c-'0')
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > 1<<63-1 {
		return 0, false
	}
	return int64(u), true
}

// IsInt reports whether number text n is a JSON integer within int64.
func IsInt(n []byte) bool { _, ok := parseInt(n); return ok }

// Float reads a number as float64.
func (d *Decoder) Float() float64 {
	n := d.NumberBytes()
	if n == nil {
		return 0
	}
	v, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		d.Fail(ErrSyntax)
		return 0
	}
	return v
}

// Skip consumes the next value and returns its raw bytes.
func (d *Decoder) Skip() []byte {
	if d.err != nil {
		return nil
	}
	d.skipSpace()
	if d.pos >= len(d.b) {
		d.Fail(ErrIncomplete)
		return nil
	}
	start, end, err := scanValue(d.b[d.pos:])
	if err != nil {
		d.pos += end
		d.Fail(err)
		return nil
	}
	s := d.b[d.pos+start : d.pos+end]
	d.pos += end
	return s
}

// scanValue is Scan but accepts a bare literal that ends at the buffer end
// or at a delimiter.
func scanValue(b []byte) (int, int, error) {
	c := b[0]
	switch {
	case c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n':
		j := 0
		for j < len(b) && isLiteralByte(b[j]) {
			j++
		}
		if !validLiteral(b[:j]) {
			return 0, j, ErrSyntax
		}
		return 0, j, nil
	case c == '{' || c == '[' || c == '"':
		return Scan(b)
	}
	return 0, 0, ErrSyntax
}

// validLiteral checks true, false, null or a JSON number.
func validLiteral(l []byte) bool {
	switch string(l) {
	case "true", "false", "null":
		return true
	}
	i := 0
	if i < len(l) && l[i] == '-' {
		i++
	}
	if i == len(l) || l[i] < '0' || l[i] > '9' {
		return false
	}
	if l[i] == '0' {
		i++
	} else {
		for i < len(l) && l[i] >= '0' && l[i] <= '9' {
			i++
		}
	}
	if i < len(l) && l[i] == '.' {
		i++
		d := i
		for i < len(l) && l[i] >= '0' && l[i] <= '9' {
			i++
		}
		if i == d {
			return false
		}
	}
	if i < len(l) && (l[i] == 'e' || l[i] == 'E') {
		i++
		if i < len(l) && (l[i] == '+' || l[i] == '-') {
			i++
		}
		d := i
		for i < len(l) && l[i] >= '0' && l[i] <= '9' {
			i++
		}
		if i == d {
			return false
		}
	}
	return i == len(l)
}

// End checks that only whitespace remains.
func (d *Decoder) End() error {
	if d.err != nil {
		return d.err
	}
	d.skipSpace()
	if d.pos != len(d.b) {
		return d.Fail(ErrSyntax)
	}
	return nil
}

// AppendString appends s as a JSON string literal.
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, s[start:i]...)
				b = append(b, `\ufffd`...)
				i++
				start = i
				continue
			}
			if r == '\u2028' || r == '\u2029' {
				b = append(b, s[start:i]...)
				b = append(b, `\u202`...)
				b = append(b, "89"[r-'\u2028'])
				i += size
				start = i
				continue
			}
			i += size
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			const hex = "0123456789abcdef"
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// AppendFloat appends f in a form JSON accepts and that reads back as a real.
func AppendFloat(b []byte, f float64) []byte {
	n := len(b)
	b = strconv.AppendFloat(b, f, 'g', -1, 64)
	for _, c := range b[n:] {
		if c == '.' || c == 'e' || c == 'E' || c == 'n' || c == 'N' {
			return b
		}
	}
	return append(b, ".0"...)
}
