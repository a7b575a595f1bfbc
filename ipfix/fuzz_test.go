package ipfix_test

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"strings"
	"testing"

	"github.com/ovsflow/ovsflow/internal/corpus"
	"github.com/ovsflow/ovsflow/ipfix"
)

func fuzzSeeds(tb testing.TB) [][]byte {
	var seeds [][]byte
	for _, name := range corpus.Names() {
		if strings.HasPrefix(name, "ipfix") {
			seeds = append(seeds, corpus.Packets(name)...)
		}
	}
	full, data := benchMessages(tb)
	seeds = append(seeds, full, data)
	if t, ok := tb.(*testing.T); ok {
		seeds = append(seeds, listMessage(t))
	}
	b := ipfix.NewBuilder(nil, ipfix.Header{})
	b.AddTemplate(allTypes)
	writeAll(&b, sampleValues(0))
	b.WithdrawTemplate(300, false)
	b.WithdrawAll(true)
	out, _ := b.Finish()
	seeds = append(seeds, out)
	return seeds
}

// FuzzMessage decodes one message in a fresh session, walking every field
// and list. No input may panic; a message that decodes must decode the
// same way twice (the session state it built is consistent), and template
// sets must survive a re-encode through the Builder.
func FuzzMessage(f *testing.F) {
	for _, s := range fuzzSeeds(&testing.T{}) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		s := ipfix.NewSession(&ipfix.Config{MaxFields: 300})
		err1 := walkMessage(s, testFrom, msg)
		err2 := walkMessage(s, testFrom, msg)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("second decode differs: %v then %v", err1, err2)
		}
		if err1 != nil {
			return
		}
		// Re-encode every template the session learned; decoding the
		// result in a new session must give the same templates.
		var tpls []ipfix.Template
		for _, p := range s.Templates() {
			tpls = append(tpls, p.Template())
		}
		if len(tpls) == 0 {
			return
		}
		b := ipfix.NewBuilder(nil, ipfix.Header{})
		for _, tp := range tpls {
			if err := b.AddTemplate(tp); err != nil {
				t.Fatalf("re-encoding template %d: %v", tp.ID, err)
			}
		}
		out, err := b.Finish()
		if err != nil {
			t.Fatal(err)
		}
		s2 := ipfix.NewSession(nil)
		for m := range ipfix.Messages(out) {
			if err := walkMessage(s2, testFrom, m); err != nil {
				t.Fatalf("decoding re-encoded templates: %v", err)
			}
		}
		for _, tp := range tpls {
			p := s2.Template(testFrom, 0, tp.ID)
			if p == nil {
				continue // the domain differs; only domain 0 compared
			}
			got := p.Template()
			if got.ScopeCount != tp.ScopeCount || len(got.Fields) != len(tp.Fields) {
				t.Fatalf("template %d re-decoded as %+v, want %+v", tp.ID, got, tp)
			}
			for i := range got.Fields {
				if got.Fields[i] != tp.Fields[i] {
					t.Fatalf("template %d field %d: %+v, want %+v", tp.ID, i, got.Fields[i], tp.Fields[i])
				}
			}
		}
	})
}

// FuzzSession feeds a sequence of messages from up to four exporters into
// one small session: the input is a list of (exporter byte, 2-byte length,
// message). The session must stay within its bounds whatever arrives.
func FuzzSession(f *testing.F) {
	seeds := fuzzSeeds(&testing.T{})
	var all []byte
	for i, s := range seeds {
		one := frameFuzz(nil, byte(i), s)
		f.Add(one)
		all = frameFuzz(all, byte(i), s)
	}
	f.Add(all)
	cfg := &ipfix.Config{MaxExporters: 2, MaxDomains: 2, MaxTemplates: 8, MaxFields: 64, MaxBytes: 16 << 10}
	f.Fuzz(func(t *testing.T, in []byte) {
		s := ipfix.NewSession(cfg)
		c := s.Config()
		var pending [][]byte
		for len(in) >= 3 {
			exp := in[0] & 3
			n := int(binary.BigEndian.Uint16(in[1:]))
			in = in[3:]
			if n > len(in) {
				n = len(in)
			}
			msg := in[:n]
			in = in[n:]
			from := netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, 0, 1 + exp}), 4739)
			var d ipfix.Decoder
			if _, err := d.Reset(s, from, msg, testNow); err != nil {
				continue
			}
			for d.NextSet() {
				if d.Unknown() && len(pending) < 4 {
					pending = append(pending, bytes.Clone(d.SetBytes()))
				}
				for d.NextRecord() {
					walkRecord(d.Record(), nil)
				}
			}
			for _, set := range pending {
				if d.ResetSet(s, from, 0, set, testNow) == nil {
					for d.NextSet() {
						for d.NextRecord() {
							walkRecord(d.Record(), nil)
						}
					}
				}
			}
			st := s.Stats()
			if st.Exporters > c.MaxExporters || st.Templates > c.MaxTemplates || st.Bytes > c.MaxBytes || st.Bytes < 0 {
				t.Fatalf("bounds exceeded: %+v", st)
			}
			n = 0
			for range s.Templates() {
				n++
			}
			if n != st.Templates {
				t.Fatalf("Templates() yields %d, Stats says %d", n, st.Templates)
			}
		}
	})
}

func frameFuzz(dst []byte, exp byte, msg []byte) []byte {
	dst = append(dst, exp, byte(len(msg)>>8), byte(len(msg)))
	return append(dst, msg...)
}
