package sflow

import (
	"encoding/binary"
	"net/netip"
)

// Fast paths for the records of every flow sample (the slow, Reader-based
// decoders remain the reference and produce the errors).

func fastSampledHeader(b []byte) (SampledHeader, bool) {
	if len(b) < 16 {
		return SampledHeader{}, false
	}
	n := binary.BigEndian.Uint32(b[12:16])
	if uint64(n)+uint64(pad4u(n)) > uint64(len(b)-16) {
		return SampledHeader{}, false
	}
	return SampledHeader{
		Protocol:    HeaderProtocol(binary.BigEndian.Uint32(b[0:4])),
		FrameLength: binary.BigEndian.Uint32(b[4:8]),
		Stripped:    binary.BigEndian.Uint32(b[8:12]),
		Header:      b[16 : 16+n : 16+n],
	}, true
}

func fastExtendedRouter(b []byte) (ExtendedRouter, bool) {
	if len(b) < 16 {
		return ExtendedRouter{}, false
	}
	var v ExtendedRouter
	switch binary.BigEndian.Uint32(b) {
	case addrIPv4:
		v.NextHop = netip.AddrFrom4([4]byte(b[4:8]))
		b = b[8:]
	case addrIPv6:
		if len(b) < 28 {
			return ExtendedRouter{}, false
		}
		v.NextHop = netip.AddrFrom16([16]byte(b[4:20]))
		b = b[20:]
	default:
		return ExtendedRouter{}, false
	}
	if len(b) < 8 {
		return ExtendedRouter{}, false
	}
	v.SrcMaskLen = binary.BigEndian.Uint32(b)
	v.DstMaskLen = binary.BigEndian.Uint32(b[4:])
	return v, true
}

func pad4u(n uint32) uint32 { return -n & 3 } // (4 - n%4) % 4
