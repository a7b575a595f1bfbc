package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/ovsflow/ovsflow/internal/ovstest"
	"github.com/ovsflow/ovsflow/internal/testenv"
)

// syncBuffer is a bytes.Buffer safe for the listener and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) Bytes() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]byte(nil), s.b.Bytes()...)
}

func udpFrame(srcPort uint16) []byte {
	f := []byte{
		0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x00,
		0x45, 0, 0, 50, 0, 0, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
		0, 0, 0x13, 0x89, 0, 30, 0, 0,
	}
	binary.BigEndian.PutUint16(f[34:], srcPort)
	return append(f, make([]byte, 64-len(f))...)
}

// TestRealOVS makes real ovs-vswitchd export NetFlow v5, sFlow and IPFIX
// for the same injected traffic to three loopback sockets flowdump
// listens on, and checks that flowdump prints a record with the injected
// flow keys in each format and no error.
func TestRealOVS(t *testing.T) {
	testenv.RequireBinary(t, "ovs-vswitchd", "openvswitch-switch")
	var conns []*net.UDPConn
	for range 3 {
		c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	var stdout, stderr syncBuffer
	bw := bufio.NewWriter(&stdout)
	c := newCollector(&options{}, bw, &stderr)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, conns, c.handleLive) }()
	defer func() {
		cancel()
		for _, c := range conns {
			c.Close()
		}
		<-done
	}()
	target := func(i int) string { return conns[i].LocalAddr().String() }

	_, sw := ovstest.StartBridge(t, "br0", []string{"in_port=1,actions=output:2"})
	sw.Vsctl(t,
		"--", "--id=@nf", "create", "netflow", `targets="`+target(0)+`"`, "engine_type=1", "engine_id=2",
		"--", "--id=@s", "create", "sflow", "agent=lo", `targets="`+target(1)+`"`, "sampling=1", "polling=0", "header=128",
		"--", "--id=@i", "create", "ipfix", `targets="`+target(2)+`"`, "sampling=1", "obs_domain_id=7",
		"cache_active_timeout=0", "cache_max_flows=0",
		"--", "set", "bridge", "br0", "netflow=@nf", "sflow=@s", "ipfix=@i")
	ports := []uint16{1001, 1002, 1003}
	for _, p := range ports {
		sw.Inject(t, "p1", udpFrame(p))
	}
	sw.Appctl(t, "revalidator/purge")

	want := map[string]bool{}
	for _, typ := range []string{"netflow5", "sflow5", "ipfix"} {
		for _, p := range ports {
			want[typ+"/"+itoa(p)] = true
		}
	}
	deadline := time.Now().Add(20 * time.Second)
	var recs []map[string]any
	for time.Now().Before(deadline) {
		sw.Warp(t, 1000)
		time.Sleep(200 * time.Millisecond)
		recs = decodeLines(t, stdout.Bytes())
		seen := 0
		for _, r := range recs {
			if want[str(r["type"])+"/"+str(r["sourceTransportPort"])] {
				seen++
			}
		}
		if seen >= len(want) {
			break
		}
	}
	for _, r := range recs {
		delete(want, str(r["type"])+"/"+str(r["sourceTransportPort"]))
		// (OVS sends its exporter statistics in domain 0.)
		if r["type"] == "ipfix" && r["sourceTransportPort"] != nil && str(r["domain"]) != "7" {
			t.Errorf("ipfix record with domain %v, want 7", r["domain"])
		}
		if r["type"] == "netflow5" && str(r["engineId"]) != "2" {
			t.Errorf("netflow5 record with engineId %v, want 2", r["engineId"])
		}
	}
	for k := range want {
		t.Errorf("no %s record", k)
	}
	if errs := decodeLines(t, stderr.Bytes()); len(errs) > 0 {
		t.Errorf("error lines: %v", errs)
	}
	t.Logf("%d records", len(recs))
}

func itoa(v uint16) string { return strconv.Itoa(int(v)) }
