package treeexec

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
)

// Writer is where a Program writes: a bytes.Buffer, a strings.Builder,
// a bufio.Writer.
type Writer interface {
	io.Writer
	io.StringWriter
}

// maxDepth bounds {{ template }} recursion, as text/template does.
const maxDepth = 10000

type variable struct {
	name  string
	value reflect.Value
}

// state is one execution's: where it writes and its variables.
type state struct {
	opts  *Options
	w     Writer
	vars  []variable
	depth int
	args  []reflect.Value // the arguments of the calls under way (evalArgs)
}

// execError carries an error out of the evaluation (a panic caught by
// Execute).
type execError struct{ err error }

// fail stops the execution with err.
func fail(err error) { panic(execError{err}) }

func failf(format string, args ...any) { fail(fmt.Errorf(format, args...)) }

// Execute runs p with data into w. On error w holds part of the output.
func (p *Program) Execute(w Writer, data any) (err error) {
	s, _ := p.states.Get().(*state)
	if s == nil {
		s = &state{}
	}
	s.w, s.opts, s.depth = w, &p.opts, 0
	dot := reflect.ValueOf(data)
	s.vars = append(s.vars[:0], variable{"$", dot})
	defer func() {
		// The state goes back to the pool without what it held.
		clear(s.vars[:cap(s.vars)])
		clear(s.args[:cap(s.args)])
		s.vars, s.args, s.w = s.vars[:0], s.args[:0], nil
		p.states.Put(s)
	}()
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(execError); ok {
				err = e.err
			} else {
				// A function's panic: text/template makes it an error.
				err = fmt.Errorf("panic: %v: %w", r, ErrUnsupported)
			}
		}
	}()
	s.walk(dot, p.root)
	return nil
}

type ctl int

const (
	ctlNone ctl = iota
	ctlBreak
	ctlContinue
)

type node interface {
	exec(s *state, dot reflect.Value) ctl
}

func (s *state) walk(dot reflect.Value, list []node) ctl {
	for _, n := range list {
		if c := n.exec(s, dot); c != ctlNone {
			return c
		}
	}
	return ctlNone
}

func (s *state) mark() int { return len(s.vars) }

func (s *state) pop(mark int) {
	clear(s.vars[mark:])
	s.vars = s.vars[:mark]
}

func (s *state) setVar(name string, v reflect.Value) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return
		}
	}
	failf("undefined variable: %s", name)
}

func (s *state) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	failf("undefined variable: %s", name)
	return reflect.Value{}
}

func (s *state) write(str string) {
	if _, err := s.w.WriteString(str); err != nil {
		fail(err)
	}
}

type textNode struct{ text string }

func (n *textNode) exec(s *state, _ reflect.Value) ctl {
	s.write(n.text)
	return ctlNone
}

type breakNode struct{}

func (breakNode) exec(*state, reflect.Value) ctl { return ctlBreak }

type continueNode struct{}

func (continueNode) exec(*state, reflect.Value) ctl { return ctlContinue }

type actionNode struct {
	pipe  *pipeline
	print bool
	// escaper: the pipeline prints and ends with an escaper without
	// arguments after at least one other command.
	escaper *escaper
	// inline: the pipeline is a function call and the text escaper, and
	// Options.Inline gave the function a caller that writes its output.
	inline InlineFunc
}

var stringType = reflect.TypeFor[string]()

func (n *actionNode) exec(s *state, dot reflect.Value) ctl {
	if n.inline != nil {
		f := n.pipe.cmds[0].fn
		base := s.evalArgs(dot, f.typ, f.name, f.args, missingVal)
		v, wrote, err := n.inline(s.w, s.args[base:])
		clear(s.args[base:])
		s.args = s.args[:base]
		if err != nil {
			fail(fmt.Errorf("error calling %s: %w", f.name, err))
		}
		if !wrote {
			if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
				v = v.Elem()
			}
			s.write(n.escaper.one(v))
		}
		return ctlNone
	}
	if n.escaper != nil {
		// The usual printed action: a value, then one escaper (html/template
		// added it), whose string is written without boxing it in a Value.
		value := missingVal
		for _, c := range n.pipe.cmds[:len(n.pipe.cmds)-1] {
			value = s.evalCommand(dot, c, value)
			if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
				value = value.Elem()
			}
		}
		s.write(n.escaper.one(value))
		return ctlNone
	}
	v := s.evalPipeline(dot, n.pipe)
	if n.print {
		s.printValue(v)
	}
	return ctlNone
}

// printValue writes v as text/template does (fmt.Fprint of the value,
// through a pointer to its String or Error method).
func (s *state) printValue(v reflect.Value) {
	if v.Kind() == reflect.String && v.Type() == stringType {
		s.write(v.String())
		return
	}
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v)
	}
	if !v.IsValid() {
		s.write("<no value>")
		return
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(stringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(stringerType)) {
			v = v.Addr()
		} else if k := v.Kind(); k == reflect.Chan || k == reflect.Func {
			failf("can't print value of type %s", v.Type())
		}
	}
	if _, err := fmt.Fprint(s.w, v.Interface()); err != nil {
		fail(err)
	}
}

var stringerType = reflect.TypeFor[fmt.Stringer]()

type branchNode struct {
	with           bool
	pipe           *pipeline
	list, elseList []node
	hasElse        bool
}

func (n *branchNode) exec(s *state, dot reflect.Value) ctl {
	mark := s.mark()
	defer s.pop(mark)
	v := s.evalPipeline(dot, n.pipe)
	truth, ok := isTrue(indirectInterface(v))
	if !ok {
		failf("if/with can't use %v", v)
	}
	if truth {
		if n.with {
			return s.walk(v, n.list)
		}
		return s.walk(dot, n.list)
	}
	if n.hasElse {
		return s.walk(dot, n.elseList)
	}
	return ctlNone
}

type templateNode struct {
	prog *Program
	pipe *pipeline
}

func (n *templateNode) exec(s *state, dot reflect.Value) ctl {
	if s.depth >= maxDepth {
		failf("exceeded maximum template depth (%v)", maxDepth)
	}
	var d reflect.Value
	if n.pipe != nil {
		d = s.evalPipeline(dot, n.pipe)
	}
	saved := s.vars
	s.vars = []variable{{"$", d}}
	s.depth++
	s.walk(d, n.prog.root)
	s.depth--
	s.vars = saved
	return ctlNone
}

type rangeNode struct {
	pipe           *pipeline
	list, elseList []node
	hasElse        bool
}

func (n *rangeNode) exec(s *state, dot reflect.Value) ctl {
	mark := s.mark()
	defer s.pop(mark)
	val, _ := indirect(s.evalPipeline(dot, n.pipe))
	inner := s.mark()
	switch val.Kind() {
	case reflect.Array, reflect.Slice:
		if val.Len() == 0 {
			break
		}
		for i := 0; i < val.Len(); i++ {
			if n.one(s, inner, reflect.ValueOf(i), val.Index(i)) {
				break
			}
		}
		return ctlNone
	case reflect.Map:
		if val.Len() == 0 {
			break
		}
		for _, k := range sortedKeys(val) {
			if n.one(s, inner, k, val.MapIndex(k)) {
				break
			}
		}
		return ctlNone
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if len(n.pipe.decl) > 1 {
			failf("can't use %v to iterate over more than one variable", val)
		}
		run := false
		for v := range val.Seq() {
			run = true
			if n.one(s, inner, reflect.Value{}, v) {
				break
			}
		}
		if !run {
			break
		}
		return ctlNone
	case reflect.Invalid:
	default:
		failf("range over %s: %w", val.Kind(), ErrUnsupported)
	}
	if n.hasElse {
		return s.walk(dot, n.elseList)
	}
	return ctlNone
}

// one runs the range's body for one element (index: its index or key);
// stop: the body broke out of the range. inner is the variables' mark
// inside the range (its declared variables are the last ones).
func (n *rangeNode) one(s *state, inner int, index, elem reflect.Value) (stop bool) {
	decl := n.pipe.decl
	if len(decl) > 0 {
		if n.pipe.isAssign {
			if len(decl) > 1 {
				s.setVar(decl[0], index)
			} else {
				s.setVar(decl[0], elem)
			}
		} else {
			s.vars[len(s.vars)-1].value = elem
		}
	}
	if len(decl) > 1 {
		if n.pipe.isAssign {
			s.setVar(decl[1], elem)
		} else {
			s.vars[len(s.vars)-2].value = index
		}
	}
	c := s.walk(elem, n.list)
	s.pop(inner)
	return c == ctlBreak
}

// sortedKeys orders a map's keys as text/template does (fmtsort) for the
// key kinds it supports: strings, signed and unsigned integers, floats
// without NaN, booleans. Other maps stop the execution.
func sortedKeys(m reflect.Value) []reflect.Value {
	keys := m.MapKeys()
	if len(keys) == 0 {
		return keys
	}
	switch keys[0].Kind() {
	case reflect.String:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmpOrdered(a.Int(), b.Int()) })
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmpOrdered(a.Uint(), b.Uint()) })
	case reflect.Bool:
		slices.SortFunc(keys, func(a, b reflect.Value) int {
			switch {
			case a.Bool() == b.Bool():
				return 0
			case !a.Bool():
				return -1
			}
			return 1
		})
	case reflect.Float32, reflect.Float64:
		for _, k := range keys {
			if f := k.Float(); f != f {
				failf("map with NaN keys: %w", ErrUnsupported)
			}
		}
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmpOrdered(a.Float(), b.Float()) })
	default:
		failf("range over a map keyed by %s: %w", keys[0].Type(), ErrUnsupported)
	}
	return keys
}

func cmpOrdered[T int64 | uint64 | float64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// IsUnsupported reports whether err says the template or its data needs
// text/template (rather than being an error of the template itself).
func IsUnsupported(err error) bool { return errors.Is(err, ErrUnsupported) }

// indirect follows pointers and interfaces to a value; isNil: it stopped
// at a nil one.
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface is the value inside an interface value (invalid for a
// nil one).
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// isTrue is text/template's truth: non-zero numbers, non-empty
// collections and strings, non-nil pointers, any struct.
func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return false, false
	}
	return truth, true
}
