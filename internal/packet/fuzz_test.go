package packet

import "testing"

// FuzzDecode checks that no input panics, that Decode is deterministic and
// resets its value, and that offsets stay within the frame.
func FuzzDecode(f *testing.F) {
	for _, fr := range fixtures {
		f.Add(fr)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var p, q Parsed
		p.Decode(b)
		q.SrcPort, q.VLANID, q.Truncated = 1, 2, true
		q.Decode(b)
		if p != q {
			t.Fatalf("Decode not deterministic:\n%+v\n%+v", p, q)
		}
		if p.FrameLen != len(b) || p.L3Offset > len(b) || p.L4Offset > len(b) || p.Tunnel.Offset > len(b) {
			t.Fatalf("offsets out of range: %+v (len %d)", p, len(b))
		}
		if p.L4Offset != 0 && p.L4Offset < p.L3Offset {
			t.Fatalf("L4Offset %d < L3Offset %d", p.L4Offset, p.L3Offset)
		}
		p.DecodeOuter(b)
		if p.Tunnel.Type != TunnelNone {
			t.Fatalf("DecodeOuter set Tunnel %+v", p.Tunnel)
		}
		p.DecodeIP(b)
		checkIPv4Fast(t, b)
	})
}
