// Package ovsdbbench compares the ovsflow ovsdb client with libovsdb v0.8.0
// and a raw-JSON floor (hand-written requests, replies only split into rows)
// against the same private ovsdb-server, on N units of 5 flow-export rows
// (a Bridge in Open_vSwitch.bridges + its NetFlow, sFlow and IPFIX rows + a
// Flow_Sample_Collector_Set). Figures are reported, never gated.
package ovsdbbench

import (
	"bufio"
	"context"
	"encoding/json"
	"net"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	"github.com/ovn-kubernetes/libovsdb/client"
	"github.com/ovn-kubernetes/libovsdb/model"
	libdb "github.com/ovn-kubernetes/libovsdb/ovsdb"

	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/vswitch"
)

// units is the dataset size: 2,000 units = 10,001 rows with Open_vSwitch.
const units = 2000

var tables = []string{"Open_vSwitch", "Bridge", "NetFlow", "sFlow", "IPFIX", "Flow_Sample_Collector_Set"}

// populate fills db with n units in one transaction; it returns a bridge uuid.
func populate(tb testing.TB, db *ovstest.DB, n int) ovsdb.UUID {
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	c, err := ovsdb.Dial(ctx, []string{db.Endpoint()}, &ovsdb.Config{NoReconnect: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close()
	var ops []ovsdb.Operation
	var brs []ovsdb.NamedUUID
	for i := 0; i < n; i++ {
		s := strconv.Itoa(i)
		nf, sf, ip, br := ovsdb.NamedUUID("nf"+s), ovsdb.NamedUUID("sf"+s), ovsdb.NamedUUID("ip"+s), ovsdb.NamedUUID("br"+s)
		ops = append(ops,
			ovsdb.Insert("NetFlow", ovsdb.Row{"targets": ovsdb.SetOf("127.0.0.1:2055"), "active_timeout": ovsdb.AtomOf(int64(60))}, nf),
			ovsdb.Insert("sFlow", ovsdb.Row{"targets": ovsdb.SetOf("127.0.0.1:6343"), "sampling": ovsdb.AtomOf(int64(64)), "polling": ovsdb.AtomOf(int64(10))}, sf),
			ovsdb.Insert("IPFIX", ovsdb.Row{"targets": ovsdb.SetOf("127.0.0.1:4739"), "sampling": ovsdb.AtomOf(int64(100)), "obs_domain_id": ovsdb.AtomOf(int64(1))}, ip),
			ovsdb.Insert("Bridge", ovsdb.Row{"name": ovsdb.AtomOf("br" + s), "netflow": ovsdb.AtomOf(nf), "sflow": ovsdb.AtomOf(sf), "ipfix": ovsdb.AtomOf(ip),
				"external_ids": ovsdb.MapOf(map[string]string{"owner": "bench"})}, br),
			ovsdb.Insert("Flow_Sample_Collector_Set", ovsdb.Row{"id": ovsdb.AtomOf(int64(i)), "bridge": ovsdb.AtomOf(br), "ipfix": ovsdb.AtomOf(ip)}, ""),
		)
		brs = append(brs, br)
	}
	ops = append(ops, ovsdb.MutateOp("Open_vSwitch", []ovsdb.Mutation{ovsdb.Mutate("bridges", ovsdb.MutateInsert, ovsdb.SetOf(brs...))}))
	res, err := c.Transact(ctx, "Open_vSwitch", ops...)
	if err != nil {
		tb.Fatalf("populate: %v", err)
	}
	return res[3].UUID
}

func startDB(b *testing.B, n int) (*ovstest.DB, ovsdb.UUID) {
	db := ovstest.StartDB(b, nil)
	return db, populate(b, db, n)
}

func heapNow() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// peer is one library under test.
type peer struct {
	name string
	// monitor connects, monitors every column of the flow-export tables and
	// returns once the initial content is held; the returned func closes.
	monitor func(b *testing.B, ep string) (rows int, closeFn func())
}

var peers = []peer{
	{"ovsflow", monitorOvsflow},
	{"libovsdb", monitorLibovsdb},
	{"raw", monitorRaw},
}

func monitorOvsflow(b *testing.B, ep string) (int, func()) {
	ctx := context.Background()
	c, err := ovsdb.Dial(ctx, []string{ep}, &ovsdb.Config{NoReconnect: true})
	if err != nil {
		b.Fatal(err)
	}
	ca, err := ovsdb.NewCache(ctx, c, "Open_vSwitch", tables, vswitch.NewModel, nil)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, t := range tables {
		n += ca.Len(t)
	}
	return n, func() { c.Close() }
}

// quiet discards libovsdb's logging (ovsflow logs to a discard handler by
// default too), so neither side pays for log formatting.
var quiet = logr.Discard()

func libModel(b *testing.B) model.ClientDBModel {
	m, err := model.NewClientDBModel("Open_vSwitch", map[string]model.Model{
		"Open_vSwitch": &libOpenVSwitch{}, "Bridge": &libBridge{}, "NetFlow": &libNetFlow{},
		"sFlow": &libSFlow{}, "IPFIX": &libIPFIX{}, "Flow_Sample_Collector_Set": &libFlowSampleCollectorSet{},
	})
	if err != nil {
		b.Fatal(err)
	}
	return m
}

func monitorLibovsdb(b *testing.B, ep string) (int, func()) {
	ctx := context.Background()
	c, err := client.NewOVSDBClient(libModel(b), client.WithEndpoint(ep), client.WithLogger(&quiet))
	if err != nil {
		b.Fatal(err)
	}
	if err := c.Connect(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := c.MonitorAll(ctx); err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, t := range tables {
		n += c.Cache().Table(t).Len()
	}
	return n, c.Close
}

// monitorRaw is the floor: one hand-written monitor_cond request, the reply
// decoded with encoding/json only as far as rows.
func monitorRaw(b *testing.B, ep string) (int, func()) {
	conn, err := net.Dial("unix", strings.TrimPrefix(ep, "unix:"))
	if err != nil {
		b.Fatal(err)
	}
	var req strings.Builder
	req.WriteString(`{"id":1,"method":"monitor_cond","params":["Open_vSwitch","raw",{`)
	for i, t := range tables {
		if i > 0 {
			req.WriteString(",")
		}
		req.WriteString(`"` + t + `":[{}]`)
	}
	req.WriteString(`}]}`)
	if _, err := conn.Write([]byte(req.String())); err != nil {
		b.Fatal(err)
	}
	var reply struct {
		Result map[string]map[string]json.RawMessage `json:"result"`
	}
	if err := json.NewDecoder(bufio.NewReaderSize(conn, 64<<10)).Decode(&reply); err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, rows := range reply.Result {
		n += len(rows)
	}
	return n, func() { conn.Close() }
}

// BenchmarkMonitor: connect, monitor all columns of the flow-export tables
// (10,001 rows) and hold the initial content. retained-B/row is the heap
// kept per cached row.
func BenchmarkMonitor(b *testing.B) {
	db, _ := startDB(b, units)
	want := units*5 + 1
	for _, p := range peers {
		b.Run("lib="+p.name, func(b *testing.B) {
			h0 := heapNow()
			n, closeFn := p.monitor(b, db.Endpoint())
			h1 := heapNow()
			if n != want {
				b.Fatalf("%s: %d rows, want %d", p.name, n, want)
			}
			closeFn()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				_, closeFn := p.monitor(b, db.Endpoint())
				closeFn()
			}
			b.ReportMetric(float64(int64(h1)-int64(h0))/float64(want), "retained-B/row")
		})
	}
}

// BenchmarkTransact: one small transaction (set a bridge's external_ids)
// on an open connection.
func BenchmarkTransact(b *testing.B) {
	db, br := startDB(b, 10)
	ctx := context.Background()
	b.Run("lib=ovsflow", func(b *testing.B) {
		c, err := ovsdb.Dial(ctx, []string{db.Endpoint()}, &ovsdb.Config{NoReconnect: true})
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		i := 0
		b.ReportAllocs()
		for b.Loop() {
			i++
			if _, err := c.Transact(ctx, "Open_vSwitch", ovsdb.Update("Bridge",
				ovsdb.Row{"external_ids": ovsdb.MapOf(map[string]string{"n": strconv.Itoa(i)})}, ovsdb.WhereUUID(br))); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lib=libovsdb", func(b *testing.B) {
		c, err := client.NewOVSDBClient(libModel(b), client.WithEndpoint(db.Endpoint()), client.WithLogger(&quiet))
		if err != nil {
			b.Fatal(err)
		}
		if err := c.Connect(ctx); err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		i := 0
		b.ReportAllocs()
		for b.Loop() {
			i++
			m := &libBridge{UUID: br.String(), ExternalIds: map[string]string{"n": strconv.Itoa(i)}}
			ops, err := c.Where(m).Update(m, &m.ExternalIds)
			if err != nil {
				b.Fatal(err)
			}
			res, err := c.Transact(ctx, ops...)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := libdb.CheckOperationResults(res, ops); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("lib=raw", func(b *testing.B) {
		conn, err := net.Dial("unix", db.Socket)
		if err != nil {
			b.Fatal(err)
		}
		defer conn.Close()
		dec := json.NewDecoder(bufio.NewReader(conn))
		i := 0
		b.ReportAllocs()
		for b.Loop() {
			i++
			req := `{"id":` + strconv.Itoa(i) + `,"method":"transact","params":["Open_vSwitch",{"op":"update","table":"Bridge","where":[["_uuid","==",["uuid","` +
				br.String() + `"]]],"row":{"external_ids":["map",[["n","` + strconv.Itoa(i) + `"]]]}}]}`
			if _, err := conn.Write([]byte(req)); err != nil {
				b.Fatal(err)
			}
			var reply struct {
				Result []map[string]json.RawMessage `json:"result"`
				Error  json.RawMessage              `json:"error"`
			}
			if err := dec.Decode(&reply); err != nil {
				b.Fatal(err)
			}
			if len(reply.Result) != 1 || reply.Result[0]["error"] != nil {
				b.Fatalf("raw transact: %+v", reply)
			}
		}
	})
}
