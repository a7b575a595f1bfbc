package flowdb_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport/flowdb"
)

// racingConn is a Conn that, before forwarding the first N write
// transactions (those with a wait operation), lets another client change
// the database: the race a read-modify-write must survive.
type racingConn struct {
	*ovsdb.Client
	races  int
	before func(n int)
	writes atomic.Int32
}

func (r *racingConn) Transact(ctx context.Context, db string, ops ...ovsdb.Operation) ([]ovsdb.OperationResult, error) {
	if slices.ContainsFunc(ops, func(o ovsdb.Operation) bool { return o.Op == ovsdb.OpWait }) {
		n := int(r.writes.Add(1))
		if n <= r.races {
			r.before(n)
		}
	}
	return r.Client.Transact(ctx, db, ops...)
}

func TestSetRacesSameBridge(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0")
	c := dial(t, db)
	ctx := ctxT(t)
	base := flowexport.Config{
		NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:2055"}},
		SFlow:   &flowexport.SFlow{Targets: []string{"127.0.0.1:6343"}},
	}
	if _, err := flowdb.Set(ctx, c, flowdb.Bridges("br0"), base, nil); err != nil {
		t.Fatal(err)
	}
	// Our change: replace NetFlow only, keep sFlow.
	onlyNetFlow := func(_ string, cur flowexport.Config) (flowexport.Config, error) {
		cur.NetFlow = &flowexport.NetFlow{Targets: []string{"127.0.0.9:2055"}}
		return cur, nil
	}

	t.Run("retry wins", func(t *testing.T) {
		// Between our read and our commit, another client replaces sFlow's
		// row with ovs-vsctl. Our first transaction must fail as a whole;
		// the retry sees the new sFlow and keeps it.
		rc := &racingConn{Client: c, races: 1, before: func(int) {
			db.Vsctl(t, "--", "--id=@s", "create", "sflow", `targets="127.0.0.7:6343"`, "--", "set", "bridge", "br0", "sflow=@s")
		}}
		r, err := flowdb.Update(ctx, rc, flowdb.Bridges("br0"), onlyNetFlow, nil)
		if err != nil {
			t.Fatalf("Update = %v", err)
		}
		if r.Attempts != 2 {
			t.Errorf("Update took %d attempts, want 2 (one lost race)", r.Attempts)
		}
		got, err := flowdb.Get(ctx, c, flowdb.Bridges("br0"))
		if err != nil {
			t.Fatal(err)
		}
		if nf, sf := got["br0"].NetFlow, got["br0"].SFlow; nf == nil || nf.Targets[0] != "127.0.0.9:2055" || sf == nil || sf.Targets[0] != "127.0.0.7:6343" {
			t.Errorf("after the race: %+v %+v, want our NetFlow and the other client's sFlow", nf, sf)
		}
	})

	t.Run("kept row changed in place", func(t *testing.T) {
		// The other client edits the sFlow row we keep (not the bridge).
		// The wait on the kept row's content must catch it.
		rc := &racingConn{Client: c, races: 1, before: func(int) {
			db.Vsctl(t, "set", "sflow", strings.TrimSpace(db.Vsctl(t, "get", "bridge", "br0", "sflow")), "sampling=7")
		}}
		want := flowexport.Config{
			NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.5:2055"}},
			SFlow:   &flowexport.SFlow{Targets: []string{"127.0.0.7:6343"}},
		}
		r, err := flowdb.Set(ctx, rc, flowdb.Bridges("br0"), want, nil)
		if err != nil {
			t.Fatalf("Set = %v", err)
		}
		if r.Attempts != 2 {
			t.Errorf("Set took %d attempts, want 2", r.Attempts)
		}
		got, _ := flowdb.Get(ctx, c, flowdb.Bridges("br0"))
		if s := got["br0"].SFlow; s == nil || s.Sampling != nil {
			t.Errorf("sFlow after Set = %+v, want the requested row (no sampling)", s)
		}
	})

	t.Run("always losing fails cleanly", func(t *testing.T) {
		before := dbState(t, db)
		var last string
		rc := &racingConn{Client: c, races: 100, before: func(n int) {
			// Each time, the other client moves NetFlow somewhere else.
			db.Vsctl(t, "--", "--id=@n", "create", "netflow", `targets="127.0.0.`+string(rune('0'+n))+`:2055"`, "--", "set", "bridge", "br0", "netflow=@n")
			last = dbState(t, db)
		}}
		_, err := flowdb.Set(ctx, rc, flowdb.Bridges("br0"), flowexport.Config{IPFIX: &flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}}}, &flowdb.Options{MaxAttempts: 3})
		if !errors.Is(err, flowdb.ErrConflict) || !errors.Is(err, ovsdb.ErrTimedOut) {
			t.Fatalf("Set = %v, want ErrConflict", err)
		}
		if rc.writes.Load() != 3 {
			t.Errorf("%d write attempts, want 3", rc.writes.Load())
		}
		// Nothing of ours: the database is exactly what the other client left.
		if now := dbState(t, db); now != last || now == before {
			t.Errorf("database after failed Set is not the other client's state:\n%s\n---\n%s", last, now)
		}
		if got := findTargets(t, db, "ipfix"); len(got) != 0 {
			t.Errorf("half-applied: IPFIX rows %q", got)
		}
	})

	t.Run("bridge added during all-bridges set", func(t *testing.T) {
		rc := &racingConn{Client: c, races: 1, before: func(int) { db.Vsctl(t, "add-br", "br9") }}
		r, err := flowdb.Clear(ctx, rc, flowdb.AllBridges(), nil)
		if err != nil {
			t.Fatalf("Clear = %v", err)
		}
		if r.Attempts != 2 {
			t.Errorf("Clear took %d attempts, want 2", r.Attempts)
		}
	})
}

// TestAddCollectorSetRace: another client adds the same set (id, bridge)
// between our read and our commit; the add retries and replaces it
// instead of failing on the index.
func TestAddCollectorSetRace(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0")
	c := dial(t, db)
	ctx := ctxT(t)
	rc := &racingConn{Client: c, races: 1, before: func(int) {
		db.Vsctl(t, "--", "--id=@b", "get", "bridge", "br0", "--", "create", "flow_sample_collector_set", "id=3", "bridge=@b")
	}}
	set := flowexport.FlowSampleCollectorSet{ID: 3, Bridge: "br0", IPFIX: &flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}}}
	r, err := flowdb.AddCollectorSet(ctx, rc, set, nil)
	if err != nil {
		t.Fatalf("AddCollectorSet = %v", err)
	}
	if r.Attempts != 2 {
		t.Errorf("AddCollectorSet took %d attempts, want 2", r.Attempts)
	}
	got, err := flowdb.ListCollectorSets(ctx, c, flowdb.AllBridges())
	if err != nil || len(got) != 1 || got[0].IPFIX == nil {
		t.Errorf("ListCollectorSets = %+v, %v, want our set only", got, err)
	}
}
