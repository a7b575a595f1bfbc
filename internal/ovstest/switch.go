package ovstest

import (
	"encoding/hex"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/testenv"
)

// Switch is a running ovs-vswitchd with the dummy datapath, attached to a
// [DB].
type Switch struct {
	// DB is the database the switch reads its configuration from.
	DB *DB
}

// Port describes a dummy port for [Switch.AddBridge].
type Port struct {
	// Name is the interface (and port) name.
	Name string
	// OFPort is the OpenFlow port number to request (ofport_request); 0
	// lets OVS choose.
	OFPort int
	// IfIndex is the kernel ifindex the dummy netdev reports
	// (options:ifindex); 0 leaves it unset.
	IfIndex int
}

// StartSwitch starts ovs-vswitchd --enable-dummy --disable-system
// --disable-system-route on db. It is stopped (before db) when the test
// ends.
func StartSwitch(tb testing.TB, db *DB) *Switch {
	tb.Helper()
	testenv.RequireBinary(tb, "ovs-vswitchd", aptPackage)
	testenv.RequireBinary(tb, "ovs-ofctl", aptPackage)
	sw := &Switch{DB: db}
	args := []string{
		db.Endpoint(),
		"--enable-dummy", "--disable-system", "--disable-system-route",
		"--pidfile=" + sw.pidfile(),
		"--unixctl=" + sw.ctl(),
		"--log-file=" + sw.LogFile(),
		"--detach", "--no-chdir",
	}
	if _, err := db.run("ovs-vswitchd", args...); err != nil {
		tb.Fatalf("ovstest: %v", err)
	}
	// Registered after StartDB's cleanup, so it runs first: the switch stops
	// before the database and before the test's collectors close.
	tb.Cleanup(func() {
		if tb.Failed() {
			logTail(tb, sw.LogFile())
		}
		sw.Stop()
	})
	// Wait for vswitchd to have read the database once.
	sw.Vsctl(tb, "show")
	return sw
}

func (sw *Switch) pidfile() string { return filepath.Join(sw.DB.Dir, "ovs-vswitchd.pid") }
func (sw *Switch) ctl() string     { return filepath.Join(sw.DB.Dir, "ovs-vswitchd.ctl") }

// LogFile returns the path of ovs-vswitchd's log.
func (sw *Switch) LogFile() string { return filepath.Join(sw.DB.Dir, "ovs-vswitchd.log") }

// Stop asks ovs-vswitchd to exit and waits until it is gone. It is
// idempotent. Stop the switch before closing collectors, or it logs
// "connection refused".
func (sw *Switch) Stop() { stopDaemon(sw.DB.env, sw.ctl(), sw.pidfile()) }

// Vsctl runs ovs-vsctl and waits until ovs-vswitchd has applied the change
// (cur_cfg reaches next_cfg); the test fails if it fails.
func (sw *Switch) Vsctl(tb testing.TB, args ...string) string {
	tb.Helper()
	out, err := sw.VsctlErr(args...)
	if err != nil {
		tb.Fatalf("ovstest: %v", err)
	}
	return out
}

// VsctlErr is [Switch.Vsctl] returning the error.
func (sw *Switch) VsctlErr(args ...string) (string, error) {
	return sw.DB.run("ovs-vsctl", append([]string{"--db=" + sw.DB.Endpoint(), "--timeout=30"}, args...)...)
}

// Appctl runs ovs-appctl against ovs-vswitchd.
func (sw *Switch) Appctl(tb testing.TB, args ...string) string {
	tb.Helper()
	out, err := sw.DB.run("ovs-appctl", append([]string{"-t", sw.ctl()}, args...)...)
	if err != nil {
		tb.Fatalf("ovstest: %v", err)
	}
	return out
}

// Ofctl runs ovs-ofctl (with OVS_RUNDIR pointing at the switch's sockets).
func (sw *Switch) Ofctl(tb testing.TB, args ...string) string {
	tb.Helper()
	out, err := sw.DB.run("ovs-ofctl", args...)
	if err != nil {
		tb.Fatalf("ovstest: %v", err)
	}
	return out
}

// AddBridge creates a bridge on the dummy datapath with the given dummy
// ports. The bridge starts with OVS's default NORMAL flow; see
// [Switch.DelFlows] and [Switch.AddFlows].
func (sw *Switch) AddBridge(tb testing.TB, name string, ports ...Port) {
	tb.Helper()
	args := []string{"add-br", name, "--", "set", "bridge", name, "datapath_type=dummy"}
	for _, p := range ports {
		args = append(args, "--", "add-port", name, p.Name, "--", "set", "interface", p.Name, "type=dummy")
		if p.OFPort != 0 {
			args = append(args, "ofport_request="+strconv.Itoa(p.OFPort))
		}
		if p.IfIndex != 0 {
			args = append(args, "options:ifindex="+strconv.Itoa(p.IfIndex))
		}
	}
	sw.Vsctl(tb, args...)
}

// AddFlows adds OpenFlow flows (ovs-ofctl add-flow syntax) to bridge.
func (sw *Switch) AddFlows(tb testing.TB, bridge string, flows ...string) {
	tb.Helper()
	for _, f := range flows {
		sw.Ofctl(tb, "add-flow", bridge, f)
	}
}

// DelFlows removes every flow of bridge.
func (sw *Switch) DelFlows(tb testing.TB, bridge string) {
	tb.Helper()
	sw.Ofctl(tb, "del-flows", bridge)
}

// injectBatch is the most frames handed to netdev-dummy/receive at once:
// the dummy rx queue holds 100 packets and drops the rest silently.
const injectBatch = 32

// Inject makes frames arrive on the dummy port, in order. It hands them to
// ovs-vswitchd in batches of at most 32 and waits, after each batch, until
// the netdev_received coverage counter shows the whole batch was received,
// so no frame is lost to the dummy queue's limit.
func (sw *Switch) Inject(tb testing.TB, port string, frames ...[]byte) {
	tb.Helper()
	for len(frames) > 0 {
		n := min(len(frames), injectBatch)
		before := sw.received(tb)
		args := []string{"netdev-dummy/receive", port}
		for _, f := range frames[:n] {
			args = append(args, hex.EncodeToString(f))
		}
		sw.Appctl(tb, args...)
		deadline := time.Now().Add(10 * time.Second)
		for sw.received(tb) < before+n {
			if time.Now().After(deadline) {
				tb.Fatalf("ovstest: %s: %d of %d injected frames received after 10s", port, sw.received(tb)-before, n)
			}
			time.Sleep(5 * time.Millisecond)
		}
		frames = frames[n:]
	}
}

// received returns the netdev_received coverage counter.
func (sw *Switch) received(tb testing.TB) int {
	tb.Helper()
	out := sw.Appctl(tb, "coverage/read-counter", "netdev_received")
	n, err := strconv.Atoi(strings.TrimSpace(out))
	if err != nil {
		tb.Fatalf("ovstest: coverage/read-counter netdev_received: %q", out)
	}
	return n
}

// Warp advances ovs-vswitchd's monotonic clock by msecs (time/warp), which
// moves NetFlow expiry and the sFlow 1-s tick; wall-clock timers (IPFIX
// cache, sFlow uptime) do not move.
func (sw *Switch) Warp(tb testing.TB, msecs int) {
	tb.Helper()
	sw.Appctl(tb, "time/warp", strconv.Itoa(msecs))
}

// WarpStep advances the monotonic clock by total msecs in steps of step
// msecs, letting the main loop run at each step.
func (sw *Switch) WarpStep(tb testing.TB, total, step int) {
	tb.Helper()
	sw.Appctl(tb, "time/warp", strconv.Itoa(total), strconv.Itoa(step))
}

// TwoPorts are the dummy ports most tests use: p1 (OpenFlow port 1,
// ifindex 11) and p2 (OpenFlow port 2, ifindex 12).
var TwoPorts = []Port{{Name: "p1", OFPort: 1, IfIndex: 11}, {Name: "p2", OFPort: 2, IfIndex: 12}}

// StartBridge starts a private ovsdb-server and ovs-vswitchd, creates a
// dummy-datapath bridge with ports (TwoPorts when none are given) and
// replaces OVS's default NORMAL flow with flows (none: every frame is
// dropped). Create the test's collectors before calling it, so the switch
// stops before they close.
func StartBridge(tb testing.TB, bridge string, flows []string, ports ...Port) (*DB, *Switch) {
	tb.Helper()
	if len(ports) == 0 {
		ports = TwoPorts
	}
	db := StartDB(tb, nil)
	sw := StartSwitch(tb, db)
	sw.AddBridge(tb, bridge, ports...)
	sw.DelFlows(tb, bridge)
	sw.AddFlows(tb, bridge, flows...)
	return db, sw
}
