package shortcode

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Call is one shortcode call.
type Call struct {
	Name string
	// Markdown: the call is {{% %}}, its output is Markdown.
	Markdown bool
	// Positional or Named holds the parameters (never both); unquoted
	// numbers and booleans are typed (int, float64, bool).
	Positional []any
	Named      map[string]any
	// Closed: the call is paired or self-closing; Paired: it has a closing
	// tag and Inner.
	Closed, Paired bool
	// Inner is what lies between the tags, as text and nested calls.
	Inner []Item
	// InnerStart and InnerEnd are the inner's byte offsets in the source.
	InnerStart, InnerEnd int
	// Start and End are the byte offsets of the whole call in the source,
	// from its opening "{{" to the end of its closing tag.
	Start, End int
}

// Item is a piece of a source: text (Call nil) or a call.
type Item struct {
	Text  []byte
	Start int // byte offset of the text in the source
	Call  *Call
}

// SyntaxError is a call that cannot be parsed, at a byte offset.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return e.Msg }

// Has reports whether src may hold a shortcode call.
func Has(src []byte) bool {
	// One pass over src for "{{", then a look at the byte after each.
	for {
		i := bytes.Index(src, []byte("{{"))
		if i < 0 || i+2 >= len(src) {
			return false
		}
		if c := src[i+2]; c == '<' || c == '%' {
			return true
		}
		src = src[i+1:]
	}
}

// tag is one lexed {{< ... >}} or {{% ... %}}.
type tag struct {
	call       *Call
	closing    bool // {{< /name >}}
	selfClosed bool // {{< name />}}
	comment    []byte
	start, end int
}

// Parse splits src into text and calls. needsInner reports whether a
// shortcode's template uses .Inner: such a call must be closed (paired or
// self-closing), and a closing tag for any other is an error, as in Hugo.
// Every problem is a *SyntaxError; Parse stops at the first.
func Parse(src []byte, needsInner func(name string) bool) ([]Item, error) {
	p := &parser{src: src, needsInner: needsInner}
	items, stop, err := p.items(0, nil)
	if err != nil {
		return nil, err
	}
	if stop != nil {
		return nil, p.strayClose(stop)
	}
	return items, nil
}

// strayClose is the error for a closing tag that closes nothing.
func (p *parser) strayClose(t *tag) error {
	name := t.call.Name
	if name == "" {
		return &SyntaxError{Offset: t.start, Msg: "closing tag {{< / >}} without an open shortcode to close"}
	}
	if p.needsInner != nil && !p.needsInner(name) {
		return &SyntaxError{Offset: t.start, Msg: fmt.Sprintf("shortcode %q does not use .Inner or .InnerDeindent, yet a closing tag {{< /%s >}} was given", name, name)}
	}
	return &SyntaxError{Offset: t.start, Msg: fmt.Sprintf("closing tag {{< /%s >}} without an opening one", name)}
}

type parser struct {
	src        []byte
	pos        int
	needsInner func(string) bool
}

// items reads text and calls up to the closing tag of open (or the end);
// it returns the closing tag that stopped it.
func (p *parser) items(depth int, open *Call) ([]Item, *tag, error) {
	var out []Item
	textStart := p.pos
	flush := func(end int) {
		if end > textStart {
			out = append(out, Item{Text: p.src[textStart:end], Start: textStart})
		}
	}
	for {
		i := nextTag(p.src, p.pos)
		if i < 0 {
			p.pos = len(p.src)
			flush(len(p.src))
			return out, nil, nil
		}
		t, err := p.tag(i)
		if err != nil {
			return nil, nil, err
		}
		if t.comment != nil {
			flush(i)
			out = append(out, Item{Text: t.comment, Start: i})
			textStart = p.pos
			continue
		}
		if t.closing {
			flush(i)
			return out, t, nil
		}
		flush(i)
		c := t.call
		switch {
		case t.selfClosed:
			c.Closed = true
		case p.needsInner != nil && p.needsInner(c.Name):
			if depth > 50 {
				return nil, nil, &SyntaxError{Offset: c.Start, Msg: "shortcodes nested more than 50 deep"}
			}
			c.InnerStart = p.pos
			inner, stop, err := p.items(depth+1, c)
			if err != nil {
				return nil, nil, err
			}
			if stop == nil {
				return nil, nil, &SyntaxError{Offset: c.Start, Msg: fmt.Sprintf("shortcode %q uses .Inner, so it must be closed: add {{< /%s >}} or write {{< %s />}}", c.Name, c.Name, c.Name)}
			}
			if stop.call.Name != c.Name && stop.call.Name != "" {
				return nil, nil, p.strayClose(stop)
			}
			// A closing tag with the other delimiters ({{% x %}} ...
			// {{< /x >}}) closes it too, as in Hugo: the opening decides.
			c.Inner, c.InnerEnd, c.End = inner, stop.start, stop.end
			c.Closed, c.Paired = true, true
		}
		out = append(out, Item{Call: c, Start: c.Start})
		textStart = p.pos
	}
}

// nextTag returns the offset of the next "{{<" or "{{%" from i, or -1.
func nextTag(src []byte, i int) int {
	for {
		j := bytes.Index(src[i:], []byte("{{"))
		if j < 0 {
			return -1
		}
		k := i + j + 2
		if k < len(src) && (src[k] == '<' || src[k] == '%') {
			return i + j
		}
		i = i + j + 1 // "{{{<": the tag starts at the second brace
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// tag lexes the tag at src[start:] ("{{" then "<" or "%").
func (p *parser) tag(start int) (*tag, error) {
	src := p.src
	i := start + 2
	delim := src[i]
	markdown := delim == '%'
	closeDelim := []byte(">}}")
	if markdown {
		closeDelim = []byte("%}}")
	}
	i++
	skip := func() {
		for i < len(src) && isSpace(src[i]) {
			i++
		}
	}
	skip()
	// The comment form {{</* name */>}} writes {{< name >}}.
	if strings.HasPrefix(string(src[i:min(i+2, len(src))]), "/*") {
		end := bytes.Index(src[i:], append([]byte("*/"), closeDelim...))
		if end < 0 {
			return nil, &SyntaxError{Offset: start, Msg: "shortcode comment {{</* is not closed with */>}}"}
		}
		inner := src[i+2 : i+end]
		p.pos = i + end + 2 + len(closeDelim)
		lit := "{{" + string(delim) + string(inner) + string(closeDelim)
		return &tag{comment: []byte(lit), start: start, end: p.pos}, nil
	}
	t := &tag{start: start, call: &Call{Markdown: markdown, Start: start}}
	if i < len(src) && src[i] == '/' {
		t.closing = true
		i++
		skip()
	}
	nameStart := i
	for i < len(src) && isNameByte(src[i]) {
		i++
	}
	if i == nameStart && t.closing && bytes.HasPrefix(src[i:], closeDelim) {
		// {{</>}} or {{< / >}}: a closing tag without a name closes the
		// innermost open call, as in Hugo.
		p.pos = i + len(closeDelim)
		t.end = p.pos
		t.call.End = p.pos
		return t, nil
	}
	if i == nameStart {
		return nil, &SyntaxError{Offset: start, Msg: fmt.Sprintf("shortcode call without a name: %s", excerpt(src[start:]))}
	}
	name := string(src[nameStart:i])
	if strings.HasSuffix(name, "/") {
		// {{< name/>}}: the slash closes the tag.
		name = strings.TrimSuffix(name, "/")
		i--
	}
	t.call.Name = name
	// A call runs to its delimiter, before any other call.
	end := bytes.Index(src[i:], closeDelim)
	if next := bytes.Index(src[i:], []byte("{{")); end < 0 || next >= 0 && next < end {
		if o := bytes.Index(src[i:], otherDelim(delim)); o >= 0 && (next < 0 || o < next) {
			return nil, &SyntaxError{Offset: start, Msg: fmt.Sprintf("shortcode %q opened with {{%c but closed with %s", name, delim, otherDelim(delim))}
		}
		return nil, &SyntaxError{Offset: start, Msg: fmt.Sprintf("shortcode %q is not closed with %s", name, closeDelim)}
	}
	for {
		skip()
		if i >= len(src) {
			return nil, &SyntaxError{Offset: start, Msg: fmt.Sprintf("shortcode %q is not closed with %s", name, closeDelim)}
		}
		if bytes.HasPrefix(src[i:], closeDelim) {
			i += len(closeDelim)
			break
		}
		if src[i] == '/' {
			j := i + 1
			for j < len(src) && isSpace(src[j]) {
				j++
			}
			if bytes.HasPrefix(src[j:], closeDelim) {
				t.selfClosed = true
				i = j + len(closeDelim)
				break
			}
		}
		if other := otherDelim(delim); bytes.HasPrefix(src[i:], other) {
			return nil, &SyntaxError{Offset: start, Msg: fmt.Sprintf("shortcode %q opened with {{%c but closed with %s", name, delim, other)}
		}
		if bytes.HasPrefix(src[i:], []byte("{{")) {
			return nil, &SyntaxError{Offset: start, Msg: fmt.Sprintf("shortcode %q is not closed with %s before the next {{", name, closeDelim)}
		}
		if t.closing {
			return nil, &SyntaxError{Offset: i, Msg: fmt.Sprintf("closing tag of %q takes no parameters", name)}
		}
		next, err := p.param(t.call, i)
		if err != nil {
			return nil, err
		}
		if next <= i {
			return nil, &SyntaxError{Offset: i, Msg: fmt.Sprintf("shortcode %q: cannot read a parameter at %q", name, excerpt(src[i:]))}
		}
		i = next
	}
	p.pos = i
	t.end = i
	t.call.End = i
	return t, nil
}

func otherDelim(d byte) []byte {
	if d == '<' {
		return []byte("%}}")
	}
	return []byte(">}}")
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == '/'
}

func excerpt(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	if len(b) > 40 {
		b = b[:40]
	}
	return string(b)
}

// param reads one parameter at src[i:]: "quoted", `raw`, a bare word, or
// name= one of those.
func (p *parser) param(c *Call, i int) (int, error) {
	src := p.src
	start := i
	j := i
	for j < len(src) && (src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z' || src[j] >= '0' && src[j] <= '9' || src[j] == '_' || src[j] == '-') {
		j++
	}
	name := ""
	// name=value, or with white space around the "=" (name = "value"),
	// which Hugo reads as a named parameter too.
	eq := j
	for eq < len(src) && eq > i && isSpace(src[eq]) {
		eq++
	}
	if j > i && eq < len(src) && src[eq] == '=' {
		name = string(src[i:j])
		i = eq + 1
		for i < len(src) && isSpace(src[i]) {
			i++
		}
	}
	v, next, err := p.value(i)
	if err != nil {
		return 0, err
	}
	if name != "" {
		if len(c.Positional) > 0 {
			return 0, &SyntaxError{Offset: start, Msg: fmt.Sprintf("shortcode %q mixes positional and named parameters", c.Name)}
		}
		if c.Named == nil {
			c.Named = map[string]any{}
		}
		c.Named[name] = v
	} else {
		if c.Named != nil {
			return 0, &SyntaxError{Offset: start, Msg: fmt.Sprintf("shortcode %q mixes positional and named parameters", c.Name)}
		}
		c.Positional = append(c.Positional, v)
	}
	return next, nil
}

func (p *parser) value(i int) (any, int, error) {
	src := p.src
	if i >= len(src) {
		return nil, i, &SyntaxError{Offset: i, Msg: "shortcode parameter without a value"}
	}
	switch src[i] {
	case '"':
		var b strings.Builder
		for j := i + 1; j < len(src); j++ {
			switch src[j] {
			case '\\':
				if j+1 < len(src) {
					j++
					b.WriteByte(src[j])
				}
			case '"':
				return b.String(), j + 1, nil
			default:
				b.WriteByte(src[j])
			}
		}
		return nil, i, &SyntaxError{Offset: i, Msg: "unterminated quoted string in shortcode parameter"}
	case '`':
		end := bytes.IndexByte(src[i+1:], '`')
		if end < 0 {
			return nil, i, &SyntaxError{Offset: i, Msg: "unterminated raw string in shortcode parameter"}
		}
		return string(src[i+1 : i+1+end]), i + end + 2, nil
	}
	j := i
	for j < len(src) && !isSpace(src[j]) && !bytes.HasPrefix(src[j:], []byte(">}}")) && !bytes.HasPrefix(src[j:], []byte("%}}")) &&
		!(src[j] == '/' && selfCloseAhead(src[j+1:])) {
		if src[j] == '"' || src[j] == '=' {
			return nil, i, &SyntaxError{Offset: j, Msg: fmt.Sprintf("unexpected %q in shortcode parameter %q", src[j], src[i:j+1])}
		}
		j++
	}
	return typed(string(src[i:j])), j, nil
}

func selfCloseAhead(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	return bytes.HasPrefix(b, []byte(">}}")) || bytes.HasPrefix(b, []byte("%}}"))
}

// typed turns an unquoted parameter into a bool, int or float64 when it
// reads as one, as Hugo does.
func typed(s string) any {
	switch s {
	case "true":
		return true
	case "false":
		return false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && strings.ContainsAny(s, "0123456789") && !strings.ContainsAny(s, "xXpPnN_") {
		return f
	}
	return s
}
