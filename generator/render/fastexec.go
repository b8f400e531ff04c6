package render

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/storyfront/storyfront/generator/render/treeexec"
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
	p, err := treeexec.Compile(t.Name(), t.Tree, lookup, r.funcs, treeexec.Options{Method: fastMethod, Func: fastFunc})
	if err != nil {
		return nil
	}
	return p
}

// execute runs t (or its compiled program p, when there is one) with data
// into w. Whatever p cannot do exactly (an error, a value it does not
// handle) is done again by html/template, whose output and error are the
// reference; with keepReturn, a partial's {{ return }} ends p as it is.
func (r *Renderer) execute(w io.Writer, t *template.Template, p *treeexec.Program, data any, keepReturn bool) error {
	if p == nil {
		return t.Execute(w, data)
	}
	if buf, ok := w.(*bytes.Buffer); ok {
		mark := buf.Len()
		err := p.Execute(buf, data)
		if err == nil || keepReturn && errors.As(err, new(*returned)) {
			return err
		}
		buf.Truncate(mark)
		return t.Execute(w, data)
	}
	buf := r.bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer r.bufPool.Put(buf)
	err := p.Execute(buf, data)
	if err == nil {
		_, err = w.Write(buf.Bytes())
		return err
	}
	if keepReturn && errors.As(err, new(*returned)) {
		return err
	}
	return t.Execute(w, data)
}

// compilePartials escapes the partials now (before any runs, so that
// compiling reads trees no execution edits) and compiles them for
// treeexec.
func (r *Renderer) compilePartials() {
	r.partialProgs = map[string]*treeexec.Program{}
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
			r.partialProgs[name] = p
		}
	}
}
