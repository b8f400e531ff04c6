package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// attrFilter drops Markdown attributes ({#id .class key=value} after a
// heading, or on a block) that could change more than the element's identity
// or meaning when raw HTML is off: with style, an author who may not write
// HTML could still lay an element over the whole page. What stays: id, class,
// the attributes that only describe the text (lang, dir, title, role,
// aria-*), and data-* (which Hugo sites use, and which goldmark always
// renders). With raw HTML on (Options.Unsafe) the author can write any HTML
// anyway, so every attribute goldmark renders is kept, as in Hugo.
//
// Fenced code blocks keep their attributes: they are highlighting options
// (linenos, hl_lines) that the highlighter reads and never writes as HTML.
type attrFilter struct{}

// attrFilterPriority runs the filter after every other transformer, so that
// attributes added by one (block attributes, say) are filtered too.
const attrFilterPriority = 1 << 20

func (attrFilter) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Attributes() == nil || n.Kind() == ast.KindFencedCodeBlock {
			return ast.WalkContinue, nil
		}
		attrs := n.Attributes()
		keep := make([]ast.Attribute, 0, len(attrs))
		for _, a := range attrs {
			if attrAllowed(a.Name) {
				keep = append(keep, a)
			}
		}
		if len(keep) == len(attrs) {
			return ast.WalkContinue, nil
		}
		n.RemoveAttributes()
		for _, a := range keep {
			n.SetAttribute(a.Name, a.Value)
		}
		return ast.WalkContinue, nil
	})
}

// attrAllowed reports whether an author without raw HTML may set name.
func attrAllowed(name []byte) bool {
	if len(name) <= 16 {
		if lower, ok := lowerASCII(name); ok {
			// Every heading's id: the name is compared without a copy.
			l := lower[:len(name)]
			switch string(l) {
			case "id", "class", "lang", "dir", "title", "role":
				return true
			}
			return bytes.HasPrefix(l, []byte("aria-")) || bytes.HasPrefix(l, []byte("data-"))
		}
	}
	switch string(bytes.ToLower(name)) {
	case "id", "class", "lang", "dir", "title", "role":
		return true
	}
	lower := bytes.ToLower(name)
	return bytes.HasPrefix(lower, []byte("aria-")) || bytes.HasPrefix(lower, []byte("data-"))
}

// lowerASCII returns name (at most 16 bytes) in lower case when it is
// ASCII, as bytes.ToLower would; ok is false when it is not ASCII.
func lowerASCII(name []byte) (lower [16]byte, ok bool) {
	for i, c := range name {
		if c >= 0x80 {
			return lower, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	return lower, true
}
