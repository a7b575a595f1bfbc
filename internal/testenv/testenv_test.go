package testenv

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestRequireBinaryFound(t *testing.T) {
	if p := RequireBinary(t, "sh", "dash"); p == "" {
		t.Fatal("RequireBinary(sh) returned empty path")
	}
}

// TestRequireBinaryMissing runs a child test process for a binary that does
// not exist, once without and once with OVSFLOW_REQUIRE_REAL=1, and checks
// that the first skips naming the package and the second fails.
func TestRequireBinaryMissing(t *testing.T) {
	if os.Getenv("TESTENV_CHILD") == "1" {
		RequireBinary(t, "ovsflow-no-such-binary", "ovsflow-no-such-package")
		t.Log("not reached")
		return
	}
	for _, tc := range []struct {
		real     string
		wantFail bool
		want     string
	}{
		{"", false, "--- SKIP"},
		{"1", true, "--- FAIL"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRequireBinaryMissing$", "-test.v")
		cmd.Env = append(os.Environ(), "TESTENV_CHILD=1", EnvRequireReal+"="+tc.real)
		out, err := cmd.CombinedOutput()
		if (err != nil) != tc.wantFail {
			t.Errorf("REQUIRE_REAL=%q: exit error %v, want failure %v\n%s", tc.real, err, tc.wantFail, out)
		}
		s := string(out)
		if !strings.Contains(s, tc.want) || !strings.Contains(s, "apt-get install -y ovsflow-no-such-package") {
			t.Errorf("REQUIRE_REAL=%q: output lacks %q and the install command:\n%s", tc.real, tc.want, s)
		}
	}
}
