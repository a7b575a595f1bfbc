package flowexport_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

func TestOperatorConfig(t *testing.T) {
	e := flowexport.ExportNetworkFlows{
		NetFlow: &flowexport.Collectors{Collectors: []string{"192.168.1.99:2056"}},
		SFlow:   &flowexport.Collectors{Collectors: []string{"10.0.0.2:6343", "10.0.0.1:6343"}},
		IPFIX:   &flowexport.Collectors{Collectors: []string{"[2001:db8::1]:4739"}},
	}
	got, err := e.Config(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := flowexport.Config{
		NetFlow: &flowexport.NetFlow{Targets: []string{"192.168.1.99:2056"}, ActiveTimeout: 60},
		SFlow:   &flowexport.SFlow{Targets: []string{"10.0.0.1:6343", "10.0.0.2:6343"}, Agent: flowexport.Ptr("ovn-k8s-mp0")},
		IPFIX:   &flowexport.IPFIX{Targets: []string{"[2001:db8::1]:4739"}, Sampling: flowexport.Ptr(400), CacheActiveTimeout: flowexport.Ptr(60)},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Config(nil) diff (-want +got):\n%s", d)
	}

	got, err = flowexport.ExportNetworkFlows{IPFIX: e.IPFIX}.Config(&flowexport.OperatorOptions{
		SFlowAgent: "lo", IPFIXSharedTarget: "127.0.0.1:4739", IPFIXSampling: 1,
		IPFIXCacheActiveTimeout: 5, IPFIXCacheMaxFlows: 100,
	})
	if err != nil {
		t.Fatal(err)
	}
	want = flowexport.Config{IPFIX: &flowexport.IPFIX{
		Targets: []string{"[2001:db8::1]:4739"}, SharedTarget: "127.0.0.1:4739",
		Sampling: flowexport.Ptr(1), CacheActiveTimeout: flowexport.Ptr(5), CacheMaxFlows: flowexport.Ptr(100),
	}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Config(options) diff (-want +got):\n%s", d)
	}

	_, err = flowexport.ExportNetworkFlows{}.Config(&flowexport.OperatorOptions{IPFIXSharedTarget: ":4739"})
	wantVE(t, "nodePort shared target", err, "exportNetworkFlows", "sharedTarget", -1, flowexport.ErrTargetSyntax)
	_, err = flowexport.ExportNetworkFlows{SFlow: &flowexport.Collectors{Collectors: []string{"a.b:1"}}}.Config(nil)
	wantVE(t, "hostname", err, "exportNetworkFlows", "sFlow.collectors", 0, flowexport.ErrHostname)
	_, err = flowexport.ExportNetworkFlows{IPFIX: &flowexport.Collectors{Collectors: []string{"127.0.0.1:1"}}}.Config(&flowexport.OperatorOptions{IPFIXCacheActiveTimeout: 9999})
	wantVE(t, "cache timeout", err, "IPFIX", "cache_active_timeout", -1, flowexport.ErrRange)
}

func TestOperatorViewJSON(t *testing.T) {
	c := flowexport.Config{NetFlow: &flowexport.NetFlow{Targets: []string{"192.168.1.99:2056"}, ActiveTimeout: 60}}
	b, err := json.Marshal(flowexport.OperatorView(c))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"netFlow":{"collectors":["192.168.1.99:2056"]}}`; got != want {
		t.Errorf("json(OperatorView) = %s, want %s", got, want)
	}
	c = flowexport.Config{
		SFlow: &flowexport.SFlow{Targets: []string{"10.0.0.2:6343", "bogus"}},
		IPFIX: &flowexport.IPFIX{Targets: []string{"10.0.0.3:4739"}, SharedTarget: "10.0.0.1:4739"},
	}
	b, _ = json.Marshal(flowexport.OperatorView(c))
	if got, want := string(b), `{"sFlow":{"collectors":["10.0.0.2:6343","bogus"]},"ipfix":{"collectors":["10.0.0.1:4739","10.0.0.3:4739"]}}`; got != want {
		t.Errorf("json(OperatorView) = %s, want %s", got, want)
	}
	b, _ = json.Marshal(flowexport.OperatorView(flowexport.Config{}))
	if string(b) != "{}" {
		t.Errorf("json(OperatorView(empty)) = %s, want {}", b)
	}
}

func TestMergePatch(t *testing.T) {
	base := flowexport.ExportNetworkFlows{
		NetFlow: &flowexport.Collectors{Collectors: []string{"127.0.0.1:2055"}},
		SFlow:   &flowexport.Collectors{Collectors: []string{"127.0.0.1:6343"}},
	}
	c := func(ts ...string) *flowexport.Collectors { return &flowexport.Collectors{Collectors: ts} }
	tests := []struct {
		name  string
		patch string
		want  flowexport.ExportNetworkFlows
		err   error
	}{
		{"doc example", `{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":["192.168.1.99:2056"]}}}}`,
			flowexport.ExportNetworkFlows{NetFlow: c("192.168.1.99:2056"), SFlow: base.SFlow}, nil},
		{"add ipfix", `{"spec":{"exportNetworkFlows":{"ipfix":{"collectors":["[::1]:4739","127.0.0.1:4739"]}}}}`,
			flowexport.ExportNetworkFlows{NetFlow: base.NetFlow, SFlow: base.SFlow, IPFIX: c("[::1]:4739", "127.0.0.1:4739")}, nil},
		{"remove sflow", `{"spec":{"exportNetworkFlows":{"sFlow":null}}}`,
			flowexport.ExportNetworkFlows{NetFlow: base.NetFlow}, nil},
		{"remove sflow collectors", `{"spec":{"exportNetworkFlows":{"sFlow":{"collectors":null}}}}`,
			flowexport.ExportNetworkFlows{NetFlow: base.NetFlow}, nil},
		{"empty type object", `{"spec":{"exportNetworkFlows":{"sFlow":{}}}}`, base, nil},
		{"remove all", `{"spec":{"exportNetworkFlows":null}}`, flowexport.ExportNetworkFlows{}, nil},
		{"no-op", `{"spec":{}}`, base, nil},
		{"empty doc", `{}`, base, nil},
		{"white space", " {\"spec\" : {\"exportNetworkFlows\": {\"netFlow\" : null } } }\n", flowexport.ExportNetworkFlows{SFlow: base.SFlow}, nil},

		{"empty list", `{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":[]}}}}`, flowexport.ExportNetworkFlows{}, flowexport.ErrTargetCount},
		{"eleven", `{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":["127.0.0.1:1","127.0.0.1:2","127.0.0.1:3","127.0.0.1:4","127.0.0.1:5","127.0.0.1:6","127.0.0.1:7","127.0.0.1:8","127.0.0.1:9","127.0.0.1:10","127.0.0.1:11"]}}}}`, flowexport.ExportNetworkFlows{}, flowexport.ErrTargetCount},
		{"hostname", `{"spec":{"exportNetworkFlows":{"ipfix":{"collectors":["ipfix.example:4739"]}}}}`, flowexport.ExportNetworkFlows{}, flowexport.ErrHostname},
		{"bad port", `{"spec":{"exportNetworkFlows":{"sFlow":{"collectors":["127.0.0.1:0"]}}}}`, flowexport.ExportNetworkFlows{}, flowexport.ErrPort},
		{"duplicate", `{"spec":{"exportNetworkFlows":{"sFlow":{"collectors":["127.0.0.1:1","127.0.0.1:1"]}}}}`, flowexport.ExportNetworkFlows{}, flowexport.ErrDuplicate},
		{"lowercase netflow", `{"spec":{"exportNetworkFlows":{"netflow":{"collectors":["127.0.0.1:1"]}}}}`, flowexport.ExportNetworkFlows{}, flowexport.ErrPatch},
		{"typo collector", `{"spec":{"exportNetworkFlows":{"netFlow":{"collector":["127.0.0.1:1"]}}}}`, flowexport.ExportNetworkFlows{}, flowexport.ErrPatch},
		{"other spec field", `{"spec":{"defaultNetwork":{}}}`, flowexport.ExportNetworkFlows{}, flowexport.ErrPatch},
		{"metadata", `{"metadata":{"name":"cluster"}}`, flowexport.ExportNetworkFlows{}, flowexport.ErrPatch},
		{"not json", `spec: {}`, flowexport.ExportNetworkFlows{}, flowexport.ErrPatch},
		{"array", `[]`, flowexport.ExportNetworkFlows{}, flowexport.ErrPatch},
		{"null doc", `null`, flowexport.ExportNetworkFlows{}, flowexport.ErrPatch},
		{"string collectors", `{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":"127.0.0.1:1"}}}}`, flowexport.ExportNetworkFlows{}, flowexport.ErrPatch},
		{"number collector", `{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":[1]}}}}`, flowexport.ExportNetworkFlows{}, flowexport.ErrPatch},
		{"type is list", `{"spec":{"exportNetworkFlows":{"netFlow":["127.0.0.1:1"]}}}`, flowexport.ExportNetworkFlows{}, flowexport.ErrPatch},
		{"trailing garbage", `{"spec":{}} x`, flowexport.ExportNetworkFlows{}, flowexport.ErrPatch},
	}
	for _, tt := range tests {
		got, err := base.MergePatch([]byte(tt.patch))
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("%s: MergePatch(%s) = %+v, %v, want error %v", tt.name, tt.patch, got, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: MergePatch(%s) = %v", tt.name, tt.patch, err)
			continue
		}
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s: MergePatch(%s) diff (-want +got):\n%s", tt.name, tt.patch, d)
		}
	}
	if base.NetFlow.Collectors[0] != "127.0.0.1:2055" || base.IPFIX != nil {
		t.Error("MergePatch modified its receiver")
	}
}

func TestParsePatchOps(t *testing.T) {
	p, err := flowexport.ParsePatch([]byte(`{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":["192.168.1.99:2056"]},"ipfix":null}}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := flowexport.Patch{
		NetFlow: flowexport.TypePatch{Op: flowexport.PatchReplace, Collectors: []string{"192.168.1.99:2056"}},
		SFlow:   flowexport.TypePatch{Op: flowexport.PatchKeep},
		IPFIX:   flowexport.TypePatch{Op: flowexport.PatchRemove},
	}
	if d := cmp.Diff(want, p); d != "" {
		t.Errorf("ParsePatch diff (-want +got):\n%s", d)
	}
	// A type the patch leaves alone is kept even if another tool wrote
	// something we would not accept.
	odd := flowexport.ExportNetworkFlows{SFlow: &flowexport.Collectors{Collectors: []string{"collector.example:6343"}}}
	got := p.Apply(odd)
	if got.SFlow == nil || got.SFlow.Collectors[0] != "collector.example:6343" || got.IPFIX != nil || got.NetFlow == nil {
		t.Errorf("Apply = %+v", got)
	}
	p, err = flowexport.ParsePatch([]byte(`{"spec":{"exportNetworkFlows":null}}`))
	if err != nil || p.NetFlow.Op != flowexport.PatchRemove || p.SFlow.Op != flowexport.PatchRemove || p.IPFIX.Op != flowexport.PatchRemove {
		t.Errorf("ParsePatch(null) = %+v, %v, want all removed", p, err)
	}
}
