package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Block attributes, Hugo's markup.goldmark.parser.attribute.block: a line
// {.class #id key="value"} right below a paragraph, list, blockquote,
// table or heading gives that block those attributes.

var kindAttrBlock = ast.NewNodeKind("StoryfrontAttributes")

// attrBlock is a {...} line, until the transformer moves its attributes
// to the block before it.
type attrBlock struct {
	ast.BaseBlock
	attrs parser.Attributes
}

func (n *attrBlock) Kind() ast.NodeKind { return kindAttrBlock }

func (n *attrBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type blockAttrs struct{}

func (blockAttrs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(attrBlockParser{}, 50)),
		parser.WithASTTransformers(util.Prioritized(attrBlockTransformer{}, 100)),
	)
}

type attrBlockParser struct{}

func (attrBlockParser) Trigger() []byte { return []byte{'{'} }

func (attrBlockParser) Open(_ ast.Node, reader text.Reader, _ parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	trimmed := bytes.TrimSpace(line)
	if len(trimmed) < 2 || trimmed[0] != '{' || trimmed[len(trimmed)-1] != '}' {
		return nil, parser.NoChildren
	}
	r := text.NewReader(trimmed)
	attrs, ok := parser.ParseAttributes(r)
	if !ok {
		return nil, parser.NoChildren
	}
	if rest, _ := r.PeekLine(); len(bytes.TrimSpace(rest)) > 0 {
		return nil, parser.NoChildren
	}
	n := seg.Len()
	if bytes.HasSuffix(line, []byte("\n")) {
		n--
	}
	reader.Advance(n)
	return &attrBlock{attrs: attrs}, parser.NoChildren
}

func (attrBlockParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}
func (attrBlockParser) Close(ast.Node, text.Reader, parser.Context) {}
func (attrBlockParser) CanInterruptParagraph() bool                 { return true }
func (attrBlockParser) CanAcceptIndentedLine() bool                 { return false }

type attrBlockTransformer struct{}

// Transform moves each {...} line's attributes to the block before it and
// drops the line.
func (attrBlockTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var found []*attrBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if a, ok := n.(*attrBlock); ok && entering {
			found = append(found, a)
		}
		return ast.WalkContinue, nil
	})
	for _, a := range found {
		if prev := a.PreviousSibling(); prev != nil {
			if _, isAttr := prev.(*attrBlock); !isAttr {
				for _, at := range a.attrs {
					prev.SetAttribute(at.Name, at.Value)
				}
			}
		}
		a.Parent().RemoveChild(a.Parent(), a)
	}
}
