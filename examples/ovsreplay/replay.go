package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ovsflow/ovsflow/exporter"
	"github.com/ovsflow/ovsflow/internal/packet"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
	"sigs.k8s.io/yaml"
)

// fileConfig is the export config file.
type fileConfig struct {
	Spec *struct {
		ExportNetworkFlows json.RawMessage `json:"exportNetworkFlows"`
	} `json:"spec,omitempty"`
	NetFlow       *flowexport.NetFlow `json:"netflow,omitempty"`
	SFlow         *flowexport.SFlow   `json:"sflow,omitempty"`
	IPFIX         *flowexport.IPFIX   `json:"ipfix,omitempty"`
	CollectorSets []struct {
		ID    int              `json:"id"`
		IPFIX flowexport.IPFIX `json:"ipfix"`
	} `json:"flow_sample_collector_sets,omitempty"`
}

// maxConfig bounds the config file.
const maxConfig = 1 << 20

// loadConfig reads a YAML or JSON export config into an exporter config.
func loadConfig(b []byte, agent string) (exporter.Config, error) {
	var cfg exporter.Config
	if len(b) > maxConfig {
		return cfg, fmt.Errorf("config larger than %d bytes", maxConfig)
	}
	js, err := yaml.YAMLToJSON(b) // JSON is YAML too
	if err != nil {
		return cfg, fmt.Errorf("config: %w", err)
	}
	var fc fileConfig
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&fc); err != nil {
		return cfg, fmt.Errorf("config: %w", err)
	}
	if fc.Spec != nil && len(fc.Spec.ExportNetworkFlows) > 0 {
		patch, _ := json.Marshal(map[string]any{"spec": map[string]json.RawMessage{"exportNetworkFlows": fc.Spec.ExportNetworkFlows}})
		e, err := flowexport.ExportNetworkFlows{}.MergePatch(patch)
		if err != nil {
			return cfg, fmt.Errorf("config: %w", err)
		}
		c, err := e.Config(&flowexport.OperatorOptions{SFlowAgent: agent})
		if err != nil {
			return cfg, fmt.Errorf("config: %w", err)
		}
		cfg.NetFlow, cfg.SFlow, cfg.IPFIX = c.NetFlow, c.SFlow, c.IPFIX
	}
	if fc.NetFlow != nil {
		cfg.NetFlow = fc.NetFlow
	}
	if fc.SFlow != nil {
		cfg.SFlow = fc.SFlow
	}
	if fc.IPFIX != nil {
		cfg.IPFIX = fc.IPFIX
	}
	for _, cs := range fc.CollectorSets {
		cfg.CollectorSets = append(cfg.CollectorSets, exporter.CollectorSet{ID: uint32(cs.ID), IPFIX: cs.IPFIX})
	}
	if cfg.NetFlow == nil && cfg.SFlow == nil && cfg.IPFIX == nil && len(cfg.CollectorSets) == 0 {
		return cfg, fmt.Errorf("config exports nothing")
	}
	return cfg, nil
}

// forwarder applies the rules to frames.
type forwarder struct {
	rules []rule
	ports []exporter.Port
	byOF  map[uint16]int
	small []int16 // index by OpenFlow port for ports below 256; -1 none
	// needParse is false when no rule looks past in_port, so frames need
	// not be parsed for forwarding (the exporter parses them anyway).
	needParse bool
	outs      []exporter.Port
	sample    []exporter.Sample
	sport     []exporter.Port
}

func newForwarder(rules []rule, ports []exporter.Port) *forwarder {
	f := &forwarder{rules: rules, ports: ports, byOF: map[uint16]int{}, small: make([]int16, 256)}
	for _, r := range rules {
		if r.vlan >= 0 || r.dlType >= 0 || r.proto >= 0 || r.nwSrc.IsValid() || r.nwDst.IsValid() || r.tpSrc >= 0 || r.tpDst >= 0 {
			f.needParse = true
		}
	}
	for i := range f.small {
		f.small[i] = -1
	}
	for i, p := range ports {
		if _, dup := f.byOF[p.OFPort]; dup {
			continue
		}
		f.byOF[p.OFPort] = i
		if p.OFPort < 256 && i < 1<<15 {
			f.small[p.OFPort] = int16(i)
		}
	}
	return f
}

func (f *forwarder) port(of uint16) exporter.Port {
	if int(of) < len(f.small) {
		if i := f.small[of]; i >= 0 {
			return f.ports[i]
		}
		return exporter.Port{OFPort: of}
	}
	if i, ok := f.byOF[of]; ok {
		return f.ports[i]
	}
	return exporter.Port{OFPort: of}
}

// forward fills p.Out, p.Flood and p.Samples from the first matching rule
// (no match: dropped, as OVS's table-miss does without a controller).
func (f *forwarder) forward(p *exporter.Packet, pp *packet.Parsed) {
	f.outs, f.sample, f.sport = f.outs[:0], f.sample[:0], f.sport[:0]
	p.Flood = false
	for i := range f.rules {
		ru := &f.rules[i]
		if !ru.matches(p.In.OFPort, pp) {
			continue
		}
		for _, o := range ru.outputs {
			if o != p.In.OFPort {
				f.outs = append(f.outs, f.port(o))
			}
		}
		if ru.flood {
			p.Flood = true
			for _, q := range f.ports {
				if q.OFPort != p.In.OFPort {
					f.outs = append(f.outs, q)
				}
			}
		}
		for _, s := range ru.samples {
			if s.samplingPort >= 0 {
				f.sport = append(f.sport, f.port(uint16(s.samplingPort)))
			}
		}
		k := 0
		for _, s := range ru.samples {
			smp := s.Sample
			if s.samplingPort >= 0 {
				smp.Port = &f.sport[k]
				k++
			}
			f.sample = append(f.sample, smp)
		}
		break
	}
	p.Out, p.Samples = f.outs, f.sample
}

// replay runs the whole capture through an exporter.
func replay(ctx context.Context, o options, progress io.Writer) (*replayStats, error) {
	ports, err := parsePorts(o.Ports)
	if err != nil {
		return nil, err
	}
	var rules []rule
	if o.Flows != "" {
		fl, err := os.Open(o.Flows)
		if err != nil {
			return nil, err
		}
		rules, err = parseFlows(fl)
		fl.Close()
		if err != nil {
			return nil, err
		}
	}
	cb, err := os.ReadFile(o.Config)
	if err != nil {
		return nil, err
	}
	cfg, err := loadConfig(cb, o.Agent)
	if err != nil {
		return nil, err
	}
	in, err := os.Open(o.Capture)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	cr, err := newCaptureReader(in)
	if err != nil {
		return nil, err
	}
	// The first frame sets the clock, so the exporter starts at capture time.
	first := cr.Next()
	if first != nil && first != io.EOF {
		return nil, first
	}
	clock := exporter.NewManualClock(cr.Time)
	cfg.Clock, cfg.Seed, cfg.Dial = clock, o.Seed, o.Dial
	cfg.Env.Ports = ports
	cfg.Env.AgentAddr = parseAgent(o.Agent)
	x, err := exporter.New(cfg)
	if x == nil {
		return nil, err
	}
	if err != nil && progress != nil {
		fmt.Fprintln(progress, "ovsreplay: warning:", err)
	}
	defer x.Close()
	fw := newForwarder(rules, ports)
	var pp packet.Parsed
	var p exporter.Packet
	st := &replayStats{}
	began := time.Now()
	start := cr.Time
	nextFlush := cr.Time
	cur := cr.Time
	nextReport := began.Add(time.Second)
	for err := first; err != io.EOF; err = cr.Next() {
		if err != nil {
			return nil, err
		}
		if st.frames&1023 == 0 {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if progress != nil && time.Now().After(nextReport) {
				fmt.Fprintf(progress, "\rovsreplay: %d frames, capture time %v", st.frames, cr.Time.Sub(start).Round(time.Second))
				nextReport = time.Now().Add(time.Second)
			}
		}
		if o.Limit > 0 && st.frames >= o.Limit {
			break
		}
		if cr.Time.After(cur) { // never move the clock backwards
			cur = cr.Time
			clock.Set(cur)
		}
		if !cur.Before(nextFlush) {
			x.Flush()
			nextFlush = cur.Add(100 * time.Millisecond)
		}
		in := o.InPort
		if cr.ng {
			in = cr.Iface + 1
			if name := cr.IfaceName(cr.Iface); name != "" {
				for _, q := range ports {
					if q.Name == name {
						in = int(q.OFPort)
					}
				}
			}
		}
		p.Time, p.Frame, p.In = cur, cr.Frame, fw.port(uint16(in))
		if fw.needParse {
			pp.DecodeOuter(cr.Frame)
		}
		fw.forward(&p, &pp)
		x.Observe(&p)
		st.frames++
	}
	st.span = clock.Now().Sub(start)
	// Let timers run out past the end of the capture (NetFlow idle 10 s).
	end := clock.Now()
	for t := time.Duration(0); t <= 15*time.Second; t += 500 * time.Millisecond {
		clock.Set(end.Add(t))
		x.Flush()
	}
	if err := x.Close(); err != nil {
		return nil, err
	}
	st.elapsed = time.Since(began)
	st.stats = x.Stats()
	if progress != nil && st.elapsed > time.Second {
		fmt.Fprintln(progress)
	}
	return st, nil
}
