package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/ovsflow/ovsflow/exporter"
	"github.com/ovsflow/ovsflow/internal/packet"
)

// rule is one OpenFlow flow in the subset of ovs-ofctl syntax ovsreplay
// understands:
//
//	[priority=N,] [in_port=N,] [dl_vlan=N,] [dl_type=0xNNNN | ip | ipv6 | arp | tcp | udp | icmp | tcp6 | udp6 | icmp6,]
//	[nw_proto=N,] [nw_src=IP[/LEN],] [nw_dst=IP[/LEN],] [tp_src=N,] [tp_dst=N,]
//	actions=output:N[,output:N...] | drop | flood | sample(...)[,...]
//
// sample takes probability, collector_set_id, obs_domain_id, obs_point_id,
// sampling_port and ingress or egress, as in ovs-ofctl. flood (or all)
// sends to every port of -ports except the input port (real OVS also
// floods to the bridge's LOCAL port, first). The first matching rule of
// the highest priority wins; no match drops the frame.
type rule struct {
	priority int
	line     int

	inPort       int // -1 any
	vlan         int // -1 any, 0xffff untagged
	dlType       int // -1 any
	proto        int // -1 any
	nwSrc, nwDst netip.Prefix
	tpSrc, tpDst int // -1 any
	outputs      []uint16
	flood        bool
	samples      []sampleAction
}

type sampleAction struct {
	exporter.Sample
	samplingPort int // -1 none
}

// maxRules bounds a flows file.
const maxRules = 100_000

// parseFlows reads one rule per line; blank lines and # comments are
// skipped. Rules are returned highest priority first (file order among
// equals), the order in which they are matched.
func parseFlows(r io.Reader) ([]rule, error) {
	var rules []rule
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		ru, err := parseRule(line)
		if err != nil {
			return nil, fmt.Errorf("flows line %d: %w", n, err)
		}
		ru.line = n
		if len(rules) >= maxRules {
			return nil, fmt.Errorf("flows: more than %d rules", maxRules)
		}
		rules = append(rules, ru)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(rules, func(a, b rule) int { return b.priority - a.priority })
	return rules, nil
}

func parseRule(s string) (rule, error) {
	ru := rule{priority: 32768, inPort: -1, vlan: -1, dlType: -1, proto: -1, tpSrc: -1, tpDst: -1}
	i := strings.Index(s, "actions=")
	if i < 0 {
		return ru, errors.New("no actions=")
	}
	match, actions := strings.TrimRight(strings.TrimSpace(s[:i]), ", "), s[i+len("actions="):]
	for _, f := range splitTop(match) {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		k, v, hasV := strings.Cut(f, "=")
		var err error
		switch k {
		case "ip":
			ru.dlType = 0x0800
		case "ipv6":
			ru.dlType = 0x86dd
		case "arp":
			ru.dlType = 0x0806
		case "tcp", "udp", "icmp", "sctp":
			ru.dlType, ru.proto = 0x0800, map[string]int{"tcp": 6, "udp": 17, "icmp": 1, "sctp": 132}[k]
		case "tcp6", "udp6", "icmp6", "sctp6":
			ru.dlType, ru.proto = 0x86dd, map[string]int{"tcp6": 6, "udp6": 17, "icmp6": 58, "sctp6": 132}[k]
		case "priority":
			ru.priority, err = num(v, 0, 65535)
		case "in_port":
			ru.inPort, err = num(v, 0, 65535)
		case "dl_vlan":
			ru.vlan, err = num(v, 0, 0xffff)
		case "dl_type":
			ru.dlType, err = num(v, 0, 0xffff)
		case "nw_proto", "ip_proto":
			ru.proto, err = num(v, 0, 255)
		case "nw_src", "ipv6_src":
			ru.nwSrc, err = prefix(v)
		case "nw_dst", "ipv6_dst":
			ru.nwDst, err = prefix(v)
		case "tp_src", "tcp_src", "udp_src":
			ru.tpSrc, err = num(v, 0, 65535)
		case "tp_dst", "tcp_dst", "udp_dst":
			ru.tpDst, err = num(v, 0, 65535)
		case "table", "cookie", "idle_timeout", "hard_timeout":
			// accepted and ignored
		default:
			return ru, fmt.Errorf("unsupported match field %q", k)
		}
		if err != nil {
			return ru, fmt.Errorf("%s: %w", k, err)
		}
		_ = hasV
	}
	for _, a := range splitTop(actions) {
		a = strings.TrimSpace(a)
		switch {
		case a == "drop":
		case a == "flood" || a == "FLOOD" || a == "all" || a == "ALL":
			ru.flood = true
		case strings.HasPrefix(a, "output:"):
			p, err := num(a[len("output:"):], 0, 65535)
			if err != nil {
				return ru, fmt.Errorf("output: %w", err)
			}
			ru.outputs = append(ru.outputs, uint16(p))
		case strings.HasPrefix(a, "sample(") && strings.HasSuffix(a, ")"):
			sa, err := parseSample(a[len("sample(") : len(a)-1])
			if err != nil {
				return ru, fmt.Errorf("sample: %w", err)
			}
			ru.samples = append(ru.samples, sa)
		case a == "":
			return ru, errors.New("empty action")
		default:
			if p, err := num(a, 0, 65535); err == nil { // "actions=2" means output:2
				ru.outputs = append(ru.outputs, uint16(p))
				continue
			}
			return ru, fmt.Errorf("unsupported action %q", a)
		}
	}
	return ru, nil
}

func parseSample(s string) (sampleAction, error) {
	sa := sampleAction{samplingPort: -1}
	for _, f := range strings.Split(s, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(f), "=")
		var n int
		var err error
		switch k {
		case "probability":
			n, err = num(v, 1, 65535)
			sa.Probability = uint16(n)
		case "collector_set_id":
			n, err = num(v, 0, 1<<32-1)
			sa.CollectorSetID = uint32(n)
		case "obs_domain_id":
			n, err = num(v, 0, 1<<32-1)
			sa.ObsDomainID = uint32(n)
		case "obs_point_id":
			n, err = num(v, 0, 1<<32-1)
			sa.ObsPointID = uint32(n)
		case "sampling_port":
			sa.samplingPort, err = num(v, 0, 65535)
		case "ingress":
			sa.Direction = exporter.SampleIngress
		case "egress":
			sa.Direction = exporter.SampleEgress
		default:
			return sa, fmt.Errorf("unsupported argument %q", k)
		}
		if err != nil {
			return sa, fmt.Errorf("%s: %w", k, err)
		}
	}
	if sa.Probability == 0 {
		return sa, errors.New("probability is required")
	}
	return sa, nil
}

// splitTop splits on commas outside parentheses.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func num(s string, lo, hi int) (int, error) {
	v, err := strconv.ParseInt(s, 0, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if v < int64(lo) || v > int64(hi) {
		return 0, fmt.Errorf("%d out of range %d-%d", v, lo, hi)
	}
	return int(v), nil
}

func prefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// matches reports whether the rule matches a frame received on inPort.
func (ru *rule) matches(inPort uint16, p *packet.Parsed) bool {
	if ru.inPort >= 0 && ru.inPort != int(inPort) {
		return false
	}
	if ru.vlan >= 0 {
		if ru.vlan == 0xffff {
			if p.HasVLAN {
				return false
			}
		} else if !p.HasVLAN || int(p.VLANID) != ru.vlan {
			return false
		}
	}
	if ru.dlType >= 0 && ru.dlType != int(p.EtherType) {
		return false
	}
	if ru.proto >= 0 && (p.IPVersion == 0 || ru.proto != int(p.Protocol)) {
		return false
	}
	if ru.nwSrc.IsValid() && !ru.nwSrc.Contains(p.Src) {
		return false
	}
	if ru.nwDst.IsValid() && !ru.nwDst.Contains(p.Dst) {
		return false
	}
	src, dst := int(p.SrcPort), int(p.DstPort)
	if p.Protocol == packet.ProtoICMP || p.Protocol == packet.ProtoICMPv6 {
		src, dst = int(p.ICMPType), int(p.ICMPCode)
	}
	if ru.tpSrc >= 0 && ru.tpSrc != src {
		return false
	}
	if ru.tpDst >= 0 && ru.tpDst != dst {
		return false
	}
	return true
}
