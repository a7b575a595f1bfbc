package ipfix_test

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/ovsflow/ovsflow/ipfix"
)

// A template and two records written by the Builder, decoded by a Session
// and a Decoder, every field walked generically.
func Example() {
	tmpl := ipfix.Template{ID: 256, Fields: []ipfix.FieldSpecifier{
		{ID: 8, Length: 4},             // sourceIPv4Address
		{ID: 2, Length: 4},             // packetDeltaCount, reduced to 4 bytes
		{ID: 82, Length: ipfix.VarLen}, // interfaceName
		{ID: 892, Length: ipfix.VarLen, Enterprise: ipfix.EnterpriseVMware}, // OVS tunnelKey
	}}
	b := ipfix.NewBuilder(nil, ipfix.Header{ExportTime: 1700000000, SequenceNumber: 0, ObservationDomainID: 7})
	if err := b.AddTemplate(tmpl); err != nil {
		panic(err)
	}
	for i, name := range []string{"eth0", "vxlan0"} {
		b.StartDataSet(256)
		b.StartRecord()
		b.Addr4(netip.AddrFrom4([4]byte{10, 0, 0, byte(i + 1)}))
		b.UintN(uint64(100*(i+1)), 4)
		b.VarString(name)
		b.VarBytes([]byte{0, 0, byte(i)})
		if err := b.EndRecord(); err != nil {
			panic(err)
		}
	}
	msg, err := b.Finish()
	if err != nil {
		panic(err)
	}

	sess := ipfix.NewSession(nil)
	var d ipfix.Decoder
	from := netip.MustParseAddrPort("192.0.2.1:4739")
	hdr, err := d.Reset(sess, from, msg, time.Unix(1700000000, 0))
	if err != nil {
		panic(err)
	}
	fmt.Println("domain", hdr.ObservationDomainID, "length", hdr.Length)
	for d.NextSet() {
		for d.NextRecord() {
			var line []byte
			for f := range d.Record().All() {
				if len(line) > 0 {
					line = append(line, ' ')
				}
				line = append(append(line, f.Name()...), '=')
				line = f.AppendText(line)
			}
			fmt.Println(string(line))
		}
	}
	if err := d.Err(); err != nil {
		panic(err)
	}
	// Output:
	// domain 7 length 84
	// sourceIPv4Address=10.0.0.1 packetDeltaCount=100 interfaceName=eth0 tunnelKey=0x000000
	// sourceIPv4Address=10.0.0.2 packetDeltaCount=200 interfaceName=vxlan0 tunnelKey=0x000001
}

// Listing the templates a message defines, as a collector's debug output
// would.
func ExampleDecoder_NextTemplate() {
	b := ipfix.NewBuilder(nil, ipfix.Header{})
	b.AddTemplate(ipfix.Template{ID: 462, ScopeCount: 1, Fields: []ipfix.FieldSpecifier{{ID: 144, Length: 4}, {ID: 167, Length: 8}}})
	b.WithdrawTemplate(300, false)
	msg, _ := b.Finish()

	var d ipfix.Decoder
	d.Reset(ipfix.NewSession(nil), netip.MustParseAddrPort("192.0.2.1:4739"), msg, time.Now())
	for d.NextSet() {
		for d.NextTemplate() {
			t := d.TemplateRecord()
			if t.IsWithdrawal() {
				fmt.Println("withdraw", t.ID)
				continue
			}
			fmt.Print("template ", t.ID, " scope ", t.ScopeCount, ":")
			for i := range t.NumFields() {
				s := t.Spec(i)
				fmt.Print(" ", ipfix.Lookup(s.Enterprise, s.ID).Name, "/", s.Length)
			}
			fmt.Println()
		}
	}
	// Output:
	// template 462 scope 1: exportingProcessId/4 notSentPacketTotalCount/8
	// withdraw 300
}

// Looking up registry entries, including Open vSwitch's tunnel elements and
// RFC 5103 reverse elements.
func ExampleLookup() {
	for _, k := range []struct {
		ent uint32
		id  uint16
	}{{0, 1}, {ipfix.EnterpriseReverse, 1}, {ipfix.EnterpriseVMware, 891}, {0, 496}} {
		e := ipfix.Lookup(k.ent, k.id)
		fmt.Println(e.Enterprise, e.ID, e.Name, e.Type)
	}
	// Output:
	// 0 1 octetDeltaCount unsigned64
	// 29305 1 reverseOctetDeltaCount unsigned64
	// 6876 891 tunnelType unsigned8
	// 0 496 srhSegmentIPv6BasicList basicList
}
