// Package flowexport holds the flow-export configuration of Open vSwitch as
// plain Go values: one struct per OVSDB table ([NetFlow], [SFlow], [IPFIX],
// [FlowSampleCollectorSet]) with fields named after the columns, the three
// types of one bridge together ([Config]), and the cluster network
// operator's .spec.exportNetworkFlows ([ExportNetworkFlows]).
//
// The package has no RPC dependency: the OVSDB API (package
// github.com/ovsflow/ovsflow/ovsdb/flowexport/flowdb) writes these values to
// a database, and the software exporter runs them, so one value configures
// real OVS and our exporter alike.
//
//	nf := flowexport.NetFlow{Targets: []string{"127.0.0.1:2055"}, ActiveTimeout: 60}
//	if err := nf.Validate(); err != nil {
//		var ve *flowexport.ValidationError
//		errors.As(err, &ve) // ve.Table, ve.Field, ve.Index, ve.Value
//	}
//
// # Optional columns and defaults
//
// An optional column is a pointer: nil is "unset", and OVS's default
// applies. The Effective* methods return what OVS uses, for example
// [SFlow.EffectiveSampling] is 400 when Sampling is nil (and 0, not 400,
// when Sampling points to 0, which turns sampling off). Integers are in the
// schema's units (seconds, packets, bytes). [Ptr] builds pointers.
//
// # Validation
//
// Validate (and Canonical, which also returns the canonical form written to
// the database) checks what the operator's CRD and the OVSDB schema check,
// plus what OVS needs to work:
//
//   - 1 to [MaxCollectors] (10) collectors per type; the operator's extra
//     shared IPFIX collector ([IPFIX.SharedTarget]) comes on top;
//   - each collector "a.b.c.d:port" or "[ipv6]:port" ([ParseTarget]),
//     port 1-65535, IP literals only (no host names, no zones, not the
//     unspecified address), no duplicates;
//   - every option inside its schema range (IPFIX cache_active_timeout
//     0-4200, sampling 1 to 2^32-1, NetFlow engine ids 0-255, …).
//
// Errors are a [*ValidationError] naming the table, the column, the index
// of the offending entry and its value, wrapping a sentinel such as
// [ErrHostname] or [ErrRange] for errors.Is.
//
// Values read back from a database are not validated: they are returned as
// the database holds them, even when Validate would reject them.
//
// # The operator's shape
//
// [ExportNetworkFlows.Config] turns the operator's collectors into the rows
// ovn-kubernetes writes (NetFlow active_timeout 60, sFlow agent
// ovn-k8s-mp0, IPFIX sampling 400 and cache_active_timeout 60);
// [OperatorView] goes back; [ParsePatch] and [ExportNetworkFlows.MergePatch] read an
// `oc patch --type merge` document.
//
// # Concurrency
//
// Values are plain data: safe to read from several goroutines, not to
// modify concurrently. Methods never modify their receiver.
package flowexport
