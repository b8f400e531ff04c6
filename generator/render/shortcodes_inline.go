package render

import (
	"bytes"
	"fmt"
	"strings"
	ttemplate "text/template"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/shortcode"
)

// execInline runs an inline shortcode call, Hugo's way: a paired call
// {{< x.inline >}}...{{< /x.inline >}} defines x.inline for the rest of
// its page (file) and runs it, its .Inner being the template text; a
// self-closed {{< x.inline />}} runs the page's earlier definition. With
// enableInlineShortcodes off, as by default, a call renders nothing, as in
// Hugo, and the page gets a warning saying why. As in hugo 0.111.3, the
// template is text/template: its output is not escaped.
func (r *Renderer) execInline(c *shortcode.Context, file string, defs map[string]*ttemplate.Template) (string, error) {
	if !r.cfg.EnableInlineShortcodes {
		pos := c.Position()
		r.warn(&diag.Error{File: file, Line: pos.LineNumber, Col: pos.ColumnNumber,
			Msg: fmt.Sprintf("inline shortcode %s renders nothing: enableInlineShortcodes is off (as in Hugo; set it to true in the site config to run it)", c.Name())})
		return "", nil
	}
	src, line, def := c.InlineDefinition()
	t := defs[c.Name()]
	if def {
		// Comment lines in front put the template's lines at the file's,
		// so its errors name the content file's lines.
		var err error
		t, err = ttemplate.New(file).Funcs(ttemplate.FuncMap(r.funcs)).Parse("{{/*" + strings.Repeat("\n", max(line-1, 0)) + "*/}}" + src)
		if err != nil {
			return "", r.inlineError(file, err)
		}
		defs[c.Name()] = t
	}
	if t == nil {
		return "", fmt.Errorf("no earlier definition of inline shortcode %q in this page (define it with {{< %s >}}...{{< /%s >}} first)", c.Name(), c.Name(), c.Name())
	}
	var b bytes.Buffer
	if err := t.Execute(&b, c); err != nil {
		return "", r.inlineError(file, err)
	}
	return b.String(), nil
}

// inlineError locates an inline shortcode's template error in its content
// file (the template is named after that file).
func (r *Renderer) inlineError(file string, err error) error {
	e := r.templateError(file, err)
	if e.File == r.fileOf(file) {
		e.File = file
	}
	return e
}
