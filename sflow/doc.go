// Package sflow implements a zero-allocation decoder and encoder for sFlow
// version 5 datagrams (XDR encoding, sflow.org "sFlow Version 5" and its
// extensions), with every structure Open vSwitch emits.
//
// # Decoding
//
// A [Decoder] is a reusable cursor whose zero value is ready:
//
//	var d sflow.Decoder
//	var p packet.Parsed // github.com/ovsflow/ovsflow/internal/packet, inside this module
//	hdr, err := d.Start(datagram)
//	if err != nil {
//		return err
//	}
//	for d.NextSample() {
//		s := d.Sample() // Format, Sequence, Source, Input, Output, ...
//		for d.NextRecord() {
//			switch f, counter := d.RecordFormat(); {
//			case !counter && f == sflow.FormatSampledHeader:
//				h := d.SampledHeader() // h.Header aliases datagram
//			case !counter && f == sflow.FormatExtendedSwitch:
//				sw := d.ExtendedSwitch()
//			case counter && f == sflow.FormatGenericInterface:
//				g := d.GenericInterface()
//			default:
//				raw := d.Record() // any record, known or not: Format, Data
//			}
//		}
//	}
//	return d.Err() // first error: a *ParseError naming field and offset
//
// Samples of formats 0:1 to 0:5 are decoded into a [Sample]; samples of
// other formats and records this package does not model are returned with
// their raw bytes and never fail the datagram. Every record type has a
// method on [Record] returning (T, error) and a [Decoder] accessor of the
// same name that records a failure in [Decoder.Err].
//
// # Encoding
//
// A [Builder] appends datagrams to a caller-owned buffer, one Add method
// per record type (AddSampledHeader, AddExtendedSwitch, AddGenericInterface,
// …), with XDR padding, and splits samples over datagrams like Open vSwitch:
// 1400-byte datagrams ([DefaultMaxDatagramSize]); a sample is moved to the
// next datagram when the pending length plus the sample's reaches the
// maximum; a sample larger than half the maximum is dropped with an error
// wrapping [ErrLimit].
//
// # Allocation and aliasing
//
// Start, NextSample, NextRecord, every typed accessor and every Builder
// method allocate nothing (the Builder once its buffer has grown to its
// working size). Decoded values alias the datagram: byte slices
// ([SampledHeader].Header, names, [U32List], [ASPath], [HostAdapterList])
// are valid as long as the datagram bytes are; copy them to keep them.
// Datagrams returned by the Builder alias its buffer until the next call.
//
// # Limits and hostile input
//
// Counts read from the wire (samples, records, AS path segments, labels,
// adapters) are never used to size an allocation: each is checked against
// the bytes left (count × minimum element size) before it is walked, so a
// datagram claiming 2^32-1 records fails at once with an error wrapping
// [ErrTruncated]. No input panics; decoding work and memory are bounded by
// the datagram's length.
//
// # Concurrency
//
// Decoder and Builder are not safe for concurrent use; use one per
// goroutine. Decoded values are plain values.
//
// # Known gaps in other tools
//
// tshark 4.0 dissects the flow records 0:1-0:4 and 0:1001-0:1012 and the
// counter records 0:1-0:7, 0:1001 and 0:1002; for any other record it does
// not skip the record's data and misreads the rest of the datagram. Open
// vSwitch's port counter samples carry 0:1004 and 0:1005 and its bridge
// samples 0:2203 and 0:2207, so tshark cannot check those datagrams
// unmodified. Open vSwitch 3.1 also leaves non-zero bytes in the XDR padding
// after a sampled header; the decoder ignores padding content and the
// Builder writes zeros.
package sflow
