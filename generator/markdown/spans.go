package markdown

import (
	"bytes"
	"fmt"
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

// write writes the tokens of it as the chroma formatter would, streaming:
// chroma splits the tokens into lines first (SplitTokensIntoLines, a
// slice per line), this writes each line as its tokens come. A token's
// text up to each newline ends a line; an empty rest is left out; a last
// line of one empty token is not written (as chroma strips it).
func (w *spanWriter) write(b *bytes.Buffer, it chroma.Iterator) error {
	if err := w.prepare(); err != nil {
		return err
	}
	b.WriteString(w.open)
	l := lineWriter{w: w, b: b}
	for t := it(); t != chroma.EOF; t = it() {
		v := t.Value
		for {
			i := strings.IndexByte(v, '\n')
			if i < 0 {
				break
			}
			if err := l.token(t.Type, v[:i+1], true); err != nil {
				return err
			}
			if v = v[i+1:]; v == "" {
				break
			}
		}
		if v == "" && t.Value != "" {
			continue // the rest after a newline: chroma leaves it out
		}
		if err := l.token(t.Type, v, false); err != nil {
			return err
		}
	}
	if l.open {
		b.WriteString(lineEnd)
	}
	b.WriteString(preEnd)
	return nil
}

// lineWriter writes the lines of one block. A line's first token, when
// empty, is held until a second one comes: a last line of that one token
// is not written.
type lineWriter struct {
	w     *spanWriter
	b     *bytes.Buffer
	open  bool // a line's opening is written, its end is not
	held  bool // an empty first token of a line is waiting
	heldT chroma.TokenType
}

func (l *lineWriter) token(t chroma.TokenType, v string, ends bool) error {
	if !l.open {
		if !l.held && v == "" && !ends {
			l.held, l.heldT = true, t
			return nil
		}
		l.b.WriteString(l.w.lineOpen)
		l.open = true
		if l.held {
			l.held = false
			if err := l.span(l.heldT, ""); err != nil {
				return err
			}
		}
	}
	if err := l.span(t, v); err != nil {
		return err
	}
	if ends {
		l.b.WriteString(lineEnd)
		l.open = false
	}
	return nil
}

// span writes one token: its text, HTML-escaped, in a span with its
// type's attribute when it has one.
func (l *lineWriter) span(t chroma.TokenType, v string) error {
	a, err := l.w.attr(t)
	if err != nil {
		return err
	}
	if a != "" {
		l.b.WriteString(spanOpen)
		l.b.WriteString(a)
		l.b.WriteByte('>')
	}
	escapeHTML(l.b, v)
	if a != "" {
		l.b.WriteString(spanEnd)
	}
	return nil
}

// escapeHTML writes s escaped as html.EscapeString escapes it, without
// making a new string.
func escapeHTML(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}
