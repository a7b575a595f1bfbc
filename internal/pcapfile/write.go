package pcapfile

import (
	"encoding/binary"
	"time"
)

// AppendHeader appends a classic little-endian, microsecond pcap file
// header (version 2.4) with the given link type and snapshot length, for
// tests and tools that write captures.
func AppendHeader(b []byte, linkType LinkType, snaplen uint32) []byte {
	le := binary.LittleEndian
	b = le.AppendUint32(b, 0xa1b2c3d4)
	b = le.AppendUint16(b, 2)
	b = le.AppendUint16(b, 4)
	b = le.AppendUint32(b, 0) // thiszone
	b = le.AppendUint32(b, 0) // sigfigs
	b = le.AppendUint32(b, snaplen)
	return le.AppendUint32(b, uint32(linkType))
}

// AppendRecord appends one record of a file started by [AppendHeader]:
// time t (microsecond resolution) and the whole frame.
func AppendRecord(b []byte, t time.Time, frame []byte) []byte {
	le := binary.LittleEndian
	b = le.AppendUint32(b, uint32(t.Unix()))
	b = le.AppendUint32(b, uint32(t.Nanosecond()/1000))
	b = le.AppendUint32(b, uint32(len(frame)))
	b = le.AppendUint32(b, uint32(len(frame)))
	return append(b, frame...)
}
