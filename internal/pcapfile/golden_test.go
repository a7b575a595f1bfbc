package pcapfile

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ovsflow/ovsflow/internal/testenv"
)

var update = flag.Bool("update", false, "regenerate testdata/ with editcap, mergecap and tshark")

// fixtures are the capture files in testdata/, made by TestGenerate.
var fixtures = []string{
	"eth.pcap", "eth-nsec.pcap", "eth.pcapng", "eth-nsec.pcapng",
	"raw.pcap", "merged.pcapng", "sections.pcapng",
}

// baseFrames are the frames of eth.pcap: UDP over IPv4 and IPv6, with
// VLAN and QinQ tags, one with Ethernet padding, and a TCP segment.
func baseFrames() []rec {
	pay := []byte("flow export payload")
	udp4 := ipv4(17, a4src, a4dst, 0, udpDatagram(49152, 2055, pay))
	udp6 := ipv6(17, a6src, a6dst, udpDatagram(49153, 4739, pay))
	tcp := ipv4(6, a4src, a4dst, 0, make([]byte, 20))
	short := ether(0x0800, ipv4(17, a4src, a4dst, 0, udpDatagram(1, 6343, []byte{1, 2})))
	short = append(short, make([]byte, 60-len(short))...) // padded to the Ethernet minimum
	return []rec{
		{1_700_000_000, 1, ether(0x0800, udp4), 0},
		{1_700_000_000, 500_000, ether(0x0800, udp4, 0x8100, 5), 0},
		{1_700_000_001, 0, ether(0x86dd, udp6, 0x88a8, 10, 0x8100, 20), 0},
		{1_700_000_001, 999_999, ether(0x0800, tcp), 1514},
		{1_700_000_002, 123_456, short, 0},
	}
}

func rawFrames() []rec {
	pay := []byte("raw")
	return []rec{
		{1_700_000_000, 250_000, ipv4(17, a4src, a4dst, 0, udpDatagram(5000, 2055, pay)), 0},
		{1_700_000_001, 750_000, ipv6(17, a6src, a6dst, udpDatagram(5001, 6343, pay)), 0},
	}
}

// TestGenerate rewrites testdata/ when run with -update: eth.pcap and
// raw.pcap are written here, the others are converted by editcap and
// mergecap, and every *.golden is tshark's view of its capture.
func TestGenerate(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate testdata/")
	}
	editcap := testenv.RequireBinary(t, "editcap", "wireshark-common")
	mergecap := testenv.RequireBinary(t, "mergecap", "wireshark-common")
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join("testdata", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(name string, args ...string) {
		cmd := exec.Command(name, args...)
		cmd.Dir = "testdata"
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	write("eth.pcap", pcapFile(false, false, 1, baseFrames()...))
	write("raw.pcap", pcapFile(false, false, 101, rawFrames()...))
	run(editcap, "-F", "nsecpcap", "eth.pcap", "eth-nsec.pcap")
	run(editcap, "-F", "pcapng", "eth.pcap", "eth.pcapng")
	run(editcap, "-F", "pcapng", "eth-nsec.pcap", "eth-nsec.pcapng")
	run(mergecap, "-F", "pcapng", "-w", "merged.pcapng", "eth.pcapng", "raw.pcap")
	a, err := os.ReadFile("testdata/eth.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("testdata/merged.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	write("sections.pcapng", append(a, b...)) // two sections back to back
	for _, f := range fixtures {
		write(f+".golden", []byte(tsharkView(t, filepath.Join("testdata", f))))
	}
}

// tsharkFields are the fields of the golden files, in order.
var tsharkFields = []string{
	"frame.time_epoch", "frame.cap_len", "frame.len", "frame.interface_id", "frame.interface_name",
	"udp.srcport", "udp.dstport", "udp.length",
}

func tsharkView(t *testing.T, name string) string {
	t.Helper()
	tshark := testenv.RequireBinary(t, "tshark", "tshark")
	args := []string{"-r", name, "-T", "fields", "-E", "separator=/t"}
	for _, f := range tsharkFields {
		args = append(args, "-e", f)
	}
	cmd := exec.Command(tshark, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "TZ=UTC")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tshark %v: %v", args, err)
	}
	return string(out)
}

// view renders what the Reader and UDPPayload see in the golden format.
func view(t *testing.T, b []byte) string {
	t.Helper()
	r, err := NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	var sb strings.Builder
	for {
		p, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		if !p.Time.IsZero() { // tshark prints no time for a simple packet block
			sb.WriteString(strconv.FormatInt(p.Time.Unix(), 10) + "." + padNs(int64(p.Time.Nanosecond())))
		}
		sb.WriteString("\t" + strconv.Itoa(len(p.Data)) + "\t" + strconv.Itoa(p.OrigLen))
		// tshark's conventions: no interface for classic pcap, "unknown"
		// for a pcapng interface without a name.
		switch name := p.InterfaceName; {
		case r.Format() == FormatPcap:
			sb.WriteString("\t\t")
		case name == "":
			sb.WriteString("\t" + strconv.Itoa(p.Interface) + "\tunknown")
		default:
			sb.WriteString("\t" + strconv.Itoa(p.Interface) + "\t" + name)
		}
		if src, dst, pay, ok := UDPPayload(p.LinkType, p.Data); ok {
			sb.WriteString("\t" + strconv.Itoa(int(src.Port())) + "\t" + strconv.Itoa(int(dst.Port())) + "\t" + strconv.Itoa(len(pay)+8))
		} else {
			sb.WriteString("\t\t\t")
		}
		sb.WriteString("\n")
	}
	return sb.String()
}

func padNs(ns int64) string {
	s := strconv.FormatInt(ns, 10)
	return strings.Repeat("0", 9-len(s)) + s
}

// TestGolden compares the reader with tshark's reading of the fixtures,
// recorded in testdata/*.golden.
func TestGolden(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", f))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join("testdata", f+".golden"))
			if err != nil {
				t.Fatal(err)
			}
			if got := view(t, b); got != string(want) {
				t.Errorf("view(%s) =\n%s\nwant (tshark)\n%s", f, got, want)
			}
		})
	}
}

// TestTshark compares the reader with the installed tshark on byte-order,
// resolution and block-type variants the fixtures do not cover.
func TestTshark(t *testing.T) {
	testenv.RequireBinary(t, "tshark", "tshark")
	dir := t.TempDir()
	extra := map[string][]byte{
		"be-usec.pcap": pcapFile(true, false, 1, baseFrames()...),
		"be-nsec.pcap": pcapFile(true, true, 1, baseFrames()...),
		"be.pcapng":    builtNG(true),
		"le.pcapng":    builtNG(false),
	}
	if testing.Short() {
		t.Skip("runs tshark several times")
	}
	for name, b := range extra {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			if got, want := view(t, b), tsharkView(t, p); got != want {
				t.Errorf("view(%s) =\n%s\nwant (tshark)\n%s", name, got, want)
			}
		})
	}
}

// builtNG is a pcapng file exercising what the fixtures do not: two
// sections (the second in the other byte order), named interfaces,
// decimal and binary if_tsresol, obsolete packet blocks, simple packet
// blocks and unknown blocks to skip.
func builtNG(be bool) []byte {
	fr := baseFrames()
	raw := rawFrames()
	var w ng
	w.shb(be).
		idb(1, "eth0", 9).                   // nanoseconds
		idb(101, "tun0", 0x80|20).           // 2^-20 s
		block(0x777, []byte{1, 2, 3, 4, 5}). // unassigned type
		epb(0, 1_700_000_000_000_000_001, fr[0].data, uint32(len(fr[0].data))).
		epb(1, uint64(1_700_000_001)<<20|1<<19, raw[0].data, uint32(len(raw[0].data))).
		pb(0, 1_700_000_002_500_000_000, fr[1].data, uint32(len(fr[1].data))).
		block(5, make([]byte, 20)). // interface statistics
		shb(!be).
		// tshark 4.0 names a section's interface 0 after the first
		// section's, so the name matches; the time resolution differs.
		idb(1, "eth0", 3). // milliseconds
		epb(0, 1_700_000_003_250, fr[2].data, uint32(len(fr[2].data))).
		spb(fr[4].data, uint32(len(fr[4].data)))
	return w.b
}
