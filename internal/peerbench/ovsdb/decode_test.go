package ovsdbbench

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ovn-kubernetes/libovsdb/cache"
	"github.com/ovn-kubernetes/libovsdb/model"
	libdb "github.com/ovn-kubernetes/libovsdb/ovsdb"

	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/vswitch"
)

// updates2 returns a <table-updates2> with n flow-export units (5 rows
// each), shaped like ovsdb-server 3.1's monitor_cond reply.
func updates2(n int) []byte {
	var b strings.Builder
	uuid := func(kind, i int) string {
		return "00000000-0000-4000-8000-" + strconv.Itoa(100000000000+kind*10000000+i)
	}
	ts := []string{"Bridge", "NetFlow", "sFlow", "IPFIX", "Flow_Sample_Collector_Set"}
	b.WriteString("{")
	for k, t := range ts {
		if k > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"` + t + `":{`)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`"` + uuid(k, i) + `":{"initial":`)
			switch t {
			case "Bridge":
				b.WriteString(`{"name":"br` + strconv.Itoa(i) + `","netflow":["uuid","` + uuid(1, i) + `"],"sflow":["uuid","` + uuid(2, i) + `"],"ipfix":["uuid","` + uuid(3, i) + `"],"external_ids":["map",[["owner","bench"]]],"datapath_version":"<unknown>"}`)
			case "NetFlow":
				b.WriteString(`{"targets":"127.0.0.1:2055","active_timeout":60}`)
			case "sFlow":
				b.WriteString(`{"targets":"127.0.0.1:6343","sampling":64,"polling":10}`)
			case "IPFIX":
				b.WriteString(`{"targets":"127.0.0.1:4739","sampling":100,"obs_domain_id":1}`)
			case "Flow_Sample_Collector_Set":
				b.WriteString(`{"id":` + strconv.Itoa(i) + `,"bridge":["uuid","` + uuid(0, i) + `"],"ipfix":["uuid","` + uuid(3, i) + `"]}`)
			}
			b.WriteString("}")
		}
		b.WriteString("}")
	}
	b.WriteString("}")
	return []byte(b.String())
}

// BenchmarkDecodeApply decodes a monitor reply of 1,000 rows (200 units)
// and applies it to a fresh typed replica, offline. allocs/row and ns/row
// are per row.
func BenchmarkDecodeApply(b *testing.B) {
	const n = 200
	rows := float64(5 * n)
	msg := updates2(n)
	b.Run("lib=ovsflow", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(msg)))
		for b.Loop() {
			var tu ovsdb.TableUpdates
			if err := tu.UnmarshalJSON(msg); err != nil {
				b.Fatal(err)
			}
			replica := make(map[ovsdb.UUID]ovsdb.Model, 5*n)
			for t, rs := range tu {
				for u, ru := range rs {
					m := vswitch.NewModel(t)
					if err := m.FromRow(ru.Row); err != nil {
						b.Fatal(err)
					}
					m.SetRowUUID(u)
					replica[u] = m
				}
			}
			if len(replica) != 5*n {
				b.Fatalf("rows = %d", len(replica))
			}
		}
		perRow(b, rows)
	})
	b.Run("lib=libovsdb", func(b *testing.B) {
		raw, err := os.ReadFile(ovstest.DefaultSchema)
		if err != nil {
			b.Skip("no " + ovstest.DefaultSchema + ": install openvswitch-switch")
		}
		var sch libdb.DatabaseSchema
		if err := json.Unmarshal(raw, &sch); err != nil {
			b.Fatal(err)
		}
		dbm, errs := model.NewDatabaseModel(sch, libModel(b))
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		b.ReportAllocs()
		b.SetBytes(int64(len(msg)))
		for b.Loop() {
			var tu libdb.TableUpdates2
			if err := json.Unmarshal(msg, &tu); err != nil {
				b.Fatal(err)
			}
			tc, err := cache.NewTableCache(dbm, nil, &quiet)
			if err != nil {
				b.Fatal(err)
			}
			if err := tc.Populate2(tu); err != nil {
				b.Fatal(err)
			}
			if tc.Table("Bridge").Len() != n {
				b.Fatalf("bridges = %d", tc.Table("Bridge").Len())
			}
		}
		perRow(b, rows)
	})
}

func perRow(b *testing.B, rows float64) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/rows, "ns/row")
}
