package ovsdb_test

import (
	"context"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/vswitch"
)

// eventLog applies cache events to its own replica and records them.
type eventLog struct {
	mu      sync.Mutex
	replica map[ovsdb.UUID]ovsdb.Model
	events  []ovsdb.CacheEvent
	done    chan struct{}
}

func collect(s *ovsdb.Subscription) *eventLog {
	l := &eventLog{replica: map[ovsdb.UUID]ovsdb.Model{}, done: make(chan struct{})}
	go func() {
		defer close(l.done)
		for ev := range s.C {
			l.mu.Lock()
			l.events = append(l.events, ev)
			switch ev.Op {
			case ovsdb.RowInsert, ovsdb.RowModify:
				l.replica[ev.UUID] = ev.New
			case ovsdb.RowDelete:
				delete(l.replica, ev.UUID)
			}
			l.mu.Unlock()
			if ev.Table == "stop" {
				return
			}
		}
	}()
	return l
}

func (l *eventLog) snapshot() (map[ovsdb.UUID]ovsdb.Model, []ovsdb.CacheEvent) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := make(map[ovsdb.UUID]ovsdb.Model, len(l.replica))
	for k, v := range l.replica {
		r[k] = v
	}
	return r, append([]ovsdb.CacheEvent(nil), l.events...)
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

var cacheTables = []string{vswitch.OpenVSwitchTable, vswitch.BridgeTable, vswitch.NetFlowTable}

// TestCacheSurvivesSIGKILL kills ovsdb-server with SIGKILL mid-monitor,
// changes the database file while the server is down, restarts it, and
// checks that the cache converges to the server content with exactly the
// changes that happened, each reported once.
func TestCacheSurvivesSIGKILL(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0", "--", "add-br", "br1")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c, err := ovsdb.Dial(ctx, []string{db.Endpoint()}, &ovsdb.Config{MinBackoff: 20 * time.Millisecond, MaxBackoff: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ca, err := ovsdb.NewCache(ctx, c, vswitch.DatabaseName, cacheTables, vswitch.NewModel, nil)
	if err != nil {
		t.Fatal(err)
	}
	bridges := ovsdb.CacheTable[vswitch.Bridge](ca)
	if bridges.Len() != 2 {
		t.Fatalf("cached bridges = %d, want 2", bridges.Len())
	}
	br0, ok := bridges.Lookup(&vswitch.Bridge{Name: "br0"}, "name")
	if !ok {
		t.Fatal("Lookup(name=br0) found nothing")
	}
	br1, _ := bridges.Lookup(&vswitch.Bridge{Name: "br1"}, "name")
	sub := ca.Subscribe(0, true) // unbuffered: the cache waits for us
	log := collect(sub)

	// A transaction, then Sync: the cache reflects it.
	nf := &vswitch.NetFlow{Targets: []string{"127.0.0.1:2055"}, ActiveTimeout: 30}
	if _, err := c.Transact(ctx, vswitch.DatabaseName,
		ovsdb.Insert(vswitch.NetFlowTable, nf.ToRow(), "nf"),
		ovsdb.Update(vswitch.BridgeTable, ovsdb.Row{"netflow": ovsdb.AtomOf(ovsdb.NamedUUID("nf"))}, ovsdb.WhereUUID(br0.UUID))); err != nil {
		t.Fatal(err)
	}
	if err := ca.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	b, _ := bridges.Get(br0.UUID)
	if b.NetFlow == nil {
		t.Fatal("cache does not reflect the transaction after Sync")
	}
	if _, ok := ovsdb.CacheTable[vswitch.NetFlow](ca).Get(*b.NetFlow); !ok {
		t.Fatal("NetFlow row not cached after Sync")
	}
	_, before := log.snapshot()

	// SIGKILL, change the file offline, restart.
	db.Kill(t)
	out, err := exec.Command("ovsdb-tool", "transact", db.DBFile, `["Open_vSwitch",
		{"op":"mutate","table":"Open_vSwitch","where":[],"mutations":[["bridges","delete",["uuid","`+br1.UUID.String()+`"]]]},
		{"op":"update","table":"Bridge","where":[["name","==","br0"]],"row":{"external_ids":["map",[["k","v"]]]}}]`).CombinedOutput()
	if err != nil {
		t.Fatalf("ovsdb-tool transact: %v: %s", err, out)
	}
	db.Restart(t)
	waitFor(t, "reconnection", func() bool { return c.Stats().Reconnects >= 1 })
	waitFor(t, "cache convergence", func() bool {
		_, gone := bridges.Get(br1.UUID)
		b, _ := bridges.Get(br0.UUID)
		return !gone && b != nil && b.ExternalIDs["k"] == "v"
	})
	if err := ca.Sync(ctx); err != nil {
		t.Fatal(err)
	}

	// The cache equals what the server has now.
	for _, table := range cacheTables {
		res, err := c.Transact(ctx, vswitch.DatabaseName, ovsdb.Select(table, nil))
		if err != nil {
			t.Fatal(err)
		}
		if got := ca.Len(table); got != len(res[0].Rows) {
			t.Fatalf("%s: cache has %d rows, server %d", table, got, len(res[0].Rows))
		}
		for _, r := range res[0].Rows {
			m := vswitch.NewModel(table)
			if err := m.FromRow(r); err != nil {
				t.Fatal(err)
			}
			cm, ok := ca.Get(table, m.RowUUID())
			if !ok || !cm.EqualModel(m) {
				t.Fatalf("%s %v: cache %+v, server %+v", table, m.RowUUID(), cm, m)
			}
		}
	}
	// The subscriber's replica equals the cache, and the events after the
	// kill are exactly: br1 deleted, br0 and Open_vSwitch modified.
	replica, events := log.snapshot()
	total := 0
	for _, table := range cacheTables {
		total += ca.Len(table)
		for _, m := range ca.List(table) {
			if r := replica[m.RowUUID()]; r == nil || !r.EqualModel(m) {
				t.Fatalf("subscriber replica differs for %s %v", table, m.RowUUID())
			}
		}
	}
	if len(replica) != total {
		t.Fatalf("replica has %d rows, cache %d", len(replica), total)
	}
	after := events[len(before):]
	count := map[string]int{}
	for _, ev := range after {
		count[ev.Table+" "+ev.Op.String()]++
	}
	want := map[string]int{"Bridge delete": 1, "Bridge modify": 1, "Open_vSwitch modify": 1}
	if len(count) != len(want) {
		t.Fatalf("events after restart = %v, want %v", count, want)
	}
	for k, n := range want {
		if count[k] != n {
			t.Fatalf("events after restart = %v, want %v", count, want)
		}
	}
	sub.Close()
	if err := ca.Close(ctx); err != nil {
		t.Fatal(err)
	}
	c.Close()
	<-log.done
}

// TestCacheBackPressure: a subscriber slower than the update stream gets
// every event, in order; the connection keeps serving calls meanwhile.
func TestCacheBackPressure(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c, err := ovsdb.Dial(ctx, []string{db.Endpoint()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ca, err := ovsdb.NewCache(ctx, c, vswitch.DatabaseName, []string{vswitch.BridgeTable}, vswitch.NewModel, nil)
	if err != nil {
		t.Fatal(err)
	}
	br, _ := ovsdb.CacheTable[vswitch.Bridge](ca).Lookup(&vswitch.Bridge{Name: "br0"}, "name")
	sub := ca.Subscribe(0, false)
	const n = 200
	got := make(chan []string, 1)
	go func() {
		var seq []string
		for ev := range sub.C {
			time.Sleep(time.Millisecond) // slow consumer
			seq = append(seq, ev.New.(*vswitch.Bridge).ExternalIDs["n"])
			if len(seq) == n {
				break
			}
		}
		got <- seq
	}()
	for i := 1; i <= n; i++ {
		if _, err := c.Transact(ctx, vswitch.DatabaseName, ovsdb.Update(vswitch.BridgeTable,
			ovsdb.Row{"external_ids": ovsdb.MapOf(map[string]string{"n": strconv.Itoa(i)})}, ovsdb.WhereUUID(br.UUID))); err != nil {
			t.Fatal(err)
		}
	}
	seq := <-got
	for i, v := range seq {
		if v != strconv.Itoa(i+1) {
			t.Fatalf("event %d carries n=%s: lost or reordered", i, v)
		}
	}
	sub.Close()
	c.Close()
}
