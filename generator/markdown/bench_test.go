package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// benchPages are stories like the benchmark corpus's
// (../shared/bench/gen-corpus.sh): paragraphs with emphasis, headings,
// lists, a link, a quote and a fenced code block in one of its five
// languages, the code different on every page as there.
func benchPages(n int) [][]byte {
	pages := make([][]byte, n)
	for i := range pages {
		pages[i] = []byte(strings.Repeat("The *flagship store protects the craft*. **As a result, the community grows** and [reads more](/x/).\n\n", 6) +
			"## What comes next\n\n- Tell the story\n- Open the studio\n\n> A quote from a customer.\n\n" +
			benchCode(i) + "\n" +
			strings.Repeat("1. Repair before replace\n", 3) + "\n### Measuring\n\n" + strings.Repeat("Behind the scenes, each product explores small moments of joy. ", 20) + "\n")
	}
	return pages
}

func benchCode(i int) string {
	switch i % 5 {
	case 0:
		return fmt.Sprintf("```yaml\ncampaign:\n  id: story-%05d\n  channel: newsletter\n  audience: [craft, studio]\n  budget_eur: %d\n  start: 2024-0%d-01\n```\n", i, 500+i%9500, 1+i%9)
	case 1:
		return fmt.Sprintf("```json\n{\n  \"story\": \"%05d\",\n  \"cta\": \"Book a studio visit\",\n  \"utm\": {\"source\": \"site\", \"medium\": \"story\", \"campaign\": \"craft\"},\n  \"score\": %d\n}\n```\n", i, i%100)
	case 2:
		return fmt.Sprintf("```js\nconst form = document.querySelector('#lead-%d');\nform.addEventListener('submit', async (e) => {\n  e.preventDefault();\n  const body = new FormData(form);\n  await fetch('/api/lead', { method: 'POST', body });\n});\n```\n", i)
	case 3:
		return fmt.Sprintf("```go\ntype Story struct {\n\tID    int\n\tTitle string\n\tTags  []string\n}\n\nfunc main() {\n\ts := Story{ID: %d, Title: %q}\n\tfmt.Println(s.Title)\n}\n```\n", i, "lamp")
	default:
		return fmt.Sprintf("```html\n<section class=\"hero hero--craft\">\n  <h2>Story %d</h2>\n  <a class=\"btn\" href=\"/contact/\">Talk to us</a>\n</section>\n```\n", i)
	}
}

// BenchmarkConvert converts corpus-like pages, each with its own code
// (no highlighting cache hit). Besides ns/op it reports cpu-ns/op, the
// process's CPU time per page (all threads, GC included): on a shared,
// loaded machine that moves much less than wall time.
func BenchmarkConvert(b *testing.B) {
	c := NewConverter(Options{Typographer: true})
	pages := benchPages(1000)
	b.SetBytes(int64(len(pages[0])))
	benchConvertPages(b, c, pages)
}

// benchConvertPages converts the pages in turn for b's loop and reports
// allocations and cpu-ns/op, the process's CPU time per page.
func benchConvertPages(b *testing.B, c *Converter, pages [][]byte) {
	env := &Env{File: "x.md", Line: 1}
	b.ReportAllocs()
	cpu0 := cpuTime()
	i := 0
	for b.Loop() {
		if _, err := c.Convert(pages[i%len(pages)], env); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(i), "cpu-ns/op")
}
