package ovsdb

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestValueDecoding(t *testing.T) {
	u := MustParseUUID("cde6c0a1-7a3b-4c0e-9d8f-6f2a1b3c4d5e")
	tests := []struct {
		name string
		in   string
		test func(v Value) (any, error)
		want any
	}{
		{"bare string as set", `"a"`, func(v Value) (any, error) { return DecodeSet[string](v) }, []string{"a"}},
		{"set", `["set",["a","b"]]`, func(v Value) (any, error) { return DecodeSet[string](v) }, []string{"a", "b"}},
		{"empty optional", `["set",[]]`, func(v Value) (any, error) { p, err := DecodeOptional[int64](v); return p == nil, err }, true},
		{"optional", `7`, func(v Value) (any, error) { p, err := DecodeOptional[int64](v); return *p, err }, int64(7)},
		{"uuid atom", `["uuid","cde6c0a1-7a3b-4c0e-9d8f-6f2a1b3c4d5e"]`, func(v Value) (any, error) { return DecodeAtom[UUID](v) }, u},
		{"uuid set", `["set",[["uuid","cde6c0a1-7a3b-4c0e-9d8f-6f2a1b3c4d5e"]]]`, func(v Value) (any, error) { return DecodeSet[UUID](v) }, []UUID{u}},
		{"map", `["map",[[1,"x"],[2,"y"]]]`, func(v Value) (any, error) { return DecodeMap[int64, string](v) }, map[int64]string{1: "x", 2: "y"}},
		{"empty map", `["map",[]]`, func(v Value) (any, error) { m, err := DecodeMap[string, string](v); return len(m), err }, 0},
		{"real from integer", `3`, func(v Value) (any, error) { return DecodeAtom[float64](v) }, 3.0},
		{"named-uuid", `["named-uuid","row1"]`, func(v Value) (any, error) { return DecodeAtom[NamedUUID](v) }, NamedUUID("row1")},
	}
	for _, tt := range tests {
		v, err := RawValue([]byte(tt.in))
		if err != nil {
			t.Fatalf("%s: RawValue(%s) = %v", tt.name, tt.in, err)
		}
		got, err := tt.test(v)
		if err != nil {
			t.Fatalf("%s: decode(%s) = %v", tt.name, tt.in, err)
		}
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s: decode(%s) (-want +got):\n%s", tt.name, tt.in, d)
		}
	}
}

func TestValueErrors(t *testing.T) {
	bad := []string{``, `[`, `["set"]`, `["set",[["set",[]]]]`, `["uuid","nope"]`, `["named-uuid","1x"]`, `["map",[[1]]]`,
		`["map",[[1,2,3]]]`, `["bag",[]]`, `{}`, `null`, `["set",[1],2]`, `"a" "b"`}
	for _, in := range bad {
		if _, err := RawValue([]byte(in)); err == nil {
			t.Errorf("RawValue(%q) = nil error", in)
		}
	}
	v := AtomOf("x")
	if _, err := DecodeAtom[int64](v); err == nil {
		t.Error("DecodeAtom[int64](\"x\") = nil error")
	}
	if _, err := DecodeOptional[string](SetOf("a", "b")); err == nil {
		t.Error("DecodeOptional of two elements = nil error")
	}
	if _, err := DecodeMap[string, string](SetOf("a")); err == nil {
		t.Error("DecodeMap of a set = nil error")
	}
}

func TestNotationJSON(t *testing.T) {
	u := MustParseUUID("cde6c0a1-7a3b-4c0e-9d8f-6f2a1b3c4d5e")
	timeout := int64(0)
	op := Wait("T", []Condition{WhereUUID(u)}, []string{"n"}, FuncNE, []Row{{"n": AtomOf(int64(1))}}, &timeout)
	b, err := json.Marshal([]any{op, Delete("T"), MutateOp("T", []Mutation{Mutate("s", MutateDelete, SetOf("a"))}), Assert("L"), Commit(false), Abort()})
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"op":"wait","table":"T","where":[["_uuid","==",["uuid","cde6c0a1-7a3b-4c0e-9d8f-6f2a1b3c4d5e"]]],"columns":["n"],"until":"!=","rows":[{"n":1}],"timeout":0},` +
		`{"op":"delete","table":"T","where":[]},{"op":"mutate","table":"T","where":[],"mutations":[["s","delete","a"]]},{"op":"assert","lock":"L"},{"op":"commit","durable":false},{"op":"abort"}]`
	if string(b) != want {
		t.Fatalf("Marshal = %s\nwant      %s", b, want)
	}
	var c Condition
	if err := json.Unmarshal([]byte(`["n","<=",5]`), &c); err != nil || c.Function != FuncLE || c.Value.String() != "5" {
		t.Fatalf("Condition = %+v, %v", c, err)
	}
	if err := json.Unmarshal([]byte(`["n","~",5]`), &c); err == nil {
		t.Fatal("unknown function accepted")
	}
	var m Mutation
	if err := json.Unmarshal([]byte(`["n","+=",1]`), &m); err != nil || m.Mutator != MutateAdd {
		t.Fatalf("Mutation = %+v, %v", m, err)
	}
	var nu NamedUUID
	if err := json.Unmarshal([]byte(`["named-uuid","x_1"]`), &nu); err != nil || nu != "x_1" {
		t.Fatalf("NamedUUID = %q, %v", nu, err)
	}
	var s Set[int64]
	if err := json.Unmarshal([]byte(`5`), &s); err != nil || len(s) != 1 {
		t.Fatalf("Set = %v, %v", s, err)
	}
	var mp Map[string, int64]
	if err := json.Unmarshal([]byte(`["map",[["a",1]]]`), &mp); err != nil || mp["a"] != 1 {
		t.Fatalf("Map = %v, %v", mp, err)
	}
	if _, err := json.Marshal(Operation{Op: "frob", Table: "T"}); err == nil {
		t.Fatal("unknown op marshalled")
	}
}

func TestRPCErrorShapes(t *testing.T) {
	var r OperationResult
	if err := json.Unmarshal([]byte(`{"error":"unknown database","details":"x","syntax":"[\"NoSuchDB\"]"}`), &r); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(r.Error, ErrUnknownDatabase) || r.Error.Syntax != `["NoSuchDB"]` {
		t.Fatalf("error = %#v", r.Error)
	}
	if (&Error{Err: "brand new"}).Is(ErrUnknown) != true {
		t.Fatal("unknown error string does not match ErrUnknown")
	}
}

func TestNoAllocs(t *testing.T) {
	intV := AtomOf(int64(42))
	uuidV := AtomOf(NewUUID())
	row := []byte(`["set",["a","b"]]`)
	buf := make([]byte, 0, 64)
	fixed := NewUUID()
	tests := []struct {
		name string
		fn   func()
	}{
		{"DecodeAtom[int64]", func() { _, _ = DecodeAtom[int64](intV) }},
		{"DecodeAtom[UUID]", func() { _, _ = DecodeAtom[UUID](uuidV) }},
		{"checkValue", func() { _ = checkValue(row) }},
		{"UUID.AppendText", func() { _, _ = fixed.AppendText(buf[:0]) }},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.fn); n != 0 {
			t.Errorf("%s: %v allocs, want 0", tt.name, n)
		}
	}
}
