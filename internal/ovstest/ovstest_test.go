package ovstest

import (
	"strings"
	"testing"
	"time"
)

func TestDB(t *testing.T) {
	db := StartDB(t, &DBOptions{TCP: true})
	if !strings.HasPrefix(db.Endpoint(), "unix:") || !strings.HasPrefix(db.TCPEndpoint(), "tcp:127.0.0.1:") {
		t.Fatalf("endpoints %q %q", db.Endpoint(), db.TCPEndpoint())
	}
	db.Vsctl(t, "add-br", "br0")
	if got := strings.TrimSpace(db.Vsctl(t, "list-br")); got != "br0" {
		t.Fatalf("list-br = %q, want br0", got)
	}
	out, err := db.run("ovs-vsctl", "--db="+db.TCPEndpoint(), "--no-wait", "list-br")
	if err != nil || strings.TrimSpace(out) != "br0" {
		t.Fatalf("list-br over TCP = %q, %v", out, err)
	}
	db.Kill(t)
	if _, err := db.VsctlErr("list-br"); err == nil {
		t.Fatal("ovs-vsctl succeeded against a killed server")
	}
	db.Restart(t)
	if got := strings.TrimSpace(db.Vsctl(t, "list-br")); got != "br0" {
		t.Fatalf("after restart list-br = %q, want br0 (database kept)", got)
	}
	out, err = db.run("ovs-vsctl", "--db="+db.TCPEndpoint(), "--no-wait", "list-br")
	if err != nil || strings.TrimSpace(out) != "br0" {
		t.Fatalf("after restart list-br over TCP = %q, %v (same port expected)", out, err)
	}
}

func TestSwitchInject(t *testing.T) {
	db := StartDB(t, nil)
	sw := StartSwitch(t, db)
	sw.AddBridge(t, "br0", Port{Name: "p1", OFPort: 1, IfIndex: 101}, Port{Name: "p2", OFPort: 2, IfIndex: 102})
	if got := strings.TrimSpace(sw.Vsctl(t, "get", "interface", "p2", "ofport")); got != "2" {
		t.Fatalf("p2 ofport = %q, want 2", got)
	}
	sw.DelFlows(t, "br0")
	sw.AddFlows(t, "br0", "in_port=1,actions=output:2")
	// 150 frames: more than the dummy queue's 100; all must be received.
	frame := make([]byte, 60)
	copy(frame, []byte{0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x00})
	frames := make([][]byte, 150)
	for i := range frames {
		frames[i] = frame
	}
	sw.Inject(t, "p1", frames...)
	sw.Appctl(t, "revalidator/purge") // push datapath stats to OpenFlow
	stats := sw.Ofctl(t, "dump-flows", "br0")
	if !strings.Contains(stats, "n_packets=150") {
		t.Fatalf("dump-flows after 150 frames:\n%s", stats)
	}
	sw.Warp(t, 1000)
}

func TestCluster(t *testing.T) {
	c := StartCluster(t, 3)
	leader := c.Leader()
	if leader < 0 {
		t.Fatal("no leader")
	}
	eps := strings.Join(c.Endpoints(), ",")
	if _, err := run(c.Members[0].env, "ovs-vsctl", "--db="+eps, "--no-wait", "add-br", "br0"); err != nil {
		t.Fatal(err)
	}
	c.Members[leader].Kill(t)
	next := c.WaitLeader(t, leader, 30*time.Second)
	if next == leader {
		t.Fatal("leader did not change")
	}
	out, err := run(c.Members[next].env, "ovs-vsctl", "--db="+c.Members[next].TCPEndpoint(), "--no-wait", "list-br")
	if err != nil || strings.TrimSpace(out) != "br0" {
		t.Fatalf("list-br on new leader = %q, %v", out, err)
	}
	c.Members[leader].Restart(t)
}
