package ipfix

import "github.com/ovsflow/ovsflow/internal/wire"

// ErrTruncated reports input that ended before a structure it announced
// (errors.Is(ErrTruncated, io.ErrUnexpectedEOF) is true).
var ErrTruncated = wire.ErrTruncated

// ErrVersion reports a message whose version is not 10.
var ErrVersion = wire.ErrVersion

// ErrLimit reports input that would exceed a [Config] bound or a hard limit
// (template size, list nesting depth).
var ErrLimit = wire.ErrLimit

// ErrMalformed reports a value that is present but invalid (a set length
// below 4, a template with an impossible field count, a reserved set ID).
var ErrMalformed = wire.ErrMalformed

// ParseError is an error at a known place in a message: Offset is the byte
// offset from the start of the message, Field names what was being read.
type ParseError = wire.ParseError

// errAt builds a *ParseError.
func errAt(off int, field string, err error) error {
	return &wire.ParseError{Offset: off, Field: field, Err: err}
}

// buildError is an encoder error.
type buildError struct{ msg string }

// Error returns the message.
func (e *buildError) Error() string { return "ipfix: " + e.msg }

// ErrTooLarge reports a record, template or list that cannot fit in one
// message (or exceeds 65535 bytes, the most an IPFIX length field holds).
var ErrTooLarge error = &buildError{"too large for one message"}

// ErrBuilder reports a Builder call out of order (a record outside a data
// set, a list end without its start).
var ErrBuilder error = &buildError{"builder call out of order"}
