package flowexport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// ExportNetworkFlows is the cluster network operator's
// .spec.exportNetworkFlows (network.operator.openshift.io/v1): up to three
// collector lists. A nil member means that type is not exported. It
// marshals to the same JSON the operator shows, for example
// {"netFlow":{"collectors":["192.168.1.99:2056"]}}.
type ExportNetworkFlows struct {
	NetFlow *Collectors `json:"netFlow,omitempty"`
	SFlow   *Collectors `json:"sFlow,omitempty"`
	IPFIX   *Collectors `json:"ipfix,omitempty"`
}

// Collectors is one type's entry of [ExportNetworkFlows].
type Collectors struct {
	// Collectors are "ip:port" targets, 1 to [MaxCollectors].
	Collectors []string `json:"collectors,omitempty"`
}

// OperatorTable is the Table of a [*ValidationError] about the operator
// shape ([ExportNetworkFlows], [OperatorOptions]).
const OperatorTable = "exportNetworkFlows"

// Presets ovn-kubernetes applies (see [ExportNetworkFlows.Config]).
const (
	OperatorNetFlowActiveTimeout    = 60            // NetFlow active_timeout
	OperatorSFlowAgent              = "ovn-k8s-mp0" // sFlow agent: the node's management port
	OperatorIPFIXSampling           = 400           // IPFIX sampling
	OperatorIPFIXCacheActiveTimeout = 60            // IPFIX cache_active_timeout, seconds
)

// OperatorOptions are the node-side settings that accompany
// exportNetworkFlows: the ConfigMap openshift-network-operator/ovs-flows-config
// and the sFlow agent device. The zero value (or nil) gives the operator's
// defaults.
type OperatorOptions struct {
	// SFlowAgent is the device whose address is the sFlow agent; "" means
	// "ovn-k8s-mp0".
	SFlowAgent string
	// IPFIXSharedTarget is the ConfigMap's sharedTarget: one more IPFIX
	// collector, allowed on top of the 10 of the CR. The operator's
	// nodePort form (":port", meaning the node's IP) must be resolved by
	// the caller into an IP literal.
	IPFIXSharedTarget string
	// IPFIXSampling is the ConfigMap's sampling; 0 means 400.
	IPFIXSampling int
	// IPFIXCacheActiveTimeout is the ConfigMap's cacheActiveTimeout in
	// seconds; 0 means 60.
	IPFIXCacheActiveTimeout int
	// IPFIXCacheMaxFlows is the ConfigMap's cacheMaxFlows; 0 leaves the
	// column unset (no cache).
	IPFIXCacheMaxFlows int
}

// Validate checks e as the operator's CRD would, and a little more: each
// type that is present has 1 to [MaxCollectors] collectors, each an IPv4
// "a.b.c.d:port" or (accepted by ovn-kubernetes, though not by the CRD) an
// "[ipv6]:port", port 1-65535, no duplicates, no host names.
func (e ExportNetworkFlows) Validate() error {
	for _, t := range e.types() {
		if t.c == nil {
			continue
		}
		if _, err := checkTargets(OperatorTable, t.name+".collectors", t.c.Collectors, "", "", MaxCollectors); err != nil {
			return err
		}
	}
	return nil
}

type namedCollectors struct {
	name string
	c    *Collectors
}

func (e ExportNetworkFlows) types() [3]namedCollectors {
	return [3]namedCollectors{{"netFlow", e.NetFlow}, {"sFlow", e.SFlow}, {"ipfix", e.IPFIX}}
}

// Config returns the rows ovn-kubernetes writes for e on a node (its
// setupOVNNode): NetFlow with active_timeout 60; sFlow with agent
// opts.SFlowAgent ("ovn-k8s-mp0") and OVS's default sampling, polling and
// header; IPFIX with sampling 400 and cache_active_timeout 60 (or the
// ConfigMap's values) plus the shared target. A type absent from e is nil
// in the result: applying the result disables it. The result is valid and
// canonical, or the error is a [*ValidationError].
func (e ExportNetworkFlows) Config(opts *OperatorOptions) (Config, error) {
	var o OperatorOptions
	if opts != nil {
		o = *opts
	}
	if err := e.Validate(); err != nil {
		return Config{}, err
	}
	if o.IPFIXSharedTarget != "" {
		if _, err := ParseTarget(o.IPFIXSharedTarget); err != nil {
			return Config{}, verr(OperatorTable, "sharedTarget", -1, o.IPFIXSharedTarget, err)
		}
	}
	var c Config
	if e.NetFlow != nil {
		c.NetFlow = &NetFlow{Targets: e.NetFlow.Collectors, ActiveTimeout: OperatorNetFlowActiveTimeout}
	}
	if e.SFlow != nil {
		agent := o.SFlowAgent
		if agent == "" {
			agent = OperatorSFlowAgent
		}
		c.SFlow = &SFlow{Targets: e.SFlow.Collectors, Agent: &agent}
	}
	if e.IPFIX != nil || o.IPFIXSharedTarget != "" {
		x := &IPFIX{SharedTarget: o.IPFIXSharedTarget}
		if e.IPFIX != nil {
			x.Targets = e.IPFIX.Collectors
		}
		x.Sampling = Ptr(OperatorIPFIXSampling)
		if o.IPFIXSampling != 0 {
			x.Sampling = Ptr(o.IPFIXSampling)
		}
		x.CacheActiveTimeout = Ptr(OperatorIPFIXCacheActiveTimeout)
		if o.IPFIXCacheActiveTimeout != 0 {
			x.CacheActiveTimeout = Ptr(o.IPFIXCacheActiveTimeout)
		}
		if o.IPFIXCacheMaxFlows != 0 {
			x.CacheMaxFlows = Ptr(o.IPFIXCacheMaxFlows)
		}
		c.IPFIX = x
	}
	return c.Canonical()
}

// OperatorView returns c in the operator's shape: each configured type's
// targets column (sorted) as its collectors, options left out. It is what
// a node's database says about .spec.exportNetworkFlows; targets are shown
// as the database holds them, valid or not.
func OperatorView(c Config) ExportNetworkFlows {
	var e ExportNetworkFlows
	if c.NetFlow != nil {
		e.NetFlow = &Collectors{Collectors: sortedClone(c.NetFlow.Targets)}
	}
	if c.SFlow != nil {
		e.SFlow = &Collectors{Collectors: sortedClone(c.SFlow.Targets)}
	}
	if c.IPFIX != nil {
		e.IPFIX = &Collectors{Collectors: sortedClone(c.IPFIX.AllTargets())}
	}
	return e
}

func sortedClone(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// ErrPatch reports a patch document that does not have the shape of an
// exportNetworkFlows merge patch.
var ErrPatch = errors.New("flowexport: bad patch")

// MaxPatchSize bounds the patch documents [ParsePatch] accepts.
const MaxPatchSize = 1 << 20

// PatchOp is what a merge patch does to one type.
type PatchOp uint8

// The three things a merge patch can do to a type.
const (
	PatchKeep    PatchOp = iota // type absent from the patch: left as it is
	PatchRemove                 // type (or its collectors) set to null: export removed
	PatchReplace                // collectors given: they replace the type's collectors
)

// TypePatch is the part of a [Patch] about one type.
type TypePatch struct {
	Op PatchOp
	// Collectors are the new collectors when Op is PatchReplace.
	Collectors []string
}

// Patch is a parsed exportNetworkFlows merge patch.
type Patch struct {
	NetFlow, SFlow, IPFIX TypePatch
}

// ParsePatch parses patch, a JSON merge patch (RFC 7386, what
// `oc patch --type merge` sends) of the operator's Network object. Only
// spec.exportNetworkFlows may appear in it:
//
//	{"spec":{"exportNetworkFlows":{"netFlow":{"collectors":["192.168.1.99:2056"]}}}}
//
// A type present in the patch replaces that type's collectors
// ([PatchReplace]), a type set to null, or whose collectors are null, is
// removed ([PatchRemove]), types absent from the patch (or given as {})
// are left as they are ([PatchKeep]), and "exportNetworkFlows": null
// removes all three. The new collectors are validated as the CRD would
// (1 to [MaxCollectors], so an empty list is rejected; see
// [ExportNetworkFlows.Validate]). Unknown fields are rejected, since a
// typo would otherwise silently do nothing. Errors wrap [ErrPatch] or are
// a [*ValidationError].
func ParsePatch(patch []byte) (Patch, error) {
	var p Patch
	if len(patch) > MaxPatchSize {
		return Patch{}, fmt.Errorf("%w: larger than %d bytes", ErrPatch, MaxPatchSize)
	}
	root, err := object(patch, "")
	if err != nil {
		return Patch{}, err
	}
	if err := onlyKeys(root, "", "spec"); err != nil {
		return Patch{}, err
	}
	specRaw, ok := root["spec"]
	if !ok {
		return p, nil
	}
	spec, err := object(specRaw, "spec")
	if err != nil {
		return Patch{}, err
	}
	if err := onlyKeys(spec, "spec.", "exportNetworkFlows"); err != nil {
		return Patch{}, err
	}
	enfRaw, ok := spec["exportNetworkFlows"]
	if !ok {
		return p, nil
	}
	if isNull(enfRaw) {
		return Patch{NetFlow: TypePatch{Op: PatchRemove}, SFlow: TypePatch{Op: PatchRemove}, IPFIX: TypePatch{Op: PatchRemove}}, nil
	}
	const prefix = "spec.exportNetworkFlows"
	enf, err := object(enfRaw, prefix)
	if err != nil {
		return Patch{}, err
	}
	if err := onlyKeys(enf, prefix+".", "netFlow", "sFlow", "ipfix"); err != nil {
		return Patch{}, err
	}
	for _, t := range []struct {
		key string
		dst *TypePatch
	}{{"netFlow", &p.NetFlow}, {"sFlow", &p.SFlow}, {"ipfix", &p.IPFIX}} {
		raw, ok := enf[t.key]
		if !ok {
			continue
		}
		if isNull(raw) {
			t.dst.Op = PatchRemove
			continue
		}
		path := prefix + "." + t.key
		obj, err := object(raw, path)
		if err != nil {
			return Patch{}, err
		}
		if err := onlyKeys(obj, path+".", "collectors"); err != nil {
			return Patch{}, err
		}
		cr, ok := obj["collectors"]
		if !ok {
			continue // {} merges nothing
		}
		if isNull(cr) {
			t.dst.Op = PatchRemove // no collectors left: the type is off
			continue
		}
		var list []string
		if err := json.Unmarshal(cr, &list); err != nil {
			return Patch{}, fmt.Errorf("%w: %s.collectors: want a list of \"ip:port\" strings", ErrPatch, path)
		}
		if _, err := checkTargets(OperatorTable, t.key+".collectors", list, "", "", MaxCollectors); err != nil {
			return Patch{}, err
		}
		*t.dst = TypePatch{Op: PatchReplace, Collectors: list}
	}
	return p, nil
}

// Apply returns e with p applied. Types p keeps are copied as they are
// (not validated).
func (p Patch) Apply(e ExportNetworkFlows) ExportNetworkFlows {
	out := e.clone()
	for _, t := range []struct {
		tp  TypePatch
		dst **Collectors
	}{{p.NetFlow, &out.NetFlow}, {p.SFlow, &out.SFlow}, {p.IPFIX, &out.IPFIX}} {
		switch t.tp.Op {
		case PatchRemove:
			*t.dst = nil
		case PatchReplace:
			*t.dst = &Collectors{Collectors: slices.Clone(t.tp.Collectors)}
		}
	}
	return out
}

// MergePatch parses patch with [ParsePatch] and applies it to e: what
// `oc patch --type merge` does to the operator's object. The collectors
// the patch sets are validated; the types it leaves alone are copied as
// they are.
func (e ExportNetworkFlows) MergePatch(patch []byte) (ExportNetworkFlows, error) {
	p, err := ParsePatch(patch)
	if err != nil {
		return ExportNetworkFlows{}, err
	}
	return p.Apply(e), nil
}

func (e ExportNetworkFlows) clone() ExportNetworkFlows {
	c := func(p *Collectors) *Collectors {
		if p == nil {
			return nil
		}
		return &Collectors{Collectors: slices.Clone(p.Collectors)}
	}
	return ExportNetworkFlows{NetFlow: c(e.NetFlow), SFlow: c(e.SFlow), IPFIX: c(e.IPFIX)}
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func object(raw []byte, path string) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		where := path
		if where == "" {
			where = "document"
		}
		if err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				return nil, fmt.Errorf("%w: invalid JSON at offset %d: %v", ErrPatch, se.Offset, se)
			}
		}
		return nil, fmt.Errorf("%w: %s: want an object", ErrPatch, where)
	}
	return m, nil
}

func onlyKeys(m map[string]json.RawMessage, prefix string, allowed ...string) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(allowed, k) {
			if len(k) > maxErrValue {
				k = k[:maxErrValue] + "..."
			}
			return fmt.Errorf("%w: unsupported field %q (only spec.exportNetworkFlows.{netFlow,sFlow,ipfix}.collectors)", ErrPatch, prefix+k)
		}
	}
	return nil
}
