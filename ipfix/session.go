package ipfix

import (
	"bytes"
	"iter"
	"math"
	"net/netip"
	"time"
)

// Config bounds a [Session]. Every zero field takes the default given in
// its comment, so the zero Config is safe for a collector facing the
// Internet.
type Config struct {
	// MaxExporters is the number of exporters (source address and port)
	// with state; a new exporter beyond it evicts the least recently
	// heard one with all its templates. Default 1024.
	MaxExporters int
	// MaxDomains is the number of observation domains per exporter; a
	// message for a further domain is rejected with ErrLimit. Default 256.
	MaxDomains int
	// MaxTemplates is the number of templates held in total; a new one
	// beyond it evicts the least recently refreshed template. Default 16384.
	MaxTemplates int
	// MaxFields is the largest field count a template may have; larger
	// templates are rejected (counted, not fatal). Default 1024.
	MaxFields int
	// MaxBytes bounds the memory held by templates (an estimate of their
	// compiled size); templates are evicted to stay below it. Default 32 MiB.
	MaxBytes int
	// TemplateLifetime is how long a template received over UDP stays
	// valid without being refreshed (RFC 7011 §8.4). Default 30 minutes,
	// three times the common 10-minute refresh. Negative: never expire.
	TemplateLifetime time.Duration
}

func (c Config) withDefaults() Config {
	if c.MaxExporters <= 0 {
		c.MaxExporters = 1024
	}
	if c.MaxDomains <= 0 {
		c.MaxDomains = 256
	}
	if c.MaxTemplates <= 0 {
		c.MaxTemplates = 16384
	}
	if c.MaxFields <= 0 {
		c.MaxFields = 1024
	}
	if c.MaxFields > 16383 {
		c.MaxFields = 16383
	}
	if c.MaxBytes <= 0 {
		c.MaxBytes = 32 << 20
	}
	if c.TemplateLifetime == 0 {
		c.TemplateLifetime = 30 * time.Minute
	}
	return c
}

// Stats counts what a [Session] did. Counters only grow.
type Stats struct {
	Exporters int // exporters with state now
	Templates int // templates held now
	Bytes     int // estimated template memory now

	TemplatesAdded     uint64 // new or redefined templates
	TemplatesRefreshed uint64 // identical templates received again
	TemplatesWithdrawn uint64 // removed by a withdrawal
	TemplatesExpired   uint64 // not refreshed within TemplateLifetime
	TemplatesEvicted   uint64 // pushed out by MaxTemplates or MaxBytes
	TemplatesRejected  uint64 // too many fields, too large, or records of 0 bytes
	ExportersEvicted   uint64 // pushed out by MaxExporters
	DomainsRejected    uint64 // messages refused by MaxDomains
	UnknownDataSets    uint64 // data sets whose template was not (yet) known
	SequenceGaps       uint64 // messages whose sequence number was not the expected one
	LostRecords        uint64 // sum of the forward sequence gaps
}

// Session is the template cache of a collector: templates keyed by
// (exporter address and port, observation domain, template ID), compiled
// once into decode plans, bounded by a [Config], expired by the time the
// caller passes in (no timers), plus per-(exporter, domain) sequence
// tracking. A Session is owned by one goroutine (use one per socket
// reader, or lock around it); it is not safe for concurrent use.
type Session struct {
	cfg       Config
	exporters map[netip.AddrPort]*exporter
	expHead   *exporter // least recently heard
	expTail   *exporter
	tHead     *Plan // least recently refreshed
	tTail     *Plan
	stats     Stats
	lastAddr  netip.AddrPort
	lastID    uint32
	lastDom   *domain
}

type exporter struct {
	addr       netip.AddrPort
	domains    map[uint32]*domain
	prev, next *exporter
}

type domain struct {
	exp       *exporter
	id        uint32
	templates map[uint16]*Plan
	nextSeq   uint32
	seqKnown  bool
}

// NewSession returns a Session bounded by cfg (nil: all defaults).
func NewSession(cfg *Config) *Session {
	var c Config
	if cfg != nil {
		c = *cfg
	}
	return &Session{cfg: c.withDefaults(), exporters: make(map[netip.AddrPort]*exporter)}
}

// Stats returns the counters.
func (s *Session) Stats() Stats { return s.stats }

// Config returns the configuration in force, defaults filled in.
func (s *Session) Config() Config { return s.cfg }

// Template returns the compiled template id of (from, domain), or nil.
func (s *Session) Template(from netip.AddrPort, domain uint32, id uint16) *Plan {
	e := s.exporters[from]
	if e == nil {
		return nil
	}
	d := e.domains[domain]
	if d == nil {
		return nil
	}
	return d.templates[id]
}

// TemplateKey identifies a template in a [Session].
type TemplateKey struct {
	Exporter netip.AddrPort
	Domain   uint32
	ID       uint16
}

// Templates yields every template the session holds, least recently
// refreshed first. The session must not be used during the iteration.
func (s *Session) Templates() iter.Seq2[TemplateKey, *Plan] {
	return func(yield func(TemplateKey, *Plan) bool) {
		for p := s.tHead; p != nil; p = p.next {
			if !yield(TemplateKey{p.dom.exp.addr, p.dom.id, p.id}, p) {
				return
			}
		}
	}
}

// domain returns the state of (from, id), creating it if needed; nil if
// MaxDomains refuses it.
func (s *Session) domain(from netip.AddrPort, id uint32) *domain {
	if s.lastDom != nil && s.lastAddr == from && s.lastID == id {
		s.touchExporter(s.lastDom.exp)
		return s.lastDom
	}
	e := s.exporters[from]
	if e == nil {
		for len(s.exporters) >= s.cfg.MaxExporters && s.expHead != nil {
			s.evictExporter(s.expHead)
			s.stats.ExportersEvicted++
		}
		e = &exporter{addr: from, domains: make(map[uint32]*domain)}
		s.exporters[from] = e
		s.linkExporter(e)
		s.stats.Exporters = len(s.exporters)
	} else {
		s.touchExporter(e)
	}
	d := e.domains[id]
	if d == nil {
		if len(e.domains) >= s.cfg.MaxDomains {
			s.stats.DomainsRejected++
			return nil
		}
		d = &domain{exp: e, id: id}
		e.domains[id] = d
	}
	s.lastAddr, s.lastID, s.lastDom = from, id, d
	return d
}

func (s *Session) linkExporter(e *exporter) {
	e.prev, e.next = s.expTail, nil
	if s.expTail != nil {
		s.expTail.next = e
	} else {
		s.expHead = e
	}
	s.expTail = e
}

func (s *Session) unlinkExporter(e *exporter) {
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		s.expHead = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		s.expTail = e.prev
	}
	e.prev, e.next = nil, nil
}

func (s *Session) touchExporter(e *exporter) {
	if s.expTail != e {
		s.unlinkExporter(e)
		s.linkExporter(e)
	}
}

func (s *Session) evictExporter(e *exporter) {
	for _, d := range e.domains {
		for _, p := range d.templates {
			s.unlinkPlan(p)
		}
		d.templates = nil
	}
	s.unlinkExporter(e)
	delete(s.exporters, e.addr)
	s.stats.Exporters = len(s.exporters)
	s.lastDom = nil
}

func (s *Session) linkPlan(p *Plan) {
	p.prev, p.next = s.tTail, nil
	if s.tTail != nil {
		s.tTail.next = p
	} else {
		s.tHead = p
	}
	s.tTail = p
	s.stats.Templates++
	s.stats.Bytes += p.cost
}

// unlinkPlan takes p off the LRU list (not out of its domain's map).
func (s *Session) unlinkPlan(p *Plan) {
	if p.prev != nil {
		p.prev.next = p.next
	} else {
		s.tHead = p.next
	}
	if p.next != nil {
		p.next.prev = p.prev
	} else {
		s.tTail = p.prev
	}
	p.prev, p.next = nil, nil
	s.stats.Templates--
	s.stats.Bytes -= p.cost
}

// removePlan drops p from its domain and the LRU list.
func (s *Session) removePlan(p *Plan) {
	if d := p.dom; d.templates != nil && d.templates[p.id] == p {
		delete(d.templates, p.id)
	}
	s.unlinkPlan(p)
}

// expire removes the templates not refreshed since now-lifetime.
func (s *Session) expire(now int64) {
	if now == 0 {
		return
	}
	for p := s.tHead; p != nil && p.expires != 0 && p.expires <= now; p = s.tHead {
		s.removePlan(p)
		s.stats.TemplatesExpired++
	}
}

func (s *Session) expiry(now int64) int64 {
	if s.cfg.TemplateLifetime < 0 || now == 0 {
		return 0
	}
	e := now + int64(s.cfg.TemplateLifetime)
	if e == 0 {
		e = 1
	}
	return e
}

// lookup returns the live template id of d.
func (s *Session) lookup(d *domain, id uint16, now int64) *Plan {
	p := d.templates[id]
	if p != nil && p.expires != 0 && p.expires <= now {
		s.removePlan(p)
		s.stats.TemplatesExpired++
		return nil
	}
	return p
}

// learn installs a template record (raw is its wire form, header
// included) in d. It returns an error only for malformed records; limits
// are counted.
func (s *Session) learn(d *domain, raw []byte, id, scope uint16, specs []byte, nfields int, now int64) {
	if old := d.templates[id]; old != nil && bytes.Equal(old.raw, raw) {
		old.expires = s.expiry(now)
		if s.tTail != old {
			s.unlinkPlan(old)
			s.linkPlan(old)
		}
		s.stats.TemplatesRefreshed++
		return
	}
	var p *Plan
	if nfields <= s.cfg.MaxFields {
		p = compile(raw, id, scope, specs, nfields)
	}
	if p == nil || p.cost > s.cfg.MaxBytes {
		s.stats.TemplatesRejected++
		if old := d.templates[id]; old != nil {
			s.removePlan(old) // the exporter redefined it: the old one is void
		}
		return
	}
	if old := d.templates[id]; old != nil {
		s.removePlan(old)
	}
	for (s.stats.Templates >= s.cfg.MaxTemplates || s.stats.Bytes+p.cost > s.cfg.MaxBytes) && s.tHead != nil {
		s.removePlan(s.tHead)
		s.stats.TemplatesEvicted++
	}
	p.dom = d
	p.expires = s.expiry(now)
	if d.templates == nil {
		d.templates = make(map[uint16]*Plan)
	}
	d.templates[id] = p
	s.linkPlan(p)
	s.stats.TemplatesAdded++
}

// withdraw removes template id of d; id 2 or 3 with all set removes every
// template (options false) or options template (options true).
func (s *Session) withdraw(d *domain, id uint16, options, all bool) {
	if all {
		for _, p := range d.templates {
			if p.IsOptions() == options {
				s.removePlan(p)
				s.stats.TemplatesWithdrawn++
			}
		}
		return
	}
	if p := d.templates[id]; p != nil {
		s.removePlan(p)
		s.stats.TemplatesWithdrawn++
	}
}

// Plan is a template compiled for decoding: field types resolved from the
// registry, fixed offsets computed, the record length known when no field
// has a variable length. Plans are immutable once made and stay valid
// after the Session drops them.
type Plan struct {
	id       uint16
	scope    uint16
	raw      []byte
	fields   []planField
	fix      []fixSpan // bounds of the fields before firstVar
	specs    []FieldSpecifier
	fixedLen int // record length, or -1 with variable-length fields
	minLen   int // smallest possible record
	firstVar int // index of the first variable-length field, or len(fields)
	varOff   int // offset of the first variable-length field
	cost     int
	dom      *domain
	prev     *Plan
	next     *Plan
	expires  int64
}

// fixSpan is where a fixed-offset field lies in the record. mask keeps
// the low 8*(end-off) bits of a 64-bit word (0 for fields longer than 8
// bytes, whose integer value is 0): Record.Uint reads the 8 bytes that end
// at end and masks them.
type fixSpan struct {
	off, end uint32
	mask     uint64
}

type planField struct {
	spec FieldSpecifier
	ie   *InfoElement
	typ  DataType
	off  int // offset in the record when before firstVar
	end  int // off + length when before firstVar
}

// compile builds a Plan, or returns nil for a template whose records
// would be empty.
func compile(raw []byte, id, scope uint16, specs []byte, n int) *Plan {
	p := &Plan{id: id, scope: scope, raw: append([]byte(nil), raw...)}
	p.fields = make([]planField, n)
	p.specs = make([]FieldSpecifier, n)
	off := 0
	p.firstVar = n
	for i := range n {
		eid := uint16(specs[0])<<8 | uint16(specs[1])
		l := uint16(specs[2])<<8 | uint16(specs[3])
		specs = specs[4:]
		var ent uint32
		if eid&EnterpriseBit != 0 {
			ent = uint32(specs[0])<<24 | uint32(specs[1])<<16 | uint32(specs[2])<<8 | uint32(specs[3])
			specs = specs[4:]
			eid &^= EnterpriseBit
		}
		f := FieldSpecifier{ID: eid, Length: l, Enterprise: ent}
		pf := planField{spec: f, ie: Lookup(ent, eid), typ: OctetArray}
		if pf.ie != nil {
			pf.typ = pf.ie.Type
		}
		if l == VarLen {
			if p.firstVar == n {
				p.firstVar, p.varOff = i, off
			}
			if !pf.typ.lenValid(1) || pf.typ.naturalLen() != 0 {
				pf.typ = OctetArray
			}
			p.minLen++
		} else {
			if !pf.typ.lenValid(int(l)) {
				pf.typ = OctetArray
			}
			p.minLen += int(l)
			if p.firstVar == n {
				pf.off = off
				off += int(l)
				pf.end = off
			}
		}
		p.fields[i] = pf
		p.specs[i] = f
	}
	p.fix = make([]fixSpan, p.firstVar)
	for i := range p.fix {
		p.fix[i] = fixSpan{off: uint32(p.fields[i].off), end: uint32(p.fields[i].end)}
		switch n := p.fields[i].end - p.fields[i].off; {
		case n == 8:
			p.fix[i].mask = math.MaxUint64
		case n < 8:
			p.fix[i].mask = 1<<(8*n) - 1
		}
	}
	if p.firstVar == n {
		p.fixedLen = off
		p.varOff = off
	} else {
		p.fixedLen = -1
	}
	if p.minLen == 0 {
		return nil
	}
	p.cost = 160 + len(raw) + n*(int(sizeofPlanField)+int(sizeofSpec))
	return p
}

const (
	sizeofPlanField = 40
	sizeofSpec      = 8
)

// ID returns the template ID.
func (p *Plan) ID() uint16 { return p.id }

// ScopeCount returns the number of scope fields (0 for a template).
func (p *Plan) ScopeCount() int { return int(p.scope) }

// IsOptions reports whether p is an options template.
func (p *Plan) IsOptions() bool { return p.scope > 0 }

// NumFields returns the field count.
func (p *Plan) NumFields() int { return len(p.fields) }

// Spec returns field i's specifier.
func (p *Plan) Spec(i int) FieldSpecifier { return p.fields[i].spec }

// Element returns the registry entry of field i, or nil.
func (p *Plan) Element(i int) *InfoElement { return p.fields[i].ie }

// Template returns the template as a value; its Fields slice is shared
// and must not be modified.
func (p *Plan) Template() Template {
	return Template{ID: p.id, ScopeCount: p.scope, Fields: p.specs}
}

// RecordLen returns the length of every record, or -1 when the template
// has variable-length fields.
func (p *Plan) RecordLen() int { return p.fixedLen }

// Index returns the index of the first field for element id of enterprise
// ent, or -1. Resolve indexes once and read records with [Record.Field].
func (p *Plan) Index(ent uint32, id uint16) int {
	for i := range p.fields {
		if p.fields[i].spec.ID == id && p.fields[i].spec.Enterprise == ent {
			return i
		}
	}
	return -1
}

// recordLen returns the length of the record at the start of b.
func (p *Plan) recordLen(b []byte) (int, bool) {
	if p.fixedLen >= 0 {
		return p.fixedLen, p.fixedLen <= len(b)
	}
	off := p.varOff
	for i := p.firstVar; i < len(p.fields); i++ {
		l := int(p.fields[i].spec.Length)
		if l == VarLen {
			if off >= len(b) {
				return 0, false
			}
			l = int(b[off])
			off++
			if l == 255 {
				if off+2 > len(b) {
					return 0, false
				}
				l = int(b[off])<<8 | int(b[off+1])
				off += 2
			}
		}
		off += l
		if off > len(b) {
			return 0, false
		}
	}
	return off, true
}
