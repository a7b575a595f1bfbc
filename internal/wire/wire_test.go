package wire

import (
	"errors"
	"io"
	"net/netip"
	"testing"
)

// sample is a small record: u8 u16 u24 u32 u64 addr4 addr16 mac bytes(3) pad.
var sample = []byte{
	0x01,       // u8
	0x02, 0x03, // u16
	0x04, 0x05, 0x06, // u24
	0x07, 0x08, 0x09, 0x0a, // u32
	0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, // u64
	192, 0, 2, 1, // addr4
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, // addr16
	0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, // mac
	'a', 'b', 'c', 0, // 3 bytes + 1 pad
}

type decoded struct {
	u8   uint8
	u16  uint16
	u24  uint32
	u32  uint32
	u64  uint64
	a4   netip.Addr
	a16  netip.Addr
	mac  [6]byte
	text string
}

func readSample(r *Reader) (d decoded, b []byte) {
	d.u8 = r.Uint8("u8")
	d.u16 = r.Uint16("u16")
	d.u24 = r.Uint24("u24")
	d.u32 = r.Uint32("u32")
	d.u64 = r.Uint64("u64")
	d.a4 = r.Addr4("addr4")
	d.a16 = r.Addr16("addr16")
	d.mac = r.MAC("mac")
	b = r.Bytes(3, "text")
	r.Pad4(3, "text padding")
	return d, b
}

func TestReader(t *testing.T) {
	r := NewReader(sample)
	d, b := readSample(&r)
	if err := r.Err(); err != nil {
		t.Fatalf("Err() = %v, want nil", err)
	}
	d.text = string(b)
	want := decoded{
		u8: 1, u16: 0x0203, u24: 0x040506, u32: 0x0708090a, u64: 0x0b0c0d0e0f101112,
		a4:   netip.MustParseAddr("192.0.2.1"),
		a16:  netip.MustParseAddr("2001:db8::1"),
		mac:  [6]byte{0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff},
		text: "abc",
	}
	if d != want {
		t.Fatalf("read %+v, want %+v", d, want)
	}
	if r.Len() != 0 || r.Offset() != len(sample) {
		t.Fatalf("Len() = %d, Offset() = %d, want 0, %d", r.Len(), r.Offset(), len(sample))
	}
	if cap(b) != 3 {
		t.Errorf("cap(Bytes(3)) = %d, want 3 (appending must not overwrite input)", cap(b))
	}
}

// TestTruncationSweep reads every prefix of the sample: each must fail with
// ErrTruncated (also io.ErrUnexpectedEOF), naming the field whose bytes
// were missing at the offset where that field starts.
func TestTruncationSweep(t *testing.T) {
	// field start offsets, in order
	fields := []struct {
		name string
		off  int
	}{
		{"u8", 0}, {"u16", 1}, {"u24", 3}, {"u32", 6}, {"u64", 10}, {"addr4", 18},
		{"addr16", 22}, {"mac", 38}, {"text", 44}, {"text padding", 47},
	}
	for n := 0; n < len(sample); n++ {
		r := NewReaderAt(sample[:n], 100)
		readSample(&r)
		err := r.Err()
		if !errors.Is(err, ErrTruncated) || !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("prefix %d: Err() = %v, want ErrTruncated", n, err)
		}
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("prefix %d: Err() = %T, want *ParseError", n, err)
		}
		var want string
		var wantOff int
		for _, f := range fields {
			if f.off <= n {
				want, wantOff = f.name, f.off
			}
		}
		if pe.Field != want || pe.Offset != 100+wantOff {
			t.Errorf("prefix %d: error at %q offset %d, want %q offset %d", n, pe.Field, pe.Offset, want, 100+wantOff)
		}
		if r.Len() != 0 || r.Uint32("after") != 0 {
			t.Errorf("prefix %d: reader not sticky after error", n)
		}
	}
}

func TestBytesHostileLengths(t *testing.T) {
	for _, n := range []int{-1, -1 << 62, 5, 1 << 40} {
		r := NewReader([]byte{1, 2, 3, 4})
		if b := r.Bytes(n, "len"); b != nil || !errors.Is(r.Err(), ErrTruncated) {
			t.Errorf("Bytes(%d) = %v, %v, want nil, ErrTruncated", n, b, r.Err())
		}
	}
	r := NewReader([]byte{1, 2, 3, 4})
	if b := r.BytesU32(0xffffffff, "len"); b != nil || !errors.Is(r.Err(), ErrTruncated) {
		t.Errorf("BytesU32(2^32-1) = %v, %v, want nil, ErrTruncated", b, r.Err())
	}
}

func TestSub(t *testing.T) {
	r := NewReaderAt([]byte{0, 1, 2, 3, 4, 5}, 10)
	r.Skip(2, "hdr")
	s := r.Sub(3, "body")
	s.Uint16("a")
	s.Uint16("b") // only 1 byte left
	var pe *ParseError
	if !errors.As(s.Err(), &pe) || pe.Offset != 14 || pe.Field != "b" {
		t.Fatalf("sub Err() = %v, want b at offset 14", s.Err())
	}
	if r.Err() != nil || r.Uint8("tail") != 5 {
		t.Fatalf("parent affected by sub error: %v", r.Err())
	}
	if got := s.Err().Error(); got != "b at offset 14: truncated" {
		t.Errorf("Error() = %q", got)
	}
	bad := r.Sub(1, "past end")
	if !errors.Is(bad.Err(), ErrTruncated) || !errors.Is(r.Err(), ErrTruncated) {
		t.Errorf("Sub past end: %v / %v", bad.Err(), r.Err())
	}
}

func TestIntN(t *testing.T) {
	tests := []struct {
		b    []byte
		u    uint64
		i    int64
		okay bool
	}{
		{nil, 0, 0, false},
		{[]byte{0xff}, 0xff, -1, true},
		{[]byte{0x7f, 0xff}, 0x7fff, 0x7fff, true},
		{[]byte{0x80, 0, 0}, 0x800000, -0x800000, true},
		{[]byte{1, 2, 3, 4, 5, 6, 7, 8}, 0x0102030405060708, 0x0102030405060708, true},
		{make([]byte, 9), 0, 0, false},
	}
	for _, tt := range tests {
		u, ok := UintN(tt.b)
		i, ok2 := IntN(tt.b)
		if u != tt.u || i != tt.i || ok != tt.okay || ok2 != tt.okay {
			t.Errorf("UintN/IntN(%x) = %d,%d,%v,%v want %d,%d,%v", tt.b, u, i, ok, ok2, tt.u, tt.i, tt.okay)
		}
	}
}

func TestAppend(t *testing.T) {
	var b []byte
	b = AppendUint8(b, 1)
	b = AppendUint16(b, 0x0203)
	b = AppendUint24(b, 0x040506)
	b = AppendUint32(b, 0x0708090a)
	b = AppendUint64(b, 0x0b0c0d0e0f101112)
	b = AppendAddr4(b, netip.MustParseAddr("192.0.2.1"))
	b = AppendAddr16(b, netip.MustParseAddr("2001:db8::1"))
	b = append(b, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 'a', 'b', 'c')
	b = AppendPad4(b, 3)
	if string(b) != string(sample) {
		t.Fatalf("appended\n%x\nwant\n%x", b, sample)
	}
	if got := AppendUintN(nil, 0x010203, 3); string(got) != "\x01\x02\x03" {
		t.Errorf("AppendUintN = %x", got)
	}
	if got := AppendAddr4(nil, netip.MustParseAddr("::ffff:10.0.0.1")); string(got) != "\x0a\x00\x00\x01" {
		t.Errorf("AppendAddr4(mapped) = %x", got)
	}
	if !PutUint16(b, 1, 0xbeef) || b[1] != 0xbe || PutUint16(b, len(b)-1, 0) || PutUint32(b, -1, 0) {
		t.Errorf("PutUint16/PutUint32 bounds")
	}
	for n := 0; n < 9; n++ {
		if got := len(AppendPad4(nil, n)); (n+got)%4 != 0 || got > 3 {
			t.Errorf("AppendPad4(%d) appended %d", n, got)
		}
	}
}

func TestErrors(t *testing.T) {
	err := error(&ParseError{Offset: 4, Field: "netflow: count", Err: Detailf("count", 31, "> 30", ErrLimit)})
	if !errors.Is(err, ErrLimit) || errors.Is(err, ErrTruncated) {
		t.Fatalf("errors.Is chain wrong for %v", err)
	}
	if got, want := err.Error(), "netflow: count at offset 4: count 31 > 30 (limit exceeded)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(ErrTruncated, io.ErrUnexpectedEOF) {
		t.Error("ErrTruncated does not match io.ErrUnexpectedEOF")
	}
}

// TestNoAllocs lists every zero-allocation operation of the package.
func TestNoAllocs(t *testing.T) {
	buf := make([]byte, 0, 256)
	a4 := netip.MustParseAddr("192.0.2.1")
	a16 := netip.MustParseAddr("2001:db8::1")
	tests := []struct {
		name string
		fn   func()
	}{
		{"Reader full record", func() {
			r := NewReader(sample)
			readSample(&r)
			if r.Err() != nil {
				panic("unexpected error")
			}
		}},
		{"Reader Sub", func() {
			r := NewReader(sample)
			s := r.Sub(10, "x")
			s.Uint64("y")
		}},
		{"UintN", func() { _, _ = UintN(sample[:5]) }},
		{"IntN", func() { _, _ = IntN(sample[:7]) }},
		{"Append all", func() {
			b := buf[:0]
			b = AppendUint8(b, 1)
			b = AppendUint16(b, 2)
			b = AppendUint24(b, 3)
			b = AppendUint32(b, 4)
			b = AppendUint64(b, 5)
			b = AppendUintN(b, 6, 5)
			b = AppendAddr4(b, a4)
			b = AppendAddr16(b, a16)
			b = AppendPad4(b, 1)
			PutUint16(b, 0, 7)
			PutUint32(b, 2, 8)
		}},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(1000, tt.fn); n != 0 {
			t.Errorf("%s: %v allocs, want 0", tt.name, n)
		}
	}
}

func BenchmarkReader(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(sample)))
	for b.Loop() {
		r := NewReader(sample)
		readSample(&r)
	}
}

func FuzzReader(f *testing.F) {
	f.Add(sample)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		r := NewReader(b)
		readSample(&r)
		if r.Err() == nil && len(b) < len(sample) {
			t.Fatalf("no error on %d bytes", len(b))
		}
		if r.Err() != nil && !errors.Is(r.Err(), ErrTruncated) {
			t.Fatalf("unexpected error %v", r.Err())
		}
	})
}
