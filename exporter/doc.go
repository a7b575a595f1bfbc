// Package exporter is a software flow exporter: it turns packets into the
// NetFlow v5, sFlow v5 and IPFIX records Open vSwitch would send for them,
// and fans each datagram out to up to ten collectors per type.
package exporter
