package ovsdb

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ovsflow/ovsflow/ovsdb/internal/jsonx"
)

// FuzzNotation feeds arbitrary bytes to every JSON decoder of untrusted
// server input: values, rows, conditions, mutations, operation results,
// transact results, JSON-RPC errors, table-updates (1 and 2), update
// notifications and the framing scanner. None may panic; a value that
// decodes must re-encode to an equal value.
func FuzzNotation(f *testing.F) {
	files, _ := filepath.Glob("testdata/notation/*.json")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{`"a"`, `1`, `-1.5e3`, `true`, `["set",[]]`, `["set",[1,2]]`, `["uuid","x"]`,
		`["named-uuid","a"]`, `["map",[]]`, `["col","==",1]`, `["c","includes",["set",["a"]]]`, `{"a":1}`,
		`{"id":1,"result":[],"error":null}`, `"\ud83d\ude00"`, `[[[[[[[[`, `{"count":-1}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1<<16 {
			return
		}
		// Values: decode, re-encode, decode again, compare.
		if v, err := RawValue(b); err == nil {
			var dt datum
			if err := decodeDatumRaw2(v.raw, &dt); err != nil {
				t.Fatalf("RawValue ok but re-decode failed: %v", err)
			}
			re := Value{raw: dt.appendJSON(nil)}
			if _, err := RawValue(re.raw); err != nil {
				t.Fatalf("re-encoded %s does not decode: %v", re.raw, err)
			}
			if !v.Equal(re) {
				t.Fatalf("round trip %s -> %s not equal", b, re.raw)
			}
			_, _ = DecodeSet[string](v)
			_, _ = DecodeMap[int64, UUID](v)
			_, _ = DecodeOptional[float64](v)
		}
		var r Row
		_ = r.UnmarshalJSON(b)
		var c Condition
		if c.UnmarshalJSON(b) == nil {
			out, err := c.MarshalJSON()
			if err != nil {
				t.Fatalf("condition decoded but does not encode: %v", err)
			}
			var c2 Condition
			if err := c2.UnmarshalJSON(out); err != nil {
				t.Fatalf("condition %s -> %s does not decode: %v", b, out, err)
			}
		}
		var m Mutation
		_ = m.UnmarshalJSON(b)
		var or OperationResult
		_ = or.UnmarshalJSON(b)
		var u UUID
		_ = u.UnmarshalJSON(b)
		var nu NamedUUID
		_ = nu.UnmarshalJSON(b)
		_, _ = decodeTransactResult(jsonx.NewDecoder(b), nil)
		_, _ = decodeRPCError(jsonx.NewDecoder(b))
		_, _ = decodeTableUpdates(jsonx.NewDecoder(b), 1, nil)
		_, _ = decodeTableUpdates(jsonx.NewDecoder(b), 2, interner{})
		var tu TableUpdates
		_ = tu.UnmarshalJSON(b)
		_, _ = ParseSchema(b)
		var sc frameScanner
		_, _ = sc.feed(b, 0)
		_, _, _ = jsonx.Scan(b)
		// Notifications go through the client's decoder too.
		cl := &Client{}
		cl.cfg.defaults()
		cl.log = cl.cfg.Logger
		cl.applyUpdate(3, b)
		cl.applyUpdate(1, b)
	})
}
