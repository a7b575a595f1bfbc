package flowdb_test

import (
	"context"
	"testing"

	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport/flowdb"
)

// BenchmarkSet measures one Set on a real ovsdb-server (unix socket):
// "change" alternates two configs (read + write transaction), "no-op"
// sets what is already there (read only).
func BenchmarkSet(b *testing.B) {
	db := ovstest.StartDB(b, nil)
	db.Vsctl(b, "add-br", "br0")
	c, err := ovsdb.Dial(context.Background(), []string{db.Endpoint()}, &ovsdb.Config{NoReconnect: true})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	cfgs := []flowexport.Config{
		{NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:2055"}, ActiveTimeout: 60},
			IPFIX: &flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, Sampling: flowexport.Ptr(400)}},
		{NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.2:2055"}, ActiveTimeout: 60},
			SFlow: &flowexport.SFlow{Targets: []string{"127.0.0.2:6343"}}},
	}
	b.Run("change", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := flowdb.Set(ctx, c, flowdb.Bridges("br0"), cfgs[i%2], nil); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	if _, err := flowdb.Set(ctx, c, flowdb.Bridges("br0"), cfgs[0], nil); err != nil {
		b.Fatal(err)
	}
	b.Run("no-op", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := flowdb.Set(ctx, c, flowdb.Bridges("br0"), cfgs[0], nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
