package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/ovsflow/ovsflow/ovsdb"
)

// TestCheckedInModelsUpToDate regenerates ovsdb/vswitch/models.go and
// compares it with the checked-in file (run `go generate ./ovsdb/vswitch`
// after changing the generator or the schema).
func TestCheckedInModelsUpToDate(t *testing.T) {
	b, err := os.ReadFile("../../../ovsdb/vswitch/vswitch.ovsschema")
	if err != nil {
		t.Fatal(err)
	}
	s, err := ovsdb.ParseSchema(b)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Generate(s, "vswitch", "vswitch.ovsschema")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../../ovsdb/vswitch/models.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("ovsdb/vswitch/models.go is stale: run go generate ./ovsdb/vswitch")
	}
}

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"Open_vSwitch": "OpenVSwitch", "sFlow": "SFlow", "IPFIX": "IPFIX", "Flow_Sample_Collector_Set": "FlowSampleCollectorSet",
		"external_ids": "ExternalIDs", "datapath_id": "DatapathID", "obs_domain_id": "ObsDomainID", "netflow": "NetFlow",
		"ofport_request": "OFPortRequest", "lacp_current": "LACPCurrent",
	} {
		if got := goName(in); got != want {
			t.Errorf("goName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGenerateOptionalAndMap(t *testing.T) {
	s, err := ovsdb.ParseSchema([]byte(`{"name":"D","version":"1","tables":{"T":{"columns":{
		"o":{"type":{"key":"integer","min":0,"max":1}},
		"m":{"type":{"key":"string","value":{"type":"uuid","refTable":"T"},"min":0,"max":"unlimited"}},
		"e":{"type":{"key":{"type":"string","enum":["set",["a","b"]]}}}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	src, err := Generate(s, "d", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"O *int64", "M map[string]ovsdb.UUID", "E string", `TEA = "a"`, "DO NOT EDIT."} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("generated source lacks %q", want)
		}
	}
}
