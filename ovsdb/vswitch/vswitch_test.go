package vswitch_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/vswitch"
)

func modelPtr[T any, P ovsdb.ModelPtr[T]]() {}

var _ = modelPtr[vswitch.Bridge, *vswitch.Bridge]

func TestRowRoundTrip(t *testing.T) {
	in := &vswitch.IPFIX{
		Targets:            []string{"127.0.0.1:4739", "127.0.0.1:4740"},
		Sampling:           ovsdb.Ptr[int64](100),
		CacheActiveTimeout: ovsdb.Ptr[int64](60),
		OtherConfig:        map[string]string{"enable-tunnel-sampling": "true"},
	}
	row := in.ToRow()
	if got := row["sampling"].String(); got != "100" {
		t.Fatalf("sampling = %s", got)
	}
	if got := row["obs_domain_id"].String(); got != `["set",[]]` {
		t.Fatalf("obs_domain_id = %s", got)
	}
	var out vswitch.IPFIX
	if err := out.FromRow(row); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, &out); diff != "" {
		t.Fatalf("round trip (-in +out):\n%s", diff)
	}
	if !in.Equal(&out) || !in.Equal(in.Clone()) {
		t.Fatal("Equal after round trip = false")
	}
	// update2 diff: sampling 100 -> 200 is the set {100,200}; targets XOR.
	diff := ovsdb.Row{
		"sampling":     ovsdb.SetOf[int64](100, 200),
		"targets":      ovsdb.SetOf("127.0.0.1:4740", "127.0.0.1:4741"),
		"other_config": ovsdb.MapOf(map[string]string{"enable-tunnel-sampling": "true", "x": "y"}),
	}
	c := out.Clone()
	if err := c.ApplyDiff(diff); err != nil {
		t.Fatal(err)
	}
	want := in.Clone()
	want.Sampling = ovsdb.Ptr[int64](200)
	want.Targets = []string{"127.0.0.1:4739", "127.0.0.1:4741"}
	want.OtherConfig = map[string]string{"x": "y"}
	if d := cmp.Diff(want, c); d != "" {
		t.Fatalf("ApplyDiff (-want +got):\n%s", d)
	}
	if *out.Sampling != 100 || len(out.Targets) != 2 || out.OtherConfig["x"] != "" {
		t.Fatal("ApplyDiff on a clone modified the original")
	}
}

func TestSchemaEmbedded(t *testing.T) {
	s := vswitch.Schema()
	if s.Version != vswitch.SchemaVersion || s.Tables["Flow_Sample_Collector_Set"] == nil {
		t.Fatalf("Schema() = %s %s", s.Name, s.Version)
	}
	for _, tn := range vswitch.Tables {
		m := vswitch.NewModel(tn)
		if m == nil || m.Table() != tn {
			t.Fatalf("NewModel(%q) = %v", tn, m)
		}
		if len(m.Columns()) != len(s.Tables[tn].Columns) {
			t.Fatalf("%s: %d columns, schema has %d", tn, len(m.Columns()), len(s.Tables[tn].Columns))
		}
	}
}

// TestOlderServer writes 8.8.0 models into a real ovsdb-server 3.1 (schema
// 8.3.1): columns that server lacks are skipped, not fatal.
func TestOlderServer(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := ovsdb.Dial(ctx, []string{db.Endpoint()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sch, err := c.Schema(ctx, vswitch.DatabaseName)
	if err != nil {
		t.Fatal(err)
	}
	if sch.SameAs(vswitch.Schema()) {
		t.Skipf("server runs schema %s, the models' own; nothing to tolerate", sch.Version)
	}
	ipfix := &vswitch.IPFIX{Targets: []string{"127.0.0.1:4739"}, TemplateInterval: ovsdb.Ptr[int64](30)}
	res, err := c.Transact(ctx, vswitch.DatabaseName,
		ovsdb.Insert(vswitch.IPFIXTable, ipfix.ToRow(), "ipfix"),
		ovsdb.Update(vswitch.BridgeTable, ovsdb.Row{vswitch.BridgeColumnIPFIX: ovsdb.AtomOf(ovsdb.NamedUUID("ipfix"))},
			ovsdb.Cond(vswitch.BridgeColumnName, ovsdb.FuncEQ, ovsdb.AtomOf("br0"))))
	if err != nil {
		t.Fatalf("Transact with 8.8.0 model on %s server: %v", sch.Version, err)
	}
	if c.Stats().SkippedColumns == 0 {
		t.Fatal("no column skipped")
	}
	res, err = c.Transact(ctx, vswitch.DatabaseName, ovsdb.Select(vswitch.IPFIXTable, nil, ovsdb.WhereUUID(res[0].UUID)))
	if err != nil || len(res[0].Rows) != 1 {
		t.Fatalf("select = %v, %v", res, err)
	}
	var got vswitch.IPFIX
	if err := got.FromRow(res[0].Rows[0]); err != nil {
		t.Fatal(err)
	}
	if got.UUID.IsZero() || len(got.Targets) != 1 || got.Targets[0] != "127.0.0.1:4739" || got.TemplateInterval != nil {
		t.Fatalf("read back %+v", got)
	}
}
