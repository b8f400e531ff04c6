package markdown

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// Highlight are the code highlighting settings, Hugo's markup.highlight.
type Highlight struct {
	// NoClasses writes inline style attributes (Hugo's default) instead of
	// chroma CSS classes (Storyfront's default, with asset css/syntax.css).
	NoClasses bool
	// Style is the chroma style for inline styles ("monokai" when "").
	Style string
	// LineNos shows line numbers; LineNumbersInTable puts them in a
	// table column (else inline); AnchorLineNos makes them links, with
	// LineAnchors as the anchors' prefix.
	LineNos, LineNumbersInTable, AnchorLineNos bool
	LineAnchors                                string
	// LineNoStart is the first line's number (1 when 0).
	LineNoStart int
	// HlLines are the lines to highlight: "1 3-4".
	HlLines string
	// TabWidth is the CSS tab-size (4 when 0).
	TabWidth int
	// NoCodeFences leaves fenced code unhighlighted: goldmark's plain
	// <pre><code class="language-x">.
	NoCodeFences bool
	// GuessSyntax picks a lexer from the code when the fence names no
	// language.
	GuessSyntax bool
}

// DefaultHighlightStyle is the chroma style of inline-styled code, Hugo's.
const DefaultHighlightStyle = "monokai"

// codeOptions are one code block's settings: the site's, then the fence's
// {key=value} attributes or the highlight shortcode's options over them.
type codeOptions struct {
	Highlight
	lang string
}

// ParseCodeOptions reads options in Hugo's forms, "linenos=table,
// hl_lines=[2 "4-5"] linenostart=5", over h.
func ParseCodeOptions(h Highlight, s string) (Highlight, error) {
	var opts []string
	for _, kv := range splitOptions(s) {
		if !strings.Contains(kv, "=") && len(opts) > 0 {
			// More of the value before: hugo splits "hl_lines=4 7-9" on
			// commas only.
			opts[len(opts)-1] += " " + kv
			continue
		}
		opts = append(opts, kv)
	}
	for _, kv := range opts {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return h, fmt.Errorf("highlight option %q: want key=value", kv)
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		switch k {
		case "linenos":
			switch strings.ToLower(v) {
			case "table":
				h.LineNos, h.LineNumbersInTable = true, true
			case "inline":
				h.LineNos, h.LineNumbersInTable = true, false
			case "true":
				h.LineNos = true
			case "false", "":
				h.LineNos = false
			default:
				return h, fmt.Errorf("highlight option linenos=%s: want true, false, table or inline", v)
			}
		case "hl_lines":
			h.HlLines = strings.Trim(v, "[]")
		case "linenostart":
			n, err := strconv.Atoi(v)
			if err != nil {
				return h, fmt.Errorf("highlight option linenostart=%s: want a number", v)
			}
			h.LineNoStart = n
		case "anchorlinenos":
			h.AnchorLineNos = v == "true"
		case "lineanchors":
			h.LineAnchors = v
		case "style":
			h.Style = v
		case "noclasses":
			h.NoClasses = v == "true"
		case "tabwidth":
			n, err := strconv.Atoi(v)
			if err != nil {
				return h, fmt.Errorf("highlight option tabWidth=%s: want a number", v)
			}
			h.TabWidth = n
		case "guesssyntax":
			h.GuessSyntax = v == "true"
		case "linenumbersintable":
			h.LineNumbersInTable = v == "true"
		}
	}
	return h, nil
}

// splitOptions splits on commas and spaces outside [] and quotes.
func splitOptions(s string) []string {
	var out []string
	depth, quote, start := 0, byte(0), 0
	flush := func(i int) {
		if f := strings.TrimSpace(s[start:i]); f != "" {
			out = append(out, f)
		}
		start = i + 1
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case (c == ',' || c == ' ') && depth == 0:
			// "key = value" keeps its spaces around "=".
			if c == ' ' && (strings.HasSuffix(strings.TrimSpace(s[start:i]), "=") || nextIsEq(s[i:])) {
				continue
			}
			flush(i)
		}
	}
	flush(len(s))
	return out
}

func nextIsEq(s string) bool { return strings.HasPrefix(strings.TrimLeft(s, " "), "=") }

// hlRanges turns "1 3-4" (also "1,3-4", quoted items) into chroma ranges
// shifted to start at first.
func hlRanges(spec string, first int) [][2]int {
	var out [][2]int
	for _, f := range strings.FieldsFunc(spec, func(r rune) bool { return r == ' ' || r == ',' }) {
		f = strings.Trim(f, `"'`)
		a, b, isRange := strings.Cut(f, "-")
		lo, err := strconv.Atoi(a)
		if err != nil {
			continue
		}
		hi := lo
		if isRange {
			if hi, err = strconv.Atoi(b); err != nil {
				continue
			}
		}
		out = append(out, [2]int{lo + first - 1, hi + first - 1})
	}
	return out
}

// hugoPre writes Hugo's <pre tabindex="0"> with the language on <code>.
type hugoPre struct{ lang string }

func (p hugoPre) Start(code bool, styleAttr string) string {
	if code && p.lang != "" {
		return `<pre tabindex="0"` + styleAttr + `><code class="language-` + p.lang + `" data-lang="` + p.lang + `">`
	}
	return `<pre tabindex="0"` + styleAttr + `><code>`
}

func (hugoPre) End(bool) string { return `</code></pre>` }

// classStyle is an empty style: with CSS classes the style does not show
// in the HTML, but the formatter still compiles it for each block; an
// empty one makes that free. The stylesheet comes from the real style.
var classStyle = chroma.MustNewStyle("storyfront-classes", chroma.StyleEntries{})

// plainWhitespace makes whitespace tokens plain text, as the chroma in
// Hugo 0.111 lexed them: "x := 1" gets no <span class="w"> between words.
func plainWhitespace(it chroma.Iterator) chroma.Iterator {
	return func() chroma.Token {
		t := it()
		if t.Type == chroma.TextWhitespace {
			t.Type = chroma.Text
		}
		return t
	}
}

// HighlightCode writes code in a language as a fenced code block with
// options (Hugo's "linenos=table,hl_lines=2" forms) over the site's
// settings.
func (h *Highlighter) HighlightCode(w io.Writer, code []byte, lang, options string, site Highlight) error {
	o, err := ParseCodeOptions(site, options)
	if err != nil {
		return fmt.Errorf("%w", err)
	}
	return h.highlight(w, code, codeOptions{Highlight: o, lang: lang})
}
