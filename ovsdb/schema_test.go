package ovsdb_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/vswitch"
)

func TestValidate(t *testing.T) {
	s := vswitch.Schema()
	col := func(table, column string) *ovsdb.ColumnType { return &s.Tables[table].Columns[column].Type }
	tests := []struct {
		table, column string
		v             ovsdb.Value
		want          string // substring of the error, "" for valid
	}{
		{"NetFlow", "engine_id", ovsdb.AtomOf(int64(255)), ""},
		{"NetFlow", "engine_id", ovsdb.AtomOf(int64(256)), "not in the valid range 0 to 255"},
		{"NetFlow", "engine_id", ovsdb.EmptySet(), ""},
		{"NetFlow", "engine_id", ovsdb.SetOf[int64](1, 2), "2 elements, want 0 to 1"},
		{"NetFlow", "targets", ovsdb.EmptySet(), "0 elements, want 1 to unlimited"},
		{"NetFlow", "targets", ovsdb.SetOf("a", "a"), "duplicate element"},
		{"NetFlow", "active_timeout", ovsdb.AtomOf("60"), "string \"60\" where integer is required"},
		{"IPFIX", "cache_active_timeout", ovsdb.AtomOf(int64(5000)), "not in the valid range 0 to 4200"},
		{"IPFIX", "sampling", ovsdb.AtomOf(int64(0)), "not in the valid range 1 to"},
		{"Bridge", "fail_mode", ovsdb.AtomOf("secure"), ""},
		{"Bridge", "fail_mode", ovsdb.AtomOf("open"), "not one of the allowed values"},
		{"Bridge", "netflow", ovsdb.AtomOf(ovsdb.NamedUUID("nf")), ""},
		{"Bridge", "netflow", ovsdb.AtomOf("nf"), "where uuid is required"},
		{"Bridge", "external_ids", ovsdb.MapOf(map[string]string{"a": "b"}), ""},
		{"Bridge", "external_ids", ovsdb.SetOf("a"), "set given for a map column"},
		{"Bridge", "name", ovsdb.MapOf(map[string]string{"a": "b"}), "map given for a non-map column"},
		{"Flow_Sample_Collector_Set", "id", ovsdb.AtomOf(int64(-1)), "not in the valid range 0 to 4294967295"},
	}
	for _, tt := range tests {
		err := col(tt.table, tt.column).Validate(tt.v)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("Validate(%s.%s, %s) = %v, want nil", tt.table, tt.column, tt.v, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("Validate(%s.%s, %s) = %v, want %q", tt.table, tt.column, tt.v, err, tt.want)
		case tt.want != "" && !errors.Is(err, ovsdb.ErrConstraintViolation):
			t.Errorf("Validate(%s.%s, %s) = %v, not a constraint violation", tt.table, tt.column, tt.v, err)
		}
	}
}

func TestSchemaSameAs(t *testing.T) {
	a := vswitch.Schema()
	b := vswitch.Schema()
	b.Version = "other"
	if !a.SameAs(b) {
		t.Fatal("same cksum, different version: not SameAs")
	}
	b.Cksum = "1 2"
	if a.SameAs(b) {
		t.Fatal("different cksum: SameAs")
	}
}
