package flowdb_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain checks that no goroutine (of the ovsdb client or of this
// package) outlives the tests.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
