package markdown

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer renders fenced code in Hugo's markup and hands links,
// images, headings, code blocks, blockquotes and tables to the page's
// render hooks when it has them, else to goldmark's own renderers.
type nodeRenderer struct {
	c        *Converter
	defaults map[ast.NodeKind]renderer.NodeRendererFunc
	xhtml    bool // Options.XHTML
}

// funcSet collects the functions a renderer registers.
type funcSet map[ast.NodeKind]renderer.NodeRendererFunc

func (f funcSet) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f[k] = fn }

func (e *nodeRenderer) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

func newNodeRenderer(c *Converter, o Options) *nodeRenderer {
	var hopts []html.Option
	if o.Unsafe {
		hopts = append(hopts, html.WithUnsafe())
	}
	if o.XHTML {
		hopts = append(hopts, html.WithXHTML())
	}
	if o.HardWraps {
		hopts = append(hopts, html.WithHardWraps())
	}
	defaults := funcSet{}
	html.NewRenderer(hopts...).RegisterFuncs(defaults)
	tables := extension.NewTableHTMLRenderer()
	if o.XHTML {
		// The table renderer reads the renderer's options as goldmark
		// gives them to it.
		cfg := renderer.NewConfig()
		html.WithXHTML().SetConfig(cfg)
		for name, value := range cfg.Options {
			tables.(renderer.SetOptioner).SetOption(name, value)
		}
	}
	tables.RegisterFuncs(defaults)
	return &nodeRenderer{c: c, defaults: defaults, xhtml: o.XHTML}
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.fenced)
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindAutoLink, r.autoLink)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindBlockquote, r.blockquote)
	reg.Register(east.KindTable, r.table)
	reg.Register(east.KindTableCell, r.tableCell)
	reg.Register(ast.KindParagraph, r.paragraph)
}

func (r *nodeRenderer) hooks(kind string) Hooks {
	if env := r.c.env; env != nil && env.Hooks != nil && env.Hooks.Has(kind) {
		return env.Hooks
	}
	return nil
}

func (r *nodeRenderer) page() any {
	if r.c.env == nil {
		return nil
	}
	return r.c.env.Page
}

// inner renders n's children into HTML.
func (r *nodeRenderer) inner(src []byte, n ast.Node) (template.HTML, error) {
	var b bytes.Buffer
	rend := r.c.md.Renderer()
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if err := rend.Render(&b, src, ch); err != nil {
			return "", err
		}
	}
	return template.HTML(b.String()), nil
}

func attributes(n ast.Node, skip string) map[string]any {
	m := map[string]any{}
	for _, a := range n.Attributes() {
		if string(a.Name) == skip {
			continue
		}
		switch v := a.Value.(type) {
		case []byte:
			m[string(a.Name)] = string(v)
		default:
			m[string(a.Name)] = v
		}
	}
	return m
}

func (r *nodeRenderer) fenced(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.FencedCodeBlock)
	if !entering {
		return ast.WalkContinue, nil
	}
	lang, optStr := "", ""
	if n.Info != nil {
		info := strings.TrimSpace(string(n.Info.Segment.Value(src)))
		if i := strings.IndexByte(info, '{'); i >= 0 {
			lang, optStr = strings.TrimSpace(info[:i]), strings.TrimSuffix(info[i+1:], "}")
		} else {
			lang, _, _ = strings.Cut(info, " ")
		}
	}
	var code bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(src))
	}
	opts := r.c.opts.Highlight
	if optStr != "" {
		var err error
		if opts, err = ParseCodeOptions(opts, optStr); err != nil {
			return ast.WalkStop, err
		}
	}
	for _, kind := range []string{HookCodeblock + "-" + lang, HookCodeblock} {
		if lang == "" && kind != HookCodeblock {
			continue
		}
		if h := r.hooks(kind); h != nil {
			env := r.c.env
			line, col := position(env, src, nodeOffset(n))
			ctx := &CodeblockContext{Type: lang, Inner: strings.TrimSuffix(code.String(), "\n"),
				Options: optionMap(optStr), Attributes: map[string]any{}, Ordinal: r.c.ordinal(HookCodeblock),
				Position: Position{Filename: env.File, LineNumber: line - 1, ColumnNumber: col}, Page: r.page()}
			return ast.WalkSkipChildren, h.Render(w, kind, ctx)
		}
	}
	if opts.NoCodeFences {
		// goldmark's plain <pre><code>: its opening and closing at once, as
		// this node's exit is skipped.
		def := r.defaults[ast.KindFencedCodeBlock]
		if _, err := def(w, src, node, true); err != nil {
			return ast.WalkStop, err
		}
		_, err := def(w, src, node, false)
		return ast.WalkSkipChildren, err
	}
	return ast.WalkSkipChildren, r.c.hl.highlight(w, code.Bytes(), codeOptions{Highlight: opts, lang: lang})
}

// optionMap is a fence's {key=value} options as a map, for hooks.
func optionMap(s string) map[string]any {
	m := map[string]any{}
	for _, kv := range splitOptions(s) {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return m
}

func (r *nodeRenderer) heading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	h := r.hooks(HookHeading)
	if h == nil {
		return r.defaults[ast.KindHeading](w, src, node, entering)
	}
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Heading)
	text, err := r.inner(src, n)
	if err != nil {
		return ast.WalkStop, err
	}
	id, _ := n.AttributeString("id")
	idb, _ := id.([]byte)
	ctx := &HeadingContext{Level: n.Level, Anchor: string(idb), Text: text, PlainText: plainText(n, src),
		Attributes: attributes(n, "id"), Page: r.page()}
	return ast.WalkSkipChildren, h.Render(w, HookHeading, ctx)
}

func (r *nodeRenderer) link(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	h := r.hooks(HookLink)
	if h == nil {
		return r.defaults[ast.KindLink](w, src, node, entering)
	}
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Link)
	text, err := r.inner(src, n)
	if err != nil {
		return ast.WalkStop, err
	}
	ctx := &LinkContext{Destination: string(n.Destination), Title: string(n.Title), Text: text,
		PlainText: plainText(n, src), Attributes: attributes(n, ""), Ordinal: r.c.ordinal(HookLink), Page: r.page()}
	return ast.WalkSkipChildren, h.Render(w, HookLink, ctx)
}

// autoLink renders a bare URL or an <https://...> link with the
// render-link hook when there is one, as Hugo does: the destination is
// the URL (mailto: added for an email address), the text the URL as
// written, unescaped.
func (r *nodeRenderer) autoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	h := r.hooks(HookLink)
	if h == nil {
		return r.defaults[ast.KindAutoLink](w, src, node, entering)
	}
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	dest := string(n.URL(src))
	label := string(n.Label(src))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
		dest = "mailto:" + dest
	}
	ctx := &LinkContext{Destination: dest, Text: template.HTML(label), PlainText: label,
		Attributes: map[string]any{}, Ordinal: r.c.ordinal(HookLink), Page: r.page()}
	return ast.WalkSkipChildren, h.Render(w, HookLink, ctx)
}

func (r *nodeRenderer) image(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	h := r.hooks(HookImage)
	if h == nil && r.c.opts.HugoImageAlt && entering {
		return r.hugoImage(w, src, node.(*ast.Image))
	}
	if h == nil {
		if env := r.c.env; env != nil && env.Image != nil && entering {
			n := node.(*ast.Image)
			off := nodeOffset(n)
			if off < 0 && n.Parent() != nil {
				off = nodeOffset(n.Parent())
			}
			line, col := position(env, src, off)
			if html, ok := env.Image(&Image{Destination: string(n.Destination), Title: string(n.Title),
				Alt: plainText(n, src), Line: line, Col: col}); ok {
				_, _ = w.WriteString(string(html))
				return ast.WalkSkipChildren, nil
			}
		}
		return r.defaults[ast.KindImage](w, src, node, entering)
	}
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	alt := plainText(n, src)
	ctx := &LinkContext{Destination: string(n.Destination), Title: string(n.Title),
		Text: template.HTML(template.HTMLEscapeString(alt)), PlainText: alt,
		Attributes: attributes(n, ""), Ordinal: r.c.ordinal(HookImage), Page: r.page(), IsBlock: r.isBlockImage(n, src)}
	return ast.WalkSkipChildren, h.Render(w, HookImage, ctx)
}

// alertTypes are GitHub's alert markers: > [!NOTE].
var alertTypes = []string{"note", "tip", "important", "warning", "caution"}

func (r *nodeRenderer) blockquote(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	h := r.hooks(HookBlockquote)
	if h == nil {
		return r.defaults[ast.KindBlockquote](w, src, node, entering)
	}
	if !entering {
		return ast.WalkContinue, nil
	}
	ctx := &BlockquoteContext{Type: "regular", Attributes: attributes(node, ""), Ordinal: r.c.ordinal(HookBlockquote), Page: r.page()}
	// An alert: the first paragraph starts with [!TYPE]; the marker is
	// not part of the text.
	if p, ok := node.FirstChild().(*ast.Paragraph); ok && p.Lines().Len() > 0 {
		first := p.Lines().At(0)
		line := strings.TrimSpace(string(first.Value(src)))
		for _, t := range alertTypes {
			if strings.EqualFold(line, "[!"+t+"]") {
				ctx.Type, ctx.AlertType = "alert", t
				if err := r.dropFirstLine(p, src); err != nil {
					return ast.WalkStop, err
				}
				break
			}
		}
	}
	text, err := r.inner(src, node)
	if err != nil {
		return ast.WalkStop, err
	}
	ctx.Text = text
	return ast.WalkSkipChildren, h.Render(w, HookBlockquote, ctx)
}

// dropFirstLine removes the inline nodes of a paragraph's first line (an
// alert marker such as [!NOTE]).
func (r *nodeRenderer) dropFirstLine(p *ast.Paragraph, src []byte) error {
	end := p.Lines().At(0).Stop
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		t, isText := c.(*ast.Text)
		if isText && t.Segment.Start >= end {
			break
		}
		p.RemoveChild(p, c)
		if isText && t.Segment.Stop >= end-1 {
			break
		}
		c = next
	}
	if p.ChildCount() == 0 {
		p.Parent().RemoveChild(p.Parent(), p)
	}
	return nil
}

func (r *nodeRenderer) table(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	h := r.hooks(HookTable)
	if h == nil {
		return r.defaults[east.KindTable](w, src, node, entering)
	}
	if !entering {
		return ast.WalkContinue, nil
	}
	ctx := &TableContext{Attributes: attributes(node, ""), Ordinal: r.c.ordinal(HookTable), Page: r.page()}
	for row := node.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []TableCell
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cell, _ := c.(*east.TableCell)
			text, err := r.inner(src, c)
			if err != nil {
				return ast.WalkStop, err
			}
			tc := TableCell{Text: text}
			if cell != nil && cell.Alignment != east.AlignNone {
				tc.Alignment = cell.Alignment.String()
			}
			cells = append(cells, tc)
		}
		if row.Kind() == east.KindTableHeader {
			ctx.THead = append(ctx.THead, cells)
		} else {
			ctx.TBody = append(ctx.TBody, cells)
		}
	}
	return ast.WalkSkipChildren, h.Render(w, HookTable, ctx)
}

// hugoImage writes <img> as goldmark does, but with the alt text made as
// Hugo 0.111 makes it: the plain text (typographer entities as written)
// escaped, so "&rsquo;" shows as "&amp;rsquo;".
func (r *nodeRenderer) hugoImage(w util.BufWriter, src []byte, n *ast.Image) (ast.WalkStatus, error) {
	_, _ = w.WriteString(`<img src="`)
	dest := util.URLEscape(n.Destination, true)
	if r.c.opts.Unsafe || !html.IsDangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(util.EscapeHTML([]byte(plainText(n, src))))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(n.Title))
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.ImageAttributeFilter)
	}
	if r.c.opts.XHTML {
		_, _ = w.WriteString(" />")
	} else {
		_ = w.WriteByte('>')
	}
	return ast.WalkSkipChildren, nil
}
