package netflow

import (
	"net/netip"
	"time"
)

// Default limits of a [Session], used where a [Config] field is 0.
const (
	DefaultMaxExporters      = 256
	DefaultMaxTemplates      = 1024
	DefaultMaxTotalTemplates = 8192
	DefaultMaxFields         = 512
)

// Config holds the limits of a [Session]. Its zero value is safe: every
// field left 0 takes its default, which bounds the memory hostile
// exporters can make the session hold to about DefaultMaxTotalTemplates ×
// (DefaultMaxFields × 8 + 400) bytes (about 35 MiB).
type Config struct {
	// MaxExporters bounds the number of exporters (source address and
	// port) holding templates. When a new exporter would exceed it, the
	// exporter least recently used is forgotten with all its templates.
	// 0 means DefaultMaxExporters.
	MaxExporters int
	// MaxTemplates bounds the templates one exporter may hold, over all
	// its source IDs. When a new template would exceed it, the exporter's
	// template least recently defined or refreshed is evicted.
	// 0 means DefaultMaxTemplates.
	MaxTemplates int
	// MaxTotalTemplates bounds the templates of all exporters together;
	// over it, the oldest template of the least recently used exporter is
	// evicted. 0 means DefaultMaxTotalTemplates.
	MaxTotalTemplates int
	// MaxFields bounds the fields of one template. A template with more
	// is rejected with an error wrapping [ErrLimit]. 0 means
	// DefaultMaxFields.
	MaxFields int
	// IgnoreCount turns off the check of the v9 header's record count
	// (see [V9Parser]), for exporters that fill it with something other
	// than the number of records or FlowSets. Truncated packets are then
	// only detected inside FlowSets.
	IgnoreCount bool
	// TemplateTimeout is how long a template stays valid after it was
	// last defined or refreshed; [Session.Expire] removes older ones.
	// 0 means templates never expire.
	TemplateTimeout time.Duration
}

// SessionStats counts what a [Session] did. All counters only grow.
type SessionStats struct {
	Exporters        int    // exporters currently holding templates
	Templates        int    // templates currently held
	TemplatesAdded   uint64 // templates defined for the first time
	TemplatesUpdated uint64 // redefinitions with different fields (the new one replaces the old)
	TemplatesRefresh uint64 // redefinitions with the same fields
	TemplatesEvicted uint64 // templates dropped to stay within the limits
	TemplatesExpired uint64 // templates dropped by Expire
	Rejected         uint64 // templates refused (too many fields, 0-byte records)
	ExportersEvicted uint64 // exporters dropped to stay within MaxExporters
	UnknownTemplate  uint64 // data FlowSets whose template was unknown
}

type tkey struct {
	sourceID uint32
	id       uint16
}

type exporterState struct {
	addr       netip.AddrPort
	templates  map[tkey]*Template
	head, tail *Template // by definition time: head is the oldest
	prev, next *exporterState
	last       *Template // one-entry lookup cache
}

// Session holds the NetFlow v9 templates of any number of exporters,
// keyed by (exporter address and port, source ID, template ID). Give it
// to [V9Parser.Start] for every datagram; templates a datagram defines
// become usable by the data FlowSets that follow, in the same datagram or
// later ones.
//
// The zero value is ready to use with the default limits; NewSession sets
// other limits. A Session is not safe for concurrent use; it starts no
// goroutines and holds no global state. Key by address only by passing
// port 0 to [V9Parser.Start] if exporters change source ports (RFC 3954
// identifies an exporter by address and source ID).
type Session struct {
	cfg        Config
	exporters  map[netip.AddrPort]*exporterState
	head, tail *exporterState // by last use: head is the least recent
	last       *exporterState
	total      int
	stats      SessionStats
}

// NewSession returns a session with the limits of cfg; nil means the
// defaults.
func NewSession(cfg *Config) *Session {
	s := new(Session)
	if cfg != nil {
		s.cfg = *cfg
	}
	return s
}

func (s *Session) maxExporters() int {
	if s.cfg.MaxExporters > 0 {
		return s.cfg.MaxExporters
	}
	return DefaultMaxExporters
}

func (s *Session) maxTemplates() int {
	if s.cfg.MaxTemplates > 0 {
		return s.cfg.MaxTemplates
	}
	return DefaultMaxTemplates
}

func (s *Session) maxTotal() int {
	if s.cfg.MaxTotalTemplates > 0 {
		return s.cfg.MaxTotalTemplates
	}
	return DefaultMaxTotalTemplates
}

func (s *Session) maxFields() int {
	if s.cfg.MaxFields > 0 {
		return s.cfg.MaxFields
	}
	return DefaultMaxFields
}

// Stats returns a snapshot of the counters.
func (s *Session) Stats() SessionStats {
	st := s.stats
	st.Exporters = len(s.exporters)
	st.Templates = s.total
	return st
}

// Template returns the template an exporter defined for a source ID and
// template ID, or nil.
func (s *Session) Template(exporter netip.AddrPort, sourceID uint32, id uint16) *Template {
	e := s.exporter(exporter)
	if e == nil {
		return nil
	}
	return e.lookup(tkey{sourceID, id})
}

// exporter finds an exporter's state without creating it.
func (s *Session) exporter(addr netip.AddrPort) *exporterState {
	if e := s.last; e != nil && e.addr == addr {
		return e
	}
	e := s.exporters[addr]
	if e != nil {
		s.last = e
		s.touch(e)
	}
	return e
}

func (e *exporterState) lookup(k tkey) *Template {
	if t := e.last; t != nil && t.key == k {
		return t
	}
	t := e.templates[k]
	if t != nil {
		e.last = t
	}
	return t
}

// touch moves e to the most recently used end.
func (s *Session) touch(e *exporterState) {
	if s.tail == e {
		return
	}
	s.unlinkExporter(e)
	e.prev = s.tail
	if s.tail != nil {
		s.tail.next = e
	} else {
		s.head = e
	}
	s.tail = e
}

func (s *Session) unlinkExporter(e *exporterState) {
	if e.prev != nil {
		e.prev.next = e.next
	} else if s.head == e {
		s.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else if s.tail == e {
		s.tail = e.prev
	}
	e.prev, e.next = nil, nil
}

// Forget drops an exporter and all its templates.
func (s *Session) Forget(exporter netip.AddrPort) {
	if e := s.exporters[exporter]; e != nil {
		s.dropExporter(e)
	}
}

func (s *Session) dropExporter(e *exporterState) {
	s.unlinkExporter(e)
	delete(s.exporters, e.addr)
	s.total -= len(e.templates)
	if s.last == e {
		s.last = nil
	}
}

// install adds or replaces a template for an exporter and returns the
// template now in force. It may evict.
func (s *Session) install(addr netip.AddrPort, t *Template) *Template {
	e := s.exporter(addr)
	if e != nil {
		if old := e.templates[t.key]; old != nil {
			s.remove(e, old)
			s.stats.TemplatesUpdated++
		} else {
			s.stats.TemplatesAdded++
		}
	} else {
		s.stats.TemplatesAdded++
	}
	for s.total >= s.maxTotal() && s.head != nil {
		victim := s.head
		if victim.head != nil {
			s.remove(victim, victim.head)
			s.stats.TemplatesEvicted++
		}
		if len(victim.templates) == 0 && victim != e {
			s.dropExporter(victim)
		}
		if victim == e && e.head == nil {
			break
		}
	}
	if e == nil {
		if s.exporters == nil {
			s.exporters = make(map[netip.AddrPort]*exporterState)
		}
		for len(s.exporters) >= s.maxExporters() && s.head != nil {
			s.stats.ExportersEvicted++
			s.stats.TemplatesEvicted += uint64(len(s.head.templates))
			s.dropExporter(s.head)
		}
		e = &exporterState{addr: addr, templates: make(map[tkey]*Template)}
		s.exporters[addr] = e
		s.touch(e)
		s.last = e
	}
	for len(e.templates) >= s.maxTemplates() && e.head != nil {
		s.remove(e, e.head)
		s.stats.TemplatesEvicted++
	}
	t.exp = e
	t.definedAt = time.Now().UnixNano()
	e.templates[t.key] = t
	e.push(t)
	e.last = t
	s.total++
	return t
}

// refresh marks an unchanged template as just defined.
func (s *Session) refresh(t *Template) {
	s.stats.TemplatesRefresh++
	t.definedAt = time.Now().UnixNano()
	e := t.exp
	if e.tail != t {
		e.unlink(t)
		e.push(t)
	}
}

// remove takes t out of e; it leaves e in place even when empty.
func (s *Session) remove(e *exporterState, t *Template) {
	e.unlink(t)
	delete(e.templates, t.key)
	if e.last == t {
		e.last = nil
	}
	s.total--
}

func (e *exporterState) push(t *Template) {
	t.prev, t.next = e.tail, nil
	if e.tail != nil {
		e.tail.next = t
	} else {
		e.head = t
	}
	e.tail = t
}

func (e *exporterState) unlink(t *Template) {
	if t.prev != nil {
		t.prev.next = t.next
	} else if e.head == t {
		e.head = t.next
	}
	if t.next != nil {
		t.next.prev = t.prev
	} else if e.tail == t {
		e.tail = t.prev
	}
	t.prev, t.next = nil, nil
}

// Expire removes the templates last defined or refreshed more than
// Config.TemplateTimeout before now and returns how many it removed. It
// does nothing when TemplateTimeout is 0. Call it periodically, for
// example once a second.
func (s *Session) Expire(now time.Time) int {
	if s.cfg.TemplateTimeout <= 0 {
		return 0
	}
	limit := now.Add(-s.cfg.TemplateTimeout).UnixNano()
	n := 0
	for e := s.head; e != nil; {
		next := e.next
		for t := e.head; t != nil; {
			tn := t.next
			if t.definedAt < limit {
				s.remove(e, t)
				s.stats.TemplatesExpired++
				n++
			}
			t = tn
		}
		if len(e.templates) == 0 {
			s.dropExporter(e)
		}
		e = next
	}
	return n
}
