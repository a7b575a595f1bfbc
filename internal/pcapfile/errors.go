package pcapfile

import "github.com/ovsflow/ovsflow/internal/wire"

// Errors re-exported from internal/wire, so that errors.Is works across the
// module's codecs.
var (
	// ErrTruncated reports a file that ends inside a header or record. It
	// matches io.ErrUnexpectedEOF under errors.Is.
	ErrTruncated = wire.ErrTruncated
	// ErrVersion reports input that is not a pcap or pcapng file, or a
	// major version this package does not read.
	ErrVersion = wire.ErrVersion
	// ErrLimit reports a record or block larger than [Config.MaxRecord], or
	// more interfaces than [Config.MaxInterfaces].
	ErrLimit = wire.ErrLimit
	// ErrMalformed reports a field whose value is impossible (a block
	// length that is not a multiple of 4, a packet on an undeclared
	// interface, mismatched leading and trailing block lengths).
	ErrMalformed = wire.ErrMalformed
)

// ParseError is the error type of [NewReader] and [Reader.Next]: Offset is
// the byte offset in the file of the field that failed, Field names it
// (for example "pcapng: enhanced packet captured length") and Err is the
// cause, one of the sentinels above or an error of the underlying reader.
type ParseError = wire.ParseError
