// Package vswitch holds typed models of the Open_vSwitch database tables,
// generated from vswitch.ovsschema (Open vSwitch's schema 8.8.0, Apache-2.0,
// see LICENSE in this directory) by internal/cmd/genovsdb.
//
// Optional columns are pointers, sets slices and maps Go maps; [ovsdb.Model]
// conversions to and from rows use no reflection. The models are newer than
// many servers (Open vSwitch 3.1 serves schema 8.3.1): the client drops the
// columns a server lacks, with a warning, instead of failing.
package vswitch

//go:generate go run ../../internal/cmd/genovsdb -schema vswitch.ovsschema -pkg vswitch -embed vswitch.ovsschema -out models.go
