package wire

import (
	"encoding/binary"
	"net/netip"
)

// Reader is a bounds-checked big-endian cursor over a byte slice. Its zero
// value is an empty reader. The first failed read records a sticky
// [*ParseError] (see [Reader.Err]); every later read returns zero values
// and consumes nothing. Slices it returns alias the input.
//
// A Reader is a small value: copying it saves the read position.
type Reader struct {
	b    []byte
	off  int // position within b
	base int // absolute offset of b[0] in the datagram
	err  *ParseError
}

// NewReader returns a Reader over b with absolute offsets starting at 0.
func NewReader(b []byte) Reader { return Reader{b: b} }

// NewReaderAt returns a Reader over b whose errors report offsets starting
// at base, for a sub-structure at offset base of a datagram.
func NewReaderAt(b []byte, base int) Reader { return Reader{b: b, base: base} }

// Reset points r at b, with absolute offsets starting at base, and clears
// the error.
func (r *Reader) Reset(b []byte, base int) { *r = Reader{b: b, base: base} }

// Len returns the number of unread bytes (0 after an error).
func (r *Reader) Len() int {
	if r.err != nil {
		return 0
	}
	return len(r.b) - r.off
}

// Offset returns the absolute offset of the next byte to read.
func (r *Reader) Offset() int { return r.base + r.off }

// Rest returns the unread bytes without consuming them.
func (r *Reader) Rest() []byte {
	if r.err != nil {
		return nil
	}
	return r.b[r.off:]
}

// Err returns the first error, a [*ParseError], or nil.
func (r *Reader) Err() error {
	if r.err == nil {
		return nil
	}
	return r.err
}

// Failed reports whether a read has failed.
func (r *Reader) Failed() bool { return r.err != nil }

// Fail records err at the current offset for field, unless an error is
// already recorded. Decoders use it for semantic errors found after a read.
func (r *Reader) Fail(field string, err error) {
	if r.err == nil {
		r.err = &ParseError{Offset: r.base + r.off, Field: field, Err: err}
	}
}

// FailAt records err at absolute offset off for field, unless an error is
// already recorded.
func (r *Reader) FailAt(off int, field string, err error) {
	if r.err == nil {
		r.err = &ParseError{Offset: off, Field: field, Err: err}
	}
}

// need reports whether n bytes remain, recording ErrTruncated for field if
// not.
func (r *Reader) need(n int, field string) bool {
	if r.err != nil {
		return false
	}
	if n < 0 || n > len(r.b)-r.off {
		r.err = &ParseError{Offset: r.base + r.off, Field: field, Err: ErrTruncated}
		return false
	}
	return true
}

// Uint8 reads one byte.
func (r *Reader) Uint8(field string) uint8 {
	if !r.need(1, field) {
		return 0
	}
	v := r.b[r.off]
	r.off++
	return v
}

// Uint16 reads a big-endian uint16.
func (r *Reader) Uint16(field string) uint16 {
	if !r.need(2, field) {
		return 0
	}
	v := binary.BigEndian.Uint16(r.b[r.off:])
	r.off += 2
	return v
}

// Uint24 reads a big-endian 3-byte unsigned integer.
func (r *Reader) Uint24(field string) uint32 {
	if !r.need(3, field) {
		return 0
	}
	b := r.b[r.off : r.off+3]
	r.off += 3
	return uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2])
}

// Uint32 reads a big-endian uint32.
func (r *Reader) Uint32(field string) uint32 {
	if !r.need(4, field) {
		return 0
	}
	v := binary.BigEndian.Uint32(r.b[r.off:])
	r.off += 4
	return v
}

// Uint64 reads a big-endian uint64.
func (r *Reader) Uint64(field string) uint64 {
	if !r.need(8, field) {
		return 0
	}
	v := binary.BigEndian.Uint64(r.b[r.off:])
	r.off += 8
	return v
}

// Bytes reads n bytes and returns them as a sub-slice of the input
// (capacity limited to n, so appending to it never overwrites the input).
// A negative n fails like a truncation.
func (r *Reader) Bytes(n int, field string) []byte {
	if !r.need(n, field) {
		return nil
	}
	v := r.b[r.off : r.off+n : r.off+n]
	r.off += n
	return v
}

// BytesU32 is [Reader.Bytes] for a length read off the wire as a uint32;
// it never converts a value that does not fit in an int.
func (r *Reader) BytesU32(n uint32, field string) []byte {
	if uint64(n) > uint64(r.Len()) {
		r.need(-1, field)
		return nil
	}
	return r.Bytes(int(n), field)
}

// Skip consumes n bytes.
func (r *Reader) Skip(n int, field string) {
	if r.need(n, field) {
		r.off += n
	}
}

// Sub consumes n bytes and returns a Reader over them whose errors carry
// absolute offsets. An error inside the sub-reader does not affect r.
func (r *Reader) Sub(n int, field string) Reader {
	start := r.base + r.off
	b := r.Bytes(n, field)
	if b == nil && r.err != nil {
		return Reader{err: r.err, base: start}
	}
	return Reader{b: b, base: start}
}

// Addr4 reads a 4-byte IPv4 address.
func (r *Reader) Addr4(field string) netip.Addr {
	if !r.need(4, field) {
		return netip.Addr{}
	}
	a := netip.AddrFrom4([4]byte(r.b[r.off : r.off+4]))
	r.off += 4
	return a
}

// Addr16 reads a 16-byte IPv6 address.
func (r *Reader) Addr16(field string) netip.Addr {
	if !r.need(16, field) {
		return netip.Addr{}
	}
	a := netip.AddrFrom16([16]byte(r.b[r.off : r.off+16]))
	r.off += 16
	return a
}

// MAC reads a 6-byte hardware address.
func (r *Reader) MAC(field string) [6]byte {
	if !r.need(6, field) {
		return [6]byte{}
	}
	m := [6]byte(r.b[r.off : r.off+6])
	r.off += 6
	return m
}

// Pad4 skips the zero to three bytes that align n bytes to 4 (XDR opaque
// padding).
func (r *Reader) Pad4(n int, field string) {
	if p := Pad4(n); p != 0 {
		r.Skip(p, field)
	}
}

// Pad4 returns the number of padding bytes that align n to a multiple of 4.
func Pad4(n int) int { return (4 - n&3) & 3 }

// UintN decodes a big-endian unsigned integer of 1 to 8 bytes (reduced-size
// encoding, RFC 7011 §6.2). It returns false for an empty or longer slice.
func UintN(b []byte) (uint64, bool) {
	if len(b) == 0 || len(b) > 8 {
		return 0, false
	}
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v, true
}

// IntN decodes a big-endian two's-complement integer of 1 to 8 bytes,
// sign-extending reduced-size values.
func IntN(b []byte) (int64, bool) {
	u, ok := UintN(b)
	if !ok {
		return 0, false
	}
	shift := 64 - 8*uint(len(b))
	return int64(u<<shift) >> shift, true
}
