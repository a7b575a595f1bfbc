package pcapfile

import (
	"bytes"
	"io"
	"testing"
	"time"
)

func TestAppendRoundTrip(t *testing.T) {
	t0 := time.Unix(1700000000, 123456000)
	frames := [][]byte{{1, 2, 3}, make([]byte, 1500), {}}
	b := AppendHeader(nil, LinkTypeEthernet, 65535)
	for i, f := range frames {
		b = AppendRecord(b, t0.Add(time.Duration(i)*time.Second), f)
	}
	r, err := NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if r.Format() != FormatPcap || r.LinkType() != LinkTypeEthernet {
		t.Fatalf("format %v link %v", r.Format(), r.LinkType())
	}
	for i, f := range frames {
		p, err := r.Next()
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if !bytes.Equal(p.Data, f) || p.OrigLen != len(f) || !p.Time.Equal(t0.Add(time.Duration(i)*time.Second)) {
			t.Errorf("record %d = %d bytes at %v, want %d bytes at %v", i, len(p.Data), p.Time, len(f), t0.Add(time.Duration(i)*time.Second))
		}
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("after last record: %v, want io.EOF", err)
	}
}
