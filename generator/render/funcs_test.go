package render

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/site"
)

// newTestRenderer makes a renderer over a site folder holding files.
func newTestRenderer(t *testing.T, files map[string]string) *Renderer {
	t.Helper()
	dir := writeSite(t, files)
	cfg, err := config.Parse([]byte("title: T\nbaseURL: https://x.example/sub/\n"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(dir, cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r.SetSite(&site.Site{BaseURL: "https://x.example/sub/", BasePath: "/sub", Params: map[string]any{}})
	return r
}

// writeSite writes files (slash paths to contents) into a new temporary
// site folder and returns it.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestFuncs runs each function through a real template.
func TestFuncs(t *testing.T) {
	tests := []struct{ tmpl, want string }{
		{`{{ relURL "x/y.png" }}`, "/sub/x/y.png"},
		{`{{ relURL "/sub/x/" }}`, "/sub/x/"},
		{`{{ absURL "x/" }}`, "https://x.example/sub/x/"},
		{`{{ absURL "https://o.example/" }}`, "https://o.example/"},
		{`{{ markdownify "*hi*" }}`, "<em>hi</em>"},
		{`{{ plainify "<b>bold</b> text" }}`, "bold text"},
		{`{{ plainify "<p>&lsquo;Hi&rsquo; &amp; bye</p>" }}`, "‘Hi’ &amp; bye"},
		{`{{ truncate 12 "The quick brown fox jumps" }}`, "The quick…"},
		{`{{ truncate 50 "short" }}`, "short"},
		{`{{ urlize "Brand Voice" }}`, "brand-voice"},
		{`{{ title "the big story" }}`, "The Big Story"},
		{`{{ upper "a" }}{{ lower "B" }}`, "Ab"},
		{`{{ jsonify (dict "a" 1) }}`, `{&#34;a&#34;:1}`},
		{`{{ default "none" "" }} {{ default "none" "x" }}`, "none x"},
		{`{{ range first 2 (slice 1 2 3) }}{{ . }}{{ end }}`, "12"},
		{`{{ range after 2 (slice 1 2 3) }}{{ . }}{{ end }}`, "3"},
		{`{{ add 1 2 }} {{ sub 5 2 }} {{ add 1.5 1 }}`, "3 3 2.5"},
		{`{{ range seq 3 }}{{ . }}{{ end }} {{ range seq 2 4 }}{{ . }}{{ end }}`, "123 234"},
		{`{{ isset (dict "a" 1) "a" }} {{ isset (dict "a" 1) "b" }}`, "true false"},
		{`{{ range where (slice (dict "k" "a") (dict "k" "b")) "k" "b" }}{{ .k }}{{ end }}`, "b"},
		{`{{ dateFormat "January 2, 2006" .Date }}|{{ isoDate .Date }}`, "March 1, 2024|2024-03-01T10:00:00Z"},
		{`{{ partial "hello" "you" }}`, "hello you"},
		{`{{ safeHTML "<i>x</i>" }}`, "<i>x</i>"},
	}
	r := newTestRenderer(t, map[string]string{"layouts/partials/hello.html": "hello {{ . }}"})
	for _, tt := range tests {
		tm, err := template.New("t").Funcs(r.funcMap()).Parse(tt.tmpl)
		if err != nil {
			t.Errorf("%s: %v", tt.tmpl, err)
			continue
		}
		var b bytes.Buffer
		data := map[string]any{"Date": mustTime(t, "2024-03-01T10:00:00Z")}
		if err := tm.Execute(&b, data); err != nil {
			t.Errorf("%s: %v", tt.tmpl, err)
			continue
		}
		if b.String() != tt.want {
			t.Errorf("%s = %q, want %q", tt.tmpl, b.String(), tt.want)
		}
	}
}

func TestAsset(t *testing.T) {
	r := newTestRenderer(t, map[string]string{"themes/default/layouts/index.html": "x", "themes/default/assets/css/main.css": "body{}", "assets/css/main.css": "p { color: red; }"})
	a, err := r.asset("css/main.css")
	if err != nil {
		t.Fatal(err)
	}
	if string(a.Data) != "p{color:red}" || !strings.HasPrefix(a.RelPermalink, "/sub/assets/css/main.") ||
		!strings.HasSuffix(a.OutPath, ".css") || !strings.HasPrefix(a.Integrity, "sha384-") {
		t.Errorf("asset = %+v", a)
	}
	syn, err := r.asset(SyntaxCSS)
	if err != nil || !bytes.Contains(syn.Data, []byte(".chroma")) {
		t.Errorf("syntax.css: %v %.60s", err, syn.Data)
	}
	if _, err := r.asset("css/none.css"); err == nil {
		t.Error("a missing asset is not an error")
	}
}

// TestCandidatesFindDefaultThemeLayouts: the default theme's files are
// still what each kind of page gets first among them.
func TestCandidatesFindDefaultThemeLayouts(t *testing.T) {
	have := map[string]bool{"index.html": true, "404.html": true, "_default/list.html": true, "_default/single.html": true,
		"_default/term.html": true, "_default/terms.html": true, "_default/wide.html": true, "stories/single.html": true}
	html, _ := (&config.Config{}).Formats().Get("HTML")
	tests := []struct {
		page site.Page
		want string
	}{
		// As in Hugo, the type folder comes before the layout name.
		{site.Page{Kind: site.KindPage, Section: "stories", Type: "stories", Layout: "wide"}, "stories/single.html"},
		{site.Page{Kind: site.KindPage, Section: "notes", Type: "notes", Layout: "wide"}, "_default/wide.html"},
		{site.Page{Kind: site.KindPage, Section: "stories", Type: "stories"}, "stories/single.html"},
		{site.Page{Kind: site.KindPage}, "_default/single.html"},
		{site.Page{Kind: site.KindSection, Section: "stories", Type: "stories"}, "_default/list.html"},
		{site.Page{Kind: site.KindHome}, "index.html"},
		{site.Page{Kind: site.KindTaxonomy, Section: "tags", Type: "tags"}, "_default/terms.html"},
		{site.Page{Kind: site.KindTerm, Section: "tags", Type: "tags"}, "_default/term.html"},
		{site.Page{Kind: site.Kind404}, "404.html"},
	}
	for _, tt := range tests {
		got := ""
		for _, c := range Candidates(DescriptorOf(&tt.page, html, map[string]string{"tags": "tag"})) {
			if have[c] {
				got = c
				break
			}
		}
		if got != tt.want {
			t.Errorf("%s %q finds %s, want %s", tt.page.Kind, tt.page.Layout, got, tt.want)
		}
	}
}

func mustTime(t *testing.T, s string) any {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// TestExecuteErrorInPartial: an error inside a partial is located in the
// partial's file, not in the layout that called it.
func TestExecuteErrorInPartial(t *testing.T) {
	r := newTestRenderer(t, map[string]string{
		"themes/default/layouts/_default/single.html": "{{ partial \"meta\" . }}",
		"layouts/partials/meta.html":                  "ok\n{{ .Nope }}",
	})
	l, _ := r.Lookup(&site.Page{Kind: site.KindPage})
	err := r.Execute(new(bytes.Buffer), l, &site.Page{Kind: site.KindPage})
	if err == nil || !strings.HasPrefix(err.Error(), "layouts/partials/meta.html:2:3: <.Nope>: can't evaluate field Nope") {
		t.Errorf("err = %v", err)
	}
}

// TestWhereStructFields: where reads a field by name over a list whose
// items are structs of different types (the field found by name in
// each), structs without it, maps; a value that is not a string compares
// by its printed form, as in Hugo.
func TestWhereStructFields(t *testing.T) {
	type tag struct{ Name, Slug string }
	type other struct {
		Weight int
		Name   string
	}
	list := []any{tag{Name: "go", Slug: "g"}, other{Name: "go", Weight: 2}, struct{ Title string }{"go"},
		map[string]any{"Name": "go"}, &tag{Name: "rust"}, &other{Name: "go", Weight: 3}, tag{Name: "go", Slug: "x"}}
	got, err := where(list, "Name", "go")
	if err != nil {
		t.Fatal(err)
	}
	want := []any{list[0], list[1], list[3], list[5], list[6]}
	if g := got.([]any); len(g) != len(want) {
		t.Fatalf("where Name go = %v, want %v", g, want)
	}
	for i, w := range want {
		if g := got.([]any)[i]; fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("item %d = %v, want %v", i, g, w)
		}
	}
	got, err = where(list, ".Weight", 3)
	if err != nil {
		t.Fatal(err)
	}
	if g := got.([]any); len(g) != 1 || g[0] != list[5] {
		t.Errorf("where Weight 3 = %v, want [%v]", g, list[5])
	}
	got, err = where(list, "Weight", "2") // 2 prints as "2"
	if err != nil {
		t.Fatal(err)
	}
	if g := got.([]any); len(g) != 1 || fmt.Sprint(g[0]) != fmt.Sprint(list[1]) {
		t.Errorf(`where Weight "2" = %v, want [%v]`, g, list[1])
	}
}
