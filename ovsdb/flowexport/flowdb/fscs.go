package flowdb

import (
	"context"
	"fmt"
	"slices"

	"github.com/ovsflow/ovsflow/ovsdb"
	"github.com/ovsflow/ovsflow/ovsdb/flowexport"
)

// ListCollectorSets returns the Flow_Sample_Collector_Set rows of the
// selected bridges, sorted by bridge name then ID, as the database holds
// them.
func ListCollectorSets(ctx context.Context, tx Conn, sel Selector) ([]flowexport.FlowSampleCollectorSet, error) {
	s, err := read(ctx, tx, true)
	if err != nil {
		return nil, err
	}
	bs, err := s.selected(sel)
	if err != nil {
		return nil, err
	}
	var out []flowexport.FlowSampleCollectorSet
	for _, f := range s.collectorSets() {
		if f.err != nil {
			return nil, f.err
		}
		for _, b := range bs {
			if b.uuid == f.bridge {
				f.set.Bridge = b.name
				out = append(out, f.set)
			}
		}
	}
	slices.SortFunc(out, func(a, b flowexport.FlowSampleCollectorSet) int {
		if a.Bridge != b.Bridge {
			if a.Bridge < b.Bridge {
				return -1
			}
			return 1
		}
		return a.ID - b.ID
	})
	return out, nil
}

type fscsRow struct {
	uuid   ovsdb.UUID
	bridge ovsdb.UUID
	ipfix  *ovsdb.UUID
	row    ovsdb.Row
	set    flowexport.FlowSampleCollectorSet // Bridge not filled
	err    error
}

func (s *snapshot) collectorSets() []fscsRow {
	out := make([]fscsRow, 0, len(s.fscs))
	for _, row := range s.fscs {
		r := rowReader{table: flowexport.TableFlowSampleCollectorSet, row: row}
		f := fscsRow{uuid: r.uuid(colUUID), bridge: r.uuid("bridge"), ipfix: r.optUUID("ipfix"), row: row}
		f.set.ID = r.int("id")
		f.set.LocalGroupID = r.optInt("local_group_id")
		f.err = r.err
		if f.err == nil && f.ipfix != nil {
			if xr, ok := s.ipfix[*f.ipfix]; ok {
				x, err := readIPFIX(xr)
				slices.Sort(x.Targets)
				f.set.IPFIX, f.err = &x, err
			}
		}
		out = append(out, f)
	}
	return out
}

// AddCollectorSet adds the flow sample collector set set (its IPFIX row
// inserted and referenced in the same transaction), or replaces the set
// with the same ID on the same bridge. set is validated first; a rejected
// set changes nothing. Adding a set identical to the one present changes
// nothing. Unlike bridge NetFlow/sFlow/IPFIX rows, a collector set is a
// root row: it stays until [RemoveCollectorSet] deletes it (or its bridge
// is deleted).
func AddCollectorSet(ctx context.Context, tx Conn, set flowexport.FlowSampleCollectorSet, opts *Options) (*Result, error) {
	set, err := set.Canonical()
	if err != nil {
		return nil, err
	}
	return collectorSetTxn(ctx, tx, set.Bridge, set.ID, &set, opts)
}

// RemoveCollectorSet deletes the flow sample collector set with ID id on
// bridge (its IPFIX row goes with it). Removing a set that does not exist
// changes nothing and is not an error; a bridge that does not exist is
// ([ErrNoBridge]).
func RemoveCollectorSet(ctx context.Context, tx Conn, bridge string, id int, opts *Options) (*Result, error) {
	return collectorSetTxn(ctx, tx, bridge, id, nil, opts)
}

// collectorSetTxn makes the set (bridge, id) be want (nil: absent).
func collectorSetTxn(ctx context.Context, tx Conn, bridge string, id int, want *flowexport.FlowSampleCollectorSet, opts *Options) (*Result, error) {
	if want != nil && want.LocalGroupID != nil {
		ok, err := hasColumn(ctx, tx, flowexport.TableFlowSampleCollectorSet, "local_group_id")
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, &columnError{table: flowexport.TableFlowSampleCollectorSet, column: "local_group_id"}
		}
	}
	if want != nil && want.IPFIX != nil {
		for _, c := range ipfixNewColumns(want.IPFIX) {
			ok, err := hasColumn(ctx, tx, flowexport.TableIPFIX, c)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, &columnError{table: flowexport.TableIPFIX, column: c}
			}
		}
	}
	var lastErr error
	for attempt := 1; attempt <= opts.attempts(); attempt++ {
		s, err := read(ctx, tx, true)
		if err != nil {
			return nil, err
		}
		bs, err := s.selected(Bridges(bridge))
		if err != nil {
			return nil, err
		}
		b := bs[0]
		var cur *fscsRow
		for _, f := range s.collectorSets() {
			if f.bridge == b.uuid && f.set.ID == id {
				if f.err != nil {
					return nil, f.err
				}
				cur = &f
				break
			}
		}
		var ops []ovsdb.Operation
		switch {
		case want == nil && cur == nil:
			return &Result{Attempts: attempt}, nil
		case want == nil:
			ops = append(ops, ovsdb.Delete(flowexport.TableFlowSampleCollectorSet, ovsdb.WhereUUID(cur.uuid)))
		case cur != nil && sameSet(cur.set, *want):
			return &Result{Attempts: attempt}, nil
		default:
			row := ovsdb.Row{"ipfix": ovsdb.EmptySet()}
			if want.IPFIX != nil {
				ops = append(ops, ovsdb.Insert(flowexport.TableIPFIX, ipfixRow(*want.IPFIX), "fscs_ipfix"))
				row["ipfix"] = ovsdb.AtomOf(ovsdb.NamedUUID("fscs_ipfix"))
			}
			if want.LocalGroupID != nil {
				row["local_group_id"] = ovsdb.AtomOf(int64(*want.LocalGroupID))
			} else if cur != nil {
				if _, ok := cur.row["local_group_id"]; ok {
					row["local_group_id"] = ovsdb.EmptySet()
				}
			}
			if cur == nil {
				row["id"] = ovsdb.AtomOf(int64(id))
				row["bridge"] = ovsdb.AtomOf(b.uuid)
				ops = append(ops, ovsdb.Insert(flowexport.TableFlowSampleCollectorSet, row, ""))
			} else {
				ops = append(ops, ovsdb.Update(flowexport.TableFlowSampleCollectorSet, row, ovsdb.WhereUUID(cur.uuid)))
			}
		}
		if cur == nil {
			// Still no set (id, bridge): another client adding it first
			// makes this attempt fail and retry, not a constraint error.
			ops = append([]ovsdb.Operation{ovsdb.Wait(flowexport.TableFlowSampleCollectorSet,
				[]ovsdb.Condition{ovsdb.Cond("id", ovsdb.FuncEQ, ovsdb.AtomOf(int64(id))), ovsdb.Cond("bridge", ovsdb.FuncEQ, ovsdb.AtomOf(b.uuid))},
				[]string{"id"}, ovsdb.FuncEQ, []ovsdb.Row{}, &zero)}, ops...)
		} else {
			cols, content := contentColumns(cur.row)
			ops = append([]ovsdb.Operation{ovsdb.Wait(flowexport.TableFlowSampleCollectorSet,
				[]ovsdb.Condition{ovsdb.WhereUUID(cur.uuid)}, cols, ovsdb.FuncEQ, []ovsdb.Row{content}, &zero)}, ops...)
		}
		// The bridge must still be the one we read (not renamed or
		// deleted and re-created).
		ops = append([]ovsdb.Operation{ovsdb.Wait("Bridge", []ovsdb.Condition{ovsdb.WhereUUID(b.uuid)},
			[]string{"name"}, ovsdb.FuncEQ, []ovsdb.Row{{"name": ovsdb.AtomOf(b.name)}}, &zero)}, ops...)
		nextIdx := -1
		if opts != nil && opts.WaitApplied {
			ops = append(ops,
				ovsdb.MutateOp("Open_vSwitch", []ovsdb.Mutation{ovsdb.Mutate("next_cfg", ovsdb.MutateAdd, ovsdb.AtomOf(int64(1)))}),
				ovsdb.Select("Open_vSwitch", []string{"next_cfg"}))
			nextIdx = len(ops) - 1
		}
		comment := fmt.Sprintf("flowexport: collector set %d on bridge %q", id, bridge)
		if opts != nil && opts.Comment != "" {
			comment = opts.Comment
		}
		ops = append(ops, ovsdb.Comment(comment))
		res, err := transact(ctx, tx, ops)
		if err != nil {
			if isWaitFailure(err, ops) {
				lastErr = err
				if err := backoff(ctx, attempt); err != nil {
					return nil, err
				}
				continue
			}
			return nil, err
		}
		r := &Result{Changed: []string{b.name}, Attempts: attempt}
		if nextIdx >= 0 {
			if r.NextCfg, err = nextCfg(res[nextIdx]); err != nil {
				return r, err
			}
			return r, waitApplied(ctx, tx, r.NextCfg)
		}
		return r, nil
	}
	return nil, fmt.Errorf("%w: %d attempts: %w", ErrConflict, opts.attempts(), lastErr)
}

func sameSet(a, b flowexport.FlowSampleCollectorSet) bool {
	if a.ID != b.ID || !eqIPFIX(a.IPFIX, b.IPFIX) {
		return false
	}
	if a.LocalGroupID == nil || b.LocalGroupID == nil {
		return a.LocalGroupID == b.LocalGroupID
	}
	return *a.LocalGroupID == *b.LocalGroupID
}
