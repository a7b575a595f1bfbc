// Package netflow implements zero-allocation encoders and decoders for
// NetFlow version 5 and NetFlow version 9 (RFC 3954) export datagrams.
package netflow
