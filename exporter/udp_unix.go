//go:build unix

package exporter

import (
	"net"
	"syscall"
)

// udpWriter sends on a connected UDP socket without ever waiting: a full
// socket buffer or an ICMP error reported by the kernel makes Write fail at
// once (EAGAIN, ECONNREFUSED), like OVS's non-blocking sockets. It does not
// allocate.
type udpWriter struct {
	conn *net.UDPConn
	raw  syscall.RawConn
	fn   func(fd uintptr) bool
	buf  []byte
	n    int
	err  error
}

func newUDPWriter(c *net.UDPConn) (*udpWriter, error) {
	raw, err := c.SyscallConn()
	if err != nil {
		c.Close()
		return nil, err
	}
	u := &udpWriter{conn: c, raw: raw}
	u.fn = u.write
	return u, nil
}

func (u *udpWriter) write(fd uintptr) bool {
	u.n, u.err = syscall.Write(int(fd), u.buf)
	return true // never wait for the socket to become writable
}

// Write sends b as one datagram.
func (u *udpWriter) Write(b []byte) (int, error) {
	u.buf = b
	err := u.raw.Write(u.fn)
	u.buf = nil
	if err != nil {
		return 0, err
	}
	if u.err != nil {
		return 0, u.err
	}
	return u.n, nil
}

// Close closes the socket.
func (u *udpWriter) Close() error { return u.conn.Close() }
