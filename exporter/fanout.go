package exporter

import (
	"errors"
	"io"
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// Default collector ports OVS adds to a target without one. NetFlow has
// none: its targets must name the port.
const (
	DefaultSFlowPort = 6343
	DefaultIPFIXPort = 4739
)

// ErrTooManyCollectors is returned by [New] when a type lists more than
// [MaxCollectors] targets.
var ErrTooManyCollectors = errors.New("exporter: more than 10 collectors for one type")

// MaxCollectors is the most collectors one export type fans out to: the
// operator's limit, plus one for its optional shared IPFIX target.
const MaxCollectors = 11

// collector is one destination of a fan-out.
type collector struct {
	target string
	w      io.Writer
	close  io.Closer // nil when the writer is not ours to close
	sent   uint64
	failed uint64
	err    error // last send error
}

// fanout sends every datagram of one export type to all its collectors,
// byte-identical and in turn. A failed send is counted and never retried
// or buffered (OVS's collectors.c does the same).
type fanout struct {
	cols      []collector
	datagrams uint64
	bytes     uint64
	failures  uint64
}

// send writes b to every collector and returns how many writes failed.
// A collector's writer must not block (UDP sockets opened by the exporter
// never do); see [Config.Dial].
func (f *fanout) send(b []byte) int {
	f.datagrams++
	f.bytes += uint64(len(b))
	failed := 0
	for i := range f.cols {
		c := &f.cols[i]
		if _, err := c.w.Write(b); err != nil {
			c.failed++
			c.err = err
			failed++
			continue
		}
		c.sent++
	}
	f.failures += uint64(failed)
	return failed
}

func (f *fanout) close() error {
	var first error
	for i := range f.cols {
		if c := f.cols[i].close; c != nil {
			if err := c.Close(); err != nil && first == nil {
				first = err
			}
		}
	}
	f.cols = nil
	return first
}

// stats fills the collector part of s.
func (f *fanout) stats(s *FormatStats) {
	s.Collectors = len(f.cols)
	s.Datagrams = f.datagrams
	s.Bytes = f.bytes
	s.SendErrors = f.failures
	s.PerCollector = make([]CollectorStats, len(f.cols))
	for i, c := range f.cols {
		s.PerCollector[i] = CollectorStats{Target: c.target, Sent: c.sent, Failed: c.failed, LastError: c.err}
	}
}

// openFanout opens one writer per target. Like OVS, a target that fails to
// open is skipped; the error of each is joined into the returned error,
// which is informational when at least one collector opened.
func openFanout(f Format, targets []string, dial func(Format, string) (io.Writer, error)) (*fanout, error) {
	if len(targets) > MaxCollectors {
		return nil, ErrTooManyCollectors
	}
	fo := &fanout{}
	var errs []error
	for _, t := range targets {
		var w io.Writer
		var err error
		if dial != nil {
			w, err = dial(f, t)
		} else {
			w, err = dialUDP(f, t)
		}
		if err != nil {
			errs = append(errs, &TargetError{Format: f, Target: t, Err: err})
			continue
		}
		c := collector{target: t, w: w}
		if cl, ok := w.(io.Closer); ok {
			c.close = cl
		}
		fo.cols = append(fo.cols, c)
	}
	return fo, errors.Join(errs...)
}

// TargetError reports a collector that could not be opened.
type TargetError struct {
	Format Format // the export type
	Target string // the target as configured
	Err    error  // why it could not be opened
}

// Error returns "exporter: FORMAT target "T": cause".
func (e *TargetError) Error() string {
	return "exporter: " + e.Format.String() + " target " + strconv.Quote(e.Target) + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *TargetError) Unwrap() error { return e.Err }

// ParseTarget parses a collector target as OVS does: "ip:port" or
// "[ipv6]:port"; for sFlow and IPFIX the port may be left out and defaults
// to 6343 and 4739. Host names are not resolved.
func ParseTarget(f Format, s string) (netip.AddrPort, error) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap, nil
	}
	def := uint16(0)
	switch f {
	case SFlow:
		def = DefaultSFlowPort
	case IPFIX:
		def = DefaultIPFIXPort
	}
	host := s
	if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	a, err := netip.ParseAddr(host)
	if err != nil || def == 0 {
		return netip.AddrPort{}, errors.New("want ip:port or [ipv6]:port")
	}
	return netip.AddrPortFrom(a, def), nil
}

// dialUDP opens a connected UDP socket to target, as OVS does for every
// collector (kernel-chosen source address and port).
func dialUDP(f Format, target string) (io.Writer, error) {
	ap, err := ParseTarget(f, target)
	if err != nil {
		return nil, err
	}
	c, err := net.DialUDP("udp", nil, net.UDPAddrFromAddrPort(ap))
	if err != nil {
		return nil, err
	}
	return newUDPWriter(c)
}
