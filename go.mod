module github.com/ovsflow/ovsflow

go 1.25

require (
	github.com/cenkalti/rpc2 v1.0.4
	github.com/google/go-cmp v0.7.0
	go.uber.org/goleak v1.3.0
	sigs.k8s.io/yaml v1.6.0
)

require (
	github.com/cenkalti/hub v1.0.2 // indirect
	github.com/kr/text v0.2.0 // indirect
	go.yaml.in/yaml/v2 v2.4.2 // indirect
)
