package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// splitInlineMore makes a <!--more--> divider written inside a paragraph
// ("First sentence. <!--more-->Second.") a divider between two paragraphs,
// as Hugo does: it splits the source at the divider, so the summary ends
// with the text before it. Only the first divider counts; one that is its
// own block already is one (isMoreDivider).
func splitInlineMore(doc ast.Node, src []byte) {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if isMoreDivider(n, src) {
			return
		}
		p, ok := n.(*ast.Paragraph)
		if !ok {
			continue
		}
		for c := p.FirstChild(); c != nil; c = c.NextSibling() {
			raw, ok := c.(*ast.RawHTML)
			if !ok || raw.Segments.Len() != 1 {
				continue
			}
			if seg := raw.Segments.At(0); !bytes.Equal(seg.Value(src), moreDivider) {
				continue
			}
			splitAt(doc, p, raw, src)
			return
		}
	}
}

// splitAt moves what follows raw in paragraph p into a new paragraph after
// p, with a divider block between, and trims the white space around it.
func splitAt(doc ast.Node, p *ast.Paragraph, raw *ast.RawHTML, src []byte) {
	div := ast.NewHTMLBlock(ast.HTMLBlockType2)
	div.Lines().Append(raw.Segments.At(0))
	rest := ast.NewParagraph()
	for c := raw.NextSibling(); c != nil; {
		next := c.NextSibling()
		p.RemoveChild(p, c)
		rest.AppendChild(rest, c)
		c = next
	}
	prev := raw.PreviousSibling()
	p.RemoveChild(p, raw)
	if t, ok := prev.(*ast.Text); ok {
		t.Segment = t.Segment.TrimRightSpace(src)
		t.SetSoftLineBreak(false)
	}
	if t, ok := rest.FirstChild().(*ast.Text); ok {
		t.Segment = t.Segment.TrimLeftSpace(src)
	}
	doc.InsertAfter(doc, p, div)
	if rest.HasChildren() {
		doc.InsertAfter(doc, div, rest)
	}
	if !p.HasChildren() {
		doc.RemoveChild(doc, p)
	}
}
