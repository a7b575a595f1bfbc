package flowdb_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/internal/testenv"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport/flowdb"
)

// TestNewerSchemaColumns serves the current schema (8.8.0, the one the
// ovsdb package's models are generated from) with the installed
// ovsdb-server: there, IPFIX stats_interval/template_interval and
// Flow_Sample_Collector_Set local_group_id are written and read back (on
// the 8.3.1 schema of OVS 3.1 they are rejected before anything is sent;
// see TestRejectedChangesNothing and TestCollectorSets).
func TestNewerSchemaColumns(t *testing.T) {
	testenv.RequireBinary(t, "ovsdb-client", "openvswitch-common")
	schema, err := filepath.Abs("../../vswitch/vswitch.ovsschema")
	if err != nil {
		t.Fatal(err)
	}
	db := ovstest.StartDB(t, &ovstest.DBOptions{Schema: schema})
	db.Vsctl(t, "add-br", "br0")
	c := dial(t, db)
	ctx := ctxT(t)
	cfg := flowexport.Config{IPFIX: &flowexport.IPFIX{
		Targets: []string{"127.0.0.1:4739"}, StatsInterval: flowexport.Ptr(30), TemplateInterval: flowexport.Ptr(45),
	}}
	if _, err := flowdb.Set(ctx, c, flowdb.Bridges("br0"), cfg, nil); err != nil {
		t.Fatalf("Set = %v", err)
	}
	// ovs-vsctl 3.1 does not know these columns; ovsdb-client does.
	if got := dump(t, db, "IPFIX", "stats_interval", "template_interval"); got != "30,45" {
		t.Errorf("stats_interval,template_interval = %q, want 30,45", got)
	}
	got, err := flowdb.Get(ctx, c, flowdb.Bridges("br0"))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(cfg, got["br0"]); d != "" {
		t.Errorf("Get diff (-want +got):\n%s", d)
	}
	set := flowexport.FlowSampleCollectorSet{ID: 1, Bridge: "br0", LocalGroupID: flowexport.Ptr(10)}
	if _, err := flowdb.AddCollectorSet(ctx, c, set, nil); err != nil {
		t.Fatalf("AddCollectorSet = %v", err)
	}
	if got := dump(t, db, "Flow_Sample_Collector_Set", "local_group_id"); got != "10" {
		t.Errorf("local_group_id = %q, want 10", got)
	}
	sets, err := flowdb.ListCollectorSets(ctx, c, flowdb.Bridges("br0"))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]flowexport.FlowSampleCollectorSet{set}, sets); d != "" {
		t.Errorf("ListCollectorSets diff (-want +got):\n%s", d)
	}
	// Dropping local_group_id on replace clears the column.
	set.LocalGroupID = nil
	if _, err := flowdb.AddCollectorSet(ctx, c, set, nil); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, db, "Flow_Sample_Collector_Set", "local_group_id"); got != "[]" {
		t.Errorf("local_group_id = %q after replacing without it", got)
	}
}

// dump returns the columns of the rows of table as ovsdb-client prints
// them in CSV, without the header line.
func dump(t *testing.T, db *ovstest.DB, table string, columns ...string) string {
	t.Helper()
	args := append([]string{"--format=csv", "--no-headings", "dump", db.Endpoint(), "Open_vSwitch", table}, columns...)
	out, err := exec.Command("ovsdb-client", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("ovsdb-client %q: %v\n%s", args, err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return strings.Join(lines[1:], "\n") // first line: the table name
}
