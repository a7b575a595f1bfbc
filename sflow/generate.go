package sflow

// records.go and table_test.go are generated from the record list in
// internal/gen.
//go:generate go run ./internal/gen
