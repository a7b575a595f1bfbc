package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestQuickstart runs the quickstart with a short simulated duration and
// checks that every format arrived, decoded without errors, and produced a
// non-empty summary.
func TestQuickstart(t *testing.T) {
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := run(ctx, options{Duration: 90 * time.Second, Flows: 20, PPS: 100, Seed: 1}, &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	t.Log("\n" + s)
	for _, want := range []string{"NetFlow v5:", "sFlow v5:", "IPFIX:", "tcp "} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	if strings.Contains(s, "decode errors") {
		t.Error("decode errors in the summary")
	}
	for _, zero := range []string{"NetFlow v5: 0 datagrams", "sFlow v5: 0 datagrams", "IPFIX: 0 datagrams", " 0 flow records", " 0 data records"} {
		if strings.Contains(s, zero) {
			t.Errorf("summary has %q", zero)
		}
	}
}
