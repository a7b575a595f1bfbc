package ovsdb

import "github.com/ovsflow/ovsflow/ovsdb/internal/jsonx"

// DecodeApplyForBench decodes table-updates2 and converts every row to its
// model, returning the number of rows.
func DecodeApplyForBench(msg []byte, factory func(string) Model) int {
	tu, err := decodeTableUpdates(jsonx.NewDecoder(msg), 2, interner{})
	if err != nil {
		panic(err)
	}
	n := 0
	for t, rows := range tu {
		for u, ru := range rows {
			m := factory(t)
			if err := m.FromRow(ru.Row); err != nil {
				panic(err)
			}
			m.SetRowUUID(u)
			n++
		}
	}
	return n
}
