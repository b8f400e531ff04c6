package render

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"time"

	"github.com/storyfront/storyfront/generator/site"
)

// orderPair places a and b on one scale as Hugo's lt, le, gt, ge and sort
// do: numbers by value, a string that parses as a number (strconv's
// float syntax: "001", "1e3") as that number, other strings
// against each other by bytes (or by collate, Unicode collation in the
// site's language, as sort does), lists and maps by length, a bool as 0 or 1, a date
// as its Unix seconds, and anything else (nil, a page, a string against a
// number) as 0. So "001" sorts after "Notes" (1 > 0), as in hugo 0.111.3.
// A string that parses as infinite or NaN ("inf", "1e400") is a string
// against a string and that number against a number, as in hugo 0.111.3.
func orderPair(a, b any, collate func(a, b string) int) (left, right float64) {
	left, ls := orderValue(a)
	right, rs := orderValue(b)
	if ls == nil || rs == nil {
		return left, right
	}
	var c int
	switch {
	case collate != nil:
		c = collate(*ls, *rs)
	case *ls < *rs:
		c = -1
	case *ls > *rs:
		c = 1
	}
	switch {
	case c < 0:
		return 0, 1
	case c > 0:
		return 1, 0
	}
	return 0, 0
}

// orderValue is v's place on orderPair's scale, or the string itself for a
// string that is not a finite number (with what strconv made of it: 0, or
// ±Inf or NaN).
func orderValue(v any) (float64, *string) {
	if t, ok := v.(time.Time); ok {
		return float64(t.Unix()), nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice:
		return float64(rv.Len()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint()), nil
	case reflect.Float32, reflect.Float64:
		return rv.Float(), nil
	case reflect.Bool:
		if rv.Bool() {
			return 1, nil
		}
		return 0, nil
	case reflect.String:
		s := rv.String()
		f, err := strconv.ParseFloat(s, 64)
		if err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f, nil
		}
		return f, &s
	}
	return 0, nil
}

// compareAll is lt, le, gt or ge: true when first stands in relation
// holds to every one of others (Hugo's comparisons take several).
func compareAll(name string, holds func(l, r float64) bool, first any, others []any) (bool, error) {
	if len(others) == 0 {
		return false, fmt.Errorf("%s: missing arguments for comparison", name)
	}
	for _, o := range others {
		if l, r := orderPair(first, o, nil); !holds(l, r) {
			return false, nil
		}
	}
	return true, nil
}

func hugoLt(first any, others ...any) (bool, error) {
	return compareAll("lt", func(l, r float64) bool { return l < r }, first, others)
}

func hugoLe(first any, others ...any) (bool, error) {
	return compareAll("le", func(l, r float64) bool { return l <= r }, first, others)
}

func hugoGt(first any, others ...any) (bool, error) {
	return compareAll("gt", func(l, r float64) bool { return l > r }, first, others)
}

func hugoGe(first any, others ...any) (bool, error) {
	return compareAll("ge", func(l, r float64) bool { return l >= r }, first, others)
}

// sortLess is sort's order of two keys: orderPair with collation in the
// language of s. A
// missing key (nil) is 0, equal to any text, as in Hugo (whose zero of an
// interface value is nil too).
func sortLess(s *site.Site, a, b any) bool {
	l, r := orderPair(a, b, s.CompareText) // s may be nil: English
	return l < r
}
