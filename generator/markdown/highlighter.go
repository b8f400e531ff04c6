package markdown

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// DefaultHighlightCache is the size in bytes (code and HTML) of the
// highlighted blocks a Highlighter keeps: the code of a few thousand
// stories, and every snippet a site repeats.
const DefaultHighlightCache = 8 << 20

// Highlighter writes code blocks highlighted by chroma. It is safe for
// concurrent use: one serves every worker of a build, and the dev server
// keeps it across rebuilds. It keeps the lexers (without chroma's time
// limit, see lexerSet), one formatter per setting, and the HTML of recent
// blocks: the same code with the same settings is highlighted once.
type Highlighter struct {
	lexersOnce sync.Once
	lexers     *lexerSet

	mu         sync.Mutex
	formatters map[codeOptions]*blockFormatter
	cache      blockCache
}

// NewHighlighter returns a Highlighter keeping up to cacheBytes of
// highlighted blocks (none when 0).
func NewHighlighter(cacheBytes int) *Highlighter {
	return &Highlighter{formatters: map[codeOptions]*blockFormatter{}, cache: newBlockCache(cacheBytes)}
}

// blockKey is a code block with all it is highlighted with.
type blockKey struct {
	o    codeOptions
	code string
}

// highlight writes code in Hugo's markup: <div class="highlight"> around
// chroma's <pre class="chroma"> (or inline styles) when the language is
// known, else a plain <pre tabindex="0"><code>. No newline follows, as in
// Hugo.
func (h *Highlighter) highlight(w io.Writer, code []byte, o codeOptions) error {
	key := blockKey{o: o, code: string(code)}
	h.mu.Lock()
	html, ok := h.cache.get(key)
	h.mu.Unlock()
	if !ok {
		var err error
		if html, err = h.format(key); err != nil {
			return err
		}
		h.mu.Lock()
		h.cache.put(key, html)
		h.mu.Unlock()
	}
	_, err := w.Write(html)
	return err
}

func (h *Highlighter) lexerSet() *lexerSet {
	h.lexersOnce.Do(func() { h.lexers = newLexerSet() })
	return h.lexers
}

// format highlights one block.
func (h *Highlighter) format(k blockKey) ([]byte, error) {
	o := k.o
	lang := strings.ToLower(o.lang)
	var lexer chroma.Lexer
	if lang != "" {
		lexer = h.lexerSet().get(lang)
	} else if o.GuessSyntax {
		lexer = h.lexerSet().analyse(k.code)
	}
	var b bytes.Buffer
	b.Grow(len(k.code) * 8)
	if lexer == nil {
		b.WriteString(hugoPre{lang: o.lang}.Start(true, ""))
		// Hugo escapes it as Go's html package does (&#34; for ").
		b.WriteString(html.EscapeString(k.code))
		b.WriteString(`</code></pre>`)
		return b.Bytes(), nil
	}
	it, err := h.lexerSet().tokenise(lexer, k.code)
	if err != nil {
		return nil, fmt.Errorf("highlighting %s: %w", lang, err)
	}
	tokens := plainWhitespace(coalesce(it))
	b.WriteString(`<div class="highlight">`)
	fm := h.formatter(o)
	if fm.spans != nil {
		err = fm.spans.write(&b, tokens)
	} else {
		err = fm.f.Format(&b, fm.style, tokens)
	}
	if err != nil {
		return nil, fmt.Errorf("highlighting %s: %w", lang, err)
	}
	b.WriteString(`</div>`)
	out := b.Bytes()
	if o.NoClasses && bytes.Contains(out, webkitSizeAdjust) {
		// Newer chroma adds this to the inline style; Hugo's does not.
		out = bytes.ReplaceAll(out, webkitSizeAdjust, nil)
	}
	return out, nil
}

var webkitSizeAdjust = []byte("-webkit-text-size-adjust:none;")

// blockFormatter is chroma's HTML formatter and style for some settings,
// with a spanWriter when they have no line numbers or highlighted lines.
type blockFormatter struct {
	f     *chromahtml.Formatter
	style *chroma.Style
	spans *spanWriter
}

// formatter returns the formatter for o, made once: a chroma formatter
// compiles its style on first use.
func (h *Highlighter) formatter(o codeOptions) *blockFormatter {
	h.mu.Lock()
	defer h.mu.Unlock()
	if f := h.formatters[o]; f != nil {
		return f
	}
	style := classStyle
	if o.NoClasses {
		name := o.Style
		if name == "" {
			name = DefaultHighlightStyle
		}
		style = styles.Get(name)
	}
	first := max(o.LineNoStart, 1)
	tab := o.TabWidth
	if tab == 0 {
		tab = 4
	}
	opts := []chromahtml.Option{
		chromahtml.WithClasses(!o.NoClasses),
		chromahtml.WithPreWrapper(hugoPre{lang: o.lang}),
		chromahtml.TabWidth(tab),
		chromahtml.WithLineNumbers(o.LineNos),
		chromahtml.LineNumbersInTable(o.LineNumbersInTable),
		chromahtml.BaseLineNumber(first),
	}
	if o.HlLines != "" {
		opts = append(opts, chromahtml.HighlightLines(hlRanges(o.HlLines, first)))
	}
	if o.AnchorLineNos {
		prefix := o.LineAnchors
		if prefix != "" {
			prefix += "-"
		}
		opts = append(opts, chromahtml.WithLinkableLineNumbers(true, prefix))
	}
	f := &blockFormatter{f: chromahtml.New(opts...), style: style}
	if !o.LineNos && o.HlLines == "" {
		f.spans = newSpanWriter(f.f, style)
	}
	if len(h.formatters) >= maxFormatters {
		// Settings from fence attributes can be many (hl_lines, linenostart);
		// start over rather than grow without bound.
		clear(h.formatters)
	}
	h.formatters[o] = f
	return f
}

// maxFormatters bounds the formatters a Highlighter keeps.
const maxFormatters = 256

// blockCache keeps highlighted blocks up to a size in bytes, in two
// generations: a block found in the older one moves to the newer one, and
// when the newer one is full the older one is dropped. Recently used blocks
// stay; the rest goes, without per-entry bookkeeping.
type blockCache struct {
	limit     int // bytes per generation
	cur, prev map[blockKey][]byte
	curBytes  int
}

func newBlockCache(bytes int) blockCache {
	return blockCache{limit: bytes / 2, cur: map[blockKey][]byte{}}
}

func (c *blockCache) get(k blockKey) ([]byte, bool) {
	if html, ok := c.cur[k]; ok {
		return html, true
	}
	html, ok := c.prev[k]
	if ok {
		delete(c.prev, k)
		c.put(k, html)
	}
	return html, ok
}

func (c *blockCache) put(k blockKey, html []byte) {
	size := len(k.code) + len(html)
	if size > c.limit {
		return
	}
	if c.curBytes+size > c.limit {
		c.prev, c.cur, c.curBytes = c.cur, map[blockKey][]byte{}, 0
	}
	c.cur[k] = html
	c.curBytes += size
}
