package markdown

import (
	"strings"
	"testing"
)

// benchPage is a story like the benchmark corpus's: paragraphs with
// emphasis, headings, lists, a link, a quote and a fenced code block.
var benchPage = []byte(strings.Repeat("The *flagship store protects the craft*. **As a result, the community grows** and [reads more](/x/).\n\n", 6) +
	"## What comes next\n\n- Tell the story\n- Open the studio\n\n> A quote from a customer.\n\n" +
	"```js\nconst form = document.querySelector('#lead-12');\nform.addEventListener('submit', async (e) => {\n  e.preventDefault();\n  await fetch('/api/lead', { method: 'POST', body: new FormData(form) });\n});\n```\n\n" +
	strings.Repeat("1. Repair before replace\n", 3) + "\n### Measuring\n\n" + strings.Repeat("Behind the scenes, each product explores small moments of joy. ", 20) + "\n")

func BenchmarkConvert(b *testing.B) {
	c := NewConverter(Options{Typographer: true})
	env := &Env{File: "x.md", Line: 1}
	b.SetBytes(int64(len(benchPage)))
	for b.Loop() {
		if _, err := c.Convert(benchPage, env); err != nil {
			b.Fatal(err)
		}
	}
}
