package flowexport_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

func targets(n int) []string {
	ts := make([]string, n)
	for i := range ts {
		ts[i] = "127.0.0." + string(rune('1'+i/10)) + string(rune('0'+i%10)) + ":2055"
	}
	return ts
}

// wantVE checks that err is a *ValidationError naming table, field and
// index, and wrapping sentinel.
func wantVE(t *testing.T, what string, err error, table, field string, index int, sentinel error) {
	t.Helper()
	var ve *flowexport.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("%s: error %v (%T), want *ValidationError", what, err, err)
	}
	if ve.Table != table || ve.Field != field || ve.Index != index {
		t.Errorf("%s: error names %s %s[%d], want %s %s[%d] (%v)", what, ve.Table, ve.Field, ve.Index, table, field, index, err)
	}
	if !errors.Is(err, sentinel) {
		t.Errorf("%s: error %v does not wrap %v", what, err, sentinel)
	}
	if !strings.HasPrefix(err.Error(), "flowexport: "+table) {
		t.Errorf("%s: error text %q does not name the table", what, err)
	}
}

func TestValidateTargets(t *testing.T) {
	ten := targets(10)
	eleven := targets(11)
	tests := []struct {
		name    string
		targets []string
		field   string
		index   int
		err     error
	}{
		{"none", nil, "targets", -1, flowexport.ErrTargetCount},
		{"empty", []string{}, "targets", -1, flowexport.ErrTargetCount},
		{"eleven", eleven, "targets", -1, flowexport.ErrTargetCount},
		{"bad port", []string{"127.0.0.1:2055", "127.0.0.2:70000"}, "targets", 1, flowexport.ErrPort},
		{"hostname", []string{"collector.example:2055"}, "targets", 0, flowexport.ErrHostname},
		{"duplicate", []string{"127.0.0.1:2055", "127.0.0.2:2055", "127.0.0.1:2055"}, "targets", 2, flowexport.ErrDuplicate},
		{"duplicate v6 spelled differently", []string{"[::1]:2055", "[0::1]:2055"}, "targets", 1, flowexport.ErrDuplicate},
	}
	for _, tt := range tests {
		wantVE(t, "NetFlow "+tt.name, flowexport.NetFlow{Targets: tt.targets}.Validate(), "NetFlow", tt.field, tt.index, tt.err)
		wantVE(t, "sFlow "+tt.name, flowexport.SFlow{Targets: tt.targets}.Validate(), "sFlow", tt.field, tt.index, tt.err)
		wantVE(t, "IPFIX "+tt.name, flowexport.IPFIX{Targets: tt.targets}.Validate(), "IPFIX", tt.field, tt.index, tt.err)
	}
	for _, v := range []interface{ Validate() error }{
		flowexport.NetFlow{Targets: ten},
		flowexport.SFlow{Targets: ten},
		flowexport.IPFIX{Targets: ten},
		flowexport.IPFIX{Targets: ten, SharedTarget: "[::1]:4739"}, // 10 + shared
		flowexport.IPFIX{SharedTarget: "127.0.0.1:4739"},           // shared only
		flowexport.NetFlow{Targets: []string{"[::1]:2055", "127.0.0.1:2055"}},
	} {
		if err := v.Validate(); err != nil {
			t.Errorf("%+v.Validate() = %v, want nil", v, err)
		}
	}
	wantVE(t, "shared duplicate", flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}, SharedTarget: "127.0.0.1:4739"}.Validate(),
		"IPFIX", "shared_target", -1, flowexport.ErrDuplicate)
	wantVE(t, "shared with 11", flowexport.IPFIX{Targets: eleven, SharedTarget: "[::1]:1"}.Validate(),
		"IPFIX", "targets", -1, flowexport.ErrTargetCount)
}

func TestValidateOptions(t *testing.T) {
	tg := []string{"127.0.0.1:9"}
	p := flowexport.Ptr[int]
	tests := []struct {
		name  string
		v     interface{ Validate() error }
		table string
		field string
		err   error
	}{
		{"netflow active_timeout -2", flowexport.NetFlow{Targets: tg, ActiveTimeout: -2}, "NetFlow", "active_timeout", flowexport.ErrRange},
		{"netflow engine_type 256", flowexport.NetFlow{Targets: tg, EngineType: p(256)}, "NetFlow", "engine_type", flowexport.ErrRange},
		{"netflow engine_id -1", flowexport.NetFlow{Targets: tg, EngineID: p(-1)}, "NetFlow", "engine_id", flowexport.ErrRange},
		{"sflow sampling -1", flowexport.SFlow{Targets: tg, Sampling: p(-1)}, "sFlow", "sampling", flowexport.ErrRange},
		{"sflow polling 2^32", flowexport.SFlow{Targets: tg, Polling: p(1 << 32)}, "sFlow", "polling", flowexport.ErrRange},
		{"sflow header -5", flowexport.SFlow{Targets: tg, Header: p(-5)}, "sFlow", "header", flowexport.ErrRange},
		{"sflow agent empty", flowexport.SFlow{Targets: tg, Agent: flowexport.Ptr("")}, "sFlow", "agent", flowexport.ErrValue},
		{"sflow agent too long", flowexport.SFlow{Targets: tg, Agent: flowexport.Ptr("a-very-long-device-name")}, "sFlow", "agent", flowexport.ErrValue},
		{"sflow agent slash", flowexport.SFlow{Targets: tg, Agent: flowexport.Ptr("a/b")}, "sFlow", "agent", flowexport.ErrValue},
		{"ipfix sampling 0", flowexport.IPFIX{Targets: tg, Sampling: p(0)}, "IPFIX", "sampling", flowexport.ErrRange},
		{"ipfix obs_domain_id 2^32", flowexport.IPFIX{Targets: tg, ObsDomainID: p(1 << 32)}, "IPFIX", "obs_domain_id", flowexport.ErrRange},
		{"ipfix obs_point_id -1", flowexport.IPFIX{Targets: tg, ObsPointID: p(-1)}, "IPFIX", "obs_point_id", flowexport.ErrRange},
		{"ipfix cache_active_timeout 4201", flowexport.IPFIX{Targets: tg, CacheActiveTimeout: p(4201)}, "IPFIX", "cache_active_timeout", flowexport.ErrRange},
		{"ipfix cache_max_flows -1", flowexport.IPFIX{Targets: tg, CacheMaxFlows: p(-1)}, "IPFIX", "cache_max_flows", flowexport.ErrRange},
		{"ipfix stats_interval 0", flowexport.IPFIX{Targets: tg, StatsInterval: p(0)}, "IPFIX", "stats_interval", flowexport.ErrRange},
		{"ipfix template_interval 3601", flowexport.IPFIX{Targets: tg, TemplateInterval: p(3601)}, "IPFIX", "template_interval", flowexport.ErrRange},
		{"ipfix enable-input-sampling yes", flowexport.IPFIX{Targets: tg, OtherConfig: map[string]string{"enable-input-sampling": "yes"}}, "IPFIX", "other_config:enable-input-sampling", flowexport.ErrValue},
		{"ipfix virtual_obs_id 255", flowexport.IPFIX{Targets: tg, OtherConfig: map[string]string{"virtual_obs_id": strings.Repeat("x", 255)}}, "IPFIX", "other_config:virtual_obs_id", flowexport.ErrRange},
		{"fscs id -1", flowexport.FlowSampleCollectorSet{ID: -1, Bridge: "br0"}, "Flow_Sample_Collector_Set", "id", flowexport.ErrRange},
		{"fscs no bridge", flowexport.FlowSampleCollectorSet{ID: 1}, "Flow_Sample_Collector_Set", "bridge", flowexport.ErrValue},
		{"fscs local_group_id", flowexport.FlowSampleCollectorSet{ID: 1, Bridge: "br0", LocalGroupID: p(1 << 32)}, "Flow_Sample_Collector_Set", "local_group_id", flowexport.ErrRange},
		{"fscs ipfix", flowexport.FlowSampleCollectorSet{ID: 1, Bridge: "br0", IPFIX: &flowexport.IPFIX{}}, "IPFIX", "targets", flowexport.ErrTargetCount},
		{"config sflow", flowexport.Config{NetFlow: &flowexport.NetFlow{Targets: tg}, SFlow: &flowexport.SFlow{Targets: tg, Sampling: p(-1)}}, "sFlow", "sampling", flowexport.ErrRange},
	}
	for _, tt := range tests {
		wantVE(t, tt.name, tt.v.Validate(), tt.table, tt.field, -1, tt.err)
	}
	good := []interface{ Validate() error }{
		flowexport.NetFlow{Targets: tg, ActiveTimeout: -1, EngineType: p(0), EngineID: p(255), AddIDToInterface: true},
		flowexport.SFlow{Targets: tg, Sampling: p(0), Polling: p(0), Header: p(1<<32 - 1), Agent: flowexport.Ptr("ovn-k8s-mp0")},
		flowexport.SFlow{Targets: tg, Agent: flowexport.Ptr("10.0.0.1")},
		flowexport.SFlow{Targets: tg, Agent: flowexport.Ptr("fe80::1")},
		flowexport.IPFIX{Targets: tg, Sampling: p(1<<32 - 1), ObsDomainID: p(0), ObsPointID: p(1<<32 - 1), CacheActiveTimeout: p(4200),
			CacheMaxFlows: p(0), StatsInterval: p(1), TemplateInterval: p(3600),
			OtherConfig: map[string]string{"enable-input-sampling": "false", "enable-tunnel-sampling": "TRUE", "virtual_obs_id": strings.Repeat("x", 254), "future-key": "anything"}},
		flowexport.FlowSampleCollectorSet{ID: 1<<32 - 1, Bridge: "br0", IPFIX: &flowexport.IPFIX{Targets: tg}, LocalGroupID: p(7)},
		flowexport.Config{},
	}
	for _, v := range good {
		if err := v.Validate(); err != nil {
			t.Errorf("%+v.Validate() = %v, want nil", v, err)
		}
	}
}

func TestValidationErrorText(t *testing.T) {
	err := flowexport.SFlow{Targets: []string{"127.0.0.1:6343", "collector.example:6343"}}.Validate()
	want := `flowexport: sFlow targets[1] "collector.example:6343": host is a name, want an IP literal`
	if err == nil || err.Error() != want {
		t.Errorf("Validate() = %v, want %s", err, want)
	}
	err = flowexport.IPFIX{Targets: []string{"127.0.0.1:1"}, CacheActiveTimeout: flowexport.Ptr(5000)}.Validate()
	want = `flowexport: IPFIX cache_active_timeout "5000": out of range, want 0..4200`
	if err == nil || err.Error() != want {
		t.Errorf("Validate() = %v, want %s", err, want)
	}
	err = flowexport.NetFlow{Targets: targets(11)}.Validate()
	want = `flowexport: NetFlow targets: 11 collectors, want 1..10`
	if err == nil || err.Error() != want {
		t.Errorf("Validate() = %v, want %s", err, want)
	}
	long := strings.Repeat("a", 1000)
	if msg := (flowexport.NetFlow{Targets: []string{long}}).Validate().Error(); len(msg) > 200 {
		t.Errorf("error repeats %d bytes of untrusted input", len(msg))
	}
}

func TestCanonical(t *testing.T) {
	in := flowexport.IPFIX{
		Targets:      []string{"[2001:DB8::2]:4739", "127.0.0.2:4739", "127.0.0.1:4739"},
		SharedTarget: "[0::1]:4739",
		Sampling:     flowexport.Ptr(1),
	}
	got, err := in.Canonical()
	if err != nil {
		t.Fatal(err)
	}
	want := flowexport.IPFIX{
		Targets:      []string{"127.0.0.1:4739", "127.0.0.2:4739", "[2001:db8::2]:4739"},
		SharedTarget: "[::1]:4739",
		Sampling:     flowexport.Ptr(1),
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Canonical() diff (-want +got):\n%s", d)
	}
	*got.Sampling = 9
	if *in.Sampling != 1 {
		t.Error("Canonical() shares pointers with its receiver")
	}
	if in.Equal(got) {
		t.Error("Equal ignores sampling")
	}
	got.Sampling = flowexport.Ptr(1)
	if !in.Equal(got) {
		t.Error("Equal(canonical form) = false, want true")
	}
}

func TestEqual(t *testing.T) {
	a := flowexport.Config{
		NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.1:1", "127.0.0.2:1"}, ActiveTimeout: 60},
		IPFIX:   &flowexport.IPFIX{Targets: []string{"127.0.0.1:2"}, OtherConfig: map[string]string{}},
	}
	b := flowexport.Config{
		NetFlow: &flowexport.NetFlow{Targets: []string{"127.0.0.2:1", "127.0.0.1:1"}, ActiveTimeout: 60},
		IPFIX:   &flowexport.IPFIX{Targets: []string{"127.0.0.1:2"}},
	}
	if !a.Equal(b) {
		t.Error("Equal with reordered targets and nil vs empty map = false")
	}
	b.SFlow = &flowexport.SFlow{Targets: []string{"127.0.0.1:3"}}
	if a.Equal(b) {
		t.Error("Equal with an extra type = true")
	}
	b.SFlow = nil
	b.NetFlow.EngineID = flowexport.Ptr(0)
	if a.Equal(b) {
		t.Error("Equal with engine_id unset vs 0 = true")
	}
	c := flowexport.IPFIX{Targets: []string{"127.0.0.1:2", "127.0.0.1:3"}}
	d := flowexport.IPFIX{Targets: []string{"127.0.0.1:3"}, SharedTarget: "127.0.0.1:2"}
	if !c.Equal(d) {
		t.Error("IPFIX.Equal compares SharedTarget apart from Targets; the column holds both")
	}
}

func TestEffective(t *testing.T) {
	p := flowexport.Ptr[int]
	var s flowexport.SFlow
	if s.EffectiveSampling() != 400 || s.EffectivePolling() != 30 || s.EffectiveHeader() != 128 {
		t.Errorf("SFlow defaults = %d %d %d, want 400 30 128", s.EffectiveSampling(), s.EffectivePolling(), s.EffectiveHeader())
	}
	s = flowexport.SFlow{Sampling: p(0), Polling: p(0), Header: p(64)}
	if s.EffectiveSampling() != 0 || s.EffectivePolling() != 0 || s.EffectiveHeader() != 64 {
		t.Error("SFlow explicit 0 must not be replaced by the default")
	}
	var n flowexport.NetFlow
	for _, v := range []int{0, -1} {
		n.ActiveTimeout = v
		if got := n.EffectiveActiveTimeout(); got != 600 {
			t.Errorf("NetFlow{ActiveTimeout: %d}.EffectiveActiveTimeout() = %d, want 600", v, got)
		}
	}
	n.ActiveTimeout = 60
	if n.EffectiveActiveTimeout() != 60 {
		t.Error("EffectiveActiveTimeout(60) != 60")
	}
	var x flowexport.IPFIX
	if x.EffectiveSampling() != 400 || x.EffectiveObsDomainID() != 0 || x.EffectiveObsPointID() != 0 ||
		x.EffectiveCacheActiveTimeout() != 0 || x.EffectiveCacheMaxFlows() != 0 ||
		x.EffectiveStatsInterval() != 600 || x.EffectiveTemplateInterval() != 600 {
		t.Error("IPFIX defaults wrong")
	}
	if !x.EnableInputSampling() || !x.EnableOutputSampling() || !x.EnableTunnelSampling() {
		t.Error("IPFIX enable-*-sampling default must be true")
	}
	x.OtherConfig = map[string]string{"enable-input-sampling": "False", "enable-output-sampling": "true", "virtual_obs_id": "v1"}
	if x.EnableInputSampling() || !x.EnableOutputSampling() {
		t.Error("IPFIX enable-*-sampling not read from other_config")
	}
	if v, ok := x.VirtualObsID(); v != "v1" || !ok {
		t.Errorf("VirtualObsID() = %q, %v", v, ok)
	}
	x = flowexport.IPFIX{Sampling: p(1), CacheActiveTimeout: p(60), StatsInterval: p(5), TemplateInterval: p(7)}
	if x.EffectiveSampling() != 1 || x.EffectiveCacheActiveTimeout() != 60 || x.EffectiveStatsInterval() != 5 || x.EffectiveTemplateInterval() != 7 {
		t.Error("IPFIX explicit values not returned")
	}
}

// TestOVSSampling pins OVS 3.1's inverted reading of enable-input-sampling
// and enable-output-sampling (seen on a real switch by the exporter's parity
// test), next to the documented reading.
func TestOVSSampling(t *testing.T) {
	tests := []struct {
		value           string // "" = unset
		documented, ovs bool
	}{
		{"", true, true},
		{"true", true, false},
		{"TRUE", true, false},
		{"false", false, true},
		{"yes", true, true},
	}
	for _, tt := range tests {
		x := flowexport.IPFIX{Targets: []string{"127.0.0.1:4739"}}
		if tt.value != "" {
			x.OtherConfig = map[string]string{"enable-input-sampling": tt.value, "enable-output-sampling": tt.value}
		}
		if x.EnableInputSampling() != tt.documented || x.EnableOutputSampling() != tt.documented {
			t.Errorf("%q: EnableInput/OutputSampling = %v/%v, want %v", tt.value, x.EnableInputSampling(), x.EnableOutputSampling(), tt.documented)
		}
		if x.OVSInputSampling() != tt.ovs || x.OVSOutputSampling() != tt.ovs {
			t.Errorf("%q: OVSInput/OutputSampling = %v/%v, want %v", tt.value, x.OVSInputSampling(), x.OVSOutputSampling(), tt.ovs)
		}
	}
}
