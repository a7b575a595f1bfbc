// Package ovsdb is a typed RFC 7047 JSON-RPC client for Open vSwitch
// databases, built on github.com/cenkalti/rpc2 with its own codec.
//
// Connect with [Dial] (endpoints "unix:PATH", "tcp:HOST:PORT",
// "ssl:HOST:PORT", several of them for a cluster) or [New] over any
// io.ReadWriteCloser, then run transactions built from the typed notation:
//
//	c, err := ovsdb.Dial(ctx, []string{"unix:/var/run/openvswitch/db.sock"}, nil)
//	…
//	res, err := c.Transact(ctx, "Open_vSwitch",
//		ovsdb.Insert("NetFlow", ovsdb.Row{"targets": ovsdb.SetOf("127.0.0.1:2055")}, "nf"),
//		ovsdb.Update("Bridge", ovsdb.Row{"netflow": ovsdb.AtomOf(ovsdb.NamedUUID("nf"))},
//			ovsdb.Cond("name", ovsdb.FuncEQ, ovsdb.AtomOf("br0"))))
//	if errors.Is(err, ovsdb.ErrConstraintViolation) { … }
//
// Typed table structs for the Open_vSwitch database live in the
// [github.com/ovsflow/ovsflow/ovsdb/vswitch] package (generated from the
// schema); [Cache] keeps a monitor-backed typed replica of them.
//
// # Notation
//
// Values are [Value]s (an atom, a set or a map, held as JSON text), built with
// [AtomOf], [SetOf], [MapOf], [OptionalOf], [EmptySet] and read with
// [DecodeAtom], [DecodeSet], [DecodeMap], [DecodeOptional]. A one-element set
// is sent bare, as ovsdb-server does. [UUID], [NamedUUID], [Set], [Map],
// [Condition], [Mutation], [Operation] and [OperationResult] marshal to and
// from RFC 7047 JSON. There is no interface{} in the API.
//
// # Errors
//
// A server error is an [*Error]; errors.Is matches it against the exported
// kinds ([ErrConstraintViolation], [ErrReferentialIntegrity], …). Values are
// validated against the server schema before sending ([*ValidationError]).
// Columns the server schema lacks (an older Open vSwitch) are dropped with a
// warning instead of failing. After Close, calls fail with an error matching
// net.ErrClosed; while disconnected, with [ErrNotConnected].
//
// # Cache
//
// [NewCache] monitors tables and keeps typed rows (ovsdb/vswitch models or
// any [Model]); read them with [CacheTable] (Get by UUID, Lookup by a schema
// or client index, List). [Cache.Subscribe] delivers insert/modify/delete
// events in order and never drops one: a slow subscriber slows the replica,
// not the connection. After a reconnection the cache resumes with
// monitor_cond_since when the server still has the transaction, otherwise it
// reloads and emits exactly the difference. [Cache.Sync] after
// [Client.Transact] waits until the cache reflects the transaction.
//
//	ca, _ := ovsdb.NewCache(ctx, c, vswitch.DatabaseName, []string{vswitch.BridgeTable}, vswitch.NewModel, nil)
//	br, ok := ovsdb.CacheTable[vswitch.Bridge](ca).Lookup(&vswitch.Bridge{Name: "br0"}, "name")
//
// # Clusters
//
// Give every member as an endpoint and set Config.LeaderOnly: the client
// connects only to the leader (checked in the _Server database), follows
// leadership changes, refuses a member whose log index is older than one
// already seen (stale), and moves on with capped backoff when its server
// fails.
//
// # Concurrency
//
// A Client is safe for concurrent use. Notifications (monitor updates, lock
// changes) are decoded and delivered on one goroutine in wire order; a slow
// handler applies back-pressure (nothing is dropped) but never delays replies
// or the answers to the server's echo requests. Every call takes a context;
// a cancelled call is removed from the pending set (at once on unix:, tcp:
// and ssl: connections, whose read is interrupted; on caller-supplied
// connections when the next message arrives), and a cancelled transact is
// cancelled on the server.
//
// # Reconnection
//
// A client made by Dial reconnects after losing its server (capped
// exponential backoff with jitter, endpoints reshuffled), re-establishes its
// monitors and lock requests, and only then serves calls again. A call in
// flight when the connection drops fails with an error matching
// [ErrNotConnected] (a transaction is not retried: it may have committed);
// a call made while reconnecting waits for the new connection, bounded by
// its context.
//
// # Limits
//
// One message from the server is at most Config.MaxMessageSize (512 MiB by
// default); JSON nesting is limited to 256 levels.
package ovsdb
