package markdown

import (
	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// strikethrough is goldmark's strikethrough extension; with double, a
// single "~" is text, as in goldmark 1.5.4 (hugo 0.111.3's), where newer
// goldmark strikes ~text~ through too.
func strikethrough(double bool) goldmark.Extender {
	if !double {
		return extension.Strikethrough
	}
	return doubleStrikethrough{}
}

type doubleStrikethrough struct{}

// Extend adds goldmark's strikethrough renderer and its parser, which
// here declines a single tilde (goldmark asks no other parser for "~").
func (doubleStrikethrough) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(doubleTildeParser{extension.NewStrikethroughParser()}, 500),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
	))
}

// doubleTildeParser is goldmark's strikethrough parser for runs of two
// tildes only.
type doubleTildeParser struct{ parser.InlineParser }

// Parse declines a run of one tilde: it stays text.
func (p doubleTildeParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, _ := block.PeekLine()
	n := 0
	for n < len(line) && line[n] == '~' {
		n++
	}
	if n == 1 {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}
