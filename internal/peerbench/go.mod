module github.com/ovsflow/ovsflow/internal/peerbench

go 1.25

replace github.com/ovsflow/ovsflow => ../..

require (
	github.com/cloudflare/goflow/v3 v3.4.5 // indirect
	github.com/google/gopacket v1.1.19 // indirect
	github.com/netsampler/goflow2/v2 v2.2.6 // indirect
	github.com/ovn-kubernetes/libovsdb v0.8.0 // indirect
	github.com/ovsflow/ovsflow v0.0.0-00010101000000-000000000000 // indirect
	github.com/vmware/go-ipfix v0.12.0 // indirect
)
