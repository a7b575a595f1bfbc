package netflow

import (
	"net/netip"
	"testing"
)

// TestNoAllocs lists every operation that must not allocate.
func TestNoAllocs(t *testing.T) {
	v5 := benchV5()
	tpl, data := benchV9(t)
	exp := netip.MustParseAddrPort("127.0.0.1:2055")
	s := NewSession(nil)
	var p5 V5Parser
	var p9 V9Parser
	p9.Start(s, exp, tpl)
	for p9.Next() {
	}
	var recs []V5Record
	p5.Start(v5)
	for p5.Next() {
		recs = append(recs, p5.Record())
	}
	buf := make([]byte, 0, 4096)
	rec := data[V9HeaderLen+4 : V9HeaderLen+4+52]
	var st SessionStats
	tests := []struct {
		name string
		fn   func()
	}{
		{"V5Parser decode 30 records", func() { decodeV5(t, &p5, v5) }},
		{"V9Parser data with cached template, field walk", func() { decodeV9(t, &p9, s, exp, data) }},
		{"V9Parser data, typed accessors", func() {
			p9.Start(s, exp, data)
			for p9.Next() {
				r := p9.Record()
				o, _ := r.Uint(FieldOctetDeltaCount)
				a, _ := r.Addr(FieldSourceIPv4Address)
				f, _ := r.Get(FieldFlowStartSysUpTime)
				tm, _ := f.Time(p9.Header())
				sink += o + uint64(a.As4()[0]) + uint64(tm.Unix())
			}
		}},
		{"V9Parser template refresh (same fields)", func() {
			p9.Start(s, exp, tpl)
			for p9.Next() {
			}
		}},
		{"V5Header.AppendTo", func() { buf = v5WantHeader.AppendTo(buf[:0]) }},
		{"V5Record.AppendTo", func() { buf = v5Want.AppendTo(buf[:0]) }},
		{"AppendV5 30 records", func() { buf, _ = AppendV5(buf[:0], V5Header{}, recs) }},
		{"V5Builder 30 records", func() {
			b := NewV5Builder(buf[:0], V5Header{})
			for _, r := range recs {
				b.Add(r)
			}
			buf = b.Finish()
		}},
		{"V9Builder template + 20 records", func() {
			b := NewV9Builder(buf[:0], V9Header{}, 1500)
			b.AddTemplate(256, benchV9Fields)
			b.AddOptionsTemplate(257, testOptions)
			for i := 0; i < 20; i++ {
				b.AddRecord(256, rec)
			}
			buf = b.Finish()
		}},
		{"V9Header.AppendTo", func() { buf = V9Header{SourceID: 1}.AppendTo(buf[:0]) }},
		{"FieldType.Name", func() { sink += uint64(len(FieldType(8).Name()) + len(FieldType(225).String())) }},
		{"Session.Stats", func() { st = s.Stats() }},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.fn); n != 0 {
			t.Errorf("%s: %v allocs, want 0", tt.name, n)
		}
	}
	_ = st
}
