package render

import (
	"bytes"
	"html/template"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"text/template/parse"

	"github.com/storyfront/storyfront/generator/render/treeexec"
	"github.com/storyfront/storyfront/generator/site"
)

// escapeNow makes html/template escape the named templates of set t now,
// as their first execution would: each is called from a template of its
// own that never runs its call ({{ if false }}). It must run before any
// template of the set executes (html/template adds no template after
// that). It returns the names escaped without error; the others report
// their error when they execute, as before.
func escapeNow(t *template.Template, names []string) map[string]bool {
	callers := map[string]*template.Template{}
	for _, name := range names {
		c, err := t.New("\x00escape\x00" + name).Parse(`{{ if false }}{{ template ` + strconv.Quote(name) + ` . }}{{ end }}`)
		if err != nil {
			continue
		}
		callers[name] = c
	}
	ok := map[string]bool{}
	for name, c := range callers {
		if c.Execute(io.Discard, nil) == nil {
			ok[name] = true
		}
	}
	return ok
}

// fastProgram compiles the escaped template t (of a set escapeNow
// escaped) for treeexec, or returns nil when treeexec cannot run it.
func (r *Renderer) fastProgram(t *template.Template) *treeexec.Program {
	if t == nil || t.Tree == nil || r.opts.NoFastTemplates {
		return nil
	}
	lookup := func(name string) *parse.Tree {
		if c := t.Lookup(name); c != nil {
			return c.Tree
		}
		return nil
	}
	p, err := treeexec.Compile(t.Name(), t.Tree, lookup, r.funcs, treeexec.Options{Method: fastMethod, MethodArgs: fastMethodArgs, Func: fastFunc, Inline: r.inlineFunc})
	if err != nil {
		return nil
	}
	return p
}

// execute runs t (or its compiled program p, when there is one) with data
// into w. Whatever p cannot do exactly (an error, a value it does not
// handle) is done again by html/template, whose output and error are the
// reference.
func (r *Renderer) execute(w io.Writer, t *template.Template, p *treeexec.Program, data any) error {
	if p == nil {
		return t.Execute(w, data)
	}
	if buf, ok := w.(*bytes.Buffer); ok {
		mark := buf.Len()
		if p.Execute(buf, data) == nil {
			return nil
		}
		buf.Truncate(mark)
		return t.Execute(w, data)
	}
	buf := r.bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.bufPool.Put(buf)
	if p.Execute(buf, data) == nil {
		_, err := w.Write(buf.Bytes())
		return err
	}
	return t.Execute(w, data)
}

// fastPartial is a partial compiled for treeexec, and the size its
// output's buffer starts with (the last output's, a little more).
type fastPartial struct {
	prog *treeexec.Program
	size atomic.Int64
}

// compilePartials escapes the partials now (before any runs, so that
// compiling reads trees no execution edits) and compiles them for
// treeexec.
func (r *Renderer) compilePartials() {
	r.partialProgs = map[string]*fastPartial{}
	if r.opts.NoFastTemplates {
		return
	}
	var names []string
	for _, t := range r.partials.Templates() {
		if strings.HasPrefix(t.Name(), "partials/") && t.Tree != nil {
			names = append(names, t.Name())
		}
	}
	sort.Strings(names)
	escaped := escapeNow(r.partials, names)
	for _, name := range names {
		if !escaped[name] {
			continue
		}
		if p := r.fastProgram(r.partials.Lookup(name)); p != nil {
			r.partialProgs[name] = &fastPartial{prog: p}
		}
	}
}

// inlineFunc gives treeexec the callers that write a function's output
// into the page's buffer themselves (treeexec.Options.Inline): partial and
// form, when the action prints their output in HTML text. Others: nil.
func (r *Renderer) inlineFunc(name string, fn any) treeexec.InlineFunc {
	switch name {
	case "partial":
		if _, ok := fn.(func(string, ...any) (any, error)); !ok {
			return nil
		}
		return func(w treeexec.Writer, args []reflect.Value) (reflect.Value, bool, error) {
			var d any
			if len(args) > 1 {
				d = anyOf(args[1])
			}
			buf, ok := w.(*bytes.Buffer)
			if !ok {
				v, err := r.partial(args[0].String(), anys(args[1:])...)
				rv, _ := iface(v)
				return rv, false, err
			}
			v, wrote, err := r.partialInto(buf, args[0].String(), d)
			if wrote || err != nil {
				return reflect.Value{}, wrote, err
			}
			rv, _ := iface(v)
			return rv, false, nil
		}
	case "form":
		if _, ok := fn.(func(string, ...*site.Page) (template.HTML, error)); !ok {
			return nil
		}
		return func(w treeexec.Writer, args []reflect.Value) (reflect.Value, bool, error) {
			var p *site.Page
			if len(args) > 1 {
				p = args[1].Interface().(*site.Page)
			}
			buf, ok := w.(*bytes.Buffer)
			if !ok {
				v, err := r.form(args[0].String(), p)
				return reflect.ValueOf(v), false, err
			}
			wrote, err := r.formInto(buf, args[0].String(), p)
			return reflect.Value{}, wrote, err
		}
	}
	return nil
}
