package netflow

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/ovsflow/ovsflow/internal/corpus"
)

// corpusExporter gives each file of a case its exporter address. All the
// files of a case come from one exporter except in the "multiple netflow
// exporters" case, where the softflowd file is a second exporter.
func corpusExporter(file string) netip.AddrPort {
	if strings.Contains(file, "softflowd") {
		return netip.MustParseAddrPort("127.0.0.2:2055")
	}
	return netip.MustParseAddrPort("127.0.0.1:2055")
}

func isNetFlowCase(c corpus.Case) bool {
	for _, f := range c.Files {
		if !strings.HasPrefix(f, "netflow") {
			return false
		}
	}
	return true
}

// decodeFile decodes one corpus packet and returns its records (data
// records for v9) and the error.
func decodePacket(s *Session, file string, pkt []byte) (records, unknown int, err error) {
	if strings.HasPrefix(file, "netflow5") {
		var p V5Parser
		if _, err := p.Start(pkt); err != nil {
			return 0, 0, err
		}
		for p.Next() {
			records++
		}
		return records, 0, p.Err()
	}
	var p V9Parser
	if _, err := p.Start(s, corpusExporter(file), pkt); err != nil {
		return 0, 0, err
	}
	for p.Next() {
		switch p.Kind() {
		case V9Data:
			records++
		case V9UnknownTemplate:
			unknown++
		}
	}
	return records, unknown, p.Err()
}

// corpusUnknown lists corpus files with data FlowSets whose templates are
// not in the corpus (the exporter sent them earlier).
var corpusUnknown = map[string]bool{
	"netflow9_test_iptnetflow_reduced_size_encoding_tpldata260.dat": true,
}

// TestCorpus decodes every NetFlow case of the corpus manifest in its
// session order: valid files decode without error and without unknown
// templates, invalid ones fail with a *ParseError.
func TestCorpus(t *testing.T) {
	cases := 0
	for _, c := range corpus.Cases() {
		if !isNetFlowCase(c) {
			continue
		}
		cases++
		t.Run(c.Name, func(t *testing.T) {
			s := NewSession(nil)
			total := 0
			for _, f := range c.Files {
				for i, pkt := range corpus.Packets(f) {
					n, unknown, err := decodePacket(s, f, pkt)
					total += n
					if strings.Contains(f, "invalid") {
						var pe *ParseError
						if !errors.As(err, &pe) {
							t.Errorf("%s[%d]: error %v, want a *ParseError", f, i, err)
						}
						t.Logf("%s: %v", f, err)
						continue
					}
					if err != nil {
						t.Errorf("%s[%d]: %v", f, i, err)
					}
					if unknown > 0 && !corpusUnknown[f] {
						t.Errorf("%s[%d]: %d data FlowSets with unknown templates", f, i, unknown)
					}
				}
			}
			t.Logf("%d records", total)
		})
	}
	if cases < 39 {
		t.Errorf("only %d NetFlow cases in the corpus", cases)
	}
}

// TestTruncationSweep cuts every fixture at every length and requires an
// error wrapping ErrTruncated, with the templates of the case's earlier
// files loaded. Two kinds of cut leave a packet that is valid by every
// rule the bytes carry, and may decode without error: cuts that only
// remove zero padding after the last FlowSet, and cuts exactly at a
// FlowSet boundary when the header count happens to match what remains
// (exporters count records or FlowSets, see V9Parser) or a FlowSet with an
// unknown template makes the record count unknowable.
func TestTruncationSweep(t *testing.T) {
	boundary := 0
	for _, c := range corpus.Cases() {
		if !isNetFlowCase(c) {
			continue
		}
		s := NewSession(nil)
		for _, f := range c.Files {
			for _, pkt := range corpus.Packets(f) {
				if !strings.Contains(f, "invalid") {
					end := len(pkt)
					for end > 0 && pkt[end-1] == 0 {
						end--
					}
					end = flowSetsEnd(pkt, end)
					bounds := flowSetBounds(pkt)
					for i := 0; i < end; i++ {
						cut := pkt[:i:i]
						_, _, err := decodePacket(s, f, cut)
						if err == nil && bounds[i] {
							boundary++
							continue
						}
						if !errors.Is(err, ErrTruncated) {
							t.Errorf("%s cut to %d of %d bytes: error %v, want ErrTruncated", f, i, len(pkt), err)
							break
						}
					}
				}
				decodePacket(s, f, pkt)
			}
		}
	}
	t.Logf("%d cuts at FlowSet boundaries decoded as valid shorter packets", boundary)
}

// flowSetBounds returns the offsets where v9 FlowSets end, followed by
// nothing but zeros.
func flowSetBounds(pkt []byte) map[int]bool {
	m := map[int]bool{}
	if len(pkt) < V9HeaderLen || pkt[1] != 9 {
		return m
	}
	off := V9HeaderLen
	for off+4 <= len(pkt) {
		l := int(pkt[off+2])<<8 | int(pkt[off+3])
		if l < 4 || off+l > len(pkt) {
			break
		}
		off += l
		m[off] = true
		// Zero bytes after a FlowSet read as trailing padding.
		for j := off; j < len(pkt) && pkt[j] == 0; j++ {
			m[j+1] = true
		}
	}
	return m
}

// flowSetsEnd returns where the last v9 FlowSet ends (so that cutting the
// zero padding after it is not counted as truncation), or n for v5.
func flowSetsEnd(pkt []byte, n int) int {
	if len(pkt) < V9HeaderLen || pkt[1] != 9 {
		return len(pkt)
	}
	off := V9HeaderLen
	for off+4 <= len(pkt) {
		l := int(pkt[off+2])<<8 | int(pkt[off+3])
		if l < 4 || off+l > len(pkt) {
			break
		}
		off += l
	}
	if off < n {
		return n
	}
	return off
}
