package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// standaloneImage reports whether a paragraph holds one image and nothing
// else (but spaces): Hugo's standalone image, which its render-image hook
// sees with .IsBlock true when markup.goldmark.parser
// .wrapStandAloneImageWithinParagraph is false.
func standaloneImage(p ast.Node, src []byte) bool {
	var img ast.Node
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok && len(bytes.TrimSpace(t.Segment.Value(src))) == 0 {
			continue
		}
		if img != nil || c.Kind() != ast.KindImage {
			return false
		}
		img = c
	}
	return img != nil
}

// paragraph leaves out the <p> around a standalone image when the options
// say so (UnwrapStandaloneImages), and marks the image as a block for the
// render-image hook; other paragraphs are goldmark's.
func (r *nodeRenderer) paragraph(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !r.c.opts.UnwrapStandaloneImages || !standaloneImage(node, src) {
		return r.defaults[ast.KindParagraph](w, src, node, entering)
	}
	if !entering && node.NextSibling() != nil {
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// isBlockImage reports whether an image is standalone and unwrapped.
func (r *nodeRenderer) isBlockImage(img ast.Node, src []byte) bool {
	p := img.Parent()
	return r.c.opts.UnwrapStandaloneImages && p != nil && p.Kind() == ast.KindParagraph && standaloneImage(p, src)
}
