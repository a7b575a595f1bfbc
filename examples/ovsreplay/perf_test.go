package main

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/pcapfile"
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
	// Each run reports wall-clock time and CPU time (user+system): the
	// machine may be shared, and CPU time is what a busy neighbour does
	// not inflate.
	type cost struct{ wall, cpu time.Duration }
	runSoftflowd := func(version string) cost {
		start := time.Now()
		cmd := exec.Command(sfd, "-r", capture, "-n", col.Target(), "-v", version, "-T", "full", "-m", "65536", "-c", "none", "-d", "-p", filepath.Join(dir, "sfd.pid"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("softflowd: %v\n%s", err, out)
		}
		return cost{time.Since(start), cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	}
	runOurs := func(config string) cost {
		cfgFile := filepath.Join(dir, "export.yaml")
		if err := os.WriteFile(cfgFile, []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
		flows := filepath.Join(dir, "flows")
		os.WriteFile(flows, []byte("priority=10,in_port=1,actions=output:2\n"), 0o600)
		runtime.GC()
		cpu0 := cpuTime()
		st, err := replay(context.Background(), options{Capture: capture, Flows: flows, Config: cfgFile, Ports: "1=p1:11,2=p2:12", InPort: 1, Seed: 1}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if st.frames != 1_000_000 {
			t.Fatalf("%d frames", st.frames)
		}
		return cost{st.elapsed, cpuTime() - cpu0}
	}
	fps := func(d time.Duration) float64 { return 1e6 / d.Seconds() }
	report := func(name string, s, o cost) {
		if s.wall == 0 {
			t.Logf("%-10s ovsreplay %.2f M frames/s wall, %.2f M frames/s CPU", name, fps(o.wall)/1e6, fps(o.cpu)/1e6)
			return
		}
		t.Logf("%-10s softflowd %.2f M frames/s wall, %.2f M/s CPU; ovsreplay %.2f M/s wall, %.2f M/s CPU; ratio %.1fx wall, %.1fx CPU",
			name, fps(s.wall)/1e6, fps(s.cpu)/1e6, fps(o.wall)/1e6, fps(o.cpu)/1e6, fps(o.wall)/fps(s.wall), fps(o.cpu)/fps(s.cpu))
	}
	target := col.Target()
	sv5 := runSoftflowd("5")
	ov5 := runOurs(fmt.Sprintf("netflow: {targets: [%q], active_timeout: 60}\n", target))
	sv10 := runSoftflowd("10")
	oip := runOurs(fmt.Sprintf("ipfix: {targets: [%q], sampling: 1, cache_max_flows: 20000, cache_active_timeout: 60}\n", target))
	osf := runOurs(fmt.Sprintf("sflow: {targets: [%q], sampling: 1, polling: 30, agent: \"127.0.0.1\"}\n", target))
	report("NetFlow v5", sv5, ov5)
	report("IPFIX", sv10, oip)
	report("sFlow 1:1", cost{}, osf)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
}

// cpuTime returns this process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// writeBigPcap writes n frames of the given number of TCP/UDP flows.
func writeBigPcap(t testing.TB, path string, n, flows int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.Write(pcapfile.AppendHeader(nil, pcapfile.LinkTypeEthernet, 65535))
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
		rec = pcapfile.AppendRecord(rec[:0], at, fr)
		w.Write(rec)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}
