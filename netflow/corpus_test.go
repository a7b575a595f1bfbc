package netflow

import (
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

func TestCorpusExplore(t *testing.T) {
	for _, c := range corpus.Cases() {
		if !isNetFlowCase(c) {
			continue
		}
		var s Session
		for _, f := range c.Files {
			for i, pkt := range corpus.Packets(f) {
				if strings.HasPrefix(f, "netflow5") {
					var p V5Parser
					h, err := p.Start(pkt)
					n := 0
					for p.Next() {
						n++
					}
					t.Logf("%s %s[%d]: v5 count %d, %d records, err %v", c.Name, f, i, h.Count, n, err)
					continue
				}
				var p V9Parser
				h, err := p.Start(&s, corpusExporter(f), pkt)
				kinds := map[V9Kind]int{}
				for p.Next() {
					kinds[p.Kind()]++
				}
				if err == nil {
					err = p.Err()
				}
				t.Logf("%s %s[%d]: v9 count %d, %v, err %v", c.Name, f, i, h.Count, kinds, err)
			}
		}
	}
}
