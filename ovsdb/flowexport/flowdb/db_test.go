package flowdb_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport/flowdb"
)

func dial(t *testing.T, db *ovstest.DB) *ovsdb.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := ovsdb.Dial(ctx, []string{db.Endpoint()}, &ovsdb.Config{NoReconnect: true})
	if err != nil {
		t.Fatalf("Dial(%s) = %v", db.Endpoint(), err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// dbState returns what ovs-vsctl sees of the flow-export tables: a
// snapshot to compare before and after a rejected request.
func dbState(t *testing.T, db *ovstest.DB) string {
	t.Helper()
	var b strings.Builder
	for _, args := range [][]string{
		{"--columns=name,netflow,sflow,ipfix", "list", "bridge"},
		{"list", "netflow"}, {"list", "sflow"}, {"list", "ipfix"},
		{"list", "flow_sample_collector_set"},
	} {
		b.WriteString(db.Vsctl(t, append([]string{"--format=json"}, args...)...))
	}
	return b.String()
}

// findTargets returns the targets of every row of table (netflow, sflow,
// ipfix), as ovs-vsctl find prints them.
func findTargets(t *testing.T, db *ovstest.DB, table string) []string {
	t.Helper()
	out := db.Vsctl(t, "--bare", "--columns=targets", "find", table)
	var rows []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			rows = append(rows, l)
		}
	}
	return rows
}

func TestSetGetClearDB(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0", "--", "add-br", "br1")
	c := dial(t, db)
	ctx := ctxT(t)

	cfg := flowexport.Config{
		NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:2055", "[::1]:2055"}, ActiveTimeout: 60, EngineType: flowexport.Ptr(1), EngineID: flowexport.Ptr(2)},
		SFlow:   &flowexport.SFlow{Targets: []string{"127.0.0.1:6343"}, Sampling: flowexport.Ptr(1), Agent: flowexport.Ptr("lo")},
		IPFIX: &flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(1), CacheActiveTimeout: flowexport.Ptr(0),
			OtherConfig: map[string]string{"enable-tunnel-sampling": "false"}},
	}
	r, err := flowdb.Set(ctx, c, flowdb.Bridges("br0"), cfg, nil)
	if err != nil {
		t.Fatalf("Set = %v", err)
	}
	if !slices.Equal(r.Changed, []string{"br0"}) {
		t.Errorf("Set changed %v, want [br0]", r.Changed)
	}
	if got := findTargets(t, db, "netflow"); !slices.Equal(got, []string{"127.0.0.1:2055 [::1]:2055"}) {
		t.Errorf("find netflow targets = %q", got)
	}
	if got := db.Vsctl(t, "get", "bridge", "br0", "ipfix"); strings.TrimSpace(got) == "[]" {
		t.Error("br0.ipfix not set")
	}
	got, err := flowdb.Get(ctx, c, flowdb.AllBridges())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]flowexport.Config{"br0": cfg, "br1": {}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Get diff (-want +got):\n%s", d)
	}

	// Idempotent: the same config again changes nothing.
	before := dbState(t, db)
	r, err = flowdb.Set(ctx, c, flowdb.Bridges("br0"), cfg, nil)
	if err != nil || len(r.Changed) != 0 {
		t.Errorf("second Set = %+v, %v, want no change", r, err)
	}
	if after := dbState(t, db); after != before {
		t.Errorf("second Set changed the database:\n%s\n---\n%s", before, after)
	}

	// Change only NetFlow: the sFlow and IPFIX rows stay the same rows.
	sflowUUID := db.Vsctl(t, "get", "bridge", "br0", "sflow")
	cfg2 := cfg
	cfg2.NetFlow = &flowexport.NetFlow{Targets: []string{"127.0.0.2:2055"}}
	if _, err := flowdb.Set(ctx, c, flowdb.Bridges("br0"), cfg2, nil); err != nil {
		t.Fatal(err)
	}
	if got := db.Vsctl(t, "get", "bridge", "br0", "sflow"); got != sflowUUID {
		t.Errorf("unchanged sFlow row replaced: %s -> %s", sflowUUID, got)
	}
	if got := findTargets(t, db, "netflow"); !slices.Equal(got, []string{"127.0.0.2:2055"}) {
		t.Errorf("after replace, find netflow targets = %q (old row must be gone)", got)
	}

	if _, err := flowdb.Clear(ctx, c, flowdb.AllBridges(), nil); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"netflow", "sflow", "ipfix"} {
		if got := findTargets(t, db, table); len(got) != 0 {
			t.Errorf("after Clear, find %s = %q, want no row", table, got)
		}
	}
	r, err = flowdb.Clear(ctx, c, flowdb.AllBridges(), nil)
	if err != nil || len(r.Changed) != 0 {
		t.Errorf("second Clear = %+v, %v, want no change", r, err)
	}
}

func TestRejectedChangesNothing(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0")
	c := dial(t, db)
	ctx := ctxT(t)
	good := flowexport.Config{NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:2055"}}}
	if _, err := flowdb.Set(ctx, c, flowdb.Bridges("br0"), good, nil); err != nil {
		t.Fatal(err)
	}
	before := dbState(t, db)
	eleven := make([]string, 11)
	for i := range eleven {
		eleven[i] = "127.0.0." + string(rune('1'+i%9)) + ":" + string(rune('1'+i)) + "000"
	}
	tg := []string{"127.0.0.1:4739"}
	tests := []struct {
		name string
		sel  flowdb.Selector
		cfg  flowexport.Config
		err  error
	}{
		{"11 collectors", flowdb.Bridges("br0"), flowexport.Config{SFlow: &flowexport.SFlow{Targets: eleven}}, flowexport.ErrTargetCount},
		{"bad port", flowdb.Bridges("br0"), flowexport.Config{IPFIX: &flowexport.IPFIX{Targets: []string{"127.0.0.1:65536"}}}, flowexport.ErrPort},
		{"hostname", flowdb.Bridges("br0"), flowexport.Config{NetFlow: &flowexport.NetFlow{Targets: []string{"localhost:2055"}}}, flowexport.ErrHostname},
		{"duplicate", flowdb.Bridges("br0"), flowexport.Config{NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:2055", "127.0.0.1:2055"}}}, flowexport.ErrDuplicate},
		{"out of range", flowdb.Bridges("br0"), flowexport.Config{IPFIX: &flowexport.IPFIX{Targets: tg, CacheActiveTimeout: flowexport.Ptr(4201)}}, flowexport.ErrRange},
		{"stats_interval on 8.3.1", flowdb.Bridges("br0"), flowexport.Config{IPFIX: &flowexport.IPFIX{Targets: tg, StatsInterval: flowexport.Ptr(30)}}, flowdb.ErrUnsupportedColumn},
		{"unknown bridge", flowdb.Bridges("br0", "nope"), flowexport.Config{}, flowdb.ErrNoBridge},
		{"no selection", flowdb.Selector{}, flowexport.Config{}, flowdb.ErrNoSelection},
	}
	for _, tt := range tests {
		_, err := flowdb.Set(ctx, c, tt.sel, tt.cfg, nil)
		if !errors.Is(err, tt.err) {
			t.Errorf("%s: Set = %v, want %v", tt.name, err, tt.err)
		}
		if after := dbState(t, db); after != before {
			t.Errorf("%s: rejected Set changed the database:\n%s\n---\n%s", tt.name, before, after)
		}
	}
	var ve *flowexport.ValidationError
	_, err := flowdb.Set(ctx, c, flowdb.AllBridges(), flowexport.Config{NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:2055", "x.example:1"}}}, nil)
	if !errors.As(err, &ve) || ve.Index != 1 || ve.Value != "x.example:1" {
		t.Errorf("Set(hostname) = %v, want a ValidationError naming targets[1]", err)
	}
}

func TestConcurrentBridges(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0", "--", "add-br", "br1")
	c1, c2 := dial(t, db), dial(t, db)
	ctx := ctxT(t)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	attempts := make([]int, 2)
	for i, c := range []*ovsdb.Client{c1, c2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			br := "br" + string(rune('0'+i))
			for n := 0; n < 20 && errs[i] == nil; n++ {
				cfg := flowexport.Config{NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:" + string(rune('1'+i)) + "0" + string(rune('0'+n%10))}}}
				var r *flowdb.Result
				r, errs[i] = flowdb.Set(ctx, c, flowdb.Bridges(br), cfg, nil)
				if r != nil {
					attempts[i] = max(attempts[i], r.Attempts)
				}
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("client %d: %v", i, err)
		}
		if attempts[i] != 1 {
			t.Errorf("client %d needed %d attempts: writers of different bridges must not conflict", i, attempts[i])
		}
	}
	got, err := flowdb.Get(ctx, c1, flowdb.AllBridges())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]flowexport.Config{
		"br0": {NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:109"}}},
		"br1": {NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:209"}}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("after concurrent Sets, diff (-want +got):\n%s", d)
	}
	if n := len(findTargets(t, db, "netflow")); n != 2 {
		t.Errorf("%d NetFlow rows, want 2 (replaced rows must be garbage-collected)", n)
	}
}

// TestConcurrentSameBridge: two clients keep setting different configs on
// the same bridge. Every call succeeds (retrying) or fails with
// ErrConflict, and the database always holds exactly one of the two
// configs, never a mix.
func TestConcurrentSameBridge(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0")
	ctx := ctxT(t)
	cfgs := []flowexport.Config{
		{NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:2055"}}, SFlow: &flowexport.SFlow{Targets: []string{"127.0.0.1:6343"}}},
		{NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.2:2055"}}, IPFIX: &flowexport.IPFIX{Targets: []string{"127.0.0.2:4739"}}},
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []error
	retried := 0
	for i := range 2 {
		c := dial(t, db)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range 30 {
				// Alternate so that most calls really change something.
				cfg := cfgs[(i+n)%2]
				r, err := flowdb.Set(ctx, c, flowdb.Bridges("br0"), cfg, &flowdb.Options{MaxAttempts: 10})
				mu.Lock()
				if err != nil && !errors.Is(err, flowdb.ErrConflict) {
					failures = append(failures, err)
				}
				if r != nil && r.Attempts > 1 {
					retried++
				}
				mu.Unlock()
			}
		}()
	}
	// Meanwhile, check the invariant from a third client.
	c3 := dial(t, db)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	checks := 0
	for loop := true; loop; {
		select {
		case <-done:
			loop = false
		default:
		}
		got, err := flowdb.Get(ctx, c3, flowdb.Bridges("br0"))
		if err != nil {
			t.Fatal(err)
		}
		if g := got["br0"]; !g.Equal(flowexport.Config{}) && !g.Equal(cfgs[0]) && !g.Equal(cfgs[1]) {
			t.Fatalf("half-applied state: %+v", g)
		}
		checks++
	}
	for _, err := range failures {
		t.Errorf("Set: %v", err)
	}
	t.Logf("%d consistency checks, %d calls retried after losing a race", checks, retried)
	for _, table := range []string{"netflow", "sflow", "ipfix"} {
		if n := len(findTargets(t, db, table)); n > 1 {
			t.Errorf("%d %s rows, want at most 1 (no orphan rows)", n, table)
		}
	}
}

// TestSetOperator checks that the operator preset writes what
// ovn-kubernetes' ovs-vsctl commands write, in one transaction.
func TestSetOperator(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br-int")
	c := dial(t, db)
	ctx := ctxT(t)
	e := flowexport.ExportNetworkFlows{
		NetFlow: &flowexport.Collectors{Collectors: []string{"192.168.1.99:2056"}},
		SFlow:   &flowexport.Collectors{Collectors: []string{"192.168.1.98:6343"}},
		IPFIX:   &flowexport.Collectors{Collectors: []string{"192.168.1.97:4739"}},
	}
	var txns int
	cc := &countingConn{Client: c, n: &txns}
	r, err := flowdb.SetOperator(ctx, cc, flowdb.Bridges("br-int"), e, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Attempts != 1 || txns != 1 {
		t.Errorf("SetOperator used %d write transactions, want 1", txns)
	}
	for _, q := range []struct{ table, cols, want string }{
		{"netflow", "targets,active_timeout,engine_type,engine_id,add_id_to_interface", "192.168.1.99:2056\n60\n\n\nfalse"},
		{"sflow", "targets,agent,sampling,polling,header", "192.168.1.98:6343\novn-k8s-mp0\n\n\n"},
		{"ipfix", "targets,sampling,cache_active_timeout,cache_max_flows,obs_domain_id,obs_point_id,other_config", "192.168.1.97:4739\n400\n60\n\n\n\n"},
	} {
		got := strings.TrimSuffix(db.Vsctl(t, "--bare", "--columns="+q.cols, "find", q.table), "\n")
		if got != q.want {
			t.Errorf("find %s = %q, want %q", q.table, got, q.want)
		}
	}
	// Applying it again changes nothing; removing sFlow from the CR
	// removes only sFlow.
	txns = 0
	if r, err := flowdb.SetOperator(ctx, cc, flowdb.Bridges("br-int"), e, nil, nil); err != nil || len(r.Changed) != 0 || txns != 0 {
		t.Errorf("SetOperator again = %+v, %v (%d writes), want no change", r, err, txns)
	}
	nfRow := db.Vsctl(t, "get", "bridge", "br-int", "netflow")
	e.SFlow = nil
	if _, err := flowdb.SetOperator(ctx, c, flowdb.Bridges("br-int"), e, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := findTargets(t, db, "sflow"); len(got) != 0 {
		t.Errorf("sFlow rows after removal from the CR: %q", got)
	}
	if got := db.Vsctl(t, "get", "bridge", "br-int", "netflow"); got != nfRow {
		t.Error("unchanged NetFlow row was replaced")
	}
}

type countingConn struct {
	*ovsdb.Client
	n *int
}

func (c *countingConn) Transact(ctx context.Context, db string, ops ...ovsdb.Operation) ([]ovsdb.OperationResult, error) {
	if slices.ContainsFunc(ops, func(o ovsdb.Operation) bool { return o.Op == ovsdb.OpInsert || o.Op == ovsdb.OpUpdate }) {
		*c.n++
	}
	return c.Client.Transact(ctx, db, ops...)
}

// TestWaitAppliedWithoutSwitch: with no ovs-vswitchd, the change commits
// but the wait ends with the context, reporting ErrNotApplied.
func TestWaitAppliedWithoutSwitch(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0")
	c := dial(t, db)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	r, err := flowdb.Set(ctx, c, flowdb.Bridges("br0"), flowexport.Config{NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:2055"}}}, &flowdb.Options{WaitApplied: true})
	if !errors.Is(err, flowdb.ErrNotApplied) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Set = %v, want ErrNotApplied", err)
	}
	if r == nil || r.NextCfg != 1 {
		t.Errorf("Result = %+v, want NextCfg 1", r)
	}
	if got := strings.TrimSpace(db.Vsctl(t, "get", "open_vswitch", ".", "next_cfg")); got != "1" {
		t.Errorf("next_cfg = %s, want 1", got)
	}
	if got := findTargets(t, db, "netflow"); len(got) != 1 {
		t.Errorf("the change was not committed: %q", got)
	}
}

// TestGetReturnsWhatDBHolds: a target written by another tool that Set
// would reject (a host name) is returned by Get as it is, and an Update
// that leaves that type alone keeps it.
func TestGetReturnsWhatDBHolds(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0")
	db.Vsctl(t, "--", "--id=@n", "create", "netflow", `targets="collector.example:2055"`, "active_timeout=-1", "--", "set", "bridge", "br0", "netflow=@n")
	c := dial(t, db)
	ctx := ctxT(t)
	got, err := flowdb.Get(ctx, c, flowdb.Bridges("br0"))
	if err != nil {
		t.Fatal(err)
	}
	want := flowexport.Config{NetFlow: &flowexport.NetFlow{Targets: []string{"collector.example:2055"}, ActiveTimeout: -1}}
	if d := cmp.Diff(want, got["br0"]); d != "" {
		t.Errorf("Get diff (-want +got):\n%s", d)
	}
	if err := got["br0"].Validate(); !errors.Is(err, flowexport.ErrHostname) {
		t.Errorf("Validate(what the db holds) = %v, want ErrHostname", err)
	}
	_, err = flowdb.Update(ctx, c, flowdb.Bridges("br0"), func(_ string, cur flowexport.Config) (flowexport.Config, error) {
		cur.SFlow = &flowexport.SFlow{Targets: []string{"127.0.0.1:6343"}}
		return cur, nil
	}, nil)
	if err != nil {
		t.Fatalf("Update adding sFlow next to a foreign NetFlow row = %v", err)
	}
	if got := findTargets(t, db, "netflow"); len(got) != 1 || got[0] != "collector.example:2055" {
		t.Errorf("foreign NetFlow row not kept: %q", got)
	}
	// Changing that type does validate.
	_, err = flowdb.Update(ctx, c, flowdb.Bridges("br0"), func(_ string, cur flowexport.Config) (flowexport.Config, error) {
		cur.NetFlow.ActiveTimeout = 5
		return cur, nil
	}, nil)
	if !errors.Is(err, flowexport.ErrHostname) {
		t.Errorf("Update changing the foreign row = %v, want ErrHostname", err)
	}
}
