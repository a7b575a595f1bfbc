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
// domain, split as addTemplates splits them.
func templateMessages(virtualObsID bool) [][]byte {
	var msgs [][]byte
	var b ipfix.Builder
	b.SetFlush(func(m []byte) error {
		msgs = append(msgs, append([]byte(nil), m[ipfix.HeaderLen+4:]...))
		return nil
	})
	b.Reset(nil, ipfix.Header{ObservationDomainID: 1})
	addTemplates(&b, templateCatalogue(virtualObsID))
	if _, err := b.Finish(); err != nil {
		panic(err)
	}
	return msgs
}
