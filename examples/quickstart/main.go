// Command quickstart shows ovsflow end to end on one machine, with nothing
// but Go: it generates a realistic traffic mix, runs the software exporter
// with NetFlow v5, sFlow v5 and IPFIX to collectors on loopback in this
// process, decodes what arrives with ovsflow's own decoders and prints a
// short summary per format.
//
//	go run ./examples/quickstart
//
// The traffic covers a simulated two minutes (an injected clock), so
// NetFlow's 60-second active timeout and the IPFIX cache timeout fire
// although the program finishes within a second or two.
//
// With -db ENDPOINT (and -bridge NAME, default br-int) it also writes the
// same NetFlow, sFlow and IPFIX rows to that Open_vSwitch database with
// the flow-export API (package ovsdb/flowexport/flowdb) and reads them
// back: one value configures the software exporter and real OVS alike.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	var o options
	flag.DurationVar(&o.Duration, "duration", 2*time.Minute, "simulated traffic duration")
	flag.IntVar(&o.Flows, "flows", 60, "number of concurrent flows in the traffic mix")
	flag.IntVar(&o.PPS, "pps", 200, "simulated packets per second")
	flag.StringVar(&o.DB, "db", "", "OVSDB endpoint (unix:PATH or tcp:IP:PORT) to configure with the same rows")
	flag.StringVar(&o.Bridge, "bridge", "br-int", "bridge to configure with -db")
	flag.Int64Var(&o.Seed, "seed", 1, "random seed of the traffic generator and samplers")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

type options struct {
	Duration time.Duration
	Flows    int
	PPS      int
	DB       string
	Bridge   string
	Seed     int64
}

func run(ctx context.Context, o options, w io.Writer) error {
	res, err := simulate(ctx, o)
	if err != nil {
		return err
	}
	res.print(w)
	if o.DB != "" {
		return configureDB(ctx, w, o.DB, o.Bridge, res.config)
	}
	return nil
}
