// Package ovsdb is a typed RFC 7047 JSON-RPC client for the Open_vSwitch
// database, built on github.com/cenkalti/rpc2, with a high-level API to set,
// get and clear flow export (NetFlow, sFlow, IPFIX) on bridges.
package ovsdb
