// Package flowdb reads and writes the flow export (NetFlow, sFlow, IPFIX and
// flow sample collector sets) of Open vSwitch bridges in the Open_vSwitch
// database, on top of the [ovsdb] client, with the values of package
// [flowexport].
//
//	c, err := ovsdb.Dial(ctx, []string{"unix:/var/run/openvswitch/db.sock"}, nil)
//	...
//	cfg := flowexport.Config{
//		NetFlow: &flowexport.NetFlow{Targets: []string{"192.0.2.10:2055"}, ActiveTimeout: 60},
//	}
//	_, err = flowdb.Set(ctx, c, flowdb.Bridges("br-int"), cfg, &flowdb.Options{WaitApplied: true})
//	all, err := flowdb.Get(ctx, c, flowdb.AllBridges())
//	_, err = flowdb.Clear(ctx, c, flowdb.AllBridges(), nil)
//
// # Semantics
//
//   - Validation first: every value is validated ([flowexport.Config.Validate])
//     and, for columns newer than the server's schema (IPFIX stats_interval
//     and template_interval, OVS 3.2+; Flow_Sample_Collector_Set
//     local_group_id, OVS 3.4+), checked against the server's schema before
//     any write is sent. A rejected request changes nothing.
//   - NetFlow, sFlow and IPFIX rows are non-root: a new row is inserted and
//     referenced from the Bridge in the same transaction, and a row no
//     bridge references any more is deleted by ovsdb-server. Clearing the
//     Bridge column is what removes export. Flow_Sample_Collector_Set is a
//     root table: [RemoveCollectorSet] deletes the row explicitly.
//   - One transaction per call, whatever the number of bridges, so a call
//     applies completely or not at all.
//   - Optimistic concurrency: a write carries "wait" operations on what it
//     read (the selected bridges' netflow/sflow/ipfix/name columns, the
//     content of the rows it keeps, and for [AllBridges] the set of
//     bridges). If another client changed any of it in between, the server
//     rejects the whole transaction; the call reads again and retries
//     ([Options].MaxAttempts), or returns [ErrConflict]. Writers of
//     different bridges do not conflict.
//   - Idempotent: a type whose row already holds the requested values is
//     kept (same row, so ovs-vswitchd does not restart that exporter), and
//     a call that would change nothing sends no write at all.
//   - [Options].WaitApplied increments Open_vSwitch.next_cfg in the same
//     transaction and waits until ovs-vswitchd reports it in cur_cfg, as
//     ovs-vsctl does.
//
// # Reading
//
// [Get] and [ListCollectorSets] return what the database holds, without
// validating it (a target Set would reject, such as a host name written by
// another tool, is returned as it is).
//
// # The operator's presets
//
// [SetOperator] does, in one transaction, what ovn-kubernetes does on a node
// for the cluster network operator's spec.exportNetworkFlows.
//
// # Concurrency
//
// The functions are safe to call from several goroutines and processes at
// once; they hold no state between calls.
package flowdb
