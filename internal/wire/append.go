package wire

import (
	"encoding/binary"
	"net/netip"
)

// AppendUint8 appends v.
func AppendUint8(b []byte, v uint8) []byte { return append(b, v) }

// AppendUint16 appends v big-endian.
func AppendUint16(b []byte, v uint16) []byte { return binary.BigEndian.AppendUint16(b, v) }

// AppendUint24 appends the low 24 bits of v big-endian.
func AppendUint24(b []byte, v uint32) []byte { return append(b, byte(v>>16), byte(v>>8), byte(v)) }

// AppendUint32 appends v big-endian.
func AppendUint32(b []byte, v uint32) []byte { return binary.BigEndian.AppendUint32(b, v) }

// AppendUint64 appends v big-endian.
func AppendUint64(b []byte, v uint64) []byte { return binary.BigEndian.AppendUint64(b, v) }

// AppendUintN appends the low n bytes (1 to 8) of v big-endian: the
// reduced-size encoding of RFC 7011 §6.2. Values that do not fit are
// truncated to their low bytes.
func AppendUintN(b []byte, v uint64, n int) []byte {
	for i := n - 1; i >= 0; i-- {
		b = append(b, byte(v>>(8*uint(i))))
	}
	return b
}

// AppendZeros appends n zero bytes.
func AppendZeros(b []byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, 0)
	}
	return b
}

// AppendPad4 appends the zero bytes that align n bytes to 4.
func AppendPad4(b []byte, n int) []byte { return AppendZeros(b, Pad4(n)) }

// AppendAddr4 appends a as 4 bytes; an address that is not IPv4 (or
// IPv4-mapped IPv6) is written as 0.0.0.0.
func AppendAddr4(b []byte, a netip.Addr) []byte {
	a = a.Unmap()
	if !a.Is4() {
		return append(b, 0, 0, 0, 0)
	}
	v := a.As4()
	return append(b, v[:]...)
}

// AppendAddr16 appends a as 16 bytes (IPv4 as IPv4-mapped IPv6; the zero
// Addr as ::).
func AppendAddr16(b []byte, a netip.Addr) []byte {
	if !a.IsValid() {
		return AppendZeros(b, 16)
	}
	v := a.As16()
	return append(b, v[:]...)
}

// PutUint16 writes v big-endian at b[off:off+2], for back-patching lengths
// and counts. It reports false, writing nothing, if b is too short.
func PutUint16(b []byte, off int, v uint16) bool {
	if off < 0 || off > len(b)-2 {
		return false
	}
	binary.BigEndian.PutUint16(b[off:], v)
	return true
}

// PutUint32 writes v big-endian at b[off:off+4]. It reports false, writing
// nothing, if b is too short.
func PutUint32(b []byte, off int, v uint32) bool {
	if off < 0 || off > len(b)-4 {
		return false
	}
	binary.BigEndian.PutUint32(b[off:], v)
	return true
}
