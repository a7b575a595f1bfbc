package ovsdb_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/vswitch"
)

// An operation list as ovs-vsctl sends it to attach a NetFlow collector:
// insert the row under a uuid-name and point the bridge at it.
func ExampleOperation() {
	nf := &vswitch.NetFlow{Targets: []string{"127.0.0.1:2055"}, ActiveTimeout: 60}
	ops := []ovsdb.Operation{
		ovsdb.Insert(vswitch.NetFlowTable, nf.ToRow("targets", "active_timeout"), "nf"),
		ovsdb.Update(vswitch.BridgeTable, ovsdb.Row{"netflow": ovsdb.AtomOf(ovsdb.NamedUUID("nf"))},
			ovsdb.Cond("name", ovsdb.FuncEQ, ovsdb.AtomOf("br0"))),
	}
	for _, op := range ops {
		b, _ := json.Marshal(op)
		fmt.Println(string(b))
	}
	// Output:
	// {"op":"insert","table":"NetFlow","row":{"active_timeout":60,"targets":"127.0.0.1:2055"},"uuid-name":"nf"}
	// {"op":"update","table":"Bridge","where":[["name","==","br0"]],"row":{"netflow":["named-uuid","nf"]}}
}

// Sets with one element are sent bare; both forms decode.
func ExampleSetOf() {
	fmt.Println(ovsdb.SetOf("a"))
	fmt.Println(ovsdb.SetOf("a", "b"))
	fmt.Println(ovsdb.SetOf[int64]())
	v, _ := ovsdb.RawValue([]byte(`["set",["x","y"]]`))
	s, _ := ovsdb.DecodeSet[string](v)
	fmt.Println(s)
	// Output:
	// "a"
	// ["set",["a","b"]]
	// ["set",[]]
	// [x y]
}

// Server errors match the exported kinds with errors.Is.
func ExampleError() {
	var r ovsdb.OperationResult
	_ = json.Unmarshal([]byte(`{"error":"constraint violation","details":"300 is not in the valid range 0 to 255 (inclusive)"}`), &r)
	var err error = r.Error
	fmt.Println(errors.Is(err, ovsdb.ErrConstraintViolation), errors.Is(err, ovsdb.ErrTimedOut))
	fmt.Println(err)
	// Output:
	// true false
	// ovsdb: constraint violation: 300 is not in the valid range 0 to 255 (inclusive)
}

// Values are checked against the column type before anything is sent.
func ExampleColumnType_Validate() {
	col := vswitch.Schema().Tables["NetFlow"].Columns["engine_id"]
	fmt.Println(col.Type.Validate(ovsdb.AtomOf(int64(300))))
	fmt.Println(col.Type.Validate(ovsdb.AtomOf(int64(3))))
	// Output:
	// ovsdb: value 300: 300 is not in the valid range 0 to 255
	// <nil>
}
