// Command genipfix generates the information-element tables of package
// ipfix (zelements.go) from the XML element lists in registry/.
//
// Usage (from the ipfix directory, through go generate):
//
//	go run ../internal/cmd/genipfix -o zelements.go
package main

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"go/format"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

type element struct {
	ID        uint16
	PEN       uint32
	Name      string
	Type      string
	Semantics string
}

// inputs are read in order; a later definition of (PEN, ID) replaces an
// earlier one, so supplement.xml can add and correct.
var inputs = []string{"iana.xml", "vmware.xml", "cisco.xml", "netscaler.xml", "netflow.xml", "supplement.xml"}

var typeNames = map[string]string{
	"octetArray": "OctetArray", "unsigned8": "Unsigned8", "unsigned16": "Unsigned16",
	"unsigned32": "Unsigned32", "unsigned64": "Unsigned64", "signed8": "Signed8",
	"signed16": "Signed16", "signed32": "Signed32", "signed64": "Signed64",
	"float32": "Float32", "float64": "Float64", "boolean": "Boolean",
	"macAddress": "MACAddress", "string": "String", "dateTimeSeconds": "DateTimeSeconds",
	"dateTimeMilliseconds": "DateTimeMilliseconds", "dateTimeMicroseconds": "DateTimeMicroseconds",
	"dateTimeNanoseconds": "DateTimeNanoseconds", "ipv4Address": "IPv4Address",
	"ipv6Address": "IPv6Address", "ipv6address": "IPv6Address", "basicList": "BasicList",
	"subTemplateList": "SubTemplateList", "subTemplateMultiList": "SubTemplateMultiList",
	"unsigned256": "OctetArray",
}

var semNames = map[string]string{
	"": "SemDefault", "default": "SemDefault", "quantity": "SemQuantity",
	"totalCounter": "SemTotalCounter", "deltaCounter": "SemDeltaCounter",
	"identifier": "SemIdentifier", "flags": "SemFlags", "list": "SemList",
	"snmpCounter": "SemSNMPCounter", "snmpGauge": "SemSNMPGauge",
	// RFC 7012 lists no semantics for these; libfds uses them as units.
	"delay": "SemQuantity", "duration": "SemQuantity",
}

// notReversible are IANA elements that RFC 5103 §6.1 excludes from the
// reverse enterprise (process, template and exporter bookkeeping).
var notReversible = map[uint16]bool{
	40: true, 41: true, 42: true, 130: true, 131: true, 137: true, 141: true,
	143: true, 144: true, 145: true, 148: true, 149: true, 164: true, 165: true,
	163: true, 166: true, 167: true, 168: true, 173: true, 210: true, 211: true, 212: true, 213: true,
	214: true, 215: true, 216: true, 217: true, 239: true,
}

var vendorVars = map[uint32]string{
	6876: "vmwareElements", 9: "ciscoElements", 5951: "netscalerElements",
	4294967294: "netflowElements",
}

func parse(path string, into map[[2]uint64]element) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	var pen uint32
	var stack []string
	var cur element
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			text.Reset()
			if t.Name.Local == "element" {
				cur = element{PEN: pen}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			s := strings.TrimSpace(text.String())
			text.Reset()
			parent := ""
			if len(stack) >= 2 {
				parent = stack[len(stack)-2]
			}
			stack = stack[:len(stack)-1]
			switch {
			case parent == "scope" && t.Name.Local == "pen":
				v, err := strconv.ParseUint(s, 10, 32)
				if err != nil {
					return fmt.Errorf("%s: pen %q", path, s)
				}
				pen = uint32(v)
			case parent == "element" && t.Name.Local == "id":
				v, err := strconv.ParseUint(s, 10, 15)
				if err != nil {
					return fmt.Errorf("%s: id %q", path, s)
				}
				cur.ID = uint16(v)
			case parent == "element" && t.Name.Local == "name":
				cur.Name = s
			case parent == "element" && t.Name.Local == "dataType":
				cur.Type = s
			case parent == "element" && t.Name.Local == "dataSemantics":
				cur.Semantics = s
			case t.Name.Local == "element":
				if cur.Name == "" {
					return fmt.Errorf("%s: element %d without name", path, cur.ID)
				}
				if _, ok := typeNames[cur.Type]; !ok {
					return fmt.Errorf("%s: element %d: unknown type %q", path, cur.ID, cur.Type)
				}
				if _, ok := semNames[cur.Semantics]; !ok {
					return fmt.Errorf("%s: element %d: unknown semantics %q", path, cur.ID, cur.Semantics)
				}
				cur.PEN = pen
				into[[2]uint64{uint64(pen), uint64(cur.ID)}] = cur
			}
		}
	}
}

func lit(e element, pen uint32, name string) string {
	return fmt.Sprintf("{ID: %d, Enterprise: %d, Name: %q, Type: %s, Semantics: %s}",
		e.ID, pen, name, typeNames[e.Type], semNames[e.Semantics])
}

func main() {
	dir := flag.String("registry", "../internal/cmd/genipfix/registry", "directory with the XML element lists")
	out := flag.String("o", "zelements.go", "output file")
	flag.Parse()
	all := map[[2]uint64]element{}
	for _, name := range inputs {
		if err := parse(filepath.Join(*dir, name), all); err != nil {
			log.Fatal(err)
		}
	}
	byPEN := map[uint32][]element{}
	for _, e := range all {
		byPEN[e.PEN] = append(byPEN[e.PEN], e)
	}
	for _, l := range byPEN {
		sort.Slice(l, func(i, j int) bool { return l[i].ID < l[j].ID })
	}
	var b bytes.Buffer
	b.WriteString("// Code generated by internal/cmd/genipfix from internal/cmd/genipfix/registry; DO NOT EDIT.\n\n")
	b.WriteString("package ipfix\n\n")
	iana := byPEN[0]
	b.WriteString("// ianaElements is indexed by element ID; an empty Name marks an unassigned ID.\n")
	b.WriteString("var ianaElements = [...]InfoElement{\n")
	for _, e := range iana {
		fmt.Fprintf(&b, "\t%d: %s,\n", e.ID, lit(e, 0, e.Name))
	}
	b.WriteString("}\n\n")
	b.WriteString("// reverseElements are the RFC 5103 reverse twins (enterprise 29305) of the\n// reversible IANA elements, indexed by element ID.\n")
	b.WriteString("var reverseElements = [...]InfoElement{\n")
	for _, e := range iana {
		if notReversible[e.ID] {
			continue
		}
		name := "reverse" + strings.ToUpper(e.Name[:1]) + e.Name[1:]
		fmt.Fprintf(&b, "\t%d: %s,\n", e.ID, lit(e, 29305, name))
	}
	b.WriteString("}\n\n")
	var pens []uint32
	for p := range byPEN {
		if p != 0 {
			pens = append(pens, p)
		}
	}
	sort.Slice(pens, func(i, j int) bool { return pens[i] < pens[j] })
	for _, p := range pens {
		v, ok := vendorVars[p]
		if !ok {
			log.Fatalf("no table name for enterprise %d", p)
		}
		fmt.Fprintf(&b, "// %s is sorted by ID.\nvar %s = [...]InfoElement{\n", v, v)
		for _, e := range byPEN[p] {
			fmt.Fprintf(&b, "\t%s,\n", lit(e, p, e.Name))
		}
		b.WriteString("}\n\n")
	}
	b.WriteString("// vendorTable returns the sorted table of enterprise ent, or nil.\nfunc vendorTable(ent uint32) []InfoElement {\n\tswitch ent {\n")
	for _, p := range pens {
		fmt.Fprintf(&b, "\tcase %d:\n\t\treturn %s[:]\n", p, vendorVars[p])
	}
	b.WriteString("\t}\n\treturn nil\n}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}
