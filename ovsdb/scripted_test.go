package ovsdb

import (
	"context"
	"errors"
	"net"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"go.uber.org/goleak"

	"github.com/cenkalti/rpc2"
)

// TestScriptedMonitorFallback: a scripted server lacking monitor_cond_since
// and monitor_cond (a real 3.1 server has both).
func TestScriptedMonitorFallback(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	var mu sync.Mutex
	var methods []string
	srv := newFakeServer(t, func(fc *fakeConn, method string, id, params []byte) {
		mu.Lock()
		methods = append(methods, method)
		mu.Unlock()
		switch method {
		case "get_schema":
			fc.reply(id, minimalSchema)
		case "monitor_cond_since", "monitor_cond":
			fc.fail(id, `"unknown method"`)
		case "monitor":
			fc.reply(id, `{"T":{"0b2b3c51-44ab-4f12-8f0e-2d8b8a4e3b10":{"new":{"n":1}}}}`)
			fc.send(`{"id":null,"method":"update","params":["ovsflow-1",{"T":{"0b2b3c51-44ab-4f12-8f0e-2d8b8a4e3b10":{"old":{"n":1},"new":{"n":2,"s":"x"}}}}]}`)
		case "echo":
			fc.reply(id, string(params))
		}
	})
	ctx := testCtx(t)
	c, err := Dial(ctx, []string{srv.endpoint()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var ups []*MonitorUpdate
	var umu sync.Mutex
	m, err := c.Monitor(ctx, "DB", MonitorRequests{"T": {{}}}, func(u *MonitorUpdate) { umu.Lock(); ups = append(ups, u); umu.Unlock() }, nil)
	if err != nil {
		t.Fatalf("Monitor = %v", err)
	}
	if m.Method() != MonitorPlain {
		t.Fatalf("Method() = %v, want monitor", m.Method())
	}
	waitFor(t, "update", func() bool { umu.Lock(); defer umu.Unlock(); return len(ups) == 2 })
	umu.Lock()
	u := MustParseUUID("0b2b3c51-44ab-4f12-8f0e-2d8b8a4e3b10")
	if ru := ups[0].Tables["T"][u]; !ups[0].Reset || ru.Op != RowInsert {
		t.Fatalf("initial = %+v", ups[0])
	}
	ru := ups[1].Tables["T"][u]
	umu.Unlock()
	if n, _ := DecodeAtom[int64](ru.New["n"]); ru.Op != RowModify || n != 2 {
		t.Fatalf("update = %+v", ru)
	}
	mu.Lock()
	got := strings.Join(methods, ",")
	mu.Unlock()
	if !strings.Contains(got, "monitor_cond_since,monitor_cond,monitor") {
		t.Fatalf("methods = %s", got)
	}
	c.Close()
	srv.close()
}

// TestScriptedSlowHandler: while a monitor handler is blocked, the server's
// echo requests and the replies to other calls still flow, and updates are
// delivered in order afterwards, none dropped.
func TestScriptedSlowHandler(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	const n = 500
	echoed := make(chan string, 1)
	var conn atomic.Pointer[fakeConn]
	srv := newFakeServer(t, func(fc *fakeConn, method string, id, params []byte) {
		switch method {
		case "":
			if string(id) == `"srv-echo"` {
				echoed <- string(params)
			}
		case "get_schema":
			fc.reply(id, minimalSchema)
		case "monitor_cond_since":
			conn.Store(fc)
			fc.reply(id, `[false,"00000000-0000-0000-0000-000000000000",{}]`)
		case "list_dbs":
			fc.reply(id, `["DB"]`)
		}
	})
	ctx := testCtx(t)
	c, err := Dial(ctx, []string{srv.endpoint()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	release := make(chan struct{})
	var got []int64
	_, err = c.Monitor(ctx, "DB", MonitorRequests{"T": {{}}}, func(u *MonitorUpdate) {
		if u.Reset {
			return
		}
		<-release
		for _, ru := range u.Tables["T"] {
			v, _ := DecodeAtom[int64](ru.Row["n"])
			got = append(got, v)
		}
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fc := conn.Load()
	for i := 1; i <= n; i++ {
		fc.send(`{"id":null,"method":"update3","params":["ovsflow-1","00000000-0000-0000-0000-000000000000",{"T":{"0b2b3c51-44ab-4f12-8f0e-2d8b8a4e3b10":{"modify":{"n":` + strconv.Itoa(i) + `}}}}]}`)
	}
	fc.send(`{"id":"srv-echo","method":"echo","params":["ping"]}`)
	select {
	case p := <-echoed:
		if p != `["ping"]` {
			t.Fatalf("echo reply = %s", p)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("server echo not answered while a handler is blocked")
	}
	if dbs, err := c.ListDbs(ctx); err != nil || dbs[0] != "DB" {
		t.Fatalf("ListDbs while handler blocked = %v, %v", dbs, err)
	}
	close(release)
	if err := c.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("got %d updates, want %d", len(got), n)
	}
	for i, v := range got {
		if v != int64(i+1) {
			t.Fatalf("update %d = %d: out of order", i, v)
		}
	}
	if c.Stats().EchoesAnswered != 1 {
		t.Fatalf("stats = %+v", c.Stats())
	}
	c.Close()
	srv.close()
}

func pendingLen(c *Client) int {
	c.mu.Lock()
	rc := c.sess.rpc
	c.mu.Unlock()
	v := reflect.ValueOf(rc).Elem()
	mu := (*sync.Mutex)(unsafe.Pointer(v.FieldByName("mutex").UnsafeAddr()))
	mu.Lock()
	defer mu.Unlock()
	return v.FieldByName("pending").Len()
}

var _ = rpc2.ErrShutdown

// TestScriptedCancelRemovesPending: a call whose context ends is removed
// from rpc2's pending set at once; the late reply is ignored.
func TestScriptedCancelRemovesPending(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	held := make(chan []byte, 1)
	var first atomic.Bool
	first.Store(true)
	var conn atomic.Pointer[fakeConn]
	srv := newFakeServer(t, func(fc *fakeConn, method string, id, params []byte) {
		conn.Store(fc)
		switch method {
		case "list_dbs":
			if first.Swap(false) {
				held <- id // not answered in time
				return
			}
			fc.reply(id, `["DB"]`)
		case "echo":
			fc.reply(id, string(params))
		}
	})
	ctx := testCtx(t)
	c, err := Dial(ctx, []string{srv.endpoint()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	_, err = c.ListDbs(cctx)
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("ListDbs = %v", err)
	}
	waitFor(t, "pending set empty", func() bool { return pendingLen(c) == 0 })
	id := <-held
	conn.Load().reply(id, `["late"]`)
	if dbs, err := c.ListDbs(ctx); err != nil || dbs[0] != "DB" {
		t.Fatalf("ListDbs after cancel = %v, %v", dbs, err)
	}
	if err := c.Echo(ctx); err != nil {
		t.Fatal(err)
	}
	c.Close()
	srv.close()
}

// TestScriptedInactivityProbe: a peer that stops answering is dropped by
// the inactivity probe and the client reconnects.
func TestScriptedInactivityProbe(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	var deaf atomic.Bool
	deaf.Store(true)
	srv := newFakeServer(t, func(fc *fakeConn, method string, id, params []byte) {
		if method == "echo" && !deaf.Swap(false) {
			fc.reply(id, string(params))
		}
	})
	ctx := testCtx(t)
	c, err := Dial(ctx, []string{srv.endpoint()}, &Config{InactivityProbe: 200 * time.Millisecond, MinBackoff: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	waitFor(t, "probe and reconnect", func() bool { s := c.Stats(); return s.Probes >= 1 && s.Reconnects >= 1 })
	// Under heavy load a later probe may time out too; the client must keep
	// recovering, so an echo eventually succeeds.
	waitFor(t, "echo after reconnect", func() bool { return c.Echo(ctx) == nil })
	c.Close()
	srv.close()
}

// TestScriptedWriteDeadline: a peer that never reads can't block a call
// past its context.
func TestScriptedWriteDeadline(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	block := make(chan struct{})
	srv := newFakeServer(t, func(fc *fakeConn, method string, id, params []byte) { <-block })
	ctx := testCtx(t)
	c, err := Dial(ctx, []string{srv.endpoint()}, &Config{NoReconnect: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	big := strings.Repeat("x", 1<<20)
	start := time.Now()
	cctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	var callErr error
	for i := 0; i < 64 && callErr == nil; i++ {
		_, callErr = c.call(cctx, "echo", strParams(big), nil)
	}
	if callErr == nil || time.Since(start) > 10*time.Second {
		t.Fatalf("call to a non-reading peer: err = %v after %v", callErr, time.Since(start))
	}
	close(block)
	c.Close()
	srv.close()
}

// clusterServer scripts a cluster member's _Server.Database row.
const serverSchema = `{"name":"_Server","version":"1.2.0","cksum":"1 1","tables":{"Database":{"columns":{"name":{"type":"string"},"model":{"type":{"key":{"type":"string","enum":["set",["clustered","relay","standalone"]]}}},"connected":{"type":"boolean"},"leader":{"type":"boolean"},"index":{"type":{"key":"integer","min":0,"max":1}}}}}}`

const dbRowUUID = "6f1e3d2c-1b0a-4f9e-8d7c-6b5a49382716"

func clusterServer(t *testing.T, leader func() bool, index func() int64) *fakeServer {
	return newFakeServer(t, func(fc *fakeConn, method string, id, params []byte) {
		switch method {
		case "get_schema":
			fc.reply(id, serverSchema)
		case "monitor_cond_since":
			fc.reply(id, `[false,"00000000-0000-0000-0000-000000000000",{"Database":{"`+dbRowUUID+`":{"initial":{"name":"OVN","model":"clustered","connected":true,"leader":`+strconv.FormatBool(leader())+`}}}}]`)
		case "transact":
			if strings.Contains(string(params), `"_Server"`) {
				fc.reply(id, `[{"rows":[{"name":"OVN","model":"clustered","connected":true,"leader":`+strconv.FormatBool(leader())+`,"index":`+strconv.FormatInt(index(), 10)+`}]}]`)
				return
			}
			fc.reply(id, `[{}]`)
		case "echo":
			fc.reply(id, string(params))
		}
	})
}

// TestScriptedLeaderOnlyAndStale: leader-only mode skips a follower, and
// after a failover refuses a server whose log index is older than one
// already seen (a stale member), moving on to a current leader.
func TestScriptedLeaderOnlyAndStale(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	follower := clusterServer(t, func() bool { return false }, func() int64 { return 20 })
	var bConns atomic.Int64
	b := clusterServer(t, func() bool { return true }, func() int64 {
		if bConns.Add(1) == 1 {
			return 10
		}
		return 5 // came back with an old log: stale
	})
	var cUp atomic.Bool
	cs := clusterServer(t, func() bool { return cUp.Load() }, func() int64 { return 12 })
	ctx := testCtx(t)
	c, err := Dial(ctx, []string{follower.endpoint(), b.endpoint(), cs.endpoint()}, &Config{LeaderOnly: true, NoShuffle: true, MinBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Endpoint() != b.endpoint() {
		t.Fatalf("connected to %s, want the leader %s", c.Endpoint(), b.endpoint())
	}
	cUp.Store(true)
	b.dropAll()
	waitFor(t, "failover", func() bool { return c.Endpoint() == cs.endpoint() })
	if bConns.Load() < 2 {
		t.Fatal("stale server was not tried")
	}
	c.mu.Lock()
	mi := c.minIndex
	c.mu.Unlock()
	if mi != 12 {
		t.Fatalf("minIndex = %d, want 12", mi)
	}
	c.Close()
	follower.close()
	b.close()
	cs.close()
}

// TestScriptedLeaderStepsDown: in leader-only mode the client follows
// _Server.Database and leaves a server that stops being leader while
// staying up (a real cluster does this on leadership transfer).
func TestScriptedLeaderStepsDown(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	var aLeader atomic.Bool
	aLeader.Store(true)
	var aConn atomic.Pointer[fakeConn]
	a := newFakeServer(t, func(fc *fakeConn, method string, id, params []byte) {
		switch method {
		case "get_schema":
			fc.reply(id, serverSchema)
		case "monitor_cond_since":
			aConn.Store(fc)
			fc.reply(id, `[false,"00000000-0000-0000-0000-000000000000",{"Database":{"`+dbRowUUID+`":{"initial":{"name":"OVN","model":"clustered","connected":true,"leader":`+strconv.FormatBool(aLeader.Load())+`}}}}]`)
		case "transact":
			fc.reply(id, `[{"rows":[{"name":"OVN","model":"clustered","connected":true,"leader":`+strconv.FormatBool(aLeader.Load())+`,"index":3}]}]`)
		case "echo":
			fc.reply(id, string(params))
		}
	})
	var bUp atomic.Bool
	b := clusterServer(t, func() bool { return bUp.Load() }, func() int64 { return 4 })
	ctx := testCtx(t)
	c, err := Dial(ctx, []string{a.endpoint(), b.endpoint()}, &Config{LeaderOnly: true, NoShuffle: true, MinBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Endpoint() != a.endpoint() {
		t.Fatalf("connected to %s", c.Endpoint())
	}
	aLeader.Store(false)
	bUp.Store(true)
	aConn.Load().send(`{"id":null,"method":"update3","params":["ovsflow-server","00000000-0000-0000-0000-000000000000",{"Database":{"` + dbRowUUID + `":{"modify":{"leader":false}}}}]}`)
	waitFor(t, "move to the new leader", func() bool { return c.Endpoint() == b.endpoint() })
	c.Close()
	a.close()
	b.close()
}

// TestScriptedMonitorCanceled: after a "monitor_canceled" notification (a
// real server sends it when a database is converted or removed) the client
// restarts the monitor and delivers a fresh complete state.
func TestScriptedMonitorCanceled(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	var monitors atomic.Int64
	var conn atomic.Pointer[fakeConn]
	srv := newFakeServer(t, func(fc *fakeConn, method string, id, params []byte) {
		switch method {
		case "get_schema":
			fc.reply(id, minimalSchema)
		case "monitor_cond_since":
			n := monitors.Add(1)
			conn.Store(fc)
			fc.reply(id, `[false,"00000000-0000-0000-0000-000000000000",{"T":{"0b2b3c51-44ab-4f12-8f0e-2d8b8a4e3b10":{"initial":{"n":`+strconv.FormatInt(n, 10)+`}}}}]`)
		case "set_db_change_aware", "echo":
			fc.reply(id, `{}`)
		}
	})
	ctx := testCtx(t)
	c, err := Dial(ctx, []string{srv.endpoint()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.SetDBChangeAware(ctx, true); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var resets []int64
	if _, err := c.Monitor(ctx, "DB", MonitorRequests{"T": {{}}}, func(u *MonitorUpdate) {
		for _, ru := range u.Tables["T"] {
			n, _ := DecodeAtom[int64](ru.Row["n"])
			mu.Lock()
			if u.Reset {
				resets = append(resets, n)
			}
			mu.Unlock()
		}
	}, nil); err != nil {
		t.Fatal(err)
	}
	conn.Load().send(`{"id":null,"method":"monitor_canceled","params":["ovsflow-1"]}`)
	waitFor(t, "monitor restarted", func() bool { mu.Lock(); defer mu.Unlock(); return len(resets) == 2 })
	mu.Lock()
	if resets[0] != 1 || resets[1] != 2 {
		t.Fatalf("resets = %v", resets)
	}
	mu.Unlock()
	c.Close()
	srv.close()
}

// TestScriptedNew: New over a caller-supplied connection; it never
// reconnects, so after the peer goes away calls fail with ErrNotConnected.
func TestScriptedNew(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	srv := newFakeServer(t, func(fc *fakeConn, method string, id, params []byte) {
		if method == "list_dbs" {
			fc.reply(id, `["DB","_Server"]`)
		}
	})
	conn, err := net.Dial("unix", strings.TrimPrefix(srv.endpoint(), "unix:"))
	if err != nil {
		t.Fatal(err)
	}
	c := New(conn, nil)
	ctx := testCtx(t)
	dbs, err := c.ListDbs(ctx)
	if err != nil || len(dbs) != 2 {
		t.Fatalf("ListDbs = %v, %v", dbs, err)
	}
	srv.dropAll()
	waitFor(t, "disconnect", func() bool {
		_, err := c.ListDbs(ctx)
		return errors.Is(err, ErrNotConnected)
	})
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListDbs(ctx); !errors.Is(err, net.ErrClosed) {
		t.Fatalf("after Close: %v", err)
	}
	srv.close()
}
