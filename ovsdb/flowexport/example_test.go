package flowexport_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

func ExampleSFlow_Validate() {
	s := flowexport.SFlow{
		Targets:  []string{"127.0.0.1:6343", "collector.example:6343"},
		Sampling: flowexport.Ptr(1),
	}
	err := s.Validate()
	var ve *flowexport.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Table, ve.Field, ve.Index, ve.Value)
	}
	fmt.Println(errors.Is(err, flowexport.ErrHostname))
	fmt.Println(err)
	// Output:
	// sFlow targets 1 collector.example:6343
	// true
	// flowexport: sFlow targets[1] "collector.example:6343": host is a name, want an IP literal
}

func ExampleSFlow_EffectiveSampling() {
	unset := flowexport.SFlow{Targets: []string{"127.0.0.1:6343"}}
	off := flowexport.SFlow{Targets: []string{"127.0.0.1:6343"}, Sampling: flowexport.Ptr(0)}
	fmt.Println(unset.EffectiveSampling(), off.EffectiveSampling())
	// Output: 400 0
}

func ExampleExportNetworkFlows_Config() {
	e := flowexport.ExportNetworkFlows{
		NetFlow: &flowexport.Collectors{Collectors: []string{"192.168.1.99:2056"}},
	}
	c, err := e.Config(nil) // the rows ovn-kubernetes writes
	if err != nil {
		panic(err)
	}
	fmt.Println(c.NetFlow.Targets, c.NetFlow.ActiveTimeout, c.SFlow == nil, c.IPFIX == nil)
	// Output: [192.168.1.99:2056] 60 true true
}

func ExampleExportNetworkFlows_MergePatch() {
	current := flowexport.ExportNetworkFlows{
		SFlow: &flowexport.Collectors{Collectors: []string{"10.0.0.1:6343"}},
	}
	patch := `{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":["192.168.1.99:2056"]}}}}`
	next, err := current.MergePatch([]byte(patch))
	if err != nil {
		panic(err)
	}
	b, _ := json.Marshal(next)
	fmt.Println(string(b))
	// Output: {"netFlow":{"collectors":["192.168.1.99:2056"]},"sFlow":{"collectors":["10.0.0.1:6343"]}}
}

func ExampleParseTarget() {
	for _, s := range []string{"[2001:DB8::1]:4739", "10.0.0.1:0"} {
		ap, err := flowexport.ParseTarget(s)
		fmt.Println(ap, err)
	}
	// Output:
	// [2001:db8::1]:4739 <nil>
	// invalid AddrPort port must be decimal 1-65535
}
