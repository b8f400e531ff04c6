package render

import (
	"errors"
	"fmt"
	"html/template"
	"math/rand/v2"
	"net/url"
	"reflect"
	"sort"
	"strings"

	"github.com/storyfront/storyfront/generator/site"
)

// collectionsNS is Hugo's collections namespace (collections.Append...);
// its functions are also template functions by their short names.
// collectionsNS is Hugo's collections namespace; site gives the site
// being rendered, whose language sort collates in.
type collectionsNS struct{ site func() *site.Site }

func collectionsFuncs(m template.FuncMap, current func() *site.Site) {
	c := collectionsNS{site: current}
	m["collections"] = func() collectionsNS { return c }
	m["append"] = c.Append
	m["complement"] = c.Complement
	m["delimit"] = c.Delimit
	m["dict"] = dict
	m["dictionary"] = dict
	m["first"] = first
	m["after"] = after
	m["last"] = c.Last
	m["in"] = c.In
	m["index"] = c.Index
	m["intersect"] = c.Intersect
	m["union"] = c.Union
	m["symdiff"] = c.SymDiff
	m["isset"] = isset
	m["merge"] = c.Merge
	m["newScratch"] = site.NewScratch
	m["querify"] = c.Querify
	m["seq"] = seq
	m["shuffle"] = c.Shuffle
	m["slice"] = func(v ...any) []any { return v }
	m["sort"] = c.Sort
	m["uniq"] = c.Uniq
	m["where"] = where
	m["reverse"] = c.Reverse
}

// Append is append ITEM... LIST: the list with the items added; a single
// item that is itself a list of the same kind is appended element by element.
func (collectionsNS) Append(args ...any) (any, error) {
	if len(args) < 2 {
		return nil, errors.New("append: want ITEM... LIST")
	}
	list, items := args[len(args)-1], args[:len(args)-1]
	if list == nil {
		list = []any{}
	}
	lv := reflect.ValueOf(list)
	if lv.Kind() != reflect.Slice && lv.Kind() != reflect.Array {
		return nil, fmt.Errorf("append: %T is not a list", list)
	}
	if len(items) == 1 && items[0] != nil {
		iv := reflect.ValueOf(items[0])
		if (iv.Kind() == reflect.Slice || iv.Kind() == reflect.Array) && iv.Type().Elem().AssignableTo(lv.Type().Elem()) {
			out := reflect.MakeSlice(listTypeOf(lv.Type()), 0, lv.Len()+iv.Len())
			out = reflect.AppendSlice(out, lv)
			for i := 0; i < iv.Len(); i++ {
				out = reflect.Append(out, iv.Index(i)) // []string onto []any: one by one
			}
			return out.Interface(), nil
		}
	}
	elem := lv.Type().Elem()
	fits := true
	for _, it := range items {
		if it == nil || !reflect.TypeOf(it).AssignableTo(elem) {
			fits = false
		}
	}
	if !fits {
		elem = reflect.TypeOf((*any)(nil)).Elem()
	}
	typ := reflect.SliceOf(elem)
	if fits {
		typ = listTypeOf(lv.Type())
	}
	out := reflect.MakeSlice(typ, 0, lv.Len()+len(items))
	for i := 0; i < lv.Len(); i++ {
		out = reflect.Append(out, lv.Index(i))
	}
	for _, it := range items {
		v := reflect.ValueOf(&it).Elem()
		if fits {
			v = reflect.ValueOf(it)
		}
		out = reflect.Append(out, v)
	}
	return out.Interface(), nil
}

// items lists v's elements (a slice, an array, a map's values in key order).
func items(v any) ([]any, error) {
	if v == nil {
		return nil, nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = rv.Index(i).Interface()
		}
		return out, nil
	case reflect.Map:
		keys := rv.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		out := make([]any, len(keys))
		for i, k := range keys {
			out[i] = rv.MapIndex(k).Interface()
		}
		return out, nil
	}
	return nil, fmt.Errorf("%T is not a list", v)
}

// listTypeOf is the slice type of a list like one of type t: t itself for
// a slice, so a named list (site.Pages) keeps its methods (.ByWeight,
// .GroupByDate...) as in Hugo; a slice of its elements for an array.
func listTypeOf(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Slice {
		return t
	}
	return reflect.SliceOf(t.Elem())
}

// sameKind makes a list of vs typed like model's when every element fits.
func sameKind(model any, vs []any) any {
	mt := reflect.TypeOf(model)
	if mt == nil || (mt.Kind() != reflect.Slice && mt.Kind() != reflect.Array) {
		return vs
	}
	out := reflect.MakeSlice(listTypeOf(mt), 0, len(vs))
	for _, v := range vs {
		if v == nil || !reflect.TypeOf(v).AssignableTo(mt.Elem()) {
			return vs
		}
		out = reflect.Append(out, reflect.ValueOf(v))
	}
	return out.Interface()
}

func containsLoose(list []any, v any) bool {
	for _, x := range list {
		if looseEqual(x, v) {
			return true
		}
	}
	return false
}

// Complement is complement LIST... LIST: the last list's elements found
// in none of the others.
func (collectionsNS) Complement(args ...any) (any, error) {
	if len(args) < 2 {
		return nil, errors.New("complement: want LIST... LIST")
	}
	last, err := items(args[len(args)-1])
	if err != nil {
		return nil, fmt.Errorf("complement: %w", err)
	}
	var others []any
	for _, a := range args[:len(args)-1] {
		l, err := items(a)
		if err != nil {
			return nil, fmt.Errorf("complement: %w", err)
		}
		others = append(others, l...)
	}
	out := []any{}
	for _, v := range last {
		if !containsLoose(others, v) {
			out = append(out, v)
		}
	}
	return sameKind(args[len(args)-1], out), nil
}

// Delimit joins a list's elements (a map's values in key order) with sep,
// and the last two with last when given.
func (collectionsNS) Delimit(list any, sep any, last ...any) (template.HTML, error) {
	l, err := items(list)
	if err != nil {
		return "", fmt.Errorf("delimit: %w", err)
	}
	var b strings.Builder
	for i, v := range l {
		if i > 0 {
			if i == len(l)-1 && len(last) > 0 {
				b.WriteString(toString(last[0]))
			} else {
				b.WriteString(toString(sep))
			}
		}
		b.WriteString(toString(v))
	}
	return template.HTML(b.String()), nil
}

// Last is last N LIST.
func (collectionsNS) Last(limit any, list any) (any, error) {
	n, err := intArg(limit)
	if err != nil {
		return nil, fmt.Errorf("last: %w", err)
	}
	if list == nil {
		return nil, nil
	}
	rv, err := listOf(list)
	if err != nil {
		return nil, fmt.Errorf("last: %w", err)
	}
	n = min(max(n, 0), rv.Len())
	return rv.Slice(rv.Len()-n, rv.Len()).Interface(), nil
}

// In reports whether list (a slice, array or string) holds v.
func (collectionsNS) In(list any, v any) (bool, error) {
	if list == nil {
		return false, nil
	}
	if s, ok := list.(string); ok {
		return strings.Contains(s, toString(v)), nil
	}
	if h, ok := list.(template.HTML); ok {
		return strings.Contains(string(h), toString(v)), nil
	}
	l, err := items(list)
	if err != nil {
		return false, fmt.Errorf("in: %w", err)
	}
	return containsLoose(l, v), nil
}

// Intersect is the elements of a also in b, in a's order.
func (collectionsNS) Intersect(a, b any) (any, error) {
	la, err := items(a)
	if err != nil {
		return nil, fmt.Errorf("intersect: %w", err)
	}
	lb, err := items(b)
	if err != nil {
		return nil, fmt.Errorf("intersect: %w", err)
	}
	out := []any{}
	for _, v := range la {
		if containsLoose(lb, v) && !containsLoose(out, v) {
			out = append(out, v)
		}
	}
	return sameKind(a, out), nil
}

// Union is the elements of a then those of b not in a.
func (collectionsNS) Union(a, b any) (any, error) {
	la, err := items(a)
	if err != nil {
		return nil, fmt.Errorf("union: %w", err)
	}
	lb, err := items(b)
	if err != nil {
		return nil, fmt.Errorf("union: %w", err)
	}
	out := []any{}
	for _, v := range append(la, lb...) {
		if !containsLoose(out, v) {
			out = append(out, v)
		}
	}
	if a == nil {
		return sameKind(b, out), nil
	}
	return sameKind(a, out), nil
}

// SymDiff is the elements in exactly one of a and b.
func (collectionsNS) SymDiff(a, b any) (any, error) {
	la, err := items(a)
	if err != nil {
		return nil, fmt.Errorf("symdiff: %w", err)
	}
	lb, err := items(b)
	if err != nil {
		return nil, fmt.Errorf("symdiff: %w", err)
	}
	// Hugo lists the second list's own elements first (symdiff is made
	// for pipelines: A | symdiff B).
	out := []any{}
	for _, v := range lb {
		if !containsLoose(la, v) && !containsLoose(out, v) {
			out = append(out, v)
		}
	}
	for _, v := range la {
		if !containsLoose(lb, v) && !containsLoose(out, v) {
			out = append(out, v)
		}
	}
	return sameKind(a, out), nil
}

// Merge is merge MAP... MAP: a new map with the keys of all, a later map's
// value winning; nested maps merge too. Keys are compared without regard
// to case, as Hugo's params are.
func (collectionsNS) Merge(maps ...any) (map[string]any, error) {
	if len(maps) < 2 {
		return nil, errors.New("merge: want at least two maps")
	}
	out := map[string]any{}
	for _, m := range maps {
		mm, err := toMap(m)
		if err != nil {
			return nil, fmt.Errorf("merge: %w", err)
		}
		mergeInto(out, mm)
	}
	return out, nil
}

func mergeInto(dst, src map[string]any) {
	for k, v := range src {
		key := k
		for dk := range dst {
			if strings.EqualFold(dk, k) {
				key = dk
			}
		}
		if sub, ok := v.(map[string]any); ok {
			if old, ok := dst[key].(map[string]any); ok {
				merged := map[string]any{}
				mergeInto(merged, old)
				mergeInto(merged, sub)
				dst[key] = merged
				continue
			}
		}
		dst[key] = v
	}
}

func toMap(v any) (map[string]any, error) {
	if v == nil {
		return map[string]any{}, nil
	}
	if m, ok := v.(map[string]any); ok {
		return m, nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Map {
		return nil, fmt.Errorf("%T is not a map", v)
	}
	out := map[string]any{}
	for _, k := range rv.MapKeys() {
		out[fmt.Sprint(k.Interface())] = rv.MapIndex(k).Interface()
	}
	return out, nil
}

// Querify makes a URL query string of key value pairs (or of a map).
func (collectionsNS) Querify(args ...any) (string, error) {
	q := url.Values{}
	if len(args) == 1 {
		m, err := toMap(args[0])
		if err != nil {
			l, err2 := items(args[0])
			if err2 != nil {
				return "", fmt.Errorf("querify: %w", err)
			}
			args = l
		} else {
			for k, v := range m {
				q.Add(k, toString(v))
			}
			return q.Encode(), nil
		}
	}
	if len(args)%2 != 0 {
		return "", errors.New("querify: want key value pairs")
	}
	for i := 0; i < len(args); i += 2 {
		q.Add(toString(args[i]), toString(args[i+1]))
	}
	return q.Encode(), nil
}

// Shuffle returns the list in a random order.
func (collectionsNS) Shuffle(list any) (any, error) {
	l, err := items(list)
	if err != nil {
		return nil, fmt.Errorf("shuffle: %w", err)
	}
	rand.Shuffle(len(l), func(i, j int) { l[i], l[j] = l[j], l[i] })
	return sameKind(list, l), nil
}

// Uniq returns the list without repeated elements.
func (collectionsNS) Uniq(list any) (any, error) {
	l, err := items(list)
	if err != nil {
		return nil, fmt.Errorf("uniq: %w", err)
	}
	out := []any{}
	for _, v := range l {
		if !containsLoose(out, v) {
			out = append(out, v)
		}
	}
	return sameKind(list, out), nil
}

// Reverse returns the list in reverse order.
func (collectionsNS) Reverse(list any) (any, error) {
	l, err := items(list)
	if err != nil {
		return nil, fmt.Errorf("collections.Reverse: %w", err)
	}
	for i, j := 0, len(l)-1; i < j; i, j = i+1, j-1 {
		l[i], l[j] = l[j], l[i]
	}
	return sameKind(list, l), nil
}

// Sort is sort LIST [KEY] [ORDER]: a list (or a map's values) sorted by
// the elements, or by a field or key of each ("Title", "Params.weight",
// "value" for the elements themselves), "asc" or "desc".
func (c collectionsNS) Sort(list any, args ...string) (any, error) {
	l, err := items(list)
	if err != nil {
		return nil, fmt.Errorf("sort: %w", err)
	}
	key, order := "", "asc"
	if len(args) > 0 {
		key = args[0]
	}
	if len(args) > 1 {
		order = strings.ToLower(args[1])
	}
	if key == "value" {
		key = ""
	}
	path := strings.Split(strings.TrimPrefix(key, "."), ".")
	keyOf := func(v any) any {
		if key == "" {
			return v
		}
		k, _ := lookupPath(reflect.ValueOf(v), path)
		return k
	}
	var s *site.Site
	if c.site != nil {
		s = c.site()
	}
	sort.SliceStable(l, func(i, j int) bool {
		if order == "desc" {
			return sortLess(s, keyOf(l[j]), keyOf(l[i]))
		}
		return sortLess(s, keyOf(l[i]), keyOf(l[j]))
	})
	if _, isMap := list.(map[string]any); isMap {
		return l, nil
	}
	return sameKind(list, l), nil
}

// apply is apply LIST FUNC ARG...: FUNC called for each element, which
// takes the place of the argument ".".
func apply(funcs template.FuncMap) func(list any, name string, args ...any) ([]any, error) {
	return func(list any, name string, args ...any) ([]any, error) {
		f, ok := funcs[name]
		if !ok || f == nil || name == "apply" {
			return nil, fmt.Errorf("apply: no function %q", name)
		}
		l, err := items(list)
		if err != nil {
			return nil, fmt.Errorf("apply: %w", err)
		}
		fv := reflect.ValueOf(f)
		out := make([]any, 0, len(l))
		for _, el := range l {
			in := make([]reflect.Value, len(args))
			for i, a := range args {
				if a == "." {
					a = el
				}
				if a == nil {
					in[i] = reflect.Zero(argType(fv.Type(), i))
					continue
				}
				in[i] = reflect.ValueOf(a)
			}
			if !fv.Type().IsVariadic() && len(in) != fv.Type().NumIn() {
				return nil, fmt.Errorf("apply: %s takes %d arguments, got %d", name, fv.Type().NumIn(), len(in))
			}
			res := fv.Call(in)
			if len(res) == 2 && !res[1].IsNil() {
				return nil, fmt.Errorf("apply: %s: %w", name, res[1].Interface().(error))
			}
			out = append(out, res[0].Interface())
		}
		return out, nil
	}
}

func argType(t reflect.Type, i int) reflect.Type {
	if t.IsVariadic() && i >= t.NumIn()-1 {
		return t.In(t.NumIn() - 1).Elem()
	}
	return t.In(i)
}

// Index is Hugo's index COLLECTION KEY...: Go's, except that a nil
// collection, a missing map key or an index out of range gives nil
// instead of an error.
func (collectionsNS) Index(item any, keys ...any) (any, error) {
	v := reflect.ValueOf(item)
	for _, k := range keys {
		for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) {
			if v.IsNil() {
				return nil, nil
			}
			v = v.Elem()
		}
		if !v.IsValid() {
			return nil, nil
		}
		switch v.Kind() {
		case reflect.Map:
			kv := reflect.ValueOf(k)
			if !kv.IsValid() || !kv.Type().AssignableTo(v.Type().Key()) {
				if kv.IsValid() && kv.Type().ConvertibleTo(v.Type().Key()) && v.Type().Key().Kind() == kv.Kind() {
					kv = kv.Convert(v.Type().Key())
				} else {
					return nil, nil
				}
			}
			v = v.MapIndex(kv)
		case reflect.Slice, reflect.Array, reflect.String:
			i, err := toInt(k)
			if err != nil {
				return nil, fmt.Errorf("index: %w", err)
			}
			if i < 0 || int(i) >= v.Len() {
				return nil, nil // Hugo's index gives nil here, not Go's error
			}
			v = v.Index(int(i))
		default:
			return nil, fmt.Errorf("index: cannot index a %s", v.Kind())
		}
	}
	if !v.IsValid() || !v.CanInterface() {
		return nil, nil
	}
	return v.Interface(), nil
}
