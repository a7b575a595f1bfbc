package main

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/udpcollect"
)

// TestSoftflowdComparison measures ovsreplay against softflowd 1.1.0 on
// the same 1,000,000-frame capture of 10,000 flows: NetFlow v5 against
// softflowd -v 5, and IPFIX with an aggregating cache against softflowd
// -v 10. It reports frames per second and never gates on them. It runs
// only with OVSFLOW_PERF=1 (never in CI) and needs softflowd
// (apt-get install softflowd).
func TestSoftflowdComparison(t *testing.T) {
	if os.Getenv("OVSFLOW_PERF") != "1" {
		t.Skip("set OVSFLOW_PERF=1 to run the softflowd comparison")
	}
	sfd, err := exec.LookPath("softflowd")
	if err != nil {
		t.Skip("softflowd not installed: apt-get install -y softflowd")
	}
	dir := t.TempDir()
	capture := filepath.Join(dir, "1m.pcap")
	writeBigPcap(t, capture, 1_000_000, 10_000)

	col := udpcollect.Listen(t, "udp4")
	runSoftflowd := func(version string) time.Duration {
		start := time.Now()
		cmd := exec.Command(sfd, "-r", capture, "-n", col.Target(), "-v", version, "-T", "full", "-m", "65536", "-c", "none", "-d", "-p", filepath.Join(dir, "sfd.pid"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("softflowd: %v\n%s", err, out)
		}
		return time.Since(start)
	}
	runOurs := func(config string) time.Duration {
		cfgFile := filepath.Join(dir, "export.yaml")
		if err := os.WriteFile(cfgFile, []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
		flows := filepath.Join(dir, "flows")
		os.WriteFile(flows, []byte("priority=10,in_port=1,actions=output:2\n"), 0o600)
		runtime.GC()
		st, err := replay(context.Background(), options{Capture: capture, Flows: flows, Config: cfgFile, Ports: "1=p1:11,2=p2:12", InPort: 1, Seed: 1}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if st.frames != 1_000_000 {
			t.Fatalf("%d frames", st.frames)
		}
		return st.elapsed
	}
	fps := func(d time.Duration) float64 { return 1e6 / d.Seconds() }
	target := col.Target()
	sv5 := runSoftflowd("5")
	ov5 := runOurs(fmt.Sprintf("netflow: {targets: [%q], active_timeout: 60}\n", target))
	sv10 := runSoftflowd("10")
	oip := runOurs(fmt.Sprintf("ipfix: {targets: [%q], sampling: 1, cache_max_flows: 20000, cache_active_timeout: 60}\n", target))
	osf := runOurs(fmt.Sprintf("sflow: {targets: [%q], sampling: 1, polling: 30, agent: \"127.0.0.1\"}\n", target))
	t.Logf("NetFlow v5: softflowd %.0f frames/s, ovsreplay %.0f frames/s (%.1fx)", fps(sv5), fps(ov5), fps(ov5)/fps(sv5))
	t.Logf("IPFIX:      softflowd %.0f frames/s, ovsreplay %.0f frames/s (%.1fx)", fps(sv10), fps(oip), fps(oip)/fps(sv10))
	t.Logf("sFlow 1:1:  ovsreplay %.0f frames/s", fps(osf))
}

// writeBigPcap writes n frames of the given number of TCP/UDP flows.
func writeBigPcap(t *testing.T, path string, n, flows int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	le := binary.LittleEndian
	var h []byte
	h = le.AppendUint32(h, 0xa1b2c3d4)
	h = le.AppendUint16(h, 2)
	h = le.AppendUint16(h, 4)
	h = append(h, make([]byte, 8)...)
	h = le.AppendUint32(h, 65535)
	h = le.AppendUint32(h, 1)
	w.Write(h)
	r := rand.New(rand.NewPCG(1, 2))
	t0 := time.Unix(1_700_000_000, 0)
	var rec []byte
	for i := range n {
		fl := r.IntN(flows)
		proto := uint8(6)
		if fl%4 == 0 {
			proto = 17
		}
		fr := frame(byte(fl%250+1), byte(fl/250+1), proto, uint16(1024+fl), 443, 64+fl%200)
		at := t0.Add(time.Duration(i) * 60 * time.Microsecond) // 60 s of capture
		rec = rec[:0]
		rec = le.AppendUint32(rec, uint32(at.Unix()))
		rec = le.AppendUint32(rec, uint32(at.Nanosecond()/1000))
		rec = le.AppendUint32(rec, uint32(len(fr)))
		rec = le.AppendUint32(rec, uint32(len(fr)))
		w.Write(rec)
		w.Write(fr)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}
