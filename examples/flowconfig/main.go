// Command flowconfig configures the flow export of Open vSwitch bridges the
// way the OpenShift cluster network operator does, from the same patch
// users write for the operator:
//
//	flowconfig [-db ENDPOINT] [-bridge NAME | -all-bridges] set FILE
//	flowconfig [-db ENDPOINT] [-bridge NAME | -all-bridges] get
//	flowconfig [-db ENDPOINT] [-bridge NAME | -all-bridges] clear
//
// FILE (or "-" for standard input) is the YAML or JSON merge patch of the
// operator's Network object, for example:
//
//	spec:
//	  exportNetworkFlows:
//	    netFlow:
//	      collectors:
//	        - 192.168.1.99:2056
//
// which `oc patch network.operator cluster --type merge -p "$(cat FILE)"`
// would apply. As with `--type merge`, a type in the patch replaces that
// type's collectors, a type set to null is removed, and the types absent
// from the patch are left as they are. Each type written gets the rows
// ovn-kubernetes writes (NetFlow active_timeout 60; sFlow agent -sflow-agent;
// IPFIX sampling 400, cache_active_timeout 60). All selected bridges change
// in one transaction, or none does.
//
// get prints the bridge's flow export as the operator's
// .spec.exportNetworkFlows, e.g. {"netFlow":{"collectors":["192.168.1.99:2056"]}}
// (with -all-bridges, an object keyed by bridge name). clear removes all
// three types.
//
// The default endpoint is unix:/var/run/openvswitch/db.sock and the
// default bridge br-int (the OVN integration bridge). On any rejection
// flowconfig exits with status 1 and a one-line reason on standard error;
// nothing has been changed then. Usage errors exit with status 2.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport/flowdb"
	"sigs.k8s.io/yaml"
)

// Defaults.
const (
	DefaultEndpoint = "unix:/var/run/openvswitch/db.sock"
	DefaultBridge   = "br-int"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

type options struct {
	db         string
	bridge     string
	all        bool
	agent      string
	timeout    time.Duration
	waitSwitch bool
}

// run is the whole program; it returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("flowconfig", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.db, "db", DefaultEndpoint, "OVSDB `endpoint` (unix:PATH, tcp:IP:PORT or ssl:IP:PORT)")
	fs.StringVar(&o.bridge, "bridge", DefaultBridge, "bridge `name`")
	fs.BoolVar(&o.all, "all-bridges", false, "apply to every bridge instead of -bridge")
	fs.StringVar(&o.agent, "sflow-agent", flowexport.OperatorSFlowAgent, "sFlow agent `device` (or IP) written with sFlow collectors")
	fs.DurationVar(&o.timeout, "timeout", 15*time.Second, "give up after this long")
	fs.BoolVar(&o.waitSwitch, "wait", false, "wait until ovs-vswitchd has applied the change")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: flowconfig [-db ENDPOINT] [-bridge NAME | -all-bridges] set FILE|get|clear")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	bridgeSet := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "bridge" {
			bridgeSet = true
		}
	})
	rest := fs.Args()
	usage := func(msg string) int {
		fmt.Fprintln(stderr, "flowconfig: "+msg)
		fs.Usage()
		return 2
	}
	switch {
	case o.all && bridgeSet:
		return usage("-bridge and -all-bridges are exclusive")
	case len(rest) == 0:
		return usage("missing command")
	case rest[0] == "set" && len(rest) != 2:
		return usage("set takes one FILE argument")
	case rest[0] != "set" && len(rest) != 1:
		return usage(rest[0] + " takes no argument")
	}
	var err error
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	switch rest[0] {
	case "set":
		err = set(ctx, o, rest[1], stdin, stdout)
	case "get":
		err = get(ctx, o, stdout)
	case "clear":
		err = clearCmd(ctx, o, stdout)
	default:
		return usage("unknown command " + rest[0])
	}
	if err != nil {
		fmt.Fprintln(stderr, "flowconfig: "+oneLine(err.Error()))
		return 1
	}
	return 0
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func (o options) selector() flowdb.Selector {
	if o.all {
		return flowdb.AllBridges()
	}
	return flowdb.Bridges(o.bridge)
}

func (o options) flowdbOptions() *flowdb.Options {
	return &flowdb.Options{WaitApplied: o.waitSwitch, Comment: "flowconfig"}
}

func dial(ctx context.Context, o options) (*ovsdb.Client, error) {
	return ovsdb.Dial(ctx, []string{o.db}, &ovsdb.Config{NoReconnect: true})
}

// readPatch reads FILE ("-": stdin), YAML or JSON, as JSON.
func readPatch(name string, stdin io.Reader) ([]byte, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, flowexport.MaxPatchSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > flowexport.MaxPatchSize {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, flowexport.MaxPatchSize)
	}
	j, err := yaml.YAMLToJSON(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return j, nil
}

func set(ctx context.Context, o options, file string, stdin io.Reader, stdout io.Writer) error {
	raw, err := readPatch(file, stdin)
	if err != nil {
		return err
	}
	// Parse and validate the patch before connecting: a rejected patch
	// never reaches the database.
	p, err := flowexport.ParsePatch(raw)
	if err != nil {
		return err
	}
	if err := (flowexport.SFlow{Targets: []string{"127.0.0.1:1"}, Agent: &o.agent}).Validate(); err != nil {
		return fmt.Errorf("-sflow-agent: %w", err)
	}
	rows, err := flowexport.ExportNetworkFlows{
		NetFlow: collectors(p.NetFlow),
		SFlow:   collectors(p.SFlow),
		IPFIX:   collectors(p.IPFIX),
	}.Config(&flowexport.OperatorOptions{SFlowAgent: o.agent})
	if err != nil {
		return err
	}
	c, err := dial(ctx, o)
	if err != nil {
		return err
	}
	defer c.Close()
	r, err := flowdb.Update(ctx, c, o.selector(), func(_ string, cur flowexport.Config) (flowexport.Config, error) {
		next := cur
		switch p.NetFlow.Op {
		case flowexport.PatchRemove:
			next.NetFlow = nil
		case flowexport.PatchReplace:
			next.NetFlow = rows.NetFlow
		}
		switch p.SFlow.Op {
		case flowexport.PatchRemove:
			next.SFlow = nil
		case flowexport.PatchReplace:
			next.SFlow = rows.SFlow
		}
		switch p.IPFIX.Op {
		case flowexport.PatchRemove:
			next.IPFIX = nil
		case flowexport.PatchReplace:
			next.IPFIX = rows.IPFIX
		}
		return next, nil
	}, o.flowdbOptions())
	if err != nil {
		return err
	}
	report(stdout, r)
	return nil
}

func collectors(t flowexport.TypePatch) *flowexport.Collectors {
	if t.Op != flowexport.PatchReplace {
		return nil
	}
	return &flowexport.Collectors{Collectors: t.Collectors}
}

func report(w io.Writer, r *flowdb.Result) {
	if len(r.Changed) == 0 {
		fmt.Fprintln(w, "no change")
		return
	}
	fmt.Fprintln(w, "changed: "+strings.Join(r.Changed, " "))
}

func get(ctx context.Context, o options, stdout io.Writer) error {
	c, err := dial(ctx, o)
	if err != nil {
		return err
	}
	defer c.Close()
	all, err := flowdb.Get(ctx, c, o.selector())
	if err != nil {
		return err
	}
	var v any
	if o.all {
		m := make(map[string]flowexport.ExportNetworkFlows, len(all))
		for name, cfg := range all {
			m[name] = flowexport.OperatorView(cfg)
		}
		v = m
	} else {
		v = flowexport.OperatorView(all[o.bridge])
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, string(b))
	return err
}

func clearCmd(ctx context.Context, o options, stdout io.Writer) error {
	c, err := dial(ctx, o)
	if err != nil {
		return err
	}
	defer c.Close()
	r, err := flowdb.Clear(ctx, c, o.selector(), o.flowdbOptions())
	if err != nil {
		return err
	}
	report(stdout, r)
	return nil
}
