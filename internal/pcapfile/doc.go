// Package pcapfile reads classic pcap and pcapng capture files, one packet
// at a time and without allocating per packet, and finds the UDP datagram
// in a captured frame. It serves the example programs that replay captures
// (examples/ovsreplay) and decode captured flow exports (examples/flowdump).
//
//	r, err := pcapfile.NewReader(f) // pcap or pcapng, chosen by the magic number
//	if err != nil {
//		return err
//	}
//	for {
//		p, err := r.Next()
//		if err == io.EOF {
//			break
//		}
//		if err != nil {
//			return err // a *pcapfile.ParseError naming the field and offset
//		}
//		if src, _, payload, ok := pcapfile.UDPPayload(p.LinkType, p.Data); ok {
//			handle(src, p.Time, payload)
//		}
//	}
//
// # Formats
//
// Classic pcap files are read in either byte order, with microsecond
// (0xa1b2c3d4) or nanosecond (0xa1b23c4d) timestamps. pcapng files may hold
// several sections, each in its own byte order; interface description
// blocks give each packet its link type and interface name (if_name), and
// its timestamp resolution (if_tsresol, a power of 10 or of 2) and offset
// (if_tsoffset). Enhanced, simple and obsolete packet blocks are returned;
// other blocks are skipped by their length without being buffered.
// Leading and trailing block lengths must agree.
//
// # Allocation and aliasing
//
// [Packet.Data] aliases a buffer the Reader reuses: it is valid until the
// next call of [Reader.Next]. Once that buffer has grown to the largest
// packet, Next does not allocate; [UDPPayload] never does, and its payload
// aliases the frame.
//
// # Limits
//
// Lengths read from the file are checked before they size anything: a
// packet's captured length or an interface description block above
// [Config.MaxRecord] (256 KiB by default) is an error wrapping [ErrLimit],
// as are more than [Config.MaxInterfaces] interfaces in a section and an
// if_name longer than [MaxInterfaceName]. Memory is therefore bounded by
// the input buffer ([Config.BufferSize]), MaxRecord and MaxInterfaces
// interface descriptions, whatever the input.
//
// # Errors
//
// Errors are [*ParseError] values (internal/wire's type) giving the
// offset in the file and the field, wrapping [ErrTruncated] when the file
// ends inside a record, [ErrVersion] for a file that is not a capture or
// of an unknown major version, [ErrMalformed] or [ErrLimit]. A file that
// ends exactly after a record ends with io.EOF. Errors are sticky.
//
// # Concurrency
//
// A Reader is used by one goroutine at a time; UDPPayload is a pure
// function.
package pcapfile
