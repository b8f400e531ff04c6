package treeexec

import "reflect"

// fastFunc calls a FuncMap function of a known signature without
// reflect's Call; ok false: the caller takes the general path.
type fastFunc func(s *state, dot reflect.Value, f *funcCall, final reflect.Value) (reflect.Value, bool)

// fastCaller returns fn's fast caller, or nil.
func fastCaller(fn any) fastFunc { return nil }
