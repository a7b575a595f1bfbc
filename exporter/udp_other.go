//go:build !unix

package exporter

import (
	"net"
	"time"
)

// udpWriter sends on a connected UDP socket. Off Unix it cannot bypass the
// runtime poller, so it sets a short write deadline instead.
type udpWriter struct{ conn *net.UDPConn }

func newUDPWriter(c *net.UDPConn) (*udpWriter, error) { return &udpWriter{conn: c}, nil }

// Write sends b as one datagram.
func (u *udpWriter) Write(b []byte) (int, error) {
	u.conn.SetWriteDeadline(time.Now().Add(time.Millisecond))
	return u.conn.Write(b)
}

// Close closes the socket.
func (u *udpWriter) Close() error { return u.conn.Close() }
