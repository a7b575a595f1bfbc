package ovsdb_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/vswitch"
)

// flowExportUnits returns a monitor_cond reply (table-updates2) holding n
// units of 5 rows: a Bridge + its NetFlow, sFlow, IPFIX rows + a
// Flow_Sample_Collector_Set, shaped like ovsdb-server 3.1's output.
func flowExportUnits(n int) []byte {
	var b strings.Builder
	uuid := func(kind, i int) string {
		return "00000000-0000-4000-8000-" + strconv.Itoa(100000000000+kind*10000000+i)
	}
	tables := []string{"Bridge", "NetFlow", "sFlow", "IPFIX", "Flow_Sample_Collector_Set"}
	b.WriteString("{")
	for k, t := range tables {
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
				b.WriteString(`{"name":"br` + strconv.Itoa(i) + `","datapath_type":"dummy","datapath_version":"<unknown>","netflow":["uuid","` + uuid(1, i) + `"],"sflow":["uuid","` + uuid(2, i) + `"],"ipfix":["uuid","` + uuid(3, i) + `"],"ports":["uuid","` + uuid(9, i) + `"],"external_ids":["map",[["owner","bench"]]],"other_config":["map",[]],"status":["map",[]],"protocols":["set",[]],"fail_mode":["set",[]],"datapath_id":"0000aabbccddeeff","mcast_snooping_enable":false,"rstp_enable":false,"stp_enable":false,"_version":["uuid","` + uuid(8, i) + `"]}`)
			case "NetFlow":
				b.WriteString(`{"targets":"127.0.0.1:2055","active_timeout":60,"engine_id":["set",[]],"engine_type":["set",[]],"add_id_to_interface":false,"external_ids":["map",[]]}`)
			case "sFlow":
				b.WriteString(`{"targets":"127.0.0.1:6343","sampling":64,"polling":10,"header":128,"agent":["set",[]],"external_ids":["map",[]]}`)
			case "IPFIX":
				b.WriteString(`{"targets":"127.0.0.1:4739","sampling":100,"obs_domain_id":1,"obs_point_id":2,"cache_active_timeout":60,"cache_max_flows":1000,"other_config":["map",[]],"external_ids":["map",[]]}`)
			case "Flow_Sample_Collector_Set":
				b.WriteString(`{"id":` + strconv.Itoa(i) + `,"bridge":["uuid","` + uuid(0, i) + `"],"ipfix":["uuid","` + uuid(3, i) + `"],"external_ids":["map",[]]}`)
			}
			b.WriteString("}")
		}
		b.WriteString("}")
	}
	b.WriteString("}")
	return []byte(b.String())
}

// BenchmarkDecodeApply decodes a table-updates2 of flow-export units and
// builds typed rows, as the cache does; allocations are per message, so
// divide by rows (5 per unit).
func BenchmarkDecodeApply(b *testing.B) {
	const units = 200
	msg := flowExportUnits(units)
	b.ReportAllocs()
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		if n := ovsdb.DecodeApplyForBench(msg, vswitch.NewModel); n != 5*units {
			b.Fatalf("rows = %d", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(5*units), "ns/row")
}

func TestDecodeApplyAllocsPerRow(t *testing.T) {
	const units = 100
	msg := flowExportUnits(units)
	allocs := testing.AllocsPerRun(5, func() { ovsdb.DecodeApplyForBench(msg, vswitch.NewModel) })
	t.Logf("decode+apply: %.1f allocs per row", allocs/(5*units))
}
