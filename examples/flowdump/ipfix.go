package main

import (
	"bytes"
	"net/netip"
	"strconv"
	"time"

	"github.com/ovsflow/ovsflow/ipfix"
)

func init() { register(newIPFIX) }

type ipfixPending struct {
	from   netip.AddrPort
	hdr    ipfix.Header
	at     time.Time
	set    []byte
	tmplID uint16
}

// ipfixDecoder decodes IPFIX (RFC 7011) messages; data sets whose
// template has not arrived are kept (a bounded number) and decoded when a
// later message of the same exporter brings templates.
type ipfixDecoder struct {
	opts    *options
	dec     ipfix.Decoder
	retry   ipfix.Decoder
	session *ipfix.Session
	pending []ipfixPending
}

func newIPFIX(opts *options) decoder {
	return &ipfixDecoder{opts: opts, session: ipfix.NewSession(nil)}
}

func (x *ipfixDecoder) match(pkt []byte) bool {
	return len(pkt) >= 2 && pkt[0] == 0 && pkt[1] == 10
}

func (x *ipfixDecoder) decode(d datagram, out *output) error {
	now := d.at
	if now.IsZero() {
		now = time.Now()
	}
	h, err := x.dec.Reset(x.session, d.from, d.data, now)
	if err != nil {
		return err
	}
	templates := false
	for x.dec.NextSet() {
		set := x.dec.Set()
		switch {
		case set.ID == ipfix.SetIDTemplate || set.ID == ipfix.SetIDTemplate+1:
			templates = true
			for x.dec.NextTemplate() {
				if x.opts.templates {
					printIPFIXTemplate(out, d.from, h, x.dec.TemplateRecord(), set.ID != ipfix.SetIDTemplate)
				}
			}
		case x.dec.Unknown():
			if len(x.pending) >= maxPending {
				x.drop(out, 0)
			}
			x.pending = append(x.pending, ipfixPending{from: d.from, hdr: h, at: now, set: bytes.Clone(x.dec.SetBytes()), tmplID: set.ID})
		default:
			for x.dec.NextRecord() {
				printIPFIXRecord(out, d.from, h, x.dec.Record())
			}
		}
	}
	err = x.dec.Err()
	if templates {
		x.retryPending(out, d.from)
	}
	return err
}

func (x *ipfixDecoder) retryPending(out *output, from netip.AddrPort) {
	kept := x.pending[:0]
	for _, p := range x.pending {
		if p.from != from || x.session.Template(from, p.hdr.ObservationDomainID, p.tmplID) == nil {
			kept = append(kept, p)
			continue
		}
		if err := x.retry.ResetSet(x.session, p.from, p.hdr.ObservationDomainID, p.set, p.at); err != nil {
			out.error(p.from, err)
			continue
		}
		for x.retry.NextSet() {
			for x.retry.NextRecord() {
				printIPFIXRecord(out, p.from, p.hdr, x.retry.Record())
			}
		}
		if err := x.retry.Err(); err != nil {
			out.error(p.from, err)
		}
	}
	x.pending = kept
}

func (x *ipfixDecoder) drop(out *output, i int) {
	p := x.pending[i]
	out.error(p.from, &unknownTemplateError{format: "ipfix", domain: p.hdr.ObservationDomainID, id: p.tmplID})
	x.pending = append(x.pending[:i], x.pending[i+1:]...)
}

func (x *ipfixDecoder) flush(out *output) {
	for len(x.pending) > 0 {
		x.drop(out, 0)
	}
}

type unknownTemplateError struct {
	format string
	domain uint32
	id     uint16
}

func (e *unknownTemplateError) Error() string {
	return e.format + ": data set for template " + strconv.Itoa(int(e.id)) + " of domain " +
		strconv.FormatUint(uint64(e.domain), 10) + " dropped: the template never arrived"
}

func ipfixKey(spec ipfix.FieldSpecifier, name string) string {
	if name != "" {
		return name
	}
	if spec.Enterprise == 0 {
		return strconv.Itoa(int(spec.ID))
	}
	return strconv.FormatUint(uint64(spec.Enterprise), 10) + "/" + strconv.Itoa(int(spec.ID))
}

func printIPFIXTemplate(out *output, from netip.AddrPort, h ipfix.Header, t *ipfix.TemplateRecord, options bool) {
	rec := out.begin("ipfix", from)
	rec.add("domain", juint(uint64(h.ObservationDomainID)))
	rec.add("template", juint(uint64(t.ID)))
	rec.add("seq", juint(uint64(h.SequenceNumber)))
	rec.add("time", jtime(time.Unix(int64(h.ExportTime), 0), 0))
	switch {
	case t.IsWithdrawal():
		rec.add("definition", jstr("withdrawal"))
	case options:
		rec.add("definition", jstr("optionsTemplate"))
	default:
		rec.add("definition", jstr("template"))
	}
	b := []byte{'['}
	for i := 0; i < t.NumFields(); i++ {
		s := t.Spec(i)
		if i > 0 {
			b = append(b, ',')
		}
		var fr record
		fr.add("id", juint(uint64(s.ID)))
		if s.Enterprise != 0 {
			fr.add("enterprise", juint(uint64(s.Enterprise)))
		}
		if options && i < int(t.ScopeCount) {
			fr.add("scope", jbool(true))
		}
		if ie := ipfix.Lookup(s.Enterprise, s.ID); ie != nil {
			fr.add("name", jstr(ie.Name))
		}
		if s.IsVarLen() {
			fr.add("length", jstr("variable"))
		} else {
			fr.add("length", juint(uint64(s.Length)))
		}
		b = fr.appendJSON(b)
	}
	b = append(b, ']')
	rec.add("fields", b)
	out.emit()
}

func printIPFIXRecord(out *output, from netip.AddrPort, h ipfix.Header, r *ipfix.Record) {
	rec := out.begin("ipfix", from)
	rec.add("domain", juint(uint64(h.ObservationDomainID)))
	rec.add("template", juint(uint64(r.Template().ID())))
	rec.add("seq", juint(uint64(h.SequenceNumber)))
	rec.add("time", jtime(time.Unix(int64(h.ExportTime), 0), 0))
	addIPFIXFields(rec, r, 0)
	out.emit()
}

func addIPFIXFields(rec *record, r *ipfix.Record, depth int) {
	it := r.Fields()
	for it.Next() {
		f := it.Field()
		rec.add(ipfixKey(f.Spec, f.Name()), ipfixValue(f, depth))
	}
}

// ipfixValue renders a field by its data type; structured lists become
// arrays of objects.
func ipfixValue(f ipfix.Field, depth int) []byte {
	switch f.Type {
	case ipfix.Unsigned8, ipfix.Unsigned16, ipfix.Unsigned32, ipfix.Unsigned64:
		return juint(f.Uint())
	case ipfix.Signed8, ipfix.Signed16, ipfix.Signed32, ipfix.Signed64:
		return jint(f.Int())
	case ipfix.Float32, ipfix.Float64:
		return jfloat(f.Float())
	case ipfix.Boolean:
		return jbool(f.Bool())
	case ipfix.MACAddress:
		return jmac(f.MAC())
	case ipfix.String:
		return jstr(string(bytes.TrimRight(f.Raw, "\x00")))
	case ipfix.IPv4Address, ipfix.IPv6Address:
		return jaddr(f.Addr())
	case ipfix.DateTimeSeconds:
		return jtime(f.Time(), 0)
	case ipfix.DateTimeMilliseconds:
		return jtime(f.Time(), 3)
	case ipfix.DateTimeMicroseconds:
		return jtime(f.Time(), 6)
	case ipfix.DateTimeNanoseconds:
		return jtime(f.Time(), 9)
	case ipfix.BasicList, ipfix.SubTemplateList, ipfix.SubTemplateMultiList:
		if depth < 16 {
			if l, err := f.List(); err == nil {
				return ipfixList(&l, depth+1)
			}
		}
	}
	return jhex(f.Raw)
}

func ipfixList(l *ipfix.List, depth int) []byte {
	b := []byte{'['}
	n := 0
	for l.Next() {
		if n > 0 {
			b = append(b, ',')
		}
		n++
		var obj record
		if l.Type == ipfix.BasicList {
			f := l.Field()
			obj.add(ipfixKey(f.Spec, f.Name()), ipfixValue(f, depth))
		} else {
			r := l.Record()
			if l.Type == ipfix.SubTemplateMultiList {
				obj.add("template", juint(uint64(l.TemplateID)))
			}
			addIPFIXFields(&obj, r, depth)
		}
		b = obj.appendJSON(b)
	}
	return append(b, ']')
}
