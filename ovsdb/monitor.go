package ovsdb

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"

	"github.com/ovsflow/ovsflow/ovsdb/internal/jsonx"
)

// MonitorMethod selects the monitor flavour.
type MonitorMethod uint8

// Monitor methods. MonitorAuto tries monitor_cond_since, then falls back to
// monitor_cond and monitor when the server answers "unknown method".
const (
	MonitorAuto MonitorMethod = iota
	MonitorCondSince
	MonitorCond
	MonitorPlain
)

func (m MonitorMethod) String() string {
	return [...]string{"auto", "monitor_cond_since", "monitor_cond", "monitor"}[m]
}

// MonitorSelect says which kinds of change a monitor reports. A nil
// *MonitorSelect means all.
type MonitorSelect struct {
	Initial, Insert, Delete, Modify bool
}

// MonitorRequest is one <monitor-request> (or <monitor-cond-request>) for a
// table: Columns nil monitors all columns; Where (monitor_cond and later)
// filters rows, all of them must hold.
type MonitorRequest struct {
	Columns []string
	Where   []Condition
	Select  *MonitorSelect
}

func (r *MonitorRequest) appendJSON(b []byte, cond bool) ([]byte, error) {
	b = append(b, '{')
	if r.Columns != nil {
		b = appendKey(b, "columns")
		b = appendStrings(b, r.Columns)
	}
	if cond && r.Where != nil {
		b = appendKey(b, "where")
		var err error
		if b, err = appendWhere(b, r.Where); err != nil {
			return b, err
		}
	}
	if s := r.Select; s != nil {
		b = appendKey(b, "select")
		b = append(b, `{"initial":`...)
		b = strconv.AppendBool(b, s.Initial)
		b = append(b, `,"insert":`...)
		b = strconv.AppendBool(b, s.Insert)
		b = append(b, `,"delete":`...)
		b = strconv.AppendBool(b, s.Delete)
		b = append(b, `,"modify":`...)
		b = strconv.AppendBool(b, s.Modify)
		b = append(b, '}')
	}
	return append(b, '}'), nil
}

// MonitorRequests maps table names to their monitor requests.
type MonitorRequests map[string][]MonitorRequest

func (rs MonitorRequests) appendJSON(b []byte, cond bool) ([]byte, error) {
	tables := make([]string, 0, len(rs))
	for t := range rs {
		tables = append(tables, t)
	}
	slices.Sort(tables)
	b = append(b, '{')
	for i, t := range tables {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonx.AppendString(b, t)
		b = append(b, ":["...)
		for j := range rs[t] {
			if j > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = rs[t][j].appendJSON(b, cond); err != nil {
				return b, err
			}
		}
		b = append(b, ']')
	}
	return append(b, '}'), nil
}

// RowOp is the kind of a row change.
type RowOp uint8

// Row change kinds.
const (
	RowInitial RowOp = iota + 1 // present when the monitor started
	RowInsert
	RowModify
	RowDelete
)

func (o RowOp) String() string {
	switch o {
	case RowInitial:
		return "initial"
	case RowInsert:
		return "insert"
	case RowModify:
		return "modify"
	case RowDelete:
		return "delete"
	}
	return "invalid"
}

// RowUpdate is one row's change.
//
// For RowInitial and RowInsert, Row holds the row (update2/3 omit columns
// with default values). For RowModify from update2/update3, Row is the diff
// (sets: symmetric difference; maps: changed pairs; scalars: new value); from
// a plain monitor's update, New is the whole new row and Old the old values
// of the changed columns. For RowDelete, Old holds the old row when the
// server sent it (plain monitor only).
type RowUpdate struct {
	Op  RowOp
	Row Row
	New Row
	Old Row
}

// TableUpdates maps table → row UUID → change.
type TableUpdates map[string]map[UUID]RowUpdate

// MonitorUpdate is one batch of changes delivered to a monitor's handler.
type MonitorUpdate struct {
	MonitorID string
	// Reset is true when Tables is the complete content of the monitored
	// tables (the initial reply, or a resync after reconnection that could
	// not resume): rows absent from it no longer exist.
	Reset bool
	// LastTxnID is the transaction id after this update (monitor_cond_since
	// only; all zeros on a standalone server).
	LastTxnID string
	Tables    TableUpdates
}

// MonitorOptions tunes [Client.Monitor].
type MonitorOptions struct {
	// ID is the monitor id; default a unique "ovsflow-N".
	ID string
	// Method is the monitor flavour; default MonitorAuto.
	Method MonitorMethod
	// LastTxnID resumes from a known transaction (monitor_cond_since).
	LastTxnID string
}

// Monitor is an active monitor. It is re-established after reconnection.
type Monitor struct {
	c       *Client
	db      string
	id      string
	handler func(*MonitorUpdate)

	// optional monitors (the internal _Server watch) are skipped on
	// servers that lack their database.
	optional bool

	mu       sync.Mutex
	reqs     MonitorRequests
	method   MonitorMethod // requested
	used     MonitorMethod // in use on the current session
	lastTxn  string
	canceled bool
}

// ID returns the monitor id.
func (m *Monitor) ID() string { return m.id }

// Method returns the monitor method in use on the current connection.
func (m *Monitor) Method() MonitorMethod {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.used
}

// LastTxnID returns the last transaction id applied (monitor_cond_since).
func (m *Monitor) LastTxnID() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lastTxn
}

// Monitor starts monitoring reqs in db. handler is called on the client's
// single notification goroutine, in wire order, first with the initial
// content (Reset true) and then with each change; it may block, which
// applies back-pressure (nothing is dropped) without stalling replies. Tables
// and columns the server schema lacks are dropped with a warning.
func (c *Client) Monitor(ctx context.Context, db string, reqs MonitorRequests, handler func(*MonitorUpdate), opts *MonitorOptions) (*Monitor, error) {
	if handler == nil {
		handler = func(*MonitorUpdate) {}
	}
	m := &Monitor{c: c, db: db, handler: handler, reqs: reqs}
	if opts != nil {
		m.id, m.method, m.lastTxn = opts.ID, opts.Method, opts.LastTxnID
	}
	if m.id == "" {
		m.id = "ovsflow-" + strconv.FormatUint(c.monSeq.Add(1), 10)
	}
	s, err := c.session(ctx)
	if err != nil {
		return nil, err
	}
	// Register first: updates may follow the reply immediately.
	c.mu.Lock()
	c.monitors = append(c.monitors, m)
	c.mu.Unlock()
	if err := m.start(ctx, s, m.lastTxn != ""); err != nil {
		c.mu.Lock()
		if i := slices.Index(c.monitors, m); i >= 0 {
			c.monitors = slices.Delete(c.monitors, i, i+1)
		}
		c.mu.Unlock()
		return nil, err
	}
	return m, nil
}

func (c *Client) schemaOn(ctx context.Context, s *session, db string) (*Schema, error) {
	c.mu.Lock()
	sch := c.schemas[db]
	cur := c.sess == s
	c.mu.Unlock()
	if sch != nil && cur {
		return sch, nil
	}
	raw, err := c.callOn(ctx, s, "get_schema", strParams(db), nil)
	if err != nil {
		return nil, err
	}
	sch, err = ParseSchema(raw)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.schemas[db] = sch
	c.mu.Unlock()
	return sch, nil
}

// tolerate drops tables and columns the server lacks.
func (c *Client) tolerate(sch *Schema, reqs MonitorRequests) MonitorRequests {
	out := make(MonitorRequests, len(reqs))
	for t, rs := range reqs {
		ts, ok := sch.Tables[t]
		if !ok {
			c.log.Warn("ovsdb: server schema lacks table, not monitoring it", "db", sch.Name, "table", t, "schema_version", sch.Version)
			c.stats.skippedColumns.Add(1)
			continue
		}
		nrs := make([]MonitorRequest, len(rs))
		for i, r := range rs {
			nrs[i] = r
			if r.Columns == nil {
				continue
			}
			cols := make([]string, 0, len(r.Columns))
			for _, col := range r.Columns {
				if _, ok := ts.Columns[col]; ok || col == "_uuid" || col == "_version" {
					cols = append(cols, col)
				} else {
					c.log.Warn("ovsdb: server schema lacks column, not monitoring it", "db", sch.Name, "table", t, "column", col, "schema_version", sch.Version)
					c.stats.skippedColumns.Add(1)
				}
			}
			nrs[i].Columns = cols
		}
		out[t] = nrs
	}
	return out
}

func isUnknownMethod(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Err == "unknown method"
}

// start issues the monitor request on s. resume asks monitor_cond_since to
// continue from the last transaction id.
func (m *Monitor) start(ctx context.Context, s *session, resume bool) error {
	c := m.c
	sch, err := c.schemaOn(ctx, s, m.db)
	if err != nil {
		if m.optional && errors.Is(err, ErrUnknownDatabase) {
			return nil
		}
		return err
	}
	m.mu.Lock()
	reqs := c.tolerate(sch, m.reqs)
	method := m.method
	last := m.lastTxn
	m.mu.Unlock()
	if !resume {
		last = ""
	}
	cands := []MonitorMethod{MonitorCondSince, MonitorCond, MonitorPlain}
	switch method {
	case MonitorCondSince:
		cands = cands[:1]
	case MonitorCond:
		cands = cands[1:2]
	case MonitorPlain:
		cands = cands[2:]
	}
	c.mu.Lock()
	floor := c.methods
	c.mu.Unlock()
	var lastErr error
	for _, mm := range cands {
		if int(mm) < floor && method == MonitorAuto {
			continue // this server already said it lacks that method
		}
		name := mm.String()
		id := m.id
		p := func(b []byte) ([]byte, error) {
			b = append(b, '[')
			b = jsonx.AppendString(b, m.db)
			b = append(b, ',')
			b = jsonx.AppendString(b, id)
			b = append(b, ',')
			var err error
			if b, err = reqs.appendJSON(b, mm != MonitorPlain); err != nil {
				return b, err
			}
			if mm == MonitorCondSince {
				b = append(b, ',')
				if last == "" {
					b = append(b, `"00000000-0000-0000-0000-000000000000"`...)
				} else {
					b = jsonx.AppendString(b, last)
				}
			}
			return append(b, ']'), nil
		}
		onResult := func(raw []byte, e *Error) {
			if e != nil {
				return
			}
			c.q.push(func() { m.applyReply(mm, raw) })
		}
		_, err := c.callOn(ctx, s, name, p, onResult)
		if err == nil {
			m.mu.Lock()
			m.used = mm
			m.mu.Unlock()
			return nil
		}
		lastErr = err
		if !isUnknownMethod(err) {
			return err
		}
		c.log.Info("ovsdb: server lacks monitor method, falling back", "method", name)
		c.mu.Lock()
		if int(mm)+1 > c.methods {
			c.methods = int(mm) + 1
		}
		c.mu.Unlock()
	}
	return lastErr
}

// applyReply decodes a monitor reply on the notification goroutine.
func (m *Monitor) applyReply(mm MonitorMethod, raw []byte) {
	u := &MonitorUpdate{MonitorID: m.id, Reset: true}
	d := jsonx.NewDecoder(raw)
	var err error
	switch mm {
	case MonitorCondSince:
		// [found, last-txn-id, table-updates2]
		if !d.BeginArray() || !d.More() {
			err = decodeErr("monitor_cond_since reply", d, orSyntax(d.Err()))
			break
		}
		found := d.Bool()
		d.More()
		u.LastTxnID = string(d.StringBytes())
		d.More()
		u.Reset = !found
		u.Tables, err = decodeTableUpdates(d, 2, nil)
		if err == nil && d.More() {
			err = decodeErr("monitor_cond_since reply", d, jsonx.ErrSyntax)
		}
	case MonitorCond:
		u.Tables, err = decodeTableUpdates(d, 2, nil)
	default:
		u.Tables, err = decodeTableUpdates(d, 1, nil)
	}
	if err == nil {
		err = d.End()
	}
	if err != nil {
		m.c.log.Error("ovsdb: bad monitor reply, dropping connection", "monitor", m.id, "err", err)
		m.c.dropSession()
		return
	}
	m.deliver(u)
}

func (m *Monitor) deliver(u *MonitorUpdate) {
	m.mu.Lock()
	if m.canceled {
		m.mu.Unlock()
		return
	}
	if u.LastTxnID != "" {
		m.lastTxn = u.LastTxnID
	}
	m.mu.Unlock()
	m.c.stats.updates.Add(1)
	m.handler(u)
}

func (c *Client) dropSession() {
	c.mu.Lock()
	s := c.sess
	c.mu.Unlock()
	if s != nil {
		s.codec.Close()
	}
}

// onUpdate runs on the read goroutine: it only queues.
func (c *Client) onUpdate(version int, raw []byte) {
	c.q.push(func() { c.applyUpdate(version, raw) })
}

func (c *Client) findMonitor(id string) *Monitor {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range c.monitors {
		if m.id == id {
			return m
		}
	}
	return nil
}

func (c *Client) applyUpdate(version int, raw []byte) {
	d := jsonx.NewDecoder(raw)
	if !d.BeginArray() || !d.More() {
		c.log.Warn("ovsdb: malformed update notification", "err", d.Err())
		return
	}
	var id string
	if d.Peek() == jsonx.String {
		id = string(d.StringBytes())
	} else {
		id = string(d.Skip())
	}
	u := &MonitorUpdate{MonitorID: id}
	if !d.More() {
		c.log.Warn("ovsdb: malformed update notification", "monitor", id)
		return
	}
	if version == 3 {
		u.LastTxnID = string(d.StringBytes())
		if !d.More() {
			c.log.Warn("ovsdb: malformed update3 notification", "monitor", id)
			return
		}
	}
	v := 2
	if version == 1 {
		v = 1
	}
	var err error
	u.Tables, err = decodeTableUpdates(d, v, nil)
	if err == nil && d.More() {
		err = jsonx.ErrSyntax
	}
	if err == nil {
		err = d.End()
	}
	if err != nil {
		c.log.Error("ovsdb: bad update notification, dropping connection", "monitor", id, "err", err)
		c.dropSession()
		return
	}
	m := c.findMonitor(id)
	if m == nil {
		c.log.Debug("ovsdb: update for unknown monitor", "monitor", id)
		return
	}
	m.deliver(u)
}

// decodeTableUpdates reads <table-updates> (version 1), <table-updates2>
// (version 2) or either (version 0, told apart row by row).
func decodeTableUpdates(d *jsonx.Decoder, version int, in interner) (TableUpdates, error) {
	if !d.BeginObject() {
		return nil, decodeErr("table-updates", d, d.Err())
	}
	out := make(TableUpdates)
	for d.More() {
		table := in.get(d.Key())
		if !d.BeginObject() {
			return nil, decodeErr("table-update", d, d.Err())
		}
		rows := out[table]
		if rows == nil {
			rows = make(map[UUID]RowUpdate)
			out[table] = rows
		}
		for d.More() {
			k := d.Key()
			u, err := parseUUIDBytes(k)
			if err != nil {
				return nil, &DecodeError{What: "row uuid", Offset: d.Offset(), Err: err}
			}
			var ru RowUpdate
			version1 := false
			if !d.BeginObject() {
				return nil, decodeErr("row-update", d, d.Err())
			}
			for d.More() {
				key := string(d.Key())
				if d.Null() {
					if key == "delete" {
						ru.Op = RowDelete
					}
					continue
				}
				var row Row
				if d.Peek() == jsonx.Object {
					row, err = decodeRow(d, in)
					if err != nil {
						return nil, err
					}
				} else {
					d.Skip()
				}
				if version == 1 || (version == 0 && (key == "old" || key == "new")) {
					version1 = true
					switch key {
					case "old":
						ru.Old = row
					case "new":
						ru.New = row
					}
					continue
				}
				switch key {
				case "initial":
					ru.Op, ru.Row = RowInitial, row
				case "insert":
					ru.Op, ru.Row = RowInsert, row
				case "modify":
					ru.Op, ru.Row = RowModify, row
				case "delete":
					ru.Op, ru.Old = RowDelete, row
				}
			}
			if d.Err() != nil {
				return nil, decodeErr("row-update", d, d.Err())
			}
			if version1 {
				switch {
				case ru.New != nil && ru.Old == nil:
					ru.Op, ru.Row = RowInsert, ru.New
				case ru.New != nil:
					ru.Op = RowModify
				default:
					ru.Op = RowDelete
				}
			}
			if ru.Op == 0 {
				return nil, &DecodeError{What: "row-update", Offset: d.Offset(), Err: errors.New("no initial/insert/modify/delete member")}
			}
			rows[u] = ru
		}
	}
	if d.Err() != nil {
		return nil, decodeErr("table-updates", d, d.Err())
	}
	return out, nil
}

// Change replaces the monitor's row conditions per table with
// monitor_cond_change (ovsdb-server does not support changing the monitored
// columns). Updates caused by the change are delivered before it returns.
// The new conditions are kept for re-monitoring after a reconnection.
func (m *Monitor) Change(ctx context.Context, where map[string][]Condition) error {
	c := m.c
	s, err := c.session(ctx)
	if err != nil {
		return err
	}
	sch, err := c.schemaOn(ctx, s, m.db)
	if err != nil {
		return err
	}
	tables := make([]string, 0, len(where))
	for t := range where {
		if _, ok := sch.Tables[t]; !ok {
			c.log.Warn("ovsdb: server schema lacks table, not changing its condition", "table", t)
			continue
		}
		tables = append(tables, t)
	}
	slices.Sort(tables)
	_, err = c.callOn(ctx, s, "monitor_cond_change", func(b []byte) ([]byte, error) {
		b = append(b, '[')
		b = jsonx.AppendString(b, m.id)
		b = append(b, ',')
		b = jsonx.AppendString(b, m.id)
		b = append(b, ",{"...)
		for i, t := range tables {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonx.AppendString(b, t)
			b = append(b, `:[{"where":`...)
			var err error
			if b, err = appendWhere(b, where[t]); err != nil {
				return b, err
			}
			b = append(b, "}]"...)
		}
		return append(b, "}]"...), nil
	}, nil)
	if err != nil {
		return err
	}
	m.mu.Lock()
	nr := make(MonitorRequests, len(m.reqs))
	for t, rs := range m.reqs {
		rs = slices.Clone(rs)
		if w, ok := where[t]; ok {
			for i := range rs {
				rs[i].Where = w
			}
		}
		nr[t] = rs
	}
	m.reqs = nr
	m.mu.Unlock()
	return c.Sync(ctx)
}

// Cancel stops the monitor (monitor_cancel).
func (m *Monitor) Cancel(ctx context.Context) error {
	c := m.c
	c.mu.Lock()
	if i := slices.Index(c.monitors, m); i >= 0 {
		c.monitors = slices.Delete(c.monitors, i, i+1)
	}
	c.mu.Unlock()
	m.mu.Lock()
	m.canceled = true
	m.mu.Unlock()
	_, err := c.call(ctx, "monitor_cancel", func(b []byte) ([]byte, error) {
		b = append(b, '[')
		b = jsonx.AppendString(b, m.id)
		return append(b, ']'), nil
	}, nil)
	return err
}

func (c *Client) onMonitorCanceled(raw []byte) {
	d := jsonx.NewDecoder(raw)
	if !d.BeginArray() || !d.More() {
		return
	}
	id := string(d.StringBytes())
	m := c.findMonitor(id)
	if m == nil {
		return
	}
	c.log.Warn("ovsdb: server canceled monitor (database removed or converted), restarting it", "monitor", id)
	c.mu.Lock()
	s := c.sess
	closed := c.closed
	if !closed {
		c.wg.Add(1)
	}
	c.mu.Unlock()
	if closed {
		return
	}
	go func() {
		defer c.wg.Done()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		stop := context.AfterFunc(closeCtx(c.closeCh), cancel)
		defer stop()
		if err := m.start(ctx, s, false); err != nil {
			c.log.Error("ovsdb: restarting canceled monitor failed", "monitor", id, "err", err)
		}
	}()
}

// checkServer enforces LeaderOnly and the stale-index check using _Server.
func (c *Client) checkServer(ctx context.Context, s *session) error {
	raw, err := c.callOn(ctx, s, "transact", func(b []byte) ([]byte, error) {
		return append(b, `["_Server",{"op":"select","table":"Database","where":[],"columns":["name","model","connected","leader","index"]}]`...), nil
	}, nil)
	if err != nil {
		if isUnknownMethod(err) || errors.Is(err, ErrUnknownDatabase) {
			return nil // old server without _Server: nothing to check
		}
		return err
	}
	d := jsonx.NewDecoder(raw)
	res, err := decodeTransactResult(d, nil)
	if err != nil {
		return err
	}
	if len(res) != 1 || res[0].Error != nil {
		if len(res) == 1 {
			return res[0].Error
		}
		return errors.New("ovsdb: bad _Server reply")
	}
	for _, row := range res[0].Rows {
		name, _ := DecodeAtom[string](row["name"])
		model, _ := DecodeAtom[string](row["model"])
		if model == "relay" {
			// A relay forwards to the leader but is never one itself.
			return errors.Join(ErrNotLeader, errors.New("ovsdb: database "+name+" is served by a relay"))
		}
		if model != "clustered" {
			continue
		}
		connected, _ := DecodeAtom[bool](row["connected"])
		leader, _ := DecodeAtom[bool](row["leader"])
		if !connected {
			return errors.Join(ErrNotConnected, errors.New("ovsdb: database "+name+" not connected to its cluster"))
		}
		if !leader {
			return errors.Join(ErrNotLeader, errors.New("ovsdb: database "+name))
		}
		idx, _ := DecodeOptional[int64](row["index"])
		if idx != nil {
			c.mu.Lock()
			stale := uint64(*idx) < c.minIndex
			if !stale {
				c.minIndex = uint64(*idx)
			}
			c.mu.Unlock()
			if stale {
				return errors.Join(ErrStaleServer, errors.New("ovsdb: database "+name+" index "+strconv.FormatInt(*idx, 10)))
			}
		}
	}
	return nil
}

// serverWatch follows _Server.Database in leader-only mode and drops the
// connection when this server stops being the leader of (or loses its
// connection to) a clustered database, so the client moves to the new
// leader even when the old one stays up.
type serverWatch struct {
	c    *Client
	rows map[UUID]*serverRow
}

type serverRow struct {
	name                       string
	clustered, leader, connect bool
}

func (c *Client) newServerWatch() *Monitor {
	w := &serverWatch{c: c, rows: make(map[UUID]*serverRow)}
	return &Monitor{
		c: c, db: "_Server", id: "ovsflow-server", optional: true, handler: w.update,
		reqs: MonitorRequests{"Database": {{Columns: []string{"name", "model", "connected", "leader"}}}},
	}
}

func (w *serverWatch) update(u *MonitorUpdate) {
	if u.Reset {
		clear(w.rows)
	}
	for id, ru := range u.Tables["Database"] {
		if ru.Op == RowDelete {
			delete(w.rows, id)
			continue
		}
		r := w.rows[id]
		if r == nil || ru.Op == RowInitial || ru.Op == RowInsert {
			r = &serverRow{}
			w.rows[id] = r
		}
		row := ru.Row
		if ru.New != nil {
			row = ru.New
		}
		if v, ok := row["name"]; ok {
			r.name, _ = DecodeAtom[string](v)
		}
		if v, ok := row["model"]; ok {
			m, _ := DecodeAtom[string](v)
			r.clustered = m == "clustered"
		}
		if v, ok := row["leader"]; ok {
			r.leader, _ = DecodeAtom[bool](v)
		}
		if v, ok := row["connected"]; ok {
			r.connect, _ = DecodeAtom[bool](v)
		}
	}
	for _, r := range w.rows {
		if r.clustered && (!r.leader || !r.connect) {
			w.c.log.Warn("ovsdb: server is no longer the connected leader, reconnecting", "db", r.name, "leader", r.leader, "connected", r.connect)
			w.c.dropSession()
			return
		}
	}
}

// UnmarshalJSON decodes a <table-updates2> object (as in update2/update3
// notifications and monitor_cond replies) or a plain monitor's
// <table-updates>.
func (tu *TableUpdates) UnmarshalJSON(b []byte) error {
	var d jsonx.Decoder
	d.Reset(append([]byte(nil), b...))
	out, err := decodeTableUpdates(&d, 0, interner{})
	if err != nil {
		return err
	}
	if err := d.End(); err != nil {
		return decodeErr("table-updates", &d, err)
	}
	*tu = out
	return nil
}
