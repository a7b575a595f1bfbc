// Package ipfix implements a zero-allocation encoder and decoder for IP Flow
// Information Export (IPFIX) messages, RFC 7011, with the information
// elements of RFC 7012 and the structured data of RFC 6313.
package ipfix
