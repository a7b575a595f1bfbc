package ipfix

import (
	"strconv"
	"time"
)

const hexDigits = "0123456789abcdef"

// AppendText appends the value in a readable form: decimal integers,
// dotted or colon addresses, RFC 3339 times in UTC, true/false, strings as
// they are, octet arrays (and values whose length does not fit their type)
// in hex, and lists as their type and length. It allocates nothing when
// dst has room.
func (f Field) AppendText(dst []byte) []byte {
	switch f.Type {
	case Unsigned8, Unsigned16, Unsigned32, Unsigned64:
		return strconv.AppendUint(dst, f.Uint(), 10)
	case Signed8, Signed16, Signed32, Signed64:
		return strconv.AppendInt(dst, f.Int(), 10)
	case Float32, Float64:
		bits := 64
		if len(f.Raw) == 4 {
			bits = 32
		}
		return strconv.AppendFloat(dst, f.Float(), 'g', -1, bits)
	case Boolean:
		if len(f.Raw) == 1 && (f.Raw[0] == 1 || f.Raw[0] == 2) {
			return strconv.AppendBool(dst, f.Bool())
		}
	case MACAddress:
		for i, c := range f.Raw {
			if i > 0 {
				dst = append(dst, ':')
			}
			dst = append(dst, hexDigits[c>>4], hexDigits[c&15])
		}
		return dst
	case String:
		return append(dst, f.Raw...)
	case IPv4Address, IPv6Address:
		return f.Addr().AppendTo(dst)
	case DateTimeSeconds, DateTimeMilliseconds, DateTimeMicroseconds, DateTimeNanoseconds:
		return f.Time().AppendFormat(dst, time.RFC3339Nano)
	case BasicList, SubTemplateList, SubTemplateMultiList:
		dst = append(dst, f.Type.String()...)
		dst = append(dst, '(')
		dst = strconv.AppendInt(dst, int64(len(f.Raw)), 10)
		return append(dst, " bytes)"...)
	}
	dst = append(dst, "0x"...)
	for _, c := range f.Raw {
		dst = append(dst, hexDigits[c>>4], hexDigits[c&15])
	}
	return dst
}
