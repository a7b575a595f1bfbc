package ovsdb

import (
	"errors"
	"slices"
	"strconv"

	"github.com/ovsflow/ovsflow/ovsdb/internal/jsonx"
)

// Row is a table row: column name → value. It may hold only some columns.
type Row map[string]Value

// MarshalJSON encodes the row as a JSON object, columns sorted.
func (r Row) MarshalJSON() ([]byte, error) { return r.appendJSON(nil), nil }

func (r Row) appendJSON(b []byte) []byte {
	cols := make([]string, 0, len(r))
	for c := range r {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	b = append(b, '{')
	for i, c := range cols {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonx.AppendString(b, c)
		b = append(b, ':')
		b = append(b, r[c].Bytes()...)
	}
	return append(b, '}')
}

// UnmarshalJSON decodes a row object.
func (r *Row) UnmarshalJSON(b []byte) error {
	d := jsonx.NewDecoder(append([]byte(nil), b...))
	row, err := decodeRow(d, nil)
	if err != nil {
		return err
	}
	if err := d.End(); err != nil {
		return decodeErr("row", d, err)
	}
	*r = row
	return nil
}

// interner returns canonical strings for column and table names so that
// decoding rows doesn't allocate a key string per cell.
type interner map[string]string

func (in interner) get(b []byte) string {
	if in == nil {
		return string(b)
	}
	if s, ok := in[string(b)]; ok {
		return s
	}
	if len(in) >= 4096 {
		return string(b)
	}
	s := string(b)
	in[s] = s
	return s
}

// decodeRow reads a row object; values alias d's buffer and are checked
// when read.
func decodeRow(d *jsonx.Decoder, in interner) (Row, error) {
	if !d.BeginObject() {
		return nil, decodeErr("row", d, d.Err())
	}
	row := make(Row, 8)
	for d.More() {
		k := d.Key()
		raw := d.Skip()
		if d.Err() != nil {
			return nil, decodeErr("row", d, d.Err())
		}
		// The value is only located here; it is checked when it is read
		// (DecodeAtom, DecodeSet, a model's FromRow…), so each value is
		// parsed once.
		row[in.get(k)] = Value{raw: raw}
	}
	if d.Err() != nil {
		return nil, decodeErr("row", d, d.Err())
	}
	return row, nil
}

// Function is a condition function.
type Function string

// Condition functions (RFC 7047 §5.1).
const (
	FuncLT       Function = "<"
	FuncLE       Function = "<="
	FuncEQ       Function = "=="
	FuncNE       Function = "!="
	FuncGE       Function = ">="
	FuncGT       Function = ">"
	FuncIncludes Function = "includes"
	FuncExcludes Function = "excludes"
	// FuncTrue and FuncFalse make the JSON boolean conditions that
	// monitor_cond accepts; Column and Value are ignored.
	FuncTrue  Function = "true"
	FuncFalse Function = "false"
)

// Condition is [column, function, value].
type Condition struct {
	Column   string
	Function Function
	Value    Value
}

// Cond returns the condition column function value.
func Cond(column string, f Function, v Value) Condition {
	return Condition{Column: column, Function: f, Value: v}
}

// WhereUUID returns the condition _uuid == u.
func WhereUUID(u UUID) Condition { return Cond("_uuid", FuncEQ, AtomOf(u)) }

// MarshalJSON encodes [column, function, value] or a boolean.
func (c Condition) MarshalJSON() ([]byte, error) { return c.appendJSON(nil) }

func (c Condition) appendJSON(b []byte) ([]byte, error) {
	switch c.Function {
	case FuncTrue:
		return append(b, "true"...), nil
	case FuncFalse:
		return append(b, "false"...), nil
	case FuncLT, FuncLE, FuncEQ, FuncNE, FuncGE, FuncGT, FuncIncludes, FuncExcludes:
	default:
		return b, errors.New("ovsdb: unknown condition function " + strconv.Quote(string(c.Function)))
	}
	b = append(b, '[')
	b = jsonx.AppendString(b, c.Column)
	b = append(b, ',')
	b = jsonx.AppendString(b, string(c.Function))
	b = append(b, ',')
	b = append(b, c.Value.Bytes()...)
	return append(b, ']'), nil
}

// UnmarshalJSON decodes a condition.
func (c *Condition) UnmarshalJSON(b []byte) error {
	d := jsonx.NewDecoder(append([]byte(nil), b...))
	if err := c.decode(d); err != nil {
		return err
	}
	if err := d.End(); err != nil {
		return decodeErr("condition", d, err)
	}
	return nil
}

func (c *Condition) decode(d *jsonx.Decoder) error {
	if d.Peek() == jsonx.Bool {
		*c = Condition{Function: FuncFalse}
		if d.Bool() {
			c.Function = FuncTrue
		}
		return nil
	}
	if !d.BeginArray() || !d.More() {
		return decodeErr("condition", d, orSyntax(d.Err()))
	}
	c.Column = string(d.StringBytes())
	if !d.More() {
		return decodeErr("condition", d, orSyntax(d.Err()))
	}
	c.Function = Function(d.StringBytes())
	if !d.More() {
		return decodeErr("condition", d, orSyntax(d.Err()))
	}
	raw := d.Skip()
	var dt datum
	if d.Err() == nil {
		if err := decodeDatumRaw2(raw, &dt); err != nil {
			return err
		}
	}
	c.Value = Value{raw: raw}
	if d.More() {
		return decodeErr("condition", d, jsonx.ErrSyntax)
	}
	if d.Err() != nil {
		return decodeErr("condition", d, d.Err())
	}
	switch c.Function {
	case FuncLT, FuncLE, FuncEQ, FuncNE, FuncGE, FuncGT, FuncIncludes, FuncExcludes:
		return nil
	}
	return &DecodeError{What: "condition function", Err: errors.New(strconv.Quote(string(c.Function)))}
}

func orSyntax(err error) error {
	if err == nil {
		return jsonx.ErrSyntax
	}
	return err
}

// Mutator is a mutation operator.
type Mutator string

// Mutators (RFC 7047 §5.1).
const (
	MutateAdd    Mutator = "+="
	MutateSub    Mutator = "-="
	MutateMul    Mutator = "*="
	MutateDiv    Mutator = "/="
	MutateMod    Mutator = "%="
	MutateInsert Mutator = "insert"
	MutateDelete Mutator = "delete"
)

// Mutation is [column, mutator, value].
type Mutation struct {
	Column  string
	Mutator Mutator
	Value   Value
}

// Mutate returns the mutation column mutator value.
func Mutate(column string, m Mutator, v Value) Mutation {
	return Mutation{Column: column, Mutator: m, Value: v}
}

// MarshalJSON encodes [column, mutator, value].
func (m Mutation) MarshalJSON() ([]byte, error) { return m.appendJSON(nil) }

func (m Mutation) appendJSON(b []byte) ([]byte, error) {
	switch m.Mutator {
	case MutateAdd, MutateSub, MutateMul, MutateDiv, MutateMod, MutateInsert, MutateDelete:
	default:
		return b, errors.New("ovsdb: unknown mutator " + strconv.Quote(string(m.Mutator)))
	}
	b = append(b, '[')
	b = jsonx.AppendString(b, m.Column)
	b = append(b, ',')
	b = jsonx.AppendString(b, string(m.Mutator))
	b = append(b, ',')
	b = append(b, m.Value.Bytes()...)
	return append(b, ']'), nil
}

// UnmarshalJSON decodes a mutation.
func (m *Mutation) UnmarshalJSON(b []byte) error {
	var c Condition
	d := jsonx.NewDecoder(append([]byte(nil), b...))
	if !d.BeginArray() || !d.More() {
		return decodeErr("mutation", d, orSyntax(d.Err()))
	}
	c.Column = string(d.StringBytes())
	if !d.More() {
		return decodeErr("mutation", d, orSyntax(d.Err()))
	}
	mut := Mutator(d.StringBytes())
	if !d.More() {
		return decodeErr("mutation", d, orSyntax(d.Err()))
	}
	raw := d.Skip()
	if d.Err() == nil {
		var dt datum
		if err := decodeDatumRaw2(raw, &dt); err != nil {
			return err
		}
	}
	if d.More() || d.End() != nil {
		return decodeErr("mutation", d, orSyntax(d.Err()))
	}
	switch mut {
	case MutateAdd, MutateSub, MutateMul, MutateDiv, MutateMod, MutateInsert, MutateDelete:
	default:
		return &DecodeError{What: "mutator", Err: errors.New(strconv.Quote(string(mut)))}
	}
	*m = Mutation{Column: c.Column, Mutator: mut, Value: Value{raw: raw}}
	return nil
}

// OpKind names a transaction operation.
type OpKind string

// The ten operations of RFC 7047 §5.2.
const (
	OpInsert  OpKind = "insert"
	OpSelect  OpKind = "select"
	OpUpdate  OpKind = "update"
	OpMutate  OpKind = "mutate"
	OpDelete  OpKind = "delete"
	OpWait    OpKind = "wait"
	OpCommit  OpKind = "commit"
	OpAbort   OpKind = "abort"
	OpComment OpKind = "comment"
	OpAssert  OpKind = "assert"
)

// Operation is one operation of a transact request. Build it with the
// constructors ([Insert], [Select], [Update], [MutateOp], [Delete], [Wait],
// [Commit], [Abort], [Comment], [Assert]) or fill the fields used by Op.
type Operation struct {
	Op        OpKind
	Table     string
	Row       Row         // insert, update
	Rows      []Row       // wait
	Where     []Condition // select, update, mutate, delete, wait (always sent)
	Columns   []string    // select, wait (nil = all)
	Mutations []Mutation  // mutate
	UUIDName  NamedUUID   // insert: name to refer to the new row
	UUID      UUID        // insert: explicit uuid (ovsdb-server ≥ 2.13) when non-zero
	Until     Function    // wait: FuncEQ or FuncNE
	Timeout   *int64      // wait: milliseconds, nil = forever
	Durable   bool        // commit
	Comment   string      // comment
	Lock      string      // assert
}

// Insert returns an insert of row into table, optionally named uuidName.
func Insert(table string, row Row, uuidName NamedUUID) Operation {
	return Operation{Op: OpInsert, Table: table, Row: row, UUIDName: uuidName}
}

// Select returns a select of columns (nil: all) of the rows matching where.
func Select(table string, columns []string, where ...Condition) Operation {
	return Operation{Op: OpSelect, Table: table, Columns: columns, Where: where}
}

// Update returns an update setting row on the rows matching where.
func Update(table string, row Row, where ...Condition) Operation {
	return Operation{Op: OpUpdate, Table: table, Row: row, Where: where}
}

// MutateOp returns a mutate of the rows matching where.
func MutateOp(table string, mutations []Mutation, where ...Condition) Operation {
	return Operation{Op: OpMutate, Table: table, Mutations: mutations, Where: where}
}

// Delete returns a delete of the rows matching where.
func Delete(table string, where ...Condition) Operation {
	return Operation{Op: OpDelete, Table: table, Where: where}
}

// Wait returns a wait until the columns of the rows matching where are (until
// FuncEQ) or are not (FuncNE) exactly rows; timeout nil waits forever.
func Wait(table string, where []Condition, columns []string, until Function, rows []Row, timeout *int64) Operation {
	return Operation{Op: OpWait, Table: table, Where: where, Columns: columns, Until: until, Rows: rows, Timeout: timeout}
}

// Commit returns a commit operation.
func Commit(durable bool) Operation { return Operation{Op: OpCommit, Durable: durable} }

// Abort returns an abort operation.
func Abort() Operation { return Operation{Op: OpAbort} }

// Comment returns a comment operation.
func Comment(text string) Operation { return Operation{Op: OpComment, Comment: text} }

// Assert returns an assert of lock ownership.
func Assert(lock string) Operation { return Operation{Op: OpAssert, Lock: lock} }

// MarshalJSON encodes the operation object.
func (o Operation) MarshalJSON() ([]byte, error) { return o.appendJSON(nil) }

func appendKey(b []byte, k string) []byte {
	if b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = append(b, '"')
	b = append(b, k...)
	return append(b, '"', ':')
}

func appendWhere(b []byte, where []Condition) ([]byte, error) {
	b = append(b, '[')
	for i, c := range where {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = c.appendJSON(b); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonx.AppendString(b, s)
	}
	return append(b, ']')
}

func (o Operation) appendJSON(b []byte) ([]byte, error) {
	var err error
	b = append(b, `{"op":`...)
	b = jsonx.AppendString(b, string(o.Op))
	needTable := true
	switch o.Op {
	case OpCommit, OpAbort, OpComment, OpAssert:
		needTable = false
	case OpInsert, OpSelect, OpUpdate, OpMutate, OpDelete, OpWait:
	default:
		return b, errors.New("ovsdb: unknown operation " + strconv.Quote(string(o.Op)))
	}
	if needTable {
		if o.Table == "" {
			return b, errors.New("ovsdb: " + string(o.Op) + " without table")
		}
		b = appendKey(b, "table")
		b = jsonx.AppendString(b, o.Table)
	}
	switch o.Op {
	case OpInsert:
		b = appendKey(b, "row")
		b = o.Row.appendJSON(b)
		if o.UUIDName != "" {
			if !o.UUIDName.Valid() {
				return b, errors.New("ovsdb: invalid uuid-name " + strconv.Quote(string(o.UUIDName)))
			}
			b = appendKey(b, "uuid-name")
			b = jsonx.AppendString(b, string(o.UUIDName))
		}
		if !o.UUID.IsZero() {
			// ovsdb-server takes the explicit uuid as a plain string.
			b = appendKey(b, "uuid")
			b = append(b, '"')
			b = o.UUID.appendText(b)
			b = append(b, '"')
		}
	case OpSelect, OpUpdate, OpMutate, OpDelete, OpWait:
		b = appendKey(b, "where")
		if b, err = appendWhere(b, o.Where); err != nil {
			return b, err
		}
		switch o.Op {
		case OpSelect:
			if o.Columns != nil {
				b = appendKey(b, "columns")
				b = appendStrings(b, o.Columns)
			}
		case OpUpdate:
			b = appendKey(b, "row")
			b = o.Row.appendJSON(b)
		case OpMutate:
			b = appendKey(b, "mutations")
			b = append(b, '[')
			for i, m := range o.Mutations {
				if i > 0 {
					b = append(b, ',')
				}
				if b, err = m.appendJSON(b); err != nil {
					return b, err
				}
			}
			b = append(b, ']')
		case OpWait:
			if o.Columns != nil {
				b = appendKey(b, "columns")
				b = appendStrings(b, o.Columns)
			}
			until := o.Until
			if until == "" {
				until = FuncEQ
			}
			if until != FuncEQ && until != FuncNE {
				return b, errors.New("ovsdb: wait until must be == or !=")
			}
			b = appendKey(b, "until")
			b = jsonx.AppendString(b, string(until))
			b = appendKey(b, "rows")
			b = append(b, '[')
			for i, r := range o.Rows {
				if i > 0 {
					b = append(b, ',')
				}
				b = r.appendJSON(b)
			}
			b = append(b, ']')
			if o.Timeout != nil {
				b = appendKey(b, "timeout")
				b = strconv.AppendInt(b, *o.Timeout, 10)
			}
		}
	case OpCommit:
		b = appendKey(b, "durable")
		b = strconv.AppendBool(b, o.Durable)
	case OpComment:
		b = appendKey(b, "comment")
		b = jsonx.AppendString(b, o.Comment)
	case OpAssert:
		b = appendKey(b, "lock")
		b = jsonx.AppendString(b, o.Lock)
	}
	return append(b, '}'), nil
}

// OperationResult is the result of one operation. Which fields are set
// depends on the operation: UUID for insert, Rows for select, Count for
// update/mutate/delete. Error is non-nil for the operation that failed.
type OperationResult struct {
	UUID     UUID
	Rows     []Row
	Count    int64
	HasCount bool
	Error    *Error
}

// MarshalJSON encodes the result object.
func (r OperationResult) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	if r.Error != nil {
		b = appendErrorObject(b, r.Error)
		return b[1:], nil
	}
	if !r.UUID.IsZero() {
		b = appendKey(b, "uuid")
		b = appendUUIDJSON(b, r.UUID)
	}
	if r.Rows != nil {
		b = appendKey(b, "rows")
		b = append(b, '[')
		for i, row := range r.Rows {
			if i > 0 {
				b = append(b, ',')
			}
			b = row.appendJSON(b)
		}
		b = append(b, ']')
	}
	if r.HasCount {
		b = appendKey(b, "count")
		b = strconv.AppendInt(b, r.Count, 10)
	}
	return append(b, '}'), nil
}

func appendErrorObject(b []byte, e *Error) []byte {
	b = append(b, `{"error":`...)
	b = jsonx.AppendString(b, e.Err)
	if e.Details != "" {
		b = append(b, `,"details":`...)
		b = jsonx.AppendString(b, e.Details)
	}
	if e.Syntax != "" {
		b = append(b, `,"syntax":`...)
		b = jsonx.AppendString(b, e.Syntax)
	}
	return append(b, '}')
}

// UnmarshalJSON decodes one result object.
func (r *OperationResult) UnmarshalJSON(b []byte) error {
	d := jsonx.NewDecoder(append([]byte(nil), b...))
	if err := r.decode(d, nil, -1); err != nil {
		return err
	}
	if err := d.End(); err != nil {
		return decodeErr("operation result", d, err)
	}
	return nil
}

func (r *OperationResult) decode(d *jsonx.Decoder, in interner, index int) error {
	*r = OperationResult{}
	if !d.BeginObject() {
		return decodeErr("operation result", d, d.Err())
	}
	var e Error
	isErr := false
	for d.More() {
		k := d.Key()
		switch string(k) {
		case "uuid":
			var a atom
			if err := decodeAtom(d, &a); err != nil {
				return err
			}
			if a.kind != kindUUID {
				return &DecodeError{What: "result uuid", Offset: d.Offset(), Err: jsonx.ErrType}
			}
			r.UUID = a.u
		case "rows":
			if !d.BeginArray() {
				return decodeErr("result rows", d, d.Err())
			}
			r.Rows = []Row{}
			for d.More() {
				row, err := decodeRow(d, in)
				if err != nil {
					return err
				}
				r.Rows = append(r.Rows, row)
			}
		case "count":
			r.Count = d.Int()
			r.HasCount = true
		case "error":
			isErr = true
			if d.Null() {
				isErr = false
				continue
			}
			e.Err = string(d.StringBytes())
		case "details":
			if !d.Null() {
				if d.Peek() == jsonx.String {
					e.Details = string(d.StringBytes())
				} else {
					e.Details = string(d.Skip())
				}
			}
		case "syntax":
			if !d.Null() {
				if d.Peek() == jsonx.String {
					e.Syntax = string(d.StringBytes())
				} else {
					e.Syntax = string(d.Skip())
				}
			}
		default:
			d.Skip()
		}
		if d.Err() != nil {
			return decodeErr("operation result", d, d.Err())
		}
	}
	if d.Err() != nil {
		return decodeErr("operation result", d, d.Err())
	}
	if isErr {
		e.Index = index
		r.Error = &e
	}
	return nil
}

// decodeRPCError reads a JSON-RPC error: a string or an object
// {"error","details","syntax"}.
func decodeRPCError(d *jsonx.Decoder) (*Error, error) {
	switch d.Peek() {
	case jsonx.String:
		return &Error{Err: string(d.StringBytes()), Index: -1}, nil
	case jsonx.Object:
		var r OperationResult
		if err := r.decode(d, nil, -1); err != nil {
			return nil, err
		}
		if r.Error == nil {
			return &Error{Err: "unknown error", Index: -1}, nil
		}
		return r.Error, nil
	}
	raw := d.Skip()
	if d.Err() != nil {
		return nil, decodeErr("error", d, d.Err())
	}
	return &Error{Err: "unknown error", Details: string(raw), Index: -1}, nil
}

// decodeTransactResult reads the transact result array. Null elements
// (operations not executed after a failure) become zero results.
func decodeTransactResult(d *jsonx.Decoder, in interner) ([]OperationResult, error) {
	if !d.BeginArray() {
		return nil, decodeErr("transact result", d, d.Err())
	}
	var out []OperationResult
	for d.More() {
		var r OperationResult
		if !d.Null() {
			if err := r.decode(d, in, len(out)); err != nil {
				return nil, err
			}
		}
		out = append(out, r)
		if len(out) > 1<<20 {
			return nil, decodeErr("transact result", d, errors.New("too many results"))
		}
	}
	if d.Err() != nil {
		return nil, decodeErr("transact result", d, d.Err())
	}
	return out, nil
}
