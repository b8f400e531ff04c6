package render

import (
	"fmt"
	"regexp"
	"strings"
	ttemplate "text/template"
	"text/template/parse"

	"html/template"
)

// needsBaseRE matches a template that starts (after space and comments)
// with {{ define: Hugo executes such a template inside its base template.
var needsBaseRE = regexp.MustCompile(`^(?:\s|\{\{-?\s*/\*(?s:.*?)\*/\s*-?\}\})*\{\{-?\s*define\s`)

// needsBase reports whether a layout only fills blocks of a base template.
func needsBase(src string) bool { return needsBaseRE.MatchString(src) }

// calledTemplates lists the names of the templates t's trees call with
// {{ template "NAME" }} that the set does not define.
func calledTemplates(trees []*parse.Tree, defined func(string) bool) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.TemplateNode:
			if !defined(n.Name) && !seen[n.Name] {
				seen[n.Name] = true
				out = append(out, n.Name)
			}
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		}
	}
	for _, t := range trees {
		if t != nil {
			walk(t.Root)
		}
	}
	return out
}

// addCalled parses into t the partials and internal templates its
// templates call by name ({{ template "partials/x.html" . }},
// {{ template "_internal/opengraph.html" . }}), as Hugo's one template
// namespace allows, until none is missing.
func (r *Renderer) addCalled(t *template.Template, funcs template.FuncMap) error {
	for range 100 {
		var trees []*parse.Tree
		for _, tt := range t.Templates() {
			trees = append(trees, tt.Tree)
		}
		missing := calledTemplates(trees, func(n string) bool { return t.Lookup(n) != nil })
		added := false
		for _, name := range missing {
			src, file, ok := r.namedTemplate(name)
			if !ok {
				continue // html/template reports it when executed
			}
			if _, err := t.New(name).Parse(src); err != nil {
				return r.templateError(file, err)
			}
			added = true
		}
		if !added {
			return nil
		}
	}
	return nil
}

// namedTemplate finds a template called by name: a layouts/ file (of the
// site or theme) or a built-in _internal/ one.
func (r *Renderer) namedTemplate(name string) (src, file string, ok bool) {
	if l := r.layouts[name]; l != nil {
		return l.src, l.file, true
	}
	if sc, ok := strings.CutPrefix(name, "_internal/shortcodes/"); ok {
		// Hugo's own shortcode, even where the theme replaces it (Congo's
		// figure calls the built-in one).
		if b, err := builtin.ReadFile("builtin/shortcodes/" + sc); err == nil {
			return string(b), "(built in) " + LayoutsDir + "/shortcodes/" + sc, true
		}
	}
	if strings.HasPrefix(name, "_internal/") {
		b, err := embedded.ReadFile("embedded/" + name)
		if err == nil {
			return string(b), "", true
		}
	}
	return "", "", false
}

// compileText compiles a plain-text format's layout (JSON, robots.txt...)
// with text/template, so its output is not HTML-escaped.
func (r *Renderer) compileText(l, base *layoutFile) (*Layout, error) {
	funcs := ttemplate.FuncMap(r.funcs)
	var t *ttemplate.Template
	var err error
	if base != nil {
		if t, err = ttemplate.New(base.name).Funcs(funcs).Parse(base.src); err != nil {
			return nil, r.templateError(base.file, err)
		}
	} else {
		t = ttemplate.New(l.name).Funcs(funcs)
	}
	entry := t
	if base != nil {
		entry = t.New(l.name)
	}
	if _, err := entry.Parse(l.src); err != nil {
		return nil, r.templateError(l.file, err)
	}
	exec := entry
	if base != nil {
		exec = t.Lookup(base.name)
	}
	for range 100 {
		var trees []*parse.Tree
		for _, tt := range t.Templates() {
			trees = append(trees, tt.Tree)
		}
		missing := calledTemplates(trees, func(n string) bool { return t.Lookup(n) != nil })
		added := false
		for _, name := range missing {
			if src, file, ok := r.namedTemplate(name); ok {
				if _, err := t.New(name).Parse(src); err != nil {
					return nil, r.templateError(file, err)
				}
				added = true
			}
		}
		if !added {
			break
		}
	}
	ids := idents{}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			ids.add(tt.Tree)
			if r.cfg.FromHugo() {
				lowerParamsKeys(tt.Tree)
			}
		}
	}
	for k := range r.partialIdents {
		ids[k] = true
	}
	return &Layout{Name: l.name, File: l.file, text: exec, SiteWide: true,
		UsesContent: true, UsesPages: ids["Pages"] || ids["Terms"], UsesTerm: ids["Term"],
		UsesPaginator: ids.reaches("Paginator", r.partialByName), SiteText: true}, nil
}

// internalRSS is Hugo's built-in feed template, used when neither the
// site nor its theme has one.
func (r *Renderer) internalRSS() *layoutFile {
	b, err := embedded.ReadFile("embedded/" + internalRSS)
	if err != nil {
		panic(fmt.Sprintf("embedded %s: %v", internalRSS, err)) // embedded at build time
	}
	return &layoutFile{name: internalRSS, file: "", src: string(b)}
}
