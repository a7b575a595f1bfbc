// Package ovstest runs real Open vSwitch daemons for tests: a private
// ovsdb-server on a fresh database and, on request, ovs-vswitchd with the
// dummy datapath (no kernel module, no systemd). Every file lives in a
// temporary directory and every daemon is stopped by pidfile when the test
// ends.
//
//	db := ovstest.StartDB(t, nil)
//	sw := ovstest.StartSwitch(t, db)
//	sw.AddBridge(t, "br0", ovstest.Port{Name: "p1", OFPort: 1, IfIndex: 1001})
//	sw.Vsctl(t, "--", "--id=@nf", "create", "netflow", `targets="127.0.0.1:9995"`,
//		"--", "set", "bridge", "br0", "netflow=@nf")
//	sw.Inject(t, "p1", frame)
//
// Tests that use it are skipped when Open vSwitch is not installed, or fail
// under OVSFLOW_REQUIRE_REAL=1 (see [testenv.RequireBinary]).
package ovstest

import (
	"bufio"
	"bytes"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/testenv"
)

// DefaultSchema is the schema the Debian package installs.
const DefaultSchema = "/usr/share/openvswitch/vswitch.ovsschema"

const aptPackage = "openvswitch-switch"

// DBOptions configures [StartDB]. A nil *DBOptions means a unix socket only.
type DBOptions struct {
	// Schema is the .ovsschema file to create the database from;
	// empty means DefaultSchema.
	Schema string
	// TCP also listens on 127.0.0.1 on a kernel-chosen port (see
	// DB.TCPEndpoint).
	TCP bool
	// SSL, if set, also listens for TLS on 127.0.0.1 with these files (see
	// DB.SSLEndpoint).
	SSL *SSLFiles
	// ExtraArgs are appended to the ovsdb-server command line.
	ExtraArgs []string
}

// SSLFiles are the PEM files ovsdb-server's --private-key, --certificate and
// --ca-cert options take.
type SSLFiles struct {
	PrivateKey  string
	Certificate string
	CACert      string
}

// DB is a running private ovsdb-server.
type DB struct {
	// Dir holds the database, socket, pidfile, control socket and log.
	Dir string
	// Socket is the path of the unix socket.
	Socket string
	// DBFile is the path of the database file.
	DBFile string

	opts    DBOptions
	tcpPort int
	sslPort int
	env     []string
}

// shortTempDir returns a directory with a short path (unix socket paths are
// limited to 108 bytes), removed at cleanup.
func shortTempDir(tb testing.TB, prefix string) string {
	tb.Helper()
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		tb.Fatalf("ovstest: %v", err)
	}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// StartDB creates a fresh database and starts ovsdb-server on it. The
// server is stopped when the test ends.
func StartDB(tb testing.TB, opts *DBOptions) *DB {
	tb.Helper()
	testenv.RequireBinary(tb, "ovsdb-server", aptPackage)
	testenv.RequireBinary(tb, "ovsdb-tool", aptPackage)
	testenv.RequireBinary(tb, "ovs-vsctl", aptPackage)
	testenv.RequireBinary(tb, "ovs-appctl", aptPackage)
	db := &DB{Dir: shortTempDir(tb, "ovsdb")}
	if opts != nil {
		db.opts = *opts
	}
	if db.opts.Schema == "" {
		db.opts.Schema = DefaultSchema
	}
	if _, err := os.Stat(db.opts.Schema); err != nil {
		testenv.Missing(tb, "schema "+db.opts.Schema+" not found", aptPackage)
	}
	db.Socket = filepath.Join(db.Dir, "db.sock")
	db.DBFile = filepath.Join(db.Dir, "conf.db")
	db.env = append(os.Environ(), "OVS_RUNDIR="+db.Dir, "OVS_DBDIR="+db.Dir, "OVS_LOGDIR="+db.Dir, "OVS_SYSCONFDIR="+db.Dir)
	if _, err := db.run("ovsdb-tool", "create", db.DBFile, db.opts.Schema); err != nil {
		tb.Fatalf("ovstest: %v", err)
	}
	tb.Cleanup(func() {
		if tb.Failed() {
			logTail(tb, filepath.Join(db.Dir, "ovsdb-server.log"))
		}
		db.Stop()
	})
	db.start(tb)
	db.Vsctl(tb, "init")
	return db
}

func (db *DB) start(tb testing.TB) {
	tb.Helper()
	args := []string{
		db.DBFile,
		"--remote=punix:" + db.Socket,
		"--pidfile=" + db.pidfile(),
		"--unixctl=" + db.ctl(),
		"--log-file=" + filepath.Join(db.Dir, "ovsdb-server.log"),
		"--detach", "--no-chdir",
	}
	if db.opts.TCP {
		args = append(args, "--remote=ptcp:"+strconv.Itoa(db.tcpPort)+":127.0.0.1")
	}
	if s := db.opts.SSL; s != nil {
		if db.sslPort == 0 {
			db.sslPort = freePort(tb)
		}
		args = append(args, "--remote=pssl:"+strconv.Itoa(db.sslPort)+":127.0.0.1",
			"--private-key="+s.PrivateKey, "--certificate="+s.Certificate, "--ca-cert="+s.CACert)
	}
	args = append(args, db.opts.ExtraArgs...)
	if _, err := db.run("ovsdb-server", args...); err != nil {
		tb.Fatalf("ovstest: %v", err)
	}
	// Learn the ports chosen by the kernel from the log (OVS logs
	// "ptcp:0:127.0.0.1: listening on port N"); keep them for restarts.
	if db.opts.TCP && db.tcpPort == 0 {
		db.tcpPort = waitListenPort(tb, filepath.Join(db.Dir, "ovsdb-server.log"))
	}
}

func (db *DB) pidfile() string { return filepath.Join(db.Dir, "ovsdb-server.pid") }
func (db *DB) ctl() string     { return filepath.Join(db.Dir, "ovsdb-server.ctl") }

// Endpoint returns the unix-socket endpoint, "unix:/…/db.sock".
func (db *DB) Endpoint() string { return "unix:" + db.Socket }

// TCPEndpoint returns "tcp:127.0.0.1:PORT"; it is empty unless
// DBOptions.TCP was set.
func (db *DB) TCPEndpoint() string {
	if db.tcpPort == 0 {
		return ""
	}
	return "tcp:127.0.0.1:" + strconv.Itoa(db.tcpPort)
}

// SSLEndpoint returns "ssl:127.0.0.1:PORT"; it is empty unless
// DBOptions.SSL was set.
func (db *DB) SSLEndpoint() string {
	if db.sslPort == 0 {
		return ""
	}
	return "ssl:127.0.0.1:" + strconv.Itoa(db.sslPort)
}

// Env returns the environment the daemons and tools run with (OVS_RUNDIR
// and friends pointing at Dir).
func (db *DB) Env() []string { return append([]string(nil), db.env...) }

// Vsctl runs ovs-vsctl --no-wait against the database and returns its
// standard output; the test fails if it fails.
func (db *DB) Vsctl(tb testing.TB, args ...string) string {
	tb.Helper()
	out, err := db.VsctlErr(args...)
	if err != nil {
		tb.Fatalf("ovstest: %v", err)
	}
	return out
}

// VsctlErr runs ovs-vsctl --no-wait and returns its output and error.
func (db *DB) VsctlErr(args ...string) (string, error) {
	return db.run("ovs-vsctl", append([]string{"--db=" + db.Endpoint(), "--no-wait", "--timeout=30"}, args...)...)
}

// Appctl runs ovs-appctl against ovsdb-server's control socket.
func (db *DB) Appctl(tb testing.TB, args ...string) string {
	tb.Helper()
	out, err := db.run("ovs-appctl", append([]string{"-t", db.ctl()}, args...)...)
	if err != nil {
		tb.Fatalf("ovstest: %v", err)
	}
	return out
}

// Kill sends SIGKILL to ovsdb-server and waits until it is gone.
func (db *DB) Kill(tb testing.TB) {
	tb.Helper()
	pid := readPid(db.pidfile())
	if pid <= 0 {
		tb.Fatalf("ovstest: no ovsdb-server pid in %s", db.pidfile())
	}
	_ = syscall.Kill(pid, syscall.SIGKILL)
	if !waitGone(pid, 10*time.Second) {
		tb.Fatalf("ovstest: ovsdb-server %d survived SIGKILL", pid)
	}
}

// Restart starts ovsdb-server again on the same database file, socket and
// ports (after Kill or Stop).
func (db *DB) Restart(tb testing.TB) {
	tb.Helper()
	db.start(tb)
}

// Stop stops ovsdb-server (exit command, then SIGTERM, then SIGKILL). It is
// idempotent.
func (db *DB) Stop() { stopDaemon(db.env, db.ctl(), db.pidfile()) }

func (db *DB) run(name string, args ...string) (string, error) {
	return run(db.env, name, args...)
}

// run executes a command and returns its standard output; the error
// includes the command line and standard error.
func run(env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), errors.New(name + " " + strings.Join(args, " ") + ": " + err.Error() + ": " + strings.TrimSpace(stderr.String()))
	}
	return stdout.String(), nil
}

func readPid(pidfile string) int {
	b, err := os.ReadFile(pidfile)
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return pid
}

func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	// A zombie (our detached child reaped by init later) counts as gone.
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	if i := bytes.LastIndexByte(b, ')'); i >= 0 && i+2 < len(b) && b[i+2] == 'Z' {
		return false
	}
	return true
}

func waitGone(pid int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if !alive(pid) {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return !alive(pid)
}

// stopDaemon asks a daemon to exit through its control socket and makes
// sure it is gone, by pidfile (never by process name).
func stopDaemon(env []string, ctl, pidfile string) {
	pid := readPid(pidfile)
	if pid <= 0 || !alive(pid) {
		return
	}
	_, _ = run(env, "ovs-appctl", "-T", "5", "-t", ctl, "exit")
	if waitGone(pid, 5*time.Second) {
		return
	}
	_ = syscall.Kill(pid, syscall.SIGTERM)
	if waitGone(pid, 3*time.Second) {
		return
	}
	_ = syscall.Kill(pid, syscall.SIGKILL)
	waitGone(pid, 3*time.Second)
}

// listenRE matches what ovsdb-server logs for --remote=ptcp:0:127.0.0.1.
var listenRE = regexp.MustCompile(`\|0:127\.0\.0\.1: listening on port (\d+)`)

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("ovstest: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitListenPort finds the port of the ptcp:0 remote in ovsdb-server's log.
func waitListenPort(tb testing.TB, logFile string) int {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if f, err := os.Open(logFile); err == nil {
			sc := bufio.NewScanner(f)
			port := 0
			for sc.Scan() {
				if m := listenRE.FindStringSubmatch(sc.Text()); m != nil {
					port, _ = strconv.Atoi(m[1])
				}
			}
			f.Close()
			if port != 0 {
				return port
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	tb.Fatalf("ovstest: ovsdb-server never logged its TCP port in %s", logFile)
	return 0
}

// logTail logs the last lines of a daemon log, to explain a failure.
func logTail(tb testing.TB, file string) {
	b, err := os.ReadFile(file)
	if err != nil {
		return
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 40 {
		lines = lines[len(lines)-40:]
	}
	tb.Logf("last lines of %s:\n%s", filepath.Base(file), strings.Join(lines, "\n"))
}
