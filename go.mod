module github.com/ovsflow/ovsflow

go 1.25
