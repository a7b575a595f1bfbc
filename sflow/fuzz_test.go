package sflow

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ovsflow/ovsflow/internal/packet"
)

// FuzzDatagram decodes arbitrary bytes. Invariants: no panic; the typed
// zero-allocation walk and the generic walk agree on success; every
// record's fast path agrees with the reference (Reader-based) decoder; and
// a datagram that decodes re-encodes to one that decodes to the same value.
func FuzzDatagram(f *testing.F) {
	_, full := fullDatagram(f)
	f.Add(full)
	f.Add(benchDatagram(f))
	files, _ := filepath.Glob(filepath.Join("testdata", "ovs", "datagram-*.bin"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		w, err := walk(b)
		var d Decoder
		var p packet.Parsed
		_, err2 := walkTyped(&d, b, &p)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("walk err %v, typed walk err %v", err, err2)
		}
		// Fast and reference decoders agree on every record.
		if _, err := d.Start(b); err == nil {
			for d.NextSample() {
				_ = d.Sample()
				for d.NextRecord() {
					r := d.Record()
					i := lookup(r.Format, r.Counter)
					if i < 0 {
						continue
					}
					v1, e1 := recordTable[i].decode(r)
					v2, e2 := recordTable[i].slow(r)
					if (e1 == nil) != (e2 == nil) || e1 == nil && !reflect.DeepEqual(v1, v2) {
						t.Fatalf("%s: fast %v (%v) != reference %v (%v)", recordTable[i].name, v1, e1, v2, e2)
					}
				}
			}
		}
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		b2, err := encode(w)
		if err != nil {
			t.Fatalf("encode of a decoded datagram: %v", err)
		}
		w2, err := walk(b2)
		if err != nil {
			t.Fatalf("decode of a re-encoded datagram: %v", err)
		}
		if !reflect.DeepEqual(w, w2) {
			if diff := cmp.Diff(w, w2, cmpOpts); diff != "" {
				t.Fatalf("decode(encode(decode(b))) != decode(b):\n%s", diff)
			}
		}
	})
}
