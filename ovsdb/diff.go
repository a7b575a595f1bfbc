package ovsdb

import (
	"maps"
	"slices"
)

// ApplySetDiff applies an update2 "modify" set diff (the symmetric
// difference of old and new) to old and returns a new slice; old is not
// modified.
func ApplySetDiff[T Atomic](old []T, diff Value) ([]T, error) {
	d, err := DecodeSet[T](diff)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(old)
	for _, e := range d {
		if i := slices.Index(out, e); i >= 0 {
			out = slices.Delete(out, i, i+1)
		} else {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// ApplyOptionalDiff applies a set diff to an optional (0 or 1 element)
// column and returns the new value (a new pointer; old is not modified).
func ApplyOptionalDiff[T Atomic](old *T, diff Value) (*T, error) {
	var s []T
	if old != nil {
		s = []T{*old}
	}
	s, err := ApplySetDiff(s, diff)
	if err != nil {
		return nil, err
	}
	switch len(s) {
	case 0:
		return nil, nil
	case 1:
		return &s[0], nil
	}
	return nil, &DecodeError{What: "optional diff", Err: errTooMany}
}

// ApplyMapDiff applies an update2 "modify" map diff to old and returns a new
// map: a pair whose key is absent is added, a pair equal to the existing one
// removes it, and a pair with a new value for an existing key replaces it.
func ApplyMapDiff[K, V Atomic](old map[K]V, diff Value) (map[K]V, error) {
	d, err := DecodeMap[K, V](diff)
	if err != nil {
		return nil, err
	}
	out := maps.Clone(old)
	if out == nil {
		out = make(map[K]V, len(d))
	}
	for k, v := range d {
		if cur, ok := out[k]; ok && cur == v {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// EqualSet reports whether a and b hold the same elements, in any order.
func EqualSet[T Atomic](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// EqualPtr reports whether two optional values are equal.
func EqualPtr[T Atomic](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// ClonePtr returns a copy of an optional value.
func ClonePtr[T Atomic](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// Ptr returns a pointer to v, for optional columns.
func Ptr[T Atomic](v T) *T { return &v }

// SetMapKeys returns the mutations that set the given keys of a map column
// and leave its other keys alone. A plain "insert" mutation ignores a key
// that already exists, so the keys are deleted first (what the Python IDL's
// setkey does).
func SetMapKeys[K, V Atomic](column string, pairs map[K]V) []Mutation {
	keys := make([]K, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compareAtomic[K])
	return []Mutation{
		Mutate(column, MutateDelete, SetOf(keys...)),
		Mutate(column, MutateInsert, MapOf(pairs)),
	}
}

// DeleteMapKeys returns the mutation that removes keys from a map column.
func DeleteMapKeys[K Atomic](column string, keys ...K) Mutation {
	return Mutate(column, MutateDelete, SetOf(keys...))
}
