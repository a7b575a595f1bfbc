package exporter

import (
	"testing"
)

// TestTemplateCatalogue checks the 88 templates against OVS's catalogue
// (spec §4.3): IDs, field counts and record sizes, and the split into 18
// template messages of the lengths OVS 3.1 sends.
func TestTemplateCatalogue(t *testing.T) {
	// By (l2, l3, l4 class, tun, dir): field count for ingress/no tunnel.
	n := 0
	ids := map[uint16]bool{}
	forEachTemplate(func(id uint16, l2, l3, l4, tun, dir int) {
		n++
		if ids[id] {
			t.Errorf("template %d twice", id)
		}
		ids[id] = true
		f := templateFields(l2, l3, l4, tun, dir, false)
		base := 26
		switch {
		case l3 == l3IPv4 && l4 == l4None:
			base = 44
		case l3 == l3IPv4 && l4 == l4TCP:
			base = 52
		case l3 == l3IPv4:
			base = 46
		case l3 == l3IPv6 && l4 == l4None:
			base = 45
		case l3 == l3IPv6 && l4 == l4TCP:
			base = 53
		case l3 == l3IPv6:
			base = 47
		}
		wantFields := base + 4*dir + 7*tun + 3*l2
		if len(f) != wantFields {
			t.Errorf("template %d: %d fields, want %d", id, len(f), wantFields)
		}
		rec := appendTemplateRecord(nil, id, f)
		wantBytes := 4 + 4*wantFields + 4*7*tun
		if len(rec) != wantBytes {
			t.Errorf("template %d: %d bytes, want %d", id, len(rec), wantBytes)
		}
	})
	if n != 88 {
		t.Fatalf("%d templates, want 88", n)
	}
	for _, id := range []uint16{256, 259, 276, 283, 295, 316, 375} {
		if !ids[id] {
			t.Errorf("template %d missing", id)
		}
	}
	if got := templateID(2, 3, 5, 2, 2); got != ipfixOptionsID {
		t.Errorf("options template ID = %d, want 462", got)
	}
	msgs := templateMessages(false)
	wantLens := []int{1208, 1264, 1104, 1120, 1148, 1284, 1124, 1140, 1156, 1156, 1036, 1180, 1220, 1220, 1076, 1184, 1200, 556}
	if len(msgs) != len(wantLens) {
		t.Fatalf("%d template messages, want %d", len(msgs), len(wantLens))
	}
	for i, m := range msgs {
		if got := ipfixHeaderLen + 4 + len(m); got != wantLens[i] {
			t.Errorf("template message %d: %d bytes, want %d", i, got, wantLens[i])
		}
	}
}
