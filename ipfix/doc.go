// Package ipfix implements a zero-allocation encoder and decoder for IP Flow
// Information Export (IPFIX) messages: RFC 7011 (messages, sets, templates,
// options templates, withdrawals, variable-length fields, reduced-size
// encoding), the abstract data types of RFC 7012 (NTP-format micro- and
// nanosecond timestamps included), the structured data lists of RFC 6313
// (basicList, subTemplateList, subTemplateMultiList) and the RFC 5103
// reverse elements. Its information-element registry is generated
// (zelements.go) from IANA's registry and vendor lists, Open vSwitch's
// VMware-enterprise tunnel elements included.
//
// # Decoding
//
// A [Session] is the collector's template cache, owned by the caller and
// bounded by a [Config] whose zero value is safe. A [Decoder] is a reusable
// cursor over one message; template sets are applied to the session as the
// decoder passes them, data sets are walked record by record:
//
//	sess := ipfix.NewSession(nil)
//	var d ipfix.Decoder
//	for { // per datagram
//		n, from, _ := conn.ReadFromUDPAddrPort(buf)
//		hdr, err := d.Reset(sess, from, buf[:n], time.Now())
//		if err != nil { continue }
//		for d.NextSet() {
//			if d.Unknown() { keep(bytes.Clone(d.SetBytes())); continue } // retry with ResetSet
//			for d.NextRecord() {
//				rec := d.Record()
//				for f := range rec.All() { // or rec.Fields() as a cursor
//					name, text := f.Name(), f.AppendText(scratch[:0])
//				}
//			}
//		}
//		if gap, ok := d.SequenceGap(); ok && gap > 0 { lost += gap }
//		err = d.Err()
//	}
//
// Fields come with their specifier (element ID, enterprise, length), the
// registry entry ([Lookup]), the decode type and the raw bytes, which alias
// the message; typed accessors ([Field.Uint], [Field.Addr], [Field.Time],
// [Field.List], …) read them without allocating. [Plan.Index] resolves an
// element to a field index once; [Record.Uint] and friends then read it in
// constant time.
//
// Templates expire by the time passed to Reset (RFC 7011 §8.4), without a
// timer per template; withdrawals are honoured; new exporters and templates
// beyond the configured bounds evict the least recently used ones, and
// [Session.Stats] counts what was added, refreshed, withdrawn, expired,
// evicted and rejected. Malformed input yields a [*ParseError] naming the
// field and its offset, wrapping [ErrTruncated], [ErrMalformed],
// [ErrLimit] or [ErrVersion]; no input panics.
//
// # Encoding
//
// A [Builder] appends messages to a caller-owned buffer: templates, options
// templates, withdrawals and data records, split into several messages when
// a maximum size is set. Export time and sequence number come from the
// caller; [DomainSequencer] implements RFC 7011's per-domain numbering for
// callers that want it (Open vSwitch uses one counter per exporter):
//
//	b := ipfix.NewBuilder(buf[:0], ipfix.Header{ExportTime: now, SequenceNumber: seq, ObservationDomainID: 1})
//	b.AddTemplate(tmpl)
//	b.StartDataSet(tmpl.ID)
//	b.StartRecord()
//	b.Addr4(src)
//	b.Uint64(octets)
//	err := b.EndRecord()
//	out, err := b.Finish()
//	for msg := range ipfix.Messages(out) { conn.Write(msg) }
//	seq += b.DataRecords()
package ipfix
