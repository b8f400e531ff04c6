package markdown

import (
	"bytes"
	"slices"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// parse parses src as goldmark with linkify does, parsing it without
// linkify when that gives the same document.
//
// Linkify's parser is tried at every space of every paragraph, and each
// try splits the paragraph's text where it was made: about a tenth of the
// parsing. It can only make a link where, after the character that
// triggered it, the text starts with http, ftp: or www., or holds an @
// before the next space. When it makes none, the document is the one
// goldmark makes without it: the same nodes, the text split at other
// places, which renders the same but for one thing: a line's trailing
// white space is trimmed only after its last split, so with linkify
// "a   \n" keeps two spaces (spaceBeforeLineEnd sends such text to
// linkify). The letters after a trigger always end up in the document's
// text nodes, so a document parsed without linkify whose text nodes hold
// no http, ftp, www or @ is the document with linkify. Otherwise (a bare
// URL or address somewhere, or one in link text or a code span) src is
// parsed again with linkify. parse returns where src holds those marks
// when the document needs that check (linkMarks); none when it does not:
// parsed with linkify, or src holds no mark at all. TestLinkParseIsLinkify and FuzzLinkParse
// compare the two.
func (c *Converter) parse(src []byte) (doc ast.Node, marks []textSpan) {
	if c.noLink != nil && !spaceBeforeLineEnd(src) {
		doc := c.parseWith(c.noLink, src)
		// The analysis of the document looks at its text nodes
		// (analysis.marks) and asks for the parse with linkify when one
		// holds a mark.
		return doc, linkMarks(src)
	}
	return c.parseWith(c.md, src), nil
}

func (c *Converter) parseWith(md goldmark.Markdown, src []byte) ast.Node {
	c.ids.reset()
	pc := parser.NewContext(parser.WithIDs(&c.ids))
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	splitInlineMore(doc, src)
	return doc
}

// The marks are letters only: no inline parser takes letters apart, while
// the punctuation after them may go elsewhere ("www..." is www and an
// ellipsis when typographic).
var (
	markHTTP = []byte("http")
	markFTP  = []byte("ftp")
	markWWW  = []byte("www")
)

// mayLinkify reports whether b holds any text linkify could make a link
// from: http, ftp, www or an @.
func mayLinkify(b []byte) bool {
	return bytes.IndexByte(b, '@') >= 0 || bytes.Contains(b, markHTTP) || bytes.Contains(b, markFTP) || bytes.Contains(b, markWWW)
}

// textSpan is a part of a source, src[start:stop].
type textSpan struct{ start, stop int }

// linkMarks returns where b holds http, ftp, www or an @ (mayLinkify's
// marks), in order; nil when nowhere. A text node of the document holds
// a mark when one of these lies within its segment (hasMark): the text is
// not searched again.
func linkMarks(b []byte) []textSpan {
	var marks []textSpan
	for _, m := range [][]byte{markHTTP, markFTP, markWWW, {'@'}} {
		for from := 0; ; {
			i := bytes.Index(b[from:], m)
			if i < 0 {
				break
			}
			marks = append(marks, textSpan{from + i, from + i + len(m)})
			from += i + 1
		}
	}
	slices.SortFunc(marks, func(a, b textSpan) int { return a.start - b.start })
	return marks
}

// hasMark reports whether one of marks (linkMarks's, in order) lies within
// src[start:stop].
func hasMark(marks []textSpan, start, stop int) bool {
	i, _ := slices.BinarySearchFunc(marks, start, func(m textSpan, start int) int { return m.start - start })
	for ; i < len(marks) && marks[i].start < stop; i++ {
		if marks[i].stop <= stop {
			return true
		}
	}
	return false
}

// textMayLinkify reports whether a text node of doc holds what linkify
// could make a link from.
func textMayLinkify(doc ast.Node, src []byte) bool {
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if t, ok := n.(*ast.Text); ok && mayLinkify(t.Segment.Value(src)) {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// spaceBeforeLineEnd reports whether a line of src ends with white space
// that goldmark with linkify would partly keep: two or more spaces or tabs
// before its end, more than the two spaces of a hard line break.
func spaceBeforeLineEnd(src []byte) bool {
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		n := len(line) - len(bytes.TrimRight(line, " \t\v\f\r"))
		if n >= 3 || n == 2 && !bytes.HasSuffix(line, []byte("  ")) {
			return true
		}
	}
	return false
}
