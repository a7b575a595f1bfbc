package sflow

import "github.com/ovsflow/ovsflow/internal/wire"

// Errors returned by this package, the same values as the other codecs of
// this module re-export, so errors.Is works across packages.
var (
	// ErrTruncated reports a datagram that ended inside a structure. It
	// matches io.ErrUnexpectedEOF.
	ErrTruncated = wire.ErrTruncated
	// ErrVersion reports a datagram whose version is not 5.
	ErrVersion = wire.ErrVersion
	// ErrLimit reports a sample too large for the builder's maximum
	// datagram size, or a count beyond a hard limit.
	ErrLimit = wire.ErrLimit
	// ErrMalformed reports an invalid value: a count larger than the bytes
	// that could hold it, an unknown address type, a record of the wrong
	// format for the accessor called.
	ErrMalformed = wire.ErrMalformed
)

// ParseError is the error type of decoding failures: the offset in the
// datagram, the field being read and the cause.
type ParseError = wire.ParseError
