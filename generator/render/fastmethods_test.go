package render

import (
	"reflect"
	"testing"
	"time"

	"github.com/storyfront/storyfront/generator/site"
)

// TestFastMethodArgs: the methods with arguments templates call most have
// a direct caller, which gives what reflect's Call of the method gives.
func TestFastMethodArgs(t *testing.T) {
	when := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	other := &site.Page{Kind: site.KindPage, Title: "other", OutPath: "other/index.html"}
	p := &site.Page{Kind: site.KindPage, Title: "p", OutPath: "p/index.html", Date: when,
		Params: map[string]any{"color": "red"}, Site: &site.Site{Params: map[string]any{"color": "blue", "n": 2}}}
	scratch := site.NewScratch()
	scratch.Set("k", []int{1, 2})
	for _, c := range []struct {
		recv   any
		method string
		args   []any
	}{
		{when, "Format", []any{"2006-01-02 Jan"}},
		{&when, "Format", []any{time.RFC1123}},
		{when, "Before", []any{when.Add(time.Hour)}},
		{&when, "Equal", []any{when}},
		{p, "Param", []any{"color"}},
		{p, "Param", []any{"nope"}},
		{p, "Eq", []any{other}},
		{p, "Eq", []any{p}},
		{p.Site, "Param", []any{"n"}},
		{scratch, "Get", []any{"k"}},
		{scratch, "Set", []any{"j", 3}},
	} {
		rv := reflect.ValueOf(c.recv)
		m, ok := rv.Type().MethodByName(c.method)
		if !ok {
			t.Fatalf("%T has no %s", c.recv, c.method)
		}
		direct := fastMethodArgs(m)
		if direct == nil {
			t.Errorf("%T.%s (%s): no direct caller", c.recv, c.method, m.Type)
			continue
		}
		in := []reflect.Value{rv}
		for i, a := range c.args {
			v := reflect.ValueOf(a)
			if pt := m.Type.In(i + 1); pt.Kind() == reflect.Interface {
				v = reflect.New(pt).Elem()
				v.Set(reflect.ValueOf(a))
			}
			in = append(in, v)
		}
		want := m.Func.Call(in)[0]
		got, err := direct(rv, in[1:])
		if err != nil {
			t.Errorf("%T.%s: %v", c.recv, c.method, err)
			continue
		}
		if got.Type() != want.Type() || !reflect.DeepEqual(got.Interface(), want.Interface()) {
			t.Errorf("%T.%s%v: got %v (%s), want %v (%s)", c.recv, c.method, c.args, got, got.Type(), want, want.Type())
		}
	}
}
