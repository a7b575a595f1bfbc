package exporter

import (
	"bytes"
	"sync"

	"github.com/ovsflow/ovsflow/ipfix"
)

// OVS's IPFIX template catalogue (ofproto-dpif-ipfix.c): 88 data templates
// numbered from 256 by (L2, L3, L4, tunnel, direction), plus options
// template 462 for the exporter statistics.

const (
	ipfixHeaderLen      = ipfix.HeaderLen
	ipfixOptionsID      = 462
	ipfixVarLen         = ipfix.VarLen
	ipfixTemplateMsgMax = 1024 // a template message is sent once it reaches this
)

// Template dimensions.
const (
	l2Eth = iota
	l2VLAN
)

const (
	l3None = iota
	l3IPv4
	l3IPv6
)

const (
	l4None = iota
	l4TCP
	l4UDP
	l4SCTP
	l4ICMP
)

// templateID is OVS's formula.
func templateID(l2, l3, l4, tun, dir int) uint16 {
	return uint16(256 + ((((l2*3+l3)*5+l4)*2+tun)*2 + dir))
}

// ipfixField is one field specifier.
type ipfixField struct {
	id         uint16
	length     uint16
	enterprise bool
}

// templateFields returns the field list of one template, in OVS's order.
func templateFields(l2, l3, l4, tun, dir int, virtualObsID bool) []ipfixField {
	f := []ipfixField{
		{138, 4, false},          // observationPointId
		{61, 1, false},           // flowDirection
		{56, 6, false},           // sourceMacAddress
		{80, 6, false},           // destinationMacAddress
		{256, 2, false},          // ethernetType
		{240, 1, false},          // ethernetHeaderLength
		{10, 4, false},           // ingressInterface
		{368, 4, false},          // ingressInterfaceType
		{82, ipfixVarLen, false}, // interfaceName
		{83, ipfixVarLen, false}, // interfaceDescription
	}
	if dir == 1 {
		f = append(f,
			ipfixField{14, 4, false},  // egressInterface
			ipfixField{369, 4, false}, // egressInterfaceType
			ipfixField{82, ipfixVarLen, false},
			ipfixField{83, ipfixVarLen, false},
		)
	}
	if l2 == l2VLAN {
		f = append(f, ipfixField{58, 2, false}, ipfixField{243, 2, false}, ipfixField{244, 1, false})
	}
	if l3 != l3None {
		f = append(f,
			ipfixField{60, 1, false},  // ipVersion
			ipfixField{192, 1, false}, // ipTTL
			ipfixField{4, 1, false},   // protocolIdentifier
			ipfixField{195, 1, false}, // ipDiffServCodePoint
			ipfixField{196, 1, false}, // ipPrecedence
			ipfixField{5, 1, false},   // ipClassOfService
		)
		if l3 == l3IPv4 {
			f = append(f, ipfixField{8, 4, false}, ipfixField{12, 4, false})
		} else {
			f = append(f, ipfixField{27, 16, false}, ipfixField{28, 16, false}, ipfixField{31, 4, false})
		}
		switch l4 {
		case l4TCP, l4UDP, l4SCTP:
			f = append(f, ipfixField{7, 2, false}, ipfixField{11, 2, false})
		case l4ICMP:
			if l3 == l3IPv4 {
				f = append(f, ipfixField{176, 1, false}, ipfixField{177, 1, false})
			} else {
				f = append(f, ipfixField{178, 1, false}, ipfixField{179, 1, false})
			}
		}
	}
	if tun == 1 {
		f = append(f,
			ipfixField{893, 4, true},           // tunnelSourceIPv4Address
			ipfixField{894, 4, true},           // tunnelDestinationIPv4Address
			ipfixField{895, 1, true},           // tunnelProtocolIdentifier
			ipfixField{896, 2, true},           // tunnelSourceTransportPort
			ipfixField{897, 2, true},           // tunnelDestinationTransportPort
			ipfixField{891, 1, true},           // tunnelType
			ipfixField{892, ipfixVarLen, true}, // tunnelKey
		)
	}
	if virtualObsID {
		f = append(f, ipfixField{898, ipfixVarLen, true})
	}
	f = append(f,
		ipfixField{158, 4, false}, // flowStartDeltaMicroseconds
		ipfixField{159, 4, false}, // flowEndDeltaMicroseconds
		ipfixField{133, 8, false}, // droppedPacketDeltaCount
		ipfixField{135, 8, false}, // droppedPacketTotalCount
		ipfixField{2, 8, false},   // packetDeltaCount
		ipfixField{86, 8, false},  // packetTotalCount
		ipfixField{354, 8, false}, // ingressUnicastPacketTotalCount
		ipfixField{355, 8, false}, // ingressMulticastPacketTotalCount
		ipfixField{356, 8, false}, // ingressBroadcastPacketTotalCount
		ipfixField{357, 8, false}, // egressUnicastPacketTotalCount
		ipfixField{358, 8, false}, // egressBroadcastPacketTotalCount
		ipfixField{19, 8, false},  // postMCastPacketDeltaCount
		ipfixField{174, 8, false}, // postMCastPacketTotalCount
		ipfixField{352, 8, false}, // layer2OctetDeltaCount
		ipfixField{353, 8, false}, // layer2OctetTotalCount
		ipfixField{136, 1, false}, // flowEndReason
	)
	if l3 != l3None {
		f = append(f,
			ipfixField{132, 8, false}, // droppedOctetDeltaCount
			ipfixField{134, 8, false}, // droppedOctetTotalCount
			ipfixField{1, 8, false},   // octetDeltaCount
			ipfixField{85, 8, false},  // octetTotalCount
			ipfixField{198, 8, false}, // octetDeltaSumOfSquares
			ipfixField{199, 8, false}, // octetTotalSumOfSquares
			ipfixField{25, 8, false},  // minimumIpTotalLength
			ipfixField{26, 8, false},  // maximumIpTotalLength
			ipfixField{20, 8, false},  // postMCastOctetDeltaCount
			ipfixField{175, 8, false}, // postMCastOctetTotalCount
		)
	}
	if l4 == l4TCP {
		f = append(f,
			ipfixField{222, 8, false}, // tcpAckTotalCount
			ipfixField{219, 8, false}, // tcpFinTotalCount
			ipfixField{221, 8, false}, // tcpPshTotalCount
			ipfixField{220, 8, false}, // tcpRstTotalCount
			ipfixField{218, 8, false}, // tcpSynTotalCount
			ipfixField{223, 8, false}, // tcpUrgTotalCount
		)
	}
	return f
}

// spec is the field's specifier; OVS's enterprise elements are VMware's.
func (f ipfixField) spec() ipfix.FieldSpecifier {
	fs := ipfix.FieldSpecifier{ID: f.id, Length: f.length}
	if f.enterprise {
		fs.Enterprise = ipfix.EnterpriseVMware
	}
	return fs
}

// templateSpecs returns the field specifiers of a template.
func templateSpecs(fields []ipfixField) []ipfix.FieldSpecifier {
	specs := make([]ipfix.FieldSpecifier, len(fields))
	for i, f := range fields {
		specs[i] = f.spec()
	}
	return specs
}

// optionsTemplate describes the exporter statistics OVS sends in domain 0:
// scope exportingProcessId, then notSentPacketTotalCount.
var optionsTemplate = ipfix.Template{ID: ipfixOptionsID, ScopeCount: 1, Fields: []ipfix.FieldSpecifier{
	{ID: 144, Length: 4}, // exportingProcessId
	{ID: 167, Length: 8}, // notSentPacketTotalCount
}}

// forEachTemplate calls fn for the 88 templates in OVS's loop order.
func forEachTemplate(fn func(id uint16, l2, l3, l4, tun, dir int)) {
	for l2 := l2Eth; l2 <= l2VLAN; l2++ {
		for l3 := l3None; l3 <= l3IPv6; l3++ {
			for l4 := l4None; l4 <= l4ICMP; l4++ {
				if l3 == l3None && l4 != l4None {
					continue
				}
				for tun := 0; tun <= 1; tun++ {
					for dir := 0; dir <= 1; dir++ {
						fn(templateID(l2, l3, l4, tun, dir), l2, l3, l4, tun, dir)
					}
				}
			}
		}
	}
}

// templateCatalogue returns the 88 templates in OVS's order, with the
// virtualObsID field when virtual_obs_id is configured.
func templateCatalogue(virtualObsID bool) []ipfix.Template {
	var ts []ipfix.Template
	forEachTemplate(func(id uint16, l2, l3, l4, tun, dir int) {
		ts = append(ts, ipfix.Template{ID: id, Fields: templateSpecs(templateFields(l2, l3, l4, tun, dir, virtualObsID))})
	})
	return ts
}

// addTemplates writes the templates into b's open message, splitting the
// messages by OVS's rule: before a template is added, a message that
// already holds 1024 bytes or more is closed (b's flush function sends
// it) and a new one with the same header started.
func addTemplates(b *ipfix.Builder, ts []ipfix.Template) {
	for i := range ts {
		if b.Len() >= ipfixTemplateMsgMax {
			b.StartMessage(b.Header())
		}
		b.AddTemplate(ts[i]) // no error: the catalogue is well formed
	}
}

// templateMsgs are the template messages of one virtual_obs_id setting,
// encoded once per process: the catalogue split by addTemplates, then the
// options template. Their headers are placeholders; each send copies a
// message and writes the real header with [ipfix.Header.PutTo].
type templateMsgs struct {
	once    sync.Once
	catalog [][]byte // the 18 catalogue messages
	options []byte   // the options template 462 message
}

var encodedTemplates [2]templateMsgs // without, with virtual_obs_id

// templateMessagesFor returns the encoded template messages.
func templateMessagesFor(virtualObsID bool) *templateMsgs {
	t := &encodedTemplates[0]
	if virtualObsID {
		t = &encodedTemplates[1]
	}
	t.once.Do(func() {
		var msgs [][]byte
		var b ipfix.Builder
		b.SetFlush(func(m []byte) error {
			msgs = append(msgs, bytes.Clone(m))
			return nil
		})
		b.Reset(nil, ipfix.Header{})
		addTemplates(&b, templateCatalogue(virtualObsID))
		b.StartMessage(ipfix.Header{})
		b.AddTemplate(optionsTemplate)
		b.Finish() // no error: the templates are well formed
		t.catalog, t.options = msgs[:len(msgs)-1], msgs[len(msgs)-1]
	})
	return t
}
