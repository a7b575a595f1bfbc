package ovstest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/testenv"
)

// Cluster is a RAFT cluster of ovsdb-servers on loopback, created with
// ovsdb-tool create-cluster and join-cluster.
type Cluster struct {
	// Members are the servers; each listens on a unix socket and on
	// 127.0.0.1 (DB.TCPEndpoint).
	Members []*DB
}

// StartCluster starts an n-server clustered Open_vSwitch database and waits
// until it has a leader and is initialized. Every server is stopped when
// the test ends.
func StartCluster(tb testing.TB, n int) *Cluster {
	tb.Helper()
	testenv.RequireBinary(tb, "ovsdb-server", aptPackage)
	testenv.RequireBinary(tb, "ovsdb-tool", aptPackage)
	testenv.RequireBinary(tb, "ovs-vsctl", aptPackage)
	c := &Cluster{}
	raft := make([]string, n)
	for i := range raft {
		raft[i] = "tcp:127.0.0.1:" + strconv.Itoa(freePort(tb))
	}
	for i := 0; i < n; i++ {
		dir := shortTempDir(tb, "ovsdbc")
		db := &DB{Dir: dir, opts: DBOptions{Schema: DefaultSchema, TCP: true}, tcpPort: freePort(tb)}
		db.Socket = filepath.Join(dir, "db.sock")
		db.DBFile = filepath.Join(dir, "conf.db")
		db.env = append(os.Environ(), "OVS_RUNDIR="+dir, "OVS_DBDIR="+dir, "OVS_LOGDIR="+dir, "OVS_SYSCONFDIR="+dir)
		var err error
		if i == 0 {
			_, err = db.run("ovsdb-tool", "create-cluster", db.DBFile, DefaultSchema, raft[0])
		} else {
			_, err = db.run("ovsdb-tool", "join-cluster", db.DBFile, "Open_vSwitch", raft[i], raft[0])
		}
		if err != nil {
			tb.Fatalf("ovstest: %v", err)
		}
		tb.Cleanup(func() {
			if tb.Failed() {
				logTail(tb, filepath.Join(db.Dir, "ovsdb-server.log"))
			}
			db.Stop()
		})
		db.start(tb)
		c.Members = append(c.Members, db)
	}
	// Wait for a leader and for every member to have joined.
	deadline := time.Now().Add(30 * time.Second)
	for {
		joined := 0
		for _, m := range c.Members {
			if st := m.ClusterStatus(); strings.Contains(st, "Status: cluster member") {
				joined++
			}
		}
		if joined == n && c.Leader() >= 0 {
			break
		}
		if time.Now().After(deadline) {
			tb.Fatalf("ovstest: cluster of %d did not converge; status of member 0:\n%s", n, c.Members[0].ClusterStatus())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := run(c.Members[0].env, "ovs-vsctl", "--db="+strings.Join(c.Endpoints(), ","), "--no-wait", "--timeout=30", "init"); err != nil {
		tb.Fatalf("ovstest: %v", err)
	}
	return c
}

// Endpoints returns every member's TCP endpoint.
func (c *Cluster) Endpoints() []string {
	eps := make([]string, len(c.Members))
	for i, m := range c.Members {
		eps[i] = m.TCPEndpoint()
	}
	return eps
}

// Leader returns the index of the member that reports itself leader, or
// -1.
func (c *Cluster) Leader() int {
	for i, m := range c.Members {
		if strings.Contains(m.ClusterStatus(), "Role: leader") {
			return i
		}
	}
	return -1
}

// WaitLeader waits until some member other than not (-1 for any) is
// leader and returns its index.
func (c *Cluster) WaitLeader(tb testing.TB, not int, timeout time.Duration) int {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		for i, m := range c.Members {
			if i != not && strings.Contains(m.ClusterStatus(), "Role: leader") {
				return i
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.Fatalf("ovstest: no new leader within %v", timeout)
	return -1
}

// ClusterStatus returns `cluster/status Open_vSwitch` of a clustered
// server, or "" if it does not answer.
func (db *DB) ClusterStatus() string {
	out, err := run(db.env, "ovs-appctl", "-T", "5", "-t", db.ctl(), "cluster/status", "Open_vSwitch")
	if err != nil {
		return ""
	}
	return out
}
