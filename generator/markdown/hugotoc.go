package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// HugoTOC is Hugo's markup.tableOfContents: the headings from StartLevel
// to EndLevel (-1: no end) in <nav id="TableOfContents">, as hugo
// 0.111.3 writes it. Zero levels take Hugo's defaults, 2 and 3.
type HugoTOC struct {
	StartLevel, EndLevel int
	Ordered              bool
}

// tocEntry is one heading in Hugo's table of contents tree; an entry
// without ID and title stands for a level the document skipped.
type tocEntry struct {
	id, title string
	children  []*tocEntry
}

// hugoTOC builds the table of contents of headings as hugo does: a
// level-1 heading (or the first heading) starts a new row, and a heading
// hangs below the last entry of each level above it, empty entries
// filling skipped levels.
func hugoTOC(r renderer.Renderer, src []byte, headings []*ast.Heading, set HugoTOC) []byte {
	var rows []*tocEntry
	row := -1
	for _, h := range headings {
		if h.Level == 1 || row == -1 {
			row++
		}
		for len(rows) <= row {
			rows = append(rows, &tocEntry{})
		}
		e := &tocEntry{title: headingTitle(r, src, h)}
		if id, ok := h.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				e.id = string(b)
			}
		}
		if h.Level == 1 {
			e.children = rows[row].children
			rows[row] = e
			continue
		}
		parent := rows[row]
		for i := 1; i < h.Level-1; i++ {
			if len(parent.children) == 0 {
				parent.children = append(parent.children, &tocEntry{})
			}
			parent = parent.children[len(parent.children)-1]
		}
		parent.children = append(parent.children, e)
	}
	if set.StartLevel == 0 {
		set.StartLevel = 2
	}
	if set.EndLevel == 0 {
		set.EndLevel = 3
	}
	w := tocWriter{set: set}
	w.b.WriteString(`<nav id="TableOfContents">`)
	w.list(1, 0, rows)
	w.b.WriteString("</nav>")
	return []byte(w.b.String())
}

// headingTitle renders a heading's text as hugo's table of contents
// does: inline code, links, images and emphasis as HTML, text escaped,
// other inline elements by their text alone.
func headingTitle(r renderer.Renderer, src []byte, h *ast.Heading) string {
	var b bytes.Buffer
	_ = ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n == h {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindLink, ast.KindImage, ast.KindEmphasis:
			_ = r.Render(&b, src, n)
			return ast.WalkSkipChildren, nil
		case ast.KindAutoLink, ast.KindRawHTML, ast.KindText, ast.KindString:
			_ = r.Render(&b, src, n)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// tocRenderer is goldmark's plain HTML renderer with the site's raw HTML
// and XHTML settings, which hugo renders heading titles with (no hooks).
func tocRenderer(opts Options) renderer.Renderer {
	var ropts []renderer.Option
	if opts.Unsafe {
		ropts = append(ropts, html.WithUnsafe())
	}
	if opts.XHTML {
		ropts = append(ropts, html.WithXHTML())
	}
	r := renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(html.NewRenderer(), 1000)))
	r.AddOptions(ropts...)
	return r
}

// tocWriter writes the nested lists with hugo's indentation.
type tocWriter struct {
	b   strings.Builder
	set HugoTOC
}

func (w *tocWriter) list(level, indent int, es []*tocEntry) {
	if level < w.set.StartLevel {
		for _, e := range es {
			w.list(level+1, indent, e.children)
		}
		return
	}
	if w.set.EndLevel != -1 && level > w.set.EndLevel {
		return
	}
	tag := "ul"
	if w.set.Ordered {
		tag = "ol"
	}
	if len(es) > 0 {
		w.b.WriteString("\n")
		w.indent(indent + 1)
		w.b.WriteString("<" + tag + ">\n")
	}
	for _, e := range es {
		w.indent(indent + 2)
		w.b.WriteString("<li>")
		if e.id != "" || e.title != "" {
			w.b.WriteString(`<a href="#` + e.id + `">` + e.title + "</a>")
		}
		w.list(level+1, indent+2, e.children)
		w.b.WriteString("</li>\n")
	}
	if len(es) > 0 {
		w.indent(indent + 1)
		w.b.WriteString("</" + tag + ">\n")
		w.indent(indent)
	}
}

func (w *tocWriter) indent(n int) {
	for range n {
		w.b.WriteString("  ")
	}
}
