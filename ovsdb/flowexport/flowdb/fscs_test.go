package flowdb_test

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/internal/udpcollect"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport/flowdb"
)

func TestCollectorSets(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0", "--", "add-br", "br1")
	c := dial(t, db)
	ctx := ctxT(t)

	a := flowexport.FlowSampleCollectorSet{ID: 5, Bridge: "br0", IPFIX: &flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, ObsDomainID: flowexport.Ptr(9)}}
	b := flowexport.FlowSampleCollectorSet{ID: 5, Bridge: "br1"}
	for _, s := range []flowexport.FlowSampleCollectorSet{a, b} {
		if _, err := flowdb.AddCollectorSet(ctx, c, s, nil); err != nil {
			t.Fatalf("AddCollectorSet(%+v) = %v", s, err)
		}
	}
	got, err := flowdb.ListCollectorSets(ctx, c, flowdb.AllBridges())
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]flowexport.FlowSampleCollectorSet{a, b}, got); d != "" {
		t.Errorf("ListCollectorSets diff (-want +got):\n%s", d)
	}
	// Idempotent add.
	before := dbState(t, db)
	if r, err := flowdb.AddCollectorSet(ctx, c, a, nil); err != nil || len(r.Changed) != 0 {
		t.Errorf("AddCollectorSet again = %+v, %v, want no change", r, err)
	}
	if after := dbState(t, db); after != before {
		t.Error("adding the same set again changed the database")
	}
	// Replace: new IPFIX row, the old one is garbage-collected.
	a2 := a
	a2.IPFIX = &flowexport.IPFIX{Targets: []string{"127.0.0.2:4739"}}
	if _, err := flowdb.AddCollectorSet(ctx, c, a2, nil); err != nil {
		t.Fatal(err)
	}
	if got := findTargets(t, db, "ipfix"); len(got) != 1 || got[0] != "127.0.0.2:4739" {
		t.Errorf("after replace, IPFIX rows %q", got)
	}
	// Rejected.
	before = dbState(t, db)
	for _, bad := range []flowexport.FlowSampleCollectorSet{
		{ID: -1, Bridge: "br0"},
		{ID: 1, Bridge: "br0", IPFIX: &flowexport.IPFIX{Targets: []string{"host.example:1"}}},
		{ID: 1, Bridge: "br0", LocalGroupID: flowexport.Ptr(1)}, // column of OVS >= 3.4
		{ID: 1, Bridge: "nope"},
	} {
		if _, err := flowdb.AddCollectorSet(ctx, c, bad, nil); err == nil {
			t.Errorf("AddCollectorSet(%+v) = nil, want error", bad)
		}
	}
	if after := dbState(t, db); after != before {
		t.Error("a rejected AddCollectorSet changed the database")
	}
	// Remove: root row deleted explicitly, its IPFIX row goes too.
	if _, err := flowdb.RemoveCollectorSet(ctx, c, "br0", 5, nil); err != nil {
		t.Fatal(err)
	}
	if r, err := flowdb.RemoveCollectorSet(ctx, c, "br0", 5, nil); err != nil || len(r.Changed) != 0 {
		t.Errorf("second RemoveCollectorSet = %+v, %v, want no change", r, err)
	}
	if _, err := flowdb.RemoveCollectorSet(ctx, c, "nope", 5, nil); !errors.Is(err, flowdb.ErrNoBridge) {
		t.Errorf("RemoveCollectorSet(no bridge) = %v, want ErrNoBridge", err)
	}
	got, _ = flowdb.ListCollectorSets(ctx, c, flowdb.AllBridges())
	if d := cmp.Diff([]flowexport.FlowSampleCollectorSet{b}, got); d != "" {
		t.Errorf("after remove, diff (-want +got):\n%s", d)
	}
	if got := findTargets(t, db, "ipfix"); len(got) != 0 {
		t.Errorf("after remove, IPFIX rows %q", got)
	}
	if out := strings.TrimSpace(db.Vsctl(t, "--bare", "--columns=id", "find", "flow_sample_collector_set")); out != "5" {
		t.Errorf("remaining collector sets: %q", out)
	}
}

// TestCollectorSetOnRealSwitch: flow-based IPFIX through a sample action
// reaches the collector of the set added with AddCollectorSet.
func TestCollectorSetOnRealSwitch(t *testing.T) {
	col := udpcollect.Listen(t, "udp4")
	db, sw := ovstest.StartBridge(t, "br0", []string{"in_port=1,actions=sample(probability=65535,collector_set_id=7,obs_domain_id=3,obs_point_id=4),output:2"})
	c := dial(t, db)
	ctx := ctxT(t)
	set := flowexport.FlowSampleCollectorSet{ID: 7, Bridge: "br0", IPFIX: &flowexport.IPFIX{Targets: []string{col.Target()}}}
	if _, err := flowdb.AddCollectorSet(ctx, c, set, &flowdb.Options{WaitApplied: true}); err != nil {
		t.Fatal(err)
	}
	sw.Inject(t, "p1", frames(4, 3000)...)
	ds := col.WaitN(t, 1, 10*time.Second)
	if binary.BigEndian.Uint16(ds[0].Data) != 10 {
		t.Fatalf("collector got a non-IPFIX datagram")
	}
	domains := map[uint32]bool{}
	for _, d := range col.WaitQuiet(300 * time.Millisecond) {
		domains[binary.BigEndian.Uint32(d.Data[12:])] = true
	}
	if !domains[3] {
		t.Errorf("no IPFIX message in observation domain 3 (the sample action's): %v", domains)
	}
	if _, err := flowdb.RemoveCollectorSet(ctx, c, "br0", 7, &flowdb.Options{WaitApplied: true}); err != nil {
		t.Fatal(err)
	}
	col.WaitQuiet(300 * time.Millisecond)
	col.Reset()
	sw.Inject(t, "p1", frames(4, 3100)...)
	time.Sleep(500 * time.Millisecond)
	if n := col.Len(); n != 0 {
		t.Errorf("after RemoveCollectorSet, %d datagrams arrived", n)
	}
}
