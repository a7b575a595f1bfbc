// Package peerbench holds side-by-side benchmarks of ovsflow against peer
// libraries. It is a separate module so that importers of ovsflow never
// download the peers. Each sub-package covers one area (netflow, ipfix,
// sflow, ovsdb); benchmarks are named BenchmarkCASE/LIBRARY so that
// run.sh can compare libraries on the same case.
package peerbench
