package flowexport

import (
	"net/netip"
	"slices"
	"strings"
)

// MaxCollectors is the largest number of collectors per type: the
// operator's CRD limit (maxItems 10 on each collectors list). The operator's
// optional shared IPFIX target ([IPFIX.SharedTarget]) comes on top.
const MaxCollectors = 10

// maxTargetLen bounds the length of a target string we try to parse. The
// longest valid target, "[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255]:65535",
// has 53 bytes.
const maxTargetLen = 64

// ParseTarget parses one collector as OVS and the operator write it:
// "a.b.c.d:port" (dotted-quad IPv4, no leading zeros) or "[ipv6]:port", with
// a decimal port 1-65535 without leading zeros. Host names, IPv6 zones, the
// unspecified address and a missing port are rejected. The returned error is
// one of [ErrTargetSyntax], [ErrHostname], [ErrPort] or [ErrAddress]; Validate
// wraps it in a [*ValidationError] naming the entry.
//
// ParseTarget never panics and does not allocate on success.
func ParseTarget(s string) (netip.AddrPort, error) {
	if len(s) == 0 || len(s) > maxTargetLen {
		return netip.AddrPort{}, ErrTargetSyntax
	}
	var host, port string
	bracketed := s[0] == '['
	if bracketed {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return netip.AddrPort{}, ErrTargetSyntax
		}
		host, port = s[1:end], s[end+1:]
		if port == "" {
			return netip.AddrPort{}, ErrPort
		}
		if port[0] != ':' {
			return netip.AddrPort{}, ErrTargetSyntax
		}
		port = port[1:]
	} else {
		i := strings.LastIndexByte(s, ':')
		if i < 0 {
			if looksLikeName(s) {
				return netip.AddrPort{}, ErrHostname
			}
			if _, err := netip.ParseAddr(s); err == nil {
				return netip.AddrPort{}, ErrPort // an address without port
			}
			return netip.AddrPort{}, ErrTargetSyntax
		}
		host, port = s[:i], s[i+1:]
		if strings.IndexByte(host, ':') >= 0 {
			return netip.AddrPort{}, ErrTargetSyntax // IPv6 needs brackets
		}
	}
	if host == "" {
		return netip.AddrPort{}, ErrTargetSyntax
	}
	if strings.IndexByte(host, '%') >= 0 {
		return netip.AddrPort{}, ErrAddress // zone
	}
	p, ok := parsePort(port)
	if !ok {
		return netip.AddrPort{}, ErrPort
	}
	if !bracketed && looksLikeName(host) {
		// An IPv4 literal has no letters; checked first, as a failed
		// netip.ParseAddr allocates its error.
		return netip.AddrPort{}, ErrHostname
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.AddrPort{}, ErrTargetSyntax
	}
	if bracketed != a.Is6() {
		// "[1.2.3.4]:80": brackets are for IPv6 only.
		return netip.AddrPort{}, ErrTargetSyntax
	}
	if a.IsUnspecified() {
		return netip.AddrPort{}, ErrAddress
	}
	return netip.AddrPortFrom(a, p), nil
}

// parsePort accepts 1-65535 in decimal without sign or leading zeros.
func parsePort(s string) (uint16, bool) {
	if len(s) == 0 || len(s) > 5 || s[0] == '0' {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if n > 65535 {
		return 0, false
	}
	return uint16(n), true
}

// looksLikeName reports whether s is shaped like a DNS name with at least
// one letter (so "1.2.3.400" is a bad address, "collector.example" a name).
func looksLikeName(s string) bool {
	letter := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letter = true
		case c >= '0' && c <= '9', c == '-', c == '.', c == '_':
		default:
			return false
		}
	}
	return letter
}

// FormatTarget returns the canonical text of a collector, as Set writes
// it: "1.2.3.4:2055" or "[2001:db8::1]:4739".
func FormatTarget(ap netip.AddrPort) string { return ap.String() }

// checkTargets validates a collector list (and an optional extra target that
// does not count against max) and returns the canonical, sorted targets.
func checkTargets(table, field string, targets []string, extraField, extra string, max int) ([]string, error) {
	n := len(targets)
	if extra != "" {
		n++
	}
	if n == 0 || len(targets) > max {
		return nil, verr(table, field, -1, "", &countError{n: len(targets), max: max})
	}
	seen := make([]netip.AddrPort, 0, n)
	out := make([]string, 0, n)
	add := func(field string, i int, s string) error {
		ap, err := ParseTarget(s)
		if err != nil {
			return verr(table, field, i, s, err)
		}
		if slices.Contains(seen, ap) {
			return verr(table, field, i, s, ErrDuplicate)
		}
		seen = append(seen, ap)
		out = append(out, FormatTarget(ap))
		return nil
	}
	for i, s := range targets {
		if err := add(field, i, s); err != nil {
			return nil, err
		}
	}
	if extra != "" {
		if err := add(extraField, -1, extra); err != nil {
			return nil, err
		}
	}
	slices.Sort(out)
	return out, nil
}
