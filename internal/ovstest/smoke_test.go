package ovstest_test

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/internal/tshark"
	"github.com/ovsflow/ovsflow/internal/udpcollect"
)

// udp4Frame returns an Ethernet/IPv4/UDP frame of 64 bytes from 10.0.0.1 to
// 10.0.0.2 with the given source port.
func udp4Frame(srcPort uint16) []byte {
	f := []byte{
		0x00, 0x00, 0x00, 0x00, 0x00, 0x02, // dst MAC
		0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // src MAC
		0x08, 0x00, // IPv4
		0x45, 0x00, 0x00, 50, // version/IHL, ToS, total length
		0x00, 0x00, 0x40, 0x00, // id, DF
		64, 17, 0x00, 0x00, // TTL, UDP, checksum (unchecked)
		10, 0, 0, 1, // src
		10, 0, 0, 2, // dst
		0, 0, 0x13, 0x89, // ports (src patched), dst 5001
		0x00, 30, 0x00, 0x00, // UDP length, checksum
	}
	binary.BigEndian.PutUint16(f[34:], srcPort)
	return append(f, make([]byte, 64-len(f))...)
}

// TestSmokeNetFlowChain proves the whole chain the other tests build on:
// real ovsdb-server and ovs-vswitchd (dummy datapath) started by the
// harness, NetFlow configured with ovs-vsctl to a loopback collector,
// frames injected, at least one NetFlow v5 datagram received, and tshark
// decoding it with no error and the injected flows in it.
func TestSmokeNetFlowChain(t *testing.T) {
	tshark.Require(t)
	col := udpcollect.Listen(t, "udp4")
	_, sw := ovstest.StartBridge(t, "br0", []string{"in_port=1,actions=output:2"})
	sw.Vsctl(t, "--", "--id=@nf", "create", "netflow", `targets="`+col.Target()+`"`,
		"active_timeout=60", "engine_type=1", "engine_id=2",
		"--", "set", "bridge", "br0", "netflow=@nf")

	const flows, perFlow = 3, 5
	var frames [][]byte
	for i := 0; i < perFlow; i++ {
		for f := 0; f < flows; f++ {
			frames = append(frames, udp4Frame(uint16(1000+f)))
		}
	}
	sw.Inject(t, "p1", frames...)
	// Deleting the datapath flows makes OVS export their counts.
	sw.Appctl(t, "revalidator/purge")
	col.WaitN(t, 1, 10*time.Second)
	got := col.WaitQuiet(300 * time.Millisecond) // records may span datagrams

	var payloads [][]byte
	records := 0
	for _, d := range got {
		payloads = append(payloads, d.Data)
		if len(d.Data) < 24 || binary.BigEndian.Uint16(d.Data) != 5 {
			t.Fatalf("datagram is not NetFlow v5: % x", d.Data)
		}
		records += int(binary.BigEndian.Uint16(d.Data[2:]))
	}
	pkts := tshark.Decode(t, payloads, "cflow")
	tshark.CheckClean(t, pkts)
	var srcPorts, packets []string
	for _, p := range pkts {
		srcPorts = append(srcPorts, p.Root.Values("cflow.srcport")...)
		packets = append(packets, p.Root.Values("cflow.packets")...)
		if v, _ := p.Root.Value1("cflow.engine_id"); v != "2" {
			t.Errorf("tshark cflow.engine_id = %q, want 2", v)
		}
	}
	if records != flows || len(srcPorts) != flows {
		t.Fatalf("got %d records (tshark saw %d), want %d:\n%s", records, len(srcPorts), flows, pkts[0].Root.Find("cflow"))
	}
	for i, n := range packets {
		if n != "5" {
			t.Errorf("record %d: tshark cflow.packets = %s, want %d", i, n, perFlow)
		}
	}
	t.Logf("%d NetFlow datagram(s), %d records, decoded cleanly by tshark", len(got), records)
}
