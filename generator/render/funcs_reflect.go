package render

import (
	"html/template"
	"reflect"
)

// reflectNS is Hugo's reflect namespace.
type reflectNS struct{}

func reflectFuncs(m template.FuncMap) { m["reflect"] = func() reflectNS { return reflectNS{} } }

// IsMap reports whether v is a map.
func (reflectNS) IsMap(v any) bool { return v != nil && reflect.TypeOf(v).Kind() == reflect.Map }

// IsSlice reports whether v is a slice.
func (reflectNS) IsSlice(v any) bool { return v != nil && reflect.TypeOf(v).Kind() == reflect.Slice }
