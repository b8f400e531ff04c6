package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/site"
)

// renderState is what one build's template runs share:
// warnf's warnings and the i18n tables (partialCached's outputs are in
// partialcached.go).
type renderState struct {
	mu       sync.Mutex
	warned   map[string]bool
	i18nOnce sync.Once
	i18n     *translations
	i18nErr  error
	remote   *remote // getJSON, getCSV and resources.GetRemote (remote.go)
}

func newRenderState() *renderState {
	return &renderState{warned: map[string]bool{}, remote: newRemote()}
}

// warn adds a warning to the site's, once per message.
func (r *Renderer) warn(e *diag.Error) {
	st := r.state
	if st == nil || r.site == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.warned[e.Error()] {
		return
	}
	st.warned[e.Error()] = true
	r.site.Warnings = append(r.site.Warnings, e)
}

// partialsNS is Hugo's partials namespace (partials.Include, IncludeCached).
type partialsNS struct{ r *Renderer }

// templatesNS is Hugo's templates namespace (templates.Exists).
type templatesNS struct{ r *Renderer }

func (r *Renderer) partialFuncs(m template.FuncMap) {
	p := partialsNS{r: r}
	m["partials"] = func() partialsNS { return p }
	m["partial"] = r.partial
	m["partialCached"] = r.partialCached
	m["return"] = partialReturn
	m["templates"] = func() templatesNS { return templatesNS{r: r} }
}

// Include is partial.
func (p partialsNS) Include(name string, data ...any) (any, error) { return p.r.partial(name, data...) }

// IncludeCached is partialCached.
func (p partialsNS) IncludeCached(name string, data any, variants ...any) (any, error) {
	return p.r.partialCached(name, data, variants...)
}

// Exists reports whether layouts/ (the site's, the theme's) has the
// template ("partials/x.html", "_default/summary.html").
func (t templatesNS) Exists(name string) bool {
	if t.r.partials.Lookup(name) != nil {
		return true
	}
	_, ok := t.r.layouts[name]
	return ok
}

// returned carries a partial's {{ return VALUE }} out of its execution.
type returned struct{ v any }

func (*returned) Error() string { return "return outside a partial" }

// partialReturn is Hugo's return: it ends the partial, which gives value
// instead of its output.
func partialReturn(value ...any) (string, error) {
	var v any
	if len(value) > 0 {
		v = value[0]
	}
	return "", &returned{v: v}
}

// partial executes layouts/partials/NAME(.html) with data; a partial that
// returns gives its value, else its output as HTML.
func (r *Renderer) partial(name string, data ...any) (any, error) {
	full, t, err := r.lookupPartial(name)
	if err != nil {
		return "", err
	}
	var d any
	if len(data) > 0 {
		d = data[0]
	}
	defer r.timer()(full)
	fp := r.partialProgs[full]
	if fp == nil {
		buf := r.bufPool.Get().(*bytes.Buffer)
		buf.Reset()
		defer r.bufPool.Put(buf)
		if err := t.Execute(buf, d); err != nil {
			return partialResult(err)
		}
		return template.HTML(buf.String()), nil
	}
	// The output is built in a strings.Builder sized by the partial's
	// last output, which becomes the result without a copy.
	var b strings.Builder
	b.Grow(int(fp.size.Load()))
	err = fp.prog.Execute(&b, d)
	if err != nil && !errors.As(err, new(*returned)) {
		b.Reset() // html/template does it again (fastexec.go)
		err = t.Execute(&b, d)
	}
	if err != nil {
		return partialResult(err)
	}
	fp.size.Store(int64(b.Len() + b.Len()/8))
	return template.HTML(b.String()), nil
}

// lookupPartial finds partial name ("x", "x.html", "partials/x.html"):
// its full name ("partials/x.html") and template.
func (r *Renderer) lookupPartial(name string) (string, *template.Template, error) {
	if !strings.HasSuffix(name, ".html") && r.partials.Lookup("partials/"+name) == nil {
		name += ".html"
	}
	name = strings.TrimPrefix(name, "partials/")
	t := r.partials.Lookup("partials/" + name)
	if t == nil {
		return "", nil, fmt.Errorf("partial %q: no layouts/partials/%s", name, name)
	}
	return "partials/" + name, t, nil
}

// partialInto is partial for an action that prints its output in HTML
// text ({{ partial "x.html" . }}, treeexec's InlineFunc): a partial that
// treeexec runs writes its output straight into buf, the page's buffer,
// rather than into a string copied there next. wrote is false when the
// partial returned a value instead ({{ return }}): buf is then as it was.
func (r *Renderer) partialInto(buf *bytes.Buffer, name string, d any) (v any, wrote bool, err error) {
	full, t, lerr := r.lookupPartial(name)
	if lerr != nil {
		return "", false, lerr
	}
	fp := r.partialProgs[full]
	if fp == nil {
		v, err := r.partial(name, d)
		return v, false, err
	}
	defer r.timer()(full)
	mark := buf.Len()
	err = fp.prog.Execute(buf, d)
	if err != nil && !errors.As(err, new(*returned)) {
		buf.Truncate(mark) // html/template does it again (fastexec.go)
		err = t.Execute(buf, d)
	}
	if err != nil {
		buf.Truncate(mark)
		v, err := partialResult(err)
		return v, false, err
	}
	return nil, true, nil
}

// partialResult is a partial's value when its execution ended with err:
// what it returned, or the error.
func partialResult(err error) (any, error) {
	var ret *returned
	if errors.As(err, &ret) {
		return ret.v, nil
	}
	return "", err
}

// renderLayout is a page's .Render NAME: the view layout TYPE/NAME.html,
// SECTION/NAME.html or _default/NAME.html, run on the page.
func (r *Renderer) renderLayout(p *site.Page, name string) (template.HTML, error) {
	var dirs []string
	if p.Type != "" {
		dirs = append(dirs, p.Type)
	}
	if p.Section != "" && p.Section != p.Type {
		dirs = append(dirs, p.Section)
	}
	dirs = append(dirs, "_default")
	for _, d := range dirs {
		l := r.layouts[d+"/"+name+".html"]
		if l == nil {
			continue
		}
		f := r.htmlFormat()
		lay := r.compiled(l, DescriptorOf(p, f, r.singular()), f)
		if lay.Broken {
			return "", fmt.Errorf("Render %q: %s does not parse", name, l.file)
		}
		var b bytes.Buffer
		if err := r.Execute(&b, lay, p); err != nil {
			return "", err
		}
		return template.HTML(b.String()), nil
	}
	return "", fmt.Errorf("Render %q: no layouts/%s/%s.html", name, strings.Join(dirs, "|"), name)
}

// isFuncCall reports whether a command's argument names a function: add,
// or a namespace's (time.Format, a chain on the identifier time).
func isFuncCall(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.IdentifierNode:
		return true
	case *parse.ChainNode:
		_, ok := n.Node.(*parse.IdentifierNode)
		return ok
	}
	return false
}

// returnPipelines rewrites {{ return FUNC ARG... }} in a parse tree to
// {{ return (FUNC ARG...) }} (FUNC may be a namespace's: time.Format): Hugo's return takes a whole pipeline, while
// to Go's template engine return is a function whose arguments would be
// FUNC (called with no arguments) and the ARGs.
func returnPipelines(t *parse.Tree) {
	if t == nil || t.Root == nil {
		return
	}
	walkNodes(t.Root, func(n parse.Node) {
		c, ok := n.(*parse.CommandNode)
		if !ok || len(c.Args) < 3 {
			return
		}
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || id.Ident != "return" {
			return
		}
		if !isFuncCall(c.Args[1]) {
			return
		}
		inner := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: c.Args[1].Position(), Args: c.Args[1:]}
		pipe := &parse.PipeNode{NodeType: parse.NodePipe, Pos: inner.Pos, Cmds: []*parse.CommandNode{inner}}
		c.Args = []parse.Node{id, pipe}
	})
}
