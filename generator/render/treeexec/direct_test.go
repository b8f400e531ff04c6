package treeexec

import (
	"bytes"
	"html/template"
	"io"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"text/template/parse"
)

// frag is a function whose value is HTML, but a plain string (escaped
// where it is printed) for a text starting with "v:".
func frag(s string) (any, error) {
	if strings.HasPrefix(s, "v:") {
		return s, nil
	}
	return template.HTML(s), nil
}

// TestInlineWritesOrEscapes: an action printing a function's value in HTML
// text calls the function's InlineFunc, which writes the output itself or
// gives the value back to be escaped; other actions (attributes, pipelines
// with more commands) call the function as usual. The output is
// html/template's either way.
func TestInlineWritesOrEscapes(t *testing.T) {
	funcs := testFuncs()
	funcs["frag"] = frag
	var inlined atomic.Int32
	opts := Options{Func: testDirect, Inline: func(name string, fn any) InlineFunc {
		if name != "frag" {
			return nil
		}
		f := fn.(func(string) (any, error))
		return func(w Writer, args []reflect.Value) (reflect.Value, bool, error) {
			inlined.Add(1)
			s := args[0].String()
			if strings.HasPrefix(s, "v:") {
				v, err := f(s)
				return reflect.ValueOf(&v).Elem(), false, err
			}
			_, err := w.WriteString(s)
			return reflect.Value{}, true, err
		}
	}}
	for _, c := range []struct {
		src     string
		inlined int32
	}{
		{`<p>{{ frag "<b>x</b> & y" }}</p>`, 1},
		{`{{ frag "v:<i>" }}|{{ frag .Name }}|{{ frag (printf "%s<hr>" .Name) }}`, 3},
		{`{{ range .Tags }}<li>{{ frag . }}</li>{{ end }}`, 3},
		{`<a title="{{ frag "<b>t</b>" }}" href="{{ frag "/x y" }}">{{ "<u>" | frag }}</a>`, 0},
		{`<script>var x = {{ frag "v:1" }};</script>{{ $x := frag "<s>" }}{{ $x }}`, 0},
		{`<textarea>{{ frag "<b>" }}</textarea><title>{{ frag "<b>" }}</title>`, 0},
	} {
		tmpl, err := template.New("t").Funcs(funcs).Parse(c.src)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := tmpl.Execute(&want, testData()); err != nil {
			t.Fatal(err)
		}
		lookup := func(name string) *parse.Tree {
			if l := tmpl.Lookup(name); l != nil {
				return l.Tree
			}
			return nil
		}
		p, err := Compile("t", tmpl.Tree, lookup, funcs, opts)
		if err != nil {
			t.Fatalf("%q: %v", c.src, err)
		}
		inlined.Store(0)
		var got bytes.Buffer
		if err := p.Execute(&got, testData()); err != nil {
			t.Fatalf("%q: %v", c.src, err)
		}
		if got.String() != want.String() {
			t.Errorf("%q:\n got %q\nwant %q", c.src, got.String(), want.String())
		}
		if n := inlined.Load(); n != c.inlined {
			t.Errorf("%q: %d inline calls, want %d", c.src, n, c.inlined)
		}
	}
}

// TestMethodArgsDirect: a method with arguments that Options.MethodArgs
// gives a caller for is called through it, with its arguments converted
// as reflect's Call takes them (a pipeline's value last, variadic ones one
// by one); the output is html/template's.
func TestMethodArgsDirect(t *testing.T) {
	var calls atomic.Int32
	opts := Options{MethodArgs: func(m reflect.Method) MethodArgsFunc {
		direct := testMethodArgs(m)
		if direct == nil {
			return nil
		}
		return func(v reflect.Value, a []reflect.Value) (reflect.Value, error) {
			calls.Add(1)
			return direct(v, a)
		}
	}}
	src := `{{ .Twice 4 }}|{{ .Twice .Count }}|{{ 5 | .Twice }}|{{ .Join "," "a" "<b>" }}|{{ .Join "-" }}|{{ .Sub.Twice 1 }}|<a title="{{ .Join "&" .Name }}">`
	tmpl, err := template.New("t").Funcs(testFuncs()).Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := tmpl.Execute(&want, testData()); err != nil {
		t.Fatal(err)
	}
	p, err := Compile("t", tmpl.Tree, func(string) *parse.Tree { return nil }, testFuncs(), opts)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := p.Execute(&got, testData()); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("got %q\nwant %q", got.String(), want.String())
	}
	if n := calls.Load(); n != 7 {
		t.Errorf("%d direct calls, want 7", n)
	}
	// A wrong argument is an error, as with html/template.
	tmpl = template.Must(template.New("t").Parse(`{{ .Twice "x" }}`))
	if tmpl.Execute(io.Discard, testData()) == nil {
		t.Fatal("html/template runs .Twice \"x\"")
	}
	p, err = Compile("t", tmpl.Tree, func(string) *parse.Tree { return nil }, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Execute(new(bytes.Buffer), testData()); err == nil {
		t.Error(`.Twice "x": no error`)
	}
}

// TestStateReused: an execution reuses the state of one done before (its
// variables and arguments), whatever that one did: failed half-way with
// variables declared, or succeeded; a plain template then allocates
// nothing.
func TestStateReused(t *testing.T) {
	tmpl := parseCase(t, `{{ $n := .Name }}{{ range .Items }}{{ $c := .Count }}{{ if eqs $c 2 }}{{ $n }}{{ end }}{{ end }}`+
		`{{ if eqs .Count 9 }}{{ $x := 1 }}{{ .Fails }}{{ end }}{{ $n }}|{{ .Twice .Count }}`)
	if err := tmpl.Execute(io.Discard, testData()); err != nil { // html/template escapes it
		t.Fatal(err)
	}
	p, err := compileCase(t, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	failing := testData()
	failing.Count = 9
	for i := range 3 {
		for _, d := range []*item{testData(), failing, testData().Sub} {
			var want, got bytes.Buffer
			werr := tmpl.Execute(&want, d)
			gerr := p.Execute(&got, d)
			if (werr == nil) != (gerr == nil) || werr == nil && got.String() != want.String() {
				t.Errorf("round %d, %q: got %q, %v; want %q, %v", i, d.Name, got.String(), gerr, want.String(), werr)
			}
		}
	}
	if raceEnabled {
		return // the race detector drops what a sync.Pool holds at random
	}
	plainTmpl := parseCase(t, `text {{ if .Count }}{{ range .Items }}x{{ end }}{{ end }}`)
	if err := plainTmpl.Execute(io.Discard, testData()); err != nil {
		t.Fatal(err)
	}
	plain, err := compileCase(t, plainTmpl)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	d := testData()
	if n := testing.AllocsPerRun(20, func() {
		b.Reset()
		if err := plain.Execute(&b, d); err != nil {
			t.Fatal(err)
		}
	}); n > 0 {
		t.Errorf("%v allocations per execution, want 0", n)
	}
}
