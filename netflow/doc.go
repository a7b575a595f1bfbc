// Package netflow implements zero-allocation encoders and decoders for
// NetFlow version 5 and NetFlow version 9 (RFC 3954) export datagrams.
//
// # NetFlow v5
//
// A [V5Parser] walks the records of a datagram; its zero value is ready
// and it is reused from datagram to datagram:
//
//	var p netflow.V5Parser
//	hdr, err := p.Start(pkt)
//	if err != nil {
//		return err // wraps ErrTruncated, ErrVersion or ErrMalformed
//	}
//	for p.Next() {
//		r := p.Record() // a V5Record value with netip.Addr addresses
//		…
//	}
//
// [V5Builder] and [AppendV5] write datagrams into the caller's buffer. The
// v5 types document how Open vSwitch fills them: [V5Header.FlowSequence]
// is the index of the datagram's last record ([V5OVSSequence]), output
// ports may be [OVSOutputDrop], [OVSOutputMultiple] or [OVSOutputFlood],
// and add_id_to_interface packs the engine ID into the ports
// ([OVSInterface]).
//
// # NetFlow v9
//
// Templates live in a [Session], owned by the caller and keyed by
// exporter address and port, source ID and template ID. A [V9Parser]
// walks a packet's templates and records, installing templates as it
// meets them:
//
//	s := netflow.NewSession(nil) // or &netflow.Config{…}
//	var p netflow.V9Parser
//	hdr, err := p.Start(s, from, pkt)
//	for p.Next() {
//		switch p.Kind() {
//		case netflow.V9Data:
//			r := p.Record()
//			octets, _ := r.Uint(netflow.FieldOctetDeltaCount)
//			it := r.Fields() // or walk every field: type, raw bytes
//			for it.Next() { f := it.Field(); … }
//		case netflow.V9UnknownTemplate:
//			// keep p.FlowSet().Bytes and retry with StartFlowSet
//		}
//	}
//	err = p.Err()
//
// Field types 1–127 carry their IANA IPFIX names ([FieldType.Name],
// constants such as [FieldSourceIPv4Address]); the table, generated from
// the IANA registry and NetFlow v9 field lists by go generate, also holds
// the IANA elements above 127 that v9 exporters use and the NetFlow-only
// types. Unknown types decode as raw bytes. Fields of length 65535 are
// variable-length, IPFIX style, as some exporters send them.
//
// [V9Builder] writes templates, options templates and data records into
// the caller's buffer and keeps each packet within a maximum length. All
// builders take the header's sequence number from the caller.
//
// # Allocation and aliasing
//
// Decoding a v5 datagram, decoding v9 data records whose template the
// session holds (including the field walk and the typed accessors),
// re-reading an unchanged template, and encoding into a buffer of enough
// capacity do not allocate (see TestNoAllocs). Defining a new template
// allocates its decode plan once. Errors allocate one small value.
//
// [V5Record] values own their data. [V9Record], [Field] values and
// [V9FlowSet] bytes alias the packet: they are valid as long as the
// packet's bytes are not reused, so copy what must outlive it. Templates
// are immutable; a redefinition creates a new one, so records keep the
// template they were decoded with.
//
// # Concurrency
//
// Parsers, builders and sessions are not safe for concurrent use; use one
// per goroutine, or guard a shared Session with a mutex. The package has
// no global mutable state and starts no goroutines; templates expire only
// when the caller calls [Session.Expire].
//
// # Limits
//
// A v5 datagram holds at most 30 records. Counts and lengths read from the
// wire are checked against the bytes present before use and never size an
// allocation. A [Session] bounds the exporters it tracks, the templates
// per exporter and overall, and the fields per template (see [Config],
// whose zero value is safe); beyond the bounds it evicts the least
// recently used exporter or the oldest template, or rejects the template
// with [ErrLimit]. The [SessionStats] counters report evictions,
// rejections and data FlowSets whose template was unknown.
package netflow
