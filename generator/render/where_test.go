package render

import (
	"fmt"
	"reflect"
	"testing"
)

type whereKind string

func (k whereKind) String() string { return "kind-" + string(k) }

type whereBase struct{ Section string }

type whereA struct {
	whereBase
	Kind   whereKind
	Weight int
	Params map[string]any
	hidden string
}

type whereB struct {
	Section string
	Weight  float64
}

// TestWhereItems checks where's matching per item: promoted fields, map
// keys, items of different types in one list (each type's own field), a
// string type printed by its String method, numbers compared by their
// printed form, missing and unexported fields.
func TestWhereItems(t *testing.T) {
	a1 := &whereA{whereBase: whereBase{Section: "stories"}, Kind: "x", Weight: 1, Params: map[string]any{"featured": true}, hidden: "h"}
	a2 := &whereA{whereBase: whereBase{Section: "news"}, Kind: "y", Weight: 2}
	b1 := &whereB{Section: "stories", Weight: 1}
	var nilA *whereA
	mixed := []any{a1, b1, a2, nilA, map[string]any{"Section": "stories"}, "text"}
	tests := []struct {
		list  any
		field string
		args  []any
		want  []any
	}{
		{mixed, "Section", []any{"stories"}, []any{a1, b1, mixed[4]}},
		{mixed, ".Section", []any{"!=", "stories"}, []any{a2, nilA, "text"}},
		{mixed, "Weight", []any{1}, []any{a1, b1}},
		{mixed, "Weight", []any{">", 1}, []any{a2}},
		{[]*whereA{a1, a2}, "Kind", []any{"kind-x"}, []any{a1}},
		{[]*whereA{a1, a2}, "Kind", []any{"x"}, nil},
		{[]*whereA{a1, a2}, "Params.featured", []any{true}, []any{a1}},
		{[]*whereA{a1, a2}, "Params.featured", []any{"true"}, []any{a1}},
		{[]*whereA{a1, a2}, "hidden", []any{"h"}, nil},
		{[]*whereA{a1, a2}, "Missing", []any{""}, nil},
		{[]whereB{*b1, {Section: "news"}}, "Section", []any{"news"}, []any{whereB{Section: "news"}}},
	}
	for _, tt := range tests {
		got, err := where(tt.list, tt.field, tt.args...)
		if err != nil {
			t.Errorf("where %s %v: %v", tt.field, tt.args, err)
			continue
		}
		rv := reflect.ValueOf(got)
		if rv.Type() != reflect.TypeOf(tt.list) {
			t.Errorf("where %s %v: result is a %s, want the list's type %T", tt.field, tt.args, rv.Type(), tt.list)
		}
		var items []any
		for i := range rv.Len() {
			items = append(items, rv.Index(i).Interface())
		}
		if fmt.Sprint(items) != fmt.Sprint(tt.want) {
			t.Errorf("where %s %v = %v, want %v", tt.field, tt.args, items, tt.want)
		}
	}
}

// BenchmarkWhere filters 10,000 pages by section, as a home page listing
// its main section's stories does.
func BenchmarkWhere(b *testing.B) {
	pages := make([]*whereA, 10000)
	for i := range pages {
		pages[i] = &whereA{whereBase: whereBase{Section: []string{"stories", "news"}[i%2]}}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := where(pages, "Section", "stories"); err != nil {
			b.Fatal(err)
		}
	}
}
