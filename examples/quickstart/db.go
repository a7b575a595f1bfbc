package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport/flowdb"
)

// configureDB writes rows to bridge in the OVSDB at endpoint and prints
// what the database then holds.
func configureDB(ctx context.Context, w io.Writer, endpoint, bridge string, rows flowexport.Config) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	c, err := ovsdb.Dial(ctx, []string{endpoint}, nil)
	if err != nil {
		return fmt.Errorf("-db %s: %w", endpoint, err)
	}
	defer c.Close()
	res, err := flowdb.Set(ctx, c, flowdb.Bridges(bridge), rows, nil)
	if err != nil {
		return fmt.Errorf("-db %s: %w", endpoint, err)
	}
	got, err := flowdb.Get(ctx, c, flowdb.Bridges(bridge))
	if err != nil {
		return fmt.Errorf("-db %s: %w", endpoint, err)
	}
	cfg := got[bridge]
	fmt.Fprintf(w, "\nOVSDB %s, bridge %s: %d change(s) written in one transaction; it now holds:\n", endpoint, bridge, len(res.Changed))
	if n := cfg.NetFlow; n != nil {
		fmt.Fprintf(w, "  NetFlow targets=%v active_timeout=%d\n", n.Targets, n.ActiveTimeout)
	}
	if s := cfg.SFlow; s != nil {
		fmt.Fprintf(w, "  sFlow   targets=%v sampling=%d polling=%d\n", s.Targets, s.EffectiveSampling(), s.EffectivePolling())
	}
	if x := cfg.IPFIX; x != nil {
		fmt.Fprintf(w, "  IPFIX   targets=%v sampling=%d cache_active_timeout=%d cache_max_flows=%d\n", x.Targets, x.EffectiveSampling(), x.EffectiveCacheActiveTimeout(), x.EffectiveCacheMaxFlows())
	}
	fmt.Fprintln(w, "  (the targets are this run's loopback collectors; clear them with examples/flowconfig or ovs-vsctl clear bridge)")
	return nil
}
