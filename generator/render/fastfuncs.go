package render

import (
	"html/template"
	"reflect"
	"time"

	"github.com/storyfront/storyfront/generator/render/treeexec"
	"github.com/storyfront/storyfront/generator/site"
)

// fastFunc gives treeexec direct callers for the template functions of
// the most common signatures, so they run without reflect's Call (nil for
// the others). args come validated for the parameters' types.
func fastFunc(fn any) treeexec.FuncFunc {
	switch f := fn.(type) {
	case func(any) string:
		return func(a []reflect.Value) (reflect.Value, error) { return val(f(anyOf(a[0]))) }
	case func(any) int:
		return func(a []reflect.Value) (reflect.Value, error) { return val(f(anyOf(a[0]))) }
	case func(any) template.HTML:
		return func(a []reflect.Value) (reflect.Value, error) { return val(f(anyOf(a[0]))) }
	case func(any) (string, error):
		return func(a []reflect.Value) (reflect.Value, error) { return valErr(f(anyOf(a[0]))) }
	case func(any) (template.HTML, error):
		return func(a []reflect.Value) (reflect.Value, error) { return valErr(f(anyOf(a[0]))) }
	case func(any) (template.JS, error):
		return func(a []reflect.Value) (reflect.Value, error) { return valErr(f(anyOf(a[0]))) }
	case func(any) (any, error):
		return func(a []reflect.Value) (reflect.Value, error) { return ifaceErr(f(anyOf(a[0]))) }
	case func(string) string:
		return func(a []reflect.Value) (reflect.Value, error) { return val(f(a[0].String())) }
	case func(string, time.Time) string:
		return func(a []reflect.Value) (reflect.Value, error) {
			return val(f(a[0].String(), a[1].Interface().(time.Time)))
		}
	case func(time.Time) string:
		return func(a []reflect.Value) (reflect.Value, error) { return val(f(a[0].Interface().(time.Time))) }
	case func(int, any) string:
		return func(a []reflect.Value) (reflect.Value, error) { return val(f(int(a[0].Int()), anyOf(a[1]))) }
	case func(any, any) bool:
		return func(a []reflect.Value) (reflect.Value, error) { return val(f(anyOf(a[0]), anyOf(a[1]))) }
	case func(any, any) any:
		return func(a []reflect.Value) (reflect.Value, error) { return iface(f(anyOf(a[0]), anyOf(a[1]))) }
	case func(any, any, any) any:
		return func(a []reflect.Value) (reflect.Value, error) {
			return iface(f(anyOf(a[0]), anyOf(a[1]), anyOf(a[2])))
		}
	case func(any, any) (bool, error):
		return func(a []reflect.Value) (reflect.Value, error) { return valErr(f(anyOf(a[0]), anyOf(a[1]))) }
	case func(any, any) (any, error):
		return func(a []reflect.Value) (reflect.Value, error) { return ifaceErr(f(anyOf(a[0]), anyOf(a[1]))) }
	case func(string, any) (string, error):
		return func(a []reflect.Value) (reflect.Value, error) { return valErr(f(a[0].String(), anyOf(a[1]))) }
	case func(any, ...any) bool:
		return func(a []reflect.Value) (reflect.Value, error) { return val(f(anyOf(a[0]), anys(a[1:])...)) }
	case func(any, ...any) (any, error):
		return func(a []reflect.Value) (reflect.Value, error) { return ifaceErr(f(anyOf(a[0]), anys(a[1:])...)) }
	case func(any, ...any) (string, error):
		return func(a []reflect.Value) (reflect.Value, error) { return valErr(f(anyOf(a[0]), anys(a[1:])...)) }
	case func(...any) (any, error):
		return func(a []reflect.Value) (reflect.Value, error) { return ifaceErr(f(anys(a)...)) }
	case func(...any) (string, error):
		return func(a []reflect.Value) (reflect.Value, error) { return valErr(f(anys(a)...)) }
	case func(...any) (map[string]any, error):
		return func(a []reflect.Value) (reflect.Value, error) { return valErr(f(anys(a)...)) }
	case func(...any) []any:
		return func(a []reflect.Value) (reflect.Value, error) { return val(f(anys(a)...)) }
	case func(string, ...any) (any, error):
		return func(a []reflect.Value) (reflect.Value, error) { return ifaceErr(f(a[0].String(), anys(a[1:])...)) }
	case func(string, any, ...any) (any, error):
		return func(a []reflect.Value) (reflect.Value, error) {
			return ifaceErr(f(a[0].String(), anyOf(a[1]), anys(a[2:])...))
		}
	case func(any, string, ...any) (any, error):
		return func(a []reflect.Value) (reflect.Value, error) {
			return ifaceErr(f(anyOf(a[0]), a[1].String(), anys(a[2:])...))
		}
	case func(any, any, ...any) (template.HTML, error):
		return func(a []reflect.Value) (reflect.Value, error) {
			return valErr(f(anyOf(a[0]), anyOf(a[1]), anys(a[2:])...))
		}
	case func(string, ...map[string]any) (template.HTML, error):
		return func(a []reflect.Value) (reflect.Value, error) {
			maps := make([]map[string]any, len(a)-1)
			for i, v := range a[1:] {
				maps[i] = v.Interface().(map[string]any)
			}
			return valErr(f(a[0].String(), maps...))
		}
	case func(string, ...*site.Page) (template.HTML, error):
		return func(a []reflect.Value) (reflect.Value, error) {
			pages := make([]*site.Page, len(a)-1)
			for i, v := range a[1:] {
				pages[i] = v.Interface().(*site.Page)
			}
			return valErr(f(a[0].String(), pages...))
		}
	case func(*site.Page, site.MenuItem) bool:
		return func(a []reflect.Value) (reflect.Value, error) {
			return val(f(a[0].Interface().(*site.Page), a[1].Interface().(site.MenuItem)))
		}
	case func() *site.Site:
		return func([]reflect.Value) (reflect.Value, error) { return val(f()) }
	}
	return nil
}

// anyOf is what reflect's Call passes for an any parameter.
func anyOf(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// anys are variadic ...any arguments.
func anys(a []reflect.Value) []any {
	out := make([]any, len(a))
	for i, v := range a {
		out[i] = anyOf(v)
	}
	return out
}

// val is a result of a concrete type, as reflect's Call returns it.
func val[T any](r T) (reflect.Value, error) { return reflect.ValueOf(r), nil }

func valErr[T any](r T, err error) (reflect.Value, error) {
	if err != nil {
		return reflect.Value{}, err
	}
	return reflect.ValueOf(r), nil
}

// iface is a result of type any: a Value of kind Interface, as reflect's
// Call returns it (nil stays a valid, nil interface).
func iface(r any) (reflect.Value, error) { return reflect.ValueOf(&r).Elem(), nil }

func ifaceErr(r any, err error) (reflect.Value, error) {
	if err != nil {
		return reflect.Value{}, err
	}
	return iface(r)
}
