package pcapfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// got is what a test compares of a Packet (Time in UTC for readability).
type got struct {
	Time          time.Time
	Data          []byte
	OrigLen       int
	LinkType      LinkType
	Interface     int
	InterfaceName string
}

func readAll(t testing.TB, b []byte, cfg *Config) (Format, []got, error) {
	t.Helper()
	r, err := NewReaderConfig(bytes.NewReader(b), cfg)
	if err != nil {
		return 0, nil, err
	}
	var out []got
	for {
		p, err := r.Next()
		if err == io.EOF {
			return r.Format(), out, nil
		}
		if err != nil {
			return r.Format(), out, err
		}
		tm := p.Time
		if !tm.IsZero() {
			tm = tm.UTC()
		}
		out = append(out, got{tm, bytes.Clone(p.Data), p.OrigLen, p.LinkType, p.Interface, p.InterfaceName})
	}
}

// sameGot is a fast cmp.Equal for the sweep.
func sameGot(a, b []got) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if !x.Time.Equal(y.Time) || !bytes.Equal(x.Data, y.Data) || x.OrigLen != y.OrigLen || x.LinkType != y.LinkType ||
			x.Interface != y.Interface || x.InterfaceName != y.InterfaceName {
			return false
		}
	}
	return true
}

func utc(sec, nsec int64) time.Time { return time.Unix(sec, nsec).UTC() }

// TestReaderLiterals reads hand-written files, one wire field per line.
func TestReaderLiterals(t *testing.T) {
	tests := []struct {
		name   string
		b      []byte
		format Format
		want   []got
	}{
		{
			name: "pcap little-endian microseconds",
			b: []byte{
				0xd4, 0xc3, 0xb2, 0xa1, // magic: little-endian, microseconds
				0x02, 0x00, 0x04, 0x00, // version 2.4
				0x00, 0x00, 0x00, 0x00, // thiszone
				0x00, 0x00, 0x00, 0x00, // sigfigs
				0xff, 0xff, 0x00, 0x00, // snaplen 65535
				0x01, 0x00, 0x00, 0x00, // link type Ethernet
				0x00, 0xf1, 0x53, 0x65, // ts_sec 1700000000
				0x40, 0xe2, 0x01, 0x00, // ts_usec 123456
				0x04, 0x00, 0x00, 0x00, // incl_len 4
				0x3c, 0x00, 0x00, 0x00, // orig_len 60
				0xde, 0xad, 0xbe, 0xef, // data
			},
			format: FormatPcap,
			want:   []got{{utc(1700000000, 123456000), []byte{0xde, 0xad, 0xbe, 0xef}, 60, LinkTypeEthernet, 0, ""}},
		},
		{
			name: "pcap big-endian nanoseconds",
			b: []byte{
				0xa1, 0xb2, 0x3c, 0x4d, // magic: big-endian, nanoseconds
				0x00, 0x02, 0x00, 0x04, // version 2.4
				0x00, 0x00, 0x00, 0x00, // thiszone
				0x00, 0x00, 0x00, 0x00, // sigfigs
				0x00, 0x00, 0xff, 0xff, // snaplen 65535
				0x00, 0x00, 0x00, 0x65, // link type 101 (raw IP)
				0x65, 0x53, 0xf1, 0x00, // ts_sec 1700000000
				0x3b, 0x9a, 0xc9, 0xff, // ts_nsec 999999999
				0x00, 0x00, 0x00, 0x02, // incl_len 2
				0x00, 0x00, 0x00, 0x02, // orig_len 2
				0xca, 0xfe, // data
			},
			format: FormatPcap,
			want:   []got{{utc(1700000000, 999999999), []byte{0xca, 0xfe}, 2, LinkTypeRaw, 0, ""}},
		},
		{
			name: "pcap link type with FCS bits",
			b: []byte{
				0xd4, 0xc3, 0xb2, 0xa1, // magic: little-endian, microseconds
				0x02, 0x00, 0x04, 0x00, // version 2.4
				0x00, 0x00, 0x00, 0x00, // thiszone
				0x00, 0x00, 0x00, 0x00, // sigfigs
				0xff, 0xff, 0x00, 0x00, // snaplen
				0x01, 0x00, 0x00, 0x14, // link type Ethernet, F bit and FCS length 1
			},
			format: FormatPcap,
		},
		{
			name: "pcapng little-endian",
			b: []byte{
				0x0a, 0x0d, 0x0d, 0x0a, // section header block
				0x1c, 0x00, 0x00, 0x00, // length 28
				0x4d, 0x3c, 0x2b, 0x1a, // byte-order magic: little-endian
				0x01, 0x00, 0x00, 0x00, // version 1.0
				0xff, 0xff, 0xff, 0xff, // section length -1 (unknown)
				0xff, 0xff, 0xff, 0xff,
				0x1c, 0x00, 0x00, 0x00, // trailing length
				0x01, 0x00, 0x00, 0x00, // interface description block
				0x14, 0x00, 0x00, 0x00, // length 20
				0x01, 0x00, 0x00, 0x00, // link type Ethernet, reserved
				0x00, 0x00, 0x00, 0x00, // snaplen
				0x14, 0x00, 0x00, 0x00, // trailing length
				0x06, 0x00, 0x00, 0x00, // enhanced packet block
				0x24, 0x00, 0x00, 0x00, // length 36
				0x00, 0x00, 0x00, 0x00, // interface 0
				0x24, 0x0a, 0x06, 0x00, // timestamp (high) }
				0x40, 0x22, 0x20, 0x18, // timestamp (low)  } 1700000000123456 µs
				0x03, 0x00, 0x00, 0x00, // captured length 3
				0x40, 0x00, 0x00, 0x00, // original length 64
				0x01, 0x02, 0x03, 0x00, // data and padding
				0x24, 0x00, 0x00, 0x00, // trailing length
			},
			format: FormatPcapng,
			want:   []got{{utc(1700000000, 123456000), []byte{1, 2, 3}, 64, LinkTypeEthernet, 0, ""}},
		},
		{
			name: "pcapng big-endian, if_name, binary if_tsresol",
			b: []byte{
				0x0a, 0x0d, 0x0d, 0x0a, // section header block
				0x00, 0x00, 0x00, 0x1c, // length 28
				0x1a, 0x2b, 0x3c, 0x4d, // byte-order magic: big-endian
				0x00, 0x01, 0x00, 0x00, // version 1.0
				0xff, 0xff, 0xff, 0xff, // section length -1
				0xff, 0xff, 0xff, 0xff,
				0x00, 0x00, 0x00, 0x1c, // trailing length
				0x00, 0x00, 0x00, 0x01, // interface description block
				0x00, 0x00, 0x00, 0x28, // length 40
				0x00, 0x71, 0x00, 0x00, // link type 113 (Linux SLL), reserved
				0x00, 0x00, 0x00, 0x00, // snaplen
				0x00, 0x02, 0x00, 0x04, // if_name, length 4
				'e', 't', 'h', '0',
				0x00, 0x09, 0x00, 0x01, // if_tsresol, length 1
				0x8a, 0x00, 0x00, 0x00, // 2^-10 s, padding
				0x00, 0x00, 0x00, 0x00, // opt_endofopt
				0x00, 0x00, 0x00, 0x28, // trailing length
				0x00, 0x00, 0x00, 0x06, // enhanced packet block
				0x00, 0x00, 0x00, 0x24, // length 36
				0x00, 0x00, 0x00, 0x00, // interface 0
				0x00, 0x00, 0x01, 0x95, // timestamp (high) }
				0x4f, 0xc4, 0x02, 0x00, // timestamp (low)  } 1700000000.5 s in 1/1024 s
				0x00, 0x00, 0x00, 0x02, // captured length 2
				0x00, 0x00, 0x00, 0x02, // original length 2
				0xbe, 0xef, 0x00, 0x00, // data and padding
				0x00, 0x00, 0x00, 0x24, // trailing length
			},
			format: FormatPcapng,
			want:   []got{{utc(1700000000, 500000000), []byte{0xbe, 0xef}, 2, LinkTypeLinuxSLL, 0, "eth0"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, pkts, err := readAll(t, tt.b, nil)
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			if f != tt.format {
				t.Errorf("Format() = %v, want %v", f, tt.format)
			}
			if diff := cmp.Diff(tt.want, pkts); diff != "" {
				t.Errorf("packets (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReaderBuilt covers what TestReaderLiterals does not, in both byte
// orders: sections that change byte order and reset the interfaces,
// decimal and binary resolutions, obsolete and simple packet blocks,
// unknown blocks, if_tsoffset.
func TestReaderBuilt(t *testing.T) {
	fr, raw := baseFrames(), rawFrames()
	for _, be := range []bool{false, true} {
		t.Run(map[bool]string{false: "little-endian", true: "big-endian"}[be], func(t *testing.T) {
			b := builtNG(be)
			f, pkts, err := readAll(t, b, nil)
			if err != nil {
				t.Fatal(err)
			}
			if f != FormatPcapng {
				t.Errorf("Format() = %v", f)
			}
			want := []got{
				{utc(1700000000, 1), fr[0].data, len(fr[0].data), LinkTypeEthernet, 0, "eth0"},
				{utc(1700000001, 500000000), raw[0].data, len(raw[0].data), LinkTypeRaw, 1, "tun0"},
				{utc(1700000002, 500000000), fr[1].data, len(fr[1].data), LinkTypeEthernet, 0, "eth0"},
				{utc(1700000003, 250000000), fr[2].data, len(fr[2].data), LinkTypeEthernet, 0, "eth0"},
				{time.Time{}, fr[4].data, len(fr[4].data), LinkTypeEthernet, 0, "eth0"},
			}
			if diff := cmp.Diff(want, pkts); diff != "" {
				t.Errorf("packets (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("sections reset interfaces", func(t *testing.T) {
		var w ng
		w.shb(false).idb(1, "a", -1).idb(1, "b", -1).epb(1, 0, []byte{1}, 1).
			shb(true).idb(101, "", 6).epb(0, 2_000_000, []byte{2}, 1).epb(1, 0, []byte{3}, 1)
		_, pkts, err := readAll(t, w.b, nil)
		if len(pkts) != 2 || pkts[0].InterfaceName != "b" || pkts[1].InterfaceName != "" || pkts[1].LinkType != LinkTypeRaw ||
			!pkts[1].Time.Equal(time.Unix(2, 0)) {
			t.Errorf("packets %+v", pkts)
		}
		if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "undeclared interface 1") {
			t.Errorf("packet on interface 1 of a one-interface section: err = %v, want undeclared interface", err)
		}
	})
	t.Run("if_tsoffset and if_tsresol 10^-3", func(t *testing.T) {
		var w ng
		w.shb(true)
		o := w.o()
		body := o.AppendUint16(nil, 1)
		body = o.AppendUint16(body, 0)
		body = o.AppendUint32(body, 0)
		body = append(body, w.option(9, []byte{3})...)
		body = append(body, w.option(14, o.AppendUint64(nil, 1_000_000_000))...)
		w.block(blockIDB, body).epb(0, 1500, []byte{1}, 1)
		_, pkts, err := readAll(t, w.b, nil)
		if err != nil || len(pkts) != 1 || !pkts[0].Time.Equal(time.Unix(1_000_000_001, 500_000_000)) {
			t.Errorf("packets %+v, err %v; want time 1000000001.5", pkts, err)
		}
	})
	t.Run("simple packet cut by snaplen and block", func(t *testing.T) {
		var w ng
		w.shb(false)
		o := w.o()
		body := o.AppendUint16(nil, 1)
		body = o.AppendUint16(body, 0)
		body = o.AppendUint32(body, 3) // snaplen 3
		w.block(blockIDB, body).spb([]byte{1, 2, 3, 4, 5}, 1000).spb([]byte{9}, 1)
		_, pkts, err := readAll(t, w.b, nil)
		if err != nil || len(pkts) != 2 || !bytes.Equal(pkts[0].Data, []byte{1, 2, 3}) || pkts[0].OrigLen != 1000 ||
			!bytes.Equal(pkts[1].Data, []byte{9}) {
			t.Errorf("packets %+v, err %v", pkts, err)
		}
	})
}

// TestReaderErrors feeds hostile input: each error is a *ParseError that
// names the field and offset and wraps the right sentinel.
func TestReaderErrors(t *testing.T) {
	pcapHdr := pcapFile(false, false, 1)
	withRec := func(incl uint32) []byte {
		b := bytes.Clone(pcapHdr)
		b = append(b, 0, 0, 0, 0, 0, 0, 0, 0)
		b = order(false).AppendUint32(b, incl)
		return order(false).AppendUint32(b, incl)
	}
	ngHead := func() *ng { var w ng; return w.shb(false).idb(1, "", -1) }
	patch := func(b []byte, off int, v uint32) []byte {
		b = bytes.Clone(b)
		binary.LittleEndian.PutUint32(b[off:], v)
		return b
	}
	epbAt := len(ngHead().b)
	var w0 ng
	shbLen := len(w0.shb(false).b)
	tests := []struct {
		name   string
		b      []byte
		cfg    *Config
		err    error
		field  string
		offset int
	}{
		{"nil", nil, nil, ErrTruncated, "pcapfile: magic number", 0},
		{"short magic", []byte{0xd4, 0xc3}, nil, ErrTruncated, "pcapfile: magic number", 0},
		{"unknown magic", []byte("GIF89a..................."), nil, ErrVersion, "pcapfile: magic number", 0},
		{"pcap header cut", pcapHdr[:20], nil, ErrTruncated, "pcap: file header", 4},
		{"pcap version 3", patch(pcapHdr, 4, 3), nil, ErrVersion, "pcap: major version", 4},
		{"pcap record over the limit", withRec(DefaultMaxRecord + 1), nil, ErrLimit, "pcap: record captured length", 32},
		{"pcap record over a configured limit", withRec(1001), &Config{MaxRecord: 1000}, ErrLimit, "pcap: record captured length", 32},
		{"pcap record 4 GiB", withRec(0xffffffff), nil, ErrLimit, "pcap: record captured length", 32},
		{"pcap record cut", withRec(100), nil, ErrTruncated, "pcap: packet data", 40},
		{"pcap record header cut", withRec(0)[:30], nil, ErrTruncated, "pcap: record header", 24},
		{"pcapng byte-order magic", patch(ngHead().b, 8, 0x12345678), nil, ErrVersion, "pcapng: byte-order magic", 8},
		{"pcapng version 2", patch(ngHead().b, 12, 2), nil, ErrVersion, "pcapng: section major version", 12},
		{"pcapng section length 20", patch(ngHead().b, 4, 20), nil, ErrMalformed, "pcapng: section header length", 4},
		{"pcapng block length 13", append(ngHead().b, 6, 0, 0, 0, 13, 0, 0, 0), nil, ErrMalformed, "pcapng: block total length", epbAt + 4},
		{"pcapng block length 8", append(ngHead().b, 6, 0, 0, 0, 8, 0, 0, 0), nil, ErrMalformed, "pcapng: block total length", epbAt + 4},
		{"pcapng trailing length", func() []byte {
			b := ngHead().epb(0, 0, []byte{1}, 1).b
			return patch(b, len(b)-4, 99)
		}(), nil, ErrMalformed, "pcapng: trailing block length", len(ngHead().epb(0, 0, []byte{1}, 1).b) - 4},
		{"pcapng undeclared interface", ngHead().epb(1, 0, []byte{1}, 1).b, nil, ErrMalformed, "pcapng: enhanced packet interface ID", epbAt + 8},
		{"pcapng packet before any interface", func() []byte { var w ng; return w.shb(false).epb(0, 0, nil, 0).b }(), nil, ErrMalformed, "pcapng: enhanced packet interface ID", shbLen + 8},
		{"pcapng captured length beyond block", patch(ngHead().epb(0, 0, []byte{1}, 1).b, epbAt+20, 13), nil, ErrMalformed, "pcapng: enhanced packet captured length", epbAt + 20},
		{"pcapng captured length over the limit", patch(ngHead().epb(0, 0, []byte{1}, 1).b, epbAt+20, DefaultMaxRecord+1), nil, ErrLimit, "pcapng: enhanced packet captured length", epbAt + 20},
		{"pcapng enhanced packet length 28", patch(ngHead().epb(0, 0, nil, 0).b, epbAt+4, 28), nil, ErrMalformed, "pcapng: enhanced packet length", epbAt + 4},
		{"pcapng simple packet without interface", func() []byte { var w ng; return w.shb(false).spb([]byte{1}, 1).b }(), nil, ErrMalformed, "pcapng: simple packet interface", shbLen},
		{"pcapng interface block over the limit", func() []byte { var w ng; return w.shb(false).idb(1, strings.Repeat("x", 200), -1).b }(), &Config{MaxRecord: 64}, ErrLimit, "pcapng: interface description length", shbLen + 4},
		{"pcapng too many interfaces", ngHead().idb(1, "", -1).idb(1, "", -1).b, &Config{MaxInterfaces: 2}, ErrLimit, "pcapng: interface description", epbAt + 20},
		{"pcapng if_name too long", func() []byte { var w ng; return w.shb(false).idb(1, strings.Repeat("x", 300), -1).b }(), nil, ErrLimit, "pcapng: if_name option length", shbLen + 18},
		{"pcapng if_tsresol 10^-20", func() []byte { var w ng; return w.shb(false).idb(1, "", 20).b }(), nil, ErrMalformed, "pcapng: if_tsresol option", shbLen + 20},
		{"pcapng if_tsresol 2^-64", func() []byte { var w ng; return w.shb(false).idb(1, "", 0x80|64).b }(), nil, ErrMalformed, "pcapng: if_tsresol option", shbLen + 20},
		{"pcapng option beyond block", func() []byte {
			var w ng
			w.shb(false)
			body := []byte{1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 40, 0, 'x', 0, 0, 0}
			return w.block(blockIDB, body).b
		}(), nil, ErrMalformed, "pcapng: interface option length", shbLen + 18},
		{"pcapng unknown block cut", append(ngHead().b, 0x77, 0, 0, 0, 0, 1, 0, 0, 1, 2), nil, ErrTruncated, "pcapng: block body", epbAt + 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, tt.b, tt.cfg)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("read = %v, want a *ParseError", err)
			}
			if !errors.Is(err, tt.err) || pe.Field != tt.field || pe.Offset != tt.offset {
				t.Errorf("read = %q (field %q offset %d), want %v in %q at offset %d", err, pe.Field, pe.Offset, tt.err, tt.field, tt.offset)
			}
		})
	}
}

// TestStickyError checks that Next keeps returning its first error.
func TestStickyError(t *testing.T) {
	b := pcapFile(false, false, 1, rec{data: []byte{1, 2, 3}})
	r, err := NewReader(bytes.NewReader(b[:len(b)-1]))
	if err != nil {
		t.Fatal(err)
	}
	_, err1 := r.Next()
	_, err2 := r.Next()
	if !errors.Is(err1, ErrTruncated) || err1 != err2 {
		t.Errorf("Next() = %v then %v, want the same ErrTruncated twice", err1, err2)
	}
}

// errReader fails after its data with a non-EOF error.
type errReader struct {
	b   []byte
	err error
}

func (r *errReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, r.err
	}
	n := copy(p, r.b)
	r.b = r.b[n:]
	return n, nil
}

// TestReadError checks that an error of the underlying reader is wrapped
// with its offset, not mistaken for the end of the file.
func TestReadError(t *testing.T) {
	boom := errors.New("boom")
	b := pcapFile(false, false, 1, rec{data: []byte{1, 2, 3}})
	r, err := NewReader(&errReader{b: b, err: boom})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	_, err = r.Next()
	var pe *ParseError
	if !errors.Is(err, boom) || !errors.As(err, &pe) || pe.Offset != len(b) {
		t.Errorf("Next() = %v, want boom at offset %d", err, len(b))
	}
}

// allFixtures returns the testdata captures and built variants.
func allFixtures(t testing.TB) map[string][]byte {
	m := map[string][]byte{
		"built-le.pcapng": builtNG(false),
		"built-be.pcapng": builtNG(true),
		"be-usec.pcap":    pcapFile(true, false, 1, baseFrames()...),
		"be-nsec.pcap":    pcapFile(true, true, 1, baseFrames()...),
	}
	for _, f := range fixtures {
		b, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		m[f] = b
	}
	return m
}

// boundaries returns the offsets at which a prefix of a capture ends on a
// record or block boundary, found by walking the lengths independently
// of the Reader.
func boundaries(b []byte) map[int]bool {
	m := map[int]bool{}
	le, be := binary.LittleEndian, binary.BigEndian
	if le.Uint32(b) != blockSHB {
		m[24] = true
		u32 := le.Uint32
		if m := le.Uint32(b); m != 0xa1b2c3d4 && m != 0xa1b23c4d {
			u32 = be.Uint32
		}
		for off := 24; off+16 <= len(b); {
			off += 16 + int(u32(b[off+8:]))
			m[off] = true
		}
		return m
	}
	u32 := le.Uint32
	for off := 0; off+12 <= len(b); {
		if le.Uint32(b[off:]) == blockSHB {
			u32 = le.Uint32
			if le.Uint32(b[off+8:]) != 0x1a2b3c4d {
				u32 = be.Uint32
			}
		}
		off += int(u32(b[off+4:]))
		m[off] = true
	}
	return m
}

// TestTruncation reads every prefix of every fixture: each must end in a
// clean io.EOF exactly at a record boundary, or in an error wrapping
// ErrTruncated, after delivering the same packets as the whole file.
func TestTruncation(t *testing.T) {
	for name, b := range allFixtures(t) {
		t.Run(name, func(t *testing.T) {
			_, all, err := readAll(t, b, nil)
			if err != nil {
				t.Fatal(err)
			}
			bound := boundaries(b)
			for i := range len(b) {
				// A small buffer also makes records cross buffer refills.
				_, pkts, err := readAll(t, b[:i], &Config{BufferSize: 512})
				switch {
				case err == nil && !bound[i]:
					t.Errorf("prefix %d: clean end inside a record", i)
				case err != nil && bound[i]:
					t.Errorf("prefix %d: %v at a record boundary", i, err)
				case err != nil && !errors.Is(err, ErrTruncated):
					t.Errorf("prefix %d: %v, want ErrTruncated", i, err)
				}
				if !sameGot(all[:len(pkts)], pkts) {
					diff := cmp.Diff(all[:len(pkts)], pkts, cmpopts.EquateEmpty())
					t.Errorf("prefix %d: packets differ (-whole +prefix):\n%s", i, diff)
				}
			}
		})
	}
}

// TestLargeRecord reads records larger than the input buffer, up to the
// limit, and rejects one byte more.
func TestLargeRecord(t *testing.T) {
	big := make([]byte, DefaultMaxRecord)
	for i := range big {
		big[i] = byte(i)
	}
	b := pcapFile(false, false, 1, rec{data: big[:143408]}, rec{data: big}, rec{data: []byte{7}})
	_, pkts, err := readAll(t, b, nil)
	if err != nil || len(pkts) != 3 || !bytes.Equal(pkts[0].Data, big[:143408]) || !bytes.Equal(pkts[1].Data, big) ||
		!bytes.Equal(pkts[2].Data, []byte{7}) {
		t.Fatalf("read %d packets, err %v", len(pkts), err)
	}
	_, pkts, err = readAll(t, b, &Config{MaxRecord: DefaultMaxRecord - 1})
	if len(pkts) != 1 || !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "262144 > limit 262143") {
		t.Errorf("with MaxRecord %d: %d packets, err %v; want 1 and the limit error", DefaultMaxRecord-1, len(pkts), err)
	}
}

// TestAccessors checks Format, LinkType, Interfaces and Offset.
func TestAccessors(t *testing.T) {
	r, err := NewReader(bytes.NewReader(pcapFile(true, true, 113)))
	if err != nil {
		t.Fatal(err)
	}
	if r.Format() != FormatPcap || r.LinkType() != LinkTypeLinuxSLL || r.Interfaces() != nil || r.Offset() != 24 {
		t.Errorf("pcap: Format %v LinkType %v Interfaces %v Offset %d", r.Format(), r.LinkType(), r.Interfaces(), r.Offset())
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next() = %v, want io.EOF", err)
	}
	b := builtNG(false)
	r, err = NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if r.Format() != FormatPcapng || r.LinkType() != 0 || len(r.Interfaces()) != 0 {
		t.Errorf("pcapng before the first interface: Format %v LinkType %v Interfaces %v", r.Format(), r.LinkType(), r.Interfaces())
	}
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	want := []Interface{
		{LinkType: LinkTypeEthernet, Name: "eth0", TSUnits: 1e9},
		{LinkType: LinkTypeRaw, Name: "tun0", TSUnits: 1 << 20},
	}
	if diff := cmp.Diff(want, r.Interfaces()); diff != "" || r.LinkType() != LinkTypeEthernet {
		t.Errorf("Interfaces() (-want +got):\n%s", diff)
	}
	for {
		if _, err := r.Next(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if r.Offset() != int64(len(b)) || len(r.Interfaces()) != 1 || r.Interfaces()[0].TSUnits != 1000 {
		t.Errorf("at the end: Offset %d of %d, Interfaces %+v", r.Offset(), len(b), r.Interfaces())
	}
	if FormatPcap.String() != "pcap" || FormatPcapng.String() != "pcapng" || Format(0).String() != "unknown" {
		t.Error("Format.String")
	}
}
