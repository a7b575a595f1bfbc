// Package archtest holds no code: its test enforces the module's package
// boundaries (see TestImports): codecs depend only on the standard library
// and internal/wire and never on fmt, reflect or encoding/json; ovsdb knows
// nothing of codecs; exporter knows nothing of RPC; the flow-export config
// values import no RPC stack; test harnesses stay out of library code.
package archtest
