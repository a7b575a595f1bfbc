package netflow

import (
	"errors"

	"github.com/ovsflow/ovsflow/internal/wire"
)

// Sentinel errors. The first four are the values defined once in the shared
// wire layer, so errors.Is(err, netflow.ErrTruncated) also matches an
// ipfix or sflow truncation, and ErrTruncated matches io.ErrUnexpectedEOF.
var (
	// ErrTruncated reports input that ended before a structure it announced.
	ErrTruncated = wire.ErrTruncated
	// ErrVersion reports a datagram whose version is not the one expected
	// (5 for [V5Parser], 9 for [V9Parser]).
	ErrVersion = wire.ErrVersion
	// ErrLimit reports input that would exceed a hard limit (30 records in
	// a v5 datagram) or a [Config] limit of a [Session].
	ErrLimit = wire.ErrLimit
	// ErrMalformed reports a value that is present but invalid, such as a
	// FlowSet length below 4 or a template whose records are 0 bytes long.
	ErrMalformed = wire.ErrMalformed
	// ErrUnknownTemplate reports a data FlowSet whose template the
	// [Session] does not hold (yet). It is not fatal: [V9Parser] reports
	// the FlowSet as a [V9UnknownTemplate] item and goes on with the next
	// FlowSet, so the caller can keep the FlowSet and retry it with
	// [V9Parser.StartFlowSet] once the template has arrived.
	ErrUnknownTemplate = errors.New("netflow: unknown template")
)

// ParseError is the error type of every decoding failure: Offset is the
// byte offset from the start of the datagram, Field names what was being
// read, and Err is one of the sentinels above (possibly wrapped in a
// message with more detail).
type ParseError = wire.ParseError
