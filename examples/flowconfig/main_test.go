package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ovsflow/ovsflow/internal/ovstest"
)

// These tests run against a real ovsdb-server ALONE (no ovs-vswitchd), so
// the non-loopback collectors of the documented example are only written
// into the database: nothing is ever sent to them.

type cli struct {
	t  *testing.T
	db *ovstest.DB
}

// run runs flowconfig with -db pointing at the test server.
func (c cli) run(stdin string, args ...string) (code int, stdout, stderr string) {
	c.t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"-db", c.db.Endpoint()}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func (c cli) mustRun(stdin string, args ...string) string {
	c.t.Helper()
	code, out, errs := c.run(stdin, args...)
	if code != 0 {
		c.t.Fatalf("flowconfig %q = exit %d, stderr %q", args, code, errs)
	}
	return out
}

func (c cli) state() string {
	c.t.Helper()
	var b strings.Builder
	for _, table := range []string{"bridge", "netflow", "sflow", "ipfix"} {
		b.WriteString(c.db.Vsctl(c.t, "--format=json", "list", table))
	}
	return b.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDocumentedExample(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br-int")
	c := cli{t, db}
	c.mustRun("", "set", "testdata/example-netflow.yaml")
	if got := strings.TrimSpace(db.Vsctl(t, "--bare", "--columns=targets", "find", "netflow")); got != "192.168.1.99:2056" {
		t.Errorf("ovs-vsctl find netflow targets = %q", got)
	}
	if got := strings.TrimSpace(db.Vsctl(t, "--bare", "--columns=active_timeout", "find", "netflow")); got != "60" {
		t.Errorf("active_timeout = %q, want 60 (ovn-kubernetes' value)", got)
	}
	if got := c.mustRun("", "get"); got != `{"netFlow":{"collectors":["192.168.1.99:2056"]}}`+"\n" {
		t.Errorf("get = %q", got)
	}
	// The same patch again changes nothing.
	before := c.state()
	if out := c.mustRun("", "set", "testdata/example-netflow.yaml"); out != "no change\n" {
		t.Errorf("second set printed %q", out)
	}
	if c.state() != before {
		t.Error("second set changed the database")
	}
}

func TestMergeSemantics(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br-int", "--", "add-br", "br1")
	c := cli{t, db}
	c.mustRun(`{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":["192.168.1.99:2056"]}}}}`, "set", "-")
	nfRow := db.Vsctl(t, "get", "bridge", "br-int", "netflow")

	// JSON patch adding sFlow and IPFIX: NetFlow, absent from the patch,
	// is left as it is (same row).
	c.mustRun(`{"spec":{"exportNetworkFlows":{"sFlow":{"collectors":["192.168.1.98:6343","[2001:db8::1]:6343"]},"ipfix":{"collectors":["192.168.1.97:4739"]}}}}`, "set", "-")
	if db.Vsctl(t, "get", "bridge", "br-int", "netflow") != nfRow {
		t.Error("NetFlow row replaced by a patch without netFlow")
	}
	want := `{"netFlow":{"collectors":["192.168.1.99:2056"]},"sFlow":{"collectors":["192.168.1.98:6343","[2001:db8::1]:6343"]},"ipfix":{"collectors":["192.168.1.97:4739"]}}` + "\n"
	if got := c.mustRun("", "get"); got != want {
		t.Errorf("get = %s want %s", got, want)
	}
	if got := strings.TrimSpace(db.Vsctl(t, "--bare", "--columns=agent", "find", "sflow")); got != "ovn-k8s-mp0" {
		t.Errorf("sFlow agent = %q", got)
	}
	if got := strings.TrimSuffix(db.Vsctl(t, "--bare", "--columns=sampling,cache_active_timeout", "find", "ipfix"), "\n"); got != "400\n60" {
		t.Errorf("IPFIX sampling, cache_active_timeout = %q, want 400, 60", got)
	}

	// YAML patch replacing NetFlow's collectors and removing sFlow.
	p := writeFile(t, "p.yaml", "spec:\n  exportNetworkFlows:\n    netFlow:\n      collectors: [\"192.168.1.90:2056\"]\n    sFlow: null\n")
	c.mustRun("", "set", p)
	want = `{"netFlow":{"collectors":["192.168.1.90:2056"]},"ipfix":{"collectors":["192.168.1.97:4739"]}}` + "\n"
	if got := c.mustRun("", "get"); got != want {
		t.Errorf("get = %s want %s", got, want)
	}
	if got := strings.TrimSpace(db.Vsctl(t, "--bare", "--columns=targets", "find", "sflow")); got != "" {
		t.Errorf("sFlow row left after sFlow: null: %q", got)
	}
	// br1 was never touched.
	if got := c.mustRun("", "-bridge", "br1", "get"); got != "{}\n" {
		t.Errorf("get br1 = %q, want {}", got)
	}
	if got := c.mustRun("", "-all-bridges", "get"); got != `{"br-int":`+strings.TrimSuffix(want, "\n")+`,"br1":{}}`+"\n" {
		t.Errorf("get -all-bridges = %q", got)
	}

	// exportNetworkFlows: null removes everything, like clear.
	c.mustRun(`{"spec":{"exportNetworkFlows":null}}`, "set", "-")
	if got := c.mustRun("", "get"); got != "{}\n" {
		t.Errorf("get after null = %q", got)
	}
	c.mustRun(`{"spec":{"exportNetworkFlows":{"ipfix":{"collectors":["192.168.1.97:4739"]}}}}`, "-all-bridges", "set", "-")
	if out := c.mustRun("", "-all-bridges", "clear"); out != "changed: br-int br1\n" {
		t.Errorf("clear printed %q", out)
	}
	for _, table := range []string{"netflow", "sflow", "ipfix"} {
		if got := strings.TrimSpace(db.Vsctl(t, "--bare", "--columns=_uuid", "find", table)); got != "" {
			t.Errorf("%s rows after clear: %q", table, got)
		}
	}
}

func TestRejections(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br-int")
	c := cli{t, db}
	c.mustRun("", "set", "testdata/example-netflow.yaml")
	before := c.state()
	eleven := `["192.168.1.1:1","192.168.1.1:2","192.168.1.1:3","192.168.1.1:4","192.168.1.1:5","192.168.1.1:6","192.168.1.1:7","192.168.1.1:8","192.168.1.1:9","192.168.1.1:10","192.168.1.1:11"]`
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string // in the one-line reason
	}{
		{"11 collectors", `{"spec":{"exportNetworkFlows":{"sFlow":{"collectors":` + eleven + `}}}}`, []string{"set", "-"}, "11 collectors, want 1..10"},
		{"bad port", `{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":["192.168.1.99:65536"]}}}}`, []string{"set", "-"}, `netFlow.collectors[0] "192.168.1.99:65536": port`},
		{"hostname", "spec:\n  exportNetworkFlows:\n    ipfix:\n      collectors: [collector.example:4739]\n", []string{"set", "-"}, "host is a name"},
		{"duplicate", `{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":["192.168.1.9:1","192.168.1.9:1"]}}}}`, []string{"set", "-"}, "duplicate collector"},
		{"empty list", `{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":[]}}}}`, []string{"set", "-"}, "0 collectors"},
		{"unknown field", `{"spec":{"exportNetworkFlows":{"netflow":{"collectors":["192.168.1.9:1"]}}}}`, []string{"set", "-"}, `unsupported field "spec.exportNetworkFlows.netflow"`},
		{"not yaml", "spec: [\n", []string{"set", "-"}, "yaml"},
		{"no file", "", []string{"set", "/nonexistent/patch.yaml"}, "no such file"},
		{"bad agent", `{"spec":{"exportNetworkFlows":{"sFlow":{"collectors":["192.168.1.9:1"]}}}}`, []string{"-sflow-agent", "a/b", "set", "-"}, "-sflow-agent"},
		{"unknown bridge", `{"spec":{"exportNetworkFlows":null}}`, []string{"-bridge", "br-nope", "set", "-"}, `no such bridge "br-nope"`},
		{"unknown bridge get", "", []string{"-bridge", "br-nope", "get"}, `no such bridge "br-nope"`},
	}
	for _, tt := range tests {
		code, out, errs := c.run(tt.stdin, tt.args...)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1 (stdout %q, stderr %q)", tt.name, code, out, errs)
		}
		if strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "flowconfig: ") || !strings.Contains(errs, tt.want) {
			t.Errorf("%s: stderr %q, want one line containing %q", tt.name, errs, tt.want)
		}
		if c.state() != before {
			t.Errorf("%s: the rejected request changed the database", tt.name)
		}
	}
	for _, args := range [][]string{{}, {"frobnicate"}, {"set"}, {"get", "x"}, {"-bridge", "br0", "-all-bridges", "get"}, {"-nope"}} {
		if code, _, _ := c.run("", args...); code != 2 {
			t.Errorf("flowconfig %q: exit %d, want 2 (usage)", args, code)
		}
	}
	if code, _, errs := (cli{t, db}).run("", "-db", "unix:/nonexistent/db.sock", "get"); code != 1 || strings.Count(errs, "\n") != 1 {
		t.Errorf("unreachable server: exit %d, stderr %q", code, errs)
	}
}

// TestBinary builds flowconfig and runs it as a user would, against the
// real server.
func TestBinary(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br-int")
	bin := filepath.Join(t.TempDir(), "flowconfig")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-db", db.Endpoint(), "set", "testdata/example-netflow.yaml")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("flowconfig set: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "-db", db.Endpoint(), "get").Output()
	if err != nil || string(out) != `{"netFlow":{"collectors":["192.168.1.99:2056"]}}`+"\n" {
		t.Errorf("flowconfig get = %q, %v", out, err)
	}
	cmd = exec.Command(bin, "-db", db.Endpoint(), "set", "-")
	cmd.Stdin = strings.NewReader(`{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":["localhost:2056"]}}}}`)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("rejected set: %v, want exit status 1", err)
	}
	if got := stderr.String(); got != "flowconfig: flowexport: exportNetworkFlows netFlow.collectors[0] \"localhost:2056\": host is a name, want an IP literal\n" {
		t.Errorf("rejected set stderr = %q", got)
	}
	if _, err := exec.Command(bin, "-db", db.Endpoint(), "clear").Output(); err != nil {
		t.Fatal(err)
	}
	out, _ = exec.Command(bin, "-db", db.Endpoint(), "get").Output()
	if string(out) != "{}\n" {
		t.Errorf("get after clear = %q", out)
	}
}

// TestForeignRowKept: a type the patch leaves alone is kept, even if
// another tool wrote a collector flowconfig would reject; get shows it as
// the database holds it.
func TestForeignRowKept(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br-int")
	db.Vsctl(t, "--", "--id=@n", "create", "netflow", `targets="collector.example:2055"`, "--", "set", "bridge", "br-int", "netflow=@n")
	c := cli{t, db}
	c.mustRun(`{"spec":{"exportNetworkFlows":{"ipfix":{"collectors":["192.168.1.97:4739"]}}}}`, "set", "-")
	want := `{"netFlow":{"collectors":["collector.example:2055"]},"ipfix":{"collectors":["192.168.1.97:4739"]}}` + "\n"
	if got := c.mustRun("", "get"); got != want {
		t.Errorf("get = %s, want %s", got, want)
	}
}
