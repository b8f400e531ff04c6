package shortcode

import (
	"bytes"
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/storyfront/storyfront/generator/diag"
)

// Env is what expanding one page's calls needs.
type Env struct {
	File string // the source file, relative to the site folder
	Line int    // the line of src's first byte in File
	Page any    // .Page of the calls
	Site any    // .Site of the calls
	// Exec renders one call with its template; it returns the output.
	Exec func(c *Context) (string, error)
	// Version1 reports whether a shortcode's template starts with Hugo's
	// {{ $_hugo_config := `{ "version": 1 }` }}: its {{% %}} calls get
	// their inner as HTML (RenderInner) and their output is not Markdown.
	// Nil: none is.
	Version1 func(name string) bool
	// RenderInner converts the inner Markdown of a version-1 call, or of a
	// {{% %}} call nested in another, to HTML.
	RenderInner func(inner string) (string, error)
}

// version1 reports whether c is a {{% %}} call of a version-1 shortcode.
func (env *Env) version1(c *Call) bool {
	return c.Markdown && env.Version1 != nil && env.RenderInner != nil && env.Version1(c.Name)
}

// Expanded is a page's Markdown with its calls expanded.
type Expanded struct {
	// Markdown is the source with {{% %}} outputs in place and {{< >}}
	// outputs as placeholders.
	Markdown []byte
	outputs  [][]byte
	segs     []segment
}

// segment maps a stretch of Markdown back to the source.
type segment struct {
	md, src int
	text    bool // copied text (offsets map one to one); else a call's output
}

// placeholder markers: letters and digits only, so Markdown and the
// typographer leave them alone.
const (
	phOpen  = "SFSHORTCODE"
	phClose = "END"
)

// Expand parses src and runs its calls. Its error is a diag.Errors: a call
// that cannot be parsed, or each call whose template fails, located at the
// call.
func Expand(src []byte, needsInner func(string) bool, env *Env) (*Expanded, error) {
	items, err := Parse(src, needsInner)
	if err != nil {
		var se *SyntaxError
		if errors.As(err, &se) {
			return nil, diag.Errors{env.errorAt(src, se.Offset, se.Msg, nil)}
		}
		return nil, err
	}
	x := &Expanded{Markdown: make([]byte, 0, len(src)+64)}
	var errs diag.Errors
	// As hugo 0.111.3: the {{% %}} calls run first, in order, as their
	// output goes into the Markdown; the calls whose output is a
	// placeholder ({{< >}}, and {{% %}} of a version-1 shortcode) run after
	// them, in order. What one call stores (.Page.Scratch) is what the
	// later ones see.
	type later struct {
		call    *Call
		ordinal int
	}
	var deferred []later
	ordinal := 0
	for _, it := range items {
		if it.Call == nil {
			x.segs = append(x.segs, segment{md: len(x.Markdown), src: it.Start, text: true})
			x.Markdown = append(x.Markdown, it.Text...)
			continue
		}
		if !it.Call.Markdown || env.version1(it.Call) {
			x.segs = append(x.segs, segment{md: len(x.Markdown), src: it.Call.Start})
			x.Markdown = append(x.Markdown, phOpen...)
			x.Markdown = strconv.AppendInt(x.Markdown, int64(len(x.outputs)), 10)
			x.Markdown = append(x.Markdown, phClose...)
			x.outputs = append(x.outputs, nil)
			deferred = append(deferred, later{it.Call, ordinal})
			ordinal++
			continue
		}
		out, err := env.run(src, it.Call, nil, ordinal)
		ordinal++
		if err != nil {
			errs = append(errs, err...)
			continue
		}
		x.segs = append(x.segs, segment{md: len(x.Markdown), src: it.Call.Start})
		x.Markdown = append(x.Markdown, out...)
	}
	for i, d := range deferred {
		out, err := env.run(src, d.call, nil, d.ordinal)
		if err != nil {
			errs = append(errs, err...)
			continue
		}
		x.outputs[i] = out
	}
	if len(errs) > 0 {
		return x, errs
	}
	return x, nil
}

// run renders a call, its nested calls first.
func (env *Env) run(src []byte, c *Call, parent *Context, ordinal int) ([]byte, diag.Errors) {
	line, col := diag.Position(src, c.Start)
	ctx := &Context{call: c, ordinal: ordinal, parent: parent, page: env.Page, site: env.Site,
		pos: Position{Filename: env.File, LineNumber: line + env.Line - 1, ColumnNumber: col}}
	var errs diag.Errors
	if c.Paired && IsInline(c.Name) {
		// An inline shortcode's inner is its template, kept as written.
		ctx.inner = string(src[c.InnerStart:c.InnerEnd])
		l, _ := diag.Position(src, c.InnerStart)
		ctx.innerLine = l + env.Line - 1
	} else if c.Paired {
		var inner []byte
		n := 0
		for _, it := range c.Inner {
			if it.Call == nil {
				inner = append(inner, it.Text...)
				continue
			}
			out, err := env.run(src, it.Call, ctx, n)
			n++
			errs = append(errs, err...)
			inner = append(inner, out...)
		}
		ctx.inner = string(inner)
		// As Hugo: a {{% %}} call inside another call, or one of a
		// version-1 shortcode, gets its inner as HTML.
		if env.version1(c) || c.Markdown && parent != nil && env.RenderInner != nil {
			html, err := env.RenderInner(ctx.inner)
			if err != nil {
				return nil, diag.Errors{env.errorAt(src, c.Start, "shortcode "+c.Name+": "+err.Error(), err)}
			}
			// As Hugo: an inner of one line loses the paragraph around it.
			if !strings.Contains(ctx.inner, "\n") {
				if t, ok := strings.CutPrefix(html, "<p>"); ok {
					if t, ok := strings.CutSuffix(t, "</p>\n"); ok && !strings.Contains(t, "\n") {
						html = t
					}
				}
			}
			ctx.inner = html
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	out, err := env.Exec(ctx)
	if err != nil {
		return nil, diag.Errors{env.errorAt(src, c.Start, "shortcode "+c.Name+": "+err.Error(), err)}
	}
	return []byte(out), nil
}

func (env *Env) errorAt(src []byte, offset int, msg string, cause error) *diag.Error {
	line, col := diag.Position(src, offset)
	return &diag.Error{File: env.File, Line: line + env.Line - 1, Col: col, Msg: msg, Err: cause}
}

// SourceOffset maps a byte offset in Markdown to one in the source: text
// keeps its place; anything inside a call's output maps to the call.
func (x *Expanded) SourceOffset(off int) int {
	i := sort.Search(len(x.segs), func(i int) bool { return x.segs[i].md > off }) - 1
	if i < 0 {
		return off
	}
	s := x.segs[i]
	if s.text {
		return s.src + off - s.md
	}
	return s.src
}

var (
	pOpen  = []byte("<p>")
	pClose = []byte("</p>")
)

// Restore puts the {{< >}} outputs in place of their placeholders in the
// converted HTML; a placeholder alone in a paragraph replaces the
// paragraph, as in Hugo.
func (x *Expanded) Restore(html []byte) []byte {
	if len(x.outputs) == 0 {
		return html
	}
	var b bytes.Buffer
	b.Grow(len(html))
	for {
		i := bytes.Index(html, []byte(phOpen))
		if i < 0 {
			b.Write(html)
			return b.Bytes()
		}
		j := i + len(phOpen)
		k := j
		for k < len(html) && html[k] >= '0' && html[k] <= '9' {
			k++
		}
		n, err := strconv.Atoi(string(html[j:k]))
		if err != nil || n >= len(x.outputs) || !bytes.HasPrefix(html[k:], []byte(phClose)) {
			b.Write(html[:j])
			html = html[j:]
			continue
		}
		end := k + len(phClose)
		start := i
		if bytes.HasSuffix(html[:i], pOpen) && bytes.HasPrefix(html[end:], pClose) {
			start -= len(pOpen)
			end += len(pClose)
		}
		b.Write(html[:start])
		b.Write(x.outputs[n])
		html = html[end:]
	}
}
