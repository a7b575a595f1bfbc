package flowdb_test

import (
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/internal/tshark"
	"github.com/ovsflow/ovsflow/internal/udpcollect"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport/flowdb"
)

// TestClearFlushesIPFIXCache: with the IPFIX flow cache on, records wait
// in OVS's cache; Clear makes OVS flush them (flowEndReason 4, "forced
// end", decoded by tshark) and then export stops: nothing more arrives.
func TestClearFlushesIPFIXCache(t *testing.T) {
	tshark.Require(t)
	col := udpcollect.Listen(t, "udp4")
	db, sw := ovstest.StartBridge(t, "br0", []string{"in_port=1,actions=output:2"})
	c := dial(t, db)
	ctx := ctxT(t)
	cfg := flowexport.Config{IPFIX: &flowexport.IPFIX{
		Targets: []string{col.Target()}, Sampling: flowexport.Ptr(1),
		CacheMaxFlows: flowexport.Ptr(1000), CacheActiveTimeout: flowexport.Ptr(600),
	}}
	if _, err := flowdb.Set(ctx, c, flowdb.Bridges("br0"), cfg, &flowdb.Options{WaitApplied: true}); err != nil {
		t.Fatal(err)
	}
	sw.Inject(t, "p1", frames(8, 4000)...)
	time.Sleep(300 * time.Millisecond)
	held := col.Len()
	if held != 0 {
		t.Errorf("%d datagrams before Clear, want 0 (records held in the cache)", held)
	}
	if _, err := flowdb.Clear(ctx, c, flowdb.Bridges("br0"), &flowdb.Options{WaitApplied: true}); err != nil {
		t.Fatal(err)
	}
	if got := findTargets(t, db, "ipfix"); len(got) != 0 {
		t.Errorf("after Clear, IPFIX rows %q", got)
	}
	flushed := col.WaitQuiet(300 * time.Millisecond)
	if len(flushed) <= held {
		t.Fatalf("no IPFIX datagram flushed by Clear (%d before, %d after)", held, len(flushed))
	}
	pkts := tshark.Decode(t, payloads(flushed), "cflow")
	tshark.CheckClean(t, pkts)
	var reasons []string
	for _, p := range pkts {
		reasons = append(reasons, p.Root.Values("cflow.flow_end_reason")...)
	}
	if len(reasons) == 0 {
		t.Fatalf("tshark found no flowEndReason in %d datagrams", len(flushed))
	}
	for _, r := range reasons {
		if r != "4" {
			t.Errorf("flowEndReason %q, want 4 (forced end)", r)
		}
	}
	t.Logf("%d datagrams held before Clear, %d after; flowEndReason %q", held, len(flushed), reasons)
	col.Reset()
	sw.Inject(t, "p1", frames(8, 4100)...)
	time.Sleep(time.Second)
	if n := col.Len(); n != 0 {
		t.Errorf("after Clear and its flush, %d datagrams arrived", n)
	}
}
