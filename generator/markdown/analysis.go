package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/storyfront/storyfront/generator/diag"
)

// heading is one entry of the table of contents.
type heading struct {
	level int
	id    string
	text  string
}

// analysis walks a parsed document once: it counts words, collects
// headings for the table of contents and resolves .md links.
type analysis struct {
	src      []byte
	env      *Env
	errs     *diag.Errors
	words    int
	inWord   bool // the last text ended inside a word ("*two*." is one word)
	headings []heading
	// hugoHeads collects every heading for Hugo's table of contents
	// instead of headings when hugoTOC is set.
	hugoTOC   bool
	hugoHeads []*ast.Heading
	linkify   string // protocol for www. autolinks, "" to leave them
	rawHTML   bool   // the source has raw HTML (the <!--more--> divider aside)
	// marks: the document was parsed without linkify and its source
	// holds these marks (linkMarks); linkMark is set when a text node
	// holds one, what linkify could link (Converter.parse).
	marks    []textSpan
	linkMark bool
}

func (a *analysis) walk(doc ast.Node) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			a.inWord = false
		}
		switch n := n.(type) {
		case *ast.Text:
			v := n.Segment.Value(a.src)
			a.count(v)
			if n.SoftLineBreak() || n.HardLineBreak() {
				a.inWord = false
			}
			if len(a.marks) > 0 && hasMark(a.marks, n.Segment.Start, n.Segment.Stop) {
				a.linkMark = true
				return ast.WalkStop, nil
			}
		case *ast.String:
			a.count(n.Value)
		case *ast.HTMLBlock:
			if !isMoreDivider(n, a.src) {
				a.rawHTML = true
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			a.rawHTML = true
			return ast.WalkSkipChildren, nil
		case *east.FootnoteList:
			if len(a.marks) > 0 && textMayLinkify(n, a.src) {
				a.linkMark = true
				return ast.WalkStop, nil
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			if a.hugoTOC {
				a.hugoHeads = append(a.hugoHeads, n)
			} else if n.Level >= 2 && n.Level <= 4 {
				id, _ := n.AttributeString("id")
				idb, _ := id.([]byte)
				a.headings = append(a.headings, heading{level: n.Level, id: string(idb), text: plainText(n, a.src)})
			}
		case *ast.Link:
			a.link(n)
		case *ast.AutoLink:
			if a.linkify != "" && n.Protocol != nil {
				n.Protocol = []byte(a.linkify)
			}
		}
		return ast.WalkContinue, nil
	})
}

// link rewrites a relative link to a .md file into its page's URL.
func (a *analysis) link(n *ast.Link) {
	dest := string(n.Destination)
	if a.env.Link == nil || strings.Contains(dest, ":") || strings.HasPrefix(dest, "//") {
		return
	}
	file, frag, _ := strings.Cut(dest, "#")
	if !strings.HasSuffix(file, ".md") {
		return
	}
	u, ok := a.env.Link(file)
	if !ok {
		line, col := position(a.env, a.src, nodeOffset(n))
		*a.errs = append(*a.errs, diag.Errorf(a.env.File, line, col, "link to %s: no such page", file))
		return
	}
	if frag != "" {
		u += "#" + frag
	}
	n.Destination = []byte(u)
}

// count adds the words of b: runs of non-space bytes, a run that
// continues the previous text's last word not counted again.
func (a *analysis) count(b []byte) {
	in := a.inWord
	for _, c := range b {
		space := c == ' ' || c == '\n' || c == '\t' || c == '\r'
		if !space && !in {
			a.words++
		}
		in = !space
	}
	a.inWord = in
}

// plainText is the text of an inline container, without markup.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					b.Write(s.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
