package ovsdb

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
)

// CacheEvent is one row change applied to a [Cache]. Old is nil for an
// insert, New is nil for a delete. Both are immutable snapshots: never
// modify them (Clone first).
type CacheEvent struct {
	Op    RowOp // RowInsert, RowModify or RowDelete
	Table string
	UUID  UUID
	Old   Model
	New   Model
}

// CacheOptions configures [NewCache].
type CacheOptions struct {
	// Indexes adds client-side indexes per table (each a list of columns),
	// on top of the server schema's own indexes.
	Indexes map[string][][]string
	// Columns restricts the monitored columns per table (nil: all).
	Columns map[string][]string
	// Where filters the monitored rows per table (monitor_cond).
	Where map[string][]Condition
}

type tableCache struct {
	name    string
	rows    map[UUID]Model
	indexes []*cacheIndex
}

type cacheIndex struct {
	columns []string
	m       map[string]UUID
}

func (ix *cacheIndex) key(m Model) string {
	r := m.ToRow(ix.columns...)
	var b strings.Builder
	for _, c := range ix.columns {
		b.Write(r[c].Bytes())
		b.WriteByte(0)
	}
	return b.String()
}

// Cache is a typed replica of some tables of one database, kept current by
// a monitor. Reads are safe for concurrent use. Change events are delivered
// to subscribers in order and never dropped: a subscriber that doesn't keep
// up slows down the replica (back-pressure), not the connection. After a
// reconnection the cache resynchronizes (monitor_cond_since, or a full
// reload diffed against the current content) and emits exactly the changes
// that happened meanwhile.
type Cache struct {
	c       *Client
	db      string
	factory func(table string) Model
	mon     *Monitor

	mu     sync.RWMutex
	tables map[string]*tableCache
	ready  chan struct{}
	once   sync.Once

	smu  sync.Mutex
	subs []*Subscription
	gen  uint64 // bumped on every applied update
}

// NewCache monitors tables of db (each created by factory, for example
// vswitch.NewModel) and returns once the initial content is loaded.
func NewCache(ctx context.Context, c *Client, db string, tables []string, factory func(table string) Model, opts *CacheOptions) (*Cache, error) {
	if opts == nil {
		opts = &CacheOptions{}
	}
	sch, err := c.Schema(ctx, db)
	if err != nil {
		return nil, err
	}
	ca := &Cache{c: c, db: db, factory: factory, tables: make(map[string]*tableCache), ready: make(chan struct{})}
	reqs := make(MonitorRequests)
	for _, t := range tables {
		if factory(t) == nil {
			return nil, errors.New("ovsdb: cache: no model for table " + t)
		}
		tc := &tableCache{name: t, rows: make(map[UUID]Model)}
		var idx [][]string
		if ts := sch.Tables[t]; ts != nil {
			idx = append(idx, ts.Indexes...)
		}
		idx = append(idx, opts.Indexes[t]...)
		for _, cols := range idx {
			tc.indexes = append(tc.indexes, &cacheIndex{columns: cols, m: make(map[string]UUID)})
		}
		ca.tables[t] = tc
		reqs[t] = []MonitorRequest{{Columns: opts.Columns[t], Where: opts.Where[t]}}
	}
	mon, err := c.Monitor(ctx, db, reqs, ca.apply, nil)
	if err != nil {
		return nil, err
	}
	ca.mon = mon
	select {
	case <-ca.ready:
	case <-ctx.Done():
		_ = mon.Cancel(context.Background())
		return nil, ctx.Err()
	}
	return ca, nil
}

// Monitor returns the monitor feeding the cache.
func (ca *Cache) Monitor() *Monitor { return ca.mon }

// Sync waits until the cache reflects every update received so far; called
// after [Client.Transact] returns, it waits until the cache reflects that
// transaction (the server sends a client's updates before its reply).
func (ca *Cache) Sync(ctx context.Context) error { return ca.c.Sync(ctx) }

// Close stops the monitor and ends every subscription.
func (ca *Cache) Close(ctx context.Context) error {
	err := ca.mon.Cancel(ctx)
	ca.smu.Lock()
	subs := ca.subs
	ca.subs = nil
	ca.smu.Unlock()
	for _, s := range subs {
		s.Close()
	}
	if errors.Is(err, ErrClosed) || errors.Is(err, ErrNotConnected) {
		return nil
	}
	return err
}

// Get returns the row of table with uuid u.
func (ca *Cache) Get(table string, u UUID) (Model, bool) {
	ca.mu.RLock()
	defer ca.mu.RUnlock()
	tc := ca.tables[table]
	if tc == nil {
		return nil, false
	}
	m, ok := tc.rows[u]
	return m, ok
}

// Len returns the number of rows of table.
func (ca *Cache) Len(table string) int {
	ca.mu.RLock()
	defer ca.mu.RUnlock()
	if tc := ca.tables[table]; tc != nil {
		return len(tc.rows)
	}
	return 0
}

// List returns the rows of table (in no particular order).
func (ca *Cache) List(table string) []Model {
	ca.mu.RLock()
	defer ca.mu.RUnlock()
	tc := ca.tables[table]
	if tc == nil {
		return nil
	}
	out := make([]Model, 0, len(tc.rows))
	for _, m := range tc.rows {
		out = append(out, m)
	}
	return out
}

// Lookup finds the row of probe's table whose index columns equal probe's.
// The index (a schema index or one from CacheOptions.Indexes) must exist.
func (ca *Cache) Lookup(probe Model, columns ...string) (Model, bool) {
	ca.mu.RLock()
	defer ca.mu.RUnlock()
	tc := ca.tables[probe.Table()]
	if tc == nil {
		return nil, false
	}
	for _, ix := range tc.indexes {
		if slices.Equal(ix.columns, columns) {
			u, ok := ix.m[ix.key(probe)]
			if !ok {
				return nil, false
			}
			return tc.rows[u], true
		}
	}
	return nil, false
}

// Subscription receives cache events in order. Read C until it is closed.
type Subscription struct {
	ca     *Cache
	ch     chan CacheEvent
	done   chan struct{}
	closed sync.Once
	// C delivers the events.
	C <-chan CacheEvent
}

// Subscribe returns a subscription with a channel of the given buffer size.
// If withCurrent, the current rows are delivered first as inserts. Events
// are never dropped: when the buffer is full, the cache waits.
func (ca *Cache) Subscribe(buffer int, withCurrent bool) *Subscription {
	s := &Subscription{ca: ca, ch: make(chan CacheEvent, buffer), done: make(chan struct{})}
	s.C = s.ch
	// Register on the notification goroutine so the snapshot and the
	// following events line up exactly; Subscribe does not wait for it.
	ca.c.q.push(func() {
		if withCurrent {
			ca.mu.RLock()
			var evs []CacheEvent
			for t, tc := range ca.tables {
				for u, m := range tc.rows {
					evs = append(evs, CacheEvent{Op: RowInsert, Table: t, UUID: u, New: m})
				}
			}
			ca.mu.RUnlock()
			for _, ev := range evs {
				if !s.send(ev) {
					return
				}
			}
		}
		ca.smu.Lock()
		ca.subs = append(ca.subs, s)
		ca.smu.Unlock()
	})
	return s
}

func (s *Subscription) send(ev CacheEvent) bool {
	select {
	case s.ch <- ev:
		return true
	case <-s.done:
		return false
	case <-s.ca.c.closeCh:
		return false
	}
}

// Close ends the subscription. C is closed once no more event can be sent
// on it (after events already queued ahead of Close).
func (s *Subscription) Close() {
	s.closed.Do(func() {
		close(s.done)
		ca := s.ca
		ca.smu.Lock()
		if i := slices.Index(ca.subs, s); i >= 0 {
			ca.subs = slices.Delete(ca.subs, i, i+1)
		}
		ca.smu.Unlock()
		if ca.c.q.push(func() { close(s.ch) }) == 0 {
			// The client is closed: wait until its queue has drained.
			<-ca.c.q.done
			close(s.ch)
		}
	})
}

func (ca *Cache) emit(evs []CacheEvent) {
	if len(evs) == 0 {
		return
	}
	ca.smu.Lock()
	subs := slices.Clone(ca.subs)
	ca.smu.Unlock()
	for _, s := range subs {
		for _, ev := range evs {
			if !s.send(ev) {
				break
			}
		}
	}
}

// apply runs on the notification goroutine.
func (ca *Cache) apply(u *MonitorUpdate) {
	var evs []CacheEvent
	var err error
	ca.mu.Lock()
	if u.Reset {
		evs, err = ca.reset(u.Tables)
	} else {
		evs, err = ca.applyIncremental(u.Tables)
	}
	ca.gen++
	ca.mu.Unlock()
	if err != nil {
		ca.c.log.Error("ovsdb: cache: bad update, resynchronizing", "db", ca.db, "err", err)
		ca.c.dropSession()
	}
	ca.once.Do(func() { close(ca.ready) })
	ca.emit(evs)
}

func (ca *Cache) newRow(table string, u UUID, r Row) (Model, error) {
	m := ca.factory(table)
	if err := m.FromRow(r); err != nil {
		return nil, err
	}
	m.SetRowUUID(u)
	return m, nil
}

func (tc *tableCache) put(u UUID, old, m Model) {
	for _, ix := range tc.indexes {
		if old != nil {
			k := ix.key(old)
			if ix.m[k] == u {
				delete(ix.m, k)
			}
		}
		if m != nil {
			ix.m[ix.key(m)] = u
		}
	}
	if m == nil {
		delete(tc.rows, u)
	} else {
		tc.rows[u] = m
	}
}

func (ca *Cache) applyIncremental(tu TableUpdates) ([]CacheEvent, error) {
	var evs []CacheEvent
	for table, rows := range tu {
		tc := ca.tables[table]
		if tc == nil {
			continue
		}
		for u, ru := range rows {
			old := tc.rows[u]
			switch ru.Op {
			case RowInitial, RowInsert:
				m, err := ca.newRow(table, u, ru.Row)
				if err != nil {
					return evs, err
				}
				tc.put(u, old, m)
				op := RowInsert
				if old != nil {
					op = RowModify
				}
				evs = append(evs, CacheEvent{Op: op, Table: table, UUID: u, Old: old, New: m})
			case RowModify:
				var m Model
				if ru.New != nil {
					nm, err := ca.newRow(table, u, ru.New)
					if err != nil {
						return evs, err
					}
					m = nm
				} else {
					if old == nil {
						return evs, errors.New("ovsdb: cache: modify of unknown row " + table + " " + u.String())
					}
					m = old.CloneModel()
					if err := m.ApplyDiff(ru.Row); err != nil {
						return evs, err
					}
				}
				tc.put(u, old, m)
				evs = append(evs, CacheEvent{Op: RowModify, Table: table, UUID: u, Old: old, New: m})
			case RowDelete:
				if old == nil {
					continue
				}
				tc.put(u, old, nil)
				evs = append(evs, CacheEvent{Op: RowDelete, Table: table, UUID: u, Old: old})
			}
		}
	}
	return evs, nil
}

// reset replaces the content with a complete snapshot, emitting the
// difference.
func (ca *Cache) reset(tu TableUpdates) ([]CacheEvent, error) {
	var evs []CacheEvent
	for table, tc := range ca.tables {
		rows := tu[table]
		for u, old := range tc.rows {
			if _, ok := rows[u]; !ok {
				tc.put(u, old, nil)
				evs = append(evs, CacheEvent{Op: RowDelete, Table: table, UUID: u, Old: old})
			}
		}
		for u, ru := range rows {
			r := ru.Row
			if ru.New != nil {
				r = ru.New
			}
			m, err := ca.newRow(table, u, r)
			if err != nil {
				return evs, err
			}
			old := tc.rows[u]
			switch {
			case old == nil:
				tc.put(u, nil, m)
				evs = append(evs, CacheEvent{Op: RowInsert, Table: table, UUID: u, New: m})
			case !old.EqualModel(m):
				tc.put(u, old, m)
				evs = append(evs, CacheEvent{Op: RowModify, Table: table, UUID: u, Old: old, New: m})
			}
		}
	}
	return evs, nil
}

// TypedTable is a typed view of one cached table.
type TypedTable[T any, P ModelPtr[T]] struct {
	ca    *Cache
	table string
}

// CacheTable returns the typed view of the table of model T.
func CacheTable[T any, P ModelPtr[T]](ca *Cache) TypedTable[T, P] {
	var z T
	return TypedTable[T, P]{ca: ca, table: P(&z).Table()}
}

// Get returns the row with uuid u. Do not modify it.
func (t TypedTable[T, P]) Get(u UUID) (*T, bool) {
	m, ok := t.ca.Get(t.table, u)
	if !ok {
		return nil, false
	}
	p, ok := m.(P)
	return (*T)(p), ok
}

// List returns all rows. Do not modify them.
func (t TypedTable[T, P]) List() []*T {
	ms := t.ca.List(t.table)
	out := make([]*T, 0, len(ms))
	for _, m := range ms {
		if p, ok := m.(P); ok {
			out = append(out, (*T)(p))
		}
	}
	return out
}

// Lookup finds the row whose index columns equal probe's.
func (t TypedTable[T, P]) Lookup(probe *T, columns ...string) (*T, bool) {
	m, ok := t.ca.Lookup(P(probe), columns...)
	if !ok {
		return nil, false
	}
	p, ok := m.(P)
	return (*T)(p), ok
}

// Len returns the number of rows.
func (t TypedTable[T, P]) Len() int { return t.ca.Len(t.table) }
