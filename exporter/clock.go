package exporter

import (
	"sync"
	"time"
)

// Clock tells the exporter what time it is. The exporter reads it for every
// timer (NetFlow's active timeout and idle expiry, sFlow's one-second tick
// and counter polling, IPFIX's cache, template and statistics intervals) and
// for the timestamps it writes. OVS runs some of these on its monotonic
// clock and some on the wall clock; with one Clock both advance together.
type Clock interface {
	Now() time.Time
}

// SystemClock is the [Clock] that returns [time.Now].
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// ManualClock is a [Clock] that only moves when told to: tests drive the
// exporter's timers with it, and a pcap replay sets it to each frame's
// capture time. Its zero value reads as the zero time; it is safe for
// concurrent use.
type ManualClock struct {
	mu sync.Mutex
	t  time.Time
}

// NewManualClock returns a ManualClock reading t.
func NewManualClock(t time.Time) *ManualClock { return &ManualClock{t: t} }

// Now returns the clock's current reading.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	t := c.t
	c.mu.Unlock()
	return t
}

// Set moves the clock to t (backwards too, though the exporter's timers
// then simply wait).
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// Advance moves the clock forward by d and returns the new reading.
func (c *ManualClock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	c.t = c.t.Add(d)
	t := c.t
	c.mu.Unlock()
	return t
}
