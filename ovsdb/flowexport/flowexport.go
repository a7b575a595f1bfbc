package flowexport

import (
	"maps"
	"net/netip"
	"slices"
	"strings"
)

// OVS defaults applied when an optional column is unset, in the schema's
// units (seconds, packets, bytes).
const (
	DefaultNetFlowActiveTimeout  = 600 // NetFlow.active_timeout 0 (or -1)
	DefaultSFlowSampling         = 400 // sFlow.sampling unset
	DefaultSFlowPolling          = 30  // sFlow.polling unset
	DefaultSFlowHeader           = 128 // sFlow.header unset
	DefaultIPFIXSampling         = 400 // IPFIX.sampling unset
	DefaultIPFIXStatsInterval    = 600 // IPFIX.stats_interval unset
	DefaultIPFIXTemplateInterval = 600 // IPFIX.template_interval unset
)

// Keys of IPFIX.other_config that OVS reads.
const (
	OptEnableInputSampling  = "enable-input-sampling"
	OptEnableOutputSampling = "enable-output-sampling"
	OptEnableTunnelSampling = "enable-tunnel-sampling"
	OptVirtualObsID         = "virtual_obs_id"
)

// MaxVirtualObsIDLen is the longest other_config:virtual_obs_id accepted
// (it is exported in a one-byte variable-length IPFIX field).
const MaxVirtualObsIDLen = 254

const maxUint32 = 1<<32 - 1

// Table names in the Open_vSwitch database.
const (
	TableNetFlow                = "NetFlow"
	TableSFlow                  = "sFlow"
	TableIPFIX                  = "IPFIX"
	TableFlowSampleCollectorSet = "Flow_Sample_Collector_Set"
)

// Ptr returns a pointer to v, for the optional (pointer) fields:
// flowexport.SFlow{Sampling: flowexport.Ptr(1)}.
func Ptr[T any](v T) *T { return &v }

// NetFlow is a row of the NetFlow table: NetFlow v5 export of one bridge.
// Field names and json tags follow the OVSDB columns; a nil pointer is an
// unset optional column (OVS's default applies).
type NetFlow struct {
	// Targets are the collectors, "ip:port" (the port is mandatory).
	Targets []string `json:"targets" yaml:"targets"`
	// ActiveTimeout is the active flow timeout in seconds, -1 or more;
	// 0 means OVS's default of 600 s (see EffectiveActiveTimeout).
	ActiveTimeout int `json:"active_timeout" yaml:"active_timeout"`
	// EngineType is the NetFlow engine_type, 0-255; nil lets the datapath
	// choose.
	EngineType *int `json:"engine_type,omitempty" yaml:"engine_type,omitempty"`
	// EngineID is the NetFlow engine_id, 0-255; nil lets the datapath
	// choose.
	EngineID *int `json:"engine_id,omitempty" yaml:"engine_id,omitempty"`
	// AddIDToInterface puts the low 7 bits of the engine ID into the top of
	// the 16-bit interface fields.
	AddIDToInterface bool `json:"add_id_to_interface" yaml:"add_id_to_interface"`
}

// SFlow is a row of the sFlow table: sFlow v5 export of one bridge.
type SFlow struct {
	// Targets are the collectors, "ip:port".
	Targets []string `json:"targets" yaml:"targets"`
	// Sampling is the 1-in-N packet sampling rate; nil means 400 and 0
	// disables packet sampling.
	Sampling *int `json:"sampling,omitempty" yaml:"sampling,omitempty"`
	// Polling is the counter polling interval in seconds; nil means 30 and
	// 0 disables counter samples.
	Polling *int `json:"polling,omitempty" yaml:"polling,omitempty"`
	// Header is the number of bytes of each sampled packet to export; nil
	// means 128.
	Header *int `json:"header,omitempty" yaml:"header,omitempty"`
	// Agent is the network device (or IP literal) whose address identifies
	// the agent; nil lets OVS pick one from the route to the collector.
	Agent *string `json:"agent,omitempty" yaml:"agent,omitempty"`
}

// IPFIX is a row of the IPFIX table: bridge-wide IPFIX export (referenced
// from Bridge.ipfix) or the collectors of a [FlowSampleCollectorSet].
type IPFIX struct {
	// Targets are the collectors, "ip:port".
	Targets []string `json:"targets" yaml:"targets"`
	// SharedTarget is not a column: it is the operator's optional extra
	// IPFIX collector (ConfigMap ovs-flows-config, key sharedTarget), which
	// is allowed on top of the [MaxCollectors] limit and written into the
	// targets column together with Targets. Reading a row back never fills
	// it: the database does not tell the two apart.
	SharedTarget string `json:"shared_target,omitempty" yaml:"shared_target,omitempty"`
	// Sampling is the 1-in-N sampling rate (1 to 2^32-1); nil means 400.
	// Bridge mode only.
	Sampling *int `json:"sampling,omitempty" yaml:"sampling,omitempty"`
	// ObsDomainID is the observation domain ID (0 to 2^32-1); nil means 0.
	// Bridge mode only.
	ObsDomainID *int `json:"obs_domain_id,omitempty" yaml:"obs_domain_id,omitempty"`
	// ObsPointID is the observation point ID (0 to 2^32-1); nil means 0.
	// Bridge mode only.
	ObsPointID *int `json:"obs_point_id,omitempty" yaml:"obs_point_id,omitempty"`
	// CacheActiveTimeout is the flow cache's active timeout in seconds
	// (0-4200); nil or 0 disables the timeout.
	CacheActiveTimeout *int `json:"cache_active_timeout,omitempty" yaml:"cache_active_timeout,omitempty"`
	// CacheMaxFlows is the flow cache's size (0 to 2^32-1); nil or 0
	// disables the cache (every sample is exported at once).
	CacheMaxFlows *int `json:"cache_max_flows,omitempty" yaml:"cache_max_flows,omitempty"`
	// StatsInterval is the interval of the exporter statistics (options)
	// records in seconds (1-3600); nil means 600. Column of schema 8.5
	// and later (OVS 3.2+).
	StatsInterval *int `json:"stats_interval,omitempty" yaml:"stats_interval,omitempty"`
	// TemplateInterval is the template refresh interval in seconds
	// (1-3600); nil means 600. Column of schema 8.5 and later (OVS 3.2+).
	TemplateInterval *int `json:"template_interval,omitempty" yaml:"template_interval,omitempty"`
	// OtherConfig holds the other_config column: enable-input-sampling,
	// enable-output-sampling, enable-tunnel-sampling ("true"/"false",
	// default true) and virtual_obs_id. Unknown keys are kept as they are.
	OtherConfig map[string]string `json:"other_config,omitempty" yaml:"other_config,omitempty"`
}

// FlowSampleCollectorSet is a row of the Flow_Sample_Collector_Set table:
// the collectors of the OpenFlow sample actions that name collector set ID
// on a bridge. Unlike the other three tables it is a root table, so a row
// lives until it is deleted explicitly.
type FlowSampleCollectorSet struct {
	// ID is the collector_set_id used by sample actions (0 to 2^32-1).
	ID int `json:"id" yaml:"id"`
	// Bridge is the name of the bridge (the column holds a reference to
	// the Bridge row; this API resolves names).
	Bridge string `json:"bridge" yaml:"bridge"`
	// IPFIX is the IPFIX exporter of the set; nil means none.
	IPFIX *IPFIX `json:"ipfix,omitempty" yaml:"ipfix,omitempty"`
	// LocalGroupID is the psample group for local sampling (0 to 2^32-1).
	// Column of schema 8.6 and later (OVS 3.4+); nil means unset.
	LocalGroupID *int `json:"local_group_id,omitempty" yaml:"local_group_id,omitempty"`
}

// Config is the flow export of one bridge: the rows referenced by its
// netflow, sflow and ipfix columns. A nil member is an unset column (that
// type is not exported).
type Config struct {
	NetFlow *NetFlow `json:"netflow,omitempty" yaml:"netflow,omitempty"`
	SFlow   *SFlow   `json:"sflow,omitempty" yaml:"sflow,omitempty"`
	IPFIX   *IPFIX   `json:"ipfix,omitempty" yaml:"ipfix,omitempty"`
}

func checkRange(table, field string, v *int, lo, hi int64) error {
	if v == nil {
		return nil
	}
	if int64(*v) < lo || int64(*v) > hi {
		return verr(table, field, -1, itoa(*v), rangeErr(lo, hi))
	}
	return nil
}

// Validate checks n as Set would before sending anything: 1 to
// [MaxCollectors] targets, each a valid "ip:port" and none repeated, and
// every option inside its schema range. The error is a [*ValidationError].
func (n NetFlow) Validate() error {
	_, err := n.Canonical()
	return err
}

// Canonical validates n and returns a copy whose targets are in canonical
// form ([FormatTarget]) and sorted, the form Set writes and compares.
func (n NetFlow) Canonical() (NetFlow, error) {
	ts, err := checkTargets(TableNetFlow, "targets", n.Targets, "", "", MaxCollectors)
	if err != nil {
		return NetFlow{}, err
	}
	v := int(n.ActiveTimeout)
	if err := checkRange(TableNetFlow, "active_timeout", &v, -1, noMax); err != nil {
		return NetFlow{}, err
	}
	if err := checkRange(TableNetFlow, "engine_type", n.EngineType, 0, 255); err != nil {
		return NetFlow{}, err
	}
	if err := checkRange(TableNetFlow, "engine_id", n.EngineID, 0, 255); err != nil {
		return NetFlow{}, err
	}
	c := n.Clone()
	c.Targets = ts
	return c, nil
}

// Clone returns a deep copy of n.
func (n NetFlow) Clone() NetFlow {
	n.Targets = slices.Clone(n.Targets)
	n.EngineType = clonePtr(n.EngineType)
	n.EngineID = clonePtr(n.EngineID)
	return n
}

// Equal reports whether n and o configure the same row: same options and
// the same set of targets (order and textual form aside).
func (n NetFlow) Equal(o NetFlow) bool {
	return sameTargets(n.Targets, o.Targets) && n.ActiveTimeout == o.ActiveTimeout &&
		eqPtr(n.EngineType, o.EngineType) && eqPtr(n.EngineID, o.EngineID) &&
		n.AddIDToInterface == o.AddIDToInterface
}

// EffectiveActiveTimeout returns the active timeout OVS uses, in seconds:
// ActiveTimeout, or 600 when it is 0 or -1.
func (n NetFlow) EffectiveActiveTimeout() int {
	if n.ActiveTimeout <= 0 {
		return DefaultNetFlowActiveTimeout
	}
	return n.ActiveTimeout
}

// Validate checks s as Set would: 1 to [MaxCollectors] valid, distinct
// targets, sampling, polling and header within 0 to 2^32-1 (the schema
// leaves them unconstrained; OVS stores them as 32-bit unsigned), and an
// agent that is an IP literal or a network device name.
func (s SFlow) Validate() error {
	_, err := s.Canonical()
	return err
}

// Canonical validates s and returns a copy with canonical, sorted targets.
func (s SFlow) Canonical() (SFlow, error) {
	ts, err := checkTargets(TableSFlow, "targets", s.Targets, "", "", MaxCollectors)
	if err != nil {
		return SFlow{}, err
	}
	for _, o := range []struct {
		f string
		v *int
	}{{"sampling", s.Sampling}, {"polling", s.Polling}, {"header", s.Header}} {
		if err := checkRange(TableSFlow, o.f, o.v, 0, maxUint32); err != nil {
			return SFlow{}, err
		}
	}
	if s.Agent != nil && !validAgent(*s.Agent) {
		return SFlow{}, verr(TableSFlow, "agent", -1, *s.Agent,
			wrapValue("want a network device name or an IP address"))
	}
	c := s.Clone()
	c.Targets = ts
	return c, nil
}

// validAgent accepts an IP literal or a Linux network device name (1-15
// bytes, no slash, colon or white space, not "." or "..").
func validAgent(a string) bool {
	if _, err := netip.ParseAddr(a); err == nil {
		return true
	}
	if a == "" || len(a) > 15 || a == "." || a == ".." {
		return false
	}
	for i := 0; i < len(a); i++ {
		c := a[i]
		if c <= ' ' || c == '/' || c == ':' || c >= 0x7f {
			return false
		}
	}
	return true
}

// Clone returns a deep copy of s.
func (s SFlow) Clone() SFlow {
	s.Targets = slices.Clone(s.Targets)
	s.Sampling = clonePtr(s.Sampling)
	s.Polling = clonePtr(s.Polling)
	s.Header = clonePtr(s.Header)
	s.Agent = clonePtr(s.Agent)
	return s
}

// Equal reports whether s and o configure the same row.
func (s SFlow) Equal(o SFlow) bool {
	return sameTargets(s.Targets, o.Targets) && eqPtr(s.Sampling, o.Sampling) &&
		eqPtr(s.Polling, o.Polling) && eqPtr(s.Header, o.Header) && eqPtr(s.Agent, o.Agent)
}

// EffectiveSampling returns the sampling rate OVS uses: Sampling, or 400
// when unset (0 means sampling is off).
func (s SFlow) EffectiveSampling() int { return deref(s.Sampling, DefaultSFlowSampling) }

// EffectivePolling returns the counter polling interval OVS uses, in
// seconds: Polling, or 30 when unset (0 means no counter samples).
func (s SFlow) EffectivePolling() int { return deref(s.Polling, DefaultSFlowPolling) }

// EffectiveHeader returns the sampled header length OVS uses: Header, or
// 128 when unset.
func (s SFlow) EffectiveHeader() int { return deref(s.Header, DefaultSFlowHeader) }

// Validate checks x as Set would: 1 to [MaxCollectors] valid, distinct
// targets plus the optional SharedTarget, every option inside its schema
// range, and the other_config keys OVS reads holding values it
// understands.
func (x IPFIX) Validate() error {
	_, err := x.Canonical()
	return err
}

// Canonical validates x and returns a copy with canonical, sorted targets
// (SharedTarget canonical too, kept apart).
func (x IPFIX) Canonical() (IPFIX, error) {
	ts, err := checkTargets(TableIPFIX, "targets", x.Targets, "shared_target", x.SharedTarget, MaxCollectors)
	if err != nil {
		return IPFIX{}, err
	}
	shared := ""
	if x.SharedTarget != "" {
		ap, _ := ParseTarget(x.SharedTarget) // checked above
		shared = FormatTarget(ap)
		ts = slices.DeleteFunc(ts, func(s string) bool { return s == shared })
	}
	for _, o := range []struct {
		f      string
		v      *int
		lo, hi int64
	}{
		{"sampling", x.Sampling, 1, maxUint32},
		{"obs_domain_id", x.ObsDomainID, 0, maxUint32},
		{"obs_point_id", x.ObsPointID, 0, maxUint32},
		{"cache_active_timeout", x.CacheActiveTimeout, 0, 4200},
		{"cache_max_flows", x.CacheMaxFlows, 0, maxUint32},
		{"stats_interval", x.StatsInterval, 1, 3600},
		{"template_interval", x.TemplateInterval, 1, 3600},
	} {
		if err := checkRange(TableIPFIX, o.f, o.v, o.lo, o.hi); err != nil {
			return IPFIX{}, err
		}
	}
	for _, k := range slices.Sorted(maps.Keys(x.OtherConfig)) {
		v := x.OtherConfig[k]
		switch k {
		case OptEnableInputSampling, OptEnableOutputSampling, OptEnableTunnelSampling:
			if !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
				return IPFIX{}, verr(TableIPFIX, "other_config:"+k, -1, v, wrapValue(`want "true" or "false"`))
			}
		case OptVirtualObsID:
			if len(v) > MaxVirtualObsIDLen {
				return IPFIX{}, verr(TableIPFIX, "other_config:"+k, -1, v, rangeLenErr())
			}
		}
	}
	c := x.Clone()
	c.Targets = ts
	c.SharedTarget = shared
	return c, nil
}

// AllTargets returns the collectors the targets column holds: Targets
// plus SharedTarget when set.
func (x IPFIX) AllTargets() []string {
	ts := slices.Clone(x.Targets)
	if x.SharedTarget != "" {
		ts = append(ts, x.SharedTarget)
	}
	return ts
}

// Clone returns a deep copy of x.
func (x IPFIX) Clone() IPFIX {
	x.Targets = slices.Clone(x.Targets)
	x.Sampling = clonePtr(x.Sampling)
	x.ObsDomainID = clonePtr(x.ObsDomainID)
	x.ObsPointID = clonePtr(x.ObsPointID)
	x.CacheActiveTimeout = clonePtr(x.CacheActiveTimeout)
	x.CacheMaxFlows = clonePtr(x.CacheMaxFlows)
	x.StatsInterval = clonePtr(x.StatsInterval)
	x.TemplateInterval = clonePtr(x.TemplateInterval)
	x.OtherConfig = maps.Clone(x.OtherConfig)
	return x
}

// Equal reports whether x and o configure the same row (their targets
// columns, Targets plus SharedTarget, hold the same collectors).
func (x IPFIX) Equal(o IPFIX) bool {
	return sameTargets(x.AllTargets(), o.AllTargets()) && eqPtr(x.Sampling, o.Sampling) &&
		eqPtr(x.ObsDomainID, o.ObsDomainID) && eqPtr(x.ObsPointID, o.ObsPointID) &&
		eqPtr(x.CacheActiveTimeout, o.CacheActiveTimeout) && eqPtr(x.CacheMaxFlows, o.CacheMaxFlows) &&
		eqPtr(x.StatsInterval, o.StatsInterval) && eqPtr(x.TemplateInterval, o.TemplateInterval) &&
		maps.Equal(x.OtherConfig, o.OtherConfig) // nil and empty are equal
}

// EffectiveSampling returns the sampling rate OVS uses: Sampling, or 400.
func (x IPFIX) EffectiveSampling() int { return deref(x.Sampling, DefaultIPFIXSampling) }

// EffectiveObsDomainID returns the observation domain ID: ObsDomainID, or 0.
func (x IPFIX) EffectiveObsDomainID() int { return deref(x.ObsDomainID, 0) }

// EffectiveObsPointID returns the observation point ID: ObsPointID, or 0.
func (x IPFIX) EffectiveObsPointID() int { return deref(x.ObsPointID, 0) }

// EffectiveCacheActiveTimeout returns the cache active timeout in seconds:
// CacheActiveTimeout, or 0 (no timeout).
func (x IPFIX) EffectiveCacheActiveTimeout() int { return deref(x.CacheActiveTimeout, 0) }

// EffectiveCacheMaxFlows returns the cache size: CacheMaxFlows, or 0 (no
// cache).
func (x IPFIX) EffectiveCacheMaxFlows() int { return deref(x.CacheMaxFlows, 0) }

// EffectiveStatsInterval returns the statistics interval in seconds:
// StatsInterval, or 600 (the fixed value of OVS before 3.2).
func (x IPFIX) EffectiveStatsInterval() int { return deref(x.StatsInterval, DefaultIPFIXStatsInterval) }

// EffectiveTemplateInterval returns the template refresh interval in
// seconds: TemplateInterval, or 600 (the fixed value of OVS before 3.2).
func (x IPFIX) EffectiveTemplateInterval() int {
	return deref(x.TemplateInterval, DefaultIPFIXTemplateInterval)
}

// EnableInputSampling reports other_config:enable-input-sampling as
// vswitch.xml documents it: true unless the value is "false". Open vSwitch
// itself reads the key inverted; see [IPFIX.OVSInputSampling].
func (x IPFIX) EnableInputSampling() bool { return x.boolOpt(OptEnableInputSampling) }

// EnableOutputSampling reports other_config:enable-output-sampling as
// vswitch.xml documents it: true unless the value is "false". Open vSwitch
// itself reads the key inverted; see [IPFIX.OVSOutputSampling].
func (x IPFIX) EnableOutputSampling() bool { return x.boolOpt(OptEnableOutputSampling) }

// OVSInputSampling reports whether Open vSwitch (3.1, as observed on a real
// switch) samples at ingress for this row: its bridge.c negates
// smap_get_bool(other_config, "enable-input-sampling", false), so ingress
// sampling is on unless the value is "true" — the opposite of what
// vswitch.xml documents for "true" and "false" (unset means on for both).
func (x IPFIX) OVSInputSampling() bool { return !ovsTrue(x.OtherConfig[OptEnableInputSampling]) }

// OVSOutputSampling is [IPFIX.OVSInputSampling] for
// enable-output-sampling: egress sampling is on unless the value is "true".
func (x IPFIX) OVSOutputSampling() bool { return !ovsTrue(x.OtherConfig[OptEnableOutputSampling]) }

// ovsTrue is OVS's smap_get_bool with default false: true only for "true"
// (in any case).
func ovsTrue(v string) bool { return strings.EqualFold(v, "true") }

// EnableTunnelSampling reports other_config:enable-tunnel-sampling as OVS
// reads it: true unless the value is "false".
func (x IPFIX) EnableTunnelSampling() bool { return x.boolOpt(OptEnableTunnelSampling) }

// VirtualObsID returns other_config:virtual_obs_id and whether it is set.
func (x IPFIX) VirtualObsID() (string, bool) {
	v, ok := x.OtherConfig[OptVirtualObsID]
	return v, ok
}

func (x IPFIX) boolOpt(k string) bool {
	v, ok := x.OtherConfig[k]
	return !ok || !strings.EqualFold(v, "false")
}

// Validate checks f as FlowSampleCollectorSetAdd would: ID in 0 to 2^32-1,
// a bridge name, the IPFIX row (if any) valid, LocalGroupID in range.
func (f FlowSampleCollectorSet) Validate() error {
	_, err := f.Canonical()
	return err
}

// Canonical validates f and returns a copy whose IPFIX member is
// canonical.
func (f FlowSampleCollectorSet) Canonical() (FlowSampleCollectorSet, error) {
	id := f.ID
	if err := checkRange(TableFlowSampleCollectorSet, "id", &id, 0, maxUint32); err != nil {
		return FlowSampleCollectorSet{}, err
	}
	if f.Bridge == "" {
		return FlowSampleCollectorSet{}, verr(TableFlowSampleCollectorSet, "bridge", -1, "", wrapValue("bridge name required"))
	}
	if err := checkRange(TableFlowSampleCollectorSet, "local_group_id", f.LocalGroupID, 0, maxUint32); err != nil {
		return FlowSampleCollectorSet{}, err
	}
	c := f
	c.LocalGroupID = clonePtr(f.LocalGroupID)
	if f.IPFIX != nil {
		x, err := f.IPFIX.Canonical()
		if err != nil {
			return FlowSampleCollectorSet{}, err
		}
		c.IPFIX = &x
	}
	return c, nil
}

// Validate checks every type that is set. The error names the first
// problem found, NetFlow first, then sFlow, then IPFIX.
func (c Config) Validate() error {
	_, err := c.Canonical()
	return err
}

// Canonical validates c and returns a deep copy in canonical form.
func (c Config) Canonical() (Config, error) {
	var out Config
	if c.NetFlow != nil {
		n, err := c.NetFlow.Canonical()
		if err != nil {
			return Config{}, err
		}
		out.NetFlow = &n
	}
	if c.SFlow != nil {
		s, err := c.SFlow.Canonical()
		if err != nil {
			return Config{}, err
		}
		out.SFlow = &s
	}
	if c.IPFIX != nil {
		x, err := c.IPFIX.Canonical()
		if err != nil {
			return Config{}, err
		}
		out.IPFIX = &x
	}
	return out, nil
}

// Equal reports whether c and o configure the same rows (nil members
// equal only nil).
func (c Config) Equal(o Config) bool {
	return eqWith(c.NetFlow, o.NetFlow, NetFlow.Equal) &&
		eqWith(c.SFlow, o.SFlow, SFlow.Equal) &&
		eqWith(c.IPFIX, o.IPFIX, IPFIX.Equal)
}

func eqWith[T any](a, b *T, eq func(T, T) bool) bool {
	if a == nil || b == nil {
		return a == b
	}
	return eq(*a, *b)
}

// sameTargets compares two target lists as sets of canonical collectors;
// targets that do not parse compare by their text.
func sameTargets(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	ca, cb := canonSorted(a), canonSorted(b)
	return slices.Equal(ca, cb)
}

func canonSorted(ts []string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		if ap, err := ParseTarget(t); err == nil {
			out[i] = FormatTarget(ap)
		} else {
			out[i] = t
		}
	}
	slices.Sort(out)
	return out
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func eqPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func deref(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}
