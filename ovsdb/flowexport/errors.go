package flowexport

import (
	"errors"
	"strconv"
)

// Sentinel causes carried by [*ValidationError]. Test for them with
// errors.Is; read the offending table, column, index and value with
// errors.As.
var (
	// ErrTargetCount reports a type with no collector or more than
	// [MaxCollectors].
	ErrTargetCount = errors.New("wrong number of collectors")
	// ErrTargetSyntax reports a collector that is not "ip:port" or
	// "[ipv6]:port".
	ErrTargetSyntax = errors.New(`not "ip:port" or "[ipv6]:port"`)
	// ErrHostname reports a collector whose host is a name, not an IP
	// literal. OVS and the operator want literals.
	ErrHostname = errors.New("host is a name, want an IP literal")
	// ErrPort reports a missing, non-decimal or out-of-range (1-65535)
	// collector port.
	ErrPort = errors.New("port must be decimal 1-65535")
	// ErrAddress reports an IP literal that cannot be a collector (the
	// unspecified address, or an IPv6 zone).
	ErrAddress = errors.New("address cannot be a collector")
	// ErrDuplicate reports a collector listed twice (after normalising the
	// address).
	ErrDuplicate = errors.New("duplicate collector")
	// ErrRange reports an option outside the range the OVSDB schema (or,
	// where the schema has none, the C type behind it) allows.
	ErrRange = errors.New("out of range")
	// ErrValue reports an option whose value is not one OVS understands
	// (for example an other_config boolean that is neither "true" nor
	// "false").
	ErrValue = errors.New("invalid value")
)

// ValidationError is the error returned by every Validate method. It names
// the OVSDB table and column at fault, the position in a set when the
// column is one (Index, -1 otherwise) and the offending value as text.
//
// Err is one of the sentinels of this package ([ErrTargetCount],
// [ErrHostname], [ErrRange], …), possibly wrapped with more detail, so
// errors.Is(err, flowexport.ErrHostname) works on the returned error.
type ValidationError struct {
	Table string // OVSDB table: "NetFlow", "sFlow", "IPFIX", "Flow_Sample_Collector_Set", or "exportNetworkFlows" for the operator shape
	Field string // OVSDB column (or "other_config:KEY", or an operator field)
	Index int    // position in the set or list, -1 when not applicable
	Value string // the offending value as text ("" when none, e.g. a count)
	Err   error  // cause, wrapping a sentinel of this package
}

// maxErrValue bounds how much of an untrusted value an error repeats.
const maxErrValue = 80

// Error returns `flowexport: TABLE FIELD[INDEX] "VALUE": CAUSE`.
func (e *ValidationError) Error() string {
	b := make([]byte, 0, 64)
	b = append(b, "flowexport: "...)
	b = append(b, e.Table...)
	if e.Field != "" {
		b = append(b, ' ')
		b = append(b, e.Field...)
	}
	if e.Index >= 0 {
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(e.Index), 10)
		b = append(b, ']')
	}
	if e.Value != "" {
		v := e.Value
		if len(v) > maxErrValue {
			v = v[:maxErrValue] + "..."
		}
		b = append(b, ' ')
		b = strconv.AppendQuote(b, v)
	}
	if e.Err != nil {
		b = append(b, ": "...)
		b = append(b, e.Err.Error()...)
	}
	return string(b)
}

// Unwrap returns the cause.
func (e *ValidationError) Unwrap() error { return e.Err }

func verr(table, field string, index int, value string, err error) *ValidationError {
	return &ValidationError{Table: table, Field: field, Index: index, Value: value, Err: err}
}

// rangeErr wraps ErrRange with the allowed interval.
func rangeErr(lo, hi int64) error {
	return &rangeError{lo: lo, hi: hi}
}

type rangeError struct{ lo, hi int64 }

func (r *rangeError) Error() string {
	b := []byte("out of range, want ")
	b = strconv.AppendInt(b, r.lo, 10)
	if r.hi == noMax {
		b = append(b, " or more"...)
	} else {
		b = append(b, ".."...)
		b = strconv.AppendInt(b, r.hi, 10)
	}
	return string(b)
}

func (r *rangeError) Unwrap() error { return ErrRange }

const noMax = int64(^uint64(0) >> 1)

// countError wraps ErrTargetCount with the count and the limit.
type countError struct{ n, max int }

func (c *countError) Error() string {
	b := []byte(nil)
	b = strconv.AppendInt(b, int64(c.n), 10)
	b = append(b, " collectors, want 1.."...)
	b = strconv.AppendInt(b, int64(c.max), 10)
	return string(b)
}

func (c *countError) Unwrap() error { return ErrTargetCount }

// detailError is a sentinel with a more specific message.
type detailError struct {
	msg string
	err error
}

func (d *detailError) Error() string { return d.msg }
func (d *detailError) Unwrap() error { return d.err }

func wrapValue(msg string) error { return &detailError{msg: msg, err: ErrValue} }

func rangeLenErr() error {
	return &detailError{msg: "out of range, want at most " + itoa(MaxVirtualObsIDLen) + " bytes", err: ErrRange}
}

func itoa(v int) string { return strconv.Itoa(v) }
