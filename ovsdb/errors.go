package ovsdb

import (
	"errors"
	"net"
	"strconv"
)

// Error kinds. A server error ([*Error]) matches one of these with errors.Is
// according to its RFC 7047 error string, the way syscall.Errno matches
// fs.ErrNotExist.
var (
	ErrSyntax                = errors.New("ovsdb: syntax error")
	ErrUnknownColumn         = errors.New("ovsdb: unknown column")
	ErrUnknownTable          = errors.New("ovsdb: unknown table")
	ErrUnknownDatabase       = errors.New("ovsdb: unknown database")
	ErrUnknownMethod         = errors.New("ovsdb: unknown method")
	ErrConstraintViolation   = errors.New("ovsdb: constraint violation")
	ErrReferentialIntegrity  = errors.New("ovsdb: referential integrity violation")
	ErrResourcesExhausted    = errors.New("ovsdb: resources exhausted")
	ErrTimedOut              = errors.New("ovsdb: timed out")
	ErrNotSupported          = errors.New("ovsdb: not supported")
	ErrNotAllowed            = errors.New("ovsdb: not allowed")
	ErrNotOwner              = errors.New("ovsdb: not owner")
	ErrAborted               = errors.New("ovsdb: aborted")
	ErrDuplicateUUIDName     = errors.New("ovsdb: duplicate uuid-name")
	ErrDuplicateUUID         = errors.New("ovsdb: duplicate uuid")
	ErrIO                    = errors.New("ovsdb: I/O error")
	ErrDomain                = errors.New("ovsdb: domain error")
	ErrRange                 = errors.New("ovsdb: range error")
	ErrCanceled              = errors.New("ovsdb: canceled")
	ErrCluster               = errors.New("ovsdb: cluster error")
	ErrInternal              = errors.New("ovsdb: internal error")
	ErrUnknown               = errors.New("ovsdb: unknown error")
	ErrNotConnected          = errors.New("ovsdb: not connected")
	ErrMonitorCanceled       = errors.New("ovsdb: monitor canceled by server")
	ErrStaleServer           = errors.New("ovsdb: stale server (index below min_index)")
	ErrNotLeader             = errors.New("ovsdb: server is not the cluster leader")
	ErrSchemaMismatch        = errors.New("ovsdb: schema mismatch")
	errClosedSentinelWrapped = net.ErrClosed
)

// ErrClosed is returned by calls on a closed [Client]. It is net.ErrClosed,
// so errors.Is(err, net.ErrClosed) detects teardown.
var ErrClosed = errClosedSentinelWrapped

var kinds = map[string]error{
	"syntax error":                    ErrSyntax,
	"unknown column":                  ErrUnknownColumn,
	"unknown table":                   ErrUnknownTable,
	"unknown database":                ErrUnknownDatabase,
	"unknown method":                  ErrUnknownMethod,
	"constraint violation":            ErrConstraintViolation,
	"referential integrity violation": ErrReferentialIntegrity,
	"resources exhausted":             ErrResourcesExhausted,
	"timed out":                       ErrTimedOut,
	"not supported":                   ErrNotSupported,
	"not allowed":                     ErrNotAllowed,
	"not owner":                       ErrNotOwner,
	"aborted":                         ErrAborted,
	"duplicate uuid-name":             ErrDuplicateUUIDName,
	"duplicate uuid":                  ErrDuplicateUUID,
	"I/O error":                       ErrIO,
	"domain error":                    ErrDomain,
	"range error":                     ErrRange,
	"canceled":                        ErrCanceled,
	"cluster error":                   ErrCluster,
	"internal error":                  ErrInternal,
	"monitor canceled":                ErrMonitorCanceled,
	"invalid argument":                ErrSyntax,
}

// Error is an error reported by the server, either for a whole JSON-RPC
// request or for one operation of a transaction. Err is the RFC 7047 error
// string ("constraint violation"…), Details the human-readable explanation
// and Syntax, when present, the offending JSON text.
type Error struct {
	Err     string
	Details string
	Syntax  string
	// Index is the position of the failing operation in a transaction,
	// len(ops) for the extra commit-error element, or -1 when the error is
	// not tied to one operation.
	Index int
}

// Error returns "ovsdb: ERR: DETAILS".
func (e *Error) Error() string {
	s := "ovsdb: " + e.Err
	if e.Index >= 0 {
		s += " (operation " + strconv.Itoa(e.Index) + ")"
	}
	if e.Details != "" {
		s += ": " + e.Details
	}
	return s
}

// Is maps the error string onto the exported kinds.
func (e *Error) Is(target error) bool {
	k, ok := kinds[e.Err]
	if !ok {
		return target == ErrUnknown
	}
	return k == target
}

// ValidationError reports a value rejected by client-side schema validation
// before anything was sent. It matches [ErrConstraintViolation] (or
// [ErrUnknownColumn]/[ErrUnknownTable]) with errors.Is.
type ValidationError struct {
	Table  string
	Column string
	Value  string // JSON text of the value
	Reason string
	Kind   error
}

// Error names table, column and value.
func (e *ValidationError) Error() string {
	s := "ovsdb:"
	if e.Table != "" {
		s += " " + e.Table
		if e.Column != "" {
			s += "." + e.Column
		}
	}
	if e.Value != "" {
		s += " value " + e.Value
	}
	return s + ": " + e.Reason
}

// Unwrap returns the error kind.
func (e *ValidationError) Unwrap() error { return e.Kind }

// DecodeError reports JSON that is not valid RFC 7047 notation.
type DecodeError struct {
	What   string // what was being decoded, e.g. "uuid", "table-updates2"
	Offset int
	Err    error
}

// Error returns "ovsdb: decoding WHAT at offset N: CAUSE".
func (e *DecodeError) Error() string {
	return "ovsdb: decoding " + e.What + " at offset " + strconv.Itoa(e.Offset) + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

var errTooMany = errors.New("more than one element")
