package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
)

// TestTableCellsAreGoldmarks: tables convert as goldmark's own table
// renderer writes them, every alignment, header and body cells, in HTML
// and XHTML.
func TestTableCellsAreGoldmarks(t *testing.T) {
	inputs := []string{
		"| a | b | c | d |\n|:--|--:|:-:|---|\n| 1 | 2 | 3 | 4 |\n| *x* | `y` | [z](/z/) | |\n",
		"a | b\n--- | :---:\nc | d\ne\n",
		"| Market | Stores | Growth | Satisfaction |\n|:-------|-------:|-------:|:------------:|\n| Nordics | 23 | 13% | 8/10 |\n| UK & Ireland | 5 | 48% | 9/10 |\n",
		"| only a header |\n|:-:|\n",
		"| a \\| b | c |\n| -: | :- |\n| <b>raw</b> | d |\n",
	}
	for _, xhtml := range []bool{false, true} {
		ropts := []renderer.Option{html.WithUnsafe()}
		if xhtml {
			ropts = append(ropts, html.WithXHTML())
		}
		ref := goldmark.New(goldmark.WithExtensions(extension.Table), goldmark.WithRendererOptions(ropts...))
		c := NewConverter(Options{XHTML: xhtml, Unsafe: true, Off: map[string]bool{"linkify": true}})
		for _, in := range inputs {
			var want bytes.Buffer
			if err := ref.Convert([]byte(in), &want); err != nil {
				t.Fatal(err)
			}
			got, err := c.Convert([]byte(in), &Env{File: "x.md", Line: 1})
			if err != nil {
				t.Fatal(err)
			}
			if string(got.HTML) != want.String() {
				t.Errorf("xhtml %v, %q:\n got %s\nwant %s", xhtml, in, got.HTML, want.String())
			}
		}
	}
}
