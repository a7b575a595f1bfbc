package sflow

// records.go and table_test.go are generated from the record list in
// internal/cmd/gensflow.
//go:generate go run ../internal/cmd/gensflow
