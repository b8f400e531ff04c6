package treeexec

import (
	"fmt"
	"reflect"
	"sync/atomic"
	"text/template/parse"
)

type pipeline struct {
	decl     []string
	isAssign bool
	cmds     []*command
}

type cmdKind int

const (
	cmdChain cmdKind = iota
	cmdVariable
	cmdFunc
	cmdPipe
	cmdConst
)

type command struct {
	kind     cmdKind
	chain    *chain
	variable string
	fn       *funcCall
	pipe     *pipeline
	constant *argNode
}

// missing stands for "no value piped in": a value no template can make.
type missingType struct{}

var missingVal = reflect.ValueOf(missingType{})

func isMissing(v reflect.Value) bool { return v.IsValid() && v.Type() == missingVal.Type() }

func (s *state) evalPipeline(dot reflect.Value, p *pipeline) reflect.Value {
	if p == nil {
		return reflect.Value{}
	}
	value := missingVal
	for _, c := range p.cmds {
		value = s.evalCommand(dot, c, value)
		if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
			value = value.Elem()
		}
	}
	for _, name := range p.decl {
		if p.isAssign {
			s.setVar(name, value)
		} else {
			s.vars = append(s.vars, variable{name, value})
		}
	}
	return value
}

func (s *state) evalCommand(dot reflect.Value, c *command, final reflect.Value) reflect.Value {
	switch c.kind {
	case cmdChain:
		return s.evalChain(dot, c.chain, final)
	case cmdVariable:
		if !isMissing(final) {
			failf("can't give argument to non-function $%s", c.variable)
		}
		return s.varValue(c.variable)
	case cmdFunc:
		return s.evalFunc(dot, c.fn, final)
	case cmdPipe:
		if !isMissing(final) {
			failf("can't give argument to non-function")
		}
		return s.evalPipeline(dot, c.pipe)
	}
	if !isMissing(final) {
		failf("can't give argument to non-function")
	}
	if c.constant.kind == argDot {
		return dot
	}
	return c.constant.value
}

type chain struct {
	base   *argNode // nil: dot
	fields []*field
	args   []*argNode // the last field's (a method's) arguments
}

func (s *state) evalChain(dot reflect.Value, ch *chain, final reflect.Value) reflect.Value {
	recv := dot
	if ch.base != nil {
		recv = s.evalArgAny(dot, ch.base)
	}
	last := len(ch.fields) - 1
	for i := 0; i < last; i++ {
		recv = s.evalField(dot, ch.fields[i], nil, missingVal, recv)
	}
	return s.evalField(dot, ch.fields[last], ch.args, final, recv)
}

type argKind int

const (
	argDot argKind = iota
	argNil
	argConst
	argChain
	argVariable
	argPipe
	argFunc
)

type argNode struct {
	kind  argKind
	node  parse.Node // a constant's node (typed conversions)
	value reflect.Value
	chain *chain
	name  string
	pipe  *pipeline
	fn    *funcCall
}

// evalArgAny evaluates an argument without an expected type (the base of
// a chain, text/template's evalArg with a nil type).
func (s *state) evalArgAny(dot reflect.Value, a *argNode) reflect.Value {
	switch a.kind {
	case argDot:
		return dot
	case argNil:
		return reflect.ValueOf(nil)
	case argConst:
		return a.value
	case argChain:
		return s.evalChain(dot, a.chain, missingVal)
	case argVariable:
		return s.varValue(a.name)
	case argPipe:
		return s.evalPipeline(dot, a.pipe)
	case argFunc:
		return s.evalFunc(dot, a.fn, missingVal)
	}
	panic("unknown argument kind")
}

var reflectValueType = reflect.TypeFor[reflect.Value]()

// evalArg evaluates an argument for a parameter of type typ, as
// text/template's evalArg.
func (s *state) evalArg(dot reflect.Value, typ reflect.Type, a *argNode) reflect.Value {
	switch a.kind {
	case argDot:
		return s.validateType(dot, typ)
	case argNil:
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		failf("cannot assign nil to %s", typ)
	case argChain, argVariable, argPipe, argFunc:
		return s.validateType(s.evalArgAny(dot, a), typ)
	}
	return constantFor(typ, a)
}

// constantFor converts a constant argument to typ.
func constantFor(typ reflect.Type, a *argNode) reflect.Value {
	if a.value.IsValid() && a.value.Type() == typ {
		return a.value // a string, bool, int or float64 where that type is wanted
	}
	switch typ.Kind() {
	case reflect.Bool:
		if n, ok := a.node.(*parse.BoolNode); ok {
			v := reflect.New(typ).Elem()
			v.SetBool(n.True)
			return v
		}
	case reflect.Float32, reflect.Float64:
		if n, ok := a.node.(*parse.NumberNode); ok && n.IsFloat {
			v := reflect.New(typ).Elem()
			v.SetFloat(n.Float64)
			return v
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := a.node.(*parse.NumberNode); ok && n.IsInt {
			v := reflect.New(typ).Elem()
			v.SetInt(n.Int64)
			return v
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if n, ok := a.node.(*parse.NumberNode); ok && n.IsUint {
			v := reflect.New(typ).Elem()
			v.SetUint(n.Uint64)
			return v
		}
	case reflect.String:
		if n, ok := a.node.(*parse.StringNode); ok {
			v := reflect.New(typ).Elem()
			v.SetString(n.Text)
			return v
		}
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return a.value
		}
	case reflect.Struct:
		if typ == reflectValueType {
			return reflect.ValueOf(a.value)
		}
	}
	failf("can't handle %s for arg of type %s", a.node, typ)
	return reflect.Value{}
}

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

// validateType makes value fit typ as text/template does (the value in an
// interface, one dereference, or the address), or stops.
func (s *state) validateType(value reflect.Value, typ reflect.Type) reflect.Value {
	if !value.IsValid() {
		if typ == nil {
			return reflect.ValueOf(nil)
		}
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		failf("invalid value; expected %s", typ)
	}
	if typ == reflectValueType && value.Type() != typ {
		return reflect.ValueOf(value)
	}
	if typ != nil && !value.Type().AssignableTo(typ) {
		if value.Kind() == reflect.Interface && !value.IsNil() {
			value = value.Elem()
			if value.Type().AssignableTo(typ) {
				return value
			}
		}
		switch {
		case value.Kind() == reflect.Pointer && value.Type().Elem().AssignableTo(typ):
			value = value.Elem()
			if !value.IsValid() {
				failf("dereference of nil pointer of type %s", typ)
			}
		case reflect.PointerTo(value.Type()).AssignableTo(typ) && value.CanAddr():
			value = value.Addr()
		default:
			failf("wrong type for value; expected %s; got %s", typ, value.Type())
		}
	}
	return value
}

// field is one name of a chain, with what it was found to be for the
// last receiver type (one entry: most chains see one type).
type field struct {
	name  string
	cache atomic.Pointer[fieldEntry]
}

type fieldKind int

const (
	fieldMethod fieldKind = iota
	fieldStruct
	fieldMap
	fieldNone // neither: evaluated the slow way (an error or a nil pointer)
)

type fieldEntry struct {
	typ    reflect.Type // of the receiver after indirect
	addr   bool         // the receiver was addressable
	kind   fieldKind
	method int // index in the method set of ptrType
	mtyp   reflect.Type
	index  []int // of the struct field
	fast   MethodFunc
	// fastArgs calls a method with arguments (Options.MethodArgs).
	fastArgs MethodArgsFunc
}

func (s *state) evalField(dot reflect.Value, f *field, args []*argNode, final, receiver reflect.Value) reflect.Value {
	if !receiver.IsValid() {
		return reflect.Value{}
	}
	typ := receiver.Type()
	recv, isNil := indirect(receiver)
	if isNil {
		if recv.Kind() == reflect.Interface {
			failf("nil pointer evaluating %s.%s", typ, f.name)
		}
		return s.evalFieldSlow(dot, f, args, final, receiver)
	}
	e := f.cache.Load()
	canAddr := recv.CanAddr()
	if e == nil || e.typ != recv.Type() || e.addr != canAddr {
		e = resolveField(s.opts, recv, canAddr, f.name)
		f.cache.Store(e)
	}
	hasArgs := len(args) > 0 || !isMissing(final)
	switch e.kind {
	case fieldMethod:
		ptr := recv
		if canAddr && recv.Kind() != reflect.Interface && recv.Kind() != reflect.Pointer {
			ptr = recv.Addr()
		}
		if e.fast != nil && !hasArgs {
			v, err := e.fast(ptr)
			if err != nil {
				fail(fmt.Errorf("error calling %s: %w", f.name, err))
			}
			return v
		}
		if e.fastArgs != nil && hasArgs {
			base := s.evalArgs(dot, e.mtyp, f.name, args, final)
			v, err := e.fastArgs(ptr, s.args[base:])
			clear(s.args[base:])
			s.args = s.args[:base]
			if err != nil {
				fail(fmt.Errorf("error calling %s: %w", f.name, err))
			}
			return v
		}
		return s.call(dot, ptr.Method(e.method), e.mtyp, f.name, args, final)
	case fieldStruct:
		if hasArgs {
			failf("%s has arguments but cannot be invoked as function", f.name)
		}
		v, err := recv.FieldByIndexErr(e.index)
		if err != nil {
			fail(err)
		}
		return v
	case fieldMap:
		if hasArgs {
			failf("%s is not a method but has arguments", f.name)
		}
		return recv.MapIndex(reflect.ValueOf(f.name))
	}
	return s.evalFieldSlow(dot, f, args, final, receiver)
}

// resolveField finds what name is on recv (not nil, after indirect).
func resolveField(opts *Options, recv reflect.Value, canAddr bool, name string) *fieldEntry {
	e := &fieldEntry{typ: recv.Type(), addr: canAddr, kind: fieldNone}
	ptrType := recv.Type()
	if canAddr && recv.Kind() != reflect.Interface && recv.Kind() != reflect.Pointer {
		ptrType = reflect.PointerTo(ptrType)
	}
	if m, ok := ptrType.MethodByName(name); ok {
		e.kind, e.method, e.mtyp = fieldMethod, m.Index, m.Type
		// m.Type includes the receiver; the bound method's type does not.
		e.mtyp = methodType(m.Type)
		if !goodFunc(m.Type) {
			e.kind = fieldNone
			return e
		}
		if opts.Method != nil && m.Type.NumIn() == 1 {
			e.fast = opts.Method(m)
		}
		if opts.MethodArgs != nil && m.Type.NumIn() > 1 {
			e.fastArgs = opts.MethodArgs(m)
		}
		return e
	}
	switch recv.Kind() {
	case reflect.Struct:
		if sf, ok := recv.Type().FieldByName(name); ok && sf.IsExported() {
			e.kind, e.index = fieldStruct, sf.Index
		}
	case reflect.Map:
		if recv.Type().Key() == stringType {
			e.kind = fieldMap
		}
	}
	return e
}

// methodType is the type of a method value: m's function type without
// its receiver.
func methodType(t reflect.Type) reflect.Type {
	in := make([]reflect.Type, 0, t.NumIn()-1)
	for i := 1; i < t.NumIn(); i++ {
		in = append(in, t.In(i))
	}
	out := make([]reflect.Type, 0, t.NumOut())
	for i := 0; i < t.NumOut(); i++ {
		out = append(out, t.Out(i))
	}
	return reflect.FuncOf(in, out, t.IsVariadic())
}

// evalFieldSlow is text/template's evalField for what the cache does not
// cover: nil pointers, unexported fields, map key types, errors. It stops
// the execution with an error in each of those cases but one (a nil map
// key on a map of another key type is an error too).
func (s *state) evalFieldSlow(dot reflect.Value, f *field, args []*argNode, final, receiver reflect.Value) reflect.Value {
	recv, isNil := indirect(receiver)
	if isNil && recv.Kind() == reflect.Pointer {
		if m := recv.MethodByName(f.name); m.IsValid() {
			if !goodFunc(m.Type()) {
				failf("method %s has a bad signature", f.name)
			}
			return s.call(dot, m, m.Type(), f.name, args, final)
		}
	}
	if recv.Kind() == reflect.Map {
		nameVal := reflect.ValueOf(f.name)
		if nameVal.Type().AssignableTo(recv.Type().Key()) {
			if len(args) > 0 || !isMissing(final) {
				failf("%s is not a method but has arguments", f.name)
			}
			return recv.MapIndex(nameVal)
		}
	}
	failf("can't evaluate field %s in type %s: %w", f.name, receiver.Type(), ErrUnsupported)
	return reflect.Value{}
}

// call calls fun (a Go function or bound method of type typ) as
// text/template's evalCall does.
func (s *state) call(dot, fun reflect.Value, typ reflect.Type, name string, args []*argNode, final reflect.Value) reflect.Value {
	base := s.evalArgs(dot, typ, name, args, final)
	v, err := safeCall(fun, s.args[base:])
	clear(s.args[base:])
	s.args = s.args[:base]
	if err != nil {
		fail(fmt.Errorf("error calling %s: %w", name, err))
	}
	if v.IsValid() && v.Type() == reflectValueType {
		v = v.Interface().(reflect.Value)
	}
	return v
}

// callDirect calls a function through its FuncFunc, with the arguments
// call would give it.
func (s *state) callDirect(dot reflect.Value, f *funcCall, final reflect.Value) reflect.Value {
	base := s.evalArgs(dot, f.typ, f.name, f.args, final)
	v, err := f.direct(s.args[base:])
	clear(s.args[base:])
	s.args = s.args[:base]
	if err != nil {
		fail(fmt.Errorf("error calling %s: %w", f.name, err))
	}
	return v
}

// evalArgs evaluates a call's arguments for a function of type typ onto
// s.args (from the returned index on), as text/template does: each
// converted to its parameter's type, the variadic ones one by one, the
// piped value last.
func (s *state) evalArgs(dot reflect.Value, typ reflect.Type, name string, args []*argNode, final reflect.Value) int {
	numIn := len(args)
	if !isMissing(final) {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			failf("wrong number of args for %s: want at least %d got %d", name, typ.NumIn()-1, len(args))
		}
	} else if numIn != typ.NumIn() {
		failf("wrong number of args for %s: want %d got %d", name, typ.NumIn(), numIn)
	}
	base := len(s.args)
	for range numIn {
		s.args = append(s.args, reflect.Value{})
	}
	// Arguments may call functions, which use s.args above base+numIn
	// and may move it: each value is stored by index once evaluated.
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		v := s.evalArg(dot, typ.In(i), args[i])
		s.args[base+i] = v
	}
	if typ.IsVariadic() {
		argType := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			v := s.evalArg(dot, argType, args[i])
			s.args[base+i] = v
		}
	}
	if !isMissing(final) {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		s.args[base+i] = s.validateType(final, t)
	}
	return base
}

// safeCall calls fun, turning a panic into an error.
func safeCall(fun reflect.Value, args []reflect.Value) (val reflect.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	ret := fun.Call(args)
	if len(ret) == 2 && !ret[1].IsNil() {
		return ret[0], ret[1].Interface().(error)
	}
	return ret[0], nil
}
