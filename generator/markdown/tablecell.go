package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// tableCell writes a table cell's tags as goldmark's table renderer does
// (its default alignment method: a style attribute, or align="..." in
// XHTML), without its formatted prints and the style attribute it sets
// on the node to write it: most cells of a table are aligned. A cell with
// attributes of its own goes to goldmark's renderer.
func (r *nodeRenderer) tableCell(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n, ok := node.(*east.TableCell)
	if !ok || n.Attributes() != nil {
		return r.defaults[east.KindTableCell](w, src, node, entering)
	}
	th := n.Parent() != nil && n.Parent().Kind() == east.KindTableHeader
	if !entering {
		if th {
			_, _ = w.WriteString("</th>\n")
		} else {
			_, _ = w.WriteString("</td>\n")
		}
		return ast.WalkContinue, nil
	}
	if th {
		_, _ = w.WriteString("<th")
	} else {
		_, _ = w.WriteString("<td")
	}
	if n.Alignment != east.AlignNone {
		if r.xhtml {
			_, _ = w.WriteString(` align="`)
			_, _ = w.WriteString(n.Alignment.String())
			_ = w.WriteByte('"')
		} else {
			_, _ = w.WriteString(` style="text-align:`)
			_, _ = w.WriteString(n.Alignment.String())
			_ = w.WriteByte('"')
		}
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}
