package exporter

import (
	"github.com/ovsflow/ovsflow/internal/wire"
	"github.com/ovsflow/ovsflow/ipfix"
)

// Helpers the tests use to look at the encoders' output piecewise.

// wirePad4 is the XDR padding after n bytes.
func wirePad4(n int) int { return wire.Pad4(n) }

// appendTemplateRecord appends one template record as the exporter
// encodes it (without message and set headers).
func appendTemplateRecord(dst []byte, id uint16, fields []ipfixField) []byte {
	b := ipfix.NewBuilder(nil, ipfix.Header{})
	b.AddTemplate(ipfix.Template{ID: id, Fields: templateSpecs(fields)})
	msg, err := b.Finish()
	if err != nil {
		panic(err)
	}
	return append(dst, msg[ipfix.HeaderLen+4:]...)
}

// templateMessages returns the bodies (template records, without message
// and set headers) of the template messages the exporter sends for one
// domain.
func templateMessages(virtualObsID bool) [][]byte {
	var bodies [][]byte
	for _, m := range templateMessagesFor(virtualObsID).catalog {
		bodies = append(bodies, m[ipfix.HeaderLen+4:])
	}
	return bodies
}
