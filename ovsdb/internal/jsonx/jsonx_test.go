package jsonx

import (
	"errors"
	"testing"
)

func TestScan(t *testing.T) {
	tests := []struct {
		in         string
		start, end int
		err        error
	}{
		{`{"a":1}{"b":2}`, 0, 7, nil},
		{`  [1,"]",{"x":"\""}] tail`, 2, 20, nil},
		{`{"a":`, 0, 5, ErrIncomplete},
		{`"abc`, 0, 4, ErrIncomplete},
		{``, 0, 0, ErrIncomplete},
		{`}`, 0, 0, ErrSyntax},
		{`{"a":"` + "\x01" + `"}`, 0, 6, ErrSyntax},
	}
	for _, tt := range tests {
		s, e, err := Scan([]byte(tt.in))
		if !errors.Is(err, tt.err) || (err == nil && (s != tt.start || e != tt.end)) {
			t.Errorf("Scan(%q) = %d, %d, %v, want %d, %d, %v", tt.in, s, e, err, tt.start, tt.end, tt.err)
		}
	}
}

func TestDecoder(t *testing.T) {
	d := NewDecoder([]byte(` {"s":"a\u00e9\ud83d\ude00\n","i":-42,"f":1.5e2,"b":true,"n":null,"a":[1,2]} `))
	if !d.BeginObject() {
		t.Fatal(d.Err())
	}
	got := map[string]string{}
	for d.More() {
		k := string(d.Key())
		switch k {
		case "s":
			got[k] = d.String()
		case "i":
			if v := d.Int(); v != -42 {
				t.Errorf("Int() = %d", v)
			}
		case "f":
			if v := d.Float(); v != 150 {
				t.Errorf("Float() = %v", v)
			}
		case "b":
			if !d.Bool() {
				t.Error("Bool() = false")
			}
		case "n":
			if !d.Null() {
				t.Error("Null() = false")
			}
		case "a":
			got[k] = string(d.Skip())
		}
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	if got["s"] != "aé😀\n" || got["a"] != "[1,2]" {
		t.Fatalf("got %q", got)
	}
}

func TestDecoderErrors(t *testing.T) {
	for _, in := range []string{`[1,,2]`, `{"a" 1}`, `[1 2]`, `"\x"`, `"\u12"`, "\"\xff\"", `[`, `99999999999999999999`, `[tru]`} {
		d := NewDecoder([]byte(in))
		if d.Peek() == Array {
			d.BeginArray()
			for d.More() {
				if d.Peek() == Number {
					d.Int()
				} else {
					d.Skip()
				}
			}
		} else if d.Peek() == Number {
			d.Int()
		} else {
			_ = d.String()
		}
		if d.End() == nil {
			t.Errorf("%q decoded without error", in)
		}
	}
}

func TestDepthLimit(t *testing.T) {
	deep := make([]byte, 0, 2*MaxDepth+2)
	for i := 0; i <= MaxDepth; i++ {
		deep = append(deep, '[')
	}
	if _, _, err := Scan(deep); !errors.Is(err, ErrDepth) {
		t.Fatalf("Scan(deep) = %v", err)
	}
	d := NewDecoder(deep)
	for d.BeginArray() {
	}
	if !errors.Is(d.Err(), ErrDepth) {
		t.Fatalf("decoder depth error = %v", d.Err())
	}
}

func TestAppendString(t *testing.T) {
	got := string(AppendString(nil, "a\"\\\n\x01é\u2028\xff"))
	want := `"a\"\\\n\u0001é\u2028\ufffd"`
	if got != want {
		t.Fatalf("AppendString = %s, want %s", got, want)
	}
	d := NewDecoder([]byte(got))
	if s := d.String(); s != "a\"\\\n\x01é\u2028\ufffd" || d.Err() != nil {
		t.Fatalf("round trip = %q, %v", s, d.Err())
	}
}

func TestNoAllocs(t *testing.T) {
	msg := []byte(`{"id":12,"result":[{"count":1}],"error":null}`)
	tests := []struct {
		name string
		fn   func()
	}{
		{"Scan", func() { _, _, _ = Scan(msg) }},
		{"Decoder walk", func() {
			var d Decoder
			d.Reset(msg)
			d.BeginObject()
			for d.More() {
				d.Key()
				d.Skip()
			}
		}},
		{"AppendString", func() { _ = AppendString(make([]byte, 0, 64), "hello") }},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.fn); n != 0 {
			t.Errorf("%s: %v allocs, want 0", tt.name, n)
		}
	}
}
