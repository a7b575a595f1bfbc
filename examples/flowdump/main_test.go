package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/corpus"
	"github.com/ovsflow/ovsflow/internal/tshark"
	"github.com/ovsflow/ovsflow/netflow"
	"github.com/ovsflow/ovsflow/sflow"
)

// lines runs flowdump with args and returns its stdout and stderr lines
// decoded as JSON objects.
func lines(t *testing.T, args ...string) (out, errs []map[string]any, status int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	status = run(args, &stdout, &stderr)
	return decodeLines(t, stdout.Bytes()), decodeLines(t, stderr.Bytes()), status
}

func decodeLines(t *testing.T, b []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("not a JSON object: %q: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}

func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func str(v any) string {
	switch v := v.(type) {
	case json.Number:
		return v.String()
	case string:
		return v
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func v5Packet() []byte {
	b := netflow.NewV5Builder(nil, netflow.V5Header{UnixSecs: 1700000000, UnixNsecs: 5, FlowSequence: 29, EngineType: 1, EngineID: 2})
	b.Add(netflow.V5Record{
		SrcAddr: netip.MustParseAddr("10.0.0.1"), DstAddr: netip.MustParseAddr("10.0.0.2"),
		NextHop: netip.MustParseAddr("0.0.0.0"), Input: 1, Output: netflow.OVSOutputDrop,
		Packets: 5, Octets: 320, First: 10, Last: 20, SrcPort: 1000, DstPort: 5001, Protocol: 17,
	})
	return b.Finish()
}

// v9Packets holds a template with an element twice, a 64-bit counter
// above 2^53, a MAC and a string, and a data record for it.
func v9Packets() [][]byte {
	h := netflow.V9Header{UnixSecs: 1700000000, Sequence: 7, SourceID: 3}
	b := netflow.NewV9Builder(nil, h, 0)
	b.AddTemplate(300, []netflow.TemplateField{
		{Type: netflow.FieldSourceIPv4Address, Length: 4},
		{Type: netflow.FieldOctetDeltaCount, Length: 8},
		{Type: netflow.FieldSourceMACAddress, Length: 6},
		{Type: 82, Length: 8}, // interfaceName (string)
		{Type: netflow.FieldMPLSTopLabelStackSection, Length: 3},
		{Type: netflow.FieldMPLSTopLabelStackSection, Length: 3},
		{Type: 152, Length: 8}, // flowStartMilliseconds
		{Type: 50000, Length: 2},
	})
	tpl := b.Finish()
	h.Sequence++
	b = netflow.NewV9Builder(nil, h, 0)
	rec := []byte{192, 0, 2, 1}
	rec = binary.BigEndian.AppendUint64(rec, 1<<60+1)
	rec = append(rec, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff)
	rec = append(rec, 'e', 't', 'h', '0', 0, 0, 0, 0)
	rec = append(rec, 0x00, 0x10, 0x01, 0x00, 0x20, 0x01)
	rec = binary.BigEndian.AppendUint64(rec, 1700000000123)
	rec = append(rec, 0xbe, 0xef)
	b.AddRecord(300, rec)
	return [][]byte{tpl, b.Finish()}
}

func TestNetFlowV5Raw(t *testing.T) {
	out, errs, status := lines(t, "-raw", writeFile(t, "v5.raw", v5Packet()))
	if status != 0 || len(errs) != 0 || len(out) != 1 {
		t.Fatalf("status %d, %d records, errors %v", status, len(out), errs)
	}
	want := map[string]string{
		"type": "netflow5", "exporter": "0.0.0.0:0", "seq": "29", "time": "2023-11-14T22:13:20.000000005Z",
		"sourceIPv4Address": "10.0.0.1", "destinationIPv4Address": "10.0.0.2", "egressInterface": "65533",
		"packetDeltaCount": "5", "octetDeltaCount": "320", "sourceTransportPort": "1000",
		"protocolIdentifier": "17", "engineType": "1", "engineId": "2",
	}
	for k, v := range want {
		if got := str(out[0][k]); got != v {
			t.Errorf("%s = %s, want %s", k, got, v)
		}
	}
	for _, k := range []string{"domain", "template"} {
		if _, ok := out[0][k]; ok {
			t.Errorf("v5 record has %q", k)
		}
	}
}

func TestNetFlowV9Values(t *testing.T) {
	pcap := tshark.PCAP(v9Packets(), 2055)
	out, errs, status := lines(t, "-templates", "-r", writeFile(t, "v9.pcap", pcap))
	if status != 0 || len(errs) != 0 || len(out) != 2 {
		t.Fatalf("status %d, %d lines, errors %v", status, len(out), errs)
	}
	if out[0]["definition"] != "template" || !strings.Contains(str(out[0]["fields"]), `"name":"octetDeltaCount"`) {
		t.Errorf("template line %v", out[0])
	}
	r := out[1]
	want := map[string]string{
		"type": "netflow9", "exporter": "127.0.0.1:40000", // tshark.PCAP's source port
		"domain": "3", "template": "300", "seq": "8",
		"time":              "2023-11-14T22:13:20Z",
		"sourceIPv4Address": "192.0.2.1", "octetDeltaCount": "1152921504606846977", // > 2^53: a string
		"sourceMacAddress": "aa:bb:cc:dd:ee:ff", "interfaceName": "eth0",
		"mplsTopLabelStackSection": `["001001","002001"]`, // twice in the template: an array
		"flowStartMilliseconds":    "2023-11-14T22:13:20.123Z",
		"50000":                    "beef",
	}
	for k, v := range want {
		if got := str(r[k]); got != v {
			t.Errorf("%s = %s, want %s", k, got, v)
		}
	}
	if _, ok := r["octetDeltaCount"].(string); !ok {
		t.Errorf("octetDeltaCount above 2^53 is %T, want a string", r["octetDeltaCount"])
	}
}

// pcapng wraps datagrams in a minimal pcapng file (section header,
// interface with nanosecond resolution, enhanced packet blocks).
func pcapng(datagrams [][]byte) []byte {
	le := binary.LittleEndian
	block := func(typ uint32, body []byte) []byte {
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
		n := uint32(12 + len(body))
		b := le.AppendUint32(nil, typ)
		b = le.AppendUint32(b, n)
		b = append(b, body...)
		return le.AppendUint32(b, n)
	}
	shb := le.AppendUint32(nil, 0x1a2b3c4d)
	shb = append(shb, 1, 0, 0, 0)
	shb = le.AppendUint64(shb, ^uint64(0))
	out := block(0x0a0d0d0a, shb)
	idb := le.AppendUint16(nil, 1) // Ethernet
	idb = append(idb, 0, 0)
	idb = le.AppendUint32(idb, 65535)
	idb = append(idb, 9, 0, 1, 0, 9, 0, 0, 0) // if_tsresol = 9 (ns)
	idb = append(idb, 0, 0, 0, 0)             // opt_endofopt
	out = append(out, block(1, idb)...)
	frames := tshark.PCAP(datagrams, 2055)[24:] // reuse its frames
	ts := uint64(1700000000) * 1e9
	for len(frames) >= 16 {
		n := int(le.Uint32(frames[8:]))
		frame := frames[16 : 16+n]
		frames = frames[16+n:]
		epb := le.AppendUint32(nil, 0)
		epb = le.AppendUint32(epb, uint32(ts>>32))
		epb = le.AppendUint32(epb, uint32(ts))
		epb = le.AppendUint32(epb, uint32(len(frame)))
		epb = le.AppendUint32(epb, uint32(len(frame)))
		epb = append(epb, frame...)
		out = append(out, block(6, epb)...)
		ts += 1000
	}
	return out
}

func TestPcapng(t *testing.T) {
	pkts := append(v9Packets(), v5Packet())
	ng, _, _ := lines(t, "-r", writeFile(t, "x.pcapng", pcapng(pkts)))
	classic, _, _ := lines(t, "-r", writeFile(t, "x.pcap", tshark.PCAP(pkts, 2055)))
	if len(ng) != 2 || len(classic) != 2 {
		t.Fatalf("pcapng gave %d records, pcap %d, want 2", len(ng), len(classic))
	}
	for i := range ng {
		a, _ := json.Marshal(ng[i])
		b, _ := json.Marshal(classic[i])
		if !bytes.Equal(a, b) {
			t.Errorf("record %d: pcapng %s, pcap %s", i, a, b)
		}
	}
}

func TestErrorsAndUsage(t *testing.T) {
	bad := v5Packet()
	bad[3] = 31 // count 31
	out, errs, status := lines(t, "-raw", writeFile(t, "bad.raw", append(bad, v5Packet()...)))
	if status != 0 {
		t.Errorf("status %d for a malformed datagram, want 0", status)
	}
	if len(errs) != 1 || errs[0]["type"] != "error" || str(errs[0]["offset"]) != "2" ||
		!strings.Contains(str(errs[0]["message"]), "count") || errs[0]["exporter"] != "0.0.0.0:0" {
		t.Errorf("error lines %v", errs)
	}
	_ = out
	var sink bytes.Buffer
	if status := run(nil, &sink, &sink); status != 2 {
		t.Errorf("no arguments: status %d, want 2", status)
	}
	if status := run([]string{"-bogus"}, &sink, &sink); status != 2 {
		t.Errorf("bad flag: status %d, want 2", status)
	}
	if status := run([]string{"-r", filepath.Join(t.TempDir(), "missing.pcap")}, &sink, &sink); status != 1 {
		t.Errorf("missing file: status %d, want 1", status)
	}
	if status := run([]string{"-r", writeFile(t, "junk.pcap", []byte("not a capture at all"))}, &sink, &sink); status != 1 {
		t.Errorf("junk capture: status %d, want 1", status)
	}
}

// corpusMissing lists cases with data sets whose templates are not in the
// corpus: flowdump keeps them, then reports them dropped.
var corpusMissing = map[string]bool{
	"IPFIX Netscaler with variable length fields":                    true, // template 280 is not in the tpl file
	"IPFIX Netscaler with variable length fields, missing templates": true,
	"Netflow 9 ipt_netflow reduced size encoding":                    true,
}

// TestCorpus runs every corpus case through flowdump, in its session
// order: records (or, for template-only files, template lines) come out,
// and errors only for the invalid files and the data whose template is
// missing.
func TestCorpus(t *testing.T) {
	for _, c := range corpus.Cases() {
		args := []string{"-templates"}
		for _, f := range c.Files {
			args = append(args, "-raw", writeFile(t, f, corpus.File(f)))
		}
		out, errs, status := lines(t, args...)
		invalid := strings.Contains(strings.Join(c.Files, " "), "invalid")
		if status != 0 || (len(errs) > 0) != (invalid || corpusMissing[c.Name]) {
			t.Errorf("%s: status %d, %d records, errors %v", c.Name, status, len(out), errs)
		}
		if len(out) == 0 && !invalid && !corpusMissing[c.Name] {
			t.Errorf("%s: no records", c.Name)
		}
		for _, r := range out {
			if r["type"] == nil || r["exporter"] == nil {
				t.Errorf("%s: record without type or exporter: %v", c.Name, r)
				break
			}
		}
	}
}

func TestSFlow(t *testing.T) {
	frame := []byte{
		0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x00,
		0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
		0x04, 0xd2, 0x00, 0x35, 0, 8, 0, 0,
	}
	b := sflow.NewBuilder(nil, sflow.Header{Agent: netip.MustParseAddr("127.0.0.1"), Sequence: 9})
	b.StartFlowSample(sflow.FlowSample{Sequence: 1, SamplingRate: 64,
		Input: sflow.Interface{Value: 11}, Output: sflow.Interface{Value: 12}})
	b.AddExtendedSwitch(sflow.ExtendedSwitch{SrcVLAN: 10, DstVLAN: 20})
	b.AddSampledHeader(sflow.SampledHeader{Protocol: sflow.HeaderEthernet, FrameLength: 46, Header: frame})
	if _, err := b.EndSample(); err != nil {
		t.Fatal(err)
	}
	dg, err := b.Flush()
	if err != nil {
		t.Fatal(err)
	}
	pcap := tshark.PCAP([][]byte{dg}, 6343)
	out, errs, _ := lines(t, "-r", writeFile(t, "s.pcap", pcap))
	if len(out) != 1 || len(errs) != 0 {
		t.Fatalf("%d records, errors %v", len(out), errs)
	}
	want := map[string]string{
		"type": "sflow5", "seq": "9", "exporterIPv4Address": "127.0.0.1", "samplingPacketInterval": "64",
		"ingressInterface": "11", "egressInterface": "12", "vlanId": "10", "postVlanId": "20",
		"sourceIPv4Address": "10.0.0.1", "destinationTransportPort": "53", "sourceMacAddress": "00:00:00:00:00:01",
		"dataLinkFrameSize": "46",
	}
	for k, v := range want {
		if got := str(out[0][k]); got != v {
			t.Errorf("%s = %s, want %s", k, got, v)
		}
	}
	if _, err := time.Parse(time.RFC3339Nano, str(out[0]["time"])); err != nil {
		t.Errorf("time %v: %v", out[0]["time"], err)
	}
}

// TestListen receives datagrams on loopback UDP (IPv4 and IPv6).
func TestListen(t *testing.T) {
	for _, network := range []string{"udp4", "udp6"} {
		t.Run(network, func(t *testing.T) {
			addr := "127.0.0.1:0"
			if network == "udp6" {
				addr = "[::1]:0"
			}
			ua, _ := net.ResolveUDPAddr(network, addr)
			conn, err := net.ListenUDP(network, ua)
			if err != nil {
				t.Skipf("no %s loopback: %v", network, err)
			}
			var stdout, stderr bytes.Buffer
			bw := bufio.NewWriter(&stdout)
			c := newCollector(&options{}, bw, &stderr)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- serve(ctx, []*net.UDPConn{conn}, c.handleLive) }()
			sender, err := net.DialUDP(network, nil, conn.LocalAddr().(*net.UDPAddr))
			if err != nil {
				t.Fatal(err)
			}
			defer sender.Close()
			sender.Write(v5Packet())
			sender.Write([]byte("hello"))
			deadline := time.Now().Add(5 * time.Second)
			for {
				c.mu.Lock()
				n, e := stdout.Len(), stderr.Len()
				c.mu.Unlock()
				if n > 0 && e > 0 || time.Now().After(deadline) {
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
			cancel()
			conn.Close()
			<-done
			c.mu.Lock()
			defer c.mu.Unlock()
			out, errs := decodeLines(t, stdout.Bytes()), decodeLines(t, stderr.Bytes())
			if len(out) != 1 || out[0]["type"] != "netflow5" {
				t.Errorf("records %v", out)
			}
			if len(errs) != 1 || !strings.Contains(str(errs[0]["message"]), "not a NetFlow") {
				t.Errorf("errors %v", errs)
			}
			if ap, err := netip.ParseAddrPort(str(out[0]["exporter"])); err != nil || ap.Port() != uint16(sender.LocalAddr().(*net.UDPAddr).Port) {
				t.Errorf("exporter %v, want the sender %v", out[0]["exporter"], sender.LocalAddr())
			}
		})
	}
}

// TestPcapLargeRecord is the FuzzCapture crasher 32058858e6d4f9a4: a pcap
// record longer than the reader's first buffer.
func TestPcapLargeRecord(t *testing.T) {
	b := tshark.PCAP([][]byte{v5Packet()}, 2055)[:24]
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint32(b, 143408) // incl_len
	b = binary.LittleEndian.AppendUint32(b, 143408)
	b = append(b, make([]byte, 200000)...)
	var n int
	if err := readCaptureFrom(bytes.NewReader(b), func(datagram) { n++ }); err != nil {
		t.Errorf("readCaptureFrom: %v", err)
	}
	b = b[:24+16+1000] // cut inside the record
	if err := readCaptureFrom(bytes.NewReader(b), func(datagram) { n++ }); err == nil {
		t.Errorf("readCaptureFrom(cut record) = nil error")
	}
}
