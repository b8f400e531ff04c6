package treeexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strings"
	"testing"
	"text/template/parse"
	"time"
)

// The data the tests' templates see.
type item struct {
	Name  string
	Count int
	Tags  []string
	Sub   *item
	Meta  map[string]any
	HTML  template.HTML
	When  time.Time
	priv  string
	Items []*item
}

func (i *item) Title() string                       { return strings.ToUpper(i.Name) }
func (i item) Value() string                        { return "v:" + i.Name }
func (i *item) Twice(n int) int                     { return 2 * n }
func (i *item) Join(sep string, s ...string) string { return strings.Join(s, sep) }
func (i *item) Fails() (string, error)              { return "", errors.New("it fails") }
func (i *item) Nothing() *item                      { return nil }
func (i *item) Any() any                            { return i.Count }
func (i *item) NilAny() any                         { return nil }
func (i *item) Stringer() fmt.Stringer              { return stringer("str") }
func (i *item) Link() template.URL                  { return "javascript:alert(1)" }
func (i *item) Bad() string                         { return "javascript:alert('x')" }
func (i *item) Script() template.JS                 { return `{"a": 1}` }

type stringer string

func (s stringer) String() string { return "<" + string(s) + ">" }

func testData() *item {
	sub := &item{Name: "sub & co", Count: 0, Meta: map[string]any{}}
	return &item{
		Name: `Tom "the" <b>cat</b> & 'friends' + 1`, Count: 3, Tags: []string{"a", "b&c", "<d>"},
		Sub: sub, HTML: `<em class="x">hi</em> & <b>there</b>`,
		Meta:  map[string]any{"k": "v", "n": 2, "list": []any{1, "two", nil}, "z": "<z>", "nil": nil, "b": true, "html": template.HTML("<i>i</i>")},
		When:  time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC),
		priv:  "hidden",
		Items: []*item{{Name: "one", Count: 1}, {Name: "two", Count: 2}, {Name: "three", Count: 0}},
	}
}

func testFuncs() template.FuncMap {
	return template.FuncMap{
		"upper":   strings.ToUpper,
		"join":    func(sep string, s ...any) string { return fmt.Sprint(append([]any{sep}, s...)...) },
		"add":     func(a, b int) int { return a + b },
		"safe":    func(s string) template.HTML { return template.HTML(s) },
		"safeURL": func(s string) template.URL { return template.URL(s) },
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m
		},
		"index": func(c any, k any) any {
			v := reflect.ValueOf(c)
			if v.Kind() == reflect.Map {
				return v.MapIndex(reflect.ValueOf(k)).Interface()
			}
			return v.Index(k.(int)).Interface()
		},
		"fail": func() (string, error) { return "", errors.New("failed") },
		"boom": func() string { panic("boom") },
		"ptr":  func(s string) *string { return &s },
		"val":  func(v any) any { return v },
		"seq": func(n int) []int {
			s := make([]int, n)
			for i := range s {
				s[i] = i
			}
			return s
		},
		"eqs": func(a, b any) bool { return fmt.Sprint(a) == fmt.Sprint(b) },
		"typed": func() []any {
			return []any{template.HTML("<b>h</b>"), template.URL("http://x/?a=<1>"), template.JS("x<y"), template.CSS("a:b"), template.HTMLAttr(`a="b"`), template.JSStr("s'"), template.Srcset("a.png 1x")}
		},
	}
}

// cases are templates in many contexts, each run by html/template and by
// treeexec on the same data.
var cases = []string{
	`plain {{ .Name }} {{ .Count }} {{ .Title }} {{ .Value }}`,
	`{{ .Sub.Name }}|{{ .Sub.Title }}|{{ .Sub.Sub }}|{{ .Nothing }}|{{ .Meta.k }}|{{ .Meta.missing }}|{{ .Meta.nil }}`,
	`<a href="{{ .Bad }}" title="{{ .Name }}">{{ .HTML }}</a><a title="{{ .HTML }}">`,
	`<a href="/q?x={{ .Name }}&y={{ .Count }}">x</a><a href="{{ .Link }}">l</a><a href="{{ safeURL "http://a/b c%20d" }}">`,
	`<img alt={{ .Name }} src={{ .Sub.Name }}><p class={{ "" }}>`,
	`<script>var x = {{ .Name }}; var y = {{ .Meta }}; var z = {{ .Script }};</script>`,
	`<script type="application/ld+json">{{ .Script }}</script>`,
	`<textarea>{{ .Name }}{{ .HTML }}</textarea><title>{{ .Name }}</title>`,
	`<!-- {{ .Name }} --><p>{{ .HTML }}</p>`,
	`{{ range .Tags }}[{{ . }}]{{ end }}{{ range $i, $t := .Tags }}{{ $i }}={{ $t }};{{ end }}{{ range .Sub.Tags }}x{{ else }}empty{{ end }}`,
	`{{ range $k, $v := .Meta }}{{ $k }}:{{ $v }},{{ end }}{{ range $v := .Meta }}{{ $v }}{{ end }}`,
	`{{ range 3 }}{{ . }}{{ end }}{{ range $i := 2 }}[{{ $i }}]{{ end }}{{ range 0 }}x{{ else }}none{{ end }}`,
	`{{ range .Items }}{{ if eqs .Count 2 }}{{ break }}{{ end }}{{ .Name }}{{ end }}|{{ range .Items }}{{ if not .Count }}{{ continue }}{{ end }}{{ .Name }}{{ end }}`,
	`{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ $y }}{{ end }}{{ $x }}{{ with .Sub }}{{ $x = .Name }}{{ end }}{{ $x }}`,
	`{{ with .Sub }}{{ .Name }}{{ else }}no{{ end }}{{ with .Nothing }}x{{ else with .Sub }}y{{ .Name }}{{ else }}z{{ end }}{{ with $s := .Sub }}{{ $s.Name }}{{ end }}`,
	`{{ if and .Count .Name }}a{{ end }}{{ if or .Sub.Count .Sub.Name }}b{{ end }}{{ and 1 0 2 }}{{ or 0 "" "x" }}{{ or 0 "" }}{{ and .Count .Name }}{{ .Count | and 1 }}{{ not .Count }}{{ not 0 }}`,
	`{{ len .Tags }}{{ len .Name }}{{ len .Meta }}{{ print .Count "x" 1.5 }}{{ printf "%05d-%s-%v" .Count .Name .Tags }}{{ println "a" 2 }}{{ print nil }}`,
	`{{ upper .Name }}{{ .Name | upper }}{{ join "-" 1 2 .Count }}{{ add 1 2 | add .Count }}{{ add 0x10 'a' }}`,
	`{{ .Twice 4 }}{{ .Twice .Count }}{{ .Join "," "a" "b" }}{{ .Join "," }}{{ (.Twice 2) }}{{ (index .Items 1).Name }}{{ (.Sub).Name }}`,
	`{{ safe "<b>bold</b>" }}<a title="{{ safe "<b>x</b>" }}">{{ .Stringer }}</a><p title={{ safe "<i>x</i> y" }}>`,
	`{{ ptr "p<>" }}<a title="{{ ptr "q&" }}">{{ val .Count }}{{ val nil }}{{ val .Meta.nil }}{{ .NilAny }}{{ .Any }}`,
	`{{ range typed }}[{{ . }}]<a title="{{ . }}" href="{{ . }}">{{ end }}<script>{{ range typed }}{{ . }};{{ end }}</script>`,
	`{{ range typed }}<p title={{ . }}>{{ end }}<textarea>{{ range typed }}{{ . }}{{ end }}</textarea>`,
	`{{ $d := dict "a" 1 "b" .Name }}{{ $d.a }}{{ $d.b }}{{ index $d "a" }}{{ range $k, $v := $d }}{{ $k }}{{ end }}`,
	`{{ define "x" }}<b>{{ .Name }}</b>{{ template "y" .Sub }}{{ end }}{{ define "y" }}[{{ . }}]{{ with . }}{{ .Name }}{{ end }}{{ end }}{{ template "x" . }}{{ template "y" }}{{ block "z" .Count }}z{{ . }}{{ end }}`,
	`{{ seq 3 }}{{ range seq 3 }}{{ . }}{{ end }}{{ eqs 1 "1" }}{{ if eqs .Count 3 }}three{{ end }}`,
	`{{ .When }}{{ .When.Year }}{{ .When.Format "2006-01-02" }}{{ .When.IsZero }}{{ .Sub.When.IsZero }}`,
	`{{- /* comment */ -}} a {{- " b " -}} c {{ 1.5 }} {{ 1e3 }} {{ 0x1F }} {{ true }} {{ "s" }} {{ 'x' }} {{ . | printf "%T" }}`,
	`<a href="{{ .Name }}">{{ .Name }}</a><a href="http://x/{{ .Name }}?{{ .Name }}#{{ .Name }}">`,
	`<a onclick="f({{ .Name }})">x</a><a onclick='g({{ .Tags }})'>y</a>`,
	`{{ $n := 0 }}{{ range .Items }}{{ $n = add $n .Count }}{{ end }}{{ $n }}{{ range $i, $e := .Items }}{{ if $i }},{{ end }}{{ $e.Name }}{{ end }}`,
	`<title>{{ block "title" . }}{{ .Name }}|{{ .HTML }}{{ if .Count }}{{ .Name | upper }}{{ end }}{{ $x := 1 }}{{ $x }}{{ end }}</title><textarea>{{ block "ta" . }}{{ .HTML }}{{ end }}</textarea>`,
	`{{ with .Meta.list }}{{ range . }}<{{ . }}>{{ end }}{{ end }}{{ index .Meta.list 1 }}`,
}

// parseCase parses src as html/template with the test funcs.
func parseCase(t testing.TB, src string) *template.Template {
	t.Helper()
	tmpl, err := template.New("t").Funcs(testFuncs()).Parse(src)
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return tmpl
}

// compileCase compiles an escaped html/template for treeexec.
func compileCase(t testing.TB, tmpl *template.Template) (*Program, error) {
	lookup := func(name string) *parse.Tree {
		if c := tmpl.Lookup(name); c != nil {
			return c.Tree
		}
		return nil
	}
	return Compile(tmpl.Name(), tmpl.Tree, lookup, testFuncs(), Options{Func: testDirect, MethodArgs: testMethodArgs})
}

// testMethodArgs calls two of the test methods with arguments directly
// (MethodArgsFunc), so the tests run both ways of calling methods.
func testMethodArgs(m reflect.Method) MethodArgsFunc {
	switch f := m.Func.Interface().(type) {
	case func(*item, int) int:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			return reflect.ValueOf(f(v.Interface().(*item), int(a[0].Int()))), nil
		}
	case func(*item, string, ...string) string:
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			s := make([]string, 0, len(a)-1)
			for _, x := range a[1:] {
				s = append(s, x.String())
			}
			return reflect.ValueOf(f(v.Interface().(*item), a[0].String(), s...)), nil
		}
	}
	return nil
}

// testDirect calls two of the test functions directly (FuncFunc), so the
// tests run both ways of calling.
func testDirect(fn any) FuncFunc {
	switch f := fn.(type) {
	case func(string) string:
		return func(a []reflect.Value) (reflect.Value, error) { return reflect.ValueOf(f(a[0].String())), nil }
	case func(string, ...any) string:
		return func(a []reflect.Value) (reflect.Value, error) {
			vals := make([]any, 0, len(a)-1)
			for _, v := range a[1:] {
				vals = append(vals, v.Interface())
			}
			return reflect.ValueOf(f(a[0].String(), vals...)), nil
		}
	case func() (string, error):
		return func([]reflect.Value) (reflect.Value, error) {
			s, err := f()
			return reflect.ValueOf(s), err
		}
	}
	return nil
}

// both runs src with html/template and with treeexec; it returns their
// outputs and errors.
func both(t testing.TB, src string, data any) (want, got string, werr, gerr error) {
	t.Helper()
	tmpl := parseCase(t, src)
	var w bytes.Buffer
	werr = tmpl.Execute(&w, data)
	p, err := compileCase(t, tmpl)
	if err != nil {
		if werr != nil {
			return w.String(), "", werr, err // a template that does not escape
		}
		t.Fatalf("compile %q: %v", src, err)
	}
	var g bytes.Buffer
	gerr = p.Execute(&g, data)
	return w.String(), g.String(), werr, gerr
}

func TestSameAsHTMLTemplate(t *testing.T) {
	for _, src := range cases {
		for _, data := range []any{testData(), *testData(), testData().Sub} {
			want, got, werr, gerr := both(t, src, data)
			if werr != nil {
				if gerr == nil {
					t.Errorf("%q on %T: html/template fails (%v), treeexec does not: %q", src, data, werr, got)
				}
				continue
			}
			if gerr != nil {
				t.Errorf("%q on %T: treeexec fails: %v (want %q)", src, data, gerr, want)
				continue
			}
			if got != want {
				t.Errorf("%q on %T:\n got %q\nwant %q", src, data, got, want)
			}
		}
	}
}

// TestErrorsAreErrors: where html/template fails, treeexec fails too (its
// caller then runs html/template, whose error is the one reported).
func TestErrorsAreErrors(t *testing.T) {
	for _, src := range []string{
		`{{ .Fails }}`, `{{ fail }}`, `{{ boom }}`, `{{ .Nope }}`, `{{ .priv }}`, `{{ .Nothing.Name }}`,
		`{{ .Twice "x" }}`, `{{ add 1 }}`, `{{ .Name 1 }}`, `{{ template "nope" }}`, `{{ index 1 2 }}`,
		`{{ len 3 }}`, `{{ range .Count | printf "%d" }}{{ . }}{{ end }}`, `{{ .Meta.k.x }}`,
	} {
		_, got, werr, gerr := both(t, src, testData())
		if werr == nil {
			t.Errorf("%q: html/template does not fail", src)
			continue
		}
		if gerr == nil {
			t.Errorf("%q: html/template fails (%v), treeexec gives %q", src, werr, got)
		}
	}
	// A function's error is wrapped as it is (a Hugo partial's return).
	_, _, _, gerr := both(t, `{{ .Fails }}`, testData())
	if gerr == nil || !strings.Contains(gerr.Error(), "it fails") {
		t.Errorf("error of a method: %v", gerr)
	}
}

// TestUnsupportedIsReported: what treeexec does not run makes Compile fail.
func TestUnsupportedIsReported(t *testing.T) {
	for _, src := range []string{`{{ html .Name }}`, `{{ urlquery .Name }}`, `{{ call .Name }}`, `{{ js .Name }}`,
		`<style>p { color: {{ .Name }} }</style>`, `<a style="color: {{ .Name }}">y</a>`,
		`{{ define "t2" }}{{ .Name }}{{ end }}<title>{{ template "t2" . }}</title>{{ template "t2" . }}`,
		`<a title="{{ block "b" . }}{{ .Name }}{{ end }}">`} {
		tmpl := template.Must(template.New("t").Parse(src))
		if err := tmpl.Execute(io.Discard, testData()); err != nil {
			continue // not valid html/template either
		}
		if _, err := compileCase(t, tmpl); !IsUnsupported(err) {
			t.Errorf("%q: compile error %v, want unsupported", src, err)
		}
	}
}

// TestConcurrent runs one Program from several goroutines (its caches
// are shared).
func TestConcurrent(t *testing.T) {
	tmpl := parseCase(t, cases[1]+cases[10]+cases[19])
	other := testData()
	other.Name, other.Count, other.Sub.Name = "other", 7, "other sub"
	datas := []*item{testData(), other}
	var wants []string
	for _, d := range datas {
		var want bytes.Buffer
		if err := tmpl.Execute(&want, d); err != nil {
			t.Fatal(err)
		}
		wants = append(wants, want.String())
	}
	p, err := compileCase(t, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		go func() {
			for range 50 {
				var b bytes.Buffer
				if err := p.Execute(&b, datas[g%2]); err != nil {
					errs <- err
					return
				}
				if b.String() != wants[g%2] {
					errs <- fmt.Errorf("got %q, want %q", b.String(), wants[g%2])
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
