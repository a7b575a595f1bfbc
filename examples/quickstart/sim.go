package main

import (
	"context"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"net"
	"net/netip"
	"sync"
	"time"

	"github.com/ovsflow/ovsflow/exporter"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// collector is an in-process UDP collector on loopback.
type collector struct {
	conn *net.UDPConn
	mu   sync.Mutex
	got  [][]byte
	done chan struct{}
}

func listen() (*collector, error) {
	c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return nil, err
	}
	c.SetReadBuffer(8 << 20)
	col := &collector{conn: c, done: make(chan struct{})}
	go func() {
		defer close(col.done)
		buf := make([]byte, 65536)
		for {
			n, err := c.Read(buf)
			if err != nil {
				return
			}
			col.mu.Lock()
			col.got = append(col.got, append([]byte(nil), buf[:n]...))
			col.mu.Unlock()
		}
	}()
	return col, nil
}

func (c *collector) target() string { return c.conn.LocalAddr().String() }

func (c *collector) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.got)
}

func (c *collector) close() [][]byte {
	c.conn.Close()
	<-c.done
	return c.got
}

// The bridge of the simulation.
var ports = []exporter.Port{
	{OFPort: 1, IfIndex: 11, Name: "eth0"},
	{OFPort: 2, IfIndex: 12, Name: "vm1"},
	{OFPort: 3, IfIndex: 13, Name: "vm2"},
	{OFPort: 4, IfIndex: 14, Name: "vm3"},
}

// flow is one conversation of the traffic mix.
type flow struct {
	in, out  int // port indexes; out -1 = dropped
	src, dst netip.Addr
	proto    uint8
	sport    uint16
	dport    uint16
	size     int // frame size
	weight   float64
	tcpFlags uint8
	dstMAC   [6]byte
}

// mix builds n flows: web and TLS over TCP, DNS and NTP over UDP, ping,
// IPv6, a little broadcast ARP and some traffic the bridge drops. Flow
// weights follow a Zipf-like law, as real traffic does.
func mix(n int, r *rand.Rand) []flow {
	var fs []flow
	for i := range n {
		f := flow{weight: 1 / float64(i+1), in: 1 + r.IntN(3), out: 0, dstMAC: [6]byte{2, 0, 0, 0, 0, 1}}
		f.src = netip.AddrFrom4([4]byte{10, 0, byte(f.in), byte(10 + r.IntN(200))})
		f.dst = netip.AddrFrom4([4]byte{192, 0, 2, byte(1 + r.IntN(250))})
		f.sport = uint16(32768 + r.IntN(28000))
		switch k := i % 10; {
		case k < 4:
			f.proto, f.dport, f.size, f.tcpFlags = 6, 443, 1514, 0x18
		case k < 6:
			f.proto, f.dport, f.size, f.tcpFlags = 6, 80, 600+r.IntN(900), 0x10
		case k == 6:
			f.proto, f.dport, f.size = 17, 53, 80+r.IntN(60)
		case k == 7:
			f.proto, f.sport, f.dport, f.size = 1, 8, 0, 98 // ICMP echo (type in sport)
		case k == 8:
			f.proto, f.dport, f.size = 6, 22, 200
			f.src = netip.MustParseAddr("fd00::10").Next()
			f.dst = netip.AddrFrom16([16]byte{0x20, 0x01, 0x0d, 0xb8, 15: byte(i)})
		default:
			f.proto, f.dport, f.size = 17, 123, 90
			f.out = -1 // dropped by policy
		}
		fs = append(fs, f)
	}
	// One broadcast ARP talker.
	fs = append(fs, flow{in: 2, out: 0, proto: 0, size: 60, weight: 0.05, dstMAC: [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
		src: netip.AddrFrom4([4]byte{10, 0, 2, 2}), dst: netip.AddrFrom4([4]byte{10, 0, 2, 1})})
	return fs
}

// frame builds the Ethernet frame of one packet of f.
func (f *flow) frame(b []byte, seq int) []byte {
	b = append(b[:0], f.dstMAC[:]...)
	b = append(b, 2, 0, 0, 0, 0, byte(10+f.in))
	if f.proto == 0 { // ARP
		b = append(b, 0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, byte(10+f.in))
		s, d := f.src.As4(), f.dst.As4()
		b = append(b, s[:]...)
		b = append(b, 0, 0, 0, 0, 0, 0)
		b = append(b, d[:]...)
		for len(b) < 60 {
			b = append(b, 0)
		}
		return b
	}
	var l4 []byte
	var l4buf [20]byte
	switch f.proto {
	case 6:
		l4 = l4buf[:20]
		binary.BigEndian.PutUint16(l4[0:], f.sport)
		binary.BigEndian.PutUint16(l4[2:], f.dport)
		binary.BigEndian.PutUint32(l4[4:], uint32(seq))
		l4[12] = 0x50
		l4[13] = f.tcpFlags
		if seq == 0 {
			l4[13] = 0x02 // SYN
		}
	case 17:
		l4 = l4buf[:8]
		binary.BigEndian.PutUint16(l4[0:], f.sport)
		binary.BigEndian.PutUint16(l4[2:], f.dport)
	case 1:
		l4 = l4buf[:8]
		l4[0] = byte(f.sport)
	}
	if f.src.Is4() {
		b = append(b, 0x08, 0x00)
		ipLen := f.size - 14
		b = append(b, 0x45, 0, byte(ipLen>>8), byte(ipLen), 0, 1, 0x40, 0, 64, f.proto, 0, 0)
		s, d := f.src.As4(), f.dst.As4()
		b = append(b, s[:]...)
		b = append(b, d[:]...)
	} else {
		b = append(b, 0x86, 0xdd)
		pl := f.size - 54
		b = append(b, 0x60, 0, 0, 0, byte(pl>>8), byte(pl), f.proto, 64)
		s, d := f.src.As16(), f.dst.As16()
		b = append(b, s[:]...)
		b = append(b, d[:]...)
	}
	b = append(b, l4...)
	for len(b) < f.size {
		b = append(b, byte(len(b)))
	}
	return b
}

// result is what the collectors received.
type result struct {
	packets          int
	stats            exporter.Stats
	netflow, sflow   [][]byte
	ipfix            [][]byte
	simulated, taken time.Duration
	config           flowexport.Config
}

func simulate(ctx context.Context, o options) (*result, error) {
	if o.Flows < 1 || o.PPS < 1 || o.Duration <= 0 {
		return nil, errors.New("flows, pps and duration must be positive")
	}
	began := time.Now()
	var cols [3]*collector
	for i := range cols {
		c, err := listen()
		if err != nil {
			return nil, err
		}
		defer c.close()
		cols[i] = c
	}
	clock := exporter.NewManualClock(time.Now())
	start := clock.Now()
	// The rows, exactly as the flow-export API writes them to OVSDB.
	rows := flowexport.Config{
		NetFlow: &flowexport.NetFlow{Targets: []string{cols[0].target()}, ActiveTimeout: 60, EngineType: flowexport.Ptr(0), EngineID: flowexport.Ptr(1)},
		SFlow:   &flowexport.SFlow{Targets: []string{cols[1].target()}, Sampling: flowexport.Ptr(16), Polling: flowexport.Ptr(20), Agent: flowexport.Ptr("127.0.0.1")},
		IPFIX:   &flowexport.IPFIX{Targets: []string{cols[2].target()}, Sampling: flowexport.Ptr(4), CacheActiveTimeout: flowexport.Ptr(30), CacheMaxFlows: flowexport.Ptr(4096)},
	}
	x, err := exporter.New(exporter.Config{
		NetFlow: rows.NetFlow, SFlow: rows.SFlow, IPFIX: rows.IPFIX,
		Env:   exporter.Env{Ports: ports, DatapathID: 0x0000_0a0b_0c0d_0e0f},
		Clock: clock,
		Seed:  uint64(o.Seed),
	})
	if err != nil {
		return nil, err
	}
	defer x.Close()

	r := rand.New(rand.NewPCG(uint64(o.Seed), 7))
	flows := mix(o.Flows, r)
	var total float64
	for _, f := range flows {
		total += f.weight
	}
	res := &result{simulated: o.Duration, config: rows}
	step := time.Second / time.Duration(o.PPS)
	n := int(o.Duration / step)
	seqs := make([]int, len(flows))
	var buf []byte
	var outs [1]exporter.Port
	nextFlush := start
	for i := range n {
		if i%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		now := start.Add(time.Duration(i) * step)
		clock.Set(now)
		if !now.Before(nextFlush) {
			x.Flush()
			nextFlush = now.Add(100 * time.Millisecond)
		}
		// Pick a flow by weight.
		v := r.Float64() * total
		fi := 0
		for fi < len(flows)-1 && v > flows[fi].weight {
			v -= flows[fi].weight
			fi++
		}
		f := &flows[fi]
		buf = f.frame(buf, seqs[fi])
		seqs[fi]++
		p := exporter.Packet{Frame: buf, In: ports[f.in]}
		if f.out >= 0 {
			outs[0] = ports[f.out]
			p.Out = outs[:]
		}
		if err := x.Observe(&p); err != nil {
			return nil, err
		}
		res.packets++
	}
	// Let the idle flows expire (NetFlow's datapath idle time is 10 s).
	end := start.Add(o.Duration)
	for t := time.Duration(0); t <= 15*time.Second; t += 500 * time.Millisecond {
		clock.Set(end.Add(t))
		x.Flush()
	}
	if err := x.Close(); err != nil { // IPFIX flushes its cache here
		return nil, err
	}
	res.stats = x.Stats()
	// Wait until everything sent has arrived (loopback: milliseconds).
	want := []uint64{res.stats.NetFlow.Datagrams, res.stats.SFlow.Datagrams, res.stats.IPFIX.Datagrams}
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		ok := true
		for i, c := range cols {
			if uint64(c.count()) < want[i] {
				ok = false
			}
		}
		if ok {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	res.netflow, res.sflow, res.ipfix = cols[0].close(), cols[1].close(), cols[2].close()
	res.taken = time.Since(began)
	return res, nil
}
