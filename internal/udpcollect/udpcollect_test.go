package udpcollect

import (
	"net"
	"testing"
	"time"
)

func TestCollector(t *testing.T) {
	for _, network := range []string{"udp4", "udp6"} {
		t.Run(network, func(t *testing.T) {
			c, err := ListenAddr(network)
			if err != nil {
				t.Skipf("no %s loopback: %v", network, err)
			}
			defer c.Close()
			if !c.AddrPort().Addr().IsLoopback() {
				t.Fatalf("listening on %v, not loopback", c.AddrPort())
			}
			conn, err := net.Dial(network, c.Target())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			for _, p := range []string{"one", "two", "three"} {
				if _, err := conn.Write([]byte(p)); err != nil {
					t.Fatal(err)
				}
			}
			got := c.WaitN(t, 3, 5*time.Second)
			for i, want := range []string{"one", "two", "three"} {
				if string(got[i].Data) != want || got[i].At.IsZero() || !got[i].From.IsValid() {
					t.Errorf("datagram %d = %+v, want %q", i, got[i], want)
				}
			}
			if _, ok := c.Wait(4, 50*time.Millisecond); ok {
				t.Error("Wait(4) reported success with 3 datagrams")
			}
			if n := len(c.WaitQuiet(20 * time.Millisecond)); n != 3 {
				t.Errorf("WaitQuiet = %d datagrams, want 3", n)
			}
			c.Close()
			c.Close() // idempotent
		})
	}
}
