// Package tshark runs Wireshark's command-line decoder as an independent
// second opinion on datagrams our codecs write or read.
//
//	pkts := tshark.Decode(t, datagrams, "cflow") // NetFlow / IPFIX
//	tshark.CheckClean(t, pkts)                   // no Error or Malformed items
//	for _, p := range pkts {
//		t.Log(p.Root.Values("cflow.srcaddr"))
//	}
//
// Datagrams are wrapped in a pcap as IPv4/UDP between loopback addresses and
// decoded with `-d udp.port==P,PROTO -o cflow.max_template_fields:0 -T json
// --no-duplicate-keys`. The JSON is read into an ordered tree of [Node]s, so
// repeated fields (one per record) keep their document order.
package tshark

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/pcapfile"
	"github.com/ovsflow/ovsflow/internal/testenv"
)

// Default UDP destination ports per dissector.
const (
	PortCflow = 2055
	PortSflow = 6343
)

// Require returns the path of tshark, or skips the test (fails under
// OVSFLOW_REQUIRE_REAL=1).
func Require(tb testing.TB) string {
	tb.Helper()
	return testenv.RequireBinary(tb, "tshark", "tshark")
}

// Node is one element of tshark's JSON tree: a field with a Value (leaf) or
// a subtree with Kids. A JSON array of values under one key becomes several
// Nodes with the same Name.
type Node struct {
	Name  string
	Value string
	Kids  []*Node
}

// Find returns the first node named name, depth-first in document order,
// or nil.
func (n *Node) Find(name string) *Node {
	if n == nil {
		return nil
	}
	for _, k := range n.Kids {
		if k.Name == name {
			return k
		}
		if f := k.Find(name); f != nil {
			return f
		}
	}
	return nil
}

// FindAll returns every node named name below n, depth-first in document
// order (it does not descend into a match).
func (n *Node) FindAll(name string) []*Node {
	var out []*Node
	if n == nil {
		return nil
	}
	for _, k := range n.Kids {
		if k.Name == name {
			out = append(out, k)
			continue
		}
		out = append(out, k.FindAll(name)...)
	}
	return out
}

// Values returns the values of every leaf named name below n, in document
// order.
func (n *Node) Values(name string) []string {
	var out []string
	n.walk(func(k *Node) {
		if k.Name == name && k.Kids == nil {
			out = append(out, k.Value)
		}
	})
	return out
}

// Value1 returns the value of the first leaf named name below n, and whether
// it exists.
func (n *Node) Value1(name string) (string, bool) {
	v := n.Values(name)
	if len(v) == 0 {
		return "", false
	}
	return v[0], true
}

func (n *Node) walk(fn func(*Node)) {
	if n == nil {
		return
	}
	for _, k := range n.Kids {
		fn(k)
		k.walk(fn)
	}
}

// String renders the subtree, one node per line, for test failure output.
func (n *Node) String() string {
	var b strings.Builder
	var rec func(*Node, int)
	rec = func(n *Node, depth int) {
		for _, k := range n.Kids {
			b.WriteString(strings.Repeat("  ", depth))
			b.WriteString(k.Name)
			if k.Kids == nil {
				b.WriteString(": ")
				b.WriteString(k.Value)
			}
			b.WriteByte('\n')
			rec(k, depth+1)
		}
	}
	rec(n, 0)
	return b.String()
}

// Expert is one expert-info item tshark attached to a packet.
type Expert struct {
	Severity string // "Comment", "Chat", "Note", "Warning", "Error"
	Group    string // "Malformed", "Protocol", "Sequence", ... or the number
	Message  string
}

// Packet is one decoded frame.
type Packet struct {
	// Root holds the layers: Root.Find("cflow"), Root.Find("sflow").
	Root *Node
	// Expert lists the expert items, including a synthesized Malformed
	// Error for a "_ws.malformed" layer.
	Expert []Expert
}

// Errors returns the expert items of severity Error or group Malformed.
func (p Packet) Errors() []Expert {
	var out []Expert
	for _, e := range p.Expert {
		if e.Severity == "Error" || e.Group == "Malformed" {
			out = append(out, e)
		}
	}
	return out
}

// CheckClean fails the test for every Error or Malformed expert item.
// Warnings (such as "Unexpected flow sequence") are allowed.
func CheckClean(tb testing.TB, pkts []Packet) {
	tb.Helper()
	for i, p := range pkts {
		for _, e := range p.Errors() {
			tb.Errorf("tshark: packet %d: %s/%s: %s", i, e.Severity, e.Group, e.Message)
		}
	}
}

// PCAP wraps datagrams in a classic pcap file: Ethernet, IPv4 and UDP from
// 127.0.0.1:40000 to 127.0.0.1:dstPort, one frame per datagram.
func PCAP(datagrams [][]byte, dstPort uint16) []byte { return PCAPFrom(datagrams, nil, dstPort) }

// PCAPFrom is [PCAP] with a UDP source port per datagram (srcPorts[i];
// 40000 where srcPorts is shorter). tshark keys NetFlow and IPFIX templates
// by address and port, so distinct ports keep exporters apart in one run.
func PCAPFrom(datagrams [][]byte, srcPorts []uint16, dstPort uint16) []byte {
	b := pcapfile.AppendHeader(nil, pcapfile.LinkTypeEthernet, 262144)
	for i, d := range datagrams {
		src := uint16(40000)
		if i < len(srcPorts) {
			src = srcPorts[i]
		}
		b = pcapfile.AppendRecord(b, time.Unix(int64(1700000000+i), 0), udpFrame(d, src, dstPort, uint16(i)))
	}
	return b
}

func udpFrame(payload []byte, src, dst, id uint16) []byte {
	f := make([]byte, 0, 42+len(payload))
	f = append(f, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x00)
	ipLen := 20 + 8 + len(payload)
	ip := []byte{0x45, 0, byte(ipLen >> 8), byte(ipLen), byte(id >> 8), byte(id), 0x40, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1}
	var sum uint32
	for i := 0; i < 20; i += 2 {
		sum += uint32(ip[i])<<8 | uint32(ip[i+1])
	}
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	binary.BigEndian.PutUint16(ip[10:], ^uint16(sum))
	f = append(f, ip...)
	udpLen := 8 + len(payload)
	f = binary.BigEndian.AppendUint16(f, src)
	f = binary.BigEndian.AppendUint16(f, dst)
	f = binary.BigEndian.AppendUint16(f, uint16(udpLen))
	f = binary.BigEndian.AppendUint16(f, 0) // checksum optional for IPv4
	return append(f, payload...)
}

// Decode runs tshark over datagrams sent to the dissector's default port
// (PortCflow for "cflow", PortSflow for "sflow") and returns one Packet per
// datagram. The test fails if tshark cannot run; it is skipped (or fails
// under OVSFLOW_REQUIRE_REAL=1) when tshark is missing.
func Decode(tb testing.TB, datagrams [][]byte, proto string) []Packet {
	tb.Helper()
	port := uint16(PortCflow)
	if proto == "sflow" {
		port = PortSflow
	}
	return DecodePCAP(tb, PCAP(datagrams, port), proto, port)
}

// DecodePCAP runs tshark over a pcap file's bytes, decoding UDP port port
// as proto. Extra arguments (such as "-x" for raw field bytes) are passed
// to tshark.
func DecodePCAP(tb testing.TB, pcap []byte, proto string, port uint16, extra ...string) []Packet {
	tb.Helper()
	bin := Require(tb)
	dir := tb.TempDir()
	file := filepath.Join(dir, "in.pcap")
	if err := os.WriteFile(file, pcap, 0o644); err != nil {
		tb.Fatalf("tshark: %v", err)
	}
	cmd := exec.Command(bin, "-n", "-r", file,
		"-d", "udp.port=="+strconv.Itoa(int(port))+","+proto,
		"-o", "cflow.max_template_fields:0",
		"-T", "json", "--no-duplicate-keys")
	cmd.Args = append(cmd.Args, extra...)
	// tshark wants a writable home for its profile; keep it private.
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		tb.Fatalf("tshark: %v: %s", err, stderr.String())
	}
	pkts, err := Parse(stdout.Bytes())
	if err != nil {
		tb.Fatalf("tshark: parsing its JSON: %v", err)
	}
	return pkts
}

// Parse reads tshark's `-T json --no-duplicate-keys` output.
func Parse(js []byte) ([]Packet, error) {
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	root := &Node{}
	if err := parseValue(dec, root, "packets"); err != nil {
		return nil, err
	}
	var pkts []Packet
	for _, p := range root.Kids {
		layers := p.Find("layers")
		if layers == nil {
			return nil, errors.New("packet without _source.layers")
		}
		pkt := Packet{Root: layers}
		layers.walk(func(n *Node) {
			switch n.Name {
			case "_ws.expert":
				e := Expert{}
				for _, k := range n.Kids {
					switch k.Name {
					case "_ws.expert.message":
						e.Message = k.Value
					case "_ws.expert.severity":
						e.Severity = severityName(k.Value)
					case "_ws.expert.group":
						e.Group = groupName(k.Value)
					}
				}
				pkt.Expert = append(pkt.Expert, e)
			case "_ws.malformed":
				msg := "malformed packet"
				if m, ok := n.Value1("_ws.expert.message"); ok {
					msg = m
				}
				pkt.Expert = append(pkt.Expert, Expert{Severity: "Error", Group: "Malformed", Message: msg})
			}
		})
		pkts = append(pkts, pkt)
	}
	return pkts, nil
}

// parseValue reads one JSON value into parent as child(ren) named name.
func parseValue(dec *json.Decoder, parent *Node, name string) error {
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			return io.ErrUnexpectedEOF
		}
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &Node{Name: name, Kids: []*Node{}}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				key, ok := kt.(string)
				if !ok {
					return errors.New("object key is not a string")
				}
				if err := parseValue(dec, n, key); err != nil {
					return err
				}
			}
			if _, err := dec.Token(); err != nil { // '}'
				return err
			}
			parent.Kids = append(parent.Kids, n)
		case '[':
			// An array: each element becomes a node named name.
			for dec.More() {
				if err := parseValue(dec, parent, name); err != nil {
					return err
				}
			}
			if _, err := dec.Token(); err != nil { // ']'
				return err
			}
		default:
			return errors.New("unexpected delimiter " + t.String())
		}
	case string:
		parent.Kids = append(parent.Kids, &Node{Name: name, Value: t})
	case json.Number:
		parent.Kids = append(parent.Kids, &Node{Name: name, Value: t.String()})
	case bool:
		parent.Kids = append(parent.Kids, &Node{Name: name, Value: strconv.FormatBool(t)})
	case nil:
		parent.Kids = append(parent.Kids, &Node{Name: name})
	}
	return nil
}

// severityName maps Wireshark's PI_* severity values to names.
func severityName(v string) string {
	n, err := strconv.ParseUint(v, 0, 32)
	if err != nil {
		return v
	}
	switch n {
	case 0x00100000:
		return "Comment"
	case 0x00200000:
		return "Chat"
	case 0x00400000:
		return "Note"
	case 0x00600000:
		return "Warning"
	case 0x00800000:
		return "Error"
	}
	return v
}

// groupName maps Wireshark's PI_* group values to names.
func groupName(v string) string {
	n, err := strconv.ParseUint(v, 0, 32)
	if err != nil {
		return v
	}
	switch n {
	case 0x01000000:
		return "Checksum"
	case 0x02000000:
		return "Sequence"
	case 0x03000000:
		return "Response"
	case 0x04000000:
		return "Request"
	case 0x05000000:
		return "Undecoded"
	case 0x06000000:
		return "Reassemble"
	case 0x07000000:
		return "Malformed"
	case 0x08000000:
		return "Debug"
	case 0x09000000:
		return "Protocol"
	case 0x0a000000:
		return "Security"
	case 0x0b000000:
		return "Comments"
	case 0x0c000000:
		return "Decryption"
	case 0x0d000000:
		return "Assumption"
	case 0x0e000000:
		return "Deprecated"
	}
	return v
}
