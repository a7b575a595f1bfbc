package wire

import (
	"errors"
	"io"
	"strconv"
)

// ErrTruncated reports input that ended before a structure it announced.
// errors.Is(ErrTruncated, io.ErrUnexpectedEOF) is true.
var ErrTruncated error = truncated{}

// ErrVersion reports a datagram of a version or format this codec does not
// decode.
var ErrVersion = errors.New("unsupported version")

// ErrLimit reports input that would exceed a configured or hard limit
// (a count, a nesting depth, a cache size).
var ErrLimit = errors.New("limit exceeded")

// ErrMalformed reports a value that is present but not valid (a length
// below its minimum, a reserved value, an inconsistent count).
var ErrMalformed = errors.New("malformed")

type truncated struct{}

func (truncated) Error() string { return "truncated" }

// Is makes ErrTruncated match io.ErrUnexpectedEOF.
func (truncated) Is(target error) bool { return target == io.ErrUnexpectedEOF }

// ParseError is an error at a known place in the input: Offset is the byte
// offset from the start of the datagram, Field names what was being read
// (for example "ipfix: set length"), and Err is the cause, usually one of
// [ErrTruncated], [ErrVersion], [ErrLimit] or [ErrMalformed].
type ParseError struct {
	Offset int
	Field  string
	Err    error
}

// Error returns "FIELD at offset N: CAUSE".
func (e *ParseError) Error() string {
	var b []byte
	b = append(b, e.Field...)
	b = append(b, " at offset "...)
	b = strconv.AppendInt(b, int64(e.Offset), 10)
	if e.Err != nil {
		b = append(b, ": "...)
		b = append(b, e.Err.Error()...)
	}
	return string(b)
}

// Unwrap returns the cause.
func (e *ParseError) Unwrap() error { return e.Err }

// Errorf-free constructors keep fmt out of codec packages.

// NewParseError returns a [*ParseError].
func NewParseError(offset int, field string, err error) *ParseError {
	return &ParseError{Offset: offset, Field: field, Err: err}
}

// Detail is an error with a message that wraps a sentinel, for causes that
// need more words than the sentinel ("set length 3 < 4").
type Detail struct {
	Msg string
	Err error
}

// Error returns the message followed by the sentinel's text.
func (d *Detail) Error() string {
	if d.Err == nil {
		return d.Msg
	}
	return d.Msg + " (" + d.Err.Error() + ")"
}

// Unwrap returns the sentinel.
func (d *Detail) Unwrap() error { return d.Err }

// Detailf builds a [*Detail] from a message and a value, without fmt:
// Detailf("set length", 3, "< 4", ErrMalformed) says "set length 3 < 4".
func Detailf(prefix string, v int64, suffix string, err error) *Detail {
	b := make([]byte, 0, len(prefix)+len(suffix)+22)
	b = append(b, prefix...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, v, 10)
	if suffix != "" {
		b = append(b, ' ')
		b = append(b, suffix...)
	}
	return &Detail{Msg: string(b), Err: err}
}
