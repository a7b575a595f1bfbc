package ipfix

// Version is the IPFIX message version number (RFC 7011 §3.1).
const Version = 10

// HeaderLen is the length of the message header.
const HeaderLen = 16

// Set IDs with a fixed meaning (RFC 7011 §3.3.2).
const (
	SetIDTemplate        = 2   // Template Set
	SetIDOptionsTemplate = 3   // Options Template Set
	MinDataSetID         = 256 // Data Sets use the template ID, 256 and up
)

// VarLen is the field length that marks a variable-length field in a
// template (RFC 7011 §7).
const VarLen = 0xFFFF

// EnterpriseBit is the high bit of a field specifier's element ID that says
// an enterprise number follows.
const EnterpriseBit = 0x8000

// Well-known enterprise numbers.
const (
	EnterpriseIANA      = 0     // IANA elements
	EnterpriseCisco     = 9     // Cisco
	EnterpriseNetScaler = 5951  // Citrix NetScaler
	EnterpriseVMware    = 6876  // VMware (and Open vSwitch's tunnel elements 891–898)
	EnterpriseReverse   = 29305 // RFC 5103 reverse direction of IANA elements
	// EnterpriseNetFlow is the pseudo enterprise number under which the
	// registry lists NetFlow v9 field types 128–32767 that are not IANA
	// elements.
	EnterpriseNetFlow = 4294967294
)

// Header is the IPFIX message header (RFC 7011 §3.1). Length is filled in
// by the decoder and the Builder.
type Header struct {
	Version             uint16
	Length              uint16
	ExportTime          uint32 // seconds since the UNIX epoch
	SequenceNumber      uint32 // data records sent before this message, modulo 2^32
	ObservationDomainID uint32
}

// FieldSpecifier is one field of a template: an information element
// (ID and enterprise number, 0 for IANA) and the field length in data
// records, or [VarLen].
type FieldSpecifier struct {
	ID         uint16 // element ID without the enterprise bit
	Length     uint16 // bytes in the record, or VarLen
	Enterprise uint32 // 0 for IANA elements
}

// IsVarLen reports whether the field has a variable length.
func (f FieldSpecifier) IsVarLen() bool { return f.Length == VarLen }

// Template is a template or options template record (RFC 7011 §3.4).
// ScopeCount is the number of leading scope fields: 0 for a template, at
// least 1 for an options template. A template with no fields is a
// withdrawal.
type Template struct {
	ID         uint16
	ScopeCount uint16
	Fields     []FieldSpecifier
}

// IsOptions reports whether t is an options template.
func (t *Template) IsOptions() bool { return t.ScopeCount > 0 }

// Semantic is the semantic of a structured data list (RFC 6313 §4.4).
type Semantic uint8

// List semantics.
const (
	SemanticNoneOf       Semantic = 0x00
	SemanticExactlyOneOf Semantic = 0x01
	SemanticOneOrMoreOf  Semantic = 0x02
	SemanticAllOf        Semantic = 0x03
	SemanticOrdered      Semantic = 0x04
	SemanticUndefined    Semantic = 0xFF
)

// DataType is an IPFIX abstract data type (RFC 7012 §3.1, RFC 6313).
type DataType uint8

// Abstract data types.
const (
	OctetArray DataType = iota
	Unsigned8
	Unsigned16
	Unsigned32
	Unsigned64
	Signed8
	Signed16
	Signed32
	Signed64
	Float32
	Float64
	Boolean
	MACAddress
	String
	DateTimeSeconds
	DateTimeMilliseconds
	DateTimeMicroseconds
	DateTimeNanoseconds
	IPv4Address
	IPv6Address
	BasicList
	SubTemplateList
	SubTemplateMultiList
	numDataTypes
)

var dataTypeNames = [numDataTypes]string{
	"octetArray", "unsigned8", "unsigned16", "unsigned32", "unsigned64",
	"signed8", "signed16", "signed32", "signed64", "float32", "float64",
	"boolean", "macAddress", "string", "dateTimeSeconds",
	"dateTimeMilliseconds", "dateTimeMicroseconds", "dateTimeNanoseconds",
	"ipv4Address", "ipv6Address", "basicList", "subTemplateList",
	"subTemplateMultiList",
}

// String returns the RFC 7012 name of the type.
func (t DataType) String() string {
	if t < numDataTypes {
		return dataTypeNames[t]
	}
	return "unknown"
}

// naturalLen is the full encoded length of a fixed-size type, or 0 for a
// type whose length is free (octetArray, string, lists).
func (t DataType) naturalLen() int {
	switch t {
	case Unsigned8, Signed8, Boolean:
		return 1
	case Unsigned16, Signed16:
		return 2
	case Unsigned32, Signed32, Float32, DateTimeSeconds, IPv4Address:
		return 4
	case Unsigned64, Signed64, Float64, DateTimeMilliseconds, DateTimeMicroseconds, DateTimeNanoseconds:
		return 8
	case MACAddress:
		return 6
	case IPv6Address:
		return 16
	}
	return 0
}

// lenValid reports whether n bytes (not VarLen) can encode t, allowing
// the reduced-size encoding of RFC 7011 §6.2 for integers and float64.
func (t DataType) lenValid(n int) bool {
	switch t {
	case Unsigned8, Unsigned16, Unsigned32, Unsigned64, Signed8, Signed16, Signed32, Signed64:
		return n >= 1 && n <= t.naturalLen()
	case Float64:
		return n == 4 || n == 8
	case OctetArray, String:
		return true
	case BasicList, SubTemplateList, SubTemplateMultiList:
		return n >= 1
	}
	return n == t.naturalLen()
}
