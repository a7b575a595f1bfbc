package ovsdb

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/ovsflow/ovsflow/internal/ovstest"
)

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func dialDB(t *testing.T, db *ovstest.DB, cfg *Config) *Client {
	t.Helper()
	c, err := Dial(testCtx(t), []string{db.Endpoint()}, cfg)
	if err != nil {
		t.Fatalf("Dial(%s) = %v", db.Endpoint(), err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func bridgeUUID(t *testing.T, c *Client, name string) UUID {
	t.Helper()
	res, err := c.Transact(testCtx(t), "Open_vSwitch", Select("Bridge", []string{"_uuid"}, Cond("name", FuncEQ, AtomOf(name))))
	if err != nil {
		t.Fatalf("select bridge: %v", err)
	}
	if len(res[0].Rows) != 1 {
		t.Fatalf("select bridge %s: %d rows", name, len(res[0].Rows))
	}
	u, err := DecodeAtom[UUID](res[0].Rows[0]["_uuid"])
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestRealBasics(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	db := ovstest.StartDB(t, nil)
	db.Vsctl(t, "add-br", "br0")
	c := dialDB(t, db, nil)
	ctx := testCtx(t)

	dbs, err := c.ListDbs(ctx)
	if err != nil || !strings.Contains(strings.Join(dbs, ","), "Open_vSwitch") {
		t.Fatalf("ListDbs() = %v, %v", dbs, err)
	}
	sch, err := c.GetSchema(ctx, "Open_vSwitch")
	if err != nil {
		t.Fatalf("GetSchema: %v", err)
	}
	if sch.Tables["NetFlow"] == nil || sch.Cksum == "" {
		t.Fatalf("schema lacks NetFlow or cksum: %+v", sch.Version)
	}
	if err := c.Echo(ctx); err != nil {
		t.Fatalf("Echo: %v", err)
	}
	if err := c.SetDBChangeAware(ctx, true); err != nil {
		t.Fatalf("SetDBChangeAware: %v", err)
	}

	br := bridgeUUID(t, c, "br0")
	res, err := c.Transact(ctx, "Open_vSwitch",
		Insert("NetFlow", Row{"targets": SetOf("127.0.0.1:2055"), "active_timeout": AtomOf(int64(60))}, "nf"),
		Update("Bridge", Row{"netflow": AtomOf(NamedUUID("nf"))}, WhereUUID(br)),
		Comment("ovsflow test"),
	)
	if err != nil {
		t.Fatalf("Transact insert: %v", err)
	}
	if len(res) != 3 || res[0].UUID.IsZero() || !res[1].HasCount || res[1].Count != 1 {
		t.Fatalf("results = %+v", res)
	}
	nf := res[0].UUID
	res, err = c.Transact(ctx, "Open_vSwitch", Select("NetFlow", nil, WhereUUID(nf)))
	if err != nil || len(res[0].Rows) != 1 {
		t.Fatalf("select NetFlow = %+v, %v", res, err)
	}
	tg, err := DecodeSet[string](res[0].Rows[0]["targets"])
	if err != nil || len(tg) != 1 || tg[0] != "127.0.0.1:2055" {
		t.Fatalf("targets = %v, %v", tg, err)
	}

	// Server-side constraint violation (validation off to reach the server).
	cNV := dialDB(t, db, &Config{NoValidate: true})
	_, err = cNV.Transact(ctx, "Open_vSwitch", Update("NetFlow", Row{"engine_id": AtomOf(int64(300))}, WhereUUID(nf)))
	if !errors.Is(err, ErrConstraintViolation) {
		t.Fatalf("engine_id 300: err = %v, want constraint violation", err)
	}
	var oe *Error
	if !errors.As(err, &oe) || oe.Index != 0 || !strings.Contains(oe.Details, "300") {
		t.Fatalf("error = %#v", oe)
	}
	// Same caught by client-side validation, naming table, column and value.
	_, err = c.Transact(ctx, "Open_vSwitch", Update("NetFlow", Row{"engine_id": AtomOf(int64(300))}, WhereUUID(nf)))
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Table != "NetFlow" || ve.Column != "engine_id" || ve.Value != "300" || !errors.Is(err, ErrConstraintViolation) {
		t.Fatalf("validation err = %v", err)
	}
	// Referential integrity: the extra commit-error element.
	res, err = cNV.Transact(ctx, "Open_vSwitch", Insert("Flow_Sample_Collector_Set", Row{"id": AtomOf(int64(1))}, ""))
	if !errors.Is(err, ErrReferentialIntegrity) {
		t.Fatalf("FSCS without bridge: err = %v", err)
	}
	if len(res) != 2 || res[0].UUID.IsZero() || res[1].Error == nil || res[1].Error.Index != 1 {
		t.Fatalf("commit error results = %+v", res)
	}
	// RPC-level object-shaped error does not kill the connection.
	_, err = c.Transact(ctx, "NoSuchDB", Comment("x"))
	if err == nil {
		t.Fatal("unknown db: no error")
	}
	if err := c.Echo(ctx); err != nil {
		t.Fatalf("Echo after object error: %v", err)
	}
	cNV.Close()
	c.Close()
	if _, err := c.ListDbs(ctx); !errors.Is(err, net.ErrClosed) {
		t.Fatalf("after Close: err = %v, want net.ErrClosed", err)
	}
}

func TestRealMonitorUnknownTableKeepsConnection(t *testing.T) {
	db := ovstest.StartDB(t, nil)
	c := dialDB(t, db, nil)
	ctx := testCtx(t)
	// Raw monitor_cond on an unknown table: the server answers with an
	// object-shaped error, which must not tear the connection down.
	_, err := c.call(ctx, "monitor_cond", func(b []byte) ([]byte, error) {
		return append(b, `["Open_vSwitch","x",{"NoSuchTable":[{}]}]`...), nil
	}, nil)
	var oe *Error
	if !errors.As(err, &oe) || !errors.Is(err, ErrSyntax) {
		t.Fatalf("monitor_cond NoSuchTable: err = %v", err)
	}
	if err := c.Echo(ctx); err != nil {
		t.Fatalf("Echo after error: %v", err)
	}
	// Through the typed API the table is skipped with a warning instead.
	var mu sync.Mutex
	var got []*MonitorUpdate
	m, err := c.Monitor(ctx, "Open_vSwitch", MonitorRequests{"NoSuchTable": {{}}, "Open_vSwitch": {{Columns: []string{"cur_cfg", "no_such_column"}}}},
		func(u *MonitorUpdate) { mu.Lock(); got = append(got, u); mu.Unlock() }, nil)
	if err != nil {
		t.Fatalf("Monitor = %v", err)
	}
	if err := c.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 || !got[0].Reset || len(got[0].Tables["Open_vSwitch"]) != 1 {
		t.Fatalf("initial update = %+v", got)
	}
	if m.Method() != MonitorCondSince {
		t.Fatalf("method = %v", m.Method())
	}
	if c.Stats().SkippedColumns < 2 {
		t.Fatalf("stats = %+v", c.Stats())
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestRealServerEchoOverTCP: over ptcp ovsdb-server probes an idle client
// with {"id":"echo","method":"echo"} every 5 s; the client must answer or be
// dropped. One endpoint is dead: with shuffling, Dial still gets the live one.
func TestRealServerEchoOverTCP(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for ovsdb-server's 5 s inactivity probe")
	}
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	db := ovstest.StartDB(t, &ovstest.DBOptions{TCP: true})
	ctx := testCtx(t)
	c, err := Dial(ctx, []string{"unix:" + db.Dir + "/nonexistent.sock", db.TCPEndpoint()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Endpoint() != db.TCPEndpoint() {
		t.Fatalf("Endpoint() = %s", c.Endpoint())
	}
	waitFor(t, "a server echo", func() bool { return c.Stats().EchoesAnswered >= 1 })
	time.Sleep(200 * time.Millisecond)
	if err := c.Echo(ctx); err != nil {
		t.Fatalf("Echo after server probe: %v", err)
	}
	if s := c.Stats(); s.Reconnects != 0 {
		t.Fatalf("connection was dropped: %+v", s)
	}
	c.Close()
}
