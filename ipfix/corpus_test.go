package ipfix_test

import (
	"encoding/binary"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/corpus"
	"github.com/ovsflow/ovsflow/internal/tshark"
	"github.com/ovsflow/ovsflow/ipfix"
)

// corpusRecord is one data record decoded from the corpus, located by
// packet, set (counting every set of the message) and record index.
type corpusRecord struct {
	pkt, set, rec int
	fields        []ipfix.Field
}

// pendingSet is a data set kept because its template was unknown.
type pendingSet struct {
	pkt, set int
	domain   uint32
	bytes    []byte
}

// decodeCase decodes the packets of one corpus case in session order,
// keeping data sets of unknown templates and retrying them after each
// packet (the NetScaler case sends data before its template).
func decodeCase(t *testing.T, pkts [][]byte) (recs []corpusRecord, unknown int) {
	t.Helper()
	s := ipfix.NewSession(nil)
	from := netip.MustParseAddrPort("192.0.2.1:4739")
	var d ipfix.Decoder
	var pending []pendingSet
	collect := func(pkt, set int) {
		n := 0
		for d.NextRecord() {
			r := d.Record()
			var fs []ipfix.Field
			for f := range r.All() {
				fs = append(fs, f)
			}
			recs = append(recs, corpusRecord{pkt, set, n, fs})
			n++
		}
	}
	for i, p := range pkts {
		hdr, err := d.Reset(s, from, p, time.Unix(1700000000, 0))
		if err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
		set := 0
		for d.NextSet() {
			if d.Unknown() {
				pending = append(pending, pendingSet{i, set, hdr.ObservationDomainID, append([]byte(nil), d.SetBytes()...)})
			} else {
				collect(i, set)
			}
			set++
		}
		if err := d.Err(); err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
		kept := pending[:0]
		for _, ps := range pending {
			if err := d.ResetSet(s, from, ps.domain, ps.bytes, time.Unix(1700000000, 0)); err != nil {
				t.Fatal(err)
			}
			d.NextSet()
			if d.Unknown() {
				kept = append(kept, ps)
				continue
			}
			collect(ps.pkt, ps.set)
			if err := d.Err(); err != nil {
				t.Fatalf("retried set of packet %d: %v", ps.pkt, err)
			}
		}
		pending = kept
	}
	return recs, len(pending)
}

func ipfixCases() []corpus.Case {
	var out []corpus.Case
	for _, c := range corpus.Cases() {
		if strings.HasPrefix(c.Files[0], "ipfix") {
			out = append(out, c)
		}
	}
	return out
}

func casePackets(c corpus.Case) [][]byte {
	var pkts [][]byte
	for _, f := range c.Files {
		pkts = append(pkts, corpus.Packets(f)...)
	}
	return pkts
}

// TestCorpusDecodes decodes every IPFIX case of the manifest without error.
func TestCorpusDecodes(t *testing.T) {
	cases := ipfixCases()
	if len(cases) < 15 {
		t.Fatalf("only %d IPFIX cases in the manifest", len(cases))
	}
	for _, c := range cases {
		t.Run(strconv.Itoa(c.Line), func(t *testing.T) {
			recs, unknown := decodeCase(t, casePackets(c))
			// The NetScaler capture holds a data set for template 280,
			// which its template file does not define (tshark agrees:
			// "no template found"); without the template file all four
			// data sets stay unknown.
			wantUnknown := 0
			switch {
			case strings.Contains(c.Name, "missing templates"):
				wantUnknown = 4
			case strings.Contains(c.Name, "Netscaler"):
				wantUnknown = 1
			}
			if unknown != wantUnknown || (len(recs) == 0) != (wantUnknown == 4) {
				t.Errorf("%s: %d records, %d sets left unknown, want %d", c.Name, len(recs), unknown, wantUnknown)
			}
			t.Logf("%s: %d records", c.Name, len(recs))
		})
	}
}

// TestCorpusMatchesTshark compares every record field by field with
// tshark's decoding of the same packets. tshark reads the case's packets
// twice, so that in the second pass every template is known (as for our
// retried sets); the second pass is the reference.
func TestCorpusMatchesTshark(t *testing.T) {
	tshark.Require(t)
	for _, c := range ipfixCases() {
		if strings.Contains(c.Name, "missing templates") {
			continue
		}
		t.Run(strconv.Itoa(c.Line), func(t *testing.T) {
			pkts := casePackets(c)
			recs, unknown := decodeCase(t, pkts)
			ref := tshark.Decode(t, append(append([][]byte(nil), pkts...), pkts...), "cflow")
			if len(ref) != 2*len(pkts) {
				t.Fatalf("tshark returned %d packets for %d", len(ref), 2*len(pkts))
			}
			ref = ref[len(pkts):]
			noTemplate := 0
			for i, p := range ref {
				for _, e := range p.Errors() {
					switch {
					case strings.Contains(e.Message, "no template found"):
						noTemplate++
					case e.Message == "malformed packet" && noTemplate > 0:
						// The summary item that goes with it.
					default:
						t.Errorf("tshark: packet %d: %s/%s: %s", i, e.Severity, e.Group, e.Message)
					}
				}
			}
			if noTemplate != unknown {
				t.Errorf("tshark found no template for %d data sets, we for %d", noTemplate, unknown)
			}
			flows := 0
			for _, p := range ref {
				for _, set := range setsOf(p) {
					flows += len(flowsOf(set))
				}
			}
			if flows != len(recs) {
				t.Errorf("%s: tshark has %d records, we have %d", c.Name, flows, len(recs))
			}
			matched, empty := 0, 0
			for _, r := range recs {
				sets := setsOf(ref[r.pkt])
				if r.set >= len(sets) {
					t.Fatalf("packet %d: tshark has %d sets, want set %d", r.pkt, len(sets), r.set)
				}
				fl := flowsOf(sets[r.set])
				if r.rec >= len(fl) {
					t.Fatalf("packet %d set %d: tshark has %d records, want record %d", r.pkt, r.set, len(fl), r.rec)
				}
				leaves := leavesOf(fl[r.rec], nil)
				used := make([]bool, len(leaves))
				next := 0
				for _, f := range r.fields {
					if len(f.Raw) == 0 {
						empty++ // tshark shows no value for an empty vendor field
						continue
					}
					cands := candidates(f)
					found := false
					// In document order from the last match, then anywhere
					// (tshark regroups start and end times).
					for k := range leaves {
						i := (next + k) % len(leaves)
						if !used[i] && matches(leaves[i], cands) {
							used[i], found = true, true
							next = i + 1
							break
						}
					}
					if !found {
						t.Errorf("%s: packet %d set %d record %d: field %d/%d %s (%v, % x): no tshark value among %q",
							c.Name, r.pkt, r.set, r.rec, f.Spec.Enterprise, f.Spec.ID, f.Name(), f.Type, f.Raw, cands)
						continue
					}
					matched++
				}
			}
			t.Logf("%s: %d records, %d fields matched, %d empty", c.Name, len(recs), matched, empty)
		})
	}
}

func setsOf(p tshark.Packet) []*tshark.Node {
	cf := p.Root.Find("cflow")
	if cf == nil {
		return nil
	}
	var out []*tshark.Node
	for _, k := range cf.Kids {
		if strings.HasPrefix(k.Name, "Set ") {
			out = append(out, k)
		}
	}
	return out
}

func flowsOf(set *tshark.Node) []*tshark.Node {
	var out []*tshark.Node
	for _, k := range set.Kids {
		if strings.HasPrefix(k.Name, "Flow ") {
			out = append(out, k)
		}
	}
	return out
}

func leavesOf(n *tshark.Node, out []string) []string {
	for _, k := range n.Kids {
		if len(k.Kids) == 0 {
			out = append(out, k.Value)
		} else {
			if k.Value != "" {
				out = append(out, k.Value)
			}
			out = leavesOf(k, out)
		}
	}
	return out
}

func matches(leaf string, cands []string) bool {
	for _, c := range cands {
		if leaf == c || strings.HasSuffix(leaf, "("+c+")") {
			return true
		}
	}
	return false
}

// candidates lists the renderings tshark may use for f.
func candidates(f ipfix.Field) []string {
	c := []string{string(f.AppendText(nil))}
	raw := f.Raw
	if len(raw) <= 8 {
		c = append(c, strconv.FormatUint(f.Uint(), 10), strconv.FormatInt(f.Int(), 10))
		c = append(c, "0x"+hexOf(raw, ""))
		for _, w := range []int{1, 2, 4, 8} {
			if w > len(raw) {
				v := strconv.FormatUint(f.Uint(), 16)
				c = append(c, "0x"+strings.Repeat("0", max(0, 2*w-len(v)))+v)
			}
		}
	}
	c = append(c, hexOf(raw, ":"), hexOf(raw, ""), strings.TrimRight(string(raw), "\x00"))
	if len(raw) == 8 {
		// NTP timestamps as tshark renders them, fraction not rounded.
		sec := int64(binary.BigEndian.Uint32(raw)) - 2208988800
		frac := uint64(binary.BigEndian.Uint32(raw[4:]))
		for _, ns := range []uint64{frac * 1e9 >> 32, (frac*1e9 + 1<<31) >> 32} {
			c = append(c, tsharkTime(time.Unix(sec, int64(ns))))
		}
		c = append(c, tsharkTime(time.UnixMilli(int64(f.Uint()))))
	}
	if len(raw) == 4 || len(raw) == 16 {
		a, _ := netip.AddrFromSlice(raw)
		c = append(c, a.String())
	}
	if len(raw) == 4 {
		c = append(c, tsharkTime(time.Unix(int64(f.Uint()), 0)))
		c = append(c, strconv.FormatFloat(f.Float(), 'g', -1, 32), strconv.FormatFloat(f.Float(), 'g', 6, 32))
	}
	if len(raw) <= 8 {
		// Durations and uptimes in milliseconds, shown as seconds.
		v := f.Uint()
		ms := strconv.FormatUint(v%1000*1e6, 10)
		c = append(c, strconv.FormatUint(v/1000, 10)+"."+strings.Repeat("0", 9-len(ms))+ms)
	}
	if t := f.Time(); !t.IsZero() {
		c = append(c, tsharkTime(t))
	}
	if f.Type == ipfix.Boolean && len(raw) == 1 {
		c = append(c, strconv.Itoa(int(raw[0])))
	}
	return c
}

func tsharkTime(t time.Time) string { return t.UTC().Format("Jan _2, 2006 15:04:05.000000000 UTC") }

func hexOf(b []byte, sep string) string {
	var s strings.Builder
	for i, c := range b {
		if i > 0 {
			s.WriteString(sep)
		}
		s.WriteString(strconv.FormatUint(uint64(c)>>4, 16))
		s.WriteString(strconv.FormatUint(uint64(c)&15, 16))
	}
	return s.String()
}
