package treeexec

import (
	"bytes"
	"html/template"
	"testing"
)

// fuzzTemplate puts one value, as a plain string and as each content type,
// in every context whose escapers treeexec implements.
const fuzzTemplate = `{{ range .Values }}{{ . }}|<p title="{{ . }}" class={{ . }}>` +
	`<a href="{{ . }}">x</a><a href="/q?v={{ . }}#{{ . }}">y</a><a href="http://h/{{ . }}/z">` +
	`<script>var v = {{ . }};</script><textarea>{{ . }}</textarea><!-- {{ . }} -->{{ end }}` +
	`<title>{{ block "t" . }}{{ range .Values }}{{ . }}{{ end }}{{ end }}</title>`

type fuzzData struct{ Values []any }

func fuzzValues(s string) fuzzData {
	return fuzzData{Values: []any{s, &s, template.HTML(s), template.URL(s), template.JS(s), template.HTMLAttr(s),
		template.CSS(s), template.JSStr(s), template.Srcset(s), stringer(s), []string{s, s}, nil, len(s)}}
}

// FuzzSameAsHTMLTemplate: for any text, treeexec's escapers give
// html/template's output.
func FuzzSameAsHTMLTemplate(f *testing.F) {
	for _, s := range []string{"", "plain", `<b>"q" & 'a'</b> + =`, "javascript:alert(1)", "http://x/a b?c=d&e=%zz%41",
		"\x00\ufdd0\ufffe\xff\xfe", "mailto:a@b", " \t\n=`", "é€😀", "</textarea><script>", "%", "a%2", "HTTPS://X"} {
		f.Add(s)
	}
	tmpl := template.Must(template.New("f").Parse(fuzzTemplate))
	if err := tmpl.Execute(&bytes.Buffer{}, fuzzValues("")); err != nil {
		f.Fatal(err)
	}
	p, err := compileCase(f, tmpl)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want, got bytes.Buffer
		werr := tmpl.Execute(&want, fuzzValues(s))
		gerr := p.Execute(&got, fuzzValues(s))
		if werr != nil || gerr != nil {
			t.Fatalf("errors: html/template %v, treeexec %v", werr, gerr)
		}
		if got.String() != want.String() {
			t.Errorf("for %q:\n got %q\nwant %q", s, got.String(), want.String())
		}
	})
}
