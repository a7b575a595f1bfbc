package ovsdb_test

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/ovsflow/ovsflow/internal/testenv"
	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/vswitch"
)

// raftCluster is a 3-server ovsdb RAFT cluster on loopback, built with
// ovsdb-tool create-cluster / join-cluster.
type raftCluster struct {
	dir   string
	env   []string
	n     int
	dbs   []string
	socks []string
}

func freeTCPPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func (rc *raftCluster) run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = rc.env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v: %s", name, strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

func (rc *raftCluster) file(i int, ext string) string {
	return filepath.Join(rc.dir, "s"+strconv.Itoa(i)+ext)
}

func startCluster(t *testing.T) *raftCluster {
	t.Helper()
	for _, b := range []string{"ovsdb-server", "ovsdb-tool", "ovs-appctl"} {
		testenv.RequireBinary(t, b, "openvswitch-switch")
	}
	dir, err := os.MkdirTemp("", "raft")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	rc := &raftCluster{dir: dir, n: 3}
	rc.env = append(os.Environ(), "OVS_RUNDIR="+dir, "OVS_DBDIR="+dir, "OVS_LOGDIR="+dir)
	var addrs []string
	for i := 0; i < rc.n; i++ {
		addrs = append(addrs, "tcp:127.0.0.1:"+strconv.Itoa(freeTCPPort(t)))
		rc.dbs = append(rc.dbs, rc.file(i, ".db"))
		rc.socks = append(rc.socks, rc.file(i, ".sock"))
	}
	rc.run(t, "ovsdb-tool", "create-cluster", rc.dbs[0], "/usr/share/openvswitch/vswitch.ovsschema", addrs[0])
	for i := 1; i < rc.n; i++ {
		rc.run(t, "ovsdb-tool", "join-cluster", rc.dbs[i], "Open_vSwitch", addrs[i], addrs[0])
	}
	t.Cleanup(func() {
		for i := 0; i < rc.n; i++ {
			rc.kill(i, syscall.SIGTERM)
		}
	})
	for i := 0; i < rc.n; i++ {
		rc.start(t, i)
	}
	return rc
}

func (rc *raftCluster) start(t *testing.T, i int) {
	rc.run(t, "ovsdb-server", rc.dbs[i], "--remote=punix:"+rc.socks[i], "--pidfile="+rc.file(i, ".pid"),
		"--unixctl="+rc.file(i, ".ctl"), "--log-file="+rc.file(i, ".log"), "--detach", "--no-chdir")
}

func (rc *raftCluster) kill(i int, sig syscall.Signal) {
	b, err := os.ReadFile(rc.file(i, ".pid"))
	if err != nil {
		return
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	if pid <= 0 {
		return
	}
	_ = syscall.Kill(pid, sig)
	for j := 0; j < 300; j++ {
		if syscall.Kill(pid, 0) != nil {
			return
		}
		if st, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); err != nil || bytes.Contains(st, []byte(") Z")) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// leader returns the index of the server reporting "Role: leader".
func (rc *raftCluster) leader(t *testing.T, alive func(int) bool) int {
	for i := 0; i < rc.n; i++ {
		if !alive(i) {
			continue
		}
		cmd := exec.Command("ovs-appctl", "-T", "2", "-t", rc.file(i, ".ctl"), "cluster/status", "Open_vSwitch")
		cmd.Env = rc.env
		out, _ := cmd.Output()
		if strings.Contains(string(out), "Role: leader") {
			return i
		}
	}
	return -1
}

// TestRealCluster connects in leader-only mode to a 3-server RAFT cluster,
// keeps a cache, kills the leader with SIGKILL and checks the client moves to
// the new leader, resumes its monitor and keeps transacting.
func TestRealCluster(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	rc := startCluster(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	all := func(int) bool { return true }
	waitFor(t, "a leader", func() bool { return rc.leader(t, all) >= 0 })
	var eps []string
	for _, s := range rc.socks {
		eps = append(eps, "unix:"+s)
	}
	c, err := ovsdb.Dial(ctx, eps, &ovsdb.Config{LeaderOnly: true, MinBackoff: 50 * time.Millisecond, MaxBackoff: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	lead := rc.leader(t, all)
	if c.Endpoint() != eps[lead] {
		t.Fatalf("connected to %s, leader is %s", c.Endpoint(), eps[lead])
	}
	if _, err := c.Transact(ctx, vswitch.DatabaseName, ovsdb.Insert(vswitch.OpenVSwitchTable, ovsdb.Row{}, "")); err != nil {
		t.Fatal(err)
	}
	ca, err := ovsdb.NewCache(ctx, c, vswitch.DatabaseName, []string{vswitch.OpenVSwitchTable, vswitch.BridgeTable}, vswitch.NewModel, nil)
	if err != nil {
		t.Fatal(err)
	}
	if ca.Monitor().Method() != ovsdb.MonitorCondSince || ca.Monitor().LastTxnID() == "00000000-0000-0000-0000-000000000000" {
		t.Fatalf("clustered monitor: method %v, last txn %s", ca.Monitor().Method(), ca.Monitor().LastTxnID())
	}
	sub := ca.Subscribe(64, false)
	// A second, raw monitor records whether the resumption after failover
	// found its last transaction id (no full reload).
	var rmu sync.Mutex
	var resets []bool
	if _, err := c.Monitor(ctx, vswitch.DatabaseName, ovsdb.MonitorRequests{vswitch.BridgeTable: {{}}}, func(u *ovsdb.MonitorUpdate) {
		rmu.Lock()
		resets = append(resets, u.Reset)
		rmu.Unlock()
	}, nil); err != nil {
		t.Fatal(err)
	}
	addBridge := func(name string) {
		t.Helper()
		ovs := ovsdb.CacheTable[vswitch.OpenVSwitch](ca).List()[0]
		if _, err := c.Transact(ctx, vswitch.DatabaseName,
			ovsdb.Insert(vswitch.BridgeTable, (&vswitch.Bridge{Name: name}).ToRow("name"), "br"),
			ovsdb.MutateOp(vswitch.OpenVSwitchTable, []ovsdb.Mutation{ovsdb.Mutate("bridges", ovsdb.MutateInsert, ovsdb.AtomOf(ovsdb.NamedUUID("br")))}, ovsdb.WhereUUID(ovs.UUID))); err != nil {
			t.Fatalf("add bridge %s: %v", name, err)
		}
	}
	addBridge("before")

	rc.kill(lead, syscall.SIGKILL)
	alive := func(i int) bool { return i != lead }
	waitFor(t, "new leader", func() bool { return rc.leader(t, alive) >= 0 })
	newLead := rc.leader(t, alive)
	waitFor(t, "client on new leader", func() bool { return c.Endpoint() == eps[newLead] })
	addBridge("after")
	if err := ca.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	bridges := ovsdb.CacheTable[vswitch.Bridge](ca)
	if bridges.Len() != 2 {
		t.Fatalf("cache has %d bridges after failover, want 2", bridges.Len())
	}
	// Exactly one insert event per bridge: the resumed monitor replays
	// nothing twice.
	inserts := map[string]int{}
	sub.Close()
	for ev := range sub.C {
		if ev.Table == vswitch.BridgeTable && ev.Op == ovsdb.RowInsert {
			inserts[ev.New.(*vswitch.Bridge).Name]++
		}
	}
	if inserts["before"] != 1 || inserts["after"] != 1 {
		t.Fatalf("bridge insert events = %v", inserts)
	}
	if c.Stats().Reconnects < 1 {
		t.Fatal("no reconnection counted")
	}
	rmu.Lock()
	defer rmu.Unlock()
	if len(resets) < 3 || !resets[0] {
		t.Fatalf("monitor updates (Reset flags) = %v", resets)
	}
	for i, r := range resets[1:] {
		if r {
			t.Fatalf("update %d after the initial one was a full reload: monitor_cond_since did not resume (%v)", i+1, resets)
		}
	}
	c.Close()
}
