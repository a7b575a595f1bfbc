package ovsdb

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/ovstest"
)

// TestRealOperations runs every transaction operation against ovsdb-server.
func TestRealOperations(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0")
	c := dialDB(t, db, nil)
	ctx := testCtx(t)
	const vs = "Open_vSwitch"
	br := bridgeUUID(t, c, "br0")

	// insert with an explicit uuid (+ uuid-name reference) and a comment.
	want := NewUUID()
	op := Insert("sFlow", Row{"targets": SetOf("127.0.0.1:6343"), "sampling": AtomOf(int64(64))}, "sf")
	op.UUID = want
	res, err := c.Transact(ctx, vs, op,
		Update("Bridge", Row{"sflow": AtomOf(NamedUUID("sf"))}, WhereUUID(br)),
		Comment("explicit uuid"))
	if err != nil || res[0].UUID != want {
		t.Fatalf("insert with uuid: %v, %+v (want %v)", err, res, want)
	}
	// mutate: += on an integer, insert into a map.
	res, err = c.Transact(ctx, vs,
		MutateOp("sFlow", []Mutation{
			Mutate("sampling", MutateAdd, AtomOf(int64(1))),
			Mutate("external_ids", MutateInsert, MapOf(map[string]string{"a": "b"})),
		}, WhereUUID(want)),
		Select("sFlow", []string{"sampling", "external_ids"}, WhereUUID(want)))
	if err != nil || res[0].Count != 1 {
		t.Fatalf("mutate: %v %+v", err, res)
	}
	if s, _ := DecodeAtom[int64](res[1].Rows[0]["sampling"]); s != 65 {
		t.Fatalf("sampling after += 1 = %d", s)
	}
	if m, _ := DecodeMap[string, string](res[1].Rows[0]["external_ids"]); m["a"] != "b" {
		t.Fatalf("external_ids = %v", m)
	}
	// wait: succeeds when the rows match, times out when they don't.
	timeout := int64(0)
	_, err = c.Transact(ctx, vs, Wait("sFlow", []Condition{WhereUUID(want)}, []string{"sampling"}, FuncEQ, []Row{{"sampling": AtomOf(int64(65))}}, &timeout))
	if err != nil {
		t.Fatalf("wait ==: %v", err)
	}
	_, err = c.Transact(ctx, vs, Wait("sFlow", []Condition{WhereUUID(want)}, []string{"sampling"}, FuncEQ, []Row{{"sampling": AtomOf(int64(1))}}, &timeout))
	if !errors.Is(err, ErrTimedOut) {
		t.Fatalf("wait mismatch: err = %v, want timed out", err)
	}
	// abort, commit, assert.
	_, err = c.Transact(ctx, vs, Update("sFlow", Row{"sampling": AtomOf(int64(7))}, WhereUUID(want)), Abort())
	if !errors.Is(err, ErrAborted) {
		t.Fatalf("abort: err = %v", err)
	}
	if _, err := c.Transact(ctx, vs, Commit(true)); err != nil {
		t.Fatalf("commit durable: %v", err)
	}
	_, err = c.Transact(ctx, vs, Assert("nolock"))
	if !errors.Is(err, ErrNotOwner) {
		t.Fatalf("assert without lock: err = %v", err)
	}
	// delete: clear the reference; sFlow is garbage collected.
	if _, err = c.Transact(ctx, vs, Update("Bridge", Row{"sflow": EmptySet()}, WhereUUID(br))); err != nil {
		t.Fatal(err)
	}
	res, err = c.Transact(ctx, vs, Select("sFlow", nil, WhereUUID(want)))
	if err != nil || len(res[0].Rows) != 0 {
		t.Fatalf("clear sflow: %v %+v", err, res)
	}
	res, err = c.Transact(ctx, vs, Delete("Bridge", Cond("name", FuncEQ, AtomOf("nosuch"))))
	if err != nil || !res[0].HasCount || res[0].Count != 0 {
		t.Fatalf("delete nothing: %v %+v", err, res)
	}
	// A context cancelled while a transact blocks (a wait with no
	// timeout) removes the call and cancels it on the server; the
	// connection stays usable.
	cctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	_, err = c.Transact(cctx, vs, Wait("Bridge", []Condition{WhereUUID(br)}, []string{"name"}, FuncEQ, []Row{{"name": AtomOf("other")}}, nil))
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("blocked wait: err = %v", err)
	}
	if err := c.Echo(ctx); err != nil {
		t.Fatalf("echo after cancel: %v", err)
	}
}

func TestRealLocks(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	var mu sync.Mutex
	var events []string
	rec := func(who string) func(string, bool) {
		return func(name string, owned bool) {
			mu.Lock()
			defer mu.Unlock()
			s := who + " stolen " + name
			if owned {
				s = who + " locked " + name
			}
			events = append(events, s)
		}
	}
	a := dialDB(t, db, &Config{OnLockChange: rec("a")})
	b := dialDB(t, db, &Config{OnLockChange: rec("b")})
	ctx := testCtx(t)
	if ok, err := a.Lock(ctx, "L"); err != nil || !ok {
		t.Fatalf("a.Lock = %v, %v", ok, err)
	}
	if _, err := a.Transact(ctx, "Open_vSwitch", Assert("L")); err != nil {
		t.Fatalf("assert by owner: %v", err)
	}
	q := dialDB(t, db, &Config{OnLockChange: rec("q")})
	if ok, err := q.Lock(ctx, "L"); err != nil || ok {
		t.Fatalf("q.Lock = %v, %v (want queued)", ok, err)
	}
	if ok, err := b.Steal(ctx, "L"); err != nil || !ok {
		t.Fatalf("b.Steal = %v, %v", ok, err)
	}
	waitFor(t, "stolen notification", func() bool { return !a.HasLock("L") })
	if !b.HasLock("L") {
		t.Fatal("b does not own L after steal")
	}
	if err := b.Unlock(ctx, "L"); err != nil {
		t.Fatal(err)
	}
	// a, stolen from but still queued ahead of q, gets it back; when a
	// unlocks, q's queued request is granted.
	waitFor(t, "lock returned to a", func() bool { return a.HasLock("L") })
	if err := a.Unlock(ctx, "L"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "queued lock granted", func() bool { return q.HasLock("L") })
	if err := q.Unlock(ctx, "L"); err != nil {
		t.Fatal(err)
	}
	a.Sync(ctx)
	mu.Lock()
	defer mu.Unlock()
	seen := map[string]bool{}
	for _, e := range events {
		seen[e] = true
	}
	if !seen["a stolen L"] || !seen["a locked L"] || !seen["q locked L"] {
		t.Fatalf("lock events = %v", events)
	}
}

func TestRealMonitorMethods(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0")
	c := dialDB(t, db, nil)
	ctx := testCtx(t)
	for _, method := range []MonitorMethod{MonitorPlain, MonitorCond, MonitorCondSince} {
		t.Run(method.String(), func(t *testing.T) {
			var mu sync.Mutex
			var ups []*MonitorUpdate
			m, err := c.Monitor(ctx, "Open_vSwitch", MonitorRequests{"Bridge": {{Columns: []string{"name", "external_ids"}}}},
				func(u *MonitorUpdate) { mu.Lock(); ups = append(ups, u); mu.Unlock() }, &MonitorOptions{Method: method})
			if err != nil {
				t.Fatal(err)
			}
			if m.Method() != method {
				t.Fatalf("method = %v", m.Method())
			}
			br := bridgeUUID(t, c, "br0")
			if _, err := c.Transact(ctx, "Open_vSwitch", Update("Bridge", Row{"external_ids": MapOf(map[string]string{"m": method.String()})}, WhereUUID(br))); err != nil {
				t.Fatal(err)
			}
			c.Sync(ctx)
			mu.Lock()
			if len(ups) != 2 || !ups[0].Reset || ups[1].Reset {
				t.Fatalf("updates = %d", len(ups))
			}
			ru := ups[1].Tables["Bridge"][br]
			mu.Unlock()
			if ru.Op != RowModify {
				t.Fatalf("row update = %+v", ru)
			}
			changed := ru.Row
			if method == MonitorPlain {
				changed = ru.New
			}
			if got, _ := DecodeMap[string, string](changed["external_ids"]); got["m"] != method.String() {
				t.Fatalf("external_ids change = %v", changed)
			}
			if method != MonitorPlain {
				// monitor_cond_change: filter to a bridge that doesn't exist.
				if err := m.Change(ctx, map[string][]Condition{"Bridge": {Cond("name", FuncEQ, AtomOf("none"))}}); err != nil {
					t.Fatalf("Change: %v", err)
				}
				mu.Lock()
				last := ups[len(ups)-1]
				mu.Unlock()
				if r := last.Tables["Bridge"][br]; r.Op != RowDelete {
					t.Fatalf("after cond change: %+v", last)
				}
			}
			if err := m.Cancel(ctx); err != nil {
				t.Fatalf("Cancel: %v", err)
			}
		})
	}
}

func TestRealMapKeys(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0")
	c := dialDB(t, db, nil)
	ctx := testCtx(t)
	br := bridgeUUID(t, c, "br0")
	if _, err := c.Transact(ctx, "Open_vSwitch", Update("Bridge", Row{"external_ids": MapOf(map[string]string{"a": "1", "b": "1", "c": "1"})}, WhereUUID(br))); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Transact(ctx, "Open_vSwitch",
		MutateOp("Bridge", SetMapKeys("external_ids", map[string]string{"a": "2", "d": "2"}), WhereUUID(br)),
		MutateOp("Bridge", []Mutation{DeleteMapKeys("external_ids", "c")}, WhereUUID(br))); err != nil {
		t.Fatal(err)
	}
	res, err := c.Transact(ctx, "Open_vSwitch", Select("Bridge", []string{"external_ids"}, WhereUUID(br)))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := DecodeMap[string, string](res[0].Rows[0]["external_ids"])
	want := map[string]string{"a": "2", "b": "1", "d": "2"}
	if len(got) != len(want) || got["a"] != "2" || got["b"] != "1" || got["d"] != "2" {
		t.Fatalf("external_ids = %v, want %v", got, want)
	}
}
