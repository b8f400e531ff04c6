package treeexec

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"
)

// escaper is one of html/template's escaping functions, called by the
// name html/template's escaper puts into pipelines.
type escaper struct {
	// plain escapes a string of one content type.
	plain func(s string, t contentType) (string, bool)
	// probe names the html/template context (probes) that gives the
	// escaper's output for the cases plain leaves (ok false).
	probe string
}

// contentType is html/template's: the type of a value of one of its
// string types (template.HTML...), or plain.
type contentType int

const (
	ctPlain contentType = iota
	ctCSS
	ctHTML
	ctHTMLAttr
	ctJS
	ctJSStr
	ctURL
	ctSrcset
)

var contentTypes = map[reflect.Type]contentType{
	reflect.TypeFor[template.CSS]():      ctCSS,
	reflect.TypeFor[template.HTML]():     ctHTML,
	reflect.TypeFor[template.HTMLAttr](): ctHTMLAttr,
	reflect.TypeFor[template.JS]():       ctJS,
	reflect.TypeFor[template.JSStr]():    ctJSStr,
	reflect.TypeFor[template.URL]():      ctURL,
	reflect.TypeFor[template.Srcset]():   ctSrcset,
}

// escapers are the escapers this package implements, by the names
// html/template gives them in escaped trees. Others make Compile fail.
var escapers = map[string]escaper{
	"_html_template_htmlescaper": {plain: func(s string, t contentType) (string, bool) {
		if t == ctHTML {
			return s, true
		}
		return replace(s, &htmlTable, true), true
	}, probe: "html"},
	"_html_template_attrescaper": {plain: func(s string, t contentType) (string, bool) {
		if t == ctHTML {
			return "", false // html/template strips its tags
		}
		return replace(s, &htmlTable, true), true
	}, probe: "attr"},
	"_html_template_rcdataescaper": {plain: func(s string, t contentType) (string, bool) {
		if t == ctHTML {
			return replace(s, &htmlNormTable, true), true
		}
		return replace(s, &htmlTable, true), true
	}, probe: "rcdata"},
	"_html_template_nospaceescaper": {plain: func(s string, t contentType) (string, bool) {
		if s == "" {
			return failsafe, true
		}
		if t == ctHTML {
			return "", false
		}
		return replace(s, &nospaceTable, false), true
	}, probe: "nospace"},
	"_html_template_urlfilter": {plain: func(s string, t contentType) (string, bool) {
		if t == ctURL || safeURL(s) {
			return s, true
		}
		return "#" + failsafe, true
	}},
	"_html_template_urlnormalizer": {plain: func(s string, t contentType) (string, bool) {
		return processURL(s, true), true
	}},
	"_html_template_urlescaper": {plain: func(s string, t contentType) (string, bool) {
		return processURL(s, t == ctURL), true
	}},
	"_html_template_jsvalescaper": {plain: func(s string, t contentType) (string, bool) {
		if t == ctJS {
			return s, true
		}
		return "", false
	}, probe: "jsval"},
	"_html_template_commentescaper": {plain: func(string, contentType) (string, bool) { return "", true }},
}

// failsafe is what html/template outputs for a value unsafe where it is.
const failsafe = "ZgotmplZ"

// one escapes a single value (the pipeline's).
func (e escaper) one(v reflect.Value) string {
	if v.Kind() == reflect.String {
		t, typed := contentTypes[v.Type()]
		if v.Type() == stringType || typed {
			if out, ok := e.plain(v.String(), t); ok {
				return out
			}
			return e.probed(v.Interface())
		}
	}
	if !v.IsValid() {
		return e.many([]any{nil})
	}
	return e.many([]any{v.Interface()})
}

// many escapes values as html/template's escapers take them (...any).
func (e escaper) many(args []any) string {
	s, t, ok := stringify(args)
	if ok {
		if out, ok := e.plain(s, t); ok {
			return out
		}
	}
	return e.probed(args...)
}

// stringify is html/template's: one value of a content type (through
// pointers) keeps its type; a plain string is itself; anything else is
// fmt.Sprint of the values (nil left out) through pointers to a String
// or Error method. ok false: the escaper needs html/template (the jsval
// escaper marshals values as JSON).
func stringify(args []any) (string, contentType, bool) {
	if len(args) == 1 {
		a := derefAll(args[0])
		if s, ok := a.(string); ok {
			return s, ctPlain, true
		}
		if a != nil {
			v := reflect.ValueOf(a)
			if t, ok := contentTypes[v.Type()]; ok {
				return v.String(), t, true
			}
		}
	}
	vals := make([]any, 0, len(args))
	for _, a := range args {
		if a == nil {
			continue
		}
		vals = append(vals, toStringerOrError(a))
	}
	return fmt.Sprint(vals...), ctPlain, true
}

// derefAll follows pointers while they are not nil.
func derefAll(a any) any {
	if a == nil || reflect.TypeOf(a).Kind() != reflect.Pointer {
		return a
	}
	v := reflect.ValueOf(a)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// toStringerOrError follows pointers until a value has a String or Error
// method.
func toStringerOrError(a any) any {
	v := reflect.ValueOf(a)
	for !v.Type().Implements(stringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// probes are small html/template templates in which the value is
// escaped by exactly one escaper, between a fixed prefix and suffix: the
// reference output for the cases this package leaves to html/template.
var probes = sync.OnceValue(func() map[string]*probe {
	out := map[string]*probe{}
	for name, src := range map[string][2]string{
		"html":    {"<p>", "</p>"},
		"attr":    {`<p title="`, `">`},
		"rcdata":  {"<textarea>", "</textarea>"},
		"nospace": {"<p title=", ">"},
		"jsval":   {"<script>", "</script>"},
	} {
		t := template.Must(template.New(name).Parse(src[0] + "{{.}}" + src[1]))
		out[name] = &probe{t: t, prefix: src[0], suffix: src[1]}
	}
	return out
})

type probe struct {
	t              *template.Template
	prefix, suffix string
}

// probed runs the escaper's probe on args (one value: the probe's dot;
// several: their fmt.Sprint, as html/template joins them first).
func (e escaper) probed(args ...any) string {
	p := probes()[e.probe]
	if p == nil {
		fail(fmt.Errorf("escaper without a probe: %w", ErrUnsupported))
	}
	var data any
	if len(args) == 1 {
		data = args[0]
	} else {
		fail(fmt.Errorf("escaper with %d values: %w", len(args), ErrUnsupported))
	}
	var b bytes.Buffer
	if err := p.t.Execute(&b, data); err != nil {
		fail(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, p.prefix) || !strings.HasSuffix(out, p.suffix) {
		fail(fmt.Errorf("probe %s gave %q: %w", e.probe, out, ErrUnsupported))
	}
	return out[len(p.prefix) : len(out)-len(p.suffix)]
}

// table maps the ASCII characters an escaper replaces to their
// replacement.
type table [128]string

var htmlTable = table{
	0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;",
}

var htmlNormTable = table{
	0: "\uFFFD", '"': "&#34;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;",
}

var nospaceTable = table{
	0: "&#xfffd;", '\t': "&#9;", '\n': "&#10;", '\v': "&#11;", '\f': "&#12;", '\r': "&#13;",
	' ': "&#32;", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;",
	'=': "&#61;", '>': "&gt;", '`': "&#96;",
}

// replace replaces s's characters found in tab; without badRunes, also
// the noncharacters U+FDD0–U+FDEF and U+FFF0–U+FFFF (as &#x...;). A
// string with nothing to replace is returned as it is.
func replace(s string, tab *table, badRunes bool) string {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if tab[c] != "" {
				break
			}
			continue
		}
		if !badRunes {
			break // maybe a noncharacter or invalid UTF-8: the slow loop decides
		}
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	written := i
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r < utf8.RuneSelf {
			if repl := tab[r]; repl != "" {
				b.WriteString(s[written:i])
				b.WriteString(repl)
				written = i + w
			}
		} else if !badRunes && (0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff) {
			b.WriteString(s[written:i])
			fmt.Fprintf(&b, "&#x%x;", r)
			written = i + w
		}
		i += w
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// safeURL: a URL without a scheme, or with http, https or mailto.
func safeURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

// processURL percent-encodes s's bytes that are not unreserved; norm
// (normalising) keeps reserved characters and valid %XX escapes.
func processURL(s string, norm bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if urlKeeps(s, i, norm) {
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(&b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func urlKeeps(s string, i int, norm bool) bool {
	c := s[i]
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	case c == '-' || c == '.' || c == '_' || c == '~':
		return true
	case c == '%':
		return norm && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2])
	}
	if norm {
		return strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0
	}
	return false
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
