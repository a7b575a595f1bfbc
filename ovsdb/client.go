package ovsdb

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cenkalti/rpc2"

	"github.com/ovsflow/ovsflow/ovsdb/internal/jsonx"
)

// Config configures a [Client]. The zero value is usable; each field
// documents its default.
type Config struct {
	// Logger receives connection events and schema warnings. Default: discard.
	Logger *slog.Logger
	// TLSConfig is used for ssl: endpoints. When nil, one is built from
	// CertFile, KeyFile and CAFile (the files ovsdb-server's
	// --private-key/--certificate/--ca-cert options take).
	TLSConfig                 *tls.Config
	CertFile, KeyFile, CAFile string
	// DialTimeout bounds one connection attempt. Default 5s.
	DialTimeout time.Duration
	// WriteTimeout bounds a write when the call's context has no deadline.
	// Default 10s.
	WriteTimeout time.Duration
	// NoReconnect disables reconnection after the connection is lost
	// (Dial only; a Client made by New never reconnects).
	NoReconnect bool
	// MinBackoff and MaxBackoff bound the reconnect delay, which doubles
	// from MinBackoff up to MaxBackoff (with jitter). Defaults 100ms and 8s.
	MinBackoff, MaxBackoff time.Duration
	// InactivityProbe sends an echo after this long without input and drops
	// the connection if it is not answered within the same time. 0 disables.
	InactivityProbe time.Duration
	// NoShuffle keeps endpoints in the given order instead of shuffling them.
	NoShuffle bool
	// LeaderOnly accepts only a server that is the leader of every
	// clustered database it serves (checked through the _Server database),
	// and a server whose index is not older than one already seen.
	LeaderOnly bool
	// MaxMessageSize bounds one message from the server. Default 512 MiB.
	MaxMessageSize int
	// NoValidate disables client-side validation of transaction values
	// against the server schema.
	NoValidate bool
	// OnLockChange, when set, is called (on the notification goroutine, in
	// order) when a lock is acquired ("locked") or stolen.
	OnLockChange func(name string, owned bool)
	// OnConnect, when set, is called (on the notification goroutine) after
	// each connection made by Dial (first or re-) has been fully set up,
	// with the endpoint.
	OnConnect func(endpoint string)
}

func (c *Config) defaults() {
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.DialTimeout <= 0 {
		c.DialTimeout = 5 * time.Second
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = 10 * time.Second
	}
	if c.MinBackoff <= 0 {
		c.MinBackoff = 100 * time.Millisecond
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = 8 * time.Second
	}
	if c.MaxBackoff < c.MinBackoff {
		c.MaxBackoff = c.MinBackoff
	}
}

// Client is a connection to an OVSDB server. It is safe for concurrent use.
// Every method takes a context and stops waiting when it is done.
type Client struct {
	cfg       Config
	log       *slog.Logger
	endpoints []string
	canRedial bool
	stats     counters
	q         *queue

	mu       sync.Mutex
	sess     *session
	up       chan struct{} // closed while a session is usable
	closed   bool
	closeCh  chan struct{}
	monitors []*Monitor
	locks    map[string]bool // requested locks → owned
	schemas  map[string]*Schema
	methods  int // best monitor method the current server supports
	minIndex uint64
	wg       sync.WaitGroup
	monSeq   atomic.Uint64
}

type session struct {
	conn     io.ReadWriteCloser
	codec    *codec
	rpc      *rpc2.Client
	done     chan struct{}
	endpoint string
}

// Dial connects to the first reachable endpoint ("unix:PATH",
// "tcp:HOST:PORT", "ssl:HOST:PORT"; shuffled unless cfg.NoShuffle) and,
// unless cfg.NoReconnect, reconnects with capped exponential backoff when the
// connection is lost, re-establishing monitors (resuming with
// monitor_cond_since where possible) and locks.
func Dial(ctx context.Context, endpoints []string, cfg *Config) (*Client, error) {
	if len(endpoints) == 0 {
		return nil, errors.New("ovsdb: no endpoints")
	}
	for _, ep := range endpoints {
		if _, _, err := parseEndpoint(ep); err != nil {
			return nil, err
		}
	}
	c := newClient(cfg)
	c.endpoints = append([]string(nil), endpoints...)
	c.canRedial = !c.cfg.NoReconnect
	if c.cfg.LeaderOnly {
		c.monitors = append(c.monitors, c.newServerWatch())
	}
	if err := c.connect(ctx); err != nil {
		c.q.close()
		return nil, err
	}
	if c.canRedial {
		c.wg.Add(1)
		go c.supervise()
	}
	return c, nil
}

// New returns a client speaking over conn, which it owns. It does not
// reconnect. It is meant for tests and custom transports.
func New(conn io.ReadWriteCloser, cfg *Config) *Client {
	c := newClient(cfg)
	s := c.newSession(conn, "conn")
	c.mu.Lock()
	c.sess = s
	close(c.up)
	c.mu.Unlock()
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		<-s.done
		c.mu.Lock()
		if c.sess == s {
			c.up = make(chan struct{})
		}
		c.mu.Unlock()
	}()
	return c
}

func newClient(cfg *Config) *Client {
	c := &Client{
		up:      make(chan struct{}),
		closeCh: make(chan struct{}),
		locks:   make(map[string]bool),
		schemas: make(map[string]*Schema),
	}
	if cfg != nil {
		c.cfg = *cfg
	}
	c.cfg.defaults()
	c.log = c.cfg.Logger
	c.q = newQueue()
	return c
}

func parseEndpoint(ep string) (network, addr string, err error) {
	kind, rest, ok := strings.Cut(ep, ":")
	if !ok || rest == "" {
		return "", "", errors.New("ovsdb: bad endpoint " + strconv.Quote(ep) + " (want unix:PATH, tcp:HOST:PORT or ssl:HOST:PORT)")
	}
	switch kind {
	case "unix":
		return "unix", rest, nil
	case "tcp", "ssl":
		if _, _, err := net.SplitHostPort(rest); err != nil {
			// ovs-vsctl also accepts tcp:[v6]:port and tcp:host:port only.
			return "", "", errors.New("ovsdb: bad endpoint " + strconv.Quote(ep) + ": " + err.Error())
		}
		return kind, rest, nil
	}
	return "", "", errors.New("ovsdb: bad endpoint " + strconv.Quote(ep) + ": unknown scheme " + strconv.Quote(kind))
}

func (c *Client) tlsConfig(host string) (*tls.Config, error) {
	if c.cfg.TLSConfig != nil {
		return c.cfg.TLSConfig.Clone(), nil
	}
	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if c.cfg.CertFile != "" || c.cfg.KeyFile != "" {
		cert, err := tls.LoadX509KeyPair(c.cfg.CertFile, c.cfg.KeyFile)
		if err != nil {
			return nil, errors.New("ovsdb: loading client certificate: " + err.Error())
		}
		tc.Certificates = []tls.Certificate{cert}
	}
	if c.cfg.CAFile != "" {
		pem, err := os.ReadFile(c.cfg.CAFile)
		if err != nil {
			return nil, errors.New("ovsdb: reading CA certificate: " + err.Error())
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, errors.New("ovsdb: no certificate in " + c.cfg.CAFile)
		}
		tc.RootCAs = pool
	}
	tc.ServerName = host
	return tc, nil
}

func (c *Client) dialOne(ctx context.Context, ep string) (net.Conn, error) {
	network, addr, err := parseEndpoint(ep)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.DialTimeout)
	defer cancel()
	var d net.Dialer
	if network == "ssl" {
		host, _, _ := net.SplitHostPort(addr)
		tc, err := c.tlsConfig(host)
		if err != nil {
			return nil, err
		}
		td := tls.Dialer{NetDialer: &d, Config: tc}
		conn, err := td.DialContext(ctx, "tcp", addr)
		if err != nil {
			return nil, err
		}
		return conn, nil
	}
	return d.DialContext(ctx, network, addr)
}

// connect tries each endpoint once and sets up a session on the first that
// works (and passes the leader/staleness checks).
func (c *Client) connect(ctx context.Context) error {
	eps := append([]string(nil), c.endpoints...)
	if !c.cfg.NoShuffle {
		rand.Shuffle(len(eps), func(i, j int) { eps[i], eps[j] = eps[j], eps[i] })
	}
	var errs []error
	for _, ep := range eps {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		conn, err := c.dialOne(ctx, ep)
		if err != nil {
			c.log.Debug("ovsdb: connect failed", "endpoint", ep, "err", err)
			errs = append(errs, err)
			continue
		}
		s := c.newSession(conn, ep)
		if err := c.setup(ctx, s); err != nil {
			c.log.Info("ovsdb: server rejected", "endpoint", ep, "err", err)
			s.close()
			errs = append(errs, err)
			continue
		}
		c.log.Info("ovsdb: connected", "endpoint", ep)
		return nil
	}
	return errors.Join(append([]error{errors.New("ovsdb: no endpoint usable")}, errs...)...)
}

func (c *Client) newSession(conn io.ReadWriteCloser, ep string) *session {
	cd := newCodec(conn, c.cfg.MaxMessageSize, c.cfg.WriteTimeout, &c.stats)
	r := rpc2.NewClientWithCodec(cd)
	r.SetBlocking(true)
	s := &session{conn: conn, codec: cd, rpc: r, done: make(chan struct{}), endpoint: ep}
	r.Handle("echo", func(_ *rpc2.Client, args *[]byte, res *[]byte) error {
		c.stats.echoesAnswered.Add(1)
		*res = *args
		return nil
	})
	r.Handle("update", func(_ *rpc2.Client, args *[]byte, _ *[]byte) error {
		c.onUpdate(1, *args)
		return nil
	})
	r.Handle("update2", func(_ *rpc2.Client, args *[]byte, _ *[]byte) error {
		c.onUpdate(2, *args)
		return nil
	})
	r.Handle("update3", func(_ *rpc2.Client, args *[]byte, _ *[]byte) error {
		c.onUpdate(3, *args)
		return nil
	})
	r.Handle("locked", func(_ *rpc2.Client, args *[]byte, _ *[]byte) error {
		c.onLock(*args, true)
		return nil
	})
	r.Handle("stolen", func(_ *rpc2.Client, args *[]byte, _ *[]byte) error {
		c.onLock(*args, false)
		return nil
	})
	r.Handle("monitor_canceled", func(_ *rpc2.Client, args *[]byte, _ *[]byte) error {
		c.onMonitorCanceled(*args)
		return nil
	})
	go func() {
		r.Run()
		cd.Close()
		cd.wait()
		close(s.done)
	}()
	if c.cfg.InactivityProbe > 0 {
		c.wg.Add(1)
		go c.probe(s)
	}
	return s
}

func (s *session) close() {
	s.codec.Close()
	<-s.done
}

// setup runs the per-connection handshake: leader check, then monitors and
// locks are re-established, then the session is published.
func (c *Client) setup(ctx context.Context, s *session) error {
	if c.cfg.LeaderOnly {
		if err := c.checkServer(ctx, s); err != nil {
			return err
		}
	}
	// Let every notification of the previous session be applied first, so
	// the monitors resume from their true last transaction id.
	select {
	case <-c.q.waitCh():
	case <-ctx.Done():
		return ctx.Err()
	}
	c.mu.Lock()
	c.schemas = make(map[string]*Schema)
	c.methods = 0
	mons := append([]*Monitor(nil), c.monitors...)
	var locks []string
	for name := range c.locks {
		locks = append(locks, name)
		c.locks[name] = false
	}
	c.mu.Unlock()
	for _, m := range mons {
		if err := m.start(ctx, s, true); err != nil {
			var se *Error
			if !errors.As(err, &se) {
				return err // transport trouble: try another server
			}
			// The server refused this monitor (say, its database is gone):
			// keep the connection, report it, and retry on the next one.
			c.log.Error("ovsdb: re-establishing monitor failed", "monitor", m.id, "db", m.db, "err", err)
		}
	}
	for _, name := range locks {
		if _, err := c.lockCall(ctx, s, "lock", name); err != nil {
			return err
		}
	}
	c.mu.Lock()
	c.sess = s
	close(c.up)
	c.mu.Unlock()
	if c.cfg.OnConnect != nil {
		ep := s.endpoint
		c.q.push(func() { c.cfg.OnConnect(ep) })
	}
	return nil
}

// supervise waits for the session to end and reconnects.
func (c *Client) supervise() {
	defer c.wg.Done()
	for {
		c.mu.Lock()
		s := c.sess
		c.mu.Unlock()
		select {
		case <-s.done:
		case <-c.closeCh:
			return
		}
		c.mu.Lock()
		if c.closed {
			c.mu.Unlock()
			return
		}
		if c.sess == s {
			c.up = make(chan struct{})
		}
		c.mu.Unlock()
		c.log.Warn("ovsdb: connection lost", "endpoint", s.endpoint)
		backoff := c.cfg.MinBackoff
		for {
			ctx, cancel := context.WithCancel(context.Background())
			stop := context.AfterFunc(closeCtx(c.closeCh), cancel)
			err := c.connect(ctx)
			stop()
			cancel()
			if err == nil {
				c.stats.reconnects.Add(1)
				break
			}
			c.log.Info("ovsdb: reconnect failed", "err", err, "retry_in", backoff)
			t := time.NewTimer(backoff/2 + rand.N(backoff/2+1))
			select {
			case <-t.C:
			case <-c.closeCh:
				t.Stop()
				return
			}
			backoff = min(backoff*2, c.cfg.MaxBackoff)
		}
	}
}

type chanCtx struct {
	context.Context
	ch chan struct{}
}

func (c chanCtx) Done() <-chan struct{} { return c.ch }
func (c chanCtx) Err() error {
	select {
	case <-c.ch:
		return context.Canceled
	default:
		return nil
	}
}

func closeCtx(ch chan struct{}) context.Context { return chanCtx{context.Background(), ch} }

// probe sends an echo after InactivityProbe of silence and drops the
// connection when it goes unanswered.
func (c *Client) probe(s *session) {
	defer c.wg.Done()
	iv := c.cfg.InactivityProbe
	t := time.NewTicker(iv / 2)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
		}
		idle := time.Since(time.Unix(0, s.codec.lastRead.Load()))
		if idle < iv {
			continue
		}
		c.stats.probes.Add(1)
		ctx, cancel := context.WithTimeout(context.Background(), iv)
		_, err := c.callOn(ctx, s, "echo", func(b []byte) ([]byte, error) { return append(b, `["probe"]`...), nil }, nil)
		cancel()
		if err != nil {
			c.log.Warn("ovsdb: inactivity probe failed, dropping connection", "endpoint", s.endpoint, "idle", idle, "err", err)
			s.codec.Close()
			return
		}
	}
}

// Close closes the connection and stops every goroutine of the client.
func (c *Client) Close() error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return nil
	}
	c.closed = true
	close(c.closeCh)
	s := c.sess
	c.mu.Unlock()
	if s != nil {
		s.close()
	}
	c.wg.Wait()
	c.q.close()
	return nil
}

// Stats returns a snapshot of the counters.
func (c *Client) Stats() Stats { return c.stats.snapshot() }

// Endpoint returns the endpoint of the current connection, or "".
func (c *Client) Endpoint() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	select {
	case <-c.up:
		return c.sess.endpoint
	default:
		return ""
	}
}

// session waits until a session is usable.
func (c *Client) session(ctx context.Context) (*session, error) {
	for {
		c.mu.Lock()
		if c.closed {
			c.mu.Unlock()
			return nil, ErrClosed
		}
		up, s := c.up, c.sess
		redial := c.canRedial
		c.mu.Unlock()
		select {
		case <-up:
			return s, nil
		default:
		}
		if !redial {
			return nil, ErrNotConnected
		}
		select {
		case <-up:
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-c.closeCh:
			return nil, ErrClosed
		}
	}
}

type connError struct{ err error }

func (e *connError) Error() string { return "ovsdb: connection lost: " + e.err.Error() }
func (e *connError) Unwrap() error { return e.err }
func (e *connError) Is(t error) bool {
	return t == ErrNotConnected
}

// call sends method on the current session.
func (c *Client) call(ctx context.Context, method string, p func([]byte) ([]byte, error), onResult func([]byte, *Error)) ([]byte, error) {
	s, err := c.session(ctx)
	if err != nil {
		return nil, err
	}
	return c.callOn(ctx, s, method, p, onResult)
}

func (c *Client) callOn(ctx context.Context, s *session, method string, p func([]byte) ([]byte, error), onResult func([]byte, *Error)) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c.stats.calls.Add(1)
	var seq uint64
	dl, _ := ctx.Deadline()
	pr := &params{appendJSON: p, deadline: dl, seq: &seq}
	r := &reply{onResult: onResult}
	call := s.rpc.Go(method, pr, r, make(chan *rpc2.Call, 1))
	select {
	case <-call.Done:
		if call.Error != nil {
			c.stats.callErrors.Add(1)
			c.mu.Lock()
			closed := c.closed
			c.mu.Unlock()
			if closed {
				return nil, ErrClosed
			}
			var ne net.Error
			if errors.As(call.Error, &ne) && ne.Timeout() && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if errors.Is(call.Error, rpc2.ErrShutdown) || errors.Is(call.Error, io.ErrUnexpectedEOF) || errors.Is(call.Error, io.EOF) || errors.Is(call.Error, net.ErrClosed) {
				return nil, &connError{call.Error}
			}
			// A write error leaves the stream in an unknown state.
			s.codec.Close()
			return nil, &connError{call.Error}
		}
		if r.err != nil {
			c.stats.callErrors.Add(1)
			return nil, r.err
		}
		return r.result, nil
	case <-ctx.Done():
		c.stats.callErrors.Add(1)
		if seq != 0 {
			s.codec.cancel(seq)
			if method == "transact" {
				// Ask the server to abandon it (RFC 7047 §4.1.4).
				id := seq
				_ = s.rpc.Notify("cancel", &params{appendJSON: func(b []byte) ([]byte, error) {
					b = append(b, '[')
					b = strconv.AppendUint(b, id, 10)
					return append(b, ']'), nil
				}})
			}
		}
		return nil, ctx.Err()
	}
}

// ListDbs returns the names of the databases the server holds.
func (c *Client) ListDbs(ctx context.Context) ([]string, error) {
	raw, err := c.call(ctx, "list_dbs", func(b []byte) ([]byte, error) { return append(b, "[]"...), nil }, nil)
	if err != nil {
		return nil, err
	}
	d := jsonx.NewDecoder(raw)
	var out []string
	if !d.BeginArray() {
		return nil, decodeErr("list_dbs result", d, d.Err())
	}
	for d.More() {
		out = append(out, string(d.StringBytes()))
	}
	if err := d.End(); err != nil {
		return nil, decodeErr("list_dbs result", d, err)
	}
	return out, nil
}

// GetSchema fetches the schema of db from the server (not cached; see
// [Client.Schema]).
func (c *Client) GetSchema(ctx context.Context, db string) (*Schema, error) {
	raw, err := c.call(ctx, "get_schema", strParams(db), nil)
	if err != nil {
		return nil, err
	}
	return ParseSchema(raw)
}

// Schema returns the server's schema of db, fetched once per connection.
func (c *Client) Schema(ctx context.Context, db string) (*Schema, error) {
	c.mu.Lock()
	s := c.schemas[db]
	c.mu.Unlock()
	if s != nil {
		return s, nil
	}
	s, err := c.GetSchema(ctx, db)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.schemas[db] = s
	c.mu.Unlock()
	return s, nil
}

func strParams(ss ...string) func([]byte) ([]byte, error) {
	return func(b []byte) ([]byte, error) { return appendStrings(b, ss), nil }
}

// Echo sends an echo request and checks the reply echoes it.
func (c *Client) Echo(ctx context.Context) error {
	raw, err := c.call(ctx, "echo", strParams("ovsflow"), nil)
	if err != nil {
		return err
	}
	if string(raw) != `["ovsflow"]` {
		d := jsonx.NewDecoder(raw)
		ok := d.BeginArray() && d.More() && string(d.StringBytes()) == "ovsflow" && !d.More() && d.End() == nil
		if !ok {
			return errors.New("ovsdb: echo reply " + string(raw) + " does not match request")
		}
	}
	return nil
}

// SetDBChangeAware tells the server whether this client understands
// monitor_canceled notifications (sent when a database is removed or
// converted).
func (c *Client) SetDBChangeAware(ctx context.Context, aware bool) error {
	_, err := c.call(ctx, "set_db_change_aware", func(b []byte) ([]byte, error) {
		b = append(b, '[')
		b = strconv.AppendBool(b, aware)
		return append(b, ']'), nil
	}, nil)
	return err
}

// Sync waits until every notification received so far (including the
// updates caused by transactions whose replies have arrived) has been
// applied and delivered, so caches reflect them.
func (c *Client) Sync(ctx context.Context) error {
	select {
	case <-c.q.waitCh():
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Transact runs ops atomically on db. The results have one element per
// operation (plus one for a commit failure). The returned error is the first
// operation error (a [*Error] whose Index says which) or a transport,
// context or validation error.
func (c *Client) Transact(ctx context.Context, db string, ops ...Operation) ([]OperationResult, error) {
	if len(ops) == 0 {
		return nil, errors.New("ovsdb: transact without operations")
	}
	if !c.cfg.NoValidate {
		sch, err := c.Schema(ctx, db)
		if err != nil {
			return nil, err
		}
		if ops, err = c.prepareOps(sch, ops); err != nil {
			return nil, err
		}
	}
	raw, err := c.call(ctx, "transact", func(b []byte) ([]byte, error) {
		b = append(b, '[')
		b = jsonx.AppendString(b, db)
		for _, op := range ops {
			b = append(b, ',')
			var err error
			if b, err = op.appendJSON(b); err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	}, nil)
	if err != nil {
		return nil, err
	}
	d := jsonx.NewDecoder(raw)
	res, err := decodeTransactResult(d, nil)
	if err == nil {
		err = d.End()
	}
	if err != nil {
		return nil, err
	}
	for i := range res {
		if res[i].Error != nil {
			return res, res[i].Error
		}
	}
	if len(res) < len(ops) {
		return res, errors.New("ovsdb: transact returned " + strconv.Itoa(len(res)) + " results for " + strconv.Itoa(len(ops)) + " operations")
	}
	return res, nil
}

// prepareOps validates values and drops columns the server lacks.
func (c *Client) prepareOps(sch *Schema, ops []Operation) ([]Operation, error) {
	var out []Operation
	for i := range ops {
		op := ops[i]
		if op.Table == "" {
			continue
		}
		t, ok := sch.Tables[op.Table]
		if !ok {
			return nil, &ValidationError{Table: op.Table, Reason: "table not in server schema " + sch.Name + " " + sch.Version, Kind: ErrUnknownTable}
		}
		if op.Row != nil {
			var row Row
			for col, v := range op.Row {
				ct, ok := t.Columns[col]
				if !ok {
					if row == nil {
						row = make(Row, len(op.Row))
						for k, v := range op.Row {
							row[k] = v
						}
					}
					delete(row, col)
					c.stats.skippedColumns.Add(1)
					c.log.Warn("ovsdb: server schema lacks column, skipping it", "table", op.Table, "column", col, "schema_version", sch.Version)
					continue
				}
				if err := ct.Type.Validate(v); err != nil {
					return nil, withPlace(err, op.Table, col)
				}
			}
			if row != nil {
				if out == nil {
					out = append([]Operation(nil), ops...)
				}
				op.Row = row
				out[i] = op
			}
		}
		for _, m := range op.Mutations {
			if _, ok := t.Columns[m.Column]; !ok {
				return nil, &ValidationError{Table: op.Table, Column: m.Column, Reason: "column not in server schema", Kind: ErrUnknownColumn}
			}
		}
	}
	if out != nil {
		return out, nil
	}
	return ops, nil
}

func (c *Client) lockCall(ctx context.Context, s *session, method, name string) (bool, error) {
	var raw []byte
	var err error
	if s != nil {
		raw, err = c.callOn(ctx, s, method, strParams(name), nil)
	} else {
		raw, err = c.call(ctx, method, strParams(name), nil)
	}
	if err != nil {
		return false, err
	}
	if method == "unlock" {
		return false, nil
	}
	d := jsonx.NewDecoder(raw)
	locked := false
	if !d.BeginObject() {
		return false, decodeErr(method+" result", d, d.Err())
	}
	for d.More() {
		if string(d.Key()) == "locked" {
			locked = d.Bool()
		} else {
			d.Skip()
		}
	}
	if err := d.End(); err != nil {
		return false, decodeErr(method+" result", d, err)
	}
	if locked {
		c.mu.Lock()
		if _, ok := c.locks[name]; ok {
			c.locks[name] = true
		}
		c.mu.Unlock()
	}
	return locked, nil
}

// Lock requests lock name. It returns whether the lock was acquired at once;
// otherwise a "locked" notification (see Config.OnLockChange and
// [Client.HasLock]) follows when it is. The request is renewed after a
// reconnection.
func (c *Client) Lock(ctx context.Context, name string) (bool, error) {
	c.mu.Lock()
	c.locks[name] = false
	c.mu.Unlock()
	return c.lockCall(ctx, nil, "lock", name)
}

// Steal takes lock name from its owner, which gets a "stolen" notification.
func (c *Client) Steal(ctx context.Context, name string) (bool, error) {
	c.mu.Lock()
	c.locks[name] = false
	c.mu.Unlock()
	return c.lockCall(ctx, nil, "steal", name)
}

// Unlock releases (or stops waiting for) lock name.
func (c *Client) Unlock(ctx context.Context, name string) error {
	c.mu.Lock()
	delete(c.locks, name)
	c.mu.Unlock()
	_, err := c.lockCall(ctx, nil, "unlock", name)
	return err
}

// HasLock reports whether this client currently owns lock name.
func (c *Client) HasLock(name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.locks[name]
}

func (c *Client) onLock(raw []byte, owned bool) {
	d := jsonx.NewDecoder(raw)
	if !d.BeginArray() || !d.More() {
		return
	}
	name := string(d.StringBytes())
	if d.Err() != nil {
		return
	}
	c.mu.Lock()
	if _, ok := c.locks[name]; ok {
		c.locks[name] = owned
	}
	c.mu.Unlock()
	if f := c.cfg.OnLockChange; f != nil {
		c.q.push(func() { f(name, owned) })
	}
}
