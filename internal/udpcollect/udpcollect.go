// Package udpcollect is a loopback UDP collector for tests: it records every
// datagram it receives with its arrival time and sender.
//
//	c := udpcollect.Listen(t, "udp4")
//	// point an exporter at c.Target()
//	got := c.WaitN(t, 1, 5*time.Second)
//
// It listens only on 127.0.0.1 or ::1 and is closed by t.Cleanup.
package udpcollect

import (
	"net"
	"net/netip"
	"sync"
	"testing"
	"time"
)

// Datagram is one received UDP payload.
type Datagram struct {
	At   time.Time      // arrival time
	From netip.AddrPort // sender
	Data []byte         // payload (owned by the Datagram)
}

// Collector receives datagrams on a loopback UDP socket.
type Collector struct {
	conn *net.UDPConn
	addr netip.AddrPort

	mu     sync.Mutex
	cond   *sync.Cond
	got    []Datagram
	closed bool
	done   chan struct{}
}

// Listen opens a collector on 127.0.0.1 ("udp4") or [::1] ("udp6") with a
// kernel-chosen port. The collector is closed when the test ends.
func Listen(tb testing.TB, network string) *Collector {
	tb.Helper()
	c, err := ListenAddr(network)
	if err != nil {
		tb.Fatalf("udpcollect: %v", err)
	}
	tb.Cleanup(c.Close)
	return c
}

// ListenAddr is [Listen] without a test: network is "udp4" or "udp6"; the
// caller must Close the collector.
func ListenAddr(network string) (*Collector, error) {
	ip := "127.0.0.1"
	if network == "udp6" {
		ip = "::1"
	}
	conn, err := net.ListenUDP(network, net.UDPAddrFromAddrPort(netip.AddrPortFrom(netip.MustParseAddr(ip), 0)))
	if err != nil {
		return nil, err
	}
	// Large receive buffer: OVS can burst dozens of datagrams at once.
	_ = conn.SetReadBuffer(8 << 20)
	c := &Collector{conn: conn, addr: conn.LocalAddr().(*net.UDPAddr).AddrPort(), done: make(chan struct{})}
	c.cond = sync.NewCond(&c.mu)
	go c.loop()
	return c, nil
}

func (c *Collector) loop() {
	defer close(c.done)
	buf := make([]byte, 65536)
	for {
		n, from, err := c.conn.ReadFromUDPAddrPort(buf)
		if err != nil {
			c.mu.Lock()
			c.closed = true
			c.cond.Broadcast()
			c.mu.Unlock()
			return
		}
		d := Datagram{At: time.Now(), From: from, Data: append([]byte(nil), buf[:n]...)}
		c.mu.Lock()
		c.got = append(c.got, d)
		c.cond.Broadcast()
		c.mu.Unlock()
	}
}

// AddrPort returns the address the collector listens on.
func (c *Collector) AddrPort() netip.AddrPort { return c.addr }

// Target returns the address as an OVS target string: "127.0.0.1:PORT" or
// "[::1]:PORT".
func (c *Collector) Target() string { return c.addr.String() }

// Port returns the UDP port.
func (c *Collector) Port() uint16 { return c.addr.Port() }

// Datagrams returns a copy of the list of datagrams received so far.
func (c *Collector) Datagrams() []Datagram {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Datagram(nil), c.got...)
}

// Len returns the number of datagrams received so far.
func (c *Collector) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.got)
}

// Reset forgets the datagrams received so far.
func (c *Collector) Reset() {
	c.mu.Lock()
	c.got = nil
	c.mu.Unlock()
}

// Wait returns once at least n datagrams have arrived, or after timeout,
// with the datagrams received so far. It reports whether n arrived.
func (c *Collector) Wait(n int, timeout time.Duration) ([]Datagram, bool) {
	t := time.AfterFunc(timeout, func() {
		c.mu.Lock()
		c.cond.Broadcast()
		c.mu.Unlock()
	})
	defer t.Stop()
	deadline := time.Now().Add(timeout)
	c.mu.Lock()
	for len(c.got) < n && !c.closed && time.Now().Before(deadline) {
		c.cond.Wait()
	}
	got := append([]Datagram(nil), c.got...)
	c.mu.Unlock()
	return got, len(got) >= n
}

// WaitN is [Collector.Wait] that fails the test if fewer than n datagrams
// arrived within timeout.
func (c *Collector) WaitN(tb testing.TB, n int, timeout time.Duration) []Datagram {
	tb.Helper()
	got, ok := c.Wait(n, timeout)
	if !ok {
		tb.Fatalf("udpcollect %s: got %d datagrams within %v, want at least %d", c.addr, len(got), timeout, n)
	}
	return got
}

// WaitQuiet returns the datagrams received so far once no new datagram has
// arrived for quiet (it waits at most 30 quiet periods).
func (c *Collector) WaitQuiet(quiet time.Duration) []Datagram {
	last := -1
	for i := 0; i < 30; i++ {
		n := c.Len()
		if n == last {
			break
		}
		last = n
		time.Sleep(quiet)
	}
	return c.Datagrams()
}

// Close stops the collector and waits for its goroutine. It is idempotent.
func (c *Collector) Close() {
	c.conn.Close()
	<-c.done
}
