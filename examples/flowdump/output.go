package main

import (
	"bufio"
	"encoding/hex"
	"errors"
	"io"
	"math"
	"net/netip"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/ovsflow/ovsflow/netflow"
)

// output writes JSON lines: records and templates to w, errors to errw.
type output struct {
	w    *bufio.Writer
	errw io.Writer
	rec  record
	buf  []byte
}

// record collects one JSON object. Keys keep their first position; a key
// added again turns its value into an array in insertion order.
type record struct {
	keys []string
	vals [][][]byte // JSON values per key
	idx  map[string]int
}

func (r *record) reset() {
	r.keys = r.keys[:0]
	r.vals = r.vals[:0]
	clear(r.idx)
}

// add appends the JSON value v (already encoded) under key.
func (r *record) add(key string, v []byte) {
	if r.idx == nil {
		r.idx = map[string]int{}
	}
	if i, ok := r.idx[key]; ok {
		r.vals[i] = append(r.vals[i], v)
		return
	}
	r.idx[key] = len(r.keys)
	r.keys = append(r.keys, key)
	r.vals = append(r.vals, [][]byte{v})
}

// appendJSON appends the object.
func (r *record) appendJSON(b []byte) []byte {
	b = append(b, '{')
	for i, k := range r.keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		vs := r.vals[i]
		if len(vs) == 1 {
			b = append(b, vs[0]...)
			continue
		}
		b = append(b, '[')
		for j, v := range vs {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, v...)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// begin starts a record with the common keys; empty or zero-valued
// optional keys are given as nil and left out.
func (o *output) begin(typ string, exporter netip.AddrPort) *record {
	o.rec.reset()
	o.rec.add("type", jstr(typ))
	o.rec.add("exporter", jstr(exporter.String()))
	return &o.rec
}

// emit writes the current record as one line.
func (o *output) emit() {
	o.buf = o.rec.appendJSON(o.buf[:0])
	o.buf = append(o.buf, '\n')
	o.w.Write(o.buf)
}

// error writes an error line on errw.
func (o *output) error(exporter netip.AddrPort, err error) {
	var r record
	r.add("type", jstr("error"))
	if exporter.IsValid() {
		r.add("exporter", jstr(exporter.String()))
	}
	var pe *netflow.ParseError // the same type for every codec
	if errors.As(err, &pe) {
		r.add("offset", jint(int64(pe.Offset)))
	}
	r.add("message", jstr(err.Error()))
	b := r.appendJSON(nil)
	o.errw.Write(append(b, '\n'))
}

// JSON value encoders.

func jstr(s string) []byte { return appendString(nil, s) }

func jint(v int64) []byte {
	if v > 1<<53 || v < -(1<<53) {
		return appendString(nil, strconv.FormatInt(v, 10))
	}
	return strconv.AppendInt(nil, v, 10)
}

func juint(v uint64) []byte {
	if v > 1<<53 {
		return appendString(nil, strconv.FormatUint(v, 10))
	}
	return strconv.AppendUint(nil, v, 10)
}

func jfloat(v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return jstr(strconv.FormatFloat(v, 'g', -1, 64))
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64)
}

func jbool(v bool) []byte { return strconv.AppendBool(nil, v) }

func jaddr(a netip.Addr) []byte { return jstr(a.String()) }

func jhex(b []byte) []byte {
	out := make([]byte, 0, 2*len(b)+2)
	out = append(out, '"')
	out = hex.AppendEncode(out, b)
	return append(out, '"')
}

func jmac(m [6]byte) []byte {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 19)
	out = append(out, '"')
	for i, c := range m {
		if i > 0 {
			out = append(out, ':')
		}
		out = append(out, digits[c>>4], digits[c&15])
	}
	return append(out, '"')
}

// jtime renders t in RFC 3339, UTC, with digits digits of fraction (0, 3,
// 6 or 9).
func jtime(t time.Time, digits int) []byte {
	layout := "2006-01-02T15:04:05"
	switch digits {
	case 3:
		layout += ".000"
	case 6:
		layout += ".000000"
	case 9:
		layout += ".000000000"
	}
	b := []byte{'"'}
	b = t.UTC().AppendFormat(b, layout+"Z07:00")
	return append(b, '"')
}

// appendString appends s as a JSON string; invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	const digits = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', digits[c>>4], digits[c&15])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, "\\ufffd"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
