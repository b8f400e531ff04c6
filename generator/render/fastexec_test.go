package render

import (
	"bytes"
	"testing"

	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/site"
)

// TestFastExecFallsBack: what treeexec cannot run, or stops on, gives
// html/template's own output and error: a run-time error (the same
// message), a range treeexec leaves to it (a map keyed by structs), a
// CSS context (an escaper it lacks), a partial's return; and a layout
// and partial of the plain kind run with treeexec.
func TestFastExecFallsBack(t *testing.T) {
	files := map[string]string{
		"layouts/_default/single.html": `<h1>{{ .Title }}</h1>{{ partial "ok.html" . }}|{{ partial "sum.html" 2 }}|` +
			`{{ partial "css.html" . }}|{{ if eq .Title "fail" }}{{ partial "fails.html" . }}{{ end }}` +
			`{{ if eq .Title "range" }}{{ range .Params.m }}{{ . }}{{ end }}{{ end }}`,
		"layouts/partials/ok.html":    `<p title="{{ .Title }}">{{ .Title | upper }}</p>`,
		"layouts/partials/sum.html":   `{{ return add . 40 }}`,
		"layouts/partials/css.html":   `<p style="color: {{ .Title }}">x</p>`,
		"layouts/partials/fails.html": `before {{ errorf "broken %s" .Title }}`,
	}
	render := func(noFast bool, p *site.Page) (string, error) {
		r := fastExecRenderer(t, files, noFast, &site.Site{BaseURL: "https://x.example/", Params: map[string]any{}})
		l, _ := r.Lookup(p)
		if l == nil {
			t.Fatal("no layout")
		}
		if !noFast && (l.prog == nil || r.partialProgs["partials/ok.html"] == nil || r.partialProgs["partials/sum.html"] == nil) {
			t.Error("the layout or a plain partial is not compiled for treeexec")
		}
		if !noFast && r.partialProgs["partials/css.html"] != nil {
			t.Error("a partial with a CSS context is compiled for treeexec")
		}
		var b bytes.Buffer
		b.WriteString("kept|")
		err := r.Execute(&b, l, p)
		return b.String(), err
	}
	type key struct{ A, B int }
	for _, p := range []*site.Page{
		{Kind: site.KindPage, Title: `a "b" & <c>`},
		{Kind: site.KindPage, Title: "fail"},
		{Kind: site.KindPage, Title: "range", Params: map[string]any{"m": map[key]string{{1, 2}: "x", {0, 1}: "y"}}},
	} {
		want, werr := render(true, p)
		got, gerr := render(false, p)
		if got != want || (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
			t.Errorf("%q:\n got %q, %v\nwant %q, %v", p.Title, got, gerr, want, werr)
		}
	}
}

// TestPartialsWriteIntoPage: partials and forms printed in HTML text write
// their output straight into the page's buffer (partialInto, formInto);
// the page is the same as html/template makes it, whatever the partial
// does: output, return a value (after some output too), call partials
// itself, fail after some output (the output and the error are
// html/template's), run with html/template (a CSS context), or be printed
// elsewhere than in text (an attribute: its tags stripped). A form without
// the time trap's field is an error either way.
func TestPartialsWriteIntoPage(t *testing.T) {
	files := map[string]string{
		"layouts/_default/single.html": `<h1>{{ .Title }}</h1>{{ partial "ok.html" . }}|{{ partial "sum.html" 2 }}|` +
			`{{ partial "late.html" . }}|{{ partial "outer" . }}|{{ partial "css.html" . }}|<a title="{{ partial "ok.html" . }}">|` +
			`{{ range .Params.list }}{{ partial "ok.html" $ }}{{ end }}|{{ form "demo" . }}|{{ partial "nil.html" . }}|` +
			`{{ if eq .Title "fail" }}{{ partial "fails.html" . }}{{ end }}{{ if eq .Title "missing" }}{{ partial "nope.html" . }}{{ end }}`,
		"layouts/partials/ok.html":    `<p title="{{ .Title }}">{{ .Title | upper }}</p>`,
		"layouts/partials/sum.html":   `{{ return add . 40 }}`,
		"layouts/partials/late.html":  `written {{ .Title }} {{ return "<i>returned</i>" }}`,
		"layouts/partials/outer.html": `<div>{{ partial "ok.html" . }}{{ partial "sum.html" 1 }}{{ partial "late.html" . }}</div>`,
		"layouts/partials/css.html":   `<p style="color: {{ .Title }}">x</p>`,
		"layouts/partials/nil.html":   `{{ return nil }}`,
		"layouts/partials/fails.html": `before {{ errorf "broken %s" .Title }}`,
		"layouts/partials/form.html":  `<form action="{{ .Action }}">{{ .Form.Name }}{{ if ne .Page.Title "nofield" }}<input name="_started" value="{{ .Started }}">{{ end }}</form>`,
	}
	render := func(noFast bool, p *site.Page) (string, error) {
		r := fastExecRenderer(t, files, noFast, &site.Site{BaseURL: "https://x.example/", Params: map[string]any{}, Endpoint: "/leads",
			Forms: map[string]*schema.Form{"demo": {Name: "demo"}}, TimeTrap: true})
		l, _ := r.Lookup(p)
		if l == nil {
			t.Fatal("no layout")
		}
		if !noFast && (l.prog == nil || r.partialProgs["partials/outer.html"] == nil) {
			t.Error("the layout or a plain partial is not compiled for treeexec")
		}
		var b bytes.Buffer
		b.WriteString("kept|")
		err := r.Execute(&b, l, p)
		return b.String(), err
	}
	for _, p := range []*site.Page{
		{Kind: site.KindPage, Title: `a "b" & <c>`, Params: map[string]any{"list": []int{1, 2}}},
		{Kind: site.KindPage, Title: "fail"},
		{Kind: site.KindPage, Title: "missing"},
		{Kind: site.KindPage, Title: "nofield"},
	} {
		want, werr := render(true, p)
		got, gerr := render(false, p)
		if got != want || (werr == nil) != (gerr == nil) || werr != nil && werr.Error() != gerr.Error() {
			t.Errorf("%q:\n got %q, %v\nwant %q, %v", p.Title, got, gerr, want, werr)
		}
		if p.Title == "nofield" && gerr == nil {
			t.Errorf("a form without the time trap's field: no error")
		}
	}
}

// fastExecRenderer is the renderer of the layouts in files for site s,
// with treeexec or (noFast) with html/template only.
func fastExecRenderer(t *testing.T, files map[string]string, noFast bool, s *site.Site) *Renderer {
	t.Helper()
	cfg, err := config.Parse([]byte("title: T\nbaseURL: https://x.example/\n"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(writeSite(t, files), cfg, Options{NoFastTemplates: noFast})
	if err != nil {
		t.Fatal(err)
	}
	r.SetSite(s)
	return r
}
