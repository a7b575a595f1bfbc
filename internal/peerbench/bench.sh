#!/usr/bin/env bash
# Runs the side-by-side peer benchmarks (ovsflow against goflow2, goflow,
# go-ipfix, gopacket, libovsdb) in one run, compares them with benchstat and
# rewrites the performance block of the top-level README.md.
#
#   internal/peerbench/bench.sh              # -count 10, all areas
#   COUNT=3 internal/peerbench/bench.sh ./netflow/
#
# Figures are reported, never gated: the machines are shared and noisy.
# Benchmarks needing ovsdb-server (./ovsdb/) need openvswitch-switch.
set -euo pipefail
cd "$(dirname "$0")"
COUNT="${COUNT:-10}"
PKGS=("${@:-./...}")
BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
out=$(mktemp)
bin=$(mktemp -d)
trap 'rm -rf "$out" "$out.stat" "$bin"' EXIT
GOBIN="$bin" go install "$BENCHSTAT"
go test -run '^$' -bench . -benchmem -count "$COUNT" "${PKGS[@]}" | tee "$out"
# benchstat with each benchmark's library as the column, so every case shows
# ovsflow and its peers side by side.
"$bin/benchstat" -col /lib "$out" >"$out.stat"
cat "$out.stat"
go run ./cmd/benchtable -readme ../../README.md -extra "$out.stat" <"$out"
echo "README.md performance block rewritten"
