// Package testenv holds the skip policy shared by tests that need real
// binaries (Open vSwitch, tshark, softflowd).
//
// A test that needs a binary calls [RequireBinary]. When the binary is
// missing the test is skipped with the apt-get command that installs it,
// unless the environment variable OVSFLOW_REQUIRE_REAL=1 is set (as .ci/run
// does), in which case the test fails: CI must never pass by skipping the
// real-OVS tests.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// EnvRequireReal is the environment variable that turns skips for missing
// binaries into failures.
const EnvRequireReal = "OVSFLOW_REQUIRE_REAL"

// RequireReal reports whether OVSFLOW_REQUIRE_REAL=1 is set.
func RequireReal() bool { return os.Getenv(EnvRequireReal) == "1" }

// RequireBinary returns the path of the executable name. If it is not
// installed, the test is skipped with a message naming aptPackage, or fails
// when [RequireReal] is true.
func RequireBinary(tb testing.TB, name, aptPackage string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	// sbin directories are not always on a non-root PATH.
	for _, dir := range []string{"/usr/sbin", "/sbin", "/usr/local/sbin"} {
		p := dir + "/" + name
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 {
			return p
		}
	}
	Missing(tb, name+" not found", aptPackage)
	return ""
}

// Missing skips (or, under OVSFLOW_REQUIRE_REAL=1, fails) the test because
// what is needed is not available; install names the apt package.
func Missing(tb testing.TB, what, aptPackage string) {
	tb.Helper()
	msg := what + ": install with `apt-get install -y " + aptPackage + "`"
	if RequireReal() {
		tb.Fatal(msg + " (" + EnvRequireReal + "=1 forbids skipping)")
	}
	tb.Skip(msg)
}
