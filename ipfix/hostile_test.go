package ipfix_test

import (
	"encoding/binary"
	"errors"
	"go/parser"
	"go/token"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ovsflow/ovsflow/ipfix"
)

// walkMessage decodes a message completely: every set, record, field and
// nested list (the most work an input can cause).
func walkMessage(s *ipfix.Session, from netip.AddrPort, msg []byte) error {
	var d ipfix.Decoder
	if _, err := d.Reset(s, from, msg, testNow); err != nil {
		return err
	}
	var buf [512]byte
	for d.NextSet() {
		for d.NextTemplate() {
			tr := d.TemplateRecord()
			for i := range min(tr.NumFields(), 4) {
				_ = tr.Spec(i)
			}
		}
		for d.NextRecord() {
			if err := walkRecord(d.Record(), buf[:0]); err != nil {
				return err
			}
		}
	}
	return d.Err()
}

func walkRecord(r *ipfix.Record, buf []byte) error {
	it := r.Fields()
	for it.Next() {
		f := it.Field()
		buf = f.AppendText(buf[:0])
		if !f.IsList() {
			continue
		}
		l, err := f.List()
		if err != nil {
			return err
		}
		for l.Next() {
			if l.Type == ipfix.BasicList {
				lf := l.Field()
				if lf.IsList() {
					if err := walkRecordField(lf, buf); err != nil {
						return err
					}
				}
				continue
			}
			if err := walkRecord(l.Record(), buf); err != nil {
				return err
			}
		}
		if err := l.Err(); err != nil {
			return err
		}
	}
	return nil
}

func walkRecordField(f ipfix.Field, buf []byte) error {
	l, err := f.List()
	if err != nil {
		return err
	}
	for l.Next() {
		if l.Type == ipfix.BasicList {
			if lf := l.Field(); lf.IsList() {
				if err := walkRecordField(lf, buf); err != nil {
					return err
				}
			}
			continue
		}
		if err := walkRecord(l.Record(), buf); err != nil {
			return err
		}
	}
	return l.Err()
}

// rawMessage assembles a message from sets given as (id, body).
func rawMessage(domain uint32, sets ...[]byte) []byte {
	m := make([]byte, 16)
	binary.BigEndian.PutUint16(m, 10)
	binary.BigEndian.PutUint32(m[12:], domain)
	for _, s := range sets {
		m = append(m, s...)
	}
	binary.BigEndian.PutUint16(m[2:], uint16(len(m)))
	return m
}

func rawSet(id uint16, body ...byte) []byte {
	s := []byte{byte(id >> 8), byte(id), 0, 0}
	s = append(s, body...)
	binary.BigEndian.PutUint16(s[2:], uint16(len(s)))
	return s
}

func TestHostile(t *testing.T) {
	tests := []struct {
		desc string
		msgs [][]byte
		err  error // of the last message
		stat func(ipfix.Stats) bool
	}{
		{
			desc: "template whose records are 0 bytes long",
			msgs: [][]byte{rawMessage(0,
				rawSet(2, 1, 0, 0, 2, 0, 8, 0, 0, 0, 12, 0, 0), // template 256: two fields of length 0
				rawSet(256, make([]byte, 64)...))},
			stat: func(s ipfix.Stats) bool {
				return s.TemplatesRejected == 1 && s.UnknownDataSets == 1 && s.Templates == 0
			},
		},
		{
			desc: "withdrawal, then data for the withdrawn template",
			msgs: [][]byte{
				rawMessage(0, rawSet(2, 1, 0, 0, 1, 0, 8, 0, 4)),
				rawMessage(0, rawSet(2, 1, 0, 0, 0), rawSet(256, 10, 0, 0, 1)),
			},
			stat: func(s ipfix.Stats) bool { return s.TemplatesWithdrawn == 1 && s.UnknownDataSets == 1 },
		},
		{
			desc: "variable-length field whose length runs past the set end",
			msgs: [][]byte{rawMessage(0,
				rawSet(2, 1, 0, 0, 1, 0, 82, 0xff, 0xff),
				rawSet(256, 200, 'a', 'b', 'c'))},
			err: ipfix.ErrTruncated,
		},
		{
			desc: "3-byte varlen length past the set end",
			msgs: [][]byte{rawMessage(0,
				rawSet(2, 1, 0, 0, 1, 0, 82, 0xff, 0xff),
				rawSet(256, 255, 0xff, 0xf0, 'a'))},
			err: ipfix.ErrTruncated,
		},
		{
			desc: "set length below 4",
			msgs: [][]byte{rawMessage(0, []byte{1, 0, 0, 2})},
			err:  ipfix.ErrMalformed,
		},
		{
			desc: "set length past the message",
			msgs: [][]byte{rawMessage(0, []byte{1, 0, 0, 200, 0, 0})},
			err:  ipfix.ErrTruncated,
		},
		{
			desc: "field count past the set",
			msgs: [][]byte{rawMessage(0, rawSet(2, 1, 0, 0xff, 0xff, 0, 8, 0, 4))},
			err:  ipfix.ErrTruncated,
		},
		{
			desc: "options template with scope count 0",
			msgs: [][]byte{rawMessage(0, rawSet(3, 1, 0, 0, 1, 0, 0, 0, 8, 0, 4))},
			err:  ipfix.ErrMalformed,
		},
		{
			desc: "template ID below 256",
			msgs: [][]byte{rawMessage(0, rawSet(2, 0, 200, 0, 1, 0, 8, 0, 4))},
			err:  ipfix.ErrMalformed,
		},
		{
			desc: "version 9",
			msgs: [][]byte{func() []byte { m := rawMessage(0); m[1] = 9; return m }()},
			err:  ipfix.ErrVersion,
		},
		{
			desc: "basicList nesting bomb",
			msgs: [][]byte{rawMessage(0,
				rawSet(2, 1, 0, 0, 1, 0x01, 0x23, 0xff, 0xff), // 256: basicList (291), varlen
				rawSet(256, nestingBomb(2000)...))},
			err: ipfix.ErrLimit,
		},
		{
			desc: "subTemplateList of an unknown template",
			msgs: [][]byte{rawMessage(0,
				rawSet(2, 1, 0, 0, 1, 0x01, 0x24, 0xff, 0xff), // 256: subTemplateList (292)
				rawSet(256, 4, 3, 0x30, 0x39, 0))},
			err: ipfix.ErrUnknownTemplate,
		},
	}
	for _, tt := range tests {
		t.Run(tt.desc, func(t *testing.T) {
			s := ipfix.NewSession(nil)
			var err error
			for _, m := range tt.msgs {
				err = walkMessage(s, testFrom, m)
			}
			if tt.err == nil && err != nil || tt.err != nil && !errors.Is(err, tt.err) {
				t.Fatalf("error %v, want %v", err, tt.err)
			}
			var pe *ipfix.ParseError
			if err != nil && !errors.As(err, &pe) && !errors.Is(err, ipfix.ErrUnknownTemplate) {
				t.Errorf("error %T is not a *ParseError", err)
			}
			if err != nil {
				t.Logf("%v", err)
			}
			if tt.stat != nil && !tt.stat(s.Stats()) {
				t.Errorf("stats %+v", s.Stats())
			}
		})
	}
}

// nestingBomb returns a record holding a basicList of basicLists, depth
// deep, each level a varlen field with the 3-byte length form.
func nestingBomb(depth int) []byte {
	inner := []byte{}
	for range depth {
		body := append([]byte{byte(ipfix.SemanticAllOf), 0x01, 0x23, 0xff, 0xff}, 255, byte(len(inner)>>8), byte(len(inner)))
		body = append(body, inner...)
		if len(body) > 0xfff0 {
			break
		}
		inner = body
	}
	return append([]byte{255, byte(len(inner) >> 8), byte(len(inner))}, inner...)
}

// TestSpoofedExporters sends 10^5 templates from 10^3 spoofed exporters
// into a session and checks that it stays within its bounds.
func TestSpoofedExporters(t *testing.T) {
	for _, cfg := range []*ipfix.Config{nil, {MaxExporters: 100, MaxTemplates: 1000, MaxBytes: 1 << 20}} {
		s := ipfix.NewSession(cfg)
		c := s.Config()
		buf := make([]byte, 0, 1500)
		b := ipfix.NewBuilder(buf, ipfix.Header{})
		fields := make([]ipfix.FieldSpecifier, 20)
		for i := range fields {
			fields[i] = ipfix.FieldSpecifier{ID: uint16(i + 1), Length: 4}
		}
		for e := range 1000 {
			from := netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, byte(e >> 8), byte(e), 1}), 4739)
			for m := range 10 {
				b.Reset(buf[:0], ipfix.Header{ObservationDomainID: uint32(m % 3)})
				for k := range 10 {
					if err := b.AddTemplate(ipfix.Template{ID: uint16(256 + m*10 + k), Fields: fields}); err != nil {
						t.Fatal(err)
					}
				}
				out, err := b.Finish()
				if err != nil {
					t.Fatal(err)
				}
				buf = out
				if err := walkMessage(s, from, out); err != nil {
					t.Fatal(err)
				}
			}
		}
		st := s.Stats()
		if st.Exporters > c.MaxExporters || st.Templates > c.MaxTemplates || st.Bytes > c.MaxBytes {
			t.Errorf("bounds exceeded: %+v (config %+v)", st, c)
		}
		if st.TemplatesAdded != 100000 || st.TemplatesEvicted == 0 {
			t.Errorf("stats %+v", st)
		}
		n := 0
		for range s.Templates() {
			n++
		}
		if n != st.Templates {
			t.Errorf("Templates() yields %d, Stats says %d", n, st.Templates)
		}
		t.Logf("config %+v: %+v", c, st)
	}
}

// TestTruncation cuts a message at every length and patches its length
// field to match: decoding fails with ErrTruncated except where the cut
// falls between sets, and never panics.
func TestTruncation(t *testing.T) {
	b := ipfix.NewBuilder(nil, ipfix.Header{ObservationDomainID: 1})
	must(t, b.AddTemplate(allTypes))
	must(t, writeAll(&b, sampleValues(0)))
	must(t, writeAll(&b, sampleValues(1)))
	full, err := b.Finish()
	must(t, err)
	boundaries := map[int]bool{}
	for off := 16; off < len(full); {
		boundaries[off] = true
		off += int(binary.BigEndian.Uint16(full[off+2:]))
	}
	for n := 0; n < len(full); n++ {
		msg := append([]byte(nil), full[:n]...)
		if n >= 4 {
			binary.BigEndian.PutUint16(msg[2:], uint16(n))
		}
		err := walkMessage(ipfix.NewSession(nil), testFrom, msg)
		switch {
		case n >= 16 && boundaries[n]:
			if err != nil {
				t.Errorf("cut at set boundary %d: %v", n, err)
			}
		case n < 16 && !errors.Is(err, ipfix.ErrTruncated) && !(n >= 4 && errors.Is(err, ipfix.ErrMalformed)):
			t.Errorf("cut at %d: %v, want ErrTruncated", n, err)
		case n >= 16 && !errors.Is(err, ipfix.ErrTruncated):
			t.Errorf("cut at %d: %v, want ErrTruncated", n, err)
		}
	}
	// The message as sent but the datagram cut short.
	for n := 0; n < len(full); n += 7 {
		if err := walkMessage(ipfix.NewSession(nil), testFrom, full[:n]); !errors.Is(err, ipfix.ErrTruncated) {
			t.Errorf("datagram cut at %d: %v", n, err)
		}
	}
}

// TestNoImports keeps fmt, reflect and encoding/json out of the codec.
func TestNoImports(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			switch p {
			case "fmt", "reflect", "encoding/json", "log", "unsafe":
				t.Errorf("%s imports %s", f, p)
			}
		}
	}
}

// TestPaddingAndRedefinition: set padding is skipped (template and data
// sets), and a template redefined with other fields replaces the old one.
func TestPaddingAndRedefinition(t *testing.T) {
	s := ipfix.NewSession(nil)
	// Template 256: one 4-byte field; template set padded with 2 zero
	// bytes... and a data set of 2 records plus 3 bytes of padding.
	m1 := rawMessage(0,
		rawSet(2, 1, 0, 0, 1, 0, 8, 0, 4, 0, 0),
		rawSet(256, 10, 0, 0, 1, 10, 0, 0, 2, 0, 0, 0))
	var d ipfix.Decoder
	var got []string
	decode := func(m []byte) {
		if _, err := d.Reset(s, testFrom, m, testNow); err != nil {
			t.Fatal(err)
		}
		for d.NextSet() {
			for d.NextRecord() {
				var line []byte
				for f := range d.Record().All() {
					line = f.AppendText(append(line, ' '))
				}
				got = append(got, string(line))
			}
		}
		if err := d.Err(); err != nil {
			t.Fatal(err)
		}
	}
	decode(m1)
	// Redefined: 256 now carries sourceTransportPort (2 bytes) and
	// protocolIdentifier (1 byte): 3-byte records, 1 byte of padding.
	m2 := rawMessage(0,
		rawSet(2, 1, 0, 0, 2, 0, 7, 0, 2, 0, 4, 0, 1),
		rawSet(256, 0, 80, 6, 1, 187, 17, 0))
	decode(m2)
	want := []string{" 10.0.0.1", " 10.0.0.2", " 80 6", " 443 17"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	if st := s.Stats(); st.TemplatesAdded != 2 || st.Templates != 1 {
		t.Errorf("stats %+v", st)
	}
}
