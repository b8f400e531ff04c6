package treeexec

import (
	"fmt"
	"reflect"
)

type fnKind int

const (
	fnGo fnKind = iota
	fnEscaper
	fnAnd
	fnOr
	fnNot
	fnLen
	fnPrint
	fnPrintf
	fnPrintln
)

// funcCall is a call of a function of the FuncMap, an escaper or a
// builtin, with its arguments.
type funcCall struct {
	name    string
	kind    fnKind
	args    []*argNode
	fn      reflect.Value
	typ     reflect.Type
	direct  FuncFunc
	escaper escaper
}

var anyType = reflect.TypeFor[any]()

func (s *state) evalFunc(dot reflect.Value, f *funcCall, final reflect.Value) reflect.Value {
	switch f.kind {
	case fnGo:
		if f.direct != nil {
			return s.callDirect(dot, f, final)
		}
		return s.call(dot, f.fn, f.typ, f.name, f.args, final)
	case fnEscaper:
		if len(f.args) == 0 && !isMissing(final) {
			return reflect.ValueOf(f.escaper.one(final))
		}
		vals := s.anyArgs(dot, f.args, final)
		return reflect.ValueOf(f.escaper.many(vals))
	case fnAnd, fnOr:
		var v reflect.Value
		for _, a := range f.args {
			v = s.evalArgValue(dot, a)
			if truth(v) == (f.kind == fnOr) {
				return v
			}
		}
		if !isMissing(final) {
			v = final
		}
		if len(f.args) == 0 && isMissing(final) {
			failf("wrong number of args for %s", f.name)
		}
		return v
	case fnNot, fnLen:
		var v reflect.Value
		switch {
		case len(f.args) == 1 && isMissing(final):
			v = s.evalArgValue(dot, f.args[0])
		case len(f.args) == 0 && !isMissing(final):
			v = final
		default:
			failf("wrong number of args for %s", f.name)
		}
		if f.kind == fnNot {
			return reflect.ValueOf(!truth(v))
		}
		item, isNil := indirect(v)
		if isNil {
			failf("error calling len: len of nil pointer")
		}
		switch item.Kind() {
		case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
			return reflect.ValueOf(item.Len())
		}
		failf("error calling len: len of type %s", item.Type())
	case fnPrint, fnPrintln:
		vals := s.anyArgs(dot, f.args, final)
		if f.kind == fnPrint {
			return reflect.ValueOf(fmt.Sprint(vals...))
		}
		return reflect.ValueOf(fmt.Sprintln(vals...))
	case fnPrintf:
		if len(f.args) == 0 {
			failf("wrong number of args for printf")
		}
		format := s.evalArg(dot, stringType, f.args[0]).String()
		vals := s.anyArgs(dot, f.args[1:], final)
		return reflect.ValueOf(fmt.Sprintf(format, vals...))
	}
	panic("unknown function kind")
}

// evalArgValue evaluates an argument for a reflect.Value parameter (and,
// or, not, len), as evalArg does but without boxing the Value.
func (s *state) evalArgValue(dot reflect.Value, a *argNode) reflect.Value {
	v := s.evalArgAny(dot, a)
	if v.IsValid() && v.Type() == reflectValueType {
		v = v.Interface().(reflect.Value)
	}
	return v
}

// anyArgs evaluates args (and final, when given) for ...any parameters.
func (s *state) anyArgs(dot reflect.Value, args []*argNode, final reflect.Value) []any {
	n := len(args)
	if !isMissing(final) {
		n++
	}
	vals := make([]any, 0, n)
	for _, a := range args {
		vals = append(vals, asAny(s.evalArg(dot, anyType, a)))
	}
	if !isMissing(final) {
		vals = append(vals, asAny(s.validateType(final, anyType)))
	}
	return vals
}

// asAny is what reflect's Call passes for an any parameter.
func asAny(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// truth is text/template's truth of an and/or/not argument.
func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}
