package netflow

import "strconv"

//go:generate go run ../internal/cmd/genv9fields -o zfields.go

// FieldType is a NetFlow v9 field type (RFC 3954 section 8). Types 1–127
// are the IANA IPFIX Information Elements of the same number; see the
// generated Field constants and [FieldType.Name].
type FieldType uint16

// DataType is the abstract data type of a field (RFC 7012 section 3.1),
// which says how its bytes are to be read.
type DataType uint8

// Data types. DataUnknown is the type of field types the table does not
// know; their values are best shown as raw bytes.
const (
	DataUnknown DataType = iota
	DataUnsigned8
	DataUnsigned16
	DataUnsigned32
	DataUnsigned64
	DataSigned8
	DataSigned16
	DataSigned32
	DataSigned64
	DataFloat32
	DataFloat64
	DataBoolean
	DataMACAddress
	DataOctetArray
	DataString
	DataDateTimeSeconds
	DataDateTimeMilliseconds
	DataDateTimeMicroseconds
	DataDateTimeNanoseconds
	DataIPv4Address
	DataIPv6Address
	DataBasicList
	DataSubTemplateList
	DataSubTemplateMultiList
)

var dataTypeNames = [...]string{
	"unknown", "unsigned8", "unsigned16", "unsigned32", "unsigned64", "signed8", "signed16",
	"signed32", "signed64", "float32", "float64", "boolean", "macAddress", "octetArray", "string",
	"dateTimeSeconds", "dateTimeMilliseconds", "dateTimeMicroseconds", "dateTimeNanoseconds",
	"ipv4Address", "ipv6Address", "basicList", "subTemplateList", "subTemplateMultiList",
}

// String returns the RFC 7012 name of the data type, such as "unsigned32".
func (d DataType) String() string {
	if int(d) < len(dataTypeNames) {
		return dataTypeNames[d]
	}
	return "DataType(" + strconv.Itoa(int(d)) + ")"
}

type fieldInfo struct {
	id   uint16
	name string
	typ  DataType
}

func lookupField(t FieldType) *fieldInfo {
	lo, hi := 0, len(fieldTable)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if FieldType(fieldTable[m].id) < t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(fieldTable) && FieldType(fieldTable[lo].id) == t {
		return &fieldTable[lo]
	}
	return nil
}

// Name returns the IANA Information Element name of t (for example
// "sourceIPv4Address" for 8), or a NetFlow v9 name for types IANA does not
// define, or "" for a type the table does not know.
func (t FieldType) Name() string {
	if f := lookupField(t); f != nil {
		return f.name
	}
	return ""
}

// DataType returns the data type of t, or DataUnknown.
func (t FieldType) DataType() DataType {
	if f := lookupField(t); f != nil {
		return f.typ
	}
	return DataUnknown
}

// String returns t's name, or its number in decimal if it has none.
func (t FieldType) String() string {
	if n := t.Name(); n != "" {
		return n
	}
	return strconv.Itoa(int(t))
}

// ScopeType is the type of a scope field in a NetFlow v9 options template
// (RFC 3954 section 6.1). Its numbers overlap [FieldType]'s, so a scope
// field is always marked as such (see [Field.Scope]).
type ScopeType uint16

// Scope field types of RFC 3954.
const (
	ScopeSystem    ScopeType = 1
	ScopeInterface ScopeType = 2
	ScopeLineCard  ScopeType = 3
	ScopeCache     ScopeType = 4
	ScopeTemplate  ScopeType = 5
)

var scopeNames = [...]string{"", "scopeSystem", "scopeInterface", "scopeLineCard", "scopeCache", "scopeTemplate"}

// Name returns "scopeSystem", "scopeInterface", "scopeLineCard",
// "scopeCache" or "scopeTemplate", or "" for other values.
func (s ScopeType) Name() string {
	if s >= 1 && int(s) < len(scopeNames) {
		return scopeNames[s]
	}
	return ""
}

// String returns s's name, or "scope" followed by its number.
func (s ScopeType) String() string {
	if n := s.Name(); n != "" {
		return n
	}
	return "scope" + strconv.Itoa(int(s))
}
