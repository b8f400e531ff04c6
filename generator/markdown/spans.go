package markdown

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
)

// spanWriter writes the HTML chroma's formatter writes for a block without
// line numbers or highlighted lines, the common case, without its per-token
// fmt calls: the <pre> opening, each line's <span>s and each token type's
// attribute are taken once from what the chroma formatter itself writes
// for small probe blocks, then reused for every token.
type spanWriter struct {
	f     *chromahtml.Formatter
	style *chroma.Style

	once     sync.Once
	open     string // <pre ...><code ...>
	lineOpen string // <span class="line"><span class="cl">
	err      error

	// attrs holds every standard token type's attribute (` class="kn"`,
	// ` style="..."` or ""), read without a lock; others (custom types)
	// are probed when met and kept in more.
	attrs map[chroma.TokenType]string
	mu    sync.Mutex
	more  map[chroma.TokenType]string
}

// Markers that lexers never produce and HTML escaping leaves as they are.
const (
	probeA = "\uE000"
	probeB = "\uE001"
)

const (
	preEnd   = `</code></pre>` // hugoPre's End
	lineEnd  = `</span></span>`
	spanOpen = `<span`
	spanEnd  = `</span>`
)

func newSpanWriter(f *chromahtml.Formatter, style *chroma.Style) *spanWriter {
	return &spanWriter{f: f, style: style, attrs: map[chroma.TokenType]string{}, more: map[chroma.TokenType]string{}}
}

// probe formats tokens with the chroma formatter; the result is the part
// between the <pre> opening and the last line's end.
func (w *spanWriter) probe(tokens ...chroma.Token) (string, error) {
	var b bytes.Buffer
	if err := w.f.Format(&b, w.style, chroma.Literator(tokens...)); err != nil {
		return "", err
	}
	s := b.String()
	if !strings.HasPrefix(s, w.open) || !strings.HasSuffix(s, lineEnd+preEnd) {
		return "", fmt.Errorf("chroma wrote %q, not the expected markup", s)
	}
	return strings.TrimSuffix(strings.TrimPrefix(s, w.open), lineEnd+preEnd), nil
}

func (w *spanWriter) prepare() error {
	w.once.Do(func() {
		var b bytes.Buffer
		if w.err = w.f.Format(&b, w.style, chroma.Literator()); w.err != nil {
			return
		}
		s := b.String()
		if !strings.HasSuffix(s, preEnd) {
			w.err = fmt.Errorf("chroma wrote %q for no code", s)
			return
		}
		w.open = strings.TrimSuffix(s, preEnd)
		// One line: the line's opening, then the text token's HTML.
		var textAttr string
		if textAttr, w.err = w.probeAttr(chroma.Text); w.err != nil {
			return
		}
		var mid string
		if mid, w.err = w.probe(chroma.Token{Type: chroma.Text, Value: probeA}); w.err != nil {
			return
		}
		tok := probeA
		if textAttr != "" {
			tok = spanOpen + textAttr + ">" + probeA + spanEnd
		}
		if !strings.HasSuffix(mid, tok) {
			w.err = fmt.Errorf("chroma wrote %q for one token", mid)
			return
		}
		w.lineOpen = strings.TrimSuffix(mid, tok)
		for t := range chroma.StandardTypes {
			if w.attrs[t], w.err = w.probeAttr(t); w.err != nil {
				return
			}
		}
	})
	return w.err
}

// probeAttr finds the attribute chroma gives tokens of type t: it formats
// a text token then a t token, and reads what stands between them.
func (w *spanWriter) probeAttr(t chroma.TokenType) (string, error) {
	mid, err := w.probe(chroma.Token{Type: chroma.Text, Value: probeA}, chroma.Token{Type: t, Value: probeB})
	if err != nil {
		return "", err
	}
	_, after, ok := strings.Cut(mid, probeA)
	if !ok {
		return "", fmt.Errorf("chroma wrote %q for two tokens", mid)
	}
	after = strings.TrimPrefix(after, spanEnd) // the text token's, if any
	if after == probeB {
		return "", nil
	}
	if !strings.HasPrefix(after, spanOpen) || !strings.HasSuffix(after, ">"+probeB+spanEnd) {
		return "", fmt.Errorf("chroma wrote %q for a %s token", after, t)
	}
	return strings.TrimSuffix(strings.TrimPrefix(after, spanOpen), ">"+probeB+spanEnd), nil
}

func (w *spanWriter) attr(t chroma.TokenType) (string, error) {
	if a, ok := w.attrs[t]; ok {
		return a, nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if a, ok := w.more[t]; ok {
		return a, nil
	}
	a, err := w.probeAttr(t)
	if err != nil {
		return "", err
	}
	w.more[t] = a
	return a, nil
}

// write writes tokens as the chroma formatter would.
func (w *spanWriter) write(b *bytes.Buffer, tokens []chroma.Token) error {
	if err := w.prepare(); err != nil {
		return err
	}
	b.WriteString(w.open)
	for _, line := range chroma.SplitTokensIntoLines(tokens) {
		b.WriteString(w.lineOpen)
		for _, t := range line {
			a, err := w.attr(t.Type)
			if err != nil {
				return err
			}
			if a != "" {
				b.WriteString(spanOpen)
				b.WriteString(a)
				b.WriteByte('>')
			}
			b.WriteString(html.EscapeString(t.Value))
			if a != "" {
				b.WriteString(spanEnd)
			}
		}
		b.WriteString(lineEnd)
	}
	b.WriteString(preEnd)
	return nil
}
