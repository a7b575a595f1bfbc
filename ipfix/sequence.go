package ipfix

import (
	"encoding/binary"
	"iter"
)

// NextMessage splits the first message off buf, a run of messages back to
// back as a [Builder] writes them, using the length in its header. It
// returns ok false when buf holds no complete message.
func NextMessage(buf []byte) (msg, rest []byte, ok bool) {
	if len(buf) < HeaderLen {
		return nil, buf, false
	}
	n := int(binary.BigEndian.Uint16(buf[2:]))
	if n < HeaderLen || n > len(buf) {
		return nil, buf, false
	}
	return buf[:n:n], buf[n:], true
}

// Messages yields each complete message of buf (see [NextMessage]).
func Messages(buf []byte) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		for {
			msg, rest, ok := NextMessage(buf)
			if !ok || !yield(msg) {
				return
			}
			buf = rest
		}
	}
}

// DomainSequencer implements RFC 7011 §3.1 sequence numbering: one counter
// per observation domain, counting the data records sent (template records
// do not count). Its zero value is ready; it holds at most as many domains
// as the caller uses. Exporters that number differently (Open vSwitch keeps
// one counter per exporter) keep their own counter and ignore this type.
type DomainSequencer struct {
	domains []uint32
	seqs    []uint32
}

func (s *DomainSequencer) index(domain uint32) int {
	for i, d := range s.domains {
		if d == domain {
			return i
		}
	}
	s.domains = append(s.domains, domain)
	s.seqs = append(s.seqs, 0)
	return len(s.domains) - 1
}

// Sequence returns the sequence number of the next message of domain.
func (s *DomainSequencer) Sequence(domain uint32) uint32 { return s.seqs[s.index(domain)] }

// Advance adds the data records sent in a message of domain (for example
// [Builder.DataRecords]).
func (s *DomainSequencer) Advance(domain uint32, records uint32) { s.seqs[s.index(domain)] += records }
