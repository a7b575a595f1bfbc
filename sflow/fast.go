package sflow

import (
	"encoding/binary"
	"net/netip"
)

// Fast paths for the records of every flow sample (the slow, Reader-based
// decoders remain the reference and produce the errors). Each record with
// a hand-written fast decoder has a check, fastXOK, and a decoder, fastX,
// that may only be called on bytes the check accepted.

// fastSampledHeaderOK reports whether fastSampledHeader can decode b.
func fastSampledHeaderOK(b []byte) bool {
	if len(b) < 16 {
		return false
	}
	n := binary.BigEndian.Uint32(b[12:16])
	return uint64(n)+uint64(pad4u(n)) <= uint64(len(b)-16)
}

// fastSampledHeader decodes a record that fastSampledHeaderOK accepted.
func fastSampledHeader(b []byte) SampledHeader {
	h := (*[16]byte)(b[:16])
	n := binary.BigEndian.Uint32(h[12:16])
	return SampledHeader{
		Protocol:    HeaderProtocol(binary.BigEndian.Uint32(h[0:4])),
		FrameLength: binary.BigEndian.Uint32(h[4:8]),
		Stripped:    binary.BigEndian.Uint32(h[8:12]),
		Header:      b[16 : 16+n : 16+n],
	}
}

// fastExtendedRouterOK reports whether fastExtendedRouter can decode b:
// an IPv4 next hop and at least 16 bytes, or IPv6 and at least 28.
func fastExtendedRouterOK(b []byte) bool {
	if len(b) < 16 {
		return false
	}
	switch binary.BigEndian.Uint32(b[0:4]) {
	case addrIPv4:
		return true
	case addrIPv6:
		return len(b) >= 28
	}
	return false
}

// fastExtendedRouter decodes a record that fastExtendedRouterOK accepted.
func fastExtendedRouter(b []byte) ExtendedRouter {
	if binary.BigEndian.Uint32(b[0:4]) == addrIPv4 {
		h := (*[16]byte)(b[:16])
		return ExtendedRouter{
			NextHop:    netip.AddrFrom4([4]byte(h[4:8])),
			SrcMaskLen: binary.BigEndian.Uint32(h[8:12]),
			DstMaskLen: binary.BigEndian.Uint32(h[12:16]),
		}
	}
	h := (*[28]byte)(b[:28])
	return ExtendedRouter{
		NextHop:    netip.AddrFrom16([16]byte(h[4:20])),
		SrcMaskLen: binary.BigEndian.Uint32(h[20:24]),
		DstMaskLen: binary.BigEndian.Uint32(h[24:28]),
	}
}

func pad4u(n uint32) uint32 { return -n & 3 } // (4 - n%4) % 4
