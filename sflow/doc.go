// Package sflow implements a zero-allocation encoder and decoder for sFlow
// version 5 datagrams (XDR encoding), with every structure Open vSwitch
// emits.
package sflow
