package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGeneratedUpToDate regenerates the tables and compares them with the
// checked-in ipfix/zelements.go (the drift check).
func TestGeneratedUpToDate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "zelements.go")
	cmd := exec.Command("go", "run", ".", "-registry", "registry", "-o", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("genipfix: %v\n%s", err, b)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../../ipfix/zelements.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("ipfix/zelements.go is stale: run go generate ./ipfix")
	}
}
