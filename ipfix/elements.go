package ipfix

//go:generate go run ../internal/cmd/genipfix -o zelements.go

// Semantics is an element's data type semantics (RFC 7012 §3.2).
type Semantics uint8

// Data type semantics.
const (
	SemDefault Semantics = iota
	SemQuantity
	SemTotalCounter
	SemDeltaCounter
	SemIdentifier
	SemFlags
	SemList
	SemSNMPCounter
	SemSNMPGauge
)

// InfoElement describes an information element of the registry: IANA's
// (enterprise 0), its RFC 5103 reverse twins (enterprise 29305) and the
// vendor elements the package knows (VMware and Open vSwitch 6876, Cisco 9,
// NetScaler 5951, NetFlow v9 pseudo-enterprise 4294967294).
type InfoElement struct {
	ID         uint16
	Enterprise uint32
	Name       string
	Type       DataType
	Semantics  Semantics
}

// Lookup returns the registry entry of element id of enterprise ent, or
// nil if the registry does not know it. An unknown element still decodes,
// as octetArray with its numeric ID. The tables are immutable.
func Lookup(ent uint32, id uint16) *InfoElement {
	id &^= EnterpriseBit
	switch ent {
	case EnterpriseIANA:
		if int(id) < len(ianaElements) && ianaElements[id].Name != "" {
			return &ianaElements[id]
		}
		return nil
	case EnterpriseReverse:
		if int(id) < len(reverseElements) && reverseElements[id].Name != "" {
			return &reverseElements[id]
		}
		return nil
	}
	tab := vendorTable(ent)
	lo, hi := 0, len(tab)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if tab[m].ID < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(tab) && tab[lo].ID == id {
		return &tab[lo]
	}
	return nil
}

// LookupName returns the IANA element (enterprise 0) called name, or nil.
// It scans the table and is meant for setup, not for hot paths.
func LookupName(name string) *InfoElement {
	for i := range ianaElements {
		if ianaElements[i].Name == name {
			return &ianaElements[i]
		}
	}
	return nil
}
