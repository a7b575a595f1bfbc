// Package corpus embeds the shared test corpus: raw UDP payloads of NetFlow
// v5/v9 and IPFIX captured from real exporters (Cisco, Juniper, Palo Alto,
// Fortigate, nProbe, VMware VDS, YAF, …), with the manifest that says which
// files one decoder session reads, in order.
//
// The captures come from the test data of the Apache-2.0 project
// logstash-plugins/logstash-codec-netflow; data/LICENSE and data/NOTICE.TXT
// carry its license and notice, data/README.md the attribution.
//
//	for _, c := range corpus.Cases() {
//		var s netflow.Session
//		for _, f := range c.Files {
//			for _, pkt := range corpus.Packets(f) { … }
//		}
//	}
package corpus

import (
	"embed"
	"encoding/binary"
	"sort"
	"strings"
)

//go:embed data
var files embed.FS

// Case is one line of MANIFEST.tsv: files that one decoder session reads,
// in order. Names are not unique (a case can appear twice with its files in
// another order); Line is the manifest line number.
type Case struct {
	Name  string
	Files []string
	Line  int
}

// Cases returns the manifest's cases in order.
func Cases() []Case {
	var out []Case
	for i, line := range strings.Split(string(File("MANIFEST.tsv")), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, list, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		out = append(out, Case{Name: name, Files: strings.Fields(list), Line: i + 1})
	}
	return out
}

// Names returns the names of every capture file (*.dat), sorted.
func Names() []string {
	ents, err := files.ReadDir("data")
	if err != nil {
		panic("corpus: " + err.Error())
	}
	var out []string
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".dat") {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// File returns the bytes of a corpus file. It panics if the file does not
// exist: the corpus is fixed at build time, so a missing name is a bug in
// the test.
func File(name string) []byte {
	b, err := files.ReadFile("data/" + name)
	if err != nil {
		panic("corpus: " + err.Error())
	}
	return b
}

// Packets returns the export packets of a capture file. Files holding
// several NetFlow v5 or IPFIX packets back to back are split using the
// packets' own lengths; NetFlow v9 (which has no length in its header) and
// anything that does not split cleanly are returned whole, as one packet.
func Packets(name string) [][]byte {
	return Split(File(name))
}

// Split splits back-to-back NetFlow v5 or IPFIX packets; see [Packets].
func Split(b []byte) [][]byte {
	var out [][]byte
	rest := b
	for len(rest) >= 4 {
		var n int
		switch binary.BigEndian.Uint16(rest) {
		case 5:
			n = 24 + 48*int(binary.BigEndian.Uint16(rest[2:]))
		case 10:
			n = int(binary.BigEndian.Uint16(rest[2:]))
		default:
			return [][]byte{b}
		}
		if n < 4 || n > len(rest) {
			return [][]byte{b}
		}
		out = append(out, rest[:n:n])
		rest = rest[n:]
	}
	if len(rest) != 0 || len(out) == 0 {
		return [][]byte{b}
	}
	return out
}
