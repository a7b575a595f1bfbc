package flowdb_test

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/internal/udpcollect"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport/flowdb"
)

// frame returns a 64-byte Ethernet/IPv4/UDP frame 10.0.0.1 -> 10.0.0.2
// with the given UDP source port.
func frame(srcPort uint16) []byte {
	f := []byte{
		0x00, 0x00, 0x00, 0x00, 0x00, 0x02, // dst MAC
		0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // src MAC
		0x08, 0x00, // IPv4
		0x45, 0x00, 0x00, 50, // version/IHL, ToS, total length
		0x00, 0x00, 0x40, 0x00, // id, flags DF
		64, 17, 0x00, 0x00, // TTL, UDP, checksum (unchecked)
		10, 0, 0, 1, // src
		10, 0, 0, 2, // dst
		0, 0, 0x13, 0x89, // src port (patched), dst port 5001
		0x00, 30, 0x00, 0x00, // UDP length, checksum
	}
	binary.BigEndian.PutUint16(f[34:], srcPort)
	return append(f, make([]byte, 64-len(f))...)
}

func frames(n int, base uint16) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = frame(base + uint16(i%4))
	}
	return out
}

func payloads(ds []udpcollect.Datagram) [][]byte {
	out := make([][]byte, len(ds))
	for i, d := range ds {
		out[i] = d.Data
	}
	return out
}

// sameDatagrams checks that every collector of a type received the same
// datagrams, byte for byte, in the same order.
func sameDatagrams(t *testing.T, what string, cols []*udpcollect.Collector) {
	t.Helper()
	first := payloads(cols[0].WaitQuiet(300 * time.Millisecond))
	if len(first) == 0 {
		t.Errorf("%s: collector %s received nothing", what, cols[0].Target())
		return
	}
	for _, c := range cols[1:] {
		got := payloads(c.WaitQuiet(300 * time.Millisecond))
		if !slices.EqualFunc(first, got, bytes.Equal) {
			t.Errorf("%s: collector %s got %d datagrams, %s got %d, or their bytes differ", what, cols[0].Target(), len(first), c.Target(), len(got))
		}
	}
}

func targetsOf(cols []*udpcollect.Collector) []string {
	ts := make([]string, len(cols))
	for i, c := range cols {
		ts[i] = c.Target()
	}
	return ts
}

// TestExportOnRealSwitch configures all three types with several loopback
// collectors each through flowdb on a real ovsdb-server + ovs-vswitchd,
// checks what ovs-vsctl finds, that each collector receives records and
// that the collectors of a type receive identical datagrams; then clears
// and checks that no row remains and nothing more is sent.
func TestExportOnRealSwitch(t *testing.T) {
	nf := []*udpcollect.Collector{udpcollect.Listen(t, "udp4"), udpcollect.Listen(t, "udp4"), udpcollect.Listen(t, "udp6")}
	sf := []*udpcollect.Collector{udpcollect.Listen(t, "udp4"), udpcollect.Listen(t, "udp6")}
	ix := []*udpcollect.Collector{udpcollect.Listen(t, "udp4"), udpcollect.Listen(t, "udp4")}
	db, sw := ovstest.StartBridge(t, "br0", []string{"in_port=1,actions=output:2"})
	c := dial(t, db)
	ctx := ctxT(t)

	cfg := flowexport.Config{
		NetFlow: &flowexport.NetFlow{Targets: targetsOf(nf), ActiveTimeout: 60, EngineType: flowexport.Ptr(1), EngineID: flowexport.Ptr(2)},
		SFlow:   &flowexport.SFlow{Targets: targetsOf(sf), Sampling: flowexport.Ptr(1), Polling: flowexport.Ptr(0), Agent: flowexport.Ptr("lo")},
		IPFIX:   &flowexport.IPFIX{Targets: targetsOf(ix), Sampling: flowexport.Ptr(1)},
	}
	r, err := flowdb.Set(ctx, c, flowdb.Bridges("br0"), cfg, &flowdb.Options{WaitApplied: true})
	if err != nil {
		t.Fatalf("Set = %v", err)
	}
	if r.NextCfg == 0 {
		t.Error("Set with WaitApplied reported no next_cfg")
	}
	if cur := strings.TrimSpace(db.Vsctl(t, "get", "open_vswitch", ".", "cur_cfg")); cur == "0" {
		t.Error("cur_cfg still 0 after WaitApplied")
	}
	for table, cols := range map[string][]*udpcollect.Collector{"netflow": nf, "sflow": sf, "ipfix": ix} {
		want := targetsOf(cols)
		slices.Sort(want)
		got := findTargets(t, db, table)
		if len(got) != 1 || !slices.Equal(strings.Fields(got[0]), want) {
			t.Errorf("ovs-vsctl find %s targets = %q, want one row with %q", table, got, want)
		}
	}

	sw.Inject(t, "p1", frames(20, 1000)...)
	sw.Appctl(t, "revalidator/purge") // NetFlow exports deleted flows
	sw.Warp(t, 2000)                  // sFlow flushes on its 1-s tick
	for _, col := range slices.Concat(nf, sf, ix) {
		col.WaitN(t, 1, 10*time.Second)
	}
	t.Logf("datagrams: NetFlow %d, sFlow %d, IPFIX %d", nf[0].Len(), sf[0].Len(), ix[0].Len())
	sameDatagrams(t, "NetFlow", nf)
	sameDatagrams(t, "sFlow", sf)
	sameDatagrams(t, "IPFIX", ix)
	for _, d := range nf[0].Datagrams() {
		if binary.BigEndian.Uint16(d.Data) != 5 {
			t.Fatalf("NetFlow collector got a non-v5 datagram")
		}
	}
	for _, d := range sf[0].Datagrams() {
		if binary.BigEndian.Uint32(d.Data) != 5 {
			t.Fatalf("sFlow collector got a non-v5 datagram")
		}
	}
	for _, d := range ix[0].Datagrams() {
		if binary.BigEndian.Uint16(d.Data) != 10 {
			t.Fatalf("IPFIX collector got a non-IPFIX datagram")
		}
	}

	if _, err := flowdb.Clear(ctx, c, flowdb.Bridges("br0"), &flowdb.Options{WaitApplied: true}); err != nil {
		t.Fatalf("Clear = %v", err)
	}
	for _, table := range []string{"netflow", "sflow", "ipfix"} {
		if got := findTargets(t, db, table); len(got) != 0 {
			t.Errorf("after Clear, ovs-vsctl find %s = %q, want no row", table, got)
		}
	}
	// Let OVS's removal flush (IPFIX reason 4) go out, then expect silence.
	for _, col := range slices.Concat(nf, sf, ix) {
		col.WaitQuiet(300 * time.Millisecond)
		col.Reset()
	}
	sw.Inject(t, "p1", frames(20, 2000)...)
	sw.Appctl(t, "revalidator/purge")
	sw.Warp(t, 2000)
	time.Sleep(time.Second)
	for _, col := range slices.Concat(nf, sf, ix) {
		if n := col.Len(); n != 0 {
			t.Errorf("after Clear, collector %s received %d datagrams", col.Target(), n)
		}
	}
}
