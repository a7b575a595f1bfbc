package ovsdb

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// AtomType is an RFC 7047 <atomic-type>.
type AtomType string

// Atomic types.
const (
	TypeInteger AtomType = "integer"
	TypeReal    AtomType = "real"
	TypeBoolean AtomType = "boolean"
	TypeString  AtomType = "string"
	TypeUUID    AtomType = "uuid"
)

// Unlimited is ColumnType.Max for "unlimited".
const Unlimited = math.MaxInt

// Schema is a database schema (RFC 7047 §3.2), parsed from a .ovsschema file
// or a get_schema reply.
type Schema struct {
	Name    string
	Version string
	Cksum   string
	Tables  map[string]*TableSchema
}

// TableSchema describes one table.
type TableSchema struct {
	Name    string
	Columns map[string]*ColumnSchema
	MaxRows int64 // 0: unlimited
	IsRoot  bool
	Indexes [][]string
}

// ColumnSchema describes one column.
type ColumnSchema struct {
	Name      string
	Type      ColumnType
	Ephemeral bool
	Mutable   bool
}

// ColumnType is a column's <type>: Key alone for atoms and sets, Key and
// Value for maps, with Min/Max element counts (Max may be Unlimited).
type ColumnType struct {
	Key   BaseType
	Value *BaseType
	Min   int
	Max   int
}

// IsMap reports a map column.
func (t *ColumnType) IsMap() bool { return t.Value != nil }

// IsScalar reports a column holding exactly one atom.
func (t *ColumnType) IsScalar() bool { return t.Value == nil && t.Min == 1 && t.Max == 1 }

// IsOptional reports a column holding zero or one atom.
func (t *ColumnType) IsOptional() bool { return t.Value == nil && t.Min == 0 && t.Max == 1 }

// BaseType is a <base-type>: an atomic type with optional constraints.
type BaseType struct {
	Type                   AtomType
	Enum                   Value // a set of allowed atoms, or the zero Value
	MinInteger, MaxInteger *int64
	MinReal, MaxReal       *float64
	MinLength, MaxLength   *int64
	RefTable               string
	RefType                string // "strong" (default for refTable) or "weak"

	enum []atom
}

// ParseSchema parses a schema document.
func ParseSchema(b []byte) (*Schema, error) {
	var js struct {
		Name    string                     `json:"name"`
		Version string                     `json:"version"`
		Cksum   string                     `json:"cksum"`
		Tables  map[string]json.RawMessage `json:"tables"`
	}
	if err := json.Unmarshal(b, &js); err != nil {
		return nil, errors.New("ovsdb: schema: " + err.Error())
	}
	if js.Name == "" {
		return nil, errors.New("ovsdb: schema: missing name")
	}
	s := &Schema{Name: js.Name, Version: js.Version, Cksum: js.Cksum, Tables: make(map[string]*TableSchema, len(js.Tables))}
	for tn, raw := range js.Tables {
		var jt struct {
			Columns map[string]json.RawMessage `json:"columns"`
			MaxRows *int64                     `json:"maxRows"`
			IsRoot  bool                       `json:"isRoot"`
			Indexes [][]string                 `json:"indexes"`
		}
		if err := json.Unmarshal(raw, &jt); err != nil {
			return nil, errors.New("ovsdb: schema: table " + tn + ": " + err.Error())
		}
		t := &TableSchema{Name: tn, Columns: make(map[string]*ColumnSchema, len(jt.Columns)), IsRoot: jt.IsRoot, Indexes: jt.Indexes}
		if jt.MaxRows != nil {
			t.MaxRows = *jt.MaxRows
		}
		for cn, craw := range jt.Columns {
			var jc struct {
				Type      json.RawMessage `json:"type"`
				Ephemeral bool            `json:"ephemeral"`
				Mutable   *bool           `json:"mutable"`
			}
			if err := json.Unmarshal(craw, &jc); err != nil {
				return nil, errors.New("ovsdb: schema: column " + tn + "." + cn + ": " + err.Error())
			}
			ct, err := parseColumnType(jc.Type)
			if err != nil {
				return nil, errors.New("ovsdb: schema: column " + tn + "." + cn + ": " + err.Error())
			}
			t.Columns[cn] = &ColumnSchema{Name: cn, Type: ct, Ephemeral: jc.Ephemeral, Mutable: jc.Mutable == nil || *jc.Mutable}
		}
		s.Tables[tn] = t
	}
	return s, nil
}

// SameAs reports whether s and o are the same schema version, compared by
// name and checksum (falling back to version when a checksum is missing),
// not by the bytes of their JSON.
func (s *Schema) SameAs(o *Schema) bool {
	if s.Name != o.Name {
		return false
	}
	if s.Cksum != "" && o.Cksum != "" {
		return s.Cksum == o.Cksum
	}
	return s.Version == o.Version
}

// TableNames returns the table names, sorted.
func (s *Schema) TableNames() []string {
	out := make([]string, 0, len(s.Tables))
	for t := range s.Tables {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// ColumnNames returns the column names, sorted.
func (t *TableSchema) ColumnNames() []string {
	out := make([]string, 0, len(t.Columns))
	for c := range t.Columns {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

func parseColumnType(raw json.RawMessage) (ColumnType, error) {
	ct := ColumnType{Min: 1, Max: 1}
	if len(raw) > 0 && raw[0] == '"' {
		bt, err := parseBaseType(raw)
		ct.Key = bt
		return ct, err
	}
	var jt struct {
		Key   json.RawMessage `json:"key"`
		Value json.RawMessage `json:"value"`
		Min   *int            `json:"min"`
		Max   json.RawMessage `json:"max"`
	}
	if err := json.Unmarshal(raw, &jt); err != nil {
		return ct, err
	}
	var err error
	if ct.Key, err = parseBaseType(jt.Key); err != nil {
		return ct, err
	}
	if jt.Value != nil {
		v, err := parseBaseType(jt.Value)
		if err != nil {
			return ct, err
		}
		ct.Value = &v
	}
	if jt.Min != nil {
		ct.Min = *jt.Min
	}
	if jt.Max != nil {
		if string(jt.Max) == `"unlimited"` {
			ct.Max = Unlimited
		} else if err := json.Unmarshal(jt.Max, &ct.Max); err != nil {
			return ct, errors.New("bad max")
		}
	}
	if ct.Min < 0 || ct.Min > 1 || ct.Max < 1 || ct.Max < ct.Min {
		return ct, errors.New("bad min/max")
	}
	return ct, nil
}

func parseBaseType(raw json.RawMessage) (BaseType, error) {
	var bt BaseType
	if len(raw) == 0 {
		return bt, errors.New("missing key type")
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return bt, err
		}
		bt.Type = AtomType(s)
		return bt, checkAtomType(bt.Type)
	}
	var jb struct {
		Type       AtomType        `json:"type"`
		Enum       json.RawMessage `json:"enum"`
		MinInteger *int64          `json:"minInteger"`
		MaxInteger *int64          `json:"maxInteger"`
		MinReal    *float64        `json:"minReal"`
		MaxReal    *float64        `json:"maxReal"`
		MinLength  *int64          `json:"minLength"`
		MaxLength  *int64          `json:"maxLength"`
		RefTable   string          `json:"refTable"`
		RefType    string          `json:"refType"`
	}
	if err := json.Unmarshal(raw, &jb); err != nil {
		return bt, err
	}
	bt = BaseType{Type: jb.Type, MinInteger: jb.MinInteger, MaxInteger: jb.MaxInteger, MinReal: jb.MinReal, MaxReal: jb.MaxReal,
		MinLength: jb.MinLength, MaxLength: jb.MaxLength, RefTable: jb.RefTable, RefType: jb.RefType}
	if bt.RefTable != "" && bt.RefType == "" {
		bt.RefType = "strong"
	}
	if jb.Enum != nil {
		v, err := RawValue(append([]byte(nil), jb.Enum...))
		if err != nil {
			return bt, err
		}
		bt.Enum = v
		var dt datum
		_ = decodeDatumRaw2(v.raw, &dt)
		bt.enum = dt.keys
	}
	return bt, checkAtomType(bt.Type)
}

func checkAtomType(t AtomType) error {
	switch t {
	case TypeInteger, TypeReal, TypeBoolean, TypeString, TypeUUID:
		return nil
	}
	return errors.New("unknown atomic type " + strconv.Quote(string(t)))
}

// EnumStrings returns the allowed values of a string enum, sorted.
func (b *BaseType) EnumStrings() []string {
	var out []string
	for _, a := range b.enum {
		if a.kind == kindString {
			out = append(out, a.s)
		}
	}
	slices.Sort(out)
	return out
}

func withPlace(err error, table, column string) error {
	var ve *ValidationError
	if errors.As(err, &ve) {
		ve.Table, ve.Column = table, column
		return ve
	}
	return err
}

// Validate checks v against the column type: value shape, element count,
// atom types, integer/real ranges, string lengths (in code points) and UTF-8,
// enums, and that references are UUIDs or named UUIDs. The error is a
// [*ValidationError]; table and column are filled by the caller.
func (t *ColumnType) Validate(v Value) error {
	bad := func(reason string) error {
		return &ValidationError{Value: v.String(), Reason: reason, Kind: ErrConstraintViolation}
	}
	var small [4]atom
	seen := small[:0]
	n := 0
	var reason string
	isMap, err := walkValue(v.Bytes(), func(k, val atom, pair bool) error {
		n++
		if reason != "" {
			return nil
		}
		if r := t.Key.check(&k); r != "" {
			reason = r
			return nil
		}
		if pair && t.Value != nil {
			if r := t.Value.check(&val); r != "" {
				reason = r
				return nil
			}
		}
		if t.Max > 1 {
			for i := range seen {
				if seen[i] == k {
					reason = "duplicate element " + string(k.appendJSON(nil))
					return nil
				}
			}
			seen = append(seen, k)
		}
		return nil
	})
	if err != nil {
		return &ValidationError{Value: v.String(), Reason: err.Error(), Kind: ErrSyntax}
	}
	if isMap && t.Value == nil {
		return bad("map given for a non-map column")
	}
	if !isMap && t.Value != nil && n > 0 {
		return bad("set given for a map column")
	}
	if n < t.Min || n > t.Max {
		maxs := "unlimited"
		if t.Max != Unlimited {
			maxs = strconv.Itoa(t.Max)
		}
		return bad(strconv.Itoa(n) + " elements, want " + strconv.Itoa(t.Min) + " to " + maxs)
	}
	if reason != "" {
		return bad(reason)
	}
	return nil
}

func (b *BaseType) check(a *atom) string {
	var want atomKind
	switch b.Type {
	case TypeInteger:
		want = kindInteger
	case TypeReal:
		want = kindReal
	case TypeBoolean:
		want = kindBoolean
	case TypeString:
		want = kindString
	case TypeUUID:
		want = kindUUID
	}
	ok := a.kind == want || (want == kindReal && a.kind == kindInteger) || (want == kindUUID && a.kind == kindNamedUUID)
	if !ok {
		return a.kind.String() + " " + string(a.appendJSON(nil)) + " where " + string(b.Type) + " is required"
	}
	switch a.kind {
	case kindInteger:
		if want == kindReal {
			f := float64(a.i)
			return b.checkReal(f)
		}
		if (b.MinInteger != nil && a.i < *b.MinInteger) || (b.MaxInteger != nil && a.i > *b.MaxInteger) {
			return strconv.FormatInt(a.i, 10) + " is not in the valid range " + rangeText(b.MinInteger, b.MaxInteger)
		}
	case kindReal:
		if !checkReal(a.f) {
			return "real is not finite"
		}
		return b.checkReal(a.f)
	case kindString:
		if !utf8.ValidString(a.s) {
			return "string is not valid UTF-8"
		}
		n := int64(utf8.RuneCountInString(a.s))
		if (b.MinLength != nil && n < *b.MinLength) || (b.MaxLength != nil && n > *b.MaxLength) {
			return "string length " + strconv.FormatInt(n, 10) + " is not in the valid range " + rangeText(b.MinLength, b.MaxLength)
		}
	}
	if len(b.enum) > 0 && a.kind != kindNamedUUID {
		found := false
		for i := range b.enum {
			e := b.enum[i]
			if e == *a || (e.kind == kindInteger && a.kind == kindReal && float64(e.i) == a.f) {
				found = true
				break
			}
		}
		if !found {
			return string(a.appendJSON(nil)) + " is not one of the allowed values " + b.Enum.String()
		}
	}
	return ""
}

func (b *BaseType) checkReal(f float64) string {
	if (b.MinReal != nil && f < *b.MinReal) || (b.MaxReal != nil && f > *b.MaxReal) {
		return strconv.FormatFloat(f, 'g', -1, 64) + " is not in the valid range"
	}
	return ""
}

func rangeText(lo, hi *int64) string {
	s := "-inf"
	if lo != nil {
		s = strconv.FormatInt(*lo, 10)
	}
	s += " to "
	if hi != nil {
		return s + strconv.FormatInt(*hi, 10)
	}
	return s + "inf"
}
