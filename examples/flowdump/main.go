// Command flowdump is a flow collector that prints every flow record it
// receives or reads as one JSON object per line.
//
// It reads pcap and pcapng captures (-r, repeatable), files of raw UDP
// payloads (-raw, repeatable: export packets back to back, as
// `nc -u -l > file` records them) and listens on UDP addresses (-l,
// repeatable, IPv4 and IPv6). The format of each datagram is detected:
// NetFlow v5 and v9, IPFIX and sFlow v5.
//
//	flowdump -r capture.pcapng
//	flowdump -l 127.0.0.1:2055 -l [::1]:4739 -l 127.0.0.1:6343 -templates
//
// Each record is printed with "type" (netflow5, netflow9, ipfix, sflow5),
// "exporter" (ip:port of the sender), "domain" (NetFlow v9 source ID or
// IPFIX observation domain), "template", "seq", "time" (the export time of
// the packet header, RFC 3339; the capture or arrival time for sFlow) and
// its fields keyed by IANA IPFIX element names (NetFlow v5 and sFlow fields
// mapped onto the same names; unknown elements as "<id>" or "<PEN>/<id>").
// An element that appears twice in one template becomes an array in
// template order. With -templates, template definitions are printed too.
//
// A malformed datagram prints one JSON line with "type":"error" on stderr
// and decoding goes on; the exit status is non-zero only for I/O and usage
// errors.
//
// Formats plug in through the decoder interface: each lives in its own
// file (netflow.go, ipfix.go, sflow.go) and registers itself from init.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"
)

// datagram is one UDP payload with where and when it came from.
type datagram struct {
	from netip.AddrPort
	at   time.Time // capture or arrival time
	data []byte
}

// options are the command-line settings the decoders see.
type options struct {
	templates bool // print template definitions
}

// decoder decodes one export format. A new format is one file that
// defines a decoder and registers its constructor from an init function.
// A decoder keeps its own per-exporter state (template caches) and is
// used by one goroutine at a time.
type decoder interface {
	// match reports whether the datagram is in this decoder's format; it
	// looks at the version fields only.
	match(pkt []byte) bool
	// decode prints the datagram's records (and templates) to out. An
	// error is reported as one error line; records printed before it
	// stay printed.
	decode(d datagram, out *output) error
	// flush reports what is still pending at the end of the input (data
	// waiting for templates that never came).
	flush(out *output)
}

var formats []func(*options) decoder

// register adds a format; call it from init.
func register(newDecoder func(*options) decoder) { formats = append(formats, newDecoder) }

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("flowdump", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var pcaps, raws, listens multiFlag
	var opts options
	fs.Var(&pcaps, "r", "read a pcap or pcapng `file` (repeatable)")
	fs.Var(&raws, "raw", "read a `file` of raw export packets back to back (repeatable)")
	fs.Var(&listens, "l", "listen on a UDP `address` such as 127.0.0.1:2055 or [::1]:4739 (repeatable)")
	fs.BoolVar(&opts.templates, "templates", false, "also print template definitions")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: flowdump [-templates] [-r file.pcap]... [-raw file]... [-l addr:port]...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || len(pcaps)+len(raws)+len(listens) == 0 {
		fs.Usage()
		return 2
	}
	bw := bufio.NewWriter(stdout)
	defer bw.Flush()
	c := newCollector(&opts, bw, stderr)
	status := 0
	for _, f := range pcaps {
		if err := readCapture(f, c.handle); err != nil {
			fmt.Fprintln(stderr, "flowdump:", err)
			status = 1
		}
	}
	for _, f := range raws {
		if err := readRaw(f, c.handle); err != nil {
			fmt.Fprintln(stderr, "flowdump:", err)
			status = 1
		}
	}
	if len(listens) > 0 {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		if err := listen(ctx, listens, c.handleLive); err != nil {
			fmt.Fprintln(stderr, "flowdump:", err)
			status = 1
		}
	}
	c.flush()
	return status
}

// collector routes datagrams to the decoders.
type collector struct {
	mu       sync.Mutex
	decoders []decoder
	out      *output
}

func newCollector(opts *options, stdout *bufio.Writer, stderr io.Writer) *collector {
	c := &collector{out: &output{w: stdout, errw: stderr}}
	for _, f := range formats {
		c.decoders = append(c.decoders, f(opts))
	}
	return c
}

// handle decodes a datagram from a file; datagrams of no known format are
// skipped, since captures hold other traffic too.
func (c *collector) handle(d datagram) {
	c.dispatch(d, false)
}

// handleLive decodes a received datagram; unknown formats are errors.
func (c *collector) handleLive(d datagram) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dispatch(d, true)
	c.out.w.Flush()
}

func (c *collector) dispatch(d datagram, live bool) {
	for _, dec := range c.decoders {
		if dec.match(d.data) {
			if err := dec.decode(d, c.out); err != nil {
				c.out.error(d.from, err)
			}
			return
		}
	}
	if live {
		c.out.error(d.from, errors.New("not a NetFlow v5/v9, IPFIX or sFlow v5 datagram"))
	}
}

func (c *collector) flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, dec := range c.decoders {
		dec.flush(c.out)
	}
	c.out.w.Flush()
}

// listen receives datagrams on every address until ctx is done.
func listen(ctx context.Context, addrs []string, handle func(datagram)) error {
	var conns []*net.UDPConn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for _, a := range addrs {
		ap, err := netip.ParseAddrPort(a)
		if err != nil {
			return fmt.Errorf("-l %s: %v", a, err)
		}
		network := "udp4"
		if ap.Addr().Is6() && !ap.Addr().Is4In6() {
			network = "udp6"
		}
		c, err := net.ListenUDP(network, net.UDPAddrFromAddrPort(ap))
		if err != nil {
			return err
		}
		conns = append(conns, c)
	}
	return serve(ctx, conns, handle)
}

// serve reads datagrams from conns until ctx is done or a read fails.
func serve(ctx context.Context, conns []*net.UDPConn, handle func(datagram)) error {
	errc := make(chan error, len(conns))
	for _, c := range conns {
		go func(c *net.UDPConn) {
			buf := make([]byte, 65536)
			for {
				n, from, err := c.ReadFromUDPAddrPort(buf)
				if err != nil {
					errc <- err
					return
				}
				handle(datagram{from: netip.AddrPortFrom(from.Addr().Unmap(), from.Port()), at: time.Now(), data: buf[:n]})
			}
		}(c)
	}
	select {
	case <-ctx.Done():
		return nil
	case err := <-errc:
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
}
