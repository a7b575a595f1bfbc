package ovsdb

import (
	"bytes"
	"io"
	"net"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ovsflow/ovsflow/ovsdb/internal/jsonx"
)

// fakeServer is a scripted in-process JSON-RPC peer, used where a real
// ovsdb-server can't be made to produce a condition on demand (a server
// without monitor_cond_since, a stale cluster member, a dead peer…).
type fakeServer struct {
	t      *testing.T
	ln     net.Listener
	handle func(fc *fakeConn, method string, id, params []byte)
	mu     sync.Mutex
	conns  []*fakeConn
	wg     sync.WaitGroup
}

type fakeConn struct {
	c  net.Conn
	mu sync.Mutex
}

func (fc *fakeConn) send(s string) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	_, _ = io.WriteString(fc.c, s)
}

// reply sends {"id":id,"result":result,"error":null}.
func (fc *fakeConn) reply(id []byte, result string) {
	fc.send(`{"id":` + string(id) + `,"result":` + result + `,"error":null}`)
}

// fail sends {"id":id,"result":null,"error":errJSON}.
func (fc *fakeConn) fail(id []byte, errJSON string) {
	fc.send(`{"id":` + string(id) + `,"result":null,"error":` + errJSON + `}`)
}

func newFakeServer(t *testing.T, handle func(fc *fakeConn, method string, id, params []byte)) *fakeServer {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fake.sock")
	ln, err := net.Listen("unix", path)
	if err != nil {
		t.Fatal(err)
	}
	s := &fakeServer{t: t, ln: ln, handle: handle}
	s.wg.Add(1)
	go s.accept()
	t.Cleanup(s.close)
	return s
}

func (s *fakeServer) endpoint() string { return "unix:" + s.ln.Addr().String() }

func (s *fakeServer) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		fc := &fakeConn{c: c}
		s.mu.Lock()
		s.conns = append(s.conns, fc)
		s.mu.Unlock()
		s.wg.Add(1)
		go s.serve(fc)
	}
}

func (s *fakeServer) serve(fc *fakeConn) {
	defer s.wg.Done()
	defer fc.c.Close()
	var buf []byte
	tmp := make([]byte, 4096)
	for {
		n, err := fc.c.Read(tmp)
		if err != nil {
			return
		}
		buf = append(buf, tmp[:n]...)
		for {
			var sc frameScanner
			end, err := sc.feed(buf, 0)
			if err != nil || end < 0 {
				break
			}
			msg := buf[:end]
			buf = bytes.Clone(buf[end:])
			d := jsonx.NewDecoder(msg)
			var method, id, params, result []byte
			d.BeginObject()
			for d.More() {
				k := string(d.Key())
				v := d.Skip()
				switch k {
				case "method":
					method = v
				case "id":
					id = v
				case "params":
					params = v
				case "result":
					result = v
				}
			}
			if method == nil {
				_ = result // a reply to our own request (echo)
				s.handle(fc, "", id, result)
				continue
			}
			m := jsonx.NewDecoder(method).String()
			if m == "echo" && s.handle == nil {
				fc.reply(id, string(params))
				continue
			}
			s.handle(fc, m, id, params)
		}
	}
}

// dropAll closes every accepted connection.
func (s *fakeServer) dropAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, fc := range s.conns {
		fc.c.Close()
	}
	s.conns = nil
}

func (s *fakeServer) close() {
	s.ln.Close()
	s.dropAll()
	s.wg.Wait()
}

// minimalSchema is a one-table schema for scripted servers.
const minimalSchema = `{"name":"DB","version":"1.0.0","cksum":"1 2","tables":{"T":{"columns":{"n":{"type":"integer"},"s":{"type":{"key":"string","min":0,"max":"unlimited"}}}}}}`
