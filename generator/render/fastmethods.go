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
