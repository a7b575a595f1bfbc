package flowdb

import (
	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// Column names.
const (
	colUUID    = "_uuid"
	colVersion = "_version"
)

// decodeErr names the table and column of a value the server sent that
// does not have the type the schema promises.
type decodeErr struct {
	table, column string
	err           error
}

func (e *decodeErr) Error() string {
	return "flowdb: decoding " + e.table + "." + e.column + ": " + e.err.Error()
}
func (e *decodeErr) Unwrap() error { return e.err }

// rowReader decodes columns of one row, keeping the first error.
type rowReader struct {
	table string
	row   ovsdb.Row
	err   error
}

func (r *rowReader) fail(col string, err error) {
	if r.err == nil && err != nil {
		r.err = &decodeErr{table: r.table, column: col, err: err}
	}
}

func (r *rowReader) strings(col string) []string {
	v, err := ovsdb.DecodeSet[string](r.row[col])
	r.fail(col, err)
	return v
}

func (r *rowReader) int(col string) int {
	v, ok := r.row[col]
	if !ok {
		return 0
	}
	n, err := ovsdb.DecodeAtom[int64](v)
	r.fail(col, err)
	return int(n)
}

func (r *rowReader) bool(col string) bool {
	v, ok := r.row[col]
	if !ok {
		return false
	}
	b, err := ovsdb.DecodeAtom[bool](v)
	r.fail(col, err)
	return b
}

// optInt reads an optional integer; a column the server lacks is nil.
func (r *rowReader) optInt(col string) *int {
	p, err := ovsdb.DecodeOptional[int64](r.row[col])
	r.fail(col, err)
	if p == nil {
		return nil
	}
	return flowexport.Ptr(int(*p))
}

func (r *rowReader) optString(col string) *string {
	p, err := ovsdb.DecodeOptional[string](r.row[col])
	r.fail(col, err)
	return p
}

func (r *rowReader) optUUID(col string) *ovsdb.UUID {
	p, err := ovsdb.DecodeOptional[ovsdb.UUID](r.row[col])
	r.fail(col, err)
	return p
}

func (r *rowReader) uuid(col string) ovsdb.UUID {
	u, err := ovsdb.DecodeAtom[ovsdb.UUID](r.row[col])
	r.fail(col, err)
	return u
}

func (r *rowReader) stringMap(col string) map[string]string {
	if _, ok := r.row[col]; !ok {
		return nil
	}
	m, err := ovsdb.DecodeMap[string, string](r.row[col])
	r.fail(col, err)
	if len(m) == 0 {
		return nil
	}
	return m
}

func (r *rowReader) str(col string) string {
	s, err := ovsdb.DecodeAtom[string](r.row[col])
	r.fail(col, err)
	return s
}

func readNetFlow(row ovsdb.Row) (flowexport.NetFlow, error) {
	r := rowReader{table: flowexport.TableNetFlow, row: row}
	n := flowexport.NetFlow{
		Targets:          r.strings("targets"),
		ActiveTimeout:    r.int("active_timeout"),
		EngineType:       r.optInt("engine_type"),
		EngineID:         r.optInt("engine_id"),
		AddIDToInterface: r.bool("add_id_to_interface"),
	}
	return n, r.err
}

func readSFlow(row ovsdb.Row) (flowexport.SFlow, error) {
	r := rowReader{table: flowexport.TableSFlow, row: row}
	s := flowexport.SFlow{
		Targets:  r.strings("targets"),
		Sampling: r.optInt("sampling"),
		Polling:  r.optInt("polling"),
		Header:   r.optInt("header"),
		Agent:    r.optString("agent"),
	}
	return s, r.err
}

func readIPFIX(row ovsdb.Row) (flowexport.IPFIX, error) {
	r := rowReader{table: flowexport.TableIPFIX, row: row}
	x := flowexport.IPFIX{
		Targets:            r.strings("targets"),
		Sampling:           r.optInt("sampling"),
		ObsDomainID:        r.optInt("obs_domain_id"),
		ObsPointID:         r.optInt("obs_point_id"),
		CacheActiveTimeout: r.optInt("cache_active_timeout"),
		CacheMaxFlows:      r.optInt("cache_max_flows"),
		StatsInterval:      r.optInt("stats_interval"),
		TemplateInterval:   r.optInt("template_interval"),
		OtherConfig:        r.stringMap("other_config"),
	}
	return x, r.err
}

// Rows written by this package. Optional columns that are unset are left
// out of an insert (their default is the empty set), so a server whose
// schema lacks a column never sees it unless the caller set it.

func optInt(row ovsdb.Row, col string, p *int) {
	if p != nil {
		row[col] = ovsdb.AtomOf(int64(*p))
	}
}

func netFlowRow(n flowexport.NetFlow) ovsdb.Row {
	row := ovsdb.Row{
		"targets":             ovsdb.SetOf(n.Targets...),
		"active_timeout":      ovsdb.AtomOf(int64(n.ActiveTimeout)),
		"add_id_to_interface": ovsdb.AtomOf(n.AddIDToInterface),
	}
	optInt(row, "engine_type", n.EngineType)
	optInt(row, "engine_id", n.EngineID)
	return row
}

func sFlowRow(s flowexport.SFlow) ovsdb.Row {
	row := ovsdb.Row{"targets": ovsdb.SetOf(s.Targets...)}
	optInt(row, "sampling", s.Sampling)
	optInt(row, "polling", s.Polling)
	optInt(row, "header", s.Header)
	if s.Agent != nil {
		row["agent"] = ovsdb.AtomOf(*s.Agent)
	}
	return row
}

func ipfixRow(x flowexport.IPFIX) ovsdb.Row {
	row := ovsdb.Row{"targets": ovsdb.SetOf(sortedTargets(x)...)}
	optInt(row, "sampling", x.Sampling)
	optInt(row, "obs_domain_id", x.ObsDomainID)
	optInt(row, "obs_point_id", x.ObsPointID)
	optInt(row, "cache_active_timeout", x.CacheActiveTimeout)
	optInt(row, "cache_max_flows", x.CacheMaxFlows)
	optInt(row, "stats_interval", x.StatsInterval)
	optInt(row, "template_interval", x.TemplateInterval)
	if len(x.OtherConfig) > 0 {
		row["other_config"] = ovsdb.MapOf(x.OtherConfig)
	}
	return row
}

// ipfixNewColumns lists the IPFIX columns x sets that an older schema may
// lack.
func ipfixNewColumns(x *flowexport.IPFIX) []string {
	if x == nil {
		return nil
	}
	var cols []string
	if x.StatsInterval != nil {
		cols = append(cols, "stats_interval")
	}
	if x.TemplateInterval != nil {
		cols = append(cols, "template_interval")
	}
	return cols
}

// contentColumns returns the columns of a row as read, without _uuid and
// _version: what a wait compares to detect a concurrent change.
func contentColumns(row ovsdb.Row) ([]string, ovsdb.Row) {
	cols := make([]string, 0, len(row))
	out := make(ovsdb.Row, len(row))
	for k, v := range row {
		if k == colUUID || k == colVersion {
			continue
		}
		cols = append(cols, k)
		out[k] = v
	}
	return cols, out
}
