package render

import (
	"html/template"
	"reflect"
	"time"

	"github.com/storyfront/storyfront/generator/render/treeexec"
	"github.com/storyfront/storyfront/generator/site"
)

// fastMethod gives treeexec direct callers for the methods without
// arguments templates call most (the site package's pages and sites),
// so they run without reflect's Call. Others: nil (reflect).
func fastMethod(m reflect.Method) treeexec.MethodFunc {
	switch f := m.Func.Interface().(type) {
	case func(*site.Page) string:
		return func(v reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(*site.Page))), nil
		}
	case func(*site.Page) bool:
		return func(v reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(*site.Page))), nil
		}
	case func(*site.Page) int:
		return func(v reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(*site.Page))), nil
		}
	case func(*site.Page) *site.Page:
		return func(v reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(*site.Page))), nil
		}
	case func(*site.Page) site.Pages:
		return func(v reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(*site.Page))), nil
		}
	case func(*site.Page) template.HTML:
		return func(v reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(*site.Page))), nil
		}
	case func(*site.Page) template.JS:
		return func(v reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(*site.Page))), nil
		}
	case func(*site.Page) *site.ShareImage:
		return func(v reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(*site.Page))), nil
		}
	case func(*site.Page) []string:
		return func(v reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(*site.Page))), nil
		}
	case func(*site.Site) string:
		return func(v reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(*site.Site))), nil
		}
	case func(*site.Site) bool:
		return func(v reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(*site.Site))), nil
		}
	case func(*site.Site) site.Pages:
		return func(v reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(*site.Site))), nil
		}
	case func(*site.Site) map[string]any:
		return func(v reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(*site.Site))), nil
		}
	case func(time.Time) bool:
		return func(v reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(time.Time))), nil
		}
	}
	return nil
}

// fastMethodArgs gives treeexec direct callers for the methods with
// arguments templates call most (.Date.Format "…", .Param "x", .Eq $p,
// .Scratch.Get "k", .Site.GetPage "/x", .IsMenuCurrent "main" .),
// without reflect's Call. args come converted to the parameters' types.
// Others: nil (reflect).
func fastMethodArgs(m reflect.Method) treeexec.MethodArgsFunc {
	switch f := m.Func.Interface().(type) {
	case func(time.Time, string) string:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return val(f(v.Interface().(time.Time), a[0].String()))
		}
	case func(*time.Time, string) string:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return val(f(v.Interface().(*time.Time), a[0].String()))
		}
	case func(time.Time, time.Time) bool:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return val(f(v.Interface().(time.Time), a[0].Interface().(time.Time)))
		}
	case func(*time.Time, time.Time) bool:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return val(f(v.Interface().(*time.Time), a[0].Interface().(time.Time)))
		}
	case func(*site.Page, string) any:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return iface(f(v.Interface().(*site.Page), a[0].String()))
		}
	case func(*site.Page, string) (any, error):
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return ifaceErr(f(v.Interface().(*site.Page), a[0].String()))
		}
	case func(*site.Page, string) bool:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return val(f(v.Interface().(*site.Page), a[0].String()))
		}
	case func(*site.Page, *site.Page) bool:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return val(f(v.Interface().(*site.Page), a[0].Interface().(*site.Page)))
		}
	case func(*site.Page, string, site.MenuItem) bool:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return val(f(v.Interface().(*site.Page), a[0].String(), a[1].Interface().(site.MenuItem)))
		}
	case func(*site.Page, string) []*site.Page:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return val(f(v.Interface().(*site.Page), a[0].String()))
		}
	case func(*site.Site, any) any:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return iface(f(v.Interface().(*site.Site), anyOf(a[0])))
		}
	case func(*site.Site, string) string:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return val(f(v.Interface().(*site.Site), a[0].String()))
		}
	case func(*site.Site, ...string) (any, error):
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			refs := make([]string, len(a))
			for i, r := range a {
				refs[i] = r.String()
			}
			return ifaceErr(f(v.Interface().(*site.Site), refs...))
		}
	case func(*site.Scratch, string) any:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return iface(f(v.Interface().(*site.Scratch), a[0].String()))
		}
	case func(*site.Scratch, string, any) string:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return val(f(v.Interface().(*site.Scratch), a[0].String(), anyOf(a[1])))
		}
	}
	return nil
}
