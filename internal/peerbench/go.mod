module github.com/ovsflow/ovsflow/internal/peerbench

go 1.25

replace github.com/ovsflow/ovsflow => ../..

require (
	github.com/cloudflare/goflow/v3 v3.4.5
	github.com/google/gopacket v1.1.19
	github.com/netsampler/goflow2/v2 v2.2.6
	github.com/ovsflow/ovsflow v0.0.0-00010101000000-000000000000
	github.com/vmware/go-ipfix v0.12.0
)

require (
	github.com/go-logr/logr v1.4.2 // indirect
	github.com/pion/dtls/v2 v2.2.12 // indirect
	github.com/pion/logging v0.2.2 // indirect
	github.com/pion/transport/v2 v2.2.10 // indirect
	golang.org/x/crypto v0.41.0 // indirect
	golang.org/x/net v0.43.0 // indirect
	golang.org/x/sys v0.35.0 // indirect
	k8s.io/klog/v2 v2.130.1 // indirect
)
