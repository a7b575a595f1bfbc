package ipfix

import "encoding/binary"

// PutTo writes h, as it is (Version and Length included), over the first
// [HeaderLen] bytes of msg and reports whether msg had room for it. It
// back-patches the header of a message encoded earlier, such as a
// template message built once with a [Builder] and sent again with a new
// export time, sequence number or observation domain:
//
//	h := ipfix.Header{Version: ipfix.Version, Length: uint16(len(msg)), ExportTime: now, SequenceNumber: seq, ObservationDomainID: domain}
//	h.PutTo(msg)
func (h Header) PutTo(msg []byte) bool {
	if len(msg) < HeaderLen {
		return false
	}
	binary.BigEndian.PutUint16(msg[0:], h.Version)
	binary.BigEndian.PutUint16(msg[2:], h.Length)
	binary.BigEndian.PutUint32(msg[4:], h.ExportTime)
	binary.BigEndian.PutUint32(msg[8:], h.SequenceNumber)
	binary.BigEndian.PutUint32(msg[12:], h.ObservationDomainID)
	return true
}
