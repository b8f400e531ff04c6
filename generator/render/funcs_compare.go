package render

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/storyfront/storyfront/generator/site"
)

// hugoCompareFuncs are template functions with Hugo's names and meaning that Hugo
// sites' own layouts call (the rest of Hugo's function set is issue 11's).
// The comparisons replace Go's builtins with Hugo's looser ones: numbers
// of any type compare by value and a date compares as its Unix time, so
// {{ if gt .Params.date 0 }} works as in Hugo.
func hugoCompareFuncs() map[string]any {
	return map[string]any{
		"replace": replace,
		"now":     time.Now,
		"eq":      hugoEq,
		"ne":      hugoNe,
		"lt":      hugoLt,
		"le":      hugoLe,
		"gt":      hugoGt,
		"ge":      hugoGe,
	}
}

// replace is Hugo's replace INPUT OLD NEW [LIMIT].
func replace(s, old, new any, limit ...int) string {
	n := -1
	if len(limit) > 0 {
		n = limit[0]
	}
	return strings.Replace(fmt.Sprint(s), fmt.Sprint(old), fmt.Sprint(new), n)
}

// number reads v as a float: any int, uint or float, or a time as its Unix
// seconds.
func number(v any) (float64, bool) {
	if t, ok := v.(time.Time); ok {
		return float64(t.Unix()), true
	}
	return site.ToFloat(v)
}

// hugoEq is eq with a first value and any number of others, true when one
// equals it; numbers compare by value whatever their type.
func hugoEq(a any, others ...any) bool {
	a = nilOf(a)
	for _, b := range others {
		b = nilOf(b)
		if same, ok := site.SamePager(a, b); ok {
			if same {
				return true
			}
			continue
		}
		if eqNumberKinds(a, b) && looseEqual(a, b) {
			return true
		}
	}
	return false
}

// nilOf is nil for a nil pointer, map, slice, func or channel, as Hugo's
// eq reads them: eq .Paginator.Prev nil is true on the first pager page.
func nilOf(v any) any {
	if v == nil {
		return nil
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		if rv.IsNil() {
			return nil
		}
	}
	return v
}

// hugoNe is ne with a first value and any number of others, true when
// none equals it.
func hugoNe(a any, others ...any) bool { return !hugoEq(a, others...) }

// eqNumberKinds reports whether eq may compare a and b by value: Hugo's
// eq takes any integer for any integer and any float for any float, but
// an integer never equals a float (eq 1 1.0 is false in hugo 0.111.3).
func eqNumberKinds(a, b any) bool {
	ka, kb := numberKind(a), numberKind(b)
	return ka == 0 || kb == 0 || ka == kb
}

// numberKind is 1 for integers, 2 for floats, 0 for anything else.
func numberKind(v any) int {
	switch reflect.ValueOf(v).Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return 1
	case reflect.Float32, reflect.Float64:
		return 2
	}
	return 0
}

func looseEqual(a, b any) bool {
	if x, ok := number(a); ok {
		if y, ok := number(b); ok {
			return x == y
		}
	}
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	if ta != tb {
		// Named string types (template.HTML) compare as their text.
		if ta.Kind() == reflect.String && tb.Kind() == reflect.String {
			return reflect.ValueOf(a).String() == reflect.ValueOf(b).String()
		}
		return false
	}
	if !ta.Comparable() {
		return reflect.DeepEqual(a, b)
	}
	return a == b
}

// hugoCompare orders two numbers (or dates) or two strings.
func hugoCompare(a, b any) (int, error) {
	if x, ok := number(a); ok {
		if y, ok := number(b); ok {
			switch {
			case x < y:
				return -1, nil
			case x > y:
				return 1, nil
			}
			return 0, nil
		}
	}
	ra, rb := reflect.ValueOf(a), reflect.ValueOf(b)
	if ra.Kind() == reflect.String && rb.Kind() == reflect.String {
		return strings.Compare(ra.String(), rb.String()), nil
	}
	if a == nil || b == nil {
		// Hugo compares a missing value as zero.
		x, _ := number(a)
		y, _ := number(b)
		switch {
		case x < y:
			return -1, nil
		case x > y:
			return 1, nil
		}
		return 0, nil
	}
	return 0, fmt.Errorf("cannot compare %T with %T", a, b)
}

// whereOp is where's comparison with an operator: =, ==, eq, !=, <>, ne,
// <, <=, >, >= (or lt, le, gt, ge), in, not in, intersect.
func whereOp(op string, v, value any) (bool, error) {
	op = strings.ToLower(strings.TrimSpace(op))
	if sym, ok := map[string]string{"lt": "<", "le": "<=", "gt": ">", "ge": ">="}[op]; ok {
		op = sym // Hugo's word forms
	}
	switch op {
	case "=", "==", "eq":
		return looseEqual(v, value) || fmt.Sprint(v) == fmt.Sprint(value), nil
	case "!=", "<>", "ne":
		return !(looseEqual(v, value) || fmt.Sprint(v) == fmt.Sprint(value)), nil
	case "<", "<=", ">", ">=":
		c, err := hugoCompare(v, value)
		if err != nil {
			return false, nil
		}
		switch op {
		case "<":
			return c < 0, nil
		case "<=":
			return c <= 0, nil
		case ">":
			return c > 0, nil
		}
		return c >= 0, nil
	case "in", "not in":
		in := false
		rv := reflect.ValueOf(value)
		if rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array {
			for i := 0; i < rv.Len(); i++ {
				if looseEqual(v, rv.Index(i).Interface()) || fmt.Sprint(v) == fmt.Sprint(rv.Index(i).Interface()) {
					in = true
					break
				}
			}
		} else if s, ok := value.(string); ok {
			in = strings.Contains(s, fmt.Sprint(v))
		}
		return in == (strings.ToLower(op) == "in"), nil
	case "intersect":
		// Hugo's: both sides lists sharing at least one element; a side
		// that is not a list shares none.
		return intersects(v, value), nil
	}
	return false, fmt.Errorf("where: unknown operator %q", op)
}

// intersects reports whether the lists a and b have an element in common.
func intersects(a, b any) bool {
	ra, rb := reflect.ValueOf(a), reflect.ValueOf(b)
	if ra.Kind() != reflect.Slice && ra.Kind() != reflect.Array || rb.Kind() != reflect.Slice && rb.Kind() != reflect.Array {
		return false
	}
	for i := 0; i < ra.Len(); i++ {
		x := ra.Index(i).Interface()
		for j := 0; j < rb.Len(); j++ {
			if looseEqual(x, rb.Index(j).Interface()) {
				return true
			}
		}
	}
	return false
}

// compareNS is Hugo's compare namespace.
type compareNS struct{}

// Conditional is cond.
func (compareNS) Conditional(control, a, b any) any { return cond(control, a, b) }

// Default is default.
func (compareNS) Default(def any, given ...any) (any, error) { return defaultValue(def, given...) }

// Eq is eq.
func (compareNS) Eq(a any, others ...any) bool { return hugoEq(a, others...) }

// Ne is ne.
func (compareNS) Ne(a any, others ...any) bool { return hugoNe(a, others...) }

// Lt is lt.
func (compareNS) Lt(first any, others ...any) (bool, error) { return hugoLt(first, others...) }

// Le is le.
func (compareNS) Le(first any, others ...any) (bool, error) { return hugoLe(first, others...) }

// Gt is gt.
func (compareNS) Gt(first any, others ...any) (bool, error) { return hugoGt(first, others...) }

// Ge is ge.
func (compareNS) Ge(first any, others ...any) (bool, error) { return hugoGe(first, others...) }
