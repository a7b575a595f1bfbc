package corpus

import (
	"strings"
	"testing"
)

func TestManifestFilesExist(t *testing.T) {
	cases := Cases()
	if len(cases) < 50 {
		t.Fatalf("Cases() = %d cases, want the whole manifest", len(cases))
	}
	used := map[string]bool{}
	for _, c := range cases {
		if len(c.Files) == 0 {
			t.Errorf("case %q (line %d) has no files", c.Name, c.Line)
		}
		for _, f := range c.Files {
			used[f] = true
			if len(File(f)) == 0 {
				t.Errorf("case %q: %s is empty", c.Name, f)
			}
		}
	}
	for _, n := range Names() {
		if !used[n] {
			t.Logf("%s is in no manifest case", n)
		}
	}
	for _, f := range []string{"LICENSE", "NOTICE.TXT", "README.md"} {
		if len(File(f)) == 0 {
			t.Errorf("%s missing", f)
		}
	}
}

func TestPackets(t *testing.T) {
	tests := []struct {
		file string
		want int
	}{
		{"netflow5.dat", 12},
		{"ipfix.dat", 3},
		{"netflow9_test_valid01.dat", 1},
		{"netflow5_test_juniper_mx80.dat", 1},
	}
	for _, tt := range tests {
		pkts := Packets(tt.file)
		if len(pkts) != tt.want {
			t.Errorf("Packets(%s) = %d packets, want %d", tt.file, len(pkts), tt.want)
		}
		total := 0
		for _, p := range pkts {
			total += len(p)
		}
		if total != len(File(tt.file)) {
			t.Errorf("Packets(%s) covers %d of %d bytes", tt.file, total, len(File(tt.file)))
		}
	}
	// A v5 file whose count does not match its length stays whole.
	for _, n := range Names() {
		if strings.Contains(n, "invalid") && len(Packets(n)) != 1 {
			t.Errorf("Packets(%s) split an invalid file", n)
		}
	}
}
