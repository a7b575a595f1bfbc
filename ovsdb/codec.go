package ovsdb

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cenkalti/rpc2"

	"github.com/ovsflow/ovsflow/ovsdb/internal/jsonx"
)

// DefaultMaxMessageSize bounds one JSON-RPC message read from the server.
const DefaultMaxMessageSize = 512 << 20

const (
	readBufSize   = 64 << 10
	serverSeqBase = 1 << 62 // rpc2 sequence numbers given to server requests
)

var errMessageTooLarge = errors.New("ovsdb: message exceeds MaxMessageSize")

// params is the argument of every call we send: it renders its own JSON.
type params struct {
	appendJSON func(b []byte) ([]byte, error)
	deadline   time.Time
	seq        *uint64 // receives the wire id
}

// reply is the reply target of every call: the codec stores the raw result
// (aliasing a fresh message buffer) or the typed error.
type reply struct {
	result   []byte
	err      error
	onResult func(raw []byte, e *Error) // runs on the read goroutine, in wire order
}

// codec is our rpc2.Codec: concatenated-JSON framing, one decode per
// message, object-shaped errors turned into *Error (never fatal), write
// deadlines, synthetic replies for cancelled calls.
type codec struct {
	conn    io.ReadWriteCloser
	maxSize int
	stats   *counters

	cancels chan uint64
	done    chan struct{}
	once    sync.Once

	// frame reader state, only touched by the rpc2 read goroutine
	rbuf          []byte
	rstart, rscan int
	rsc           frameScanner
	interruptible bool // conn's reads can be interrupted by a deadline

	lastRead atomic.Int64 // unix nanos

	// current message, only touched by the rpc2 read goroutine
	cur        []byte
	curParams  []byte
	curResult  []byte
	curErr     []byte
	curCancel  bool
	curRequest bool

	mu        sync.Mutex
	serverIDs map[uint64][]byte
	nextSrv   uint64

	wmu     sync.Mutex
	wbuf    []byte
	wtimout time.Duration
}

type deadliner interface {
	SetWriteDeadline(time.Time) error
}

func newCodec(conn io.ReadWriteCloser, maxSize int, writeTimeout time.Duration, st *counters) *codec {
	if maxSize <= 0 {
		maxSize = DefaultMaxMessageSize
	}
	c := &codec{
		conn:      conn,
		maxSize:   maxSize,
		stats:     st,
		cancels:   make(chan uint64, 64),
		done:      make(chan struct{}),
		serverIDs: make(map[uint64][]byte),
		nextSrv:   serverSeqBase,
		wtimout:   writeTimeout,
	}
	c.lastRead.Store(time.Now().UnixNano())
	c.rbuf = make([]byte, 0, readBufSize)
	switch conn.(type) {
	case *net.UnixConn, *net.TCPConn, *tls.Conn:
		// Their reads return a recoverable timeout error at a deadline
		// (crypto/tls keeps its state on a temporary error).
		c.interruptible = true
	}
	return c
}

// nextFrame returns the next complete top-level JSON value of the stream.
// It reads from the connection as needed; the returned slice is never
// reused by the codec.
func (c *codec) nextFrame() ([]byte, error) {
	for {
		for c.rscan < len(c.rbuf) {
			end, err := c.rsc.feed(c.rbuf[c.rstart:], c.rscan-c.rstart)
			if err != nil {
				return nil, err
			}
			if end < 0 {
				c.rscan = len(c.rbuf)
				break
			}
			var msg []byte
			if end >= readBufSize/2 {
				// Large message: hand the buffer itself over (no copy) and
				// continue in a fresh one with whatever follows.
				msg = c.rbuf[c.rstart : c.rstart+end : c.rstart+end]
				rest := c.rbuf[c.rstart+end:]
				nb := make([]byte, len(rest), max(readBufSize, len(rest)))
				copy(nb, rest)
				c.rbuf, c.rstart = nb, 0
			} else {
				msg = make([]byte, end)
				copy(msg, c.rbuf[c.rstart:c.rstart+end])
				c.rstart += end
			}
			c.rsc = frameScanner{}
			for c.rstart < len(c.rbuf) && isJSONSpace(c.rbuf[c.rstart]) {
				c.rstart++
			}
			c.rscan = c.rstart
			c.stats.bytesIn.Add(uint64(len(msg)))
			return msg, nil
		}
		// compact
		if c.rstart > 0 {
			n := copy(c.rbuf, c.rbuf[c.rstart:])
			c.rbuf = c.rbuf[:n]
			c.rscan -= c.rstart
			c.rstart = 0
		}
		if len(c.rbuf) == cap(c.rbuf) {
			if cap(c.rbuf) >= c.maxSize {
				return nil, errMessageTooLarge
			}
			nb := make([]byte, len(c.rbuf), min(2*cap(c.rbuf), c.maxSize))
			copy(nb, c.rbuf)
			c.rbuf = nb
		} else if cap(c.rbuf) > 4*readBufSize && len(c.rbuf) < readBufSize/2 {
			nb := make([]byte, len(c.rbuf), readBufSize)
			copy(nb, c.rbuf)
			c.rbuf = nb
		}
		n, err := c.conn.Read(c.rbuf[len(c.rbuf):cap(c.rbuf)])
		if n > 0 {
			c.lastRead.Store(time.Now().UnixNano())
			c.rbuf = c.rbuf[:len(c.rbuf)+n]
		}
		if err != nil {
			if len(c.rbuf) > 0 && err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
	}
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// frameScanner finds the end of one top-level JSON object or array,
// resumably across reads.
type frameScanner struct {
	depth   int
	inStr   bool
	esc     bool
	started bool
}

// feed scans b from offset from; it returns the length of the complete
// value in b, or -1 if more input is needed.
func (s *frameScanner) feed(b []byte, from int) (int, error) {
	for i := from; i < len(b); i++ {
		ch := b[i]
		if s.inStr {
			switch {
			case s.esc:
				s.esc = false
			case ch == '\\':
				s.esc = true
			case ch == '"':
				s.inStr = false
			}
			continue
		}
		if !s.started {
			if isJSONSpace(ch) {
				continue
			}
			if ch != '{' && ch != '[' {
				return 0, &DecodeError{What: "message framing", Offset: i, Err: jsonx.ErrSyntax}
			}
			s.started = true
		}
		switch ch {
		case '"':
			s.inStr = true
		case '{', '[':
			s.depth++
			if s.depth > jsonx.MaxDepth {
				return 0, &DecodeError{What: "message framing", Offset: i, Err: jsonx.ErrDepth}
			}
		case '}', ']':
			s.depth--
			if s.depth == 0 {
				return i + 1, nil
			}
		}
	}
	return -1, nil
}

func (c *codec) ReadHeader(req *rpc2.Request, resp *rpc2.Response) error {
	for {
		// Cancelled calls first: a synthetic reply makes rpc2 forget them.
		select {
		case seq := <-c.cancels:
			resp.Seq = seq
			c.curCancel = true
			c.curRequest = false
			return nil
		default:
		}
		msg, err := c.nextFrame()
		if err != nil {
			var ne net.Error
			if c.interruptible && errors.As(err, &ne) && ne.Timeout() {
				// Interrupted by cancel(): clear the deadline, loop.
				_ = c.conn.(interface{ SetReadDeadline(time.Time) error }).SetReadDeadline(time.Time{})
				continue
			}
			return err
		}
		c.curCancel = false
		ok, err := c.parse(msg, req, resp)
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
	}
}

// parse reads the envelope of one message. Values are located, not decoded:
// the body is decoded once, by whoever consumes it.
func (c *codec) parse(b []byte, req *rpc2.Request, resp *rpc2.Response) (bool, error) {
	c.stats.messagesIn.Add(1)
	d := jsonx.NewDecoder(b)
	if !d.BeginObject() {
		return false, &DecodeError{What: "message", Err: jsonx.ErrType}
	}
	var id, method []byte
	c.cur, c.curParams, c.curResult, c.curErr = b, nil, nil, nil
	for d.More() {
		k := d.Key()
		v := d.Skip()
		switch string(k) {
		case "id":
			id = v
		case "method":
			method = v
		case "params":
			c.curParams = v
		case "result":
			c.curResult = v
		case "error":
			c.curErr = v
		}
	}
	if err := d.End(); err != nil {
		return false, decodeErr("message", d, err)
	}
	if method != nil {
		md := jsonx.NewDecoder(method)
		m := md.StringBytes()
		if md.Err() != nil {
			return false, decodeErr("message method", md, md.Err())
		}
		req.Method = string(m)
		c.curRequest = true
		if id == nil || string(id) == "null" {
			req.Seq = 0
			c.stats.notifications.Add(1)
			return true, nil
		}
		c.mu.Lock()
		c.nextSrv++
		req.Seq = c.nextSrv
		c.serverIDs[req.Seq] = id
		c.mu.Unlock()
		return true, nil
	}
	c.curRequest = false
	seq, err := strconv.ParseUint(string(id), 10, 64)
	if err != nil || seq == 0 || seq >= serverSeqBase {
		// A reply we can't match (e.g. to an id we never sent): drop it.
		return false, nil
	}
	resp.Seq = seq
	resp.Error = ""
	return true, nil
}

func (c *codec) ReadRequestBody(x any) error {
	defer c.release()
	if p, ok := x.(*[]byte); ok && p != nil {
		if c.curParams == nil {
			*p = []byte("[]")
		} else {
			*p = c.curParams
		}
	}
	return nil
}

// release drops the references to the current message so that a large
// reply is not kept alive until the next message arrives.
func (c *codec) release() {
	c.cur, c.curParams, c.curResult, c.curErr = nil, nil, nil, nil
}

func (c *codec) ReadResponseBody(x any) error {
	defer c.release()
	r, ok := x.(*reply)
	if !ok || r == nil {
		return nil
	}
	if c.curCancel {
		r.err = context.Canceled
		return nil
	}
	if c.curErr != nil && string(c.curErr) != "null" {
		d := jsonx.NewDecoder(c.curErr)
		e, err := decodeRPCError(d)
		if err != nil {
			r.err = err
		} else {
			r.err = e
		}
		if r.onResult != nil {
			r.onResult(nil, e)
		}
		return nil
	}
	r.result = c.curResult
	if r.result == nil {
		r.result = []byte("null")
	}
	if r.onResult != nil {
		r.onResult(r.result, nil)
	}
	return nil
}

func (c *codec) write(deadline time.Time, fill func(b []byte) ([]byte, error)) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	b, err := fill(c.wbuf[:0])
	if err != nil {
		return err
	}
	if cap(b) <= 1<<20 {
		c.wbuf = b[:0]
	} else {
		c.wbuf = nil
	}
	if dl, ok := c.conn.(deadliner); ok {
		if deadline.IsZero() && c.wtimout > 0 {
			deadline = time.Now().Add(c.wtimout)
		}
		_ = dl.SetWriteDeadline(deadline)
	}
	_, err = c.conn.Write(b)
	if err == nil {
		c.stats.bytesOut.Add(uint64(len(b)))
		c.stats.messagesOut.Add(1)
	}
	return err
}

func (c *codec) WriteRequest(r *rpc2.Request, x any) error {
	p, ok := x.(*params)
	if !ok {
		return errors.New("ovsdb: codec: unexpected request body")
	}
	if p.seq != nil {
		*p.seq = r.Seq
	}
	return c.write(p.deadline, func(b []byte) ([]byte, error) {
		b = append(b, `{"id":`...)
		if r.Seq == 0 {
			b = append(b, "null"...)
		} else {
			b = strconv.AppendUint(b, r.Seq, 10)
		}
		b = append(b, `,"method":`...)
		b = jsonx.AppendString(b, r.Method)
		b = append(b, `,"params":`...)
		var err error
		if b, err = p.appendJSON(b); err != nil {
			return b, err
		}
		return append(b, '}'), nil
	})
}

func (c *codec) WriteResponse(r *rpc2.Response, x any) error {
	c.mu.Lock()
	id, ok := c.serverIDs[r.Seq]
	delete(c.serverIDs, r.Seq)
	c.mu.Unlock()
	if !ok {
		return nil // a notification: no response
	}
	return c.write(time.Time{}, func(b []byte) ([]byte, error) {
		b = append(b, `{"id":`...)
		b = append(b, id...)
		if r.Error != "" {
			b = append(b, `,"result":null,"error":`...)
			b = jsonx.AppendString(b, r.Error)
			return append(b, '}'), nil
		}
		b = append(b, `,"result":`...)
		if p, ok := x.(*[]byte); ok && p != nil && *p != nil {
			b = append(b, *p...)
		} else {
			b = append(b, "null"...)
		}
		return append(b, `,"error":null}`...), nil
	})
}

// cancel makes rpc2 drop the pending call seq by injecting a synthetic
// reply; a real reply arriving later is discarded.
func (c *codec) cancel(seq uint64) {
	select {
	case c.cancels <- seq:
	case <-c.done:
		return
	}
	if c.interruptible {
		// Wake the reader; a connection whose reads can't be interrupted
		// processes the cancel when its next message arrives.
		_ = c.conn.(interface{ SetReadDeadline(time.Time) error }).SetReadDeadline(time.Unix(1, 0))
	}
}

func (c *codec) Close() error {
	var err error
	c.once.Do(func() {
		close(c.done)
		err = c.conn.Close()
	})
	return err
}

// wait is kept for symmetry with Close; the codec owns no goroutine.
func (c *codec) wait() {}
