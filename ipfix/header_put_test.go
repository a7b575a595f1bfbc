package ipfix

import (
	"bytes"
	"net/netip"
	"testing"
	"time"
)

// TestHeaderPutTo re-headers a template message built with the Builder:
// only the header changes, and the decoder reads the new values and the
// unchanged template.
func TestHeaderPutTo(t *testing.T) {
	b := NewBuilder(nil, Header{ExportTime: 1, SequenceNumber: 2, ObservationDomainID: 3})
	tmpl := Template{ID: 300, Fields: []FieldSpecifier{{ID: 8, Length: 4}, {ID: 893, Length: 4, Enterprise: EnterpriseVMware}}}
	if err := b.AddTemplate(tmpl); err != nil {
		t.Fatal(err)
	}
	msg, err := b.Finish()
	if err != nil {
		t.Fatal(err)
	}
	orig := bytes.Clone(msg)
	want := Header{Version: Version, Length: uint16(len(msg)), ExportTime: 1_700_000_000, SequenceNumber: 0xfffffffe, ObservationDomainID: 42}
	if !want.PutTo(msg) {
		t.Fatal("PutTo: no room in a whole message")
	}
	if !bytes.Equal(msg[HeaderLen:], orig[HeaderLen:]) {
		t.Error("PutTo changed bytes after the header")
	}
	var d Decoder
	got, err := d.Reset(NewSession(nil), netip.MustParseAddrPort("127.0.0.1:4739"), msg, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("header %+v, want %+v", got, want)
	}
	if !d.NextSet() || !d.NextTemplate() || d.TemplateRecord().ID != 300 {
		t.Errorf("template 300 not decoded after PutTo: %v", d.Err())
	}
	if (Header{}).PutTo(make([]byte, HeaderLen-1)) {
		t.Error("PutTo reported room in 15 bytes")
	}
	if a := testing.AllocsPerRun(100, func() { want.PutTo(msg) }); a != 0 {
		t.Errorf("PutTo: %v allocs", a)
	}
}
