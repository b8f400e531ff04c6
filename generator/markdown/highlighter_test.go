package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// chromaHTML is a block highlighted by chroma alone, every part made
// afresh, as the highlighter did before it kept lexers and formatters.
func chromaHTML(t *testing.T, code string, o codeOptions) string {
	t.Helper()
	style := classStyle
	if o.NoClasses {
		style = styles.Get(DefaultHighlightStyle)
	}
	first := max(o.LineNoStart, 1)
	opts := []chromahtml.Option{chromahtml.WithClasses(!o.NoClasses), chromahtml.WithPreWrapper(hugoPre{lang: o.lang}),
		chromahtml.TabWidth(4), chromahtml.WithLineNumbers(o.LineNos), chromahtml.LineNumbersInTable(o.LineNumbersInTable),
		chromahtml.BaseLineNumber(first)}
	if o.HlLines != "" {
		opts = append(opts, chromahtml.HighlightLines(hlRanges(o.HlLines, first)))
	}
	it, err := chroma.Coalesce(lexers.Get(o.lang)).Tokenise(nil, code)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := chromahtml.New(opts...).Format(&b, style, plainWhitespace(it)); err != nil {
		t.Fatal(err)
	}
	return `<div class="highlight">` + strings.ReplaceAll(b.String(), "-webkit-text-size-adjust:none;", "") + `</div>`
}

var highlightCases = []struct {
	lang, code string
	h          Highlight
}{
	{"go", "package main\n\nfunc main() {\n\tprintln(\"hi\")\n}\n", Highlight{}},
	{"js", "const f = async (e) => { await fetch('/api', {method: 'POST'}); };\n", Highlight{NoClasses: true}},
	{"html", "<section class=\"hero\">\n  <script>let x = 1;</script>\n</section>\n", Highlight{LineNos: true, LineNumbersInTable: true}},
	{"yaml", "a:\n  b: [1, 2]\n  c: \"d\"\n", Highlight{LineNos: true, HlLines: "2", LineNoStart: 5}},
	{"json", "{\"a\": [1, 2.5, true, null]}\n", Highlight{NoClasses: true, LineNos: true}},
	{"python", "def f(x):\n    return x ** 2  # square\n", Highlight{}},
	{"bash", "for f in *.md; do echo \"$f\"; done\n", Highlight{NoClasses: true}},
}

// TestHighlighterIsChroma: the kept lexers and formatters, the rule lexer
// and the cache give the HTML chroma gives on its own.
func TestHighlighterIsChroma(t *testing.T) {
	h := NewHighlighter(DefaultHighlightCache)
	for _, c := range highlightCases {
		o := codeOptions{Highlight: c.h, lang: c.lang}
		want := chromaHTML(t, c.code, o)
		for range 2 { // formatted, then from the cache
			var b bytes.Buffer
			if err := h.highlight(&b, []byte(c.code), o); err != nil {
				t.Fatal(err)
			}
			if b.String() != want {
				t.Fatalf("%s %+v:\n got %s\nwant %s", c.lang, c.h, b.String(), want)
			}
		}
	}
}

// TestHighlighterConcurrent: workers sharing one highlighter (cache,
// formatters, lexers compiled on first use) get the same HTML as one
// alone (go test -race; the generator package, in CI under -race,
// shares one across its parallel Markdown workers too).
func TestHighlighterConcurrent(t *testing.T) {
	want := map[int]string{}
	for i, c := range highlightCases {
		want[i] = chromaHTML(t, c.code, codeOptions{Highlight: c.h, lang: c.lang})
	}
	h := NewHighlighter(4 << 10) // small: blocks come and go
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Go(func() {
			for n := range 40 {
				i := (w + n) % len(highlightCases)
				c := highlightCases[i]
				var b bytes.Buffer
				if err := h.highlight(&b, []byte(c.code), codeOptions{Highlight: c.h, lang: c.lang}); err != nil {
					errs <- err
					return
				}
				if b.String() != want[i] {
					errs <- fmt.Errorf("worker %d, %s: HTML differs", w, c.lang)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestBlockCache(t *testing.T) {
	c := newBlockCache(200) // 100 bytes a generation
	key := func(i int) blockKey { return blockKey{o: codeOptions{lang: "go"}, code: fmt.Sprint(i)} }
	html := bytes.Repeat([]byte("x"), 29) // 30 bytes with the code
	for i := range 3 {
		c.put(key(i), html)
	}
	for i := range 3 {
		if _, ok := c.get(key(i)); !ok {
			t.Fatalf("block %d gone while the cache has room", i)
		}
	}
	c.put(key(3), html) // the first generation is full: a new one starts
	c.get(key(0))       // used: moves to the new generation
	for i := 4; i < 7; i++ {
		c.put(key(i), html) // the generation holding 1 and 2 is dropped
	}
	if _, ok := c.get(key(0)); !ok {
		t.Error("recently used block 0 was dropped")
	}
	for _, i := range []int{1, 2} {
		if _, ok := c.get(key(i)); ok {
			t.Errorf("block %d kept beyond the size", i)
		}
	}
	c.put(key(9), bytes.Repeat([]byte("x"), 200))
	if _, ok := c.get(key(9)); ok {
		t.Error("a block larger than a generation was kept")
	}
	empty := newBlockCache(0)
	empty.put(key(1), html)
	if _, ok := empty.get(key(1)); ok {
		t.Error("a cache of size 0 keeps blocks")
	}
}
