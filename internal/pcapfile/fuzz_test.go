package pcapfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"unsafe"
)

// FuzzReader reads arbitrary bytes as a capture with a small record limit:
// no panic; every error is io.EOF or a *ParseError; a packet never exceeds
// the limit; errors are sticky; and UDPPayload on every packet returns a
// payload inside the packet's data.
func FuzzReader(f *testing.F) {
	for _, f2 := range fixtures {
		b, err := os.ReadFile(filepath.Join("testdata", f2))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(builtNG(false))
	f.Add(builtNG(true))
	f.Add(pcapFile(true, true, 113, rec{data: []byte{1, 2, 3}}))
	f.Add([]byte{0xd4, 0xc3, 0xb2, 0xa1})
	const maxRec = 4096
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := NewReaderConfig(bytes.NewReader(b), &Config{MaxRecord: maxRec, MaxInterfaces: 64, BufferSize: 512})
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("NewReader error %v is not a *ParseError", err)
			}
			return
		}
		for {
			p, err := r.Next()
			if err != nil {
				var pe *ParseError
				if err != io.EOF && !errors.As(err, &pe) {
					t.Fatalf("Next error %v is neither io.EOF nor a *ParseError", err)
				}
				if _, err2 := r.Next(); err2 != err {
					t.Fatalf("Next after %v = %v", err, err2)
				}
				return
			}
			if len(p.Data) > maxRec {
				t.Fatalf("packet of %d bytes > limit %d", len(p.Data), maxRec)
			}
			if r.Offset() > int64(len(b)) {
				t.Fatalf("offset %d beyond the input (%d bytes)", r.Offset(), len(b))
			}
			checkUDP(t, p.LinkType, p.Data)
		}
	})
}

// FuzzUDPPayload feeds arbitrary frames of every link type to UDPPayload.
func FuzzUDPPayload(f *testing.F) {
	for _, r := range baseFrames() {
		f.Add(uint16(LinkTypeEthernet), r.data)
	}
	for _, r := range rawFrames() {
		f.Add(uint16(LinkTypeRaw), r.data)
		f.Add(uint16(LinkTypeLinuxSLL), append(make([]byte, 16), r.data...))
	}
	f.Fuzz(func(t *testing.T, link uint16, frame []byte) {
		checkUDP(t, LinkType(link), frame)
	})
}

// checkUDP checks that a payload UDPPayload returns lies within frame,
// with its capacity cut, and that its addresses are valid.
func checkUDP(t *testing.T, link LinkType, frame []byte) {
	src, dst, pay, ok := UDPPayload(link, frame)
	if !ok {
		return
	}
	if !src.Addr().IsValid() || !dst.Addr().IsValid() || src.Addr().Is4() != dst.Addr().Is4() {
		t.Fatalf("UDPPayload addresses %v, %v", src, dst)
	}
	if cap(pay) != len(pay) {
		t.Fatalf("payload capacity %d, length %d", cap(pay), len(pay))
	}
	if len(pay) == 0 {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(frame)))
	p := uintptr(unsafe.Pointer(unsafe.SliceData(pay)))
	if p < start+8 || p+uintptr(len(pay)) > start+uintptr(len(frame)) {
		t.Fatalf("payload [%d, +%d) outside the frame of %d bytes", int(p-start), len(pay), len(frame))
	}
}
