package flowdb_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport/flowdb"
)

// A request that fails validation is rejected before anything is sent, so
// it is safe even without a connection (c is nil here).
func ExampleSet_rejected() {
	var c flowdb.Conn // normally an *ovsdb.Client from ovsdb.Dial
	cfg := flowexport.Config{
		IPFIX: &flowexport.IPFIX{
			Targets:            []string{"192.0.2.10:4739"},
			CacheActiveTimeout: flowexport.Ptr(5000), // schema allows 0..4200
		},
	}
	_, err := flowdb.Set(context.Background(), c, flowdb.Bridges("br-int"), cfg, nil)
	fmt.Println(err)
	fmt.Println(errors.Is(err, flowexport.ErrRange))
	// Output:
	// flowexport: IPFIX cache_active_timeout "5000": out of range, want 0..4200
	// true
}

func ExampleSetOperator_rejected() {
	var c flowdb.Conn
	e := flowexport.ExportNetworkFlows{
		NetFlow: &flowexport.Collectors{Collectors: []string{"192.0.2.10:2056", "192.0.2.10:2056"}},
	}
	_, err := flowdb.SetOperator(context.Background(), c, flowdb.AllBridges(), e, nil, nil)
	fmt.Println(err)
	// Output:
	// flowexport: exportNetworkFlows netFlow.collectors[1] "192.0.2.10:2056": duplicate collector
}
