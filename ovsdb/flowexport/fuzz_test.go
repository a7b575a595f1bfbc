package flowexport_test

import (
	"encoding/json"
	"net"
	"net/netip"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// FuzzParseTarget checks that ParseTarget never panics on untrusted target
// strings, that what it accepts round-trips through FormatTarget, and that
// it accepts nothing the standard library's host:port parsing rejects.
func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{
		"192.168.1.99:2056", "[::1]:4739", "[2001:db8::1%eth0]:1", "a.example:1", "1.2.3.4",
		"01.2.3.4:5", "1.2.3.4:65536", "[1.2.3.4]:5", "::1:80", "[::ffff:1.2.3.4]:80", "",
		"0.0.0.0:1", "1.2.3.4:080", "[]:1", "[:1", "]:1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ap, err := flowexport.ParseTarget(s)
		if err != nil {
			if ap.IsValid() {
				t.Fatalf("ParseTarget(%q) = %v with error %v", s, ap, err)
			}
			return
		}
		if !ap.IsValid() || ap.Port() == 0 || ap.Addr().IsUnspecified() || ap.Addr().Zone() != "" {
			t.Fatalf("ParseTarget(%q) = %v, accepted an invalid collector", s, ap)
		}
		again, err := flowexport.ParseTarget(flowexport.FormatTarget(ap))
		if err != nil || again != ap {
			t.Fatalf("ParseTarget(FormatTarget(%v)) = %v, %v", ap, again, err)
		}
		// Differential: Go's net.SplitHostPort + netip.ParseAddr (what
		// ovn-kubernetes uses) must accept it too, with the same meaning.
		h, p, err := net.SplitHostPort(s)
		if err != nil {
			t.Fatalf("ParseTarget(%q) accepted what net.SplitHostPort rejects: %v", s, err)
		}
		a, err := netip.ParseAddr(h)
		if err != nil || a != ap.Addr() {
			t.Fatalf("ParseTarget(%q) addr %v, netip.ParseAddr(%q) = %v, %v", s, ap.Addr(), h, a, err)
		}
		if n, err := strconv.Atoi(p); err != nil || n != int(ap.Port()) {
			t.Fatalf("ParseTarget(%q) port %d, stdlib %q", s, ap.Port(), p)
		}
	})
}

// FuzzMergePatch checks that MergePatch never panics on an untrusted patch,
// that a result is always valid, and that patching the empty value with the
// result gives the result back.
func FuzzMergePatch(f *testing.F) {
	for _, s := range []string{
		`{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":["192.168.1.99:2056"]}}}}`,
		`{"spec":{"exportNetworkFlows":{"sFlow":null,"ipfix":{"collectors":["[::1]:4739"]}}}}`,
		`{"spec":{"exportNetworkFlows":null}}`,
		`{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":[]}}}}`,
		`{"spec":{}}`, `{}`, `null`, `[]`, `{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":[1]}}}}`,
	} {
		f.Add([]byte(s))
	}
	base := flowexport.ExportNetworkFlows{SFlow: &flowexport.Collectors{Collectors: []string{"127.0.0.1:6343"}}}
	f.Fuzz(func(t *testing.T, patch []byte) {
		got, err := base.MergePatch(patch)
		if err != nil {
			return
		}
		if err := got.Validate(); err != nil {
			t.Fatalf("MergePatch(%q) returned an invalid value: %v", patch, err)
		}
		b, err := json.Marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		again, err := flowexport.ExportNetworkFlows{}.MergePatch([]byte(`{"spec":{"exportNetworkFlows":` + string(b) + `}}`))
		if err != nil {
			t.Fatalf("re-applying %s: %v", b, err)
		}
		if d := cmp.Diff(got, again); d != "" {
			t.Fatalf("re-applying %s diff:\n%s", b, d)
		}
	})
}
