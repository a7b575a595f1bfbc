package flowexport_test

import (
	"testing"

	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// TestNoAllocs lists the operations the exporter may call on its hot path
// (reading effective settings, parsing a target); each must not allocate.
func TestNoAllocs(t *testing.T) {
	s := flowexport.SFlow{Targets: []string{"127.0.0.1:6343"}, Sampling: flowexport.Ptr(1)}
	x := flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, OtherConfig: map[string]string{"enable-input-sampling": "false"}}
	n := flowexport.NetFlow{Targets: []string{"127.0.0.1:2055"}}
	var sink int
	var ok bool
	tests := []struct {
		name string
		fn   func()
	}{
		{"ParseTarget/v4", func() { _, _ = flowexport.ParseTarget("192.168.1.99:2056") }},
		{"ParseTarget/v6", func() { _, _ = flowexport.ParseTarget("[2001:db8::1]:4739") }},
		{"ParseTarget/hostname", func() { _, _ = flowexport.ParseTarget("collector.example:2055") }},
		{"SFlow.EffectiveSampling", func() { sink += s.EffectiveSampling() + s.EffectivePolling() + s.EffectiveHeader() }},
		{"NetFlow.EffectiveActiveTimeout", func() { sink += n.EffectiveActiveTimeout() }},
		{"IPFIX.Effective*", func() {
			sink += x.EffectiveSampling() + x.EffectiveObsDomainID() + x.EffectiveObsPointID() + x.EffectiveCacheActiveTimeout() +
				x.EffectiveCacheMaxFlows() + x.EffectiveStatsInterval() + x.EffectiveTemplateInterval()
		}},
		{"IPFIX.Enable*", func() { ok = x.EnableInputSampling() || x.EnableOutputSampling() || x.EnableTunnelSampling() }},
	}
	for _, tt := range tests {
		if got := testing.AllocsPerRun(200, tt.fn); got != 0 {
			t.Errorf("%s: %v allocations, want 0", tt.name, got)
		}
	}
	_, _ = sink, ok
}

func BenchmarkParseTarget(b *testing.B) {
	for _, in := range []string{"192.168.1.99:2056", "[2001:db8::1]:4739"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := flowexport.ParseTarget(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkValidate(b *testing.B) {
	ten := make([]string, 10)
	for i := range ten {
		ten[i] = "192.168.1." + string(rune('0'+i)) + ":2056"
	}
	c := flowexport.Config{
		NetFlow: &flowexport.NetFlow{Targets: ten, ActiveTimeout: 60},
		SFlow:   &flowexport.SFlow{Targets: ten, Agent: flowexport.Ptr("ovn-k8s-mp0")},
		IPFIX:   &flowexport.IPFIX{Targets: ten, Sampling: flowexport.Ptr(400), CacheActiveTimeout: flowexport.Ptr(60)},
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
