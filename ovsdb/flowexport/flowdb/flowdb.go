package flowdb

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// Selector chooses the bridges a call reads or writes: [Bridges] (by name)
// or [AllBridges]. The zero Selector selects nothing and is an error.
type Selector struct {
	names []string
	all   bool
}

// Bridges selects the named bridges. Every name must exist, or the call
// fails with [ErrNoBridge] before changing anything.
func Bridges(names ...string) Selector {
	n := slices.Clone(names)
	slices.Sort(n)
	return Selector{names: slices.Compact(n)}
}

// AllBridges selects every bridge in the database at the time of the call.
// A write also checks that no bridge was added or removed between its read
// and its commit.
func AllBridges() Selector { return Selector{all: true} }

// String describes the selection.
func (s Selector) String() string {
	if s.all {
		return "all bridges"
	}
	return "bridges " + quoteList(s.names)
}

// Options tune a write. A nil *Options means the zero value.
type Options struct {
	// MaxAttempts is how many times a write is tried when another client
	// changed what it read before it committed; 0 means 5. Each attempt
	// reads again and recomputes the change.
	MaxAttempts int
	// WaitApplied makes the call increment Open_vSwitch.next_cfg in the
	// same transaction and, once committed, wait until ovs-vswitchd has
	// applied it (cur_cfg reaches next_cfg), as ovs-vsctl does without
	// --no-wait. The wait ends with ctx; give ctx a deadline, or the call
	// waits for ever when no ovs-vswitchd is attached. A write that
	// changes nothing does not wait.
	WaitApplied bool
	// Comment is recorded in the database log with the transaction; ""
	// means a description of the call.
	Comment string
}

func (o *Options) attempts() int {
	if o == nil || o.MaxAttempts <= 0 {
		return 5
	}
	return o.MaxAttempts
}

// Result reports what a write did.
type Result struct {
	// Changed lists the bridges whose flow export changed, sorted. Empty
	// when the database already held the requested configuration.
	Changed []string
	// Attempts is the number of transactions tried (1 unless another
	// client raced this one).
	Attempts int
	// NextCfg is the Open_vSwitch.next_cfg the change was committed with
	// when [Options].WaitApplied was set and something changed.
	NextCfg int64
}

// snapshot is one consistent read of the flow-export tables.
type snapshot struct {
	bridges []bridgeRow // sorted by name
	netflow map[ovsdb.UUID]ovsdb.Row
	sflow   map[ovsdb.UUID]ovsdb.Row
	ipfix   map[ovsdb.UUID]ovsdb.Row
	fscs    []ovsdb.Row
}

type bridgeRow struct {
	uuid                 ovsdb.UUID
	name                 string
	row                  ovsdb.Row // name, netflow, sflow, ipfix as read
	netflow, sflow, ipfx *ovsdb.UUID
}

var bridgeColumns = []string{colUUID, "name", "netflow", "sflow", "ipfix"}

// read takes a consistent snapshot in one transaction.
func read(ctx context.Context, tx Conn, withFSCS bool) (*snapshot, error) {
	ops := []ovsdb.Operation{
		ovsdb.Select("Bridge", bridgeColumns),
		ovsdb.Select(flowexport.TableNetFlow, nil),
		ovsdb.Select(flowexport.TableSFlow, nil),
		ovsdb.Select(flowexport.TableIPFIX, nil),
	}
	if withFSCS {
		ops = append(ops, ovsdb.Select(flowexport.TableFlowSampleCollectorSet, nil))
	}
	res, err := transact(ctx, tx, ops)
	if err != nil {
		return nil, err
	}
	s := &snapshot{}
	for _, row := range res[0].Rows {
		r := rowReader{table: "Bridge", row: row}
		b := bridgeRow{uuid: r.uuid(colUUID), name: r.str("name"), row: row,
			netflow: r.optUUID("netflow"), sflow: r.optUUID("sflow"), ipfx: r.optUUID("ipfix")}
		if r.err != nil {
			return nil, r.err
		}
		s.bridges = append(s.bridges, b)
	}
	slices.SortFunc(s.bridges, func(a, b bridgeRow) int { return cmp.Compare(a.name, b.name) })
	byUUID := func(table string, rows []ovsdb.Row) (map[ovsdb.UUID]ovsdb.Row, error) {
		m := make(map[ovsdb.UUID]ovsdb.Row, len(rows))
		for _, row := range rows {
			r := rowReader{table: table, row: row}
			u := r.uuid(colUUID)
			if r.err != nil {
				return nil, r.err
			}
			m[u] = row
		}
		return m, nil
	}
	if s.netflow, err = byUUID(flowexport.TableNetFlow, res[1].Rows); err != nil {
		return nil, err
	}
	if s.sflow, err = byUUID(flowexport.TableSFlow, res[2].Rows); err != nil {
		return nil, err
	}
	if s.ipfix, err = byUUID(flowexport.TableIPFIX, res[3].Rows); err != nil {
		return nil, err
	}
	if withFSCS {
		s.fscs = res[4].Rows
	}
	return s, nil
}

// selected returns the bridges sel names, in name order.
func (s *snapshot) selected(sel Selector) ([]bridgeRow, error) {
	if sel.all {
		return s.bridges, nil
	}
	if len(sel.names) == 0 {
		return nil, ErrNoSelection
	}
	out := make([]bridgeRow, 0, len(sel.names))
	for _, n := range sel.names {
		i, ok := slices.BinarySearchFunc(s.bridges, n, func(b bridgeRow, n string) int { return cmp.Compare(b.name, n) })
		if !ok {
			return nil, &bridgeError{name: n}
		}
		out = append(out, s.bridges[i])
	}
	return out, nil
}

// config decodes the flow export of bridge b as the database holds it.
func (s *snapshot) config(b bridgeRow) (flowexport.Config, error) {
	var c flowexport.Config
	if b.netflow != nil {
		if row, ok := s.netflow[*b.netflow]; ok {
			n, err := readNetFlow(row)
			if err != nil {
				return c, err
			}
			c.NetFlow = &n
		}
	}
	if b.sflow != nil {
		if row, ok := s.sflow[*b.sflow]; ok {
			v, err := readSFlow(row)
			if err != nil {
				return c, err
			}
			c.SFlow = &v
		}
	}
	if b.ipfx != nil {
		if row, ok := s.ipfix[*b.ipfx]; ok {
			x, err := readIPFIX(row)
			if err != nil {
				return c, err
			}
			c.IPFIX = &x
		}
	}
	return c, nil
}

// Get returns the flow export of the selected bridges, keyed by bridge
// name, as the database holds it (targets sorted, values not validated).
// A bridge without flow export maps to the zero Config.
func Get(ctx context.Context, tx Conn, sel Selector) (map[string]flowexport.Config, error) {
	s, err := read(ctx, tx, false)
	if err != nil {
		return nil, err
	}
	bs, err := s.selected(sel)
	if err != nil {
		return nil, err
	}
	out := make(map[string]flowexport.Config, len(bs))
	for _, b := range bs {
		c, err := s.config(b)
		if err != nil {
			return nil, err
		}
		sortConfig(&c)
		out[b.name] = c
	}
	return out, nil
}

func sortConfig(c *flowexport.Config) {
	if c.NetFlow != nil {
		slices.Sort(c.NetFlow.Targets)
	}
	if c.SFlow != nil {
		slices.Sort(c.SFlow.Targets)
	}
	if c.IPFIX != nil {
		slices.Sort(c.IPFIX.Targets)
	}
}

// UpdateFunc computes the new flow export of a bridge from what the
// database holds now (current is the caller's copy: modifying it is fine). It may be called several times for one bridge when
// the write has to be retried, and must not have side effects. Returning an
// error aborts the whole call: nothing is written.
type UpdateFunc func(bridge string, current flowexport.Config) (flowexport.Config, error)

// Set makes the flow export of every selected bridge exactly cfg: the
// types cfg sets are written, the types it leaves nil are removed. cfg is
// validated first ([flowexport.Config.Validate]); a rejected cfg changes
// nothing. A type whose row already holds the requested values is left
// as it is, so calling Set twice with the same cfg changes nothing the
// second time.
//
// All selected bridges change in one transaction. A new NetFlow, sFlow or
// IPFIX row is inserted and referenced from the bridge in that transaction;
// the row it replaces is no longer referenced and ovsdb-server deletes it.
// If another client changes what Set read (a selected bridge's flow-export
// references or a referenced row) before Set commits, the transaction
// fails as a whole and Set reads and tries again ([Options].MaxAttempts),
// returning [ErrConflict] if it never wins.
func Set(ctx context.Context, tx Conn, sel Selector, cfg flowexport.Config, opts *Options) (*Result, error) {
	c, err := cfg.Canonical()
	if err != nil {
		return nil, err
	}
	return Update(ctx, tx, sel, func(string, flowexport.Config) (flowexport.Config, error) { return c, nil }, opts)
}

// Clear removes NetFlow, sFlow and bridge IPFIX export from the selected
// bridges, in one transaction (Set with the zero Config). The rows are
// deleted by ovsdb-server once no bridge references them. Flow sample
// collector sets are not touched (see [RemoveCollectorSet]).
func Clear(ctx context.Context, tx Conn, sel Selector, opts *Options) (*Result, error) {
	return Set(ctx, tx, sel, flowexport.Config{}, opts)
}

// SetOperator applies what ovn-kubernetes applies on a node for the
// operator's spec.exportNetworkFlows e: it clears NetFlow, sFlow and IPFIX
// on the selected bridges, then creates NetFlow with active_timeout 60,
// sFlow with the agent device o.SFlowAgent ("ovn-k8s-mp0" by default) and
// IPFIX with sampling 400 and cache_active_timeout 60 (or the ConfigMap
// values in o) for each type e lists (see [flowexport.ExportNetworkFlows.Config]).
//
// Unlike ovn-kubernetes, which runs the clear and the creates as two
// ovs-vsctl transactions, SetOperator does it all in ONE transaction, so
// ovs-vswitchd never sees the intermediate "no export" state, and a type
// whose row already matches is kept (applying the same e twice changes
// nothing, and the exporter keeps its sequence numbers and templates).
func SetOperator(ctx context.Context, tx Conn, sel Selector, e flowexport.ExportNetworkFlows, o *flowexport.OperatorOptions, opts *Options) (*Result, error) {
	cfg, err := e.Config(o)
	if err != nil {
		return nil, err
	}
	return Set(ctx, tx, sel, cfg, opts)
}

// Update is the read-modify-write behind Set: in each attempt it reads the
// selected bridges' flow export, calls fn for each bridge (in name order)
// with what the database holds, validates every result, and commits the
// differences in one transaction that also checks (with "wait") that
// nothing it read has changed. Types fn leaves unchanged are not touched
// (nor validated: a row another tool wrote is kept as it is); the types it
// changes are validated before anything is written.
// Use it for partial changes, e.g. replacing only the NetFlow collectors
// while keeping sFlow and IPFIX as they are.
func Update(ctx context.Context, tx Conn, sel Selector, fn UpdateFunc, opts *Options) (*Result, error) {
	if !sel.all && len(sel.names) == 0 {
		return nil, ErrNoSelection
	}
	var lastErr error
	for attempt := 1; attempt <= opts.attempts(); attempt++ {
		s, err := read(ctx, tx, false)
		if err != nil {
			return nil, err
		}
		p, err := plan(ctx, tx, s, sel, fn, opts)
		if err != nil {
			return nil, err
		}
		if len(p.changed) == 0 {
			return &Result{Attempts: attempt}, nil
		}
		res, err := transact(ctx, tx, p.ops)
		if err != nil {
			if isWaitFailure(err, p.ops) {
				lastErr = err
				if err := backoff(ctx, attempt); err != nil {
					return nil, err
				}
				continue
			}
			return nil, err
		}
		r := &Result{Changed: p.changed, Attempts: attempt}
		if p.nextCfgIndex >= 0 {
			if r.NextCfg, err = nextCfg(res[p.nextCfgIndex]); err != nil {
				return r, err
			}
			return r, waitApplied(ctx, tx, r.NextCfg)
		}
		return r, nil
	}
	return nil, fmt.Errorf("%w: %d attempts: %w", ErrConflict, opts.attempts(), lastErr)
}

// backoff sleeps a little before retrying a conflicting transaction.
func backoff(ctx context.Context, attempt int) error {
	t := time.NewTimer(time.Duration(attempt*attempt) * time.Millisecond)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

type txPlan struct {
	ops          []ovsdb.Operation
	changed      []string
	nextCfgIndex int
}

var zero int64

// plan computes the write transaction for one attempt.
func plan(ctx context.Context, tx Conn, s *snapshot, sel Selector, fn UpdateFunc, opts *Options) (*txPlan, error) {
	bs, err := s.selected(sel)
	if err != nil {
		return nil, err
	}
	p := &txPlan{nextCfgIndex: -1}
	var writes []ovsdb.Operation
	var waits []ovsdb.Operation
	needNew := map[string]bool{}
	for i, b := range bs {
		cur, err := s.config(b)
		if err != nil {
			return nil, err
		}
		next, err := fn(b.name, cloneConfig(cur)) // fn may modify its argument
		if err != nil {
			return nil, fmt.Errorf("bridge %q: %w", b.name, err)
		}
		// Validate what will be written; a type left equal to what the
		// database holds is kept as it is, even if another tool wrote
		// something Validate would reject.
		if next, err = canonicalChanges(cur, next); err != nil {
			return nil, fmt.Errorf("bridge %q: %w", b.name, err)
		}
		for _, c := range ipfixNewColumns(next.IPFIX) {
			needNew[c] = true
		}
		upd := ovsdb.Row{}
		// keep adds a wait on the content of a row the bridge keeps.
		keep := func(table string, u *ovsdb.UUID, rows map[ovsdb.UUID]ovsdb.Row) {
			if u == nil {
				return
			}
			if row, ok := rows[*u]; ok {
				cols, content := contentColumns(row)
				waits = append(waits, ovsdb.Wait(table, []ovsdb.Condition{ovsdb.WhereUUID(*u)}, cols, ovsdb.FuncEQ, []ovsdb.Row{content}, &zero))
			}
		}
		switch {
		case eqNetFlow(cur.NetFlow, next.NetFlow):
			keep(flowexport.TableNetFlow, b.netflow, s.netflow)
		case next.NetFlow == nil:
			upd["netflow"] = ovsdb.EmptySet()
		default:
			name := uuidName("netflow", i)
			writes = append(writes, ovsdb.Insert(flowexport.TableNetFlow, netFlowRow(*next.NetFlow), name))
			upd["netflow"] = ovsdb.AtomOf(name)
		}
		switch {
		case eqSFlow(cur.SFlow, next.SFlow):
			keep(flowexport.TableSFlow, b.sflow, s.sflow)
		case next.SFlow == nil:
			upd["sflow"] = ovsdb.EmptySet()
		default:
			name := uuidName("sflow", i)
			writes = append(writes, ovsdb.Insert(flowexport.TableSFlow, sFlowRow(*next.SFlow), name))
			upd["sflow"] = ovsdb.AtomOf(name)
		}
		switch {
		case eqIPFIX(cur.IPFIX, next.IPFIX):
			keep(flowexport.TableIPFIX, b.ipfx, s.ipfix)
		case next.IPFIX == nil:
			upd["ipfix"] = ovsdb.EmptySet()
		default:
			name := uuidName("ipfix", i)
			writes = append(writes, ovsdb.Insert(flowexport.TableIPFIX, ipfixRow(*next.IPFIX), name))
			upd["ipfix"] = ovsdb.AtomOf(name)
		}
		if len(upd) == 0 {
			continue
		}
		p.changed = append(p.changed, b.name)
		cols, content := contentColumns(b.row)
		waits = append(waits, ovsdb.Wait("Bridge", []ovsdb.Condition{ovsdb.WhereUUID(b.uuid)}, cols, ovsdb.FuncEQ, []ovsdb.Row{content}, &zero))
		writes = append(writes, ovsdb.Update("Bridge", upd, ovsdb.WhereUUID(b.uuid)))
	}
	if len(p.changed) == 0 {
		return p, nil
	}
	// Columns of newer schemas: check before sending anything.
	for _, c := range []string{"stats_interval", "template_interval"} {
		if needNew[c] {
			ok, err := hasColumn(ctx, tx, flowexport.TableIPFIX, c)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, &columnError{table: flowexport.TableIPFIX, column: c}
			}
		}
	}
	if sel.all {
		// No bridge added or removed since the read.
		all := make([]ovsdb.Row, len(s.bridges))
		for i, b := range s.bridges {
			all[i] = ovsdb.Row{colUUID: ovsdb.AtomOf(b.uuid)}
		}
		waits = append(waits, ovsdb.Wait("Bridge", []ovsdb.Condition{}, []string{colUUID}, ovsdb.FuncEQ, all, &zero))
	}
	p.ops = append(waits, writes...)
	if opts != nil && opts.WaitApplied {
		p.ops = append(p.ops,
			ovsdb.MutateOp("Open_vSwitch", []ovsdb.Mutation{ovsdb.Mutate("next_cfg", ovsdb.MutateAdd, ovsdb.AtomOf(int64(1)))}),
			ovsdb.Select("Open_vSwitch", []string{"next_cfg"}))
		p.nextCfgIndex = len(p.ops) - 1
	}
	comment := "flowexport: set flow export on " + sel.String()
	if opts != nil && opts.Comment != "" {
		comment = opts.Comment
	}
	p.ops = append(p.ops, ovsdb.Comment(comment))
	return p, nil
}

// canonicalChanges validates the types of next that differ from cur and
// returns next with those in canonical form.
func canonicalChanges(cur, next flowexport.Config) (flowexport.Config, error) {
	out := next
	if next.NetFlow != nil && !eqNetFlow(cur.NetFlow, next.NetFlow) {
		n, err := next.NetFlow.Canonical()
		if err != nil {
			return out, err
		}
		out.NetFlow = &n
	}
	if next.SFlow != nil && !eqSFlow(cur.SFlow, next.SFlow) {
		v, err := next.SFlow.Canonical()
		if err != nil {
			return out, err
		}
		out.SFlow = &v
	}
	if next.IPFIX != nil && !eqIPFIX(cur.IPFIX, next.IPFIX) {
		x, err := next.IPFIX.Canonical()
		if err != nil {
			return out, err
		}
		out.IPFIX = &x
	}
	return out, nil
}

func cloneConfig(c flowexport.Config) flowexport.Config {
	if c.NetFlow != nil {
		n := c.NetFlow.Clone()
		c.NetFlow = &n
	}
	if c.SFlow != nil {
		v := c.SFlow.Clone()
		c.SFlow = &v
	}
	if c.IPFIX != nil {
		x := c.IPFIX.Clone()
		c.IPFIX = &x
	}
	return c
}

func eqNetFlow(a, b *flowexport.NetFlow) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

func eqSFlow(a, b *flowexport.SFlow) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

func eqIPFIX(a, b *flowexport.IPFIX) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

func sortedTargets(x flowexport.IPFIX) []string {
	ts := x.AllTargets()
	slices.Sort(ts)
	return ts
}

// hasColumn reports whether the server's schema has table.column.
func hasColumn(ctx context.Context, tx Conn, table, column string) (bool, error) {
	sch, err := tx.Schema(ctx, Database)
	if err != nil {
		return false, err
	}
	t, ok := sch.Tables[table]
	if !ok {
		return false, nil
	}
	_, ok = t.Columns[column]
	return ok, nil
}

func nextCfg(r ovsdb.OperationResult) (int64, error) {
	if len(r.Rows) != 1 {
		return 0, fmt.Errorf("flowdb: %d Open_vSwitch rows, want 1", len(r.Rows))
	}
	return ovsdb.DecodeAtom[int64](r.Rows[0]["next_cfg"])
}

// waitApplied polls Open_vSwitch.cur_cfg until it reaches want.
func waitApplied(ctx context.Context, tx Conn, want int64) error {
	delay := 5 * time.Millisecond
	for {
		res, err := transact(ctx, tx, []ovsdb.Operation{ovsdb.Select("Open_vSwitch", []string{"cur_cfg"})})
		if err == nil && len(res[0].Rows) == 1 {
			cur, derr := ovsdb.DecodeAtom[int64](res[0].Rows[0]["cur_cfg"])
			if derr == nil && cur >= want {
				return nil
			}
		}
		if ctx.Err() != nil {
			return fmt.Errorf("%w (next_cfg %d): %w", ErrNotApplied, want, ctx.Err())
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%w (next_cfg %d): %w", ErrNotApplied, want, ctx.Err())
		case <-t.C:
		}
		delay = min(2*delay, 100*time.Millisecond)
	}
}
