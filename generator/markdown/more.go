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

// moreOnItsLine puts the text after a <!--more--> divider that starts a
// line on a line of its own ("<!--more--> Rest." becomes "<!--more-->" and
// "Rest."), so that the divider is a block of its own, as Hugo reads it
// (it cuts the source there), rather than the start of a block of raw
// HTML that hides the text. The space after the divider becomes the line
// break, so offsets stay those of the file; without one a line break is
// put in, and env maps the offsets after it back. Only the first divider
// counts, as in Hugo.
func moreOnItsLine(src []byte, env *Env) ([]byte, *Env) {
	i := bytes.Index(src, moreDivider)
	if i < 0 {
		return src, env
	}
	lineStart := bytes.LastIndexByte(src[:i], '\n') + 1
	if len(bytes.TrimLeft(src[lineStart:i], " ")) > 0 || i-lineStart > 3 {
		return src, env // inside a line or indented code: splitInlineMore's
	}
	after := i + len(moreDivider)
	j := after
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	if j == len(src) || src[j] == '\n' || src[j] == '\r' {
		return src, env // nothing follows on the line
	}
	out := bytes.Clone(src)
	if j > after {
		out[j-1] = '\n'
		return out, env
	}
	out = append(out[:after:after], append([]byte{'\n'}, src[after:]...)...)
	e := *env
	prev := env.Offset
	if prev == nil {
		e.Body = src
		prev = func(o int) int { return o }
	}
	e.Offset = func(o int) int {
		if o > after {
			o--
		}
		return prev(o)
	}
	return out, &e
}
