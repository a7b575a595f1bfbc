package netflow

import (
	"bytes"
	"errors"
	"net/netip"
	"strings"
	"testing"

	"github.com/ovsflow/ovsflow/internal/corpus"
)

func addCorpusSeeds(f *testing.F, prefix string) {
	for _, name := range corpus.Names() {
		if strings.HasPrefix(name, prefix) {
			for _, p := range corpus.Packets(name) {
				f.Add(p)
			}
		}
	}
}

// FuzzV5 checks that decoding never panics, that an error leaves no
// record, and that a decoded datagram re-encodes to the same header and
// records.
func FuzzV5(f *testing.F) {
	addCorpusSeeds(f, "netflow5")
	f.Add(v5Datagram)
	f.Fuzz(func(t *testing.T, b []byte) {
		var p V5Parser
		h, err := p.Start(b)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || p.Next() {
				t.Fatalf("error %v is not a *ParseError, or Next succeeded after it", err)
			}
			return
		}
		var recs []V5Record
		for p.Next() {
			recs = append(recs, p.Record())
		}
		if len(recs) != int(h.Count) {
			t.Fatalf("%d records, header count %d", len(recs), h.Count)
		}
		out, err := AppendV5(nil, h, recs)
		if err != nil {
			t.Fatal(err)
		}
		var q V5Parser
		h2, err := q.Start(out)
		if err != nil || h2 != h {
			t.Fatalf("re-decode: %+v, %v, want %+v", h2, err, h)
		}
		for i := 0; q.Next(); i++ {
			if q.Record() != recs[i] {
				t.Fatalf("record %d: %+v, want %+v", i, q.Record(), recs[i])
			}
		}
	})
}

// FuzzV9 decodes a packet twice in one session (so templates it defines
// apply to its own data the second time), checks that errors are
// *ParseErrors, that every record lies within the packet and walks its
// fields to the end, and that re-encoding what was decoded with
// V9Builder decodes to the same items.
func FuzzV9(f *testing.F) {
	addCorpusSeeds(f, "netflow9")
	f.Add(buildTestPacket(f, 1))
	exp := netip.MustParseAddrPort("127.0.0.1:2055")
	f.Fuzz(func(t *testing.T, b []byte) {
		s := NewSession(&Config{MaxTemplates: 16, MaxFields: 64})
		var p V9Parser
		for pass := 0; pass < 2; pass++ {
			h, err := p.Start(s, exp, b)
			if err != nil {
				return
			}
			var items []item
			out := NewV9Builder(nil, h, 0)
			reencodable := true
			for p.Next() {
				switch p.Kind() {
				case V9Template, V9OptionsTemplate:
					tp := p.Template()
					items = append(items, item{p.Kind(), tp.ID(), ""})
					var err error
					if p.Kind() == V9Template {
						err = out.AddTemplate(tp.ID(), tp.AppendFields(nil))
					} else {
						err = out.AddOptionsTemplate(tp.ID(), tp.AppendFields(nil))
					}
					if err != nil {
						reencodable = false
					}
				case V9Data:
					r := p.Record()
					if r.Offset() < 0 || r.Offset()+len(r.Bytes()) > len(b) || len(r.Bytes()) == 0 {
						t.Fatalf("record at %d+%d outside the packet of %d", r.Offset(), len(r.Bytes()), len(b))
					}
					n, total := 0, 0
					it := r.Fields()
					for it.Next() {
						n++
						total += len(it.Field().Value)
					}
					if n != r.Template().NumFields() || total > len(r.Bytes()) {
						t.Fatalf("field walk: %d of %d fields, %d of %d bytes", n, r.Template().NumFields(), total, len(r.Bytes()))
					}
					items = append(items, item{V9Data, r.Template().ID(), string(r.Bytes())})
					if out.AddRecord(r.Template().ID(), r.Bytes()) != nil {
						reencodable = false
					}
				case V9UnknownTemplate:
					fs := p.FlowSet()
					if !bytes.Equal(fs.Bytes, b[fs.Offset:fs.Offset+len(fs.Bytes)]) {
						t.Fatalf("FlowSet bytes do not alias the packet")
					}
					reencodable = false
				}
			}
			if err := p.Err(); err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("error %v is not a *ParseError", err)
				}
				continue
			}
			if !reencodable || pass == 0 {
				continue
			}
			// Round trip: the re-encoded packet gives the same items.
			// Decode it twice too, as templates may follow their data.
			re, s2 := out.Finish(), NewSession(nil)
			walkV9(t, s2, re)
			got, err := walkV9(t, s2, re)
			if err != nil {
				t.Fatalf("re-encoded packet: %v", err)
			}
			// walkV9 uses its own exporter; compare kinds, IDs, bytes.
			if len(got) != len(items) {
				t.Fatalf("re-encoded packet has %d items, want %d", len(got), len(items))
			}
			for i := range got {
				if got[i] != items[i] {
					t.Fatalf("item %d: %v, want %v", i, got[i], items[i])
				}
			}
		}
	})
}
