package render

import (
	"errors"
	"html/template"
	"strconv"
	"strings"

	"github.com/storyfront/storyfront/generator/diag"
)

// templateError locates a text/template or html/template error in the
// layout file it names. Those errors carry their place only in their text
// ("template: NAME:LINE:COL: ..."), so it is read back from there.
func (r *Renderer) templateError(fallback string, err error) *diag.Error {
	var de *diag.Error
	if errors.As(err, &de) {
		return de
	}
	var he *template.Error
	if errors.As(err, &he) && he.Name != "" {
		return &diag.Error{File: r.fileOf(he.Name), Line: he.Line, Col: 1, Msg: he.Description, Err: err}
	}
	msg := err.Error()
	rest, ok := strings.CutPrefix(msg, "template: ")
	if !ok {
		return &diag.Error{File: fallback, Msg: msg, Err: err}
	}
	loc, text, ok := strings.Cut(rest, ": ")
	if !ok {
		return &diag.Error{File: fallback, Msg: msg, Err: err}
	}
	parts := strings.Split(loc, ":")
	name := parts[0]
	line, col := 0, 0
	if len(parts) > 1 {
		line, _ = strconv.Atoi(parts[1])
	}
	if len(parts) > 2 {
		col, _ = strconv.Atoi(parts[2])
	}
	// Drop the echo of the template name: `executing "x" at <.Y>: msg`.
	if strings.HasPrefix(text, "executing ") {
		if i := strings.Index(text, ">: "); i >= 0 {
			at := text[strings.Index(text, "<") : i+1]
			text = at + ": " + text[i+3:]
		}
	}
	// A nested error (a partial's) names its own place: report that one.
	if i := strings.LastIndex(text, "template: "); i > 0 {
		inner := r.templateError(fallback, errors.New(text[i:]))
		inner.Err = err
		return inner
	}
	return &diag.Error{File: r.fileOf(name), Line: line, Col: col, Msg: text, Err: err}
}

// fileOf maps a template name to its file, relative to the site folder.
func (r *Renderer) fileOf(name string) string {
	if l, ok := r.layouts[name]; ok {
		return l.file
	}
	return LayoutsDir + "/" + name
}
