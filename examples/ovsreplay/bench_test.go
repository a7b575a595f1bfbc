package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/ovsflow/ovsflow/exporter"
)

type discardWriter struct{}

func (discardWriter) Write(b []byte) (int, error) { return len(b), nil }

// BenchmarkReplay replays a 100,000-frame capture of 10,000 flows per
// iteration (collectors discard), reporting frames per second.
func BenchmarkReplay(b *testing.B) {
	dir := b.TempDir()
	capture := filepath.Join(dir, "c.pcap")
	writeBigPcap(b, capture, 100_000, 10_000)
	flows := filepath.Join(dir, "flows")
	os.WriteFile(flows, []byte("priority=10,in_port=1,actions=output:2\n"), 0o600)
	for _, tc := range []struct{ name, config string }{
		{"netflow", `netflow: {targets: ["127.0.0.1:2055"], active_timeout: 60}`},
		{"ipfix-cache", `ipfix: {targets: ["127.0.0.1:4739"], sampling: 1, cache_max_flows: 20000, cache_active_timeout: 60}`},
		{"sflow-1in1", `sflow: {targets: ["127.0.0.1:6343"], sampling: 1, polling: 30, agent: "127.0.0.1"}`},
	} {
		b.Run(tc.name, func(b *testing.B) {
			cfg := filepath.Join(dir, tc.name+".yaml")
			os.WriteFile(cfg, []byte(tc.config), 0o600)
			o := options{Capture: capture, Flows: flows, Config: cfg, Ports: "1=p1:11,2=p2:12", InPort: 1, Seed: 1,
				Dial: func(exporter.Format, string) (io.Writer, error) { return discardWriter{}, nil }}
			b.ReportAllocs()
			frames := 0
			for b.Loop() {
				st, err := replay(context.Background(), o, nil)
				if err != nil {
					b.Fatal(err)
				}
				frames += st.frames
			}
			b.ReportMetric(float64(frames)/b.Elapsed().Seconds(), "frames/s")
		})
	}
}
