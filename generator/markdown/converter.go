package markdown

import (
	"bufio"
	"bytes"
	"errors"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/storyfront/storyfront/generator/diag"
)

// Options are the site's Markdown settings.
type Options struct {
	Unsafe      bool // let raw HTML through
	Typographer bool // typographic quotes and dashes
	// HeadingIDs is the heading ID algorithm: IDsGitHub (when ""),
	// IDsGitHubASCII or IDsBlackfriday.
	HeadingIDs string
	// Highlight are the code block settings.
	Highlight Highlight
	// Highlighter highlights the code blocks; converters that share one
	// share its cache. Nil: the converter makes its own, without a cache.
	Highlighter *Highlighter
	// SummaryLength, when not 0, makes the summary of a page without
	// <!--more--> Hugo's: the plain text up to the end of the sentence
	// holding the SummaryLength-th word. When 0 it is the first paragraph.
	SummaryLength int
	// LinkifyProtocol is the protocol given to bare www. links: "http"
	// when "" (goldmark's), "https" in Hugo.
	LinkifyProtocol string
	// NoHeadingIDs leaves headings without automatic IDs (Hugo's
	// markup.goldmark.parser.autoHeadingID: false).
	NoHeadingIDs bool
	// NoHeadingAttributes turns off {#id .class} after headings (Hugo's
	// markup.goldmark.parser.attribute.title: false).
	NoHeadingAttributes bool
	// XHTML writes <br />, <hr /> and <img ... /> (markup.goldmark.renderer.xhtml);
	// HardWraps turns newlines in paragraphs into <br> (hardWraps).
	XHTML, HardWraps bool
	// HugoImageAlt writes an image's alt text as Hugo 0.111 does: the
	// typographer's entities escaped once more ("Alison&amp;rsquo;s").
	HugoImageAlt bool
	// BlockAttributes: a {.class} line below a block sets its attributes
	// (markup.goldmark.parser.attribute.block).
	BlockAttributes bool
	// UnwrapStandaloneImages leaves an image alone in its paragraph
	// without <p> and gives it to the render-image hook with IsBlock true
	// (Hugo's markup.goldmark.parser.wrapStandAloneImageWithinParagraph:
	// false).
	UnwrapStandaloneImages bool
	// HugoMore reads the <!--more--> divider as hugo 0.111.3 does: one at
	// the start of a line with text after it ends the summary there, the
	// text starting the next paragraph; .Content is trimmed of the white
	// space around it.
	HugoMore bool
	// HugoLinkify ends bare URLs where hugo 0.111.3 ends them (a final
	// ")" after an unmatched "(" is kept when punctuation follows it).
	HugoLinkify bool
	// HugoStrikethrough strikes through only ~~text~~, as hugo 0.111.3's
	// goldmark (1.5.4) does: H~2~O stays as it is written.
	HugoStrikethrough bool
	// HugoTOC, when set, makes the table of contents Hugo's (see
	// HugoTOC); else it is Storyfront's <nav class="toc"> of h2–h4.
	HugoTOC *HugoTOC
	// Off names the extensions turned off: "linkify", "table",
	// "strikethrough", "taskList", "footnote", "definitionList" (Hugo's
	// markup.goldmark.extensions; all on by default).
	Off map[string]bool
}

// Env is what one conversion needs from the site.
type Env struct {
	// File is the source's path relative to the site folder, for errors.
	File string
	// Line is the line of the Markdown's first byte in File.
	Line int
	// Link resolves a link destination ending in .md (maybe with #fragment)
	// to a URL; ok is false when no page has that file.
	Link func(dest string) (url string, ok bool)
	// Offset maps a byte offset in the converted source to one in the
	// file's body, when they differ (shortcodes were expanded); nil when
	// they are the same.
	Offset func(int) int
	// Body is the file's body Offset maps into.
	Body []byte
	// Hooks renders elements with the site's render hooks; nil for none.
	Hooks Hooks
	// Page is the page being converted, as hooks see it (.Page).
	Page any
	// Image renders an image when the site has no render-image hook (the
	// generator's responsive <picture>); ok false leaves it to goldmark.
	Image func(img *Image) (html template.HTML, ok bool)
}

// Image is a Markdown image, for Env.Image.
type Image struct {
	Destination string
	Title       string
	Alt         string // plain text
	Line, Col   int    // where it is in Env.File
}

// Result is a converted page.
type Result struct {
	HTML    []byte
	Summary []byte // HTML before <!--more-->, else the first paragraph
	HasMore bool   // the source has a <!--more--> divider
	// Truncated: the summary is shorter than the content.
	Truncated bool
	TOC       []byte // nested <nav><ul> of h2–h4, empty without headings
	WordCount int
	// RawHTML: the source has raw HTML, which is left out unless
	// Options.Unsafe.
	RawHTML bool
}

// Converter converts Markdown for one worker at a time.
type Converter struct {
	md       goldmark.Markdown
	noLink   goldmark.Markdown // md without linkify; nil when linkify is off
	opts     Options
	hl       *Highlighter
	env      *Env
	buf      bytes.Buffer
	w        *bufio.Writer
	ids      ids
	ordinals map[string]int    // per hook kind, for this conversion
	tocR     renderer.Renderer // heading titles of Hugo's table of contents
}

// NewConverter returns a converter with opts.
func NewConverter(opts Options) *Converter {
	c := &Converter{opts: opts, hl: opts.Highlighter, ordinals: map[string]int{}}
	if c.hl == nil {
		c.hl = NewHighlighter(0)
	}
	c.ids.kind = opts.HeadingIDs
	c.w = bufio.NewWriterSize(&c.buf, 4096)
	c.md = newMarkdown(c, opts, false)
	if opts.HugoTOC != nil {
		c.tocR = tocRenderer(opts)
	}
	if !opts.Off["linkify"] {
		c.noLink = newMarkdown(c, opts, true)
	}
	return c
}

// newMarkdown is goldmark with the extensions and settings of opts, less
// linkify when noLink.
func newMarkdown(c *Converter, opts Options, noLink bool) goldmark.Markdown {
	off := opts.Off
	var exts []goldmark.Extender
	for _, e := range []struct {
		name string
		ext  goldmark.Extender
	}{{"linkify", linkify{hugo: opts.HugoLinkify}}, {"table", extension.Table}, {"strikethrough", strikethrough(opts.HugoStrikethrough)},
		{"taskList", extension.TaskList}, {"footnote", extension.Footnote}, {"definitionList", extension.DefinitionList}} {
		if !off[e.name] && (e.name != "linkify" || !noLink) {
			exts = append(exts, e.ext)
		}
	}
	exts = append(exts,
		newNodeRenderer(c, opts),
	)
	if opts.Typographer {
		exts = append(exts, extension.Typographer)
	}
	if opts.BlockAttributes {
		exts = append(exts, blockAttrs{})
	}
	var ropts []renderer.Option
	if opts.Unsafe {
		ropts = append(ropts, html.WithUnsafe())
	}
	if opts.XHTML {
		ropts = append(ropts, html.WithXHTML())
	}
	if opts.HardWraps {
		ropts = append(ropts, html.WithHardWraps())
	}
	var popts []parser.Option
	if !opts.NoHeadingAttributes {
		popts = append(popts, parser.WithAttribute())
	}
	if !opts.NoHeadingIDs {
		popts = append(popts, parser.WithAutoHeadingID())
	}
	if !opts.Unsafe {
		popts = append(popts, parser.WithASTTransformers(util.Prioritized(attrFilter{}, attrFilterPriority)))
	}
	return goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(popts...),
		goldmark.WithRendererOptions(ropts...),
	)
}

// Convert converts src. Its error is a diag.Errors of every problem found
// (an unknown .md link, a block that fails).
func (c *Converter) Convert(src []byte, env *Env) (*Result, error) {
	if c.opts.HugoMore {
		src, env = moreOnItsLine(src, env)
	}
	c.env = env
	defer func() { c.env = nil }()
	clear(c.ordinals)
	doc, marks := c.parse(src)

	var errs diag.Errors
	res := &Result{}
	a := analysis{src: src, env: env, errs: &errs, linkify: c.opts.LinkifyProtocol, marks: marks, hugoTOC: c.tocR != nil}
	a.walk(doc)
	if a.linkMark {
		// Parsed without linkify, but linkify may make a link: parse
		// again with it (see parse) and start the analysis over.
		doc, errs = c.parseWith(c.md, src), nil
		a = analysis{src: src, env: env, errs: &errs, linkify: c.opts.LinkifyProtocol, hugoTOC: c.tocR != nil}
		a.walk(doc)
	}
	res.WordCount = a.words
	res.RawHTML = a.rawHTML
	if c.tocR != nil {
		res.TOC = hugoTOC(c.tocR, src, a.hugoHeads, *c.opts.HugoTOC)
	} else {
		res.TOC = toc(a.headings)
	}

	c.buf.Reset()
	c.w.Reset(&c.buf)
	summaryEnd, firstPara, firstParaEnd := -1, -1, -1
	r := c.md.Renderer()
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if isMoreDivider(n, src) {
			c.w.Flush()
			summaryEnd = c.buf.Len()
			continue
		}
		start := c.buf.Len()
		if err := r.Render(c.w, src, n); err != nil {
			errs = append(errs, located(env, src, n, err))
			continue
		}
		c.w.Flush()
		if firstPara < 0 && n.Kind() == ast.KindParagraph {
			firstPara, firstParaEnd = start, c.buf.Len()
		}
	}
	c.w.Flush()
	res.HTML = bytes.Clone(c.buf.Bytes())
	switch {
	case summaryEnd >= 0:
		res.HasMore = true
		res.Summary = bytes.TrimSpace(res.HTML[:summaryEnd])
		res.Truncated = len(bytes.TrimSpace(res.HTML[summaryEnd:])) > 0
		if c.opts.HugoMore {
			res.HTML = bytes.TrimSpace(res.HTML)
		}
	case c.opts.SummaryLength > 0:
		sum, truncated := wordSummary(PlainOfHTML(string(res.HTML)), c.opts.SummaryLength)
		res.Summary, res.Truncated = []byte(sum), truncated
	case firstPara >= 0:
		res.Summary = bytes.TrimSpace(res.HTML[firstPara:firstParaEnd])
		res.Truncated = len(bytes.TrimSpace(res.HTML)) > len(res.Summary)
	}
	if len(errs) > 0 {
		return res, errs
	}
	return res, nil
}

// located turns a rendering error into a located one: a *diag.Error passes
// through, anything else is placed at the node.
func located(env *Env, src []byte, n ast.Node, err error) *diag.Error {
	var de *diag.Error
	if errors.As(err, &de) {
		return de
	}
	line, col := position(env, src, nodeOffset(n))
	return &diag.Error{File: env.File, Line: line, Col: col, Msg: err.Error(), Err: err}
}

func position(env *Env, src []byte, offset int) (int, int) {
	if offset < 0 {
		return env.Line, 1
	}
	if env.Body != nil && env.Offset != nil {
		src, offset = env.Body, env.Offset(offset)
	}
	line, col := diag.Position(src, offset)
	return line + env.Line - 1, col
}

func nodeOffset(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if o := nodeOffset(c); o >= 0 {
			return o
		}
	}
	return -1
}

var moreDivider = []byte("<!--more-->")

func isMoreDivider(n ast.Node, src []byte) bool {
	if n.Kind() != ast.KindHTMLBlock || n.Lines().Len() != 1 {
		return false
	}
	seg := n.Lines().At(0)
	return bytes.Equal(bytes.TrimSpace(seg.Value(src)), moreDivider)
}

// ordinal returns the next 0-based number of a hook kind in this page.
func (c *Converter) ordinal(kind string) int {
	n := c.ordinals[kind]
	c.ordinals[kind] = n + 1
	return n
}

// FromHTML is the Result of an HTML page (a .html content file): its
// HTML as it is, with the summary and word count made as for Markdown.
func (c *Converter) FromHTML(html []byte) *Result {
	res := &Result{HTML: html}
	plain := PlainOfHTML(string(html))
	a := analysis{}
	a.count([]byte(plain))
	res.WordCount = a.words
	if i := bytes.Index(html, moreDivider); i >= 0 {
		res.HasMore = true
		res.Summary = bytes.TrimSpace(html[:i])
		res.Truncated = len(bytes.TrimSpace(html[i+len(moreDivider):])) > 0
		return res
	}
	if c.opts.SummaryLength > 0 {
		sum, truncated := wordSummary(plain, c.opts.SummaryLength)
		res.Summary, res.Truncated = []byte(sum), truncated
	}
	return res
}

// AutoSummary is the summary of html for a page without <!--more-->: with
// Options.SummaryLength, Hugo's plain-text one; ok is false without it.
// The shortcode pass calls it again once the outputs are in place.
func (c *Converter) AutoSummary(html []byte) (summary []byte, truncated, ok bool) {
	if c.opts.SummaryLength <= 0 {
		return nil, false, false
	}
	sum, t := wordSummary(PlainOfHTML(string(html)), c.opts.SummaryLength)
	return []byte(sum), t, true
}
