package main

import (
	"encoding/binary"
	"strings"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/internal/udpcollect"
)

// TestWaitOnRealSwitch runs "set -wait" against ovsdb-server with
// ovs-vswitchd attached, exporting NetFlow to a LOOPBACK collector only,
// and checks that the switch has applied the change when flowconfig
// returns and that NetFlow datagrams arrive.
func TestWaitOnRealSwitch(t *testing.T) {
	col := udpcollect.Listen(t, "udp4")
	db, sw := ovstest.StartBridge(t, "br-int", []string{"in_port=1,actions=output:2"})
	c := cli{t, db}
	c.mustRun(`{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":["`+col.Target()+`"]}}}}`, "-wait", "set", "-")
	next := strings.TrimSpace(db.Vsctl(t, "get", "open_vswitch", ".", "next_cfg"))
	cur := strings.TrimSpace(db.Vsctl(t, "get", "open_vswitch", ".", "cur_cfg"))
	if next == "0" || cur != next {
		t.Errorf("after set -wait: next_cfg %s, cur_cfg %s, want equal and non-zero", next, cur)
	}
	f := make([]byte, 64)
	copy(f, []byte{0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x00, 0x45, 0, 0, 50, 0, 0, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 0x03, 0xe8, 0x13, 0x89, 0, 30})
	sw.Inject(t, "p1", f, f, f)
	sw.Appctl(t, "revalidator/purge")
	ds := col.WaitN(t, 1, 10*time.Second)
	if binary.BigEndian.Uint16(ds[0].Data) != 5 {
		t.Errorf("collector got a non-NetFlow-v5 datagram")
	}
	c.mustRun("", "-wait", "clear")
	if got := strings.TrimSpace(db.Vsctl(t, "--bare", "--columns=_uuid", "find", "netflow")); got != "" {
		t.Errorf("NetFlow rows after clear: %q", got)
	}
}
