// Package packet decodes the headers of a sampled packet (an sFlow sampled
// header, a frame handed to the exporter) into a caller-owned [Parsed]
// value without allocating.
//
// It understands Ethernet (and 802.3 LLC/SNAP), 802.1Q and 802.1ad/QinQ
// tags, MPLS label stacks, IPv4 with options and fragments, IPv6 with
// extension headers, TCP, UDP, SCTP, ICMP and ICMPv6, and descends into
// VXLAN, Geneve and GRE encapsulations.
//
//	var p packet.Parsed
//	for _, frame := range frames {
//		p.Decode(frame)
//		if p.Truncated {
//			// fields after the cut are zero
//		}
//		use(p.Src, p.Dst, p.Protocol, p.SrcPort, p.DstPort)
//	}
//
// # Truncation
//
// Sampled headers are cut (OVS sends the first 128 bytes). Decode never
// fails: what is present is returned and Parsed.Truncated reports that a
// header was cut short. Unknown EtherTypes and protocols end the walk
// without being an error.
//
// # Allocation and aliasing
//
// Decode does not allocate and Parsed holds no slices: nothing aliases the
// frame after Decode returns. Parsed is comparable.
//
// # Concurrency
//
// A Parsed is a plain value; use one per goroutine.
package packet
