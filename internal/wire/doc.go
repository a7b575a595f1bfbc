// Package wire holds the bounds-checked big-endian reader and appender that
// the netflow, ipfix and sflow codecs share, and the error vocabulary they
// re-export: [ErrTruncated], [ErrVersion], [ErrLimit] and [*ParseError].
//
// # Reading
//
// A [Reader] is a cursor over a byte slice whose zero value reads nothing.
// Every read compares the wanted length with the bytes that remain, never
// computes off+n from a wire value, and on failure records a sticky
// [*ParseError] naming the field and its absolute offset; later reads return
// zero values. The success path does not allocate; the first failure
// allocates one small error value.
//
//	r := wire.NewReader(pkt)
//	version := r.Uint16("version")
//	count := r.Uint16("count")
//	if err := r.Err(); err != nil {
//		return err // e.g. "count at offset 2: truncated"
//	}
//
// # Writing
//
// The Append functions append big-endian values to a caller-owned slice and
// the Put functions back-patch lengths and counts in place, in the style of
// [encoding/binary.BigEndian.AppendUint16], without reflection.
package wire
