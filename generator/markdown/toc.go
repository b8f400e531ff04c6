package markdown

import (
	"bytes"
	"html"
)

// toc renders headings as nested lists inside <nav class="toc">. Levels
// are relative to the shallowest heading, and a heading deeper than one
// below its predecessor nests only one level, so the lists stay valid HTML.
func toc(hs []heading) []byte {
	if len(hs) == 0 {
		return nil
	}
	top := hs[0].level
	for _, h := range hs {
		top = min(top, h.level)
	}
	var b bytes.Buffer
	b.WriteString(`<nav class="toc">`)
	depth := 0
	for _, h := range hs {
		lvl := min(h.level-top+1, depth+1)
		if lvl > depth {
			b.WriteString("<ul>")
			depth++
		} else {
			b.WriteString("</li>")
			for depth > lvl {
				b.WriteString("</ul></li>")
				depth--
			}
		}
		b.WriteString(`<li><a href="#`)
		b.WriteString(html.EscapeString(h.id))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(h.text))
		b.WriteString("</a>")
	}
	for ; depth > 0; depth-- {
		b.WriteString("</li></ul>")
	}
	b.WriteString("</nav>")
	return b.Bytes()
}
