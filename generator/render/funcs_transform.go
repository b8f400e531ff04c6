package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/kyokomi/emoji/v2"

	"github.com/storyfront/storyfront/generator/data"
	"github.com/storyfront/storyfront/generator/shortcode"
)

// transformNS is Hugo's transform namespace.
type transformNS struct {
	r      *Renderer
	emojis *emojiTable
}

// emojiTable is the :shortcode: → emoji map, made on first use.
type emojiTable struct {
	once sync.Once
	m    map[string]string
}

func (r *Renderer) transformFuncs(m template.FuncMap) {
	t := transformNS{r: r, emojis: &emojiTable{}}
	m["transform"] = func() transformNS { return t }
	m["htmlUnescape"] = t.HTMLUnescape
	m["emojify"] = t.Emojify
}

// emojiCode is an emoji shortcode as Hugo's emojify finds them.
var emojiCode = regexp.MustCompile(`:[a-zA-Z0-9_+\-]+:`)

// Emojify replaces emoji shortcodes (":heart:") with the emoji, from the
// table Hugo uses (github.com/kyokomi/emoji), leaving unknown ones as
// they are.
func (t transformNS) Emojify(s any) template.HTML {
	t.emojis.once.Do(func() { t.emojis.m = emoji.CodeMap() })
	return template.HTML(emojiCode.ReplaceAllStringFunc(toString(s), func(code string) string {
		if e, ok := t.emojis.m[code]; ok {
			return e
		}
		return code
	}))
}

// Unmarshal is transform.Unmarshal [OPTIONS] INPUT: JSON, TOML, YAML or
// CSV, from a string (its format guessed) or a resource (by its name).
func (t transformNS) Unmarshal(args ...any) (any, error) {
	if len(args) == 0 || len(args) > 2 {
		return nil, errors.New("transform.Unmarshal: want [OPTIONS] INPUT")
	}
	in := args[len(args)-1]
	var src, ext string
	switch x := in.(type) {
	case string:
		src = x
	case template.HTML:
		src = string(x)
	case interface{ Content() string }:
		src = x.Content()
		ext = resourceExt(in)
	case interface{ Content() (string, error) }:
		c, err := x.Content()
		if err != nil {
			return nil, fmt.Errorf("transform.Unmarshal: %w", err)
		}
		src = c
		ext = resourceExt(in)
	default:
		return nil, fmt.Errorf("transform.Unmarshal: cannot read a %T", in)
	}
	if len(args) == 2 {
		if o, ok := args[0].(map[string]any); ok {
			if d, ok := o["delimiter"].(string); ok && d != "" && d != "," {
				return nil, fmt.Errorf("transform.Unmarshal: the CSV delimiter %q is not supported (only \",\")", d)
			}
		}
	}
	if strings.TrimSpace(src) == "" {
		return map[string]any{}, nil
	}
	if ext == "" {
		ext = guessFormat(src)
		if ext == ".yaml" {
			// An indented shortcode body is still one YAML document.
			src = shortcode.Deindent(src)
		}
	}
	v, err := data.Decode("transform.Unmarshal", ext, []byte(src))
	if err != nil {
		return nil, fmt.Errorf("transform.Unmarshal: %w", err)
	}
	return v, nil
}

func resourceExt(r any) string {
	if n, ok := r.(interface{ Name() string }); ok {
		switch e := strings.ToLower(path.Ext(n.Name())); e {
		case ".json", ".toml", ".yaml", ".yml", ".csv":
			return e
		}
	}
	return ""
}

// guessFormat tells JSON, TOML, YAML and CSV apart as Hugo does.
func guessFormat(s string) string {
	trim := strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(trim, "{") || strings.HasPrefix(trim, "["):
		if json.Valid([]byte(trim)) {
			return ".json"
		}
	}
	first, _, _ := strings.Cut(trim, "\n")
	switch {
	case strings.Contains(first, " = ") || strings.HasPrefix(first, "[") && strings.HasSuffix(first, "]"):
		return ".toml"
	case strings.Contains(first, ": ") || strings.HasSuffix(first, ":") || strings.HasPrefix(first, "- ") || first == "---":
		return ".yaml"
	case strings.Contains(first, ","):
		return ".csv"
	}
	return ".yaml"
}

// Markdownify is markdownify.
func (t transformNS) Markdownify(s any) (template.HTML, error) { return t.r.markdownify(s) }

// Plainify is plainify (Hugo's on a Hugo site).
func (t transformNS) Plainify(s any) string {
	if t.r.cfg.FromHugo() {
		return hugoPlainify(s)
	}
	return plainify(s)
}

// HTMLEscape is htmlEscape.
func (transformNS) HTMLEscape(s any) string { return htmlEscape(s) }

// HTMLUnescape decodes entities.
func (transformNS) HTMLUnescape(s any) string { return html.UnescapeString(toString(s)) }

// Highlight is highlight.
func (t transformNS) Highlight(code any, lang string, opts ...any) (template.HTML, error) {
	return t.r.highlight(code, lang, opts...)
}

// CanHighlight reports whether lang has a highlighter.
func (transformNS) CanHighlight(lang string) bool { return lexers.Get(lang) != nil }

// XMLEscape escapes for XML.
func (transformNS) XMLEscape(s any) template.HTML { return xmlEscape(s) }

// Jsonify is jsonify.
func (transformNS) Jsonify(args ...any) (template.HTML, error) { return hugoJsonify(args...) }

// hugoJsonify is Hugo's jsonify [OPTIONS] INPUT: OPTIONS may set "indent"
// and "prefix"; <, > and & are escaped (\u003c...), as Hugo's are.
func hugoJsonify(args ...any) (template.HTML, error) {
	if len(args) == 0 || len(args) > 2 {
		return "", errors.New("jsonify: want [OPTIONS] INPUT")
	}
	var prefix, indent string
	if len(args) == 2 {
		o, _ := args[0].(map[string]any)
		prefix, _ = o["prefix"].(string)
		indent, _ = o["indent"].(string)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent(prefix, indent)
	if err := enc.Encode(args[len(args)-1]); err != nil {
		return "", fmt.Errorf("jsonify: %w", err)
	}
	return template.HTML(bytes.TrimRight(b.Bytes(), "\n")), nil
}
