package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/ovstest"
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

// TestQuickstartDB runs the quickstart against a real ovsdb-server: the
// rows it exported with are written to the bridge and read back.
func TestQuickstartDB(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0")
	var out bytes.Buffer
	if err := run(context.Background(), options{Duration: 10 * time.Second, Flows: 5, PPS: 50, Seed: 1, DB: db.Endpoint(), Bridge: "br0"}, &out); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	for _, want := range []string{"bridge br0: 1 change(s)", "NetFlow targets=[127.0.0.1:", "sFlow   targets=", "IPFIX   targets="} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if got := db.Vsctl(t, "get", "netflow", ".", "active_timeout"); strings.TrimSpace(got) != "60" {
		t.Errorf("NetFlow active_timeout in the database = %q", got)
	}
}
