package flowdb

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/ovsflow/ovsflow/ovsdb"
)

// Database is the name of the database this package configures.
const Database = "Open_vSwitch"

// Conn is what this package needs from an OVSDB connection; an
// [*ovsdb.Client] is one. Transact runs one RFC 7047 transaction and
// returns one result per operation (an implementation may return the
// results together with the error of the operation that failed; this
// package looks at both). Schema returns the server's schema of a database.
type Conn interface {
	Transact(ctx context.Context, db string, ops ...ovsdb.Operation) ([]ovsdb.OperationResult, error)
	Schema(ctx context.Context, db string) (*ovsdb.Schema, error)
}

var _ Conn = (*ovsdb.Client)(nil)

// Errors of this package. Validation errors are the
// [*flowexport.ValidationError] of package flowexport.
var (
	// ErrNoBridge reports a bridge name that is not in the database.
	ErrNoBridge = errors.New("flowdb: no such bridge")
	// ErrNoSelection reports an empty [Selector].
	ErrNoSelection = errors.New("flowdb: no bridge selected")
	// ErrConflict reports a transaction that kept losing the race with
	// other writers (what it read changed before it committed) after
	// [Options].MaxAttempts tries. Nothing was changed.
	ErrConflict = errors.New("flowdb: concurrent modification")
	// ErrUnsupportedColumn reports a value for a column the server's
	// schema lacks (IPFIX stats_interval and template_interval need schema
	// 8.5 / OVS 3.2; Flow_Sample_Collector_Set local_group_id needs OVS
	// 3.4). Nothing was sent that would change the database.
	ErrUnsupportedColumn = errors.New("flowdb: column not in the server's schema")
	// ErrNotApplied reports that ovs-vswitchd did not apply a committed
	// change before the context ended ([Options].WaitApplied). The
	// change itself is committed.
	ErrNotApplied = errors.New("flowdb: ovs-vswitchd has not applied the change")
)

// columnError names the table and column for ErrUnsupportedColumn.
type columnError struct{ table, column string }

func (e *columnError) Error() string {
	return "flowdb: " + e.table + "." + e.column + ": column not in the server's schema"
}
func (e *columnError) Unwrap() error { return ErrUnsupportedColumn }

// bridgeError names the bridge for ErrNoBridge.
type bridgeError struct{ name string }

func (e *bridgeError) Error() string { return "flowdb: no such bridge " + strconv.Quote(e.name) }
func (e *bridgeError) Unwrap() error { return ErrNoBridge }

// transact runs ops and returns the first failed operation's error (an
// *ovsdb.Error carrying its index) or the transport error.
func transact(ctx context.Context, tx Conn, ops []ovsdb.Operation) ([]ovsdb.OperationResult, error) {
	res, err := tx.Transact(ctx, Database, ops...)
	for i := range res {
		if res[i].Error != nil {
			e := *res[i].Error
			if e.Index < 0 {
				e.Index = i
			}
			return res, &e
		}
	}
	if err != nil {
		return res, err
	}
	if len(res) < len(ops) {
		return res, errors.New("flowdb: transact returned " + strconv.Itoa(len(res)) + " results for " + strconv.Itoa(len(ops)) + " operations")
	}
	return res, nil
}

// isWaitFailure reports whether err is a failed "wait" operation at one of
// the indexes in waits: what we read changed before we committed.
func isWaitFailure(err error, ops []ovsdb.Operation) bool {
	var e *ovsdb.Error
	if !errors.As(err, &e) || !errors.Is(err, ovsdb.ErrTimedOut) {
		return false
	}
	return e.Index >= 0 && e.Index < len(ops) && ops[e.Index].Op == ovsdb.OpWait
}

// uuidName returns a valid uuid-name for a row inserted by this package.
func uuidName(prefix string, i int) ovsdb.NamedUUID {
	return ovsdb.NamedUUID(prefix + strconv.Itoa(i))
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ",")
}
