package packet

import (
	"math/rand/v2"
	"testing"
)

// checkIPv4Fast checks that an untagged IPv4 frame, which Decode may take
// through ipv4Fast, decodes exactly as the general path decodes its IP
// packet (DecodeIP never takes the fast path), offsets shifted by the
// Ethernet header.
func checkIPv4Fast(t *testing.T, b []byte) {
	t.Helper()
	if len(b) < 14 || b[12] != 0x08 || b[13] != 0x00 {
		return
	}
	var got, want Parsed
	got.Decode(b)
	want.DecodeIP(b[14:])
	want.FrameLen = len(b)
	if want.L3Offset != 0 || want.IPVersion != 0 {
		want.L3Offset += 14
	}
	if want.L4Offset != 0 {
		want.L4Offset += 14
	}
	if want.Tunnel.Type != TunnelNone {
		want.Tunnel.Offset += 14
		// An IP packet in GRE or Geneve keeps the outer MACs, an
		// encapsulated Ethernet frame has its own (DecodeIP leaves them
		// zero when it has none): either may be right.
		if got.DstMAC == [6]byte(b[0:6]) && got.SrcMAC == [6]byte(b[6:12]) {
			want.DstMAC, want.SrcMAC = got.DstMAC, got.SrcMAC
		}
	} else {
		want.DstMAC, want.SrcMAC, want.EtherType = [6]byte(b[0:6]), [6]byte(b[6:12]), EtherTypeIPv4
	}
	if len(b) == 14 {
		want.Truncated = true
	}
	if got != want {
		t.Fatalf("frame % x:\nDecode   %+v\nDecodeIP %+v", b, got, want)
	}
}

func TestIPv4FastPath(t *testing.T) {
	base := []byte{
		0, 0, 0x5e, 0, 0x53, 1, 0, 0, 0x5e, 0, 0x53, 2, 0x08, 0x00,
		0x45, 0x10, 0x05, 0xdc, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0, 0,
		192, 0, 2, 1, 198, 51, 100, 2,
		0x30, 0x39, 0x01, 0xbb, 0, 0, 0, 1, 0, 0, 0, 0, 0x51, 0x18, 0xff, 0xff, 0, 0, 0, 0,
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
	}
	for _, fr := range fixtures {
		checkIPv4Fast(t, fr)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := append([]byte(nil), base...)
		// Mutate the IP and transport headers: version/IHL, flags and
		// fragment offset, protocol, TCP data offset, and the length.
		for range 1 + rng.IntN(3) {
			switch rng.IntN(6) {
			case 0:
				b[14] = []byte{0x45, 0x46, 0x44, 0x65, 0x4f}[rng.IntN(5)]
			case 1:
				b[20], b[21] = byte(rng.IntN(256)), byte(rng.IntN(256))
			case 2:
				b[23] = []byte{6, 17, 1, 47, 132, 58, 0}[rng.IntN(7)]
			case 3:
				b[46] = byte(rng.IntN(256))
			case 4:
				b[36], b[37] = []byte{0x12, 0x17, 0x12}[rng.IntN(3)], []byte{0xb5, 0xc1, 0x34}[rng.IntN(3)] // VXLAN, Geneve ports
			case 5:
				b[14+rng.IntN(len(b)-14)] = byte(rng.IntN(256))
			}
		}
		b = b[:rng.IntN(len(b)+1)]
		checkIPv4Fast(t, b)
	}
}
