package packet

import (
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

var (
	macDst = [6]byte{0x00, 0x00, 0x5e, 0x00, 0x53, 0x01}
	macSrc = [6]byte{0x00, 0x00, 0x5e, 0x00, 0x53, 0x02}
)

// Headers laid out one field per line.
var (
	ethIPv4 = []byte{
		0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, // dst MAC
		0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, // src MAC
		0x08, 0x00, // EtherType IPv4
	}
	ethIPv6 = []byte{
		0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, // dst MAC
		0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, // src MAC
		0x86, 0xdd, // EtherType IPv6
	}
	ethQinQ = []byte{
		0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, // dst MAC
		0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, // src MAC
		0x88, 0xa8, // S-tag
		0xa0, 0x64, // PCP 5, VID 100
		0x81, 0x00, // C-tag
		0x00, 0xc8, // PCP 0, VID 200
		0x08, 0x00, // EtherType IPv4
	}
	ethMPLS = []byte{
		0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, // dst MAC
		0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, // src MAC
		0x88, 0x47, // EtherType MPLS
		0x00, 0x01, 0x00, 0x40, // label 16, TC 0, S 0, TTL 64
		0x00, 0x01, 0x11, 0x3f, // label 17, S 1, TTL 63
	}
	ipv4TCP = []byte{
		0x46,       // version 4, IHL 6 (one option word)
		0xb8,       // ToS (DSCP EF)
		0x00, 0x2c, // total length 44
		0x12, 0x34, // identification
		0x40, 0x00, // DF, offset 0
		0x40,       // TTL 64
		0x06,       // protocol TCP
		0x00, 0x00, // checksum
		192, 0, 2, 1, // src
		198, 51, 100, 2, // dst
		0x01, 0x01, 0x01, 0x00, // options: NOP NOP NOP EOL
	}
	tcpSYN = []byte{
		0x30, 0x39, // src port 12345
		0x00, 0x50, // dst port 80
		0, 0, 0, 1, // seq
		0, 0, 0, 0, // ack
		0x51,       // data offset 5, NS 1
		0x02,       // SYN
		0xff, 0xff, // window
		0, 0, // checksum
		0, 0, // urgent
	}
	ipv4UDP = []byte{
		0x45,       // version 4, IHL 5
		0x00,       // ToS
		0x00, 0x20, // total length
		0x00, 0x01, // identification
		0x00, 0x00, // flags, offset
		0x11,       // TTL 17
		0x11,       // protocol UDP
		0x00, 0x00, // checksum
		10, 0, 0, 1, // src
		10, 0, 0, 2, // dst
	}
	udp53 = []byte{
		0xc0, 0x00, // src port 49152
		0x00, 0x35, // dst port 53
		0x00, 0x0c, // length
		0x00, 0x00, // checksum
	}
	ipv4Frag = []byte{
		0x45,       // version 4, IHL 5
		0x00,       // ToS
		0x00, 0x30, // total length
		0xab, 0xcd, // identification
		0x00, 0x03, // flags 0, offset 3 (24 bytes)
		0x40,       // TTL
		0x11,       // protocol UDP
		0x00, 0x00, // checksum
		192, 0, 2, 1, // src
		192, 0, 2, 2, // dst
	}
	ipv6Ext = []byte{
		0x6a, 0xb1, 0x23, 0x45, // version 6, TC 0xab, flow label 0x12345
		0x00, 0x20, // payload length 32
		0x00,                                                       // next header: hop-by-hop
		0x40,                                                       // hop limit 64
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, // src
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, // dst
		0x2c, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00, // hop-by-hop: next fragment, len 0, PadN
		0x3a, 0x00, 0x00, 0x01, 0xde, 0xad, 0xbe, 0xef, // fragment: next ICMPv6, offset 0, M, id
	}
	icmp6Echo = []byte{
		0x80,       // type echo request
		0x00,       // code
		0x00, 0x00, // checksum
		0x00, 0x01, 0x00, 0x01, // id, seq
	}
	icmp4Unreach = []byte{
		0x03,       // type destination unreachable
		0x03,       // code port unreachable
		0x00, 0x00, // checksum
		0, 0, 0, 0, // unused
	}
	ipv4ICMP = []byte{
		0x45, 0x00, 0x00, 0x1c, // version, IHL, ToS, length
		0x00, 0x00, 0x00, 0x00, // id, flags, offset
		0x01, 0x01, 0x00, 0x00, // TTL 1, protocol ICMP, checksum
		127, 0, 0, 1, // src
		127, 0, 0, 2, // dst
	}
	ipv6SCTP = []byte{
		0x60, 0x00, 0x00, 0x00, // version 6
		0x00, 0x0c, // payload length
		0x84,                                           // next header SCTP
		0xff,                                           // hop limit
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, // src ::1
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, // dst ::1
	}
	sctpHdr = []byte{
		0x0b, 0x59, // src port 2905
		0x0b, 0x59, // dst port 2905
		0, 0, 0, 0, // verification tag
		0, 0, 0, 0, // checksum
	}
	outerVXLAN = []byte{
		0x45, 0x00, 0x00, 0x5a, // version, IHL, ToS, length
		0x00, 0x00, 0x40, 0x00, // id, DF
		0x40, 0x11, 0x00, 0x00, // TTL 64, UDP
		172, 16, 0, 1, // src
		172, 16, 0, 2, // dst
		0xd4, 0x31, // src port 54321
		0x12, 0xb5, // dst port 4789
		0x00, 0x46, // length
		0x00, 0x00, // checksum
		0x08, 0x00, 0x00, 0x00, // VXLAN flags I
		0x00, 0x13, 0x88, 0x00, // VNI 5000
	}
	outerGeneve = []byte{
		0x45, 0x00, 0x00, 0x5a,
		0x00, 0x00, 0x40, 0x00,
		0x40, 0x11, 0x00, 0x00,
		172, 16, 0, 1,
		172, 16, 0, 2,
		0xd4, 0x31, // src port
		0x17, 0xc1, // dst port 6081
		0x00, 0x46, 0x00, 0x00, // length, checksum
		0x01,       // version 0, option length 1 word
		0x00,       // flags
		0x65, 0x58, // protocol: Ethernet
		0x00, 0x00, 0x07, 0x00, // VNI 7
		0x01, 0x02, 0x03, 0x04, // one option word
	}
	outerGRE = []byte{
		0x45, 0x00, 0x00, 0x3c,
		0x00, 0x00, 0x00, 0x00,
		0x40, 0x2f, 0x00, 0x00, // TTL 64, GRE
		172, 16, 0, 1,
		172, 16, 0, 2,
		0x20, 0x00, // flags: key present, version 0
		0x08, 0x00, // protocol IPv4
		0x00, 0x00, 0x00, 0x2a, // key 42
	}
)

func TestDecode(t *testing.T) {
	a := netip.MustParseAddr
	tests := []struct {
		name  string
		frame []byte
		outer bool
		want  Parsed
	}{
		{
			name:  "ipv4 tcp options",
			frame: cat(ethIPv4, ipv4TCP, tcpSYN),
			want: Parsed{
				DstMAC: macDst, SrcMAC: macSrc, EtherType: 0x0800,
				IPVersion: 4, TTL: 64, TOS: 0xb8, Protocol: 6, Src: a("192.0.2.1"), Dst: a("198.51.100.2"),
				IPLength: 44, FragFlags: FragDontFragment, FragID: 0x1234,
				SrcPort: 12345, DstPort: 80, TCPFlags: 0x102, L3Offset: 14, L4Offset: 38,
			},
		},
		{
			name:  "qinq udp",
			frame: cat(ethQinQ, ipv4UDP, udp53),
			want: Parsed{
				DstMAC: macDst, SrcMAC: macSrc, HasVLAN: true, VLANID: 100, VLANPCP: 5, InnerVLANID: 200, VLANTags: 2,
				EtherType: 0x0800, IPVersion: 4, TTL: 17, Protocol: 17, Src: a("10.0.0.1"), Dst: a("10.0.0.2"),
				IPLength: 32, FragID: 1, SrcPort: 49152, DstPort: 53, L3Offset: 22, L4Offset: 42,
			},
		},
		{
			name:  "mpls ipv4 udp",
			frame: cat(ethMPLS, ipv4UDP, udp53),
			want: Parsed{
				DstMAC: macDst, SrcMAC: macSrc, EtherType: 0x8847, MPLSLabels: [3]uint32{0x00010040, 0x0001113f}, MPLSCount: 2,
				IPVersion: 4, TTL: 17, Protocol: 17, Src: a("10.0.0.1"), Dst: a("10.0.0.2"),
				IPLength: 32, FragID: 1, SrcPort: 49152, DstPort: 53, L3Offset: 22, L4Offset: 42,
			},
		},
		{
			name:  "ipv4 later fragment",
			frame: cat(ethIPv4, ipv4Frag, []byte{1, 2, 3, 4, 5, 6, 7, 8}),
			want: Parsed{
				DstMAC: macDst, SrcMAC: macSrc, EtherType: 0x0800, IPVersion: 4, TTL: 64, Protocol: 17,
				Src: a("192.0.2.1"), Dst: a("192.0.2.2"), IPLength: 48,
				FragFlags: FragIsFragment | FragLater, FragOffset: 24, FragID: 0xabcd, L3Offset: 14,
			},
		},
		{
			name:  "ipv6 extension headers icmpv6",
			frame: cat(ethIPv6, ipv6Ext, icmp6Echo),
			want: Parsed{
				DstMAC: macDst, SrcMAC: macSrc, EtherType: 0x86dd, IPVersion: 6, TTL: 64, TOS: 0xab, FlowLabel: 0x12345,
				Protocol: 58, Src: a("2001:db8::1"), Dst: a("2001:db8::2"), IPLength: 72,
				FragFlags: FragIsFragment | FragMoreFragments, FragID: 0xdeadbeef,
				ICMPType: 128, L3Offset: 14, L4Offset: 70,
			},
		},
		{
			name:  "icmp unreachable",
			frame: cat(ethIPv4, ipv4ICMP, icmp4Unreach),
			want: Parsed{
				DstMAC: macDst, SrcMAC: macSrc, EtherType: 0x0800, IPVersion: 4, TTL: 1, Protocol: 1,
				Src: a("127.0.0.1"), Dst: a("127.0.0.2"), IPLength: 28, ICMPType: 3, ICMPCode: 3, L3Offset: 14, L4Offset: 34,
			},
		},
		{
			name:  "ipv6 sctp",
			frame: cat(ethIPv6, ipv6SCTP, sctpHdr),
			want: Parsed{
				DstMAC: macDst, SrcMAC: macSrc, EtherType: 0x86dd, IPVersion: 6, TTL: 255, Protocol: 132,
				Src: a("::1"), Dst: a("::1"), IPLength: 52, SrcPort: 2905, DstPort: 2905, L3Offset: 14, L4Offset: 54,
			},
		},
		{
			name:  "vxlan",
			frame: cat(ethIPv4, outerVXLAN, ethQinQ, ipv4UDP, udp53),
			want: Parsed{
				DstMAC: macDst, SrcMAC: macSrc, HasVLAN: true, VLANID: 100, VLANPCP: 5, InnerVLANID: 200, VLANTags: 2,
				EtherType: 0x0800, IPVersion: 4, TTL: 17, Protocol: 17, Src: a("10.0.0.1"), Dst: a("10.0.0.2"),
				IPLength: 32, FragID: 1, SrcPort: 49152, DstPort: 53, L3Offset: 72, L4Offset: 92,
				Tunnel: Tunnel{Type: TunnelVXLAN, Src: a("172.16.0.1"), Dst: a("172.16.0.2"), Protocol: 17, TTL: 64,
					SrcPort: 54321, DstPort: 4789, VNI: 5000, HasVNI: true, Offset: 50},
			},
		},
		{
			name:  "vxlan outer only",
			frame: cat(ethIPv4, outerVXLAN, ethQinQ, ipv4UDP, udp53),
			outer: true,
			want: Parsed{
				DstMAC: macDst, SrcMAC: macSrc, EtherType: 0x0800, IPVersion: 4, TTL: 64, Protocol: 17,
				Src: a("172.16.0.1"), Dst: a("172.16.0.2"), IPLength: 90, FragFlags: FragDontFragment,
				SrcPort: 54321, DstPort: 4789, L3Offset: 14, L4Offset: 34,
			},
		},
		{
			name:  "geneve",
			frame: cat(ethIPv4, outerGeneve, ethIPv6, ipv6SCTP, sctpHdr),
			want: Parsed{
				DstMAC: macDst, SrcMAC: macSrc, EtherType: 0x86dd, IPVersion: 6, TTL: 255, Protocol: 132,
				Src: a("::1"), Dst: a("::1"), IPLength: 52, SrcPort: 2905, DstPort: 2905, L3Offset: 68, L4Offset: 108,
				Tunnel: Tunnel{Type: TunnelGeneve, Src: a("172.16.0.1"), Dst: a("172.16.0.2"), Protocol: 17, TTL: 64,
					SrcPort: 54321, DstPort: 6081, VNI: 7, HasVNI: true, Offset: 54},
			},
		},
		{
			name:  "gre ipv4",
			frame: cat(ethIPv4, outerGRE, ipv4UDP, udp53),
			want: Parsed{
				DstMAC: macDst, SrcMAC: macSrc, EtherType: 0x0800, IPVersion: 4, TTL: 17, Protocol: 17,
				Src: a("10.0.0.1"), Dst: a("10.0.0.2"), IPLength: 32, FragID: 1, SrcPort: 49152, DstPort: 53,
				L3Offset: 42, L4Offset: 62,
				Tunnel: Tunnel{Type: TunnelGRE, Src: a("172.16.0.1"), Dst: a("172.16.0.2"), Protocol: 47, TTL: 64,
					VNI: 42, HasVNI: true, Offset: 42},
			},
		},
		{
			name: "gre with checksum and sequence, ipv6 inside",
			frame: cat(ethIPv4, []byte{
				0x45, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00, 0x00,
				0x40, 0x2f, 0x00, 0x00, // TTL 64, GRE
				172, 16, 0, 1,
				172, 16, 0, 2,
				0x90, 0x00, // flags: checksum and sequence present, no key
				0x86, 0xdd, // protocol IPv6
				0x00, 0x00, 0x00, 0x00, // checksum, reserved
				0x00, 0x00, 0x00, 0x07, // sequence
			}, ipv6SCTP, sctpHdr),
			want: Parsed{
				DstMAC: macDst, SrcMAC: macSrc, EtherType: 0x86dd, IPVersion: 6, TTL: 255, Protocol: 132,
				Src: a("::1"), Dst: a("::1"), IPLength: 52, SrcPort: 2905, DstPort: 2905, L3Offset: 46, L4Offset: 86,
				Tunnel: Tunnel{Type: TunnelGRE, Src: a("172.16.0.1"), Dst: a("172.16.0.2"), Protocol: 47, TTL: 64, Offset: 46},
			},
		},
		{
			name: "ipv6 authentication header",
			frame: cat(ethIPv6, []byte{
				0x60, 0x00, 0x00, 0x00, // version 6
				0x00, 0x24, // payload length
				0x33,                                                       // next header AH
				0x40,                                                       // hop limit
				0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, // src
				0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, // dst
				0x06, 0x04, 0x00, 0x00, // AH: next TCP, length 4 (24 bytes)
				0, 0, 0, 1, 0, 0, 0, 1, // SPI, sequence
				0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // ICV
			}, tcpSYN),
			want: Parsed{
				DstMAC: macDst, SrcMAC: macSrc, EtherType: 0x86dd, IPVersion: 6, TTL: 64, Protocol: 6,
				Src: a("2001:db8::1"), Dst: a("2001:db8::2"), IPLength: 76,
				SrcPort: 12345, DstPort: 80, TCPFlags: 0x102, L3Offset: 14, L4Offset: 78,
			},
		},
		{
			name: "arp",
			frame: cat([]byte{
				0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // dst broadcast
				0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, // src
				0x08, 0x06, // ARP
			}, make([]byte, 28)),
			want: Parsed{DstMAC: [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, SrcMAC: macSrc, EtherType: 0x0806},
		},
		{
			name: "llc snap ipv4",
			frame: cat([]byte{
				0x00, 0x00, 0x5e, 0x00, 0x53, 0x01, // dst
				0x00, 0x00, 0x5e, 0x00, 0x53, 0x02, // src
				0x00, 0x2e, // 802.3 length
				0xaa, 0xaa, 0x03, // LLC SNAP
				0x00, 0x00, 0x00, // OUI
				0x08, 0x00, // EtherType IPv4
			}, ipv4UDP, udp53),
			want: Parsed{
				DstMAC: macDst, SrcMAC: macSrc, EtherType: 0x0800, IPVersion: 4, TTL: 17, Protocol: 17,
				Src: a("10.0.0.1"), Dst: a("10.0.0.2"), IPLength: 32, FragID: 1, SrcPort: 49152, DstPort: 53,
				L3Offset: 22, L4Offset: 42,
			},
		},
		{
			name:  "empty",
			frame: nil,
			want:  Parsed{Truncated: true},
		},
		{
			name:  "cut in tcp header",
			frame: cat(ethIPv4, ipv4TCP, tcpSYN[:6]),
			want: Parsed{
				Truncated: true, DstMAC: macDst, SrcMAC: macSrc, EtherType: 0x0800,
				IPVersion: 4, TTL: 64, TOS: 0xb8, Protocol: 6, Src: a("192.0.2.1"), Dst: a("198.51.100.2"),
				IPLength: 44, FragFlags: FragDontFragment, FragID: 0x1234,
				SrcPort: 12345, DstPort: 80, L3Offset: 14, L4Offset: 38,
			},
		},
		{
			name:  "cut in ipv4 addresses",
			frame: cat(ethIPv4, ipv4UDP[:17]),
			want: Parsed{
				Truncated: true, DstMAC: macDst, SrcMAC: macSrc, EtherType: 0x0800,
				IPVersion: 4, TTL: 17, Protocol: 17, Src: a("10.0.0.1"), L3Offset: 14,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Parsed
			p.SrcPort = 999 // Decode must reset
			if tt.outer {
				p.DecodeOuter(tt.frame)
			} else {
				p.Decode(tt.frame)
			}
			tt.want.FrameLen = len(tt.frame)
			if diff := cmp.Diff(tt.want, p, cmp.Comparer(func(x, y netip.Addr) bool { return x == y })); diff != "" {
				t.Errorf("Decode(%x) mismatch (-want +got):\n%s", tt.frame, diff)
			}
		})
	}
}

func TestDecodeIP(t *testing.T) {
	var p Parsed
	p.DecodeIP(cat(ipv6SCTP, sctpHdr))
	if p.IPVersion != 6 || p.Protocol != ProtoSCTP || p.SrcPort != 2905 || p.L3Offset != 0 || p.L4Offset != 40 || p.Truncated {
		t.Errorf("DecodeIP = %+v", p)
	}
	p.DecodeIP(nil)
	if !p.Truncated {
		t.Errorf("DecodeIP(nil).Truncated = false, want true")
	}
}

var fixtures = map[string][]byte{
	"tcp4":   cat(ethIPv4, ipv4TCP, tcpSYN),
	"qinq":   cat(ethQinQ, ipv4UDP, udp53),
	"mpls":   cat(ethMPLS, ipv4UDP, udp53),
	"icmp6":  cat(ethIPv6, ipv6Ext, icmp6Echo),
	"sctp6":  cat(ethIPv6, ipv6SCTP, sctpHdr),
	"vxlan":  cat(ethIPv4, outerVXLAN, ethQinQ, ipv4UDP, udp53),
	"geneve": cat(ethIPv4, outerGeneve, ethIPv6, ipv6SCTP, sctpHdr),
	"gre":    cat(ethIPv4, outerGRE, ipv4UDP, udp53),
}

// TestTruncationSweep decodes every prefix of every fixture: no panic, and
// every proper prefix that cuts a header is flagged.
func TestTruncationSweep(t *testing.T) {
	for name, f := range fixtures {
		var full Parsed
		full.Decode(f)
		if full.Truncated {
			t.Fatalf("%s: full frame Truncated", name)
		}
		for i := range len(f) {
			var p Parsed
			p.Decode(f[:i])
			if !p.Truncated {
				t.Errorf("%s: Decode(frame[:%d]).Truncated = false, want true", name, i)
			}
			if p.FrameLen != i {
				t.Errorf("%s: FrameLen = %d, want %d", name, p.FrameLen, i)
			}
			// Fields read before the cut agree with the full decode.
			if i >= 12 && (p.DstMAC != full.DstMAC && p.Tunnel.Type == TunnelNone && full.Tunnel.Type == TunnelNone) {
				t.Errorf("%s[:%d]: DstMAC = %x, want %x", name, i, p.DstMAC, full.DstMAC)
			}
		}
	}
}

func TestHostile(t *testing.T) {
	// 100 VLAN tags, 100 MPLS labels without bottom of stack, a chain of
	// IPv6 extension headers, nested tunnels: bounded, no panic.
	eth := cat(ethIPv4[:12])
	var b []byte
	b = append(b, eth...)
	for range 100 {
		b = append(b, 0x81, 0x00, 0x00, 0x01)
	}
	b = append(b, 0x08, 0x00)
	var p Parsed
	p.Decode(b)
	if p.VLANTags != MaxVLANTags || p.IPVersion != 0 {
		t.Errorf("100 tags: VLANTags = %d, IPVersion = %d", p.VLANTags, p.IPVersion)
	}
	b = cat(ethMPLS[:14])
	for range 100 {
		b = append(b, 0, 0, 0, 64)
	}
	p.Decode(b)
	if p.MPLSCount != MaxMPLSLabels || p.IPVersion != 0 {
		t.Errorf("100 labels: MPLSCount = %d", p.MPLSCount)
	}
	v6 := cat(ethIPv6, ipv6SCTP)
	v6[14+6] = 60 // destination options chain
	for range 40 {
		v6 = append(v6, 60, 0, 1, 4, 0, 0, 0, 0)
	}
	p.Decode(v6)
	if p.L4Offset != 0 {
		t.Errorf("ext chain: L4Offset = %d", p.L4Offset)
	}
	// VXLAN in VXLAN in VXLAN: only MaxTunnelDepth levels.
	inner := cat(ethIPv4, ipv4UDP, udp53)
	for range 4 {
		inner = cat(ethIPv4, outerVXLAN, inner)
	}
	p.Decode(inner)
	if p.Tunnel.Type != TunnelVXLAN || p.Src != netip.MustParseAddr("172.16.0.1") {
		t.Errorf("nested vxlan: %+v", p)
	}
	// IHL below 5.
	bad := cat(ethIPv4, ipv4UDP, udp53)
	bad[14] = 0x42
	p.Decode(bad)
	if p.L4Offset != 0 || p.Src != netip.MustParseAddr("10.0.0.1") {
		t.Errorf("IHL 2: %+v", p)
	}
}

func decodeAll(tb testing.TB) {
	var p Parsed
	for _, f := range fixtures {
		p.Decode(f)
		p.DecodeOuter(f)
		p.DecodeIP(f[14:])
	}
}

func TestNoAllocs(t *testing.T) {
	tests := []struct {
		name string
		fn   func()
	}{
		{"Decode/all fixtures", func() { decodeAll(t) }},
		{"Decode/truncated", func() {
			var p Parsed
			p.Decode(fixtures["vxlan"][:60])
		}},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.fn); n != 0 {
			t.Errorf("%s: AllocsPerRun = %v, want 0", tt.name, n)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, name := range []string{"tcp4", "qinq", "mpls", "icmp6", "sctp6", "vxlan", "geneve", "gre"} {
		f := fixtures[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(f)))
			var p Parsed
			for b.Loop() {
				p.Decode(f)
			}
		})
	}
}
