package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindBlock is the AST kind of a brand block.
var KindBlock = ast.NewNodeKind("StoryfrontBlock")

// Block is a brand block: a line {{< name arg... >}} alone. Arguments are
// bare words or "double-quoted strings" (Go syntax); key=value pairs go to
// Params.
type Block struct {
	ast.BaseBlock
	Name   string
	Args   []string
	Params map[string]string
	Offset int // byte offset of the block in the Markdown source
}

// Kind implements ast.Node.
func (b *Block) Kind() ast.NodeKind { return KindBlock }

// Dump implements ast.Node.
func (b *Block) Dump(source []byte, level int) {
	ast.DumpHelper(b, source, level, map[string]string{"Name": b.Name, "Args": strings.Join(b.Args, " ")}, nil)
}

// Arg returns the i-th positional argument, or "".
func (b *Block) Arg(i int) string {
	if i < len(b.Args) {
		return b.Args[i]
	}
	return ""
}

var (
	blockOpen  = []byte("{{<")
	blockClose = []byte(">}}")
)

// blockExtension registers the block parser and renderer.
type blockExtension struct{ c *Converter }

func (e *blockExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(blockParser{}, 90)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&blockRenderer{c: e.c}, 90)))
}

type blockParser struct{}

func (blockParser) Trigger() []byte { return []byte{'{'} }

func (blockParser) Open(_ ast.Node, reader text.Reader, _ parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	trimmed := bytes.TrimSpace(line)
	if !bytes.HasPrefix(trimmed, blockOpen) || !bytes.HasSuffix(trimmed, blockClose) {
		return nil, parser.NoChildren
	}
	inner := string(bytes.TrimSpace(trimmed[len(blockOpen) : len(trimmed)-len(blockClose)]))
	words, err := splitArgs(inner)
	if err != nil || len(words) == 0 {
		return nil, parser.NoChildren
	}
	b := &Block{Name: words[0], Offset: seg.Start + bytes.Index(line, blockOpen)}
	for _, w := range words[1:] {
		if k, v, ok := strings.Cut(w, "="); ok && k != "" && !strings.ContainsAny(k, " \"") {
			if b.Params == nil {
				b.Params = map[string]string{}
			}
			b.Params[k] = unquote(v)
			continue
		}
		b.Args = append(b.Args, unquote(w))
	}
	// Leave the newline: the parser moves to the next line itself.
	n := seg.Len()
	if bytes.HasSuffix(line, []byte("\n")) {
		n--
	}
	reader.Advance(n)
	return b, parser.NoChildren
}

func (blockParser) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }
func (blockParser) Close(ast.Node, text.Reader, parser.Context)                 {}
func (blockParser) CanInterruptParagraph() bool                                 { return true }
func (blockParser) CanAcceptIndentedLine() bool                                 { return false }

// splitArgs splits on spaces outside double quotes, keeping the quotes.
func splitArgs(s string) ([]string, error) {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		i := 0
		inQuote := false
		for ; i < len(s); i++ {
			c := s[i]
			if c == '\\' && inQuote {
				i++
				continue
			}
			if c == '"' {
				inQuote = !inQuote
			}
			if c == ' ' && !inQuote {
				break
			}
		}
		if inQuote {
			return nil, fmt.Errorf("unclosed quote")
		}
		out = append(out, s[:i])
		s = s[min(i, len(s)):]
	}
	return out, nil
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		var b strings.Builder
		for i := 1; i < len(s)-1; i++ {
			if s[i] == '\\' && i+1 < len(s)-1 {
				i++
			}
			b.WriteByte(s[i])
		}
		return b.String()
	}
	return s
}

type blockRenderer struct{ c *Converter }

func (r *blockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindBlock, r.render)
}

func (r *blockRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*Block)
	env := r.c.env
	if env == nil || env.Block == nil {
		return ast.WalkContinue, nil
	}
	if err := env.Block(w, b); err != nil {
		line, col := position(env, src, b.Offset)
		return ast.WalkStop, &blockError{line: line, col: col, err: err}
	}
	_ = w.WriteByte('\n')
	return ast.WalkContinue, nil
}

type blockError struct {
	line, col int
	err       error
}

func (e *blockError) Error() string { return e.err.Error() }
func (e *blockError) Unwrap() error { return e.err }
